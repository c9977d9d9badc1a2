//! WebAssembly binding of `qinglian-core`.
//!
//! This crate stays thin: every rule lives in the core, and each function here only converts
//! between JavaScript values and core types. Each failure becomes a real JavaScript `Error` whose
//! `code` property is the stable problem code of the core (the same string the verifier reports), so
//! callers can branch on `err.code` instead of parsing messages.

use qinglian_core::canonical::{self, CanonicalError};
use qinglian_core::report::Code;
use wasm_bindgen::prelude::*;

/// Nesting limit for JSON handed to [`canonicalize`].
// TODO(lead): take this from the core's limits once they exist, so all surfaces agree.
const MAX_DEPTH: usize = 64;

/// The version of the Qinglian core compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Parse `json` under the strict profile (integers only, within ±(2^53−1), no duplicate keys) and
/// return its RFC 8785 (JCS) canonical encoding.
///
/// Throws an `Error` with `code` (for example `FLOAT_NUMBER`, `DUPLICATE_KEY`) on bad input.
#[wasm_bindgen]
pub fn canonicalize(json: &str) -> Result<String, JsValue> {
    let value = canonical::parse_strict(json.as_bytes(), MAX_DEPTH).map_err(|e| canonical_error(&e))?;
    // `encode` always yields UTF-8 (it serialises a serde_json::Value, whose strings are UTF-8).
    String::from_utf8(canonical::encode(&value)).map_err(|_| js_error("INTERNAL", "canonical encoding is not UTF-8"))
}

/// The stable problem code of a canonical-JSON error: the same code the verifier reports for a bad line.
fn canonical_code(e: &CanonicalError) -> Code {
    match e {
        CanonicalError::InvalidUtf8 { .. } => Code::InvalidUtf8,
        CanonicalError::ByteOrderMark => Code::ByteOrderMark,
        CanonicalError::Syntax { .. } => Code::JsonSyntax,
        CanonicalError::DuplicateKey { .. } => Code::DuplicateKey,
        CanonicalError::Float { .. } => Code::FloatNumber,
        CanonicalError::IntegerOutOfRange { .. } => Code::IntegerOutOfRange,
        CanonicalError::DepthExceeded { .. } => Code::DepthExceeded,
        CanonicalError::NotCanonical { .. } => Code::NotCanonical,
    }
}

fn canonical_error(e: &CanonicalError) -> JsValue {
    let err = js_error(canonical_code(e).as_str(), &e.to_string());
    let path = match e {
        CanonicalError::DuplicateKey { path, .. }
        | CanonicalError::Float { path }
        | CanonicalError::IntegerOutOfRange { path } => Some(path.as_str()),
        _ => None,
    };
    if let Some(path) = path {
        set(&err, "path", &JsValue::from_str(path));
    }
    err
}

/// A JavaScript `Error` named `QinglianError` with a stable `code`.
// Only callable on wasm32: js-sys values panic on other targets.
fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("QinglianError");
    let err = JsValue::from(err);
    set(&err, "code", &JsValue::from_str(code));
    err
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}
