//! Validated field types shared by the record kinds.
//!
//! Every type here has exactly one accepted spelling, validates itself when read from a body
//! ([`FromJson`]) and, when it rejects a value, says what it expected in English and in Chinese.
//! The same validation is available through each type's `parse` (for generators, the CLI and
//! tests). Serialization goes through serde.

use crate::read::{self, FromJson, Object, ReadError};
use crate::time::{Date, Timestamp};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// Largest integer allowed anywhere in a statement (2^53 − 1), see docs/decisions.md §1.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Why a field value was rejected: what was expected, in English and in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub en: String,
    pub zh: String,
}

impl FieldError {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        FieldError { en: en.into(), zh: zh.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} / 应为{}", self.en, self.zh)
    }
}

impl std::error::Error for FieldError {}

/// Defines a validated string newtype with `parse`, `as_str`, `FromStr`, `Display` and serde impls.
macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident, $en:expr, $zh:expr, $check:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// What a value of this type looks like (English).
            pub const EXPECTED_EN: &'static str = $en;
            /// What a value of this type looks like (Chinese).
            pub const EXPECTED_ZH: &'static str = $zh;

            /// Validate `s` and wrap it.
            pub fn parse(s: &str) -> Result<Self, FieldError> {
                let check: fn(&str) -> Result<(), FieldError> = $check;
                check(s)?;
                Ok($name(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = FieldError;
            fn from_str(s: &str) -> Result<Self, FieldError> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl FromJson for $name {
            fn from_json(value: &Value) -> Result<Self, ReadError> {
                Ok(Self::parse(read::string(value, Self::EXPECTED_EN, Self::EXPECTED_ZH)?)?)
            }

            fn placeholder() -> Self {
                $name(String::new())
            }
        }

        #[cfg(feature = "schema")]
        impl $crate::kinds::schema::Describe for $name {
            fn shape() -> $crate::kinds::schema::Shape {
                $crate::kinds::schema::Shape::Scalar($crate::kinds::schema::Scalar {
                    type_name: stringify!($name),
                    class: $crate::kinds::schema::ValueClass::String,
                    expected_en: $en,
                    expected_zh: $zh,
                    values: &[],
                    check: $crate::kinds::schema::check_with::<$name>,
                })
            }
        }
    };
}

/// Defines a closed set of snake_case string values (an enum) with bilingual errors.
///
/// `str_enum! { /// doc
///     pub enum Method ("a tender method", "招标方式") { Open = "open" "公开招标", Invited = "invited" "邀请招标" } }`
///
/// Each value carries its Chinese label, which tables may use instead of the wire value.
macro_rules! str_enum {
    ($(#[$meta:meta])* pub enum $name:ident ($en:literal, $zh:literal) {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal $label:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            fn field_error() -> $crate::kinds::fields::FieldError {
                let list = [$($text),+].join(", ");
                $crate::kinds::fields::FieldError::new(
                    format!("{}: one of {}", $en, list),
                    format!("{}，取值为以下之一：{}", $zh, list),
                )
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $crate::read::FromJson for $name {
            fn from_json(
                value: &::serde_json::Value,
            ) -> Result<Self, $crate::read::ReadError> {
                value.as_str().and_then($name::parse).ok_or_else(|| $name::field_error().into())
            }

            fn placeholder() -> Self {
                $name::ALL[0]
            }
        }

        #[cfg(feature = "schema")]
        impl $crate::kinds::schema::Describe for $name {
            fn shape() -> $crate::kinds::schema::Shape {
                $crate::kinds::schema::Shape::Scalar($crate::kinds::schema::Scalar {
                    type_name: stringify!($name),
                    class: $crate::kinds::schema::ValueClass::Enum,
                    expected_en: $en,
                    expected_zh: $zh,
                    values: &[$($crate::kinds::schema::EnumValue { value: $text, zh: $label }),+],
                    check: $crate::kinds::schema::check_with::<$name>,
                })
            }
        }
    };
}
pub(crate) use str_enum;

// ---------------------------------------------------------------------------------------------
// Organisations: 统一社会信用代码

const USCC_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn uscc_value(b: u8) -> Option<u32> {
    USCC_CHARSET.iter().position(|&c| c == b).map(|p| p as u32)
}

/// The GB 32100-2015 check character for the first 17 characters, if they are all in the charset.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in b.iter().enumerate() {
        sum += uscc_value(c)? * USCC_WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    Some(char::from(USCC_CHARSET[check as usize]))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn check_uscc(s: &str) -> Result<(), FieldError> {
    let b = s.as_bytes();
    if s.chars().count() != 18 {
        return Err(FieldError::new(
            format!(
                "an 18-character unified social credit code (统一社会信用代码), not {}",
                plural(s.chars().count(), "character")
            ),
            format!("18 位统一社会信用代码，实际为 {} 位", s.chars().count()),
        ));
    }
    if let Some(bad) = s.chars().find(|c| !c.is_ascii() || uscc_value(*c as u8).is_none()) {
        let hint_en = if bad.is_ascii_lowercase() { " (letters are upper-case)" } else { "" };
        let hint_zh = if bad.is_ascii_lowercase() { "（字母须大写）" } else { "" };
        return Err(FieldError::new(
            format!(
                "a unified social credit code (统一社会信用代码) using only 0-9 and A-H J-N P-R T U W-Y; '{bad}' is not allowed{hint_en}"
            ),
            format!("统一社会信用代码只能由 0-9 及 A-H、J-N、P-R、T、U、W-Y 组成，不允许“{bad}”{hint_zh}"),
        ));
    }
    // All 18 characters are ASCII from here on.
    let want = uscc_check_char(&s[..17]).unwrap_or('?');
    let got = char::from(b[17]);
    if want != got {
        return Err(FieldError::new(
            format!(
                "a unified social credit code (统一社会信用代码) with a valid check character (GB 32100-2015): \
                 the 18th character should be '{want}', not '{got}'"
            ),
            format!("校验位正确的统一社会信用代码（GB 32100-2015）：第 18 位应为“{want}”，而不是“{got}”"),
        ));
    }
    Ok(())
}

string_newtype!(
    /// 统一社会信用代码: an organisation's 18-character unified social credit code (GB 32100-2015),
    /// upper-case, with its check character validated.
    Uscc,
    "an 18-character unified social credit code (统一社会信用代码) as a string",
    "字符串形式的 18 位统一社会信用代码",
    check_uscc
);

impl Uscc {
    /// Complete 17 characters with their check character (for generators and tests).
    pub fn with_check_digit(first17: &str) -> Result<Uscc, FieldError> {
        match uscc_check_char(first17) {
            Some(c) => Uscc::parse(&format!("{first17}{c}")),
            None => Err(FieldError::new(
                "17 characters from 0-9 and A-H J-N P-R T U W-Y (the code without its check character)",
                "17 位由 0-9 及 A-H、J-N、P-R、T、U、W-Y 组成的字符（不含校验位）",
            )),
        }
    }

    /// The 6-digit administrative division code (characters 3–8).
    pub fn admin_code(&self) -> &str {
        self.0.get(2..8).unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// Projects: 国家投资项目代码

fn check_project_code(s: &str) -> Result<(), FieldError> {
    let bad = || {
        FieldError::new(
            "a national investment project code (国家投资项目代码) YYYY-AAAAAA-II-TT-NNNNNN, e.g. 2021-429005-48-01-000123",
            "国家投资项目代码，格式为 年份-6位行政区划-2位行业-2位类型-6位流水号，如 2021-429005-48-01-000123",
        )
    };
    let b = s.as_bytes();
    if b.len() != 24 {
        return Err(bad());
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = if matches!(i, 4 | 11 | 14 | 17) { c == b'-' } else { c.is_ascii_digit() };
        if !ok {
            return Err(bad());
        }
    }
    let year: u16 = s[..4].parse().map_err(|_| bad())?;
    if !(1990..=2100).contains(&year) {
        return Err(FieldError::new(
            format!("a project code whose year is between 1990 and 2100, not {year}"),
            format!("项目代码中的年份应在 1990 至 2100 之间，而不是 {year}"),
        ));
    }
    Ok(())
}

string_newtype!(
    /// 国家投资项目代码: the national investment project code, e.g. `2021-429005-48-01-000123`
    /// (year, administrative division, industry, project type, serial).
    ProjectCode,
    "a national investment project code (国家投资项目代码) as a string, e.g. 2021-429005-48-01-000123",
    "字符串形式的国家投资项目代码，如 2021-429005-48-01-000123",
    check_project_code
);

impl ProjectCode {
    /// The year the code was assigned.
    pub fn year(&self) -> u16 {
        self.0.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
    }
    /// The 6-digit administrative division code (行政区划代码), e.g. `429005`.
    pub fn admin_code(&self) -> &str {
        self.0.get(5..11).unwrap_or("")
    }
    /// The 2-digit industry code (行业代码), e.g. `48`.
    pub fn industry(&self) -> &str {
        self.0.get(12..14).unwrap_or("")
    }
    /// The 2-digit project type code (项目类型), e.g. `01`.
    pub fn type_code(&self) -> &str {
        self.0.get(15..17).unwrap_or("")
    }
    /// The 6-digit serial number.
    pub fn serial(&self) -> &str {
        self.0.get(18..24).unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// Money in fen (分)

/// Formats fen as yuan with thousands separators: `1240000000` → `12,400,000.00`.
fn yuan_digits(fen: u64) -> String {
    let yuan = (fen / 100).to_string();
    let mut out = String::with_capacity(yuan.len() + yuan.len() / 3 + 3);
    for (i, c) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", fen % 100)
}

/// An amount of money in integer fen (分), 0 ≤ amount ≤ 2^53 − 1. Displays as `¥12,400,000.00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Fen(i64);

impl Fen {
    pub const EXPECTED_EN: &'static str = "an integer amount in fen (分)";
    pub const EXPECTED_ZH: &'static str = "以分为单位的整数金额";
    pub const ZERO: Fen = Fen(0);

    /// `None` when negative or above 2^53 − 1.
    pub fn new(fen: i64) -> Option<Fen> {
        (0..=MAX_SAFE_INTEGER).contains(&fen).then_some(Fen(fen))
    }
    pub fn from_yuan(yuan: i64) -> Option<Fen> {
        yuan.checked_mul(100).and_then(Fen::new)
    }
    pub fn get(self) -> i64 {
        self.0
    }
    /// `¥12,400,000.00`
    pub fn yuan(self) -> String {
        format!("¥{}", yuan_digits(self.0.unsigned_abs()))
    }
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.yuan())
    }
}

impl Serialize for Fen {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

fn fen_range(v: i64) -> FieldError {
    if v < 0 {
        FieldError::new("a non-negative integer amount in fen (分)", "非负的以分为单位的整数金额")
    } else {
        FieldError::new(
            format!("an integer amount in fen (分) no larger than {MAX_SAFE_INTEGER}"),
            format!("不超过 {MAX_SAFE_INTEGER} 的以分为单位的整数金额"),
        )
    }
}

impl FromJson for Fen {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        read::integer(value, 0, MAX_SAFE_INTEGER, (Fen::EXPECTED_EN, Fen::EXPECTED_ZH), fen_range).map(Fen)
    }

    fn placeholder() -> Self {
        Fen(0)
    }
}

/// A signed change in money in integer fen (分), |delta| ≤ 2^53 − 1 (change orders, 变更).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FenDelta(i64);

impl FenDelta {
    pub const EXPECTED_EN: &'static str = "a signed integer amount in fen (分)";
    pub const EXPECTED_ZH: &'static str = "以分为单位的整数金额（可为负数）";

    pub fn new(fen: i64) -> Option<FenDelta> {
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&fen).then_some(FenDelta(fen))
    }
    pub fn get(self) -> i64 {
        self.0
    }
    /// `+¥1,000.00` or `-¥1,000.00`
    pub fn yuan(self) -> String {
        let sign = if self.0 < 0 { '-' } else { '+' };
        format!("{sign}¥{}", yuan_digits(self.0.unsigned_abs()))
    }
}

impl fmt::Display for FenDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.yuan())
    }
}

impl Serialize for FenDelta {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

fn delta_range(_: i64) -> FieldError {
    FieldError::new(
        format!("a signed integer amount in fen (分) within ±{MAX_SAFE_INTEGER}"),
        format!("绝对值不超过 {MAX_SAFE_INTEGER} 的以分为单位的整数金额"),
    )
}

impl FromJson for FenDelta {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let expected = (FenDelta::EXPECTED_EN, FenDelta::EXPECTED_ZH);
        read::integer(value, -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER, expected, delta_range).map(FenDelta)
    }

    fn placeholder() -> Self {
        FenDelta(0)
    }
}

/// A share or rate in basis points (万分之一): 0 ≤ value ≤ 10000 (= 100%). Displays as `12.34%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct BasisPoints(u16);

impl BasisPoints {
    pub const EXPECTED_EN: &'static str = "an integer number of basis points from 0 to 10000 (10000 = 100%)";
    pub const EXPECTED_ZH: &'static str = "0 至 10000 的整数万分比（10000 = 100%）";
    pub const FULL: BasisPoints = BasisPoints(10_000);

    pub fn new(bp: u16) -> Option<BasisPoints> {
        (bp <= 10_000).then_some(BasisPoints(bp))
    }
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for BasisPoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}%", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for BasisPoints {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

impl FromJson for BasisPoints {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let expected = (BasisPoints::EXPECTED_EN, BasisPoints::EXPECTED_ZH);
        let range = |_| FieldError::new(BasisPoints::EXPECTED_EN, BasisPoints::EXPECTED_ZH);
        // In 0..=10_000, so the narrowing cannot lose anything.
        read::integer(value, 0, 10_000, expected, range).map(|n| BasisPoints(n as u16))
    }

    fn placeholder() -> Self {
        BasisPoints(0)
    }
}

// ---------------------------------------------------------------------------------------------
// Persons (docs/decisions.md §13) and the national-ID screen

/// The 18-character candidates in `s`: maximal runs of 18 ASCII digits, or of 17 digits followed
/// by `X`/`x`, whose characters 7–14 form a valid calendar date with a year in `years`.
fn resident_id_candidates(s: &str, years: std::ops::RangeInclusive<u32>) -> impl Iterator<Item = &[u8]> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let end = match i - start {
                18 => i,
                17 if matches!(b.get(i), Some(b'X' | b'x')) => i + 1,
                _ => continue,
            };
            let birth = &b[start + 6..start + 14];
            let num = |r: &[u8]| r.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
            let text = format!("{:04}-{:02}-{:02}", num(&birth[..4]), num(&birth[4..6]), num(&birth[6..8]));
            if years.contains(&num(&birth[..4])) && Date::parse(&text).is_ok() {
                return Some(&b[start..end]);
            }
        }
        None
    })
}

/// Whether an 18-character candidate ends with its ISO 7064 MOD 11-2 check character (GB 11643).
fn resident_id_check_ok(id: &[u8]) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = id.iter().zip(W).map(|(&d, w)| u32::from(d - b'0') * w).sum();
    let want = b"10X98765432"[(sum % 11) as usize];
    id.get(17).map(u8::to_ascii_uppercase) == Some(want)
}

/// Whether `s` contains something that looks like a PRC resident ID number (居民身份证号码): a
/// maximal run of 18 digits, or of 17 digits followed by `X`/`x`, whose characters 7–14 form a
/// valid birth date between 1900 and 2099. The check character is not required to be right: a
/// mistyped ID number is still an ID number. Used for person ids.
pub fn contains_resident_id(s: &str) -> bool {
    resident_id_candidates(s, 1900..=2099).next().is_some()
}

/// The narrower screen for free text and names, where other 18-digit numbers legitimately occur
/// (a 施工许可证编号 is region code + issue date + serial, the same shape as an ID number): the birth
/// date must be between 1900 and 2012 and the check character must be right.
pub fn contains_likely_resident_id(s: &str) -> bool {
    resident_id_candidates(s, 1900..=2012).any(resident_id_check_ok)
}

const RESIDENT_ID_EN: &str =
    "persons are identified by registration number or pseudonym, never a national ID number in clear (decision 13)";
const RESIDENT_ID_ZH: &str = "人员须以注册证书编号或化名标识，不得明文使用居民身份证号码（决定 13）";
const TEXT_ID_EN: &str = "text without a national ID number in clear: persons are identified by registration number or pseudonym (decision 13)";
const TEXT_ID_ZH: &str = "不含明文居民身份证号码的文本：人员须以注册证书编号或化名标识（决定 13）";

fn is_registration_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || matches!(c, '-' | '[' | ']' | '(' | ')' | '（' | '）' | '【' | '】' | '〔' | '〕')
}

fn check_person(s: &str) -> Result<(), FieldError> {
    if contains_resident_id(s) {
        return Err(FieldError::new(RESIDENT_ID_EN, RESIDENT_ID_ZH));
    }
    if let Some(hex) = s.strip_prefix("pid:") {
        let ok = (16..=64).contains(&hex.len()) && hex.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'));
        if !ok {
            return Err(FieldError::new(
                "a pseudonymous person id pid:<16 to 64 lower-case hex digits>",
                "化名人员标识 pid:<16 至 64 位小写十六进制数字>",
            ));
        }
        return Ok(());
    }
    let n = s.chars().count();
    if !(4..=40).contains(&n) || !s.chars().all(is_registration_char) || !s.chars().any(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            "a professional registration number (e.g. 注册建造师 鄂142181900123: 4–40 characters of digits, \
             letters, Chinese characters and brackets) or a pseudonymous id pid:<16+ hex digits>",
            "执业注册证书编号（如注册建造师 鄂142181900123，4 至 40 位数字、字母、汉字或括号）或化名标识 pid:<16 位以上十六进制数字>",
        ));
    }
    Ok(())
}

string_newtype!(
    /// A person: a professional registration number (注册建造师 `鄂142181900123`, 注册造价工程师 …)
    /// or a pseudonymous id `pid:<16–64 hex>`. Never a resident ID number (docs/decisions.md §13).
    PersonId,
    "a person's registration number or pseudonymous id pid:<hex> as a string",
    "字符串形式的人员注册证书编号或化名标识 pid:<十六进制>",
    check_person
);

impl PersonId {
    /// Whether this is a pseudonymous `pid:` id rather than a registration number.
    pub fn is_pseudonym(&self) -> bool {
        self.0.starts_with("pid:")
    }
}

// ---------------------------------------------------------------------------------------------
// Digests, machines, accounts

fn check_hash(s: &str) -> Result<(), FieldError> {
    if s.len() == 64 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(FieldError::new("a SHA-256 digest as 64 lower-case hex digits", "64 位小写十六进制的 SHA-256 摘要"))
    }
}

string_newtype!(
    /// A SHA-256 digest (of a document or file) as 64 lower-case hex digits.
    Hash256,
    "a SHA-256 digest as a string of 64 lower-case hex digits",
    "字符串形式的 64 位小写十六进制 SHA-256 摘要",
    check_hash
);

impl Hash256 {
    pub fn to_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        let b = self.0.as_bytes();
        let nib = |c: u8| {
            if c.is_ascii_digit() {
                c - b'0'
            } else {
                c - b'a' + 10
            }
        };
        for (i, o) in out.iter_mut().enumerate() {
            *o = (nib(b[2 * i]) << 4) | nib(b[2 * i + 1]);
        }
        out
    }
}

fn canonical_mac(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split([':', '-', '.']).collect();
    let spelled = (parts.len() == 6 && parts.iter().all(|p| p.len() == 2))
        || (parts.len() == 3 && parts.iter().all(|p| p.len() == 4))
        || (parts.len() == 1 && s.len() == 12);
    if !spelled {
        return None;
    }
    let hex = parts.concat();
    if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let lower = hex.to_ascii_lowercase();
    let pairs: Vec<&str> = (0..6).filter_map(|i| lower.get(2 * i..2 * i + 2)).collect();
    Some(pairs.join(":"))
}

fn check_mac(s: &str) -> Result<(), FieldError> {
    match canonical_mac(s) {
        Some(c) if c == s => Ok(()),
        Some(c) => Err(FieldError::new(
            format!("a MAC address in its one canonical spelling, lower-case and colon-separated: write {c}"),
            format!("MAC 地址须采用唯一规范写法（小写、以冒号分隔）：应写作 {c}"),
        )),
        None => Err(FieldError::new(
            "a MAC address, lower-case and colon-separated, e.g. 00:1a:2b:3c:4d:5e",
            "MAC 地址，小写、以冒号分隔，如 00:1a:2b:3c:4d:5e",
        )),
    }
}

string_newtype!(
    /// A MAC address in its one canonical spelling: lower-case, colon-separated (`00:1a:2b:3c:4d:5e`).
    MacAddr,
    "a MAC address as a string, lower-case and colon-separated, e.g. 00:1a:2b:3c:4d:5e",
    "字符串形式的 MAC 地址，小写、以冒号分隔，如 00:1a:2b:3c:4d:5e",
    check_mac
);

impl MacAddr {
    /// All-zero or broadcast addresses that some collection tools write when they find no adapter:
    /// matching checks (BID-07) should not treat them as a shared machine.
    pub fn is_placeholder(&self) -> bool {
        self.0 == "00:00:00:00:00:00" || self.0 == "ff:ff:ff:ff:ff:ff"
    }
}

fn check_serial(s: &str) -> Result<(), FieldError> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|c| (0x20..0x7f).contains(&c))
        && !s.starts_with(' ')
        && !s.ends_with(' ');
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "a hardware serial or lock id: 1–64 printable ASCII characters without leading or trailing spaces",
            "硬件序列号或加密锁号：1 至 64 个可打印 ASCII 字符，首尾不得有空格",
        ))
    }
}

string_newtype!(
    /// A hardware serial number (CPU, disk) or pricing-software lock id (计价软件加密锁号), exactly as
    /// the collecting system read it.
    Serial,
    "a hardware serial or lock id as a string",
    "字符串形式的硬件序列号或加密锁号",
    check_serial
);

impl Serial {
    /// Values that firmware writes when it has no real serial ("To be filled by O.E.M.", "0000…",
    /// "None"): matching checks (BID-07) should not treat them as a shared machine.
    pub fn is_placeholder(&self) -> bool {
        let lower = self.0.to_ascii_lowercase();
        let same = self.0.bytes().all(|c| Some(c) == self.0.bytes().next());
        same || [
            "to be filled by o.e.m.",
            "none",
            "default string",
            "not specified",
            "n/a",
            "unknown",
            "system serial number",
        ]
        .contains(&lower.as_str())
    }
}

/// An IPv4 or IPv6 address in its canonical text (as Rust's `IpAddr` displays it: no leading zeros,
/// IPv6 compressed and lower-case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ip(pub std::net::IpAddr);

impl Ip {
    pub const EXPECTED_EN: &'static str = "an IP address as a string, e.g. 10.20.30.40 or 2001:db8::1";
    pub const EXPECTED_ZH: &'static str = "字符串形式的 IP 地址，如 10.20.30.40 或 2001:db8::1";

    pub fn parse(s: &str) -> Result<Ip, FieldError> {
        match s.parse::<std::net::IpAddr>() {
            Ok(ip) if ip.to_string() == s => Ok(Ip(ip)),
            Ok(ip) => Err(FieldError::new(
                format!("an IP address in canonical form: write {ip}"),
                format!("规范写法的 IP 地址：应写作 {ip}"),
            )),
            Err(_) => Err(FieldError::new(
                "an IPv4 or IPv6 address, e.g. 10.20.30.40 or 2001:db8::1",
                "IPv4 或 IPv6 地址，如 10.20.30.40 或 2001:db8::1",
            )),
        }
    }
}

impl fmt::Display for Ip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Ip {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl FromJson for Ip {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        Ok(Ip::parse(read::string(value, Ip::EXPECTED_EN, Ip::EXPECTED_ZH)?)?)
    }

    fn placeholder() -> Self {
        Ip(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }
}

fn check_account(s: &str) -> Result<(), FieldError> {
    if (6..=34).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(FieldError::new(
            "a bank account number: 6–34 digits, without spaces or hyphens",
            "银行账号：6 至 34 位数字，不含空格或连字符",
        ))
    }
}

string_newtype!(
    /// A bank account number (银行账号), digits only.
    Account,
    "a bank account number as a string of digits",
    "字符串形式的银行账号（纯数字）",
    check_account
);

// ---------------------------------------------------------------------------------------------
// Identifiers and text

fn check_dept(s: &str) -> Result<(), FieldError> {
    let b = s.as_bytes();
    let ok = (1..=32).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-');
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "a department id: 1–32 characters a-z, 0-9, _ or -, starting with a letter (e.g. zjj, fgw)",
            "部门标识：1 至 32 个 a-z、0-9、_ 或 - 字符，以字母开头（如 zjj、fgw）",
        ))
    }
}

string_newtype!(
    /// A department of the federation (部门标识), e.g. `fgw`, `zjj`, `jyzx`, `jw`.
    DeptId,
    "a department id as a string, e.g. zjj",
    "字符串形式的部门标识，如 zjj",
    check_dept
);

fn check_ident(s: &str) -> Result<(), FieldError> {
    let ok = (1..=64).contains(&s.len())
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/' | b':'));
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "an identifier: 1–64 characters A-Z, a-z, 0-9 and - _ . / : (e.g. QJ-JS-2021-017-01)",
            "编号：1 至 64 个 A-Z、a-z、0-9 及 - _ . / : 字符（如 QJ-JS-2021-017-01）",
        ))
    }
}

string_newtype!(
    /// A machine identifier assigned by a system: tender/lot number (招标编号/标段编号), problem id,
    /// supervision task id. ASCII only, so that two systems cannot spell the same id differently.
    Ident,
    "an identifier as a string, e.g. QJ-JS-2021-017-01",
    "字符串形式的编号，如 QJ-JS-2021-017-01",
    check_ident
);

fn single_line(s: &str, max: usize, en: &str, zh: &str, screen_ids: bool) -> Result<(), FieldError> {
    let n = s.chars().count();
    if n == 0 || s.trim() != s || n > max || s.chars().any(char::is_control) {
        return Err(FieldError::new(
            format!("{en}: 1–{max} characters on one line, without leading or trailing spaces"),
            format!("{zh}：1 至 {max} 个字符，单行，首尾不得有空格"),
        ));
    }
    if screen_ids && contains_likely_resident_id(s) {
        return Err(FieldError::new(TEXT_ID_EN, TEXT_ID_ZH));
    }
    Ok(())
}

string_newtype!(
    /// An official document number (文号, 证书编号, 许可证号, 合同编号), e.g. `潜发改审批〔2021〕12号`,
    /// at most 100 characters on one line.
    DocNo,
    "a document number as a string, e.g. 潜发改审批〔2021〕12号",
    "字符串形式的文号或证书编号，如 潜发改审批〔2021〕12号",
    |s| single_line(s, 100, "a document number", "文号或证书编号", false)
);

string_newtype!(
    /// A name (project, organisation, task), at most 200 characters on one line.
    Name,
    "a name as a string",
    "字符串形式的名称",
    |s| single_line(s, 200, "a name", "名称", true)
);

fn check_text(s: &str) -> Result<(), FieldError> {
    let n = s.chars().count();
    if s.trim().is_empty() || n > Text::MAX_CHARS || s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(
            format!(
                "a non-empty text of at most {} characters (line breaks allowed, no other control characters)",
                Text::MAX_CHARS
            ),
            format!("非空文本，至多 {} 个字符（允许换行，不得含其他控制字符）", Text::MAX_CHARS),
        ));
    }
    if contains_likely_resident_id(s) {
        return Err(FieldError::new(TEXT_ID_EN, TEXT_ID_ZH));
    }
    Ok(())
}

string_newtype!(
    /// Free text (descriptions, findings, reasons): non-empty, at most [`Text::MAX_CHARS`] characters.
    /// It may not carry a resident ID number (docs/decisions.md §13; see [`contains_likely_resident_id`]).
    Text,
    "a text as a string",
    "字符串形式的文本",
    check_text
);

impl Text {
    pub const MAX_CHARS: usize = 2000;
}

// ---------------------------------------------------------------------------------------------
// Either an organisation or a person / a department

/// An organisation or a person, written `{"unit": "<USCC>"}` or `{"person": "<PersonId>"}`
/// (the bid compiler 编制人, the agent 代理人, a shareholder 股东, a certificate holder 持证人).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Unit(Uscc),
    Person(PersonId),
}

/// Written `{"unit": <统一社会信用代码>}` or `{"person": <registration number or pid:…>}`.
impl FromJson for Party {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let object = Object::new(value, &["unit", "person"])?;
        match (object.read(0)?, object.read(1)?) {
            (Some(unit), None) => Ok(Party::Unit(unit)),
            (None, Some(person)) => Ok(Party::Person(person)),
            _ => Err(ReadError::expected(
                "exactly one of {\"unit\": <统一社会信用代码>} or {\"person\": <registration number or pid:…>}",
                "{\"unit\": <统一社会信用代码>} 或 {\"person\": <注册证书编号或 pid:…>} 二者之一",
            )),
        }
    }

    fn placeholder() -> Self {
        Party::Unit(Uscc(String::new()))
    }
}

impl Party {
    pub fn unit(&self) -> Option<&Uscc> {
        match self {
            Party::Unit(u) => Some(u),
            Party::Person(_) => None,
        }
    }
    pub fn person(&self) -> Option<&PersonId> {
        match self {
            Party::Person(p) => Some(p),
            Party::Unit(_) => None,
        }
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Party::Unit(u) => u.fmt(f),
            Party::Person(p) => p.fmt(f),
        }
    }
}

/// An organisation or a government department, written `{"unit": "<USCC>"}` or `{"dept": "<DeptId>"}`
/// (who approves a change, who is responsible for a problem, who rectified it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Unit(Uscc),
    Dept(DeptId),
}

/// Written `{"unit": <统一社会信用代码>}` or `{"dept": <department id>}`.
impl FromJson for Actor {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let object = Object::new(value, &["unit", "dept"])?;
        match (object.read(0)?, object.read(1)?) {
            (Some(unit), None) => Ok(Actor::Unit(unit)),
            (None, Some(dept)) => Ok(Actor::Dept(dept)),
            _ => Err(ReadError::expected(
                "exactly one of {\"unit\": <统一社会信用代码>} or {\"dept\": <department id>}",
                "{\"unit\": <统一社会信用代码>} 或 {\"dept\": <部门标识>} 二者之一",
            )),
        }
    }

    fn placeholder() -> Self {
        Actor::Dept(DeptId(String::new()))
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Unit(u) => u.fmt(f),
            Actor::Dept(d) => d.fmt(f),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and instants (reading is in `read`; these are the messages and the serde adapters for
// writing, used with `#[serde(with = "…")]`)

pub(crate) const DATE_EN: &str = "a calendar date YYYY-MM-DD, e.g. 2021-03-04";
pub(crate) const DATE_ZH: &str = "YYYY-MM-DD 格式的日期，如 2021-03-04";
pub(crate) const TIME_EN: &str = "an RFC 3339 time with a UTC offset and whole seconds, e.g. 2021-03-04T09:30:00+08:00";
pub(crate) const TIME_ZH: &str = "带时区偏移、精确到秒的 RFC 3339 时间，如 2021-03-04T09:30:00+08:00";

/// Parse a date with a bilingual error.
pub fn parse_date(s: &str) -> Result<Date, FieldError> {
    Date::parse(s).map_err(|e| {
        if e.0.contains("no such") {
            FieldError::new(
                format!("an existing calendar date ({s} does not exist)"),
                format!("存在的日历日期（{s} 不存在）"),
            )
        } else {
            FieldError::new(DATE_EN, DATE_ZH)
        }
    })
}

/// Parse an instant with a bilingual error.
pub fn parse_timestamp(s: &str) -> Result<Timestamp, FieldError> {
    Timestamp::parse(s).map_err(|e| {
        if e.0.contains("no such") || e.0.contains("out of range") {
            FieldError::new(format!("{TIME_EN} ({s}: {})", e.0), format!("{TIME_ZH}（{s} 不是有效的日期或时刻）"))
        } else {
            FieldError::new(TIME_EN, TIME_ZH)
        }
    })
}

/// `#[serde(with = "fields::date")]` for [`Date`] fields.
pub mod date {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }
}

/// `#[serde(with = "fields::timestamp")]` for [`Timestamp`] fields.
pub mod timestamp {
    use super::*;
    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(t)
    }
}

pub mod opt_date {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}

/// `#[serde(default, skip_serializing_if = "Option::is_none", with = "fields::opt_timestamp")]`
pub mod opt_timestamp {
    use super::*;
    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.collect_str(t),
            None => s.serialize_none(),
        }
    }
}
