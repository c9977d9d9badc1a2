//! Benchmark hooks for `npm run bench` (see bench/README.md).
//!
//! They expose the core's own paths (SHA-256, strict Ed25519, the per-key fast path, the streaming
//! verifier) so the benchmark can time them next to other libraries in the same process. They add
//! no rule and are not part of the package's documented API: the wrappers in js/ do not re-export
//! them. Everything here is a thin call into `qinglian-core`.

use qinglian_core::crypto::{Digest, PublicKey};
use qinglian_core::federation::TrustRoot;
use qinglian_core::verify::{SignatureJob, SignatureVerifier};
use qinglian_core::{TrustAnchor, Verifier, VerifyOptions};
use wasm_bindgen::prelude::*;

fn bench_error(message: &str) -> JsValue {
    JsValue::from(js_sys::Error::new(message))
}

/// SHA-256 of `bytes` with the core's `Digest::of` (32 bytes).
#[wasm_bindgen]
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    Digest::of(&[bytes]).0.to_vec()
}

/// One public key, decoded once (as the verifier does for each root key), for strict single
/// verification: `ed25519_dalek::VerifyingKey::verify_strict`, one call per signature.
#[wasm_bindgen]
pub struct BenchKey {
    key: PublicKey,
}

#[wasm_bindgen]
impl BenchKey {
    #[wasm_bindgen(constructor)]
    pub fn new(public_key: &[u8]) -> Result<BenchKey, JsValue> {
        let bytes = <[u8; 32]>::try_from(public_key).map_err(|_| bench_error("public key must be 32 bytes"))?;
        let key = PublicKey::from_bytes(bytes).map_err(|e| bench_error(&format!("public key refused: {e:?}")))?;
        Ok(BenchKey { key })
    }

    #[wasm_bindgen(js_name = verifyStrict)]
    pub fn verify_strict(&self, message: &[u8], signature: &[u8]) -> bool {
        <&[u8; 64]>::try_from(signature).is_ok_and(|s| self.key.verify_strict(message, s))
    }
}

/// The verifier's signature path: a [`SignatureVerifier`] fed one job per run of signatures by one
/// key (the verifier cuts runs of 256), with a fixed-base table per busy key.
#[wasm_bindgen]
pub struct BenchSignatures {
    inner: SignatureVerifier,
    next: u64,
}

#[wasm_bindgen]
impl BenchSignatures {
    #[wasm_bindgen(constructor)]
    pub fn new() -> BenchSignatures {
        BenchSignatures { inner: SignatureVerifier::new(), next: 0 }
    }

    /// Verify one job: `messages` concatenated, `ends` the end offset of each, 64 bytes per
    /// signature. Returns one byte per signature, 1 when it verified.
    pub fn verify(&mut self, public_key: &[u8], messages: &[u8], ends: &[u32], signatures: &[u8]) -> Vec<u8> {
        let Ok(public_key) = <[u8; 32]>::try_from(public_key) else {
            return vec![0; ends.len()];
        };
        self.next += 1;
        let job = SignatureJob {
            id: self.next,
            public_key,
            messages: messages.to_vec(),
            ends: ends.to_vec(),
            signatures: signatures.to_vec(),
        };
        self.inner.verify(&job).into_iter().map(u8::from).collect()
    }
}

impl Default for BenchSignatures {
    fn default() -> Self {
        Self::new()
    }
}

/// The streaming verifier of the core, integrity only (no checks), for end-to-end timing before
/// the package's own verify API exists. With `external` set, signature jobs are handed out
/// (`takeJobs`/`complete`) so a benchmark can run them on another worker.
#[wasm_bindgen]
pub struct BenchVerifier {
    inner: Option<Verifier>,
}

#[wasm_bindgen]
impl BenchVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(root_line: &[u8], external: bool) -> Result<BenchVerifier, JsValue> {
        let root = TrustRoot::from_line(root_line).map_err(|e| bench_error(&e.message().en))?;
        let options = VerifyOptions { checks: None, ..Default::default() };
        let mut verifier = Verifier::new(TrustAnchor::Root(Box::new(root)), options);
        if external {
            verifier = verifier.external_signatures();
        }
        Ok(BenchVerifier { inner: Some(verifier) })
    }

    fn verifier(&mut self) -> Result<&mut Verifier, JsValue> {
        self.inner.as_mut().ok_or_else(|| bench_error("verifier already finished"))
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.verifier()?.push(chunk);
        Ok(())
    }

    #[wasm_bindgen(js_name = endInput)]
    pub fn end_input(&mut self) -> Result<(), JsValue> {
        self.verifier()?.end_input();
        Ok(())
    }

    /// Jobs ready for another worker: an array of `{ id, publicKey, messages, ends, signatures }`.
    #[wasm_bindgen(js_name = takeJobs)]
    pub fn take_jobs(&mut self) -> Result<js_sys::Array, JsValue> {
        let out = js_sys::Array::new();
        for job in self.verifier()?.take_signature_jobs() {
            let o = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&o, &JsValue::from_str(k), v).map(|_| ());
            set("id", &JsValue::from_f64(job.id as f64))?;
            set("publicKey", &js_sys::Uint8Array::from(&job.public_key[..]).into())?;
            set("messages", &js_sys::Uint8Array::from(&job.messages[..]).into())?;
            set("ends", &js_sys::Uint32Array::from(&job.ends[..]).into())?;
            set("signatures", &js_sys::Uint8Array::from(&job.signatures[..]).into())?;
            out.push(&o);
        }
        Ok(out)
    }

    /// Verdicts of a job from `takeJobs` (one byte per signature, non-zero = verified).
    pub fn complete(&mut self, id: f64, verdicts: &[u8]) -> Result<(), JsValue> {
        let verdicts: Vec<bool> = verdicts.iter().map(|&v| v != 0).collect();
        self.verifier()?.complete_signature_job(id as u64, &verdicts).map_err(|e| bench_error(&e.to_string()))
    }

    /// Finish and return the report's summary as JSON.
    pub fn finish(&mut self) -> Result<String, JsValue> {
        let verifier = self.inner.take().ok_or_else(|| bench_error("verifier already finished"))?;
        let report = verifier.finish();
        serde_json::to_string(&report.summary).map_err(|e| bench_error(&e.to_string()))
    }
}
