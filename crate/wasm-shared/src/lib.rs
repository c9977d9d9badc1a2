//! What the verifier module (`qinglian-wasm`) and the import module (`qinglian-wasm-import`)
//! share, so that an error looks the same whichever module threw it. No `#[wasm_bindgen]` exports
//! live here: each module exports only its own functions.
//!
//! Only callable on wasm32: js-sys values panic on other targets.

pub mod convert;

use wasm_bindgen::JsValue;

/// A JavaScript `Error` named `QinglianError` with a stable `code` (the npm wrapper rewraps it as
/// its `QinglianError` class).
pub fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("QinglianError");
    let err = JsValue::from(err);
    set(&err, "code", &JsValue::from_str(code));
    err
}

/// The error with the JSON path of the offending value (`$.stmt.body.amount`).
pub fn with_path(err: JsValue, path: &str) -> JsValue {
    set(&err, "path", &JsValue::from_str(path));
    err
}

/// Set a property on an object this crate's caller just made.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}
