//! What the module knows about itself: its version, the check catalogue, the problem codes, and
//! validating a check configuration.

use qinglian_core::checks::{self, CheckConfig, ConfigError};
use qinglian_core::report::{Code, Severity};
use qinglian_wasm_shared::js_error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, to_js};

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
