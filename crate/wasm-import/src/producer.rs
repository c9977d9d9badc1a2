//! Producers: `LogWriter` (records, batches, checkpoints of one log), cosignatures, bundle
//! export and keys from seeds.

use qinglian_core::crypto::{Digest, PublicKey, SecretKey};
use qinglian_core::kinds::Kind;
use qinglian_core::produce::{self, BatchDraft, BatchError, BatchRef, LogHead, PreparedRecord, RecordDraft};
use qinglian_core::read::{FromJson, Object, ReadError};
use qinglian_core::report::Code;
use qinglian_core::time::Timestamp;
use qinglian_wasm_shared::{js_error, set, with_path};
use wasm_bindgen::prelude::*;

use qinglian_core::federation::TrustRoot;
use qinglian_core::report::KnownHead;
use qinglian_wasm_shared::convert::{
    check_log_id, from_js, hex, invalid_argument, job_id, produce_error, root_error, secret_key, signed, timestamp,
};

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
    /// None for an external signer (`LogWriter.external`): the secret never enters the module.
    key: Option<SecretKey>,
    public: PublicKey,
    /// The record laid out by `prepare`, awaiting its signature.
    pending: Option<PreparedRecord>,
    head: LogHead,
    /// With a root, `append` refuses what it would not authorise (`requireRoot`).
    root: Option<Box<TrustRoot>>,
}

#[wasm_bindgen]
impl LogWriter {
    /// A writer for `log` continuing after `seq`/`head` (0 and undefined for a new log).
    #[wasm_bindgen(constructor)]
    pub fn new(log: String, seed: &[u8], seq: Option<f64>, head: Option<String>) -> Result<LogWriter, JsValue> {
        let key = secret_key(seed)?;
        let head = log_head(log, seq, head)?;
        let public = key.public().clone();
        Ok(LogWriter::with(Some(key), public, head))
    }

    /// A writer whose signatures are made elsewhere (a non-extractable WebCrypto key): `prepare`
    /// gives the bytes to sign, `complete` checks the signature and seals the record.
    pub fn external(
        log: String,
        public_key: &str,
        seq: Option<f64>,
        head: Option<String>,
    ) -> Result<LogWriter, JsValue> {
        let bytes: [u8; 32] = Digest::from_hex(public_key)
            .map(|d| d.0)
            .ok_or_else(|| invalid_argument("publicKey", "an Ed25519 public key: 64 hex digits"))?;
        let public = PublicKey::from_bytes(bytes).map_err(|e| invalid_argument("publicKey", e.en()))?;
        let head = log_head(log, seq, head)?;
        Ok(LogWriter::with(None, public, head))
    }

    /// Lay out the next record (`{kind, project?, time, body, refs?}`) for an external signer:
    /// `{bytes, id}`, the bytes to sign. Nothing changes until `complete`.
    pub fn prepare(&mut self, draft: JsValue) -> Result<JsValue, JsValue> {
        let draft = record_draft(draft)?;
        self.authorise(&draft)?;
        let prepared = produce::prepare_record(&self.head, &draft).map_err(|e| produce_error(&e))?;
        let o = JsValue::from(js_sys::Object::new());
        set(&o, "bytes", &js_sys::Uint8Array::from(prepared.bytes.as_slice()).into());
        set(&o, "id", &JsValue::from_str(&prepared.id.to_hex()));
        self.pending = Some(prepared);
        Ok(o)
    }

    /// Seal the prepared record with its 64-byte signature, verified strictly first
    /// (SIGNATURE_INVALID: nothing signed, the record stays prepared); returns `{id, line}`.
    pub fn complete(&mut self, signature: &[u8]) -> Result<JsValue, JsValue> {
        let sig: [u8; 64] = signature.try_into().map_err(|_| invalid_argument("signature", "64 bytes"))?;
        let prepared = self
            .pending
            .clone()
            .ok_or_else(|| js_error("NOTHING_PREPARED", "call prepare(draft) before complete(signature)"))?;
        let s =
            produce::complete_record(prepared, &self.public, &sig, &mut self.head).map_err(|e| produce_error(&e))?;
        self.pending = None;
        signed(s)
    }
}

impl LogWriter {
    fn with(key: Option<SecretKey>, public: PublicKey, head: LogHead) -> LogWriter {
        LogWriter { key, public, pending: None, head, root: None }
    }

    fn authorise(&self, draft: &RecordDraft) -> Result<(), JsValue> {
        match &self.root {
            Some(root) => {
                produce::check_authorised(root, &self.public, &self.head, draft).map_err(|e| produce_error(&e))
            }
            None => Ok(()),
        }
    }
}

/// The writer's own key, or NO_SECRET_KEY for an external signer.
fn secret(key: &Option<SecretKey>) -> Result<&SecretKey, JsValue> {
    key.as_ref().ok_or_else(|| {
        js_error("NO_SECRET_KEY", "this writer signs externally: use prepare(draft) and complete(signature)")
    })
}

/// A log head from the constructor's arguments.
fn log_head(log: String, seq: Option<f64>, head: Option<String>) -> Result<LogHead, JsValue> {
    {
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
        Ok(LogHead { log, seq, head })
    }
}

/// A record draft from `{kind, project?, time, body, refs?}`.
fn record_draft(draft: JsValue) -> Result<RecordDraft, JsValue> {
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
    Ok(RecordDraft { kind, project: d.project, time, body: d.body, refs })
}

#[wasm_bindgen]
impl LogWriter {
    /// A writer continuing a log file (NDJSON bytes): the head is its highest record of `log`.
    #[wasm_bindgen(js_name = fromLog)]
    pub fn from_log(log: String, seed: &[u8], file: &[u8]) -> Result<LogWriter, JsValue> {
        let key = secret_key(seed)?;
        check_log_id(&log)?;
        let head = produce::head_of(&log, qinglian_core::bundle::lines(file)).map_err(|e| produce_error(&e))?;
        let public = key.public().clone();
        Ok(LogWriter::with(Some(key), public, head))
    }

    /// From now on refuse to sign what this trust root (the newest the caller verified) would not
    /// authorise for this key, log and kind: KEY_UNKNOWN, KEY_WRONG_DEPARTMENT, KIND_NOT_AUTHORIZED …
    #[wasm_bindgen(js_name = requireRoot)]
    pub fn require_root(&mut self, root: &[u8]) -> Result<(), JsValue> {
        self.root = Some(Box::new(TrustRoot::from_line(root).map_err(|e| root_error(&e))?));
        Ok(())
    }

    /// Throw HEAD_STALE when `heads` (`[{log, seq, head}]`, e.g. a report's `logs` or
    /// `heads_to_remember`) show this log further on than the writer: signing would fork it.
    #[wasm_bindgen(js_name = assertCurrent)]
    pub fn assert_current(&self, heads: JsValue) -> Result<(), JsValue> {
        let heads: Vec<KnownHead> = from_js(heads, "INVALID_ARGUMENT")?;
        produce::check_current(&self.head, &heads).map_err(|e| produce_error(&e))
    }

    /// Sign the next record (`{kind, project?, time, body, refs?}`); returns `{id, line}`.
    pub fn append(&mut self, draft: JsValue) -> Result<JsValue, JsValue> {
        let draft = record_draft(draft)?;
        self.authorise(&draft)?;
        let key = secret(&self.key)?;
        let s = produce::sign_record(key, &mut self.head, &draft).map_err(|e| produce_error(&e))?;
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
        let batch = produce::sign_batch(secret(&self.key)?, &mut self.head, &drafts, time).map_err(|e| match e {
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
        signed(produce::sign_checkpoint(secret(&self.key)?, &self.head, time).map_err(|e| produce_error(&e))?)
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
        self.public.id.to_hex()
    }

    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> String {
        hex(&self.public.bytes)
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
