//! A strict serde `Deserializer` over a parsed `serde_json::Value`, and the translation of serde
//! errors into [`BodyError`]s.
//!
//! It differs from `serde_json::Value`'s own deserializer in one way that matters for signed records:
//! a struct must be written as a JSON object. (serde's derived structs also accept an array of field
//! values in order, which would give a body two spellings.) Its errors are bilingual.

use super::BodyError;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;
use std::fmt;

/// A deserialization error and where it happened. The deserializer records the path itself as the
/// error travels outwards (innermost segment first), so no wrapping crate is needed: wrapping every
/// visitor doubled the serde code in the wasm module.
#[derive(Debug)]
pub struct Error {
    message: String,
    outward_path: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Index(usize),
    Key(String),
}

/// Joins the English and the Chinese expectation inside one serde error message.
const SEP: &str = " \u{2016} ";

impl Error {
    fn at(mut self, segment: Segment) -> Self {
        self.outward_path.push(segment);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error { message: message.to_string(), outward_path: Vec::new() }
    }
}

/// Deserialize `T` from `value` strictly, with the JSON path of the first problem.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, BodyError> {
    T::deserialize(Strict(value)).map_err(|e| {
        let mut path = String::from("$");
        for segment in e.outward_path.iter().rev() {
            match segment {
                Segment::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
                Segment::Key(key) => push_key(&mut path, key),
            }
        }
        translate(path, &e.message)
    })
}

/// `.key` for plain keys, `["k e y"]` (JSON-quoted) for the rest.
pub fn push_key(path: &mut String, key: &str) {
    let plain = key.bytes().next().is_some_and(|c| c.is_ascii_lowercase() || c == b'_')
        && key.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_');
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        let quoted = serde_json::to_string(key).unwrap_or_else(|_| "\"?\"".to_owned());
        path.push('[');
        path.push_str(&quoted);
        path.push(']');
    }
}

/// The text between the first pair of backticks.
fn backticked(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// All backticked words of `s`, in order.
fn all_backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// English and Chinese for serde's own "expected …" phrases (primitive types).
fn expected_phrase(e: &str) -> (String, String) {
    if let Some((en, zh)) = e.split_once(SEP) {
        return (en.to_owned(), zh.to_owned());
    }
    let (en, zh) = match e {
        "a boolean" => ("true or false", "布尔值 true 或 false"),
        "u8" | "u16" | "u32" | "u64" | "usize" => ("a non-negative integer", "非负整数"),
        "i8" | "i16" | "i32" | "i64" | "isize" => ("an integer", "整数"),
        "a string" => ("a string", "字符串"),
        "a sequence" => ("a list (JSON array)", "列表（JSON 数组）"),
        "a map" => ("a JSON object", "JSON 对象"),
        _ if e.starts_with("struct ") => ("a JSON object", "JSON 对象"),
        _ => return (e.to_owned(), format!("符合要求的值：{e}")),
    };
    (en.to_owned(), zh.to_owned())
}

/// Turn a serde error message at `path` into a bilingual [`BodyError`].
pub fn translate(path: String, msg: &str) -> BodyError {
    let err = |path: String, en: String, zh: String| BodyError { path, expected_en: en, expected_zh: zh };
    if msg.starts_with("missing field") {
        let field = backticked(msg).unwrap_or("?");
        let mut p = path;
        push_key(&mut p, field);
        return err(p, format!("the required field `{field}`"), format!("必填字段 `{field}`"));
    }
    if msg.starts_with("unknown field") {
        let names = all_backticked(msg);
        let field = names.first().copied().unwrap_or("?");
        let allowed = names.get(1..).unwrap_or_default().join(", ");
        let (en, zh) = if allowed.is_empty() {
            (
                format!("no field `{field}` here (this object has no fields)"),
                format!("此处不允许字段 `{field}`（该对象没有字段）"),
            )
        } else {
            (
                format!("no field `{field}` here (allowed: {allowed})"),
                format!("此处不允许字段 `{field}`（允许的字段：{allowed}）"),
            )
        };
        return err(path, en, zh);
    }
    if msg.starts_with("unknown variant") {
        let names = all_backticked(msg);
        let allowed = names.get(1..).unwrap_or_default().join(", ");
        return err(path, format!("one of {allowed}"), format!("以下取值之一：{allowed}"));
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") || msg.starts_with("invalid length") {
        if let Some((_, e)) = msg.rsplit_once(", expected ") {
            let (en, zh) = expected_phrase(e);
            return err(path, en, zh);
        }
    }
    match msg.split_once(SEP) {
        Some((en, zh)) => err(path, en.to_owned(), zh.to_owned()),
        None => err(path, msg.to_owned(), format!("格式有误：{msg}")),
    }
}

fn kind_of(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "空值 null"),
        Value::Bool(_) => ("a boolean", "布尔值"),
        Value::Number(_) => ("a number", "数字"),
        Value::String(_) => ("a string", "字符串"),
        Value::Array(_) => ("an array", "数组"),
        Value::Object(_) => ("an object", "对象"),
    }
}

/// The strict deserializer.
#[derive(Clone, Copy)]
pub struct Strict<'a>(pub &'a Value);

impl<'de> de::Deserializer<'de> for Strict<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => visitor.visit_seq(Seq { iter: a.iter(), index: 0 }),
            Value::Object(m) => visitor.visit_map(MapAcc { iter: m.iter(), entry: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(a) => visitor.visit_seq(Seq { iter: a.iter(), index: 0 }),
            other => {
                let (en, zh) = kind_of(other);
                Err(de::Error::custom(format_args!("a list (JSON array), not {en}{SEP}列表（JSON 数组），而不是{zh}")))
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(m) => visitor.visit_map(MapAcc { iter: m.iter(), entry: None }),
            other => {
                let (en, zh) = kind_of(other);
                let list = fields.join(", ");
                let (fen, fzh) = if list.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!(" with fields {list}"), format!("（字段：{list}）"))
                };
                Err(de::Error::custom(format_args!("a JSON object{fen}, not {en}{SEP}JSON 对象{fzh}，而不是{zh}")))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            _ => {
                let list = variants.join(", ");
                Err(de::Error::custom(format_args!("one of {list}{SEP}以下取值之一：{list}")))
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct identifier
    }
}

struct Seq<'a> {
    iter: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.iter.next() {
            Some(v) => {
                let index = self.index;
                self.index += 1;
                seed.deserialize(Strict(v)).map(Some).map_err(|e| e.at(Segment::Index(index)))
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct MapAcc<'a> {
    iter: serde_json::map::Iter<'a>,
    /// The entry whose key was just read, waiting for its value.
    entry: Option<(&'a str, &'a Value)>,
}

impl<'de> MapAccess<'de> for MapAcc<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, v)) => {
                self.entry = Some((k, v));
                // An unknown field is reported at the field itself, as a reader would point to it.
                seed.deserialize(BorrowedStrDeserializer::<Error>::new(k))
                    .map(Some)
                    .map_err(|e| e.at(Segment::Key(k.to_owned())))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.entry.take() {
            Some((k, v)) => seed.deserialize(Strict(v)).map_err(|e| e.at(Segment::Key(k.to_owned()))),
            None => Err(de::Error::custom("value requested before key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}
