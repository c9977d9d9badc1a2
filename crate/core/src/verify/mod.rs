//! The streaming verifier: bytes in, [`Report`] out (docs/decisions.md §1–11).
//!
//! Per line it checks the canonical encoding, the envelope, the statement fields and the record
//! body, computes the id and verifies the strict Ed25519 signature. Everything that depends on the
//! whole bundle (authorisation under the final trust root, chains, forks, gaps, checkpoints,
//! witnesses, remembered heads, references) is decided in [`Verifier::finish`], so the result does
//! not depend on line order. Memory is bounded by what the logs and checks must retain.

mod logs;
mod openings;
mod roots;
mod seen;
mod signatures;

pub use signatures::{SignatureJob, SignatureVerifier};

use crate::bundle::{LineEvent, LineReader};
use crate::canonical::{self, CanonicalError};
use crate::checks::{self, Analysis, CheckConfig};
use crate::crypto::{Digest, KeyId};
use crate::federation::TrustRoot;
use crate::read::{FromJson, Object, ReadError};
use crate::report::{Code, KnownHead, LogSummary, Problem, RootSummary, Summary};
use crate::statement::{self, Checkpoint, EnvelopeError, Record, StatementError, StatementType};
pub use openings::{OpenSealedError, SealedRecord};
use roots::RootChain;
use seen::{Seen, Slot};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest as _, Sha256};
use std::collections::{HashMap, HashSet};

/// Bounds on untrusted input, each enforced with its own code.
/// Every member may be left out (then its default).
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    /// Longest line in bytes (`LINE_TOO_LONG`).
    pub max_line_bytes: usize,
    /// Deepest nesting of objects and arrays (`DEPTH_EXCEEDED`).
    pub max_depth: usize,
    /// Most statements read; the rest are counted but not processed (`TOO_MANY_STATEMENTS`).
    pub max_statements: u64,
    /// Most problems kept in the report; further ones are counted only.
    pub max_problems: usize,
    /// Most statements held back while waiting for a newer root that may list their key.
    pub max_deferred: usize,
    /// Most bytes a gzip bundle may inflate to (`INFLATED_TOO_LARGE`); lines before it stand.
    pub max_inflated_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_line_bytes: 1 << 20,
            max_depth: 32,
            max_statements: 20_000_000,
            max_problems: 10_000,
            max_deferred: 100_000,
            // Far above any real bundle (tens of millions of records of ~1.5 KB), far below
            // what a stream of repeated gzip members could claim.
            max_inflated_bytes: 64 << 30,
        }
    }
}

/// What the caller trusts: a root file it pinned, or only that root's fingerprint (then the root
/// itself must be in the bundle).
#[derive(Debug, Clone)]
pub enum TrustAnchor {
    Root(Box<TrustRoot>),
    Fingerprint(Digest),
}

/// Every member may be left out.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    pub limits: Limits,
    /// Heads verified before (docs/decisions.md §5): a bundle that rewrites them is flagged.
    pub known_heads: Vec<KnownHead>,
    /// Check configuration; `None` skips the consistency checks (integrity only).
    pub checks: Option<CheckConfig>,
    /// Findings at or above this severity make the exit status 1 (`--fail-on`).
    pub fail_on: Option<checks::FindingSeverity>,
}

impl FromJson for Limits {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let object = Object::new(
            value,
            &["max_line_bytes", "max_depth", "max_statements", "max_problems", "max_deferred", "max_inflated_bytes"],
        )?;
        let d = Limits::default();
        let built = Limits {
            max_line_bytes: object.field_or(0, d.max_line_bytes),
            max_depth: object.field_or(1, d.max_depth),
            max_statements: object.field_or(2, d.max_statements),
            max_problems: object.field_or(3, d.max_problems),
            max_deferred: object.field_or(4, d.max_deferred),
            max_inflated_bytes: object.field_or(5, d.max_inflated_bytes),
        };
        object.finish(built)
    }

    fn placeholder() -> Self {
        Self::default()
    }
}

impl FromJson for VerifyOptions {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let object = Object::new(value, &["limits", "known_heads", "checks", "fail_on"])?;
        let built = VerifyOptions {
            limits: object.field_or(0, Limits::default()),
            known_heads: object.field_or_empty(1),
            checks: object.field(2),
            fail_on: object.field(3),
        };
        object.finish(built)
    }

    fn placeholder() -> Self {
        Self::default()
    }
}

/// Progress for long verifications (bars in the CLI and the page).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Progress {
    pub bytes_in: u64,
    pub lines: u64,
    pub statements: u64,
}

/// A record whose encoding, body and signature verified (authorisation is settled in `finish`).
#[derive(Debug, Clone)]
pub struct VerifiedRecord {
    pub id: Digest,
    pub line: u64,
    pub key: KeyId,
    pub record: Record,
}

#[derive(Debug, Clone)]
pub(crate) struct SignedCheckpoint {
    pub id: Digest,
    pub line: u64,
    pub key: KeyId,
    pub checkpoint: Checkpoint,
    pub witness: bool,
}

/// A statement whose key is not (yet) known: a newer root later in the bundle may list it.
struct Deferred {
    line: u64,
    id: Digest,
    key: KeyId,
    sig: [u8; 64],
    signed_bytes: Vec<u8>,
    statement: DeferredStatement,
}

enum DeferredStatement {
    Record(Box<Record>),
    Checkpoint(Checkpoint, bool),
}

/// A bundle header line as read (concatenated bundles have several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleHeader {
    pub line: u64,
    pub created: String,
    pub federation: String,
    pub description: Option<String>,
}

/// One of several inputs verified together (a main bundle and the segments departments exchange).
/// Line numbers in the report are global: this input's line k is `first_line + k - 1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputInfo {
    pub name: String,
    /// Of this input's bytes as given, compressed or not.
    pub sha256: String,
    pub first_line: u64,
    pub lines: u64,
    pub bytes: u64,
}

/// What was verified: the input's hash (of the bytes as given, compressed or not) and its headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleInfo {
    /// Of all bytes, every input in order.
    pub sha256: String,
    pub headers: Vec<BundleHeader>,
    /// Present when the caller named its inputs ([`Verifier::begin_input`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputInfo>,
}

/// The full result of a verification.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub v: u64,
    pub bundle: BundleInfo,
    pub summary: Summary,
    pub root: Option<RootSummary>,
    pub logs: Vec<LogSummary>,
    /// The heads this verification proved, for the caller to remember and pass back as
    /// `known_heads` next time (docs/decisions.md §5): the last record of each log that has no
    /// fork, no broken chain and no rewritten remembered head. The page stores exactly these.
    pub heads_to_remember: Vec<KnownHead>,
    pub problems: Vec<Problem>,
    /// Problems beyond `max_problems`, counted but not listed.
    pub problems_omitted: u64,
    /// Findings of the consistency checks over the verified records (absent when checks were off).
    pub analysis: Option<Analysis>,
    /// The verified, authorised records outside any fork: what the checks read.
    #[serde(skip)]
    pub records: Vec<VerifiedRecord>,
    /// The newest trust root adopted (what a producer continuing from this bundle must satisfy).
    #[serde(skip)]
    pub trust_root: Option<TrustRoot>,
}

pub struct Verifier {
    options: VerifyOptions,
    reader: LineReader,
    roots: RootChain,
    header_seen: bool,
    federation: Option<String>,
    statements: u64,
    over_limit: bool,
    /// (statement id, signing key) → first 8 bytes of the signature that verified for it. Keyed by
    /// signer too, so a copy signed by an unauthorised key cannot shadow the authorised one.
    seen: Seen,
    duplicate_lines: Vec<u64>,
    duplicates: u64,
    records: Vec<VerifiedRecord>,
    checkpoints: Vec<SignedCheckpoint>,
    deferred: Vec<Deferred>,
    problems: Vec<Problem>,
    problems_omitted: u64,
    rejected_lines: HashSet<u64>,
    counts: HashMap<StatementType, u64>,
    /// Statements awaiting signature verification, by key.
    signature_queue: HashMap<KeyId, Vec<Deferred>>,
    signatures: SignatureVerifier,
    external: bool,
    next_job: u64,
    outbox: Vec<SignatureJob>,
    in_flight: HashMap<u64, Vec<Deferred>>,
    taken: HashMap<u64, SignatureJob>,
    input_ended: bool,
    input_hash: Sha256,
    headers: Vec<BundleHeader>,
    /// Inputs closed so far, and the one being read (name, hash), when the caller names inputs.
    inputs: Vec<InputInfo>,
    current_input: Option<(String, Sha256)>,
    /// Lines and bytes of the inputs before the current one.
    line_offset: u64,
    bytes_offset: u64,
    /// Sealed records opened by the caller, and the departments it read for (`openings.rs`).
    opened: u64,
    readers: Vec<String>,
    refused: HashMap<Digest, Code>,
}

/// Signatures of one key verified together (one job; one shared inversion).
const SIGNATURE_RUN: usize = 256;

/// Misuse of the signature-job API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobError {
    UnknownJob(u64),
    WrongCount { id: u64, expected: usize, got: usize },
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownJob(id) => write!(f, "no signature job {id} is outstanding"),
            Self::WrongCount { id, expected, got } => {
                write!(f, "job {id} has {expected} signatures, got {got} verdicts")
            }
        }
    }
}

impl std::error::Error for JobError {}

impl Verifier {
    pub fn new(anchor: TrustAnchor, options: VerifyOptions) -> Verifier {
        let reader = LineReader::new(options.limits.max_line_bytes, options.limits.max_inflated_bytes);
        Verifier {
            reader,
            roots: RootChain::new(anchor),
            options,
            header_seen: false,
            federation: None,
            statements: 0,
            over_limit: false,
            seen: Seen::default(),
            duplicate_lines: Vec::new(),
            duplicates: 0,
            records: Vec::new(),
            checkpoints: Vec::new(),
            deferred: Vec::new(),
            problems: Vec::new(),
            problems_omitted: 0,
            rejected_lines: HashSet::new(),
            counts: HashMap::new(),
            signature_queue: HashMap::new(),
            signatures: SignatureVerifier::new(),
            external: false,
            next_job: 0,
            outbox: Vec::new(),
            in_flight: HashMap::new(),
            taken: HashMap::new(),
            input_ended: false,
            input_hash: Sha256::new(),
            headers: Vec::new(),
            inputs: Vec::new(),
            current_input: None,
            line_offset: 0,
            bytes_offset: 0,
            opened: 0,
            readers: Vec::new(),
            refused: HashMap::new(),
        }
    }

    pub fn progress(&self) -> Progress {
        Progress { bytes_in: self.bytes_in(), lines: self.lines_read(), statements: self.statements }
    }

    fn lines_read(&self) -> u64 {
        self.line_offset + self.reader.lines_read()
    }

    fn bytes_in(&self) -> u64 {
        self.bytes_offset + self.reader.bytes_in
    }

    /// Start the next of several inputs verified as one (a main bundle, then segments): each is
    /// read on its own (its own gzip stream, its own last line), and the report lists them in
    /// `bundle.inputs`. Call it before the first input too, to name it.
    pub fn begin_input(&mut self, name: &str) {
        if self.input_ended {
            return;
        }
        self.close_input();
        self.current_input = Some((name.to_owned(), Sha256::new()));
    }

    /// Flush the input being read and, when inputs are named, record it.
    fn close_input(&mut self) {
        let first_line = self.line_offset + 1;
        let bytes = self.reader.bytes_in;
        let max_line = self.options.limits.max_line_bytes;
        let max_inflated = self.options.limits.max_inflated_bytes;
        let mut reader = std::mem::replace(&mut self.reader, LineReader::new(max_line, max_inflated));
        reader.finish(&mut |e| self.on_event(e));
        self.line_offset += reader.lines_read();
        self.bytes_offset += bytes;
        if let Some((name, hash)) = self.current_input.take() {
            self.inputs.push(InputInfo {
                name,
                sha256: hex::encode(hash.finalize()),
                first_line,
                lines: reader.lines_read(),
                bytes,
            });
        }
    }

    /// Feed the next chunk of the bundle (any size, any split).
    pub fn push(&mut self, chunk: &[u8]) {
        self.input_hash.update(chunk);
        if let Some((_, hash)) = &mut self.current_input {
            hash.update(chunk);
        }
        let mut reader = std::mem::replace(&mut self.reader, LineReader::new(0, 0));
        reader.push(chunk, &mut |e| self.on_event(e));
        self.reader = reader;
    }

    fn on_event(&mut self, event: LineEvent) {
        // Readers number their own input's lines; the report numbers all of them.
        let off = self.line_offset;
        match event {
            LineEvent::Line { number, bytes } => self.on_line(off + number, bytes),
            LineEvent::TooLong { number, length } => {
                let number = off + number;
                let limit = self.options.limits.max_line_bytes;
                self.reject(
                    Problem::explained(
                        Code::LineTooLong,
                        format!("{length} 字节,上限 {limit}"),
                        format!("{length} bytes, limit {limit}"),
                    )
                    .at_line(number),
                );
            }
            LineEvent::GzipError { error: crate::gzip::GzipError::TooLarge } => {
                let limit = self.options.limits.max_inflated_bytes;
                self.report(Problem::explained(
                    Code::InflatedTooLarge,
                    format!("解压后超过 {limit} 字节,其后的内容未读取"),
                    format!("more than {limit} bytes inflated; the rest was not read"),
                ));
            }
            LineEvent::GzipError { error } => {
                self.report(Problem::explained(Code::GzipCorrupt, error.message_zh(), error.message_en()));
            }
        }
    }

    fn report(&mut self, p: Problem) {
        if self.problems.len() < self.options.limits.max_problems {
            self.problems.push(p);
        } else {
            self.problems_omitted += 1;
        }
    }

    /// Report a problem that makes its line unusable.
    fn reject(&mut self, p: Problem) {
        if let Some(line) = p.line {
            self.rejected_lines.insert(line);
        }
        self.report(p);
    }

    fn on_line(&mut self, number: u64, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if self.statements >= self.options.limits.max_statements {
            if !self.over_limit {
                self.over_limit = true;
                let limit = self.options.limits.max_statements;
                self.report(
                    Problem::explained(Code::TooManyStatements, format!("上限 {limit}"), format!("limit {limit}"))
                        .at_line(number),
                );
            }
            return;
        }
        let value = match canonical::parse_canonical(bytes, self.options.limits.max_depth) {
            Ok(v) => v,
            Err(e) => return self.reject(canonical_problem(&e).at_line(number)),
        };
        if statement::is_header(&value) {
            return self.on_header(number, &value);
        }
        if !self.header_seen {
            self.header_seen = true;
            self.report(Problem::explained(Code::HeaderMissing, "", "").at_line(number));
        }
        self.statements += 1;
        let env = match statement::open_envelope(bytes, value) {
            Ok(env) => env,
            Err(e) => return self.reject(envelope_problem(e).at_line(number)),
        };
        *self.counts.entry(env.kind).or_default() += 1;
        if env.kind == StatementType::Root {
            return match self.roots.offer(number, bytes, env) {
                Ok(true) => {}
                Ok(false) => self.note_duplicate(number),
                Err(p) => self.reject(*p),
            };
        }
        if env.sigs.len() != 1 {
            return self.reject(
                Problem::explained(
                    Code::EnvelopeInvalid,
                    "此类语句须恰有一个签名",
                    "this statement type carries exactly one signature",
                )
                .at_line(number)
                .with_id(&env.id),
            );
        }
        // A byte-identical statement seen before is skipped without verifying again; the same
        // statement with another signature is verified like any line.
        if self.seen.tag(&env.id, &env.sigs[0].key, |slot| self.stored(slot)) == Some(sig_tag(&env.sigs[0].sig)) {
            return self.note_duplicate(number);
        }
        let parsed = match env.kind {
            StatementType::Record => statement::parse_record(&env.stmt).map(|mut r| {
                if self.options.checks.is_none() {
                    r.omit_body();
                }
                DeferredStatement::Record(Box::new(r))
            }),
            StatementType::Checkpoint => {
                statement::parse_checkpoint(&env.stmt, false).map(|c| DeferredStatement::Checkpoint(c, false))
            }
            StatementType::Cosignature => {
                statement::parse_checkpoint(&env.stmt, true).map(|c| DeferredStatement::Checkpoint(c, true))
            }
            StatementType::Root => unreachable!("handled above"),
        };
        let statement = match parsed {
            Ok(s) => s,
            Err(e) => return self.reject(statement_problem(e).at_line(number).with_id(&env.id)),
        };
        let sig = env.sigs[0];
        let pending = Deferred {
            line: number,
            id: env.id,
            key: sig.key,
            sig: sig.sig,
            signed_bytes: env.signed_bytes,
            statement,
        };
        if self.roots.public_key(&sig.key).is_some() {
            self.queue(pending);
        } else if self.deferred.len() < self.options.limits.max_deferred {
            self.deferred.push(pending);
        } else {
            let hex = sig.key.to_hex();
            self.reject(Problem::explained(Code::KeyUnknown, &hex, &hex).at_line(number).with_id(&pending.id));
        }
    }

    /// Queue a statement for signature verification under its (known) key; runs of one key are
    /// verified together with that key's precomputed table.
    fn queue(&mut self, d: Deferred) {
        let key = d.key;
        let run = self.signature_queue.entry(key).or_default();
        run.push(d);
        if run.len() >= SIGNATURE_RUN {
            self.flush_key(&key);
        }
    }

    fn flush_key(&mut self, key_id: &KeyId) {
        let Some(mut run) = self.signature_queue.remove(key_id) else { return };
        let Some(key) = self.roots.public_key(key_id) else { return };
        let mut job = SignatureJob {
            id: self.next_job,
            public_key: key.bytes,
            messages: Vec::with_capacity(run.iter().map(|d| d.signed_bytes.len()).sum()),
            ends: Vec::with_capacity(run.len()),
            signatures: Vec::with_capacity(run.len() * 64),
        };
        self.next_job += 1;
        for d in &mut run {
            job.messages.append(&mut d.signed_bytes);
            job.ends.push(job.messages.len() as u32);
            job.signatures.extend_from_slice(&d.sig);
        }
        if self.external {
            self.in_flight.insert(job.id, run);
            self.outbox.push(job);
        } else {
            let verdicts = self.signatures.verify(&job);
            self.settle_run(run, &verdicts);
        }
    }

    fn settle_run(&mut self, run: Vec<Deferred>, verdicts: &[bool]) {
        for (i, d) in run.into_iter().enumerate() {
            self.settle(d, verdicts.get(i).copied().unwrap_or(false));
        }
    }

    /// Hand signature work to the caller instead of doing it here (for parallel verification).
    /// Jobs appear in [`Verifier::take_signature_jobs`]; give verdicts back with
    /// [`Verifier::complete_signature_job`]. Jobs not completed by `finish` are verified locally.
    pub fn external_signatures(mut self) -> Verifier {
        self.external = true;
        self
    }

    /// Signature jobs ready to be verified elsewhere (see [`SignatureVerifier`]).
    pub fn take_signature_jobs(&mut self) -> Vec<SignatureJob> {
        let jobs = std::mem::take(&mut self.outbox);
        // Kept until completed, so `finish` can still verify a job whose worker never answered.
        self.taken.extend(jobs.iter().map(|j| (j.id, j.clone())));
        jobs
    }

    /// Deliver the verdicts of a job taken with [`Verifier::take_signature_jobs`]. An unknown id or a
    /// verdict count that does not match is misuse of the API.
    pub fn complete_signature_job(&mut self, id: u64, verdicts: &[bool]) -> Result<(), JobError> {
        let run = self.in_flight.get(&id).ok_or(JobError::UnknownJob(id))?;
        if run.len() != verdicts.len() {
            return Err(JobError::WrongCount { id, expected: run.len(), got: verdicts.len() });
        }
        let run = self.in_flight.remove(&id).unwrap_or_default();
        self.taken.remove(&id);
        self.settle_run(run, verdicts);
        Ok(())
    }

    fn flush_all(&mut self) {
        let mut keys: Vec<KeyId> = self.signature_queue.keys().copied().collect();
        crate::order::sort(&mut keys);
        for k in keys {
            self.flush_key(&k);
        }
    }

    fn stored(&self, slot: Slot) -> Option<(Digest, KeyId)> {
        stored_at(&self.records, &self.checkpoints, slot)
    }

    fn note_duplicate(&mut self, line: u64) {
        self.duplicates += 1;
        if self.duplicate_lines.len() < 20 {
            self.duplicate_lines.push(line);
        }
    }

    /// Verify the signature of a statement whose key is known, and keep it if it holds.
    /// Keep a statement whose signature was checked (`ok`), or report it.
    fn settle(&mut self, d: Deferred, ok: bool) {
        if !ok {
            return self.reject(Problem::explained(Code::SignatureInvalid, "", "").at_line(d.line).with_id(&d.id));
        }
        let slot = match d.statement {
            DeferredStatement::Record(_) => Slot::Record(self.records.len() as u32),
            DeferredStatement::Checkpoint(..) => Slot::Checkpoint(self.checkpoints.len() as u32),
        };
        let (records, checkpoints) = (&self.records, &self.checkpoints);
        let stored = |slot| stored_at(records, checkpoints, slot);
        if !self.seen.insert(&d.id, &d.key, sig_tag(&d.sig), slot, stored) {
            // Same statement, another valid signature: harmless, like any duplicate.
            return self.note_duplicate(d.line);
        }
        match d.statement {
            DeferredStatement::Record(record) => {
                self.records.push(VerifiedRecord { id: d.id, line: d.line, key: d.key, record: *record })
            }
            DeferredStatement::Checkpoint(checkpoint, witness) => {
                self.checkpoints.push(SignedCheckpoint { id: d.id, line: d.line, key: d.key, checkpoint, witness })
            }
        }
    }

    fn on_header(&mut self, number: u64, value: &serde_json::Value) {
        let header = value.as_object().filter(|h| {
            h.get("v").and_then(serde_json::Value::as_u64) == Some(statement::FORMAT_VERSION)
                && h.get("federation").is_some_and(serde_json::Value::is_string)
                && h.get("created")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|t| crate::time::Timestamp::parse(t).is_ok())
        });
        let Some(header) = header else {
            return self.reject(
                Problem::explained(
                    Code::HeaderInvalid,
                    "须含 created、federation、format、v",
                    "needs created, federation, format and v",
                )
                .at_line(number),
            );
        };
        let federation = header.get("federation").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
        if let Some(expected) = self.roots.federation().map(str::to_owned).or_else(|| self.federation.clone()) {
            if expected != federation {
                self.reject(
                    Problem::explained(
                        Code::FederationMismatch,
                        format!("{federation} ≠ {expected}"),
                        format!("{federation} ≠ {expected}"),
                    )
                    .at_line(number),
                );
            }
        }
        if self.headers.len() < 100 {
            let text = |k: &str| header.get(k).and_then(serde_json::Value::as_str).map(str::to_owned);
            self.headers.push(BundleHeader {
                line: number,
                created: text("created").unwrap_or_default(),
                federation: federation.clone(),
                description: text("description"),
            });
        }
        self.federation.get_or_insert(federation);
        self.header_seen = true;
    }

    /// End of input: decide everything that needs the whole bundle and build the report.
    /// End of input: flush the last line, settle the trust root chain and queue every remaining
    /// signature. With external signatures, take and complete the last jobs after this, then call
    /// [`Verifier::finish`].
    pub fn end_input(&mut self) {
        if self.input_ended {
            return;
        }
        self.close_input();
        self.input_ended = true;
        if self.lines_read() == 0 || (self.statements == 0 && !self.header_seen) {
            self.report(Problem::explained(Code::EmptyBundle, "", ""));
        } else if self.statements == 0 {
            // A header and nothing after it: an export that selected nothing, or one cut short.
            self.report(Problem::explained(Code::NoStatements, "", ""));
        }
        for p in self.roots.finish() {
            self.reject(p);
        }
        // Statements whose keys only a later root listed.
        for d in std::mem::take(&mut self.deferred) {
            if self.roots.public_key(&d.key).is_some() {
                self.queue(d);
            } else {
                self.reject(
                    Problem::explained(Code::KeyUnknown, d.key.to_hex(), d.key.to_hex()).at_line(d.line).with_id(&d.id),
                );
            }
        }
        self.flush_all();
    }

    /// Decide everything that needs the whole bundle and build the report.
    pub fn finish(mut self) -> Report {
        self.end_input();
        let mut unanswered: Vec<SignatureJob> = std::mem::take(&mut self.taken).into_values().collect();
        unanswered.append(&mut self.outbox);
        crate::order::sort_by_key(&mut unanswered, |j| j.id);
        for job in unanswered {
            let verdicts = self.signatures.verify(&job);
            let run = self.in_flight.remove(&job.id).unwrap_or_default();
            self.settle_run(run, &verdicts);
        }
        if self.duplicates > 0 {
            let n = self.duplicates;
            let lines = std::mem::take(&mut self.duplicate_lines);
            self.report(
                Problem::explained(Code::DuplicateStatement, format!("{n} 行"), format!("{n} lines"))
                    .with_detail(serde_json::json!({ "count": n, "first_lines": lines })),
            );
        }
        let unread = self.settle_sealed();
        let root = self.roots.current().cloned();
        let mut logs_out = Vec::new();
        let mut records = Vec::new();
        let mut verified_claims = 0;
        if let Some(root) = &root {
            let outcome = logs::analyse(
                root,
                std::mem::take(&mut self.records),
                std::mem::take(&mut self.checkpoints),
                &self.options.known_heads,
            );
            for p in outcome.problems {
                if p.severity == crate::report::Severity::Error
                    && matches!(
                        p.code,
                        Code::KeyUnknown
                            | Code::KeyWrongDepartment
                            | Code::KindNotAuthorized
                            | Code::KeyRevoked
                            | Code::KeyNotYetValid
                            | Code::UnknownDepartment
                    )
                {
                    self.reject(p);
                } else {
                    self.report(p);
                }
            }
            logs_out = outcome.logs;
            records = outcome.records;
            verified_claims = outcome.verified_checkpoints;
        }
        let mut analysis = match (&self.options.checks, &root) {
            (Some(cfg), Some(root)) => Some(checks::analyse(&records, &logs_out, root, cfg)),
            _ => None,
        };
        if let Some(board) = analysis.as_mut().map(|a| &mut a.supervision) {
            board.opened = self.opened;
            for item in &mut board.sealed {
                item.reason = unread.get(&item.id).copied().unwrap_or(item.reason);
            }
        }
        let verified = records.len() as u64 + verified_claims + self.roots.adopted_count();
        self.build_report(root, logs_out, records, analysis, verified)
    }

    fn build_report(
        mut self,
        root: Option<TrustRoot>,
        logs: Vec<LogSummary>,
        records: Vec<VerifiedRecord>,
        analysis: Option<Analysis>,
        verified: u64,
    ) -> Report {
        crate::order::sort_by(&mut self.problems, |a, b| {
            (a.line.unwrap_or(u64::MAX), a.code, &a.log, a.seq).cmp(&(
                b.line.unwrap_or(u64::MAX),
                b.code,
                &b.log,
                b.seq,
            ))
        });
        let count = |sev| self.problems.iter().filter(|p| p.severity == sev).count() as u64;
        let errors = count(crate::report::Severity::Error) + self.problems_omitted;
        let warnings = count(crate::report::Severity::Warning);
        let per = |t| self.counts.get(&t).copied().unwrap_or(0);
        let summary = Summary {
            lines: self.lines_read(),
            bytes: self.bytes_in(),
            verified,
            rejected: self.rejected_lines.len() as u64,
            duplicates: self.duplicates,
            records: per(StatementType::Record),
            checkpoints: per(StatementType::Checkpoint),
            cosignatures: per(StatementType::Cosignature),
            roots: per(StatementType::Root),
            errors,
            warnings,
            intact: errors == 0 && root.is_some(),
            exit_status: 0,
        };
        let summary = Summary {
            exit_status: crate::report::outcome::exit_status(&summary, analysis.as_ref(), self.options.fail_on),
            ..summary
        };
        let sha256 = hex::encode(std::mem::take(&mut self.input_hash).finalize());
        let heads_to_remember = heads_to_remember(&logs, &self.problems);
        Report {
            format: "qinglian-report",
            v: 1,
            bundle: BundleInfo {
                sha256,
                headers: std::mem::take(&mut self.headers),
                inputs: std::mem::take(&mut self.inputs),
            },
            summary,
            trust_root: root.clone(),
            root: root.map(|r| RootSummary {
                federation: r.federation.clone(),
                version: r.version,
                fingerprint: r.fingerprint.to_hex(),
                chain: self.roots.chain_fingerprints(),
                departments: r.summary_departments(),
                line: String::from_utf8_lossy(&r.line).into_owned(),
            }),
            logs,
            heads_to_remember,
            problems: self.problems,
            problems_omitted: self.problems_omitted,
            analysis,
            records,
        }
    }
}

/// Heads a caller may remember after this verification: logs whose history is not in doubt.
fn heads_to_remember(logs: &[LogSummary], problems: &[Problem]) -> Vec<KnownHead> {
    let doubtful: HashSet<&str> = problems
        .iter()
        .filter(|p| matches!(p.code, Code::HeadRewritten | Code::Fork | Code::ChainBroken))
        .filter_map(|p| p.log.as_deref())
        .collect();
    logs.iter()
        .filter(|l| l.forks.is_empty() && !l.head.is_empty() && !doubtful.contains(l.log.as_str()))
        .map(|l| KnownHead { log: l.log.clone(), seq: l.last_seq, head: l.head.clone() })
        .collect()
}

/// Verify a whole bundle held in memory. Because the input is at hand, fork problems also carry
/// both conflicting lines verbatim: a portable proof anyone can check with the root alone.
pub fn verify_bytes(bundle: &[u8], anchor: TrustAnchor, options: VerifyOptions) -> Report {
    let limits = options.limits.clone();
    let mut v = Verifier::new(anchor, options);
    v.push(bundle);
    let mut report = v.finish();
    attach_fork_proofs(&mut report, bundle, &limits);
    report
}

/// Verify several named inputs as one (a main bundle and the segments departments sent): one
/// report, with `bundle.inputs` saying where each input's lines are.
pub fn verify_inputs(inputs: &[(&str, &[u8])], anchor: TrustAnchor, options: VerifyOptions) -> Report {
    let limits = options.limits.clone();
    let mut v = Verifier::new(anchor, options);
    for (name, bytes) in inputs {
        v.begin_input(name);
        v.push(bytes);
    }
    let mut report = v.finish();
    let bytes: Vec<&[u8]> = inputs.iter().map(|(_, b)| *b).collect();
    attach_fork_proofs_from(&mut report, &bytes, &limits);
    report
}

/// Fill `detail.lines` of each fork problem with the lines it names, read again from `bundle`.
/// `limits` must be the ones the bundle was verified with, so that lines are numbered alike.
pub fn attach_fork_proofs(report: &mut Report, bundle: &[u8], limits: &Limits) {
    attach_fork_proofs_from(report, &[bundle], limits);
}

/// [`attach_fork_proofs`] for several inputs verified together, given in the same order: each is
/// read on its own and numbered after the ones before it, as the verifier numbered them.
pub fn attach_fork_proofs_from(report: &mut Report, inputs: &[&[u8]], limits: &Limits) {
    let wanted: HashSet<u64> = report
        .problems
        .iter()
        .filter(|p| p.code == Code::Fork)
        .flat_map(|p| p.detail["records"].as_array().into_iter().flatten().filter_map(|r| r["line"].as_u64()))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let mut found: HashMap<u64, String> = HashMap::new();
    let mut offset = 0;
    for input in inputs {
        let mut reader = LineReader::new(limits.max_line_bytes, limits.max_inflated_bytes);
        let mut sink = |e: LineEvent| {
            if let LineEvent::Line { number, bytes } = e {
                if wanted.contains(&(offset + number)) {
                    found.insert(offset + number, String::from_utf8_lossy(bytes).into_owned());
                }
            }
        };
        reader.push(input, &mut sink);
        reader.finish(&mut sink);
        offset += reader.lines_read();
    }
    for p in report.problems.iter_mut().filter(|p| p.code == Code::Fork) {
        let lines: Vec<serde_json::Value> = p.detail["records"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| found.get(&r["line"].as_u64()?).cloned().map(serde_json::Value::String))
            .collect();
        p.detail["lines"] = serde_json::Value::Array(lines);
    }
}

/// The id and key of the statement kept at `slot`.
fn stored_at(records: &[VerifiedRecord], checkpoints: &[SignedCheckpoint], slot: Slot) -> Option<(Digest, KeyId)> {
    match slot {
        Slot::Record(i) => records.get(i as usize).map(|r| (r.id, r.key)),
        Slot::Checkpoint(i) => checkpoints.get(i as usize).map(|c| (c.id, c.key)),
    }
}

fn sig_tag(sig: &[u8; 64]) -> u64 {
    u64::from_le_bytes([sig[0], sig[1], sig[2], sig[3], sig[4], sig[5], sig[6], sig[7]])
}

pub(crate) fn canonical_problem(e: &CanonicalError) -> Problem {
    let code = e.code();
    let text = e.to_string();
    Problem::explained(code, &text, &text)
}

pub(crate) fn envelope_problem(e: EnvelopeError) -> Problem {
    match e {
        EnvelopeError::Canonical(c) => canonical_problem(&c),
        EnvelopeError::Shape(s) => Problem::explained(Code::EnvelopeInvalid, &s, &s),
        EnvelopeError::UnsupportedVersion(v) => {
            Problem::explained(Code::UnsupportedVersion, format!("v = {v}"), format!("v = {v}"))
        }
        EnvelopeError::UnknownType(t) => {
            let t = crate::read::quoted(&t);
            Problem::explained(Code::UnknownType, &t, &t)
        }
    }
}

pub(crate) fn statement_problem(e: StatementError) -> Problem {
    match e {
        StatementError::Field { path, expected } => Problem::explained(
            Code::StatementInvalid,
            format!("{path} 应为 {expected}"),
            format!("{path}: expected {expected}"),
        )
        .with_detail(serde_json::json!({ "path": path, "expected": expected })),
        StatementError::UnknownKind(k) => {
            let k = crate::read::quoted(&k);
            Problem::explained(Code::UnknownKind, &k, &k)
        }
        StatementError::Body(b) => Problem::explained(
            Code::BodyInvalid,
            format!("{} 应为 {}", b.path, b.expected_zh),
            format!("{}: expected {}", b.path, b.expected_en),
        )
        .with_detail(serde_json::json!({ "path": b.path, "expected": b.expected_en })),
    }
}
