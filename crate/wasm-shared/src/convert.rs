//! Conversions between JavaScript values and core types, and the errors both modules throw (in
//! the `QinglianError` shape of this crate: `js_error`, `with_path`, `set`).

use crate::{js_error, set, with_path};
use qinglian_core::canonical::CanonicalError;
use qinglian_core::crypto::SecretKey;
use qinglian_core::federation::RootError;
use qinglian_core::produce::{ProduceError, SignedStatement};
use qinglian_core::read::FromJson;
use qinglian_core::report::Code;
use qinglian_core::statement::{self, StatementError};
use qinglian_core::time::Timestamp;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Plain JS values: objects for maps, numbers for 64-bit integers (all below 2^53 by the format).
/// Through JSON text and `JSON.parse`: the same serialisation as the CLI's `--json` output, and
/// one serializer in the module instead of two (serde-wasm-bindgen's cost 6 KiB gzip, measured;
/// no slower on the 200k demo report).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(value).map_err(|e| js_error("INTERNAL", &format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// A Rust value from a JS value, or an error with `code` and the path of the offending member.
/// The value goes through `serde_json::Value` and the core's strict deserializer, so
/// `deny_unknown_fields` holds (a typo in an option or a check id is refused rather than silently
/// ignored) and the error names the member.
pub fn from_js<T: FromJson>(value: JsValue, code: &str) -> Result<T, JsValue> {
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| with_path(js_error(code, &format!("$: {e}")), "$"))?;
    T::from_json(&json).map_err(|e| {
        let e = e.into_body_error();
        with_path(js_error(code, &format!("{}: expected {}", e.path, e.expected_en)), &e.path)
    })
}

pub fn timestamp(s: &str, path: &str) -> Result<Timestamp, JsValue> {
    Timestamp::parse(s).map_err(|e| with_path(js_error(Code::StatementInvalid.as_str(), &format!("{path}: {e}")), path))
}

pub fn check_log_id(log: &str) -> Result<(), JsValue> {
    if statement::valid_log_id(log) {
        Ok(())
    } else {
        Err(with_path(
            js_error(
                Code::StatementInvalid.as_str(),
                &format!("log id {log:?}: expected <department>/<name>, each [a-z0-9-]{{1,32}}"),
            ),
            "$.stmt.log",
        ))
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn canonical_error(e: &CanonicalError, prefix: Option<&str>) -> JsValue {
    let err = js_error(e.code().as_str(), &e.to_string());
    match (e.path(), prefix) {
        (Some(path), Some(prefix)) => with_path(err, &format!("{prefix}{}", path.trim_start_matches('$'))),
        (Some(path), None) => with_path(err, path),
        (None, _) => err,
    }
}

pub fn produce_error(e: &ProduceError) -> JsValue {
    match e {
        // The body is checked on its own, so its paths are relative to it: say where it sits.
        ProduceError::Canonical(c) => canonical_error(c, Some("$.stmt.body")),
        ProduceError::Invalid(StatementError::Body(b)) => with_path(js_error(e.code(), &e.to_string()), &b.path),
        ProduceError::Invalid(StatementError::Field { path, .. }) => {
            with_path(js_error(e.code(), &e.to_string()), path)
        }
        ProduceError::Invalid(StatementError::UnknownKind(_)) => {
            with_path(js_error(e.code(), &e.to_string()), "$.stmt.kind")
        }
        ProduceError::Unauthorised(_) | ProduceError::StaleHead { .. } | ProduceError::SignatureInvalid => {
            js_error(e.code(), &e.to_string())
        }
    }
}

pub fn root_error(e: &RootError) -> JsValue {
    let message = e.message();
    let err = js_error(e.code().as_str(), &message.en);
    set(&err, "zh", &JsValue::from_str(&message.zh));
    match e {
        RootError::Invalid { path, .. } => with_path(err, path),
        _ => err,
    }
}

pub fn invalid_argument(name: &str, expected: &str) -> JsValue {
    js_error("INVALID_ARGUMENT", &format!("{name}: expected {expected}"))
}

/// A job id from JS: a non-negative safe integer (the producers use it for sequence numbers too,
/// with their own error).
pub fn job_id(id: f64) -> Result<u64, JsValue> {
    if id.is_finite() && id >= 0.0 && id.fract() == 0.0 && id <= 9_007_199_254_740_991.0 {
        Ok(id as u64)
    } else {
        Err(invalid_argument("id", "a job id from takeSignatureJobs()"))
    }
}

pub fn secret_key(seed: &[u8]) -> Result<SecretKey, JsValue> {
    let seed: &[u8; 32] = seed.try_into().map_err(|_| invalid_argument("seed", "32 bytes"))?;
    Ok(SecretKey::from_seed(seed))
}

#[derive(Serialize)]
struct Signed {
    id: String,
    line: String,
}

pub fn signed(s: SignedStatement) -> Result<JsValue, JsValue> {
    let line = String::from_utf8(s.line).map_err(|_| js_error("INTERNAL", "canonical line is not UTF-8"))?;
    to_js(&Signed { id: s.id.to_hex(), line })
}
