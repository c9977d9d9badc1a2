//! What the module knows about itself: its version, the check catalogue, the problem codes, the
//! vocabularies, validating a check configuration, and canonical JSON.

use qinglian_core::checks::{self, CheckConfig, ConfigError};
use qinglian_core::report::{Code, Severity};
use qinglian_wasm_shared::js_error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use qinglian_core::canonical;
use qinglian_wasm_shared::convert::{canonical_error, from_js, to_js};

/// The version of the Qinglian core compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Every consistency check with its metadata.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    to_js(&checks::catalogue())
}

/// The names of the core's identifiers (kinds, families, graph reasons, cost stages, codes).
#[wasm_bindgen]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    to_js(&qinglian_core::vocabulary::vocabulary())
}

#[derive(Serialize)]
struct CodeInfo {
    code: &'static str,
    severity: Severity,
    zh: &'static str,
    en: &'static str,
}

/// Every problem code with its severity and meaning.
#[wasm_bindgen]
pub fn codes() -> Result<JsValue, JsValue> {
    let all: Vec<CodeInfo> = Code::ALL
        .iter()
        .map(|c| {
            let (zh, en) = c.meaning();
            CodeInfo { code: c.as_str(), severity: c.severity(), zh, en }
        })
        .collect();
    to_js(&all)
}

/// Throw `CONFIG_INVALID` unless `config` is a valid check configuration.
#[wasm_bindgen(js_name = validateCheckConfig)]
pub fn validate_check_config(config: JsValue) -> Result<(), JsValue> {
    let config: CheckConfig = from_js(config, ConfigError::CODE)?;
    config.validate().map_err(|e| js_error(ConfigError::CODE, &e.to_string()))
}

/// Nesting limit for JSON handed to [`canonicalize`]: the verifier's default line limit.
fn max_depth() -> usize {
    qinglian_core::verify::Limits::default().max_depth
}

/// Parse `json` under the strict profile (integers only, within ±(2^53−1), no duplicate keys) and
/// return its RFC 8785 (JCS) canonical encoding.
///
/// Throws an `Error` with `code` (for example `FLOAT_NUMBER`, `DUPLICATE_KEY`) on bad input.
#[wasm_bindgen]
pub fn canonicalize(json: &str) -> Result<String, JsValue> {
    let value = canonical::parse_strict(json.as_bytes(), max_depth()).map_err(|e| canonical_error(&e, None))?;
    // `encode` always yields UTF-8 (it serialises a serde_json::Value, whose strings are UTF-8).
    String::from_utf8(canonical::encode(&value)).map_err(|_| js_error("INTERNAL", "canonical encoding is not UTF-8"))
}
