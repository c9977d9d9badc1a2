//! Sealed records (密封记录, docs/format.md §4.2) for a sealer, and the age keys of a department's
//! seed. The plan and the sealed body are the core's `sealed`; the age encryption in between, and
//! decryption when verifying, are the JS side's (`age-encryption`).

use qinglian_core::crypto::age_keys;
use qinglian_core::federation::TrustRoot;
use qinglian_core::kinds::{BodyError, Kind};
use qinglian_core::sealed::{self, SealError};
use qinglian_wasm_shared::convert::{from_js, invalid_argument, root_error, secret_key, to_js};
use qinglian_wasm_shared::{js_error, set, with_path};
use wasm_bindgen::prelude::*;

fn seal_error(e: &SealError) -> JsValue {
    let err = js_error(e.code(), &e.to_string());
    match e {
        SealError::Body(b) => with_path(err, &b.path),
        _ => err,
    }
}

fn body_error(e: &BodyError) -> JsValue {
    with_path(js_error("SEALED_BODY_INVALID", &format!("{}: expected {}", e.path, e.expected_en)), &e.path)
}

/// What to encrypt and to whom: `{to, recipients, plaintext}` for a `kind` record with `body`,
/// sealed to the departments `to` and the sealer's own `department`, under the newest trust root
/// `root` (its line), with a fresh 32-byte `salt`.
#[wasm_bindgen(js_name = sealPlan)]
pub fn seal_plan(
    root: &[u8],
    kind: &str,
    body: JsValue,
    to: Vec<String>,
    department: &str,
    salt: &[u8],
) -> Result<JsValue, JsValue> {
    let root = TrustRoot::from_line(root).map_err(|e| root_error(&e))?;
    let kind = Kind::parse(kind).ok_or_else(|| invalid_argument("kind", "a record kind"))?;
    let body: serde_json::Value = from_js(body, "SEALED_BODY_INVALID")?;
    let salt: [u8; 32] = salt.try_into().map_err(|_| invalid_argument("salt", "32 random bytes"))?;
    let plan = sealed::prepare(&root, kind, &body, &to, department, &salt).map_err(|e| seal_error(&e))?;
    let out = to_js(&serde_json::json!({ "to": plan.to, "recipients": plan.recipients }))?;
    set(&out, "plaintext", &js_sys::Uint8Array::from(plan.plaintext.as_slice()));
    Ok(out)
}

/// The sealed body (`{sealed: {age, commitment, to}}`) of a plan's `plaintext` once encrypted:
/// `age_base64` is the age v1 ciphertext, base64. Goes into the draft as its body.
#[wasm_bindgen(js_name = sealedBody)]
pub fn sealed_body(to: Vec<String>, plaintext: &[u8], age_base64: String) -> Result<JsValue, JsValue> {
    let body = sealed::seal(to, plaintext, age_base64).map_err(|e| body_error(&e))?;
    to_js(&body.to_value())
}

/// The age identity (`AGE-SECRET-KEY-1…`) and recipient (`age1…`) derived from a department's
/// signing seed: `{identity, recipient}`. The recipient is what its trust-root key entry publishes.
#[wasm_bindgen(js_name = ageKeys)]
pub fn age_keys_of(seed: &[u8]) -> Result<JsValue, JsValue> {
    let seed = secret_key(seed)?.seed();
    to_js(&serde_json::json!({ "identity": age_keys::identity(&seed), "recipient": age_keys::recipient(&seed) }))
}
