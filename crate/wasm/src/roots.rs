//! Trust roots: reading a root line and checking a successor (making one is the producer
//! module's: `qinglian-wasm-import`).

use qinglian_core::federation::TrustRoot;
use qinglian_core::report::DepartmentSummary;
use qinglian_wasm_shared::convert::{root_error, to_js};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct ParsedRoot {
    federation: String,
    version: u64,
    fingerprint: String,
    prev: Option<String>,
    chain: Vec<String>,
    threshold: u64,
    time: String,
    departments: Vec<DepartmentSummary>,
}

/// Parse a trust root line and check its own threshold of signatures. Throws `ROOT_*` codes.
#[wasm_bindgen(js_name = parseRoot)]
pub fn parse_root(root: &[u8]) -> Result<JsValue, JsValue> {
    let r = TrustRoot::from_line(root).map_err(|e| root_error(&e))?;
    to_js(&ParsedRoot {
        federation: r.federation.clone(),
        version: r.version,
        fingerprint: r.fingerprint.to_hex(),
        prev: r.prev.map(|p| p.to_hex()),
        chain: vec![r.fingerprint.to_hex()],
        threshold: r.threshold,
        time: r.time.to_string(),
        departments: r.summary_departments(),
    })
}

/// Throw unless `newer` validly succeeds `older` (both are parsed and checked first).
#[wasm_bindgen(js_name = checkRootSuccessor)]
pub fn check_root_successor(older: &[u8], newer: &[u8]) -> Result<(), JsValue> {
    let older = TrustRoot::from_line(older).map_err(|e| root_error(&e))?;
    let newer = TrustRoot::from_line(newer).map_err(|e| root_error(&e))?;
    older.accepts_successor(&newer).map_err(|e| root_error(&e))
}
