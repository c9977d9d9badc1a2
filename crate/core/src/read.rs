//! Reading typed values from parsed JSON, for every input the core takes as JSON other than the
//! envelope itself: record bodies, verification options, check configuration, known heads.
//! [`FromJson`] is implemented for every field type, [`read_struct!`] for structs (members by
//! name, unknown names refused).
//!
//! Hand-written rather than serde-derived on purpose. The derived visitors of the 40 body structs
//! were the largest part of the wasm module (61 KiB gzip of 500); here the structs share
//! one small reader per field type, and a struct's reader is a list of calls. Every error says
//! what was expected, in English and in Chinese, at the JSON path of the offending value.
//!
//! A struct is read member by member without returning early: a member that fails is recorded
//! in the [`Object`] and replaced by its type's placeholder, and [`Object::finish`] returns the
//! first failure instead of the struct. (Returning at each member made the compiler write out a
//! separate clean-up of all the members before it, for every member: a third of the readers'
//! code, measured in the wasm module.)

use crate::kinds::fields::{self, FieldError};
use crate::kinds::BodyError;
use crate::time::{Date, Timestamp};
use serde_json::Value;
use std::cell::Cell;
use std::collections::BTreeMap;

/// A value that does not match the schema: what was expected there, and where (built up
/// innermost segment first as the error travels outwards).
#[derive(Debug)]
pub struct ReadError {
    en: String,
    zh: String,
    outward_path: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Index(usize),
    Key(String),
}

impl ReadError {
    /// "Expected `en`" / "应为`zh`" at the value being read.
    pub fn expected(en: impl Into<String>, zh: impl Into<String>) -> Self {
        ReadError { en: en.into(), zh: zh.into(), outward_path: Vec::new() }
    }

    fn at_key(mut self, key: &str) -> Self {
        self.outward_path.push(Segment::Key(key.to_owned()));
        self
    }

    fn at_index(mut self, index: usize) -> Self {
        self.outward_path.push(Segment::Index(index));
        self
    }

    /// The error with its path from the body's root (`$.bidders[2].uscc`).
    pub fn into_body_error(self) -> BodyError {
        let mut path = String::from("$");
        for segment in self.outward_path.iter().rev() {
            match segment {
                Segment::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
                Segment::Key(key) => push_key(&mut path, key),
            }
        }
        BodyError { path, expected_en: self.en, expected_zh: self.zh }
    }
}

impl From<FieldError> for ReadError {
    fn from(e: FieldError) -> Self {
        ReadError::expected(e.en, e.zh)
    }
}

/// `.key` for plain keys, `["k e y"]` (JSON-quoted) for the rest.
pub fn push_key(path: &mut String, key: &str) {
    let plain = key.bytes().next().is_some_and(|c| c.is_ascii_lowercase() || c == b'_')
        && key.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_');
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&quoted(key));
        path.push(']');
    }
}

/// `text` as a JSON string literal, for names and values quoted in messages: the same quoting
/// as in paths (not Rust's `{:?}`, whose escapes JS readers do not know).
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"?\"".to_owned())
}

/// A type that can be read from a JSON value of a record body.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, ReadError>;

    /// The value of a member that is left out, for the types that may be (`Option`).
    fn absent() -> Option<Self> {
        None
    }

    /// A stand-in for a member that failed to read. It never leaves a reader: the struct that
    /// holds it is dropped and the failure returned (see [`Object::finish`]).
    fn placeholder() -> Self;
}

/// `null` or left out reads as `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }

    fn placeholder() -> Self {
        None
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let Value::Array(items) = value else {
            let (en, zh) = describe(value);
            return Err(ReadError::expected(
                format!("a list (JSON array), not {en}"),
                format!("列表（JSON 数组），而不是{zh}"),
            ));
        };
        // A loop rather than collecting Results: the adapter that collect needs was compiled
        // once per element type, several times the size of this loop.
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::from_json(item).map_err(|e| e.at_index(i))?);
        }
        Ok(out)
    }

    fn placeholder() -> Self {
        Vec::new()
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        value.as_bool().ok_or_else(|| ReadError::expected("true or false", "布尔值 true 或 false"))
    }

    fn placeholder() -> Self {
        false
    }
}

fn non_negative<T: TryFrom<u64>>(value: &Value) -> Result<T, ReadError> {
    value
        .as_u64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| ReadError::expected("a non-negative integer", "非负整数"))
}

macro_rules! non_negative_integers {
    ($($t:ty),+) => {$(
        impl FromJson for $t {
            fn from_json(value: &Value) -> Result<Self, ReadError> {
                non_negative(value)
            }

            fn placeholder() -> Self {
                0
            }
        }
    )+};
}
non_negative_integers!(u32, u64, usize);

/// Any number (thresholds in check configuration).
impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        value.as_f64().ok_or_else(|| ReadError::expected("a number", "数字"))
    }

    fn placeholder() -> Self {
        0.0
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        string(value, "a string", "字符串").map(str::to_owned)
    }

    fn placeholder() -> Self {
        String::new()
    }
}

/// Any JSON value, taken as it is (a body to sign, checked later by its own reader).
impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        Ok(value.clone())
    }

    fn placeholder() -> Self {
        Value::Null
    }
}

/// A JSON object with any member names.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let Value::Object(map) = value else {
            let (en, zh) = describe(value);
            return Err(ReadError::expected(format!("a JSON object, not {en}"), format!("JSON 对象，而不是{zh}")));
        };
        let mut out = BTreeMap::new();
        for (k, v) in map {
            out.insert(k.clone(), T::from_json(v).map_err(|e| e.at_key(k))?);
        }
        Ok(out)
    }

    fn placeholder() -> Self {
        BTreeMap::new()
    }
}

impl FromJson for Date {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        Ok(fields::parse_date(string(value, fields::DATE_EN, fields::DATE_ZH)?)?)
    }

    fn placeholder() -> Self {
        Date(0)
    }
}

impl FromJson for Timestamp {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        Ok(fields::parse_timestamp(string(value, fields::TIME_EN, fields::TIME_ZH)?)?)
    }

    fn placeholder() -> Self {
        Timestamp { unix: 0, offset_minutes: 0 }
    }
}

/// The string in `value`, or an error saying what was expected (`en`, `zh`).
pub fn string<'a>(value: &'a Value, en: &str, zh: &str) -> Result<&'a str, ReadError> {
    value.as_str().ok_or_else(|| ReadError::expected(en, zh))
}

/// The integer in `value` if it lies in `min..=max`; `out_of_range` words the error for an
/// integer outside; anything else (a float, a string) fails with `en`, `zh`.
pub fn integer(
    value: &Value,
    min: i64,
    max: i64,
    (en, zh): (&str, &str),
    out_of_range: fn(i64) -> FieldError,
) -> Result<i64, ReadError> {
    let Value::Number(n) = value else { return Err(ReadError::expected(en, zh)) };
    let wide = match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i128::from(i),
        (None, Some(u)) => i128::from(u),
        (None, None) => return Err(ReadError::expected(en, zh)),
    };
    if wide < i128::from(min) || wide > i128::from(max) {
        let clamped = wide.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        return Err(out_of_range(clamped).into());
    }
    Ok(wide as i64)
}

/// "an array" / "数组": what a JSON value is, for errors.
pub fn describe(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "空值 null"),
        Value::Bool(_) => ("a boolean", "布尔值"),
        Value::Number(_) => ("a number", "数字"),
        Value::String(_) => ("a string", "字符串"),
        Value::Array(_) => ("an array", "数组"),
        Value::Object(_) => ("an object", "对象"),
    }
}

/// Most members a body struct may declare (the largest has 20).
pub const MAX_FIELDS: usize = 24;

/// A JSON object being read as a struct with the members `fields`: every member is known, and
/// each is found by its position in `fields`. Keeps the first member that failed.
pub struct Object<'a> {
    fields: &'static [&'static str],
    values: [Option<&'a Value>; MAX_FIELDS],
    failure: Cell<Option<ReadError>>,
}

impl<'a> Object<'a> {
    /// Refuses anything but an object, and the first member not in `fields`.
    pub fn new(value: &'a Value, fields: &'static [&'static str]) -> Result<Self, ReadError> {
        let list = || fields.join(", ");
        let Value::Object(map) = value else {
            let (en, zh) = describe(value);
            return Err(ReadError::expected(
                format!("a JSON object with fields {}, not {en}", list()),
                format!("JSON 对象（字段：{}），而不是{zh}", list()),
            ));
        };
        let mut values = [None; MAX_FIELDS];
        for (key, member) in map {
            match fields.iter().position(|f| *f == key) {
                // `fields` has at most MAX_FIELDS names (checked where read_struct! declares them).
                Some(i) if i < MAX_FIELDS => values[i] = Some(member),
                _ => {
                    return Err(ReadError::expected(
                        format!("no field `{key}` here (allowed: {})", list()),
                        format!("此处不允许字段 `{key}`（允许的字段：{}）", list()),
                    )
                    .at_key(key))
                }
            }
        }
        Ok(Object { fields, values, failure: Cell::new(None) })
    }

    /// The member `fields[index]`: required unless its type may be absent (`Option`).
    pub fn read<T: FromJson>(&self, index: usize) -> Result<T, ReadError> {
        match self.values.get(index).copied().flatten() {
            Some(v) => T::from_json(v).map_err(|e| self.at(index, e)),
            None => T::absent().ok_or_else(|| self.missing(index)),
        }
    }

    /// The name of `fields[index]`.
    fn name(&self, index: usize) -> &'static str {
        self.fields.get(index).copied().unwrap_or("?")
    }

    // The error paths below are shared by every member type rather than compiled into each
    // type's `read` and `field`.

    /// `e`, raised by the value of `fields[index]`.
    #[inline(never)]
    fn at(&self, index: usize, e: ReadError) -> ReadError {
        e.at_key(self.name(index))
    }

    /// The error for a required member that is left out.
    #[inline(never)]
    fn missing(&self, index: usize) -> ReadError {
        let name = self.name(index);
        ReadError::expected(format!("the required field `{name}`"), format!("必填字段 `{name}`")).at_key(name)
    }

    /// [`Object::read`] for a struct being built: a failure is kept for [`Object::finish`] and
    /// the member gets a placeholder.
    // Not inlined: a struct's reader stays one call per member.
    #[inline(never)]
    pub fn field<T: FromJson>(&self, index: usize) -> T {
        self.read(index).unwrap_or_else(|e| self.fail(e))
    }

    /// [`Object::field`] for a list that may be left out (then empty).
    #[inline(never)]
    pub fn field_or_empty<T: FromJson>(&self, index: usize) -> Vec<T> {
        self.field_or(index, Vec::new())
    }

    /// [`Object::field`] for a member that may be left out (then `default`).
    pub fn field_or<T: FromJson>(&self, index: usize, default: T) -> T {
        match self.values.get(index).copied().flatten() {
            Some(_) => self.field(index),
            None => default,
        }
    }

    fn fail<T: FromJson>(&self, e: ReadError) -> T {
        self.keep_first(e);
        T::placeholder()
    }

    #[inline(never)]
    fn keep_first(&self, e: ReadError) {
        let first = self.failure.take().unwrap_or(e);
        self.failure.set(Some(first));
    }

    /// `built`, or the first member that failed while it was built.
    pub fn finish<T>(self, built: T) -> Result<T, ReadError> {
        match self.failure.into_inner() {
            None => Ok(built),
            Some(e) => Err(e),
        }
    }
}

/// The position of `name` in `fields`, at compile time (a name not in the list does not compile).
pub const fn index_of(fields: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < fields.len() {
        let (a, b) = (fields[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("read_struct!: field not in the list")
}

/// Implements [`FromJson`] for a struct from the list of its members, in declaration order (the
/// order of the "allowed" list in errors). `name: or_empty` marks a list that may be left out;
/// `Option` members may always be left out or `null`; every other member is required.
///
/// `read_struct!(Clarification { date, extended_deadline, document_hash });`
macro_rules! read_struct {
    // A body struct: every member with its Chinese name, which the `schema` feature turns into the
    // struct's shape (table columns, templates, the column dictionary).
    ($ty:ident { $($field:ident $(: $mode:ident)? = $zh:literal),+ $(,)? }) => {
        $crate::read::read_struct!($ty { $($field $(: $mode)?),+ });

        #[cfg(feature = "schema")]
        impl $crate::kinds::schema::Describe for $ty {
            fn shape() -> $crate::kinds::schema::Shape {
                let mut members = ::std::vec::Vec::new();
                $(members.push($crate::kinds::schema::Member {
                    name: stringify!($field),
                    zh: $zh,
                    shape: $crate::read::read_struct!(@shape $ty, $field),
                    or_empty: $crate::read::read_struct!(@or_empty $($mode)?),
                });)+
                $crate::kinds::schema::Shape::Object(members)
            }
        }
    };
    (@or_empty or_empty) => { true };
    (@or_empty) => { false };
    (@shape $ty:ident, $field:ident) => {{
        // The member's type, named through a function over the struct so that the macro needs
        // no second copy of the field types.
        fn shape_of<S, T: $crate::kinds::schema::Describe>(_: fn(&S) -> &T) -> $crate::kinds::schema::Shape {
            T::shape()
        }
        shape_of(|s: &$ty| &s.$field)
    }};
    ($ty:ident { $($field:ident $(: $mode:ident)?),+ $(,)? }) => {
        impl $crate::read::FromJson for $ty {
            fn from_json(
                value: &::serde_json::Value,
            ) -> ::std::result::Result<Self, $crate::read::ReadError> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];
                const _: () = assert!(FIELDS.len() <= $crate::read::MAX_FIELDS);
                let object = $crate::read::Object::new(value, FIELDS)?;
                let built = $ty {
                    $($field: $crate::read::read_struct!(@member object, FIELDS, $field $(, $mode)?),)+
                };
                object.finish(built)
            }

            fn placeholder() -> Self {
                $ty { $($field: $crate::read::FromJson::placeholder(),)+ }
            }
        }
    };
    (@member $object:ident, $fields:ident, $field:ident) => {
        $object.field({
            const AT: usize = $crate::read::index_of($fields, stringify!($field));
            AT
        })
    };
    (@member $object:ident, $fields:ident, $field:ident, or_empty) => {
        $object.field_or_empty({
            const AT: usize = $crate::read::index_of($fields, stringify!($field));
            AT
        })
    };
}
pub(crate) use read_struct;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{CheckConfig, FindingSeverity};
    use crate::report::KnownHead;

    #[test]
    fn names_in_messages_are_quoted_as_json_strings() {
        // JSON escapes (what a JS reader knows), not Rust's `{:?}` (`\u{1f}`).
        assert_eq!(quoted("BID-01"), r#""BID-01""#);
        assert_eq!(quoted("a\"b\n\u{1f}"), r#""a\"b\n\u001f""#);
        let mut path = String::from("$");
        push_key(&mut path, "My key\u{1f}");
        assert_eq!(path, r#"$["My key\u001f"]"#);
    }
    use crate::verify::VerifyOptions;
    use serde_json::json;

    fn error<T: FromJson + std::fmt::Debug>(v: Value) -> BodyError {
        match T::from_json(&v) {
            Ok(t) => panic!("expected an error, read {t:?}"),
            Err(e) => e.into_body_error(),
        }
    }

    #[test]
    fn options_take_defaults_and_refuse_unknown_members() {
        let o = VerifyOptions::from_json(&json!({})).expect("empty options");
        assert_eq!(o.limits.max_depth, crate::verify::Limits::default().max_depth);
        assert!(o.checks.is_none() && o.known_heads.is_empty());
        let o = VerifyOptions::from_json(&json!({"limits": {"max_depth": 8}, "checks": {}})).expect("options");
        assert_eq!(o.limits.max_depth, 8);
        assert_eq!(o.limits.max_problems, crate::verify::Limits::default().max_problems);
        assert!(o.checks.is_some());

        let e = error::<VerifyOptions>(json!({"limits": {"max_lines": 5}}));
        assert_eq!(e.path, "$.limits.max_lines");
        assert!(e.expected_en.starts_with("no field `max_lines` here (allowed: max_line_bytes"), "{e}");
        let e = error::<VerifyOptions>(json!({"limits": {"max_depth": -1}}));
        assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.limits.max_depth", "a non-negative integer"));
        let e = error::<VerifyOptions>(json!({"known_heads": [{"log": "zjj/a", "seq": 1}]}));
        assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.known_heads[0].head", "the required field `head`"));
    }

    #[test]
    fn check_configuration() {
        let c = CheckConfig::from_json(&json!({
            "disabled": ["BID-10"],
            "params": {"COST-01": {"ratio": 0.15, "min": 3}},
            "min_severity": "medium",
        }))
        .expect("config");
        assert_eq!(c.disabled, ["BID-10"]);
        assert_eq!(c.params["COST-01"]["ratio"], 0.15);
        assert_eq!(c.params["COST-01"]["min"], 3.0);
        assert_eq!(c.min_severity, Some(FindingSeverity::Medium));

        let e = error::<CheckConfig>(json!({"params": {"COST-01": {"ratio": "high"}}}));
        assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.params[\"COST-01\"].ratio", "a number"));
        let e = error::<CheckConfig>(json!({"min_severity": "urgent"}));
        assert_eq!(e.path, "$.min_severity");
        assert!(e.expected_en.contains("low, medium, high"), "{e}");
        let e = error::<CheckConfig>(json!({"disabled": "BID-10"}));
        assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.disabled", "a list (JSON array), not a string"));
        let e = error::<CheckConfig>(json!([]));
        assert!(e.expected_en.starts_with("a JSON object with fields disabled, params, min_severity"), "{e}");
    }

    #[test]
    fn known_heads_and_plain_types() {
        let heads: Vec<KnownHead> =
            FromJson::from_json(&json!([{"log": "zjj/a", "seq": 3, "head": "ab"}])).expect("heads");
        assert_eq!(heads[0].seq, 3);
        assert_eq!(Option::<String>::from_json(&Value::Null).ok(), Some(None));
        assert!(String::from_json(&json!(1)).is_err());
        assert!(u32::from_json(&json!(u64::from(u32::MAX) + 1)).is_err());
        assert!(u32::from_json(&json!(1.5)).is_err());
        assert_eq!(f64::from_json(&json!(2)).ok(), Some(2.0));
        let e = error::<BTreeMap<String, u32>>(json!({"a b": "x"}));
        assert_eq!(e.path, "$[\"a b\"]");
    }
}
