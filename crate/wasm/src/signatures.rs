//! Signature jobs: the JS shape of a [`SignatureJob`] handed out by the verifier, and
//! `SignatureWorker`, which verifies them on any thread.

use qinglian_core::verify::{SignatureJob, SignatureVerifier};
use qinglian_wasm_shared::set;
use wasm_bindgen::prelude::*;

use qinglian_wasm_shared::convert::invalid_argument;

/// `{id, publicKey, messages, ends, signatures}`, each array a fresh (transferable) buffer.
pub(crate) fn job_to_js(job: &SignatureJob) -> JsValue {
    let o = js_sys::Object::new();
    let o = JsValue::from(o);
    set(&o, "id", &JsValue::from_f64(job.id as f64));
    set(&o, "publicKey", &js_sys::Uint8Array::from(&job.public_key[..]).into());
    set(&o, "messages", &js_sys::Uint8Array::from(&job.messages[..]).into());
    set(&o, "ends", &js_sys::Uint32Array::from(&job.ends[..]).into());
    set(&o, "signatures", &js_sys::Uint8Array::from(&job.signatures[..]).into());
    o
}

/// Verifies signature jobs (on any thread): one verdict byte per signature, 1 when it holds under
/// strict Ed25519. Keeps a precomputed table per busy key, so give one key's jobs to one worker.
#[wasm_bindgen]
#[derive(Default)]
pub struct SignatureWorker {
    inner: SignatureVerifier,
}

#[wasm_bindgen]
impl SignatureWorker {
    #[wasm_bindgen(constructor)]
    pub fn new() -> SignatureWorker {
        SignatureWorker::default()
    }

    /// `ends[i]` is the end offset of message `i` in `messages`; 64 bytes per signature.
    pub fn verify(
        &mut self,
        public_key: &[u8],
        messages: Vec<u8>,
        ends: Vec<u32>,
        signatures: Vec<u8>,
    ) -> Result<Vec<u8>, JsValue> {
        let public_key: [u8; 32] =
            public_key.try_into().map_err(|_| invalid_argument("publicKey", "32 bytes (an Ed25519 public key)"))?;
        let job = SignatureJob { id: 0, public_key, messages, ends, signatures };
        Ok(self.inner.verify(&job).into_iter().map(u8::from).collect())
    }
}
