//! Formatting shared by every check's messages: money, percentages, dates, firms and the
//! "项目 …：" prefix, so that all findings read alike in both languages.
//!
//! Chinese text uses full-width punctuation (：，（）); English text half-width. Money is always
//! `¥12,400,000.00` (yuan with thousands separators), percentages `3.5%` (one decimal, two below 1%).

use super::{Dataset, FindingSeverity};
use crate::kinds::{Fen, Kind, Uscc};
use crate::report::Message;
use crate::time::{Date, Timestamp};

/// Yuan with thousands separators from fen; negative amounts get a leading minus: `-¥1,000.00`.
/// Takes i128 so that sums and differences of amounts never overflow.
pub fn yuan(fen: i128) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let digits = (abs / 100).to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}¥{grouped}.{:02}", abs % 100)
}

/// `¥12,400,000.00`
pub fn money(f: Fen) -> String {
    yuan(i128::from(f.get()))
}

/// A signed difference: `+¥420,000.00`, `-¥1,000.00`.
pub fn delta(fen: i128) -> String {
    if fen < 0 {
        yuan(fen)
    } else {
        format!("+{}", yuan(fen))
    }
}

fn percent_number(ratio: f64) -> String {
    let pct = ratio * 100.0;
    if !pct.is_finite() {
        return "∞".into();
    }
    let decimals = if pct.abs() < 1.0 { 2 } else { 1 };
    let s = format!("{pct:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// A ratio as a percentage: 0.035 → `3.5%`, 0.0025 → `0.25%`, 0.1 → `10%`.
pub fn percent(ratio: f64) -> String {
    format!("{}%", percent_number(ratio))
}

/// A ratio with its sign: 0.035 → `+3.5%`, -0.02 → `-2%`.
pub fn signed_percent(ratio: f64) -> String {
    let n = percent_number(ratio);
    if n.starts_with('-') {
        format!("{n}%")
    } else {
        format!("+{n}%")
    }
}

/// `num / den`, or None when the denominator is zero.
pub fn ratio(num: i128, den: i128) -> Option<f64> {
    (den != 0).then(|| num as f64 / den as f64)
}

/// `(value − base) / base`: +0.035 when value is 3.5% above base; None when base is zero.
pub fn relative_change(value: i128, base: i128) -> Option<f64> {
    ratio(value - base, base)
}

/// Whether `value` exceeds `base` by more than `ratio` (0.10 = 10%), in exact integer arithmetic
/// up to the ratio's own precision (the ratio is scaled to millionths).
pub fn exceeds_by(value: i128, base: i128, ratio: f64) -> bool {
    let scaled = (ratio * 1_000_000.0).round();
    let scaled = if scaled.is_finite() { scaled as i128 } else { i128::MAX / 4 };
    // value > base × (1 + ratio)  ⇔  value × 10^6 > base × (10^6 + scaled)
    value.saturating_mul(1_000_000) > base.saturating_mul(1_000_000i128.saturating_add(scaled))
}

/// Whether `part` is more than `share` (0.10 = 10%) of `whole`, exactly (the share is scaled to millionths).
pub fn above_share(part: i128, whole: i128, share: f64) -> bool {
    let scaled = (share * 1_000_000.0).round();
    let scaled = if scaled.is_finite() { scaled as i128 } else { i128::MAX / 4 };
    part.saturating_mul(1_000_000) > whole.saturating_mul(scaled)
}

/// Whether `part` is less than `share` of `whole`, exactly.
pub fn below_share(part: i128, whole: i128, share: f64) -> bool {
    let scaled = (share * 1_000_000.0).round();
    let scaled = if scaled.is_finite() { scaled as i128 } else { i128::MAX / 4 };
    part.saturating_mul(1_000_000) < whole.saturating_mul(scaled)
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.0) - i64::from(from.0)
}

/// The date `n` days after `d`.
pub fn add_days(d: Date, n: i64) -> Date {
    Date(i64::from(d.0).saturating_add(n).clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
}

/// The last second of a calendar day in China Standard Time (+08:00): the instant by which a
/// record of that date must have been logged, for completeness questions (docs/decisions.md §10).
pub fn end_of_day(d: Date) -> Timestamp {
    Timestamp { unix: (i64::from(d.0) + 1) * 86_400 - 8 * 3600 - 1, offset_minutes: 480 }
}

/// "45 天" / "45 days" (the number with its unit, both languages).
pub fn days(n: i64) -> Message {
    Message::new(format!("{n} 天"), if n == 1 || n == -1 { format!("{n} day") } else { format!("{n} days") })
}

/// "3 个月" / "3 months".
pub fn months(n: f64) -> Message {
    let n = percent_number(n / 100.0);
    Message::new(format!("{n} 个月"), if n == "1" { "1 month".to_owned() } else { format!("{n} months") })
}

/// A parameter that counts whole units (days, months) as an integer; negative and absurd values
/// are clamped so that a bad configuration cannot overflow date arithmetic.
pub fn whole(param: f64) -> i64 {
    if param.is_finite() {
        param.round().clamp(-1_000_000.0, 1_000_000.0) as i64
    } else {
        0
    }
}

/// A parameter in fen (thresholds) as an integer amount.
pub fn fen_param(param: f64) -> i128 {
    if param.is_finite() {
        param.round().clamp(0.0, 1e18) as i128
    } else {
        0
    }
}

/// A firm by name and 统一社会信用代码 when the company registry is in the bundle:
/// "潜江市某某路桥建设有限公司（91429005MA49DEF340）" / "潜江市某某路桥建设有限公司 (91429005MA49DEF340)";
/// the code alone otherwise.
pub fn firm(data: &Dataset, u: &Uscc) -> Message {
    firm_str(data, u.as_str())
}

/// [`firm`] for a code held as text.
pub fn firm_str(data: &Dataset, uscc: &str) -> Message {
    match data.firm_name(uscc) {
        Some(name) => Message::new(format!("{name}（{uscc}）"), format!("{name} ({uscc})")),
        None => Message::new(uscc, uscc),
    }
}

/// The project and, when known, its name: "2021-429005-48-01-000123（潜江市园林路东延道路工程）".
pub fn project(data: &Dataset, code: &str) -> Message {
    match data.project_name(code) {
        Some(name) => Message::new(format!("{code}（{name}）"), format!("{code} ({name})")),
        None => Message::new(code, code),
    }
}

/// A finding message about a project: "项目 <code>：<zh>" / "Project <code>: <en>".
pub fn about_project(code: &str, zh: impl AsRef<str>, en: impl AsRef<str>) -> Message {
    Message::new(format!("项目 {code}：{}", zh.as_ref()), format!("Project {code}: {}", en.as_ref()))
}

/// A finding message that may or may not concern a project.
pub fn about(code: Option<&str>, zh: impl AsRef<str>, en: impl AsRef<str>) -> Message {
    match code {
        Some(c) => about_project(c, zh, en),
        None => Message::new(zh.as_ref(), en.as_ref()),
    }
}

/// A record kind's title in both languages.
pub fn kind(k: Kind) -> Message {
    Message::new(k.title_zh(), k.title_en())
}

/// "高" / "high".
pub fn severity(s: FindingSeverity) -> Message {
    match s {
        FindingSeverity::High => Message::new("高", "high"),
        FindingSeverity::Medium => Message::new("中", "medium"),
        FindingSeverity::Low => Message::new("低", "low"),
    }
}

/// The reason a check cannot evaluate a project: the logs that would have to be complete.
pub fn incomplete(what: Kind, at: Timestamp, logs: &[String]) -> Message {
    let list = if logs.is_empty() { "—".to_owned() } else { logs.join(", ") };
    Message::new(
        format!(
            "无法评估：需证明截至 {at} 没有{}记录，但相关日志（{list}）未被证明完整",
            what.title_zh()
        ),
        format!(
            "cannot evaluate: proving that no {} record exists up to {at} needs complete logs, but {list} {} not proven complete",
            what.title_en().to_ascii_lowercase(),
            if logs.len() == 1 { "is" } else { "are" }
        ),
    )
}

/// Why a supervision check covers only part of the bundle: `n` sealed records it could not read.
pub fn sealed_unread(n: usize) -> Message {
    Message::new(
        format!("{n} 条密封记录未能读取（非收件部门或未提供密钥），本检查只覆盖可读的记录"),
        format!("{n} sealed record(s) could not be read (not a recipient, or no key given); this check covers only the readable records"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_percentages() {
        assert_eq!(yuan(1_240_000_000), "¥12,400,000.00");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(yuan(-100_000), "-¥1,000.00");
        assert_eq!(delta(42_000_000), "+¥420,000.00");
        assert_eq!(money(Fen::new(119_800_000_000).unwrap_or_default()), "¥1,198,000,000.00");
        assert_eq!(percent(0.035), "3.5%");
        assert_eq!(percent(0.1), "10%");
        assert_eq!(percent(0.0025), "0.25%");
        assert_eq!(signed_percent(0.0351), "+3.5%");
        assert_eq!(signed_percent(-0.02), "-2%");
        assert_eq!(signed_percent(0.0), "+0%");
        assert_eq!(relative_change(1_240, 1_198).map(percent).as_deref(), Some("3.5%"));
        assert_eq!(ratio(1, 0), None);
    }

    #[test]
    fn exceeds_is_exact_at_the_boundary() {
        assert!(!exceeds_by(110, 100, 0.10));
        assert!(exceeds_by(111, 100, 0.10));
        assert!(exceeds_by(1, 0, 0.0));
        assert!(!exceeds_by(100, 100, 0.0));
        assert!(exceeds_by(101, 100, 0.0));
        assert!(!above_share(10, 100, 0.10) && above_share(11, 100, 0.10));
        assert!(!below_share(10, 100, 0.10) && below_share(9, 100, 0.10));
    }

    #[test]
    fn dates() {
        let d = Date::parse("2021-08-18").unwrap_or(Date(0));
        assert_eq!(add_days(d, 30).to_string(), "2021-09-17");
        assert_eq!(days_between(d, add_days(d, 30)), 30);
        assert_eq!(end_of_day(d).to_string(), "2021-08-18T23:59:59+08:00");
        assert_eq!(days(1).en, "1 day");
        assert_eq!(months(3.0).zh, "3 个月");
    }
}
