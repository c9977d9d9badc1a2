//! Converting one cell into the JSON value of a body member, exactly.
//!
//! Amounts are read from their decimal text into integer fen (never through floating point);
//! dates from Excel serial numbers or the spellings departments use; enumerations by wire value
//! or Chinese label. What a value must finally look like is decided by the field type's own reader
//! in the core ([`Scalar::validate`]), so a cell passes here exactly when a body would verify.

use crate::table::Cell;
use qinglian_core::kinds::fields::{Uscc, MAX_SAFE_INTEGER};
use qinglian_core::kinds::schema::{Scalar, ValueClass};
use qinglian_core::time::{civil_from_days, days_from_civil, Date};
use serde_json::{json, Value};

/// Why a cell was refused: the problem code and the reason in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub code: &'static str,
    pub en: String,
    pub zh: String,
}

impl CellError {
    fn new(code: &'static str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        CellError { code, en: en.into(), zh: zh.into() }
    }
    fn of_type(scalar: &Scalar) -> Self {
        CellError::new("CELL_TYPE", format!("expected {}", scalar.expected_en), format!("应为{}", scalar.expected_zh))
    }
}

/// The unit a column's header names for its amounts: 元 (the default) or 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmountUnit {
    #[default]
    Yuan,
    TenThousandYuan,
}

impl AmountUnit {
    /// Decimal places of yuan this unit shifts by (万元 = 10^4 元).
    fn shift(self) -> u32 {
        match self {
            AmountUnit::Yuan => 0,
            AmountUnit::TenThousandYuan => 4,
        }
    }
}

/// Full-width digits, letters and punctuation (FF01–FF5E) and the ideographic space as ASCII.
/// Only for numbers, dates and codes: names and free text keep their Chinese punctuation.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' => '.',
            c => c,
        })
        .collect()
}

/// Convert a cell for a scalar member. `Ok(None)` is an empty cell.
pub fn convert(cell: &Cell, scalar: &Scalar, unit: AmountUnit) -> Result<Option<Value>, CellError> {
    if cell.is_empty() {
        return Ok(None);
    }
    if let Cell::Error(e) = cell {
        return Err(CellError::new(
            "CELL_TYPE",
            format!("the cell holds the formula error {e}"),
            format!("单元格为公式错误 {e}"),
        ));
    }
    let value = match scalar.class {
        ValueClass::Amount => amount(cell, unit, false)?,
        ValueClass::SignedAmount => amount(cell, unit, true)?,
        ValueClass::BasisPoints => basis_points(cell)?,
        ValueClass::Count => count(cell).ok_or_else(|| CellError::of_type(scalar))?,
        ValueClass::Date => date(cell).map(|d| Value::from(d.to_string()))?,
        ValueClass::Timestamp => timestamp(cell)?,
        ValueClass::Bool => boolean(cell)
            .ok_or_else(|| CellError::new("CELL_TYPE", "expected 是 or 否 (yes/no, true/false)", "应为“是”或“否”"))?,
        ValueClass::Enum => enumeration(cell, scalar)?,
        ValueClass::Party => party_or_actor(cell, "person"),
        ValueClass::Actor => party_or_actor(cell, "dept"),
        ValueClass::String => Value::from(string(cell, scalar)),
    };
    scalar
        .validate(&value)
        .map_err(|e| CellError::new("CELL_FORMAT", format!("expected {}", e.en), format!("应为{}", e.zh)))?;
    Ok(Some(value))
}

/// The text of a string member: trimmed; codes (统一社会信用代码, project codes, addresses) also
/// lose full-width forms, which spreadsheets often carry over from Chinese input methods.
fn string(cell: &Cell, scalar: &Scalar) -> String {
    let text = cell.text();
    let text = text.trim();
    match scalar.type_name {
        "Uscc" | "ProjectCode" | "Ip" | "MacAddr" | "Hash256" | "Serial" | "Account" => {
            half_width(text).trim().to_owned()
        }
        _ => text.to_owned(),
    }
}

/// An amount in fen from `1,234.56`, `¥1234.5`, `12.3万元`, `１２３` …
fn amount(cell: &Cell, unit: AmountUnit, signed: bool) -> Result<Value, CellError> {
    let text = half_width(cell.text().trim());
    let mut t: String = text.chars().filter(|c| !matches!(c, ',' | ' ' | '¥' | '￥')).collect();
    let mut unit = unit;
    for (suffix, u) in
        [("万元", AmountUnit::TenThousandYuan), ("万", AmountUnit::TenThousandYuan), ("元", AmountUnit::Yuan)]
    {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.to_owned();
            unit = u;
            break;
        }
    }
    let bad = || {
        CellError::new(
            "CELL_TYPE",
            format!("an amount such as 1,234.56 or 12.3万元, not {}", json!(text)),
            format!("金额，如 1,234.56 或 12.3万元，而不是“{text}”"),
        )
    };
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if negative && !signed {
        return Err(CellError::new("CELL_TYPE", "a non-negative amount", "非负金额"));
    }
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    // Fen has 2 decimals of yuan; 万元 shifts the point by 4 more.
    let places = 2 + unit.shift() as usize;
    let frac = frac.trim_end_matches('0');
    if frac.len() > places {
        let unit_en = if unit == AmountUnit::Yuan { "yuan" } else { "10,000 yuan (万元)" };
        let unit_zh = if unit == AmountUnit::Yuan { "元" } else { "万元" };
        return Err(CellError::new(
            "CELL_PRECISION",
            format!("an amount to the fen: at most {places} decimals in {unit_en}, not {}", json!(text)),
            format!("精确到分的金额：以{unit_zh}为单位时至多 {places} 位小数，而不是“{text}”"),
        ));
    }
    let too_large = || {
        CellError::new(
            "CELL_TYPE",
            format!("an amount of at most {MAX_SAFE_INTEGER} fen"),
            format!("不超过 {MAX_SAFE_INTEGER} 分的金额"),
        )
    };
    let mut fen: i64 = 0;
    for b in whole.bytes().chain(frac.bytes()).chain(std::iter::repeat_n(b'0', places - frac.len())) {
        fen = fen.checked_mul(10).and_then(|f| f.checked_add(i64::from(b - b'0'))).ok_or_else(too_large)?;
    }
    if fen > MAX_SAFE_INTEGER {
        return Err(too_large());
    }
    Ok(Value::from(if negative { -fen } else { fen }))
}

/// Basis points from a percentage: `12.34%`, `12.34` (the column is in percent), `１２％`.
fn basis_points(cell: &Cell) -> Result<Value, CellError> {
    let text = half_width(cell.text().trim());
    let t = text.trim_end_matches('%').trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let frac = frac.trim_end_matches('0');
    let ok = !whole.is_empty() && whole.len() <= 3 && whole.bytes().all(|b| b.is_ascii_digit());
    if !ok || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CellError::new(
            "CELL_TYPE",
            format!("a percentage with at most two decimals, e.g. 12.5%, not {}", json!(text)),
            format!("至多两位小数的百分比，如 12.5%，而不是“{text}”"),
        ));
    }
    let whole: i64 = whole.parse().unwrap_or(i64::MAX);
    let frac: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    Ok(Value::from(whole * 100 + frac))
}

fn count(cell: &Cell) -> Option<Value> {
    let t = half_width(cell.text().trim());
    let t = t.strip_suffix(".0").unwrap_or(&t);
    if t.is_empty() || t.len() > 15 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u64>().ok().map(Value::from)
}

fn boolean(cell: &Cell) -> Option<Value> {
    if let Cell::Bool(b) = cell {
        return Some(Value::Bool(*b));
    }
    let t = half_width(cell.text().trim()).to_lowercase();
    match t.as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" => Some(Value::Bool(true)),
        "否" | "n" | "no" | "false" | "0" | "×" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// An Excel serial day number (1900 date system) as days and seconds of the day.
fn serial_parts(text: &str) -> Option<(Date, u32)> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let days: i64 = whole.parse().ok()?;
    // Serial 60 is Excel's 29 February 1900, a day that never was; serials before it are 1900
    // dates nobody keeps in a project table.
    if !(61..=2_958_465).contains(&days) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The fraction of a day, rounded to the second, in exact decimal arithmetic on its digits.
    let digits = &frac[..frac.len().min(15)];
    let numerator: u128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    let denominator = 10u128.pow(digits.len() as u32);
    let seconds = ((numerator * 86_400 * 2 + denominator) / (denominator * 2)) as u32;
    let (days, seconds) = if seconds >= 86_400 { (days + 1, seconds - 86_400) } else { (days, seconds) };
    Some((Date(days_from_civil(1899, 12, 30) + days as i32), seconds))
}

/// `2021-09-05`, `2021/9/5`, `2021.9.5`, `2021年9月5日`, `20210905`, or a serial number; a time of
/// day after the date is allowed only when it is midnight (an export of a date column).
fn date(cell: &Cell) -> Result<Date, CellError> {
    let (d, seconds) = date_time_parts(cell)?;
    if seconds.is_some_and(|s| s != 0) {
        return Err(CellError::new("CELL_TYPE", "a date without a time of day", "不含时刻的日期"));
    }
    Ok(d)
}

fn bad_date(text: &str) -> CellError {
    CellError::new(
        "CELL_TYPE",
        format!("a date such as 2021-09-05, 2021/9/5 or 2021年9月5日, not {}", json!(text)),
        format!("日期，如 2021-09-05、2021/9/5 或 2021年9月5日，而不是“{text}”"),
    )
}

/// A date and, when written, the seconds of the day.
fn date_time_parts(cell: &Cell) -> Result<(Date, Option<u32>), CellError> {
    let raw = cell.text();
    if let Cell::Serial(n) | Cell::Number(n) = cell {
        return serial_parts(n).map(|(d, s)| (d, Some(s))).ok_or_else(|| bad_date(&raw));
    }
    let text = half_width(raw.trim());
    let (date_part, time_part) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d.trim(), Some(t.trim())),
        None => (text.as_str(), None),
    };
    let d = calendar_date(date_part).ok_or_else(|| bad_date(&raw))?;
    let seconds = match time_part {
        None | Some("") => None,
        Some(t) => Some(time_of_day(t).ok_or_else(|| bad_date(&raw))?),
    };
    Ok((d, seconds))
}

fn calendar_date(s: &str) -> Option<Date> {
    let parts: Vec<&str> = if s.contains('年') {
        let s = s.trim_end_matches('日').trim_end_matches('号');
        s.split(['年', '月']).collect()
    } else if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        vec![&s[..4], &s[4..6], &s[6..]]
    } else {
        s.split(['-', '/', '.']).collect()
    };
    let [y, m, d] = parts.as_slice() else { return None };
    let ok = |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !ok(y, 4) || !ok(m, 2) || !ok(d, 2) {
        return None;
    }
    let text = format!("{y}-{m:0>2}-{d:0>2}");
    Date::parse(&text).ok()
}

/// `9:30`, `09:30:15`, `9时30分`, `9点30分15秒`.
fn time_of_day(s: &str) -> Option<u32> {
    let s = s.trim_end_matches(['秒', '分']);
    let parts: Vec<&str> = s.split([':', '时', '点', '分']).collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let mut n = [0u32; 3];
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        n[i] = p.parse().ok()?;
    }
    (n[0] < 24 && n[1] < 60 && n[2] < 60).then_some(n[0] * 3600 + n[1] * 60 + n[2])
}

/// An instant: RFC 3339 as written, or a local date and time in China Standard Time (+08:00).
fn timestamp(cell: &Cell) -> Result<Value, CellError> {
    let text = half_width(cell.text().trim());
    if matches!(cell, Cell::Text(_)) && qinglian_core::time::Timestamp::parse(&text).is_ok() {
        return Ok(Value::from(text));
    }
    let (d, seconds) = date_time_parts(cell)?;
    let Some(seconds) = seconds else {
        return Err(CellError::new(
            "CELL_TYPE",
            "a date and time, e.g. 2021-09-05 09:30",
            "日期和时刻，如 2021-09-05 09:30",
        ));
    };
    let (y, m, day) = civil_from_days(d.0);
    let (h, mi, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    Ok(Value::from(format!("{y:04}-{m:02}-{day:02}T{h:02}:{mi:02}:{s:02}+08:00")))
}

/// An enumeration value by its wire value (any case, spaces for underscores) or Chinese label.
fn enumeration(cell: &Cell, scalar: &Scalar) -> Result<Value, CellError> {
    let text = cell.text();
    let t = text.trim();
    let wire = t.to_lowercase().replace([' ', '-'], "_");
    if let Some(v) = scalar.values.iter().find(|v| v.zh == t || v.value == wire) {
        return Ok(Value::from(v.value));
    }
    let zh: Vec<&str> = scalar.values.iter().map(|v| v.zh).collect();
    let en: Vec<&str> = scalar.values.iter().map(|v| v.value).collect();
    Err(CellError::new(
        "CELL_ENUM",
        format!("{}: one of {} (or {})", scalar.expected_en, en.join(", "), zh.join("、")),
        format!("{}，取值为以下之一：{}", scalar.expected_zh, zh.join("、")),
    ))
}

/// A party or actor: a valid 统一社会信用代码 is a unit; anything else is a person (a registration
/// number) or a department id. `单位:`/`unit:` and `个人:`/`person:`/`部门:`/`dept:` force the reading.
fn party_or_actor(cell: &Cell, other: &str) -> Value {
    let text = cell.text();
    let t = text.trim();
    for (prefix, member) in [
        ("单位:", "unit"),
        ("unit:", "unit"),
        ("个人:", "person"),
        ("person:", "person"),
        ("部门:", "dept"),
        ("dept:", "dept"),
    ] {
        if let Some(rest) = half_width(t).strip_prefix(prefix) {
            return json!({ member: rest.trim() });
        }
    }
    let code = half_width(t);
    if Uscc::parse(&code).is_ok() {
        json!({ "unit": code })
    } else {
        json!({ other: t })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qinglian_core::kinds::schema::{Describe, Shape};
    use qinglian_core::kinds::Fen;

    fn scalar<T: Describe>() -> Scalar {
        match T::shape() {
            Shape::Scalar(s) => s,
            _ => panic!("not a scalar"),
        }
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn fen(cell: Cell, unit: AmountUnit) -> Result<Option<Value>, CellError> {
        convert(&cell, &scalar::<Fen>(), unit)
    }

    #[test]
    fn amounts_are_exact() {
        let y = AmountUnit::Yuan;
        assert_eq!(fen(text("1,234.56"), y), Ok(Some(json!(123_456))));
        assert_eq!(fen(text("1234.5"), y), Ok(Some(json!(123_450))));
        assert_eq!(fen(text("12.3万元"), y), Ok(Some(json!(12_300_000))));
        assert_eq!(fen(text("１２３"), y), Ok(Some(json!(12_300))));
        assert_eq!(fen(text("¥1,000"), y), Ok(Some(json!(100_000))));
        assert_eq!(fen(text("12.345678"), AmountUnit::TenThousandYuan), Ok(Some(json!(12_345_678))));
        assert_eq!(fen(Cell::Number("0.30000000000000004".into()), y).unwrap_err().code, "CELL_PRECISION");
        assert_eq!(fen(text("1.234"), y).unwrap_err().code, "CELL_PRECISION");
        assert_eq!(fen(text("1.230"), y), Ok(Some(json!(123))));
        assert_eq!(fen(text("-5"), y).unwrap_err().code, "CELL_TYPE");
        assert_eq!(fen(text("12,3a"), y).unwrap_err().code, "CELL_TYPE");
        assert_eq!(fen(text("99999999999999999999"), y).unwrap_err().code, "CELL_TYPE");
        assert_eq!(fen(text(""), y), Ok(None));
    }

    #[test]
    fn dates_in_every_spelling() {
        let d = scalar::<Date>();
        for s in [
            "2021-09-05",
            "2021/9/5",
            "2021.9.5",
            "2021年9月5日",
            "20210905",
            "2021-09-05 00:00:00",
            "２０２１-０９-０５",
        ] {
            assert_eq!(convert(&text(s), &d, AmountUnit::Yuan), Ok(Some(json!("2021-09-05"))), "{s}");
        }
        assert_eq!(convert(&Cell::Serial("44444".into()), &d, AmountUnit::Yuan), Ok(Some(json!("2021-09-05"))));
        assert_eq!(convert(&Cell::Number("44444".into()), &d, AmountUnit::Yuan), Ok(Some(json!("2021-09-05"))));
        assert_eq!(convert(&text("2021-02-30"), &d, AmountUnit::Yuan).unwrap_err().code, "CELL_TYPE");
        assert_eq!(convert(&text("2021-09-05 10:00"), &d, AmountUnit::Yuan).unwrap_err().code, "CELL_TYPE");
        let t = scalar::<qinglian_core::time::Timestamp>();
        for s in ["2021-09-05 09:30", "2021/9/5 9:30:00", "2021年9月5日 9时30分", "2021-09-05T09:30:00+08:00"] {
            assert_eq!(convert(&text(s), &t, AmountUnit::Yuan), Ok(Some(json!("2021-09-05T09:30:00+08:00"))), "{s}");
        }
        // 44444.395833333336 is 09:30 as Excel stores it.
        let serial = Cell::Serial(crate::table::number_text(44444.0 + 9.5 / 24.0));
        assert_eq!(convert(&serial, &t, AmountUnit::Yuan), Ok(Some(json!("2021-09-05T09:30:00+08:00"))));
        assert_eq!(convert(&text("2021-09-05"), &t, AmountUnit::Yuan).unwrap_err().code, "CELL_TYPE");
    }

    #[test]
    fn enums_by_label_or_value() {
        let m = scalar::<qinglian_core::kinds::tender::TenderMethod>();
        assert_eq!(convert(&text("公开招标"), &m, AmountUnit::Yuan), Ok(Some(json!("open"))));
        assert_eq!(convert(&text("Open"), &m, AmountUnit::Yuan), Ok(Some(json!("open"))));
        let e = convert(&text("竞争性谈判"), &m, AmountUnit::Yuan).unwrap_err();
        assert_eq!(e.code, "CELL_ENUM");
        assert!(e.zh.contains("公开招标、邀请招标"), "{}", e.zh);
    }

    #[test]
    fn codes_are_checked_by_the_core() {
        let u = scalar::<Uscc>();
        let good = Uscc::with_check_digit("91429005MA4B00001").unwrap();
        assert_eq!(convert(&text(good.as_str()), &u, AmountUnit::Yuan), Ok(Some(json!(good.as_str()))));
        let mut bad = good.as_str().to_owned();
        let last = if bad.ends_with('0') { '1' } else { '0' };
        bad.pop();
        bad.push(last);
        let e = convert(&text(&bad), &u, AmountUnit::Yuan).unwrap_err();
        assert_eq!(e.code, "CELL_FORMAT");
        assert!(e.en.contains("check character"), "{}", e.en);
    }

    #[test]
    fn percentages_and_parties() {
        let bp = scalar::<qinglian_core::kinds::BasisPoints>();
        assert_eq!(convert(&text("12.5%"), &bp, AmountUnit::Yuan), Ok(Some(json!(1250))));
        assert_eq!(convert(&text("100"), &bp, AmountUnit::Yuan), Ok(Some(json!(10000))));
        assert_eq!(convert(&text("101"), &bp, AmountUnit::Yuan).unwrap_err().code, "CELL_FORMAT");
        let p = scalar::<qinglian_core::kinds::Party>();
        let unit = Uscc::with_check_digit("91429005MA4B00001").unwrap();
        assert_eq!(convert(&text(unit.as_str()), &p, AmountUnit::Yuan), Ok(Some(json!({"unit": unit.as_str()}))));
        assert_eq!(
            convert(&text("鄂142181900123"), &p, AmountUnit::Yuan),
            Ok(Some(json!({"person": "鄂142181900123"})))
        );
        let b = scalar::<bool>();
        assert_eq!(convert(&text("是"), &b, AmountUnit::Yuan), Ok(Some(json!(true))));
        assert_eq!(convert(&Cell::Bool(false), &b, AmountUnit::Yuan), Ok(Some(json!(false))));
    }
}
