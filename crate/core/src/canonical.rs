//! Canonical JSON under the Qinglian profile of RFC 8785 (JCS).
//!
//! A statement line must *already* be canonical: we parse it strictly (no duplicate keys, no floats,
//! integers within ±(2^53−1), bounded nesting), re-encode the value with JCS and require the bytes to
//! be identical. We never silently re-encode untrusted input, because the bytes we hash must be the
//! bytes the producer signed.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

/// Largest integer magnitude allowed (2^53 − 1): the integers every JSON implementation reads exactly.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Why a line is not canonical JSON under the profile. One variant per stable error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CanonicalError {
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    InvalidUtf8 { offset: usize },
    /// The line starts with a UTF-8 byte-order mark (U+FEFF), which JCS forbids.
    ByteOrderMark,
    /// Not JSON at all.
    Syntax { column: usize, message: String },
    /// The same member name twice in one object.
    DuplicateKey { path: String, key: String },
    /// A number with a fraction or exponent: money is integer fen (分), never floating point.
    Float { path: String },
    /// An integer outside ±(2^53 − 1).
    IntegerOutOfRange { path: String },
    /// Objects and arrays nested deeper than the limit.
    DepthExceeded { limit: usize },
    /// Valid JSON, but not byte-for-byte its JCS encoding; `offset` is the first differing byte.
    NotCanonical { offset: usize },
}

impl fmt::Display for CanonicalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            Self::ByteOrderMark => write!(f, "byte-order mark at the start of the line"),
            Self::Syntax { column, message } => {
                write!(f, "JSON syntax error at column {column}: {message}")
            }
            Self::DuplicateKey { path, key } => write!(f, "duplicate key \"{key}\" in {path}"),
            Self::Float { path } => write!(f, "non-integer number at {path}"),
            Self::IntegerOutOfRange { path } => write!(f, "integer outside ±(2^53−1) at {path}"),
            Self::DepthExceeded { limit } => write!(f, "nesting deeper than {limit}"),
            Self::NotCanonical { offset } => {
                write!(f, "not the RFC 8785 canonical encoding (first difference at byte {offset})")
            }
        }
    }
}

impl std::error::Error for CanonicalError {}

impl CanonicalError {
    /// The stable problem code for this error (the same one the verifier reports for a bad line).
    pub fn code(&self) -> crate::report::Code {
        use crate::report::Code;
        match self {
            Self::InvalidUtf8 { .. } => Code::InvalidUtf8,
            Self::ByteOrderMark => Code::ByteOrderMark,
            Self::Syntax { .. } => Code::JsonSyntax,
            Self::DuplicateKey { .. } => Code::DuplicateKey,
            Self::Float { .. } => Code::FloatNumber,
            Self::IntegerOutOfRange { .. } => Code::IntegerOutOfRange,
            Self::DepthExceeded { .. } => Code::DepthExceeded,
            Self::NotCanonical { .. } => Code::NotCanonical,
        }
    }

    /// The JSON path of the offending value, when the error has one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::DuplicateKey { path, .. } | Self::Float { path } | Self::IntegerOutOfRange { path } => Some(path),
            _ => None,
        }
    }
}

/// Encode a value with RFC 8785 (JCS).
///
/// Values under the profile (integers only) take a direct encoder; anything else (floats, which
/// only the general JCS conformance tests use) goes through `serde_jcs`, which is also the oracle
/// the direct encoder is tested against.
pub fn encode(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    if encode_profile(value, &mut out) {
        return out;
    }
    // serde_jcs only fails for non-finite floats, which serde_json::Value cannot hold.
    serde_jcs::to_vec(value).unwrap_or_default()
}

/// JCS for integer-only values: members sorted by UTF-16 code units, strings escaped as
/// ECMAScript's JSON.stringify does. Returns false on a float (the caller falls back).
fn encode_profile(value: &Value, out: &mut Vec<u8>) -> bool {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.extend_from_slice(i.to_string().as_bytes()),
            (_, Some(u)) => out.extend_from_slice(u.to_string().as_bytes()),
            _ => return false,
        },
        Value::String(s) => encode_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                if !encode_profile(item, out) {
                    return false;
                }
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // The map iterates in UTF-8 byte order, which equals UTF-16 order unless a key holds
            // characters above U+D7FF; only then sort again.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if map.keys().any(|k| k.chars().any(|c| c > '\u{D7FF}')) {
                entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            }
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                encode_string(k, out);
                out.push(b':');
                if !encode_profile(v, out) {
                    return false;
                }
            }
            out.push(b'}');
        }
    }
    true
}

fn encode_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0x08 => Some(b"\\b"),
            0x0c => Some(b"\\f"),
            0x00..=0x1f => None,
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        match escape {
            Some(e) => out.extend_from_slice(e),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Parse `bytes` as canonical JSON under the profile and return the value.
pub fn parse_canonical(bytes: &[u8], max_depth: usize) -> Result<Value, CanonicalError> {
    let value = parse_strict(bytes, max_depth)?;
    let canonical = encode(&value);
    if canonical != bytes {
        let offset = canonical.iter().zip(bytes).take_while(|(a, b)| a == b).count();
        return Err(CanonicalError::NotCanonical { offset });
    }
    Ok(value)
}

/// Parse JSON strictly under the profile, without requiring canonical form (used for producer input).
pub fn parse_strict(bytes: &[u8], max_depth: usize) -> Result<Value, CanonicalError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(CanonicalError::ByteOrderMark);
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(CanonicalError::InvalidUtf8 { offset: e.valid_up_to() });
    }
    let issue = RefCell::new(None);
    let seed = StrictSeed { depth: 0, max_depth, issue: &issue };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|_| v));
    match result {
        Ok(v) => Ok(v),
        Err(e) => Err(issue
            .into_inner()
            .map(|i: Issue| i.into_error())
            .unwrap_or(CanonicalError::Syntax { column: e.column(), message: e.to_string() })),
    }
}

/// A profile violation found while parsing; the path is built as the error unwinds, so the happy
/// path pays nothing for it.
struct Issue {
    kind: IssueKind,
    path: Vec<String>,
}

enum IssueKind {
    Duplicate(String),
    Float,
    Range,
    Depth(usize),
}

impl Issue {
    fn into_error(self) -> CanonicalError {
        let mut path = String::from("$");
        for seg in self.path.iter().rev() {
            path.push_str(seg);
        }
        match self.kind {
            IssueKind::Duplicate(key) => CanonicalError::DuplicateKey { path, key },
            IssueKind::Float => CanonicalError::Float { path },
            IssueKind::Range => CanonicalError::IntegerOutOfRange { path },
            IssueKind::Depth(limit) => CanonicalError::DepthExceeded { limit },
        }
    }
}

#[derive(Clone, Copy)]
struct StrictSeed<'a> {
    depth: usize,
    max_depth: usize,
    issue: &'a RefCell<Option<Issue>>,
}

impl StrictSeed<'_> {
    fn fail<E: de::Error>(&self, kind: IssueKind) -> E {
        *self.issue.borrow_mut() = Some(Issue { kind, path: Vec::new() });
        E::custom("profile violation")
    }
    fn note_segment(&self, seg: impl FnOnce() -> String) {
        if let Some(issue) = self.issue.borrow_mut().as_mut() {
            issue.path.push(seg());
        }
    }
    fn nested(&self) -> Self {
        Self { depth: self.depth + 1, ..*self }
    }
}

impl<'de> DeserializeSeed<'de> for StrictSeed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            return Err(self.fail(IssueKind::Range));
        }
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        if v > MAX_SAFE_INTEGER as u64 {
            return Err(self.fail(IssueKind::Range));
        }
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // serde_json hands integers too large for u64/i64 to visit_f64: that is a range problem,
        // not a float, as far as the producer is concerned.
        if v.fract() == 0.0 && v.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(self.fail(IssueKind::Range));
        }
        Err(self.fail(IssueKind::Float))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.depth >= self.max_depth {
            return Err(self.fail(IssueKind::Depth(self.max_depth)));
        }
        let mut out = Vec::new();
        loop {
            match seq.next_element_seed(self.nested()) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => return Ok(Value::Array(out)),
                Err(e) => {
                    let index = out.len();
                    self.note_segment(|| format!("[{index}]"));
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.depth >= self.max_depth {
            return Err(self.fail(IssueKind::Depth(self.max_depth)));
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(self.fail(IssueKind::Duplicate(key)));
            }
            match map.next_value_seed(self.nested()) {
                Ok(v) => {
                    out.insert(key, v);
                }
                Err(e) => {
                    // The same path syntax as the body reader's errors (`.key`, or `["a key"]`).
                    self.note_segment(|| {
                        let mut segment = String::new();
                        crate::read::push_key(&mut segment, &key);
                        segment
                    });
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_canonical_and_rejects_reordered() {
        assert!(parse_canonical(br#"{"a":1,"b":[true,null,"x"]}"#, 8).is_ok());
        assert_eq!(parse_canonical(br#"{"b":1,"a":2}"#, 8), Err(CanonicalError::NotCanonical { offset: 2 }));
        assert!(matches!(parse_canonical(br#"{"a": 1}"#, 8), Err(CanonicalError::NotCanonical { .. })));
    }

    #[test]
    fn profile_violations_have_paths() {
        assert_eq!(parse_strict(br#"{"a":{"b":[1,2.5]}}"#, 8), Err(CanonicalError::Float { path: "$.a.b[1]".into() }));
        assert_eq!(
            parse_strict(br#"{"a":1,"a":2}"#, 8),
            Err(CanonicalError::DuplicateKey { path: "$".into(), key: "a".into() })
        );
        assert_eq!(
            parse_strict(br#"{"n":9007199254740992}"#, 8),
            Err(CanonicalError::IntegerOutOfRange { path: "$.n".into() })
        );
        assert_eq!(
            parse_strict(br#"{"n":-99999999999999999999999}"#, 8),
            Err(CanonicalError::IntegerOutOfRange { path: "$.n".into() })
        );
        assert!(parse_strict(br#"{"n":9007199254740991}"#, 8).is_ok());
        // Keys that are not plain names are quoted, as in the body reader's paths.
        assert_eq!(
            parse_strict(br#"{"My key":{"x.y":[0.5]}}"#, 8),
            Err(CanonicalError::Float { path: r#"$["My key"]["x.y"][0]"#.into() })
        );
        assert_eq!(parse_strict(br#"[[[[1]]]]"#, 3), Err(CanonicalError::DepthExceeded { limit: 3 }));
        assert_eq!(parse_strict(b"\xEF\xBB\xBF{}", 3), Err(CanonicalError::ByteOrderMark));
        assert_eq!(parse_strict(b"{\"a\":\"\xff\"}", 3), Err(CanonicalError::InvalidUtf8 { offset: 6 }));
        assert!(matches!(parse_strict(b"{\"a\":", 3), Err(CanonicalError::Syntax { .. })));
    }

    /// The direct encoder agrees byte for byte with serde_jcs (the library reference) on generated
    /// values: nested objects and arrays, keys and strings with escapes, control characters,
    /// CJK, characters above U+E000 and astral characters (where UTF-16 order differs from UTF-8).
    #[test]
    fn direct_encoder_matches_serde_jcs() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        const PIECES: &[&str] = &[
            "a",
            "b",
            "Z",
            "é",
            "中标",
            "\u{e000}",
            "\u{ffff}",
            "😀",
            "\u{10000}",
            "\"",
            "\\",
            "\n",
            "\u{1}",
            "\u{1f}",
            "/",
            "\u{7f}",
            "\u{2028}",
            " ",
        ];
        fn string(next: &mut impl FnMut() -> u64) -> String {
            (0..next() % 5).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect()
        }
        fn value(next: &mut impl FnMut() -> u64, depth: u32) -> Value {
            match next() % if depth > 3 { 4 } else { 6 } {
                0 => Value::Null,
                1 => Value::Bool(next() % 2 == 0),
                2 => Value::from((next() % (2 * MAX_SAFE_INTEGER as u64)) as i64 - MAX_SAFE_INTEGER),
                3 => Value::String(string(next)),
                4 => Value::Array((0..next() % 4).map(|_| value(next, depth + 1)).collect()),
                _ => Value::Object((0..next() % 5).map(|_| (string(next), value(next, depth + 1))).collect()),
            }
        }
        for _ in 0..3000 {
            let v = value(&mut next, 0);
            let mut direct = Vec::new();
            assert!(encode_profile(&v, &mut direct));
            assert_eq!(
                String::from_utf8_lossy(&direct),
                String::from_utf8_lossy(&serde_jcs::to_vec(&v).unwrap()),
                "{v:?}"
            );
            assert_eq!(parse_canonical(&direct, 16).as_ref(), Ok(&v));
        }
    }

    #[test]
    fn one_e_two_is_a_float_not_an_integer() {
        assert!(matches!(parse_strict(br#"{"a":1e2}"#, 8), Err(CanonicalError::Float { .. })));
        assert!(matches!(parse_strict(br#"{"a":1.0}"#, 8), Err(CanonicalError::Float { .. })));
    }
}
