//! Trust roots for producers: creating one from a spec, adding signatures, and what a key may
//! sign under one (the verifier module reads and checks roots; this module makes them).

use qinglian_core::crypto::SecretKey;
use qinglian_core::federation::{RootSpec, RootSpecError, TrustRoot};
use qinglian_core::produce::{self, ProduceError};
use qinglian_core::report::Code;
use qinglian_core::time::Timestamp;
use qinglian_wasm_shared::convert::{
    canonical_error, invalid_argument, produce_error, root_error, secret_key, signed, to_js,
};
use qinglian_wasm_shared::{js_error, with_path};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `seeds`: 32 bytes per signing key, concatenated.
fn secret_keys(seeds: &[u8]) -> Result<Vec<SecretKey>, JsValue> {
    if seeds.len() % 32 != 0 {
        return Err(invalid_argument("seeds", "32-byte key seeds"));
    }
    seeds.chunks(32).map(secret_key).collect()
}

/// Sign a trust root from `spec` (`{federation, threshold, departments}`): version 1, or the
/// successor of `previous` (a root line). Returns `{id, line}`; check it with `parseRoot` (more
/// signatures can be added with `signRoot` until the thresholds are met).
#[wasm_bindgen(js_name = createRoot)]
pub fn create_root(spec: JsValue, seeds: &[u8], time: String, previous: Option<Vec<u8>>) -> Result<JsValue, JsValue> {
    let json: serde_json::Value = serde_wasm_bindgen::from_value(spec)
        .map_err(|e| with_path(js_error("INVALID_ARGUMENT", &format!("$: {e}")), "$"))?;
    let spec_error = |e: RootSpecError| {
        let err = js_error(e.code().as_str(), &e.to_string());
        match e.path() {
            Some(path) => with_path(err, path),
            None => err,
        }
    };
    let spec = RootSpec::parse(&json).map_err(spec_error)?;
    let keys = secret_keys(seeds)?;
    let time = Timestamp::parse(&time)
        .map_err(|e| with_path(js_error(Code::RootInvalid.as_str(), &format!("$.stmt.time: {e}")), "$.stmt.time"))?;
    let old = previous.map(|line| TrustRoot::from_line(&line).map_err(|e| root_error(&e))).transpose()?;
    let stmt = spec.statement(old.as_ref(), time).map_err(spec_error)?;
    signed(produce::sign_root(&stmt, &keys.iter().collect::<Vec<_>>()))
}

/// Add signatures to a root line (threshold signing passes the file around).
#[wasm_bindgen(js_name = signRoot)]
pub fn sign_root(root: &[u8], seeds: &[u8]) -> Result<JsValue, JsValue> {
    let keys = secret_keys(seeds)?;
    let line = root.trim_ascii_end();
    let out = produce::add_root_signatures(line, &keys.iter().collect::<Vec<_>>()).map_err(|e| match &e {
        ProduceError::Canonical(c) => canonical_error(c, None),
        _ => produce_error(&e),
    })?;
    signed(out)
}

#[derive(Serialize)]
struct SigningRights {
    department: String,
    name: qinglian_core::report::Message,
    kinds: Vec<&'static str>,
}

/// What the key with this public key (64 hex digits) may sign under `root`: its department and
/// the kinds the root offers it. Throws KEY_UNKNOWN when the root does not list the key.
#[wasm_bindgen(js_name = signingRights)]
pub fn signing_rights(root: &[u8], public_key: &str) -> Result<JsValue, JsValue> {
    let r = TrustRoot::from_line(root).map_err(|e| root_error(&e))?;
    let bytes: [u8; 32] = qinglian_core::crypto::Digest::from_hex(public_key)
        .map(|d| d.0)
        .ok_or_else(|| invalid_argument("publicKey", "an Ed25519 public key: 64 hex digits"))?;
    let (dept, _) = r
        .key(&qinglian_core::crypto::KeyId::of(&bytes))
        .ok_or_else(|| js_error(Code::KeyUnknown.as_str(), "this key is not in the trust root (KEY_UNKNOWN)"))?;
    to_js(&SigningRights {
        department: dept.id.clone(),
        name: dept.name.clone(),
        kinds: dept.kinds.iter().map(|k| k.as_str()).collect(),
    })
}
