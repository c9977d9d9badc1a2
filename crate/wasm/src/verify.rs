//! The streaming verifier (`Verifier`): chunks in, report out, with progress, signature jobs for
//! other threads (run by [`crate::signatures::SignatureWorker`]), fork proofs, and the module's
//! memory size.

use qinglian_core::checks::ConfigError;
use qinglian_core::crypto::Digest;
use qinglian_core::federation::TrustRoot;
use qinglian_core::report::Code;
use qinglian_core::verify::{self, JobError, Report, TrustAnchor, VerifyOptions};
use qinglian_wasm_shared::js_error;
use wasm_bindgen::prelude::*;

use crate::signatures::job_to_js;
use qinglian_wasm_shared::convert::{from_js, invalid_argument, job_id, root_error, to_js};

/// The streaming verifier: push the bundle in chunks of any size, then finish.
///
/// With `external_signatures`, signature work is handed out as jobs (`takeSignatureJobs`) to be
/// verified elsewhere (a `SignatureWorker` in another thread) and returned with
/// `completeSignatureJob`; jobs never completed are verified by `finish`.
#[wasm_bindgen]
pub struct Verifier {
    inner: Option<verify::Verifier>,
    report: Option<Report>,
    limits: verify::Limits,
}

#[wasm_bindgen]
impl Verifier {
    /// `root`: the pinned root line (bytes); or `fingerprint`: 64 hex digits (the root must then be
    /// in the bundle). `options`: `{limits?, known_heads?, checks?}` (`checks` absent or null = no
    /// consistency checks).
    #[wasm_bindgen(constructor)]
    pub fn new(
        root: Option<Vec<u8>>,
        fingerprint: Option<String>,
        options: JsValue,
        external_signatures: bool,
    ) -> Result<Verifier, JsValue> {
        let anchor = match (root, fingerprint) {
            (Some(line), None) => TrustAnchor::Root(Box::new(TrustRoot::from_line(&line).map_err(|e| root_error(&e))?)),
            (None, Some(fp)) => TrustAnchor::Fingerprint(
                Digest::from_hex(&fp)
                    .ok_or_else(|| invalid_argument("fingerprint", "a root fingerprint: 64 lowercase hex digits"))?,
            ),
            _ => return Err(invalid_argument("root", "either the pinned root or its fingerprint")),
        };
        let options: VerifyOptions = if options.is_undefined() || options.is_null() {
            VerifyOptions::default()
        } else {
            from_js(options, "OPTIONS_INVALID")?
        };
        if let Some(config) = &options.checks {
            config.validate().map_err(|e| js_error(ConfigError::CODE, &e.to_string()))?;
        }
        let limits = options.limits.clone();
        let mut inner = verify::Verifier::new(anchor, options);
        if external_signatures {
            inner = inner.external_signatures();
        }
        Ok(Verifier { inner: Some(inner), report: None, limits })
    }

    fn running(&mut self) -> Result<&mut verify::Verifier, JsValue> {
        self.inner.as_mut().ok_or_else(|| js_error("VERIFIER_FINISHED", "the verifier has already finished"))
    }

    /// Start the next of several inputs verified as one (main bundle, then segments); the report
    /// lists them in `bundle.inputs`. Call before each input's chunks, the first one included.
    #[wasm_bindgen(js_name = beginInput)]
    pub fn begin_input(&mut self, name: &str) -> Result<(), JsValue> {
        self.running()?.begin_input(name);
        Ok(())
    }

    /// Feed the next chunk of the bundle (any size, any split).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.running()?.push(chunk);
        Ok(())
    }

    /// `{bytes_in, lines, statements}` so far.
    pub fn progress(&mut self) -> Result<JsValue, JsValue> {
        let p = self.running()?.progress();
        to_js(&p)
    }

    /// Signature jobs ready to be verified elsewhere: `[{id, publicKey, messages, ends, signatures}]`,
    /// each array a fresh (transferable) buffer.
    #[wasm_bindgen(js_name = takeSignatureJobs)]
    pub fn take_signature_jobs(&mut self) -> Result<js_sys::Array, JsValue> {
        let jobs = self.running()?.take_signature_jobs();
        let out = js_sys::Array::new_with_length(jobs.len() as u32);
        for (i, job) in jobs.iter().enumerate() {
            out.set(i as u32, job_to_js(job));
        }
        Ok(out)
    }

    /// The verdicts (one byte per signature, 1 = valid) of a job from `takeSignatureJobs`.
    #[wasm_bindgen(js_name = completeSignatureJob)]
    pub fn complete_signature_job(&mut self, id: f64, verdicts: &[u8]) -> Result<(), JsValue> {
        let verdicts: Vec<bool> = verdicts.iter().map(|&v| v != 0).collect();
        let id = job_id(id)?;
        self.running()?.complete_signature_job(id, &verdicts).map_err(|e| {
            let code = match e {
                JobError::UnknownJob(_) => "JOB_UNKNOWN",
                JobError::WrongCount { .. } => "JOB_VERDICTS_MISMATCH",
            };
            js_error(code, &e.to_string())
        })
    }

    /// End of input: flush the last line and queue every remaining signature (take the last jobs
    /// after this).
    #[wasm_bindgen(js_name = endInput)]
    pub fn end_input(&mut self) -> Result<(), JsValue> {
        self.running()?.end_input();
        Ok(())
    }

    /// The sealed records verified (密封记录, docs/format.md §4.2): `[{id, line, log, seq, kind, to,
    /// age}]`, `age` the base64 age ciphertext to decrypt with a department's identity. Call after
    /// `endInput` and after the last signature job is completed.
    #[wasm_bindgen(js_name = sealedRecords)]
    pub fn sealed_records(&mut self) -> Result<JsValue, JsValue> {
        let sealed = self.running()?.sealed_records();
        to_js(&sealed)
    }

    /// Hand back a decrypted plaintext for the sealed record `id`. Refused (`SEALED_UNKNOWN_RECORD`,
    /// `SEALED_COMMITMENT_MISMATCH`, `SEALED_BODY_INVALID`) when it is not that record's signed
    /// plaintext; the report then has the problem at the record's line.
    #[wasm_bindgen(js_name = openSealed)]
    pub fn open_sealed(&mut self, id: &str, plaintext: &[u8]) -> Result<(), JsValue> {
        self.running()?.open_sealed(id, plaintext).map_err(|e| js_error(e.code(), &e.to_string()))
    }

    /// The departments the caller holds keys for, so the board says of each unread record whether
    /// it was sealed to them (`SEALED_UNREADABLE`) or not (`SEALED_NOT_RECIPIENT`).
    #[wasm_bindgen(js_name = readAs)]
    pub fn read_as(&mut self, departments: Vec<String>) -> Result<(), JsValue> {
        self.running()?.read_as(&departments);
        Ok(())
    }

    /// Decide everything that needs the whole bundle. Returns true when the report names forks
    /// whose lines `attachForkProofs` can copy in (only possible with the whole bundle at hand).
    /// Then call `takeReport`.
    pub fn finish(&mut self) -> Result<bool, JsValue> {
        let inner =
            self.inner.take().ok_or_else(|| js_error("VERIFIER_FINISHED", "the verifier has already finished"))?;
        let report = inner.finish();
        let forks = report.problems.iter().any(|p| p.code == Code::Fork);
        self.report = Some(report);
        Ok(forks)
    }

    /// Copy the lines of each fork into its problem (`detail.lines`): portable proof. `inputs`: the
    /// bytes of every input, in the order verified (one for a single bundle).
    #[wasm_bindgen(js_name = attachForkProofs)]
    pub fn attach_fork_proofs(&mut self, inputs: Vec<js_sys::Uint8Array>) -> Result<(), JsValue> {
        let report = self.report.as_mut().ok_or_else(|| js_error("VERIFIER_NOT_FINISHED", "call finish() first"))?;
        let bytes: Vec<Vec<u8>> = inputs.iter().map(js_sys::Uint8Array::to_vec).collect();
        let slices: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
        verify::attach_fork_proofs_from(report, &slices, &self.limits);
        Ok(())
    }

    /// The report as a plain object (once).
    #[wasm_bindgen(js_name = takeReport)]
    pub fn take_report(&mut self) -> Result<JsValue, JsValue> {
        let report = self.report.take().ok_or_else(|| js_error("VERIFIER_NOT_FINISHED", "call finish() first"))?;
        to_js(&report)
    }
}

/// Bytes of linear memory the module has grown to. It never shrinks, so after a run this is the
/// run's peak: what memory figures and tests measure.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return (core::arch::wasm32::memory_size(0) * 65536) as f64;
    #[cfg(not(target_arch = "wasm32"))]
    return 0.0;
}
