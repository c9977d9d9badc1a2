//! Key files: reading a decrypted one, writing its text, the scrypt work factors, and the error
//! of a refused one (decryption itself is on the JS side).

use qinglian_core::keyfile::{self, KeyFile, KeyFileError};
use qinglian_wasm_shared::{js_error, set};
use wasm_bindgen::prelude::*;

use crate::producer::key_from_seed;
use qinglian_wasm_shared::convert::secret_key;

/// Read a decrypted key file (`crate/core/src/keyfile.rs`): `{department, seed, publicKey, keyId}`.
/// An age-encrypted one throws KEY_FILE_ENCRYPTED (the JS side decrypts and calls again); with
/// `log`, a key of another department throws KEY_WRONG_DEPARTMENT.
#[wasm_bindgen(js_name = readKeyFile)]
pub fn read_key_file(bytes: &[u8], log: Option<String>) -> Result<JsValue, JsValue> {
    let file = KeyFile::parse(bytes).map_err(|e| key_file_error(&e))?;
    if let Some(log) = log {
        file.check_log(&log).map_err(|e| key_file_error(&e))?;
    }
    let o = key_from_seed(&file.key.seed())?;
    set(&o, "department", &JsValue::from_str(&file.department));
    Ok(o)
}

/// The decrypted key file document for `department` and `seed`, as the CLI writes it.
#[wasm_bindgen(js_name = keyFileText)]
pub fn key_file_text(department: &str, seed: &[u8]) -> Result<String, JsValue> {
    Ok(KeyFile::new(department, secret_key(seed)?).map_err(|e| key_file_error(&e))?.to_text())
}

/// The scrypt work factors key files are written with: `{default, min, max}` (log2 N).
#[wasm_bindgen(js_name = keyFileWorkFactors)]
pub fn key_file_work_factors() -> JsValue {
    let o = JsValue::from(js_sys::Object::new());
    set(&o, "default", &keyfile::DEFAULT_WORK_FACTOR.into());
    set(&o, "min", &keyfile::MIN_WORK_FACTOR.into());
    set(&o, "max", &keyfile::MAX_WORK_FACTOR.into());
    o
}

/// The QinglianError of a refused key file, with the core's code and words.
#[wasm_bindgen(js_name = keyFileError)]
pub fn key_file_error_of(code: &str, detail: &str) -> JsValue {
    let e = match code {
        "KEY_FILE_PASSPHRASE" => KeyFileError::WrongPassphrase,
        "KEY_FILE_ENCRYPTED" => KeyFileError::Encrypted,
        _ => KeyFileError::Undecryptable(detail.to_owned()),
    };
    key_file_error(&e)
}

fn key_file_error(e: &KeyFileError) -> JsValue {
    js_error(e.code(), &e.to_string())
}
