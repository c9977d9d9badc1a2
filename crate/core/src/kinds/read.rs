//! Reading record bodies from parsed JSON: [`FromJson`] for every field type, and
//! [`read_struct!`] for the body structs (members by name, unknown names refused).
//!
//! Hand-written rather than serde-derived on purpose. The derived visitors of the 40 body structs
//! were the largest part of the wasm module (about 60 KiB gzip of 500); here the structs share
//! one small reader per field type, and a struct's reader is a list of calls. Every error says
//! what was expected, in English and in Chinese, at the JSON path of the offending value.
//!
//! A struct is read member by member without returning early: a member that fails is recorded
//! in the [`Object`] and replaced by its type's placeholder, and [`Object::finish`] returns the
//! first failure instead of the struct. (Returning at each member made the compiler write out a
//! separate clean-up of all the members before it, for every member: half the reader code.)

use super::fields::FieldError;
use super::BodyError;
use crate::time::{Date, Timestamp};
use serde_json::Value;
use std::cell::Cell;

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
                Segment::Key(key) => super::strict::push_key(&mut path, key),
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
        items.iter().enumerate().map(|(i, item)| T::from_json(item).map_err(|e| e.at_index(i))).collect()
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

impl FromJson for u32 {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        non_negative(value)
    }

    fn placeholder() -> Self {
        0
    }
}

impl FromJson for u64 {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        non_negative(value)
    }

    fn placeholder() -> Self {
        0
    }
}

impl FromJson for Date {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        Ok(super::fields::parse_date(string(value, super::fields::DATE_EN, super::fields::DATE_ZH)?)?)
    }

    fn placeholder() -> Self {
        Date(0)
    }
}

impl FromJson for Timestamp {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        Ok(super::fields::parse_timestamp(string(value, super::fields::TIME_EN, super::fields::TIME_ZH)?)?)
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
pub(super) fn describe(v: &Value) -> (&'static str, &'static str) {
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
        let name = self.fields.get(index).copied().unwrap_or("?");
        match self.values.get(index).copied().flatten() {
            Some(v) => T::from_json(v).map_err(|e| e.at_key(name)),
            None => T::absent().ok_or_else(|| {
                ReadError::expected(format!("the required field `{name}`"), format!("必填字段 `{name}`")).at_key(name)
            }),
        }
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
        match self.values.get(index).copied().flatten() {
            Some(_) => self.field(index),
            None => Vec::new(),
        }
    }

    fn fail<T: FromJson>(&self, e: ReadError) -> T {
        let first = self.failure.take().unwrap_or(e);
        self.failure.set(Some(first));
        T::placeholder()
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
    ($ty:ident { $($field:ident $(: $mode:ident)?),+ $(,)? }) => {
        impl $crate::kinds::read::FromJson for $ty {
            fn from_json(
                value: &::serde_json::Value,
            ) -> ::std::result::Result<Self, $crate::kinds::read::ReadError> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];
                const _: () = assert!(FIELDS.len() <= $crate::kinds::read::MAX_FIELDS);
                let object = $crate::kinds::read::Object::new(value, FIELDS)?;
                let built = $ty {
                    $($field: $crate::kinds::read::read_struct!(@member object, FIELDS, $field $(, $mode)?),)+
                };
                object.finish(built)
            }

            fn placeholder() -> Self {
                $ty { $($field: $crate::kinds::read::FromJson::placeholder(),)+ }
            }
        }
    };
    (@member $object:ident, $fields:ident, $field:ident) => {
        $object.field({
            const AT: usize = $crate::kinds::read::index_of($fields, stringify!($field));
            AT
        })
    };
    (@member $object:ident, $fields:ident, $field:ident, or_empty) => {
        $object.field_or_empty({
            const AT: usize = $crate::kinds::read::index_of($fields, stringify!($field));
            AT
        })
    };
}
pub(crate) use read_struct;
