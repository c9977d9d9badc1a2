//! WebAssembly binding of `qinglian-core`.
//!
//! This crate stays thin: every rule lives in the core, and each function here only converts
//! between JavaScript values and core types. Each failure becomes a real JavaScript `Error` named
//! `QinglianError` whose `code` property is a stable code (the same string the verifier reports, or
//! an API code such as `INVALID_ARGUMENT`), with `path` when the core knows where the problem is, so
//! callers can branch on `err.code` instead of parsing messages. Untrusted bundle data never throws:
//! it ends up in the report.
//!
//! The npm wrapper in `js/` is the public API; the names exported here are its building blocks.

mod bench;

use qinglian_core::canonical::{self, CanonicalError};
use qinglian_core::checks::{self, CheckConfig, ConfigError};
use qinglian_core::crypto::{Digest, SecretKey};
use qinglian_core::federation::{RootError, RootSpec, RootSpecError, TrustRoot};
use qinglian_core::keyfile::{self, KeyFile, KeyFileError};
use qinglian_core::kinds::Kind;
use qinglian_core::produce::{
    self, BatchDraft, BatchError, BatchRef, LogHead, ProduceError, RecordDraft, SignedStatement,
};
use qinglian_core::read::{FromJson, Object, ReadError};
use qinglian_core::report::{Code, DepartmentSummary, Severity};
use qinglian_core::statement::{self, StatementError};
use qinglian_core::time::Timestamp;
use qinglian_core::verify::{self, JobError, Report, SignatureJob, SignatureVerifier, TrustAnchor, VerifyOptions};
use qinglian_wasm_shared::{js_error, set, with_path};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Nesting limit for JSON handed to [`canonicalize`]: the verifier's default line limit.
fn max_depth() -> usize {
    verify::Limits::default().max_depth
}

/// The version of the Qinglian core compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
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

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

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

    /// Copy the lines of each fork into its problem (`detail.lines`): portable proof.
    #[wasm_bindgen(js_name = attachForkProofs)]
    pub fn attach_fork_proofs(&mut self, bundle: &[u8]) -> Result<(), JsValue> {
        let report = self.report.as_mut().ok_or_else(|| js_error("VERIFIER_NOT_FINISHED", "call finish() first"))?;
        verify::attach_fork_proofs(report, bundle, &self.limits);
        Ok(())
    }

    /// The report as a plain object (once).
    #[wasm_bindgen(js_name = takeReport)]
    pub fn take_report(&mut self) -> Result<JsValue, JsValue> {
        let report = self.report.take().ok_or_else(|| js_error("VERIFIER_NOT_FINISHED", "call finish() first"))?;
        to_js(&report)
    }
}

fn job_to_js(job: &SignatureJob) -> JsValue {
    let o = js_sys::Object::new();
    let o = JsValue::from(o);
    set(&o, "id", &JsValue::from_f64(job.id as f64));
    set(&o, "publicKey", &js_sys::Uint8Array::from(&job.public_key[..]).into());
    set(&o, "messages", &js_sys::Uint8Array::from(&job.messages[..]).into());
    set(&o, "ends", &js_sys::Uint32Array::from(&job.ends[..]).into());
    set(&o, "signatures", &js_sys::Uint8Array::from(&job.signatures[..]).into());
    o
}

fn job_id(id: f64) -> Result<u64, JsValue> {
    if id.is_finite() && id >= 0.0 && id.fract() == 0.0 && id <= 9_007_199_254_740_991.0 {
        Ok(id as u64)
    } else {
        Err(invalid_argument("id", "a job id from takeSignatureJobs()"))
    }
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

// ---------------------------------------------------------------------------------------------
// Trust roots, catalogue, codes, configuration
// ---------------------------------------------------------------------------------------------

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

/// Every consistency check with its metadata.
/// Bytes of linear memory the module has grown to. It never shrinks, so after a run this is the
/// run's peak: what memory figures and tests measure.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return (core::arch::wasm32::memory_size(0) * 65536) as f64;
    #[cfg(not(target_arch = "wasm32"))]
    return 0.0;
}

#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    to_js(&checks::catalogue())
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

// ---------------------------------------------------------------------------------------------
// Producers
// ---------------------------------------------------------------------------------------------

fn secret_key(seed: &[u8]) -> Result<SecretKey, JsValue> {
    let seed: &[u8; 32] = seed.try_into().map_err(|_| invalid_argument("seed", "32 bytes"))?;
    Ok(SecretKey::from_seed(seed))
}

/// `{seed, publicKey, keyId}` of the key with this 32-byte seed (the caller supplies randomness).
#[wasm_bindgen(js_name = keyFromSeed)]
pub fn key_from_seed(seed: &[u8]) -> Result<JsValue, JsValue> {
    let key = secret_key(seed)?;
    let o = JsValue::from(js_sys::Object::new());
    set(&o, "seed", &js_sys::Uint8Array::from(&key.seed()[..]).into());
    set(&o, "publicKey", &JsValue::from_str(&hex(&key.public().bytes)));
    set(&o, "keyId", &JsValue::from_str(&key.public().id.to_hex()));
    Ok(o)
}

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

#[derive(Serialize)]
struct Signed {
    id: String,
    line: String,
}

fn signed(s: SignedStatement) -> Result<JsValue, JsValue> {
    let line = String::from_utf8(s.line).map_err(|_| js_error("INTERNAL", "canonical line is not UTF-8"))?;
    to_js(&Signed { id: s.id.to_hex(), line })
}

struct Draft {
    kind: String,
    project: Option<String>,
    time: String,
    body: serde_json::Value,
    refs: Option<Vec<String>>,
}

impl FromJson for Draft {
    fn from_json(value: &serde_json::Value) -> Result<Self, ReadError> {
        let object = Object::new(value, &["kind", "project", "time", "body", "refs"])?;
        let built = Draft {
            kind: object.field(0),
            project: object.field(1),
            time: object.field(2),
            body: object.field(3),
            refs: object.field(4),
        };
        object.finish(built)
    }

    fn placeholder() -> Self {
        Draft { kind: String::new(), project: None, time: String::new(), body: serde_json::Value::Null, refs: None }
    }
}

/// One statement of [`LogWriter::append_batch`]; `sheet` and `cell` (where an import found it)
/// are accepted and left out of the record.
struct BatchItem {
    kind: String,
    project: Option<String>,
    time: Option<String>,
    body: serde_json::Value,
    refs: Option<Vec<serde_json::Value>>,
}

impl FromJson for BatchItem {
    fn from_json(value: &serde_json::Value) -> Result<Self, ReadError> {
        let object = Object::new(value, &["kind", "project", "time", "body", "refs", "sheet", "cell"])?;
        let built = BatchItem {
            kind: object.field(0),
            project: object.field(1),
            time: object.field(2),
            body: object.field(3),
            refs: object.field(4),
        };
        let _: Option<String> = object.field(5);
        let _: Option<String> = object.field(6);
        object.finish(built)
    }

    fn placeholder() -> Self {
        BatchItem { kind: String::new(), project: None, time: None, body: serde_json::Value::Null, refs: None }
    }
}

/// Signs records into one log: holds the key and the log's head.
#[wasm_bindgen]
pub struct LogWriter {
    key: SecretKey,
    head: LogHead,
}

#[wasm_bindgen]
impl LogWriter {
    /// A writer for `log` continuing after `seq`/`head` (0 and undefined for a new log).
    #[wasm_bindgen(constructor)]
    pub fn new(log: String, seed: &[u8], seq: Option<f64>, head: Option<String>) -> Result<LogWriter, JsValue> {
        let key = secret_key(seed)?;
        check_log_id(&log)?;
        let seq = match seq {
            None => 0,
            Some(s) => job_id(s).map_err(|_| invalid_argument("head.seq", "a non-negative integer"))?,
        };
        let head = match head {
            None => None,
            Some(h) => {
                Some(Digest::from_hex(&h).ok_or_else(|| invalid_argument("head.head", "64 lowercase hex digits"))?)
            }
        };
        if (seq == 0) != head.is_none() {
            return Err(invalid_argument("head", "{seq: 0} for a new log, or {seq, head} of its last record"));
        }
        Ok(LogWriter { key, head: LogHead { log, seq, head } })
    }

    /// A writer continuing a log file (NDJSON bytes): the head is its highest record of `log`.
    #[wasm_bindgen(js_name = fromLog)]
    pub fn from_log(log: String, seed: &[u8], file: &[u8]) -> Result<LogWriter, JsValue> {
        let key = secret_key(seed)?;
        check_log_id(&log)?;
        let head = produce::head_of(&log, qinglian_core::bundle::lines(file)).map_err(|e| produce_error(&e))?;
        Ok(LogWriter { key, head })
    }

    /// Sign the next record (`{kind, project?, time, body, refs?}`); returns `{id, line}`.
    pub fn append(&mut self, draft: JsValue) -> Result<JsValue, JsValue> {
        let d: Draft = from_js(draft, "INVALID_ARGUMENT")?;
        let kind = Kind::parse(&d.kind).ok_or_else(|| {
            with_path(
                js_error(
                    Code::UnknownKind.as_str(),
                    &format!("unknown record kind {}", qinglian_core::read::quoted(&d.kind)),
                ),
                "$.stmt.kind",
            )
        })?;
        let time = timestamp(&d.time, "$.stmt.time")?;
        let mut refs = Vec::new();
        for (i, r) in d.refs.unwrap_or_default().iter().enumerate() {
            refs.push(Digest::from_hex(r).ok_or_else(|| {
                with_path(
                    js_error(Code::StatementInvalid.as_str(), "expected a statement id (64 lowercase hex digits)"),
                    &format!("$.stmt.refs[{i}]"),
                )
            })?);
        }
        let draft = RecordDraft { kind, project: d.project, time, body: d.body, refs };
        let s = produce::sign_record(&self.key, &mut self.head, &draft).map_err(|e| produce_error(&e))?;
        signed(s)
    }

    /// Sign a batch all or nothing (an import's `statements`): `[{kind, project?, time?, body,
    /// refs?: [id | {statement: k}]}]`, each after the statements it cites, at `time` unless it
    /// has its own. Returns `[{statement, id, line}]` in signing order. On an error nothing is
    /// signed and the writer stays where it was; the error's `statement` says which one.
    #[wasm_bindgen(js_name = appendBatch)]
    pub fn append_batch(&mut self, statements: JsValue, time: String) -> Result<JsValue, JsValue> {
        let list: Vec<BatchItem> = from_js(statements, "INVALID_ARGUMENT")?;
        let time = timestamp(&time, "time")?;
        let mut drafts = Vec::with_capacity(list.len());
        for (i, d) in list.into_iter().enumerate() {
            let at = |e: JsValue| {
                set(&e, "statement", &JsValue::from(i as f64));
                e
            };
            let kind = Kind::parse(&d.kind).ok_or_else(|| {
                at(js_error(
                    Code::UnknownKind.as_str(),
                    &format!("unknown record kind {}", qinglian_core::read::quoted(&d.kind)),
                ))
            })?;
            let time = d.time.as_deref().map(|t| timestamp(t, "$.stmt.time")).transpose().map_err(at)?;
            let mut refs = Vec::new();
            for (r, value) in d.refs.unwrap_or_default().iter().enumerate() {
                let target = match value {
                    serde_json::Value::String(h) => Digest::from_hex(h).map(BatchRef::Signed),
                    serde_json::Value::Object(o) => {
                        o.get("statement").and_then(serde_json::Value::as_u64).map(|k| BatchRef::Draft(k as usize))
                    }
                    _ => None,
                };
                refs.push(target.ok_or_else(|| {
                    at(with_path(
                        js_error(
                            "INVALID_ARGUMENT",
                            "expected a statement id (64 lowercase hex digits) or {statement: k}",
                        ),
                        &format!("$[{i}].refs[{r}]"),
                    ))
                })?);
            }
            drafts.push(BatchDraft { kind, project: d.project, time, body: d.body, refs });
        }
        let batch = produce::sign_batch(&self.key, &mut self.head, &drafts, time).map_err(|e| match e {
            BatchError::Refused { index, error } => {
                let err = produce_error(&error);
                set(&err, "statement", &JsValue::from(index as f64));
                err
            }
            BatchError::Unsignable { index } => {
                let err = js_error("BATCH_UNSIGNABLE", &e.to_string());
                set(&err, "statement", &JsValue::from(index as f64));
                err
            }
        })?;
        let out = js_sys::Array::new();
        for (index, s) in batch {
            let item = signed(s)?;
            set(&item, "statement", &JsValue::from(index as f64));
            out.push(&item);
        }
        Ok(out.into())
    }

    /// Sign a checkpoint of the current head.
    pub fn checkpoint(&self, time: String) -> Result<JsValue, JsValue> {
        let time = timestamp(&time, "$.stmt.time")?;
        signed(produce::sign_checkpoint(&self.key, &self.head, time).map_err(|e| produce_error(&e))?)
    }

    #[wasm_bindgen(getter)]
    pub fn log(&self) -> String {
        self.head.log.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn seq(&self) -> f64 {
        self.head.seq as f64
    }

    #[wasm_bindgen(getter)]
    pub fn head(&self) -> Option<String> {
        self.head.head.map(|h| h.to_hex())
    }

    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.key.public().id.to_hex()
    }

    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> String {
        hex(&self.key.public().bytes)
    }
}

/// A witness department's cosignature of another department's head; the statement names `witness`.
#[wasm_bindgen]
pub fn cosign(
    seed: &[u8],
    witness: String,
    log: String,
    seq: f64,
    head: String,
    time: String,
) -> Result<JsValue, JsValue> {
    let key = secret_key(seed)?;
    check_log_id(&log)?;
    let seq = job_id(seq).map_err(|_| invalid_argument("claim.seq", "a positive integer"))?;
    let head = Digest::from_hex(&head).ok_or_else(|| invalid_argument("claim.head", "64 lowercase hex digits"))?;
    let time = timestamp(&time, "$.stmt.time")?;
    let claim = LogHead { log, seq, head: Some(head) };
    signed(produce::sign_cosignature(&key, &witness, &claim, time).map_err(|e| produce_error(&e))?)
}

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

/// Write a bundle: header, roots, then the statements of `lines` (each element may hold several
/// lines, e.g. a whole log file). Lines that are not statements and duplicates are left out.
#[wasm_bindgen(js_name = exportBundle)]
pub fn export_bundle(
    federation: String,
    created: String,
    description: Option<String>,
    roots: Vec<String>,
    lines: Vec<String>,
    project: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let created = Timestamp::parse(&created)
        .map_err(|e| with_path(js_error(Code::HeaderInvalid.as_str(), &format!("created: {e}")), "$.created"))?;
    let split = |v: &Vec<String>| -> Vec<Vec<u8>> {
        v.iter()
            .flat_map(|s| qinglian_core::bundle::lines(s.as_bytes()))
            .filter(|l| !l.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    };
    let roots = split(&roots);
    let lines = split(&lines);
    let out = produce::export_bundle(
        &federation,
        created,
        description.as_deref(),
        roots.iter().map(Vec::as_slice),
        lines.iter().map(Vec::as_slice),
        project.as_deref(),
    );
    Ok(out.bytes)
}

// ---------------------------------------------------------------------------------------------
// Conversions and errors
// ---------------------------------------------------------------------------------------------

/// Plain JS values: objects for maps, numbers for 64-bit integers (all below 2^53 by the format).
/// Through JSON text and `JSON.parse`: the same serialisation as the CLI's `--json` output, and
/// one serializer in the module instead of two (serde-wasm-bindgen's cost 6 KiB gzip, measured;
/// no slower on the 200k demo report).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(value).map_err(|e| js_error("INTERNAL", &format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// A Rust value from a JS value, or an error with `code` and the path of the offending member.
/// The value goes through `serde_json::Value` and the core's strict deserializer, so
/// `deny_unknown_fields` holds (a typo in an option or a check id is refused rather than silently
/// ignored) and the error names the member.
fn from_js<T: FromJson>(value: JsValue, code: &str) -> Result<T, JsValue> {
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| with_path(js_error(code, &format!("$: {e}")), "$"))?;
    T::from_json(&json).map_err(|e| {
        let e = e.into_body_error();
        with_path(js_error(code, &format!("{}: expected {}", e.path, e.expected_en)), &e.path)
    })
}

fn timestamp(s: &str, path: &str) -> Result<Timestamp, JsValue> {
    Timestamp::parse(s).map_err(|e| with_path(js_error(Code::StatementInvalid.as_str(), &format!("{path}: {e}")), path))
}

fn check_log_id(log: &str) -> Result<(), JsValue> {
    if statement::valid_log_id(log) {
        Ok(())
    } else {
        Err(with_path(
            js_error(
                Code::StatementInvalid.as_str(),
                &format!("log id {log:?}: expected <department>/<name>, each [a-z0-9-]{{1,32}}"),
            ),
            "$.stmt.log",
        ))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical_error(e: &CanonicalError, prefix: Option<&str>) -> JsValue {
    let err = js_error(e.code().as_str(), &e.to_string());
    match (e.path(), prefix) {
        (Some(path), Some(prefix)) => with_path(err, &format!("{prefix}{}", path.trim_start_matches('$'))),
        (Some(path), None) => with_path(err, path),
        (None, _) => err,
    }
}

fn produce_error(e: &ProduceError) -> JsValue {
    match e {
        // The body is checked on its own, so its paths are relative to it: say where it sits.
        ProduceError::Canonical(c) => canonical_error(c, Some("$.stmt.body")),
        ProduceError::Invalid(StatementError::Body(b)) => with_path(js_error(e.code(), &e.to_string()), &b.path),
        ProduceError::Invalid(StatementError::Field { path, .. }) => {
            with_path(js_error(e.code(), &e.to_string()), path)
        }
        ProduceError::Invalid(StatementError::UnknownKind(_)) => {
            with_path(js_error(e.code(), &e.to_string()), "$.stmt.kind")
        }
    }
}

fn root_error(e: &RootError) -> JsValue {
    let message = e.message();
    let err = js_error(e.code().as_str(), &message.en);
    set(&err, "zh", &JsValue::from_str(&message.zh));
    match e {
        RootError::Invalid { path, .. } => with_path(err, path),
        _ => err,
    }
}

fn invalid_argument(name: &str, expected: &str) -> JsValue {
    js_error("INVALID_ARGUMENT", &format!("{name}: expected {expected}"))
}
