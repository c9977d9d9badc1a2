//! The producer side: sign records into a log, checkpoints, cosignatures and roots; write bundles.
//!
//! Every statement a producer makes is parsed back with the verifier's own parser before it is
//! signed, so a producer cannot emit what a verifier would refuse.

use crate::canonical;
use crate::crypto::{Digest, SecretKey};
use crate::kinds::Kind;
use crate::statement::{self, SignatureEntry, StatementError, StatementType};
use crate::time::Timestamp;
use serde_json::{Map, Value};

/// Where a log stands: its last sequence number and head id (0 and None for an empty log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogHead {
    pub log: String,
    pub seq: u64,
    pub head: Option<Digest>,
}

impl LogHead {
    pub fn empty(log: &str) -> LogHead {
        LogHead { log: log.to_owned(), seq: 0, head: None }
    }
}

/// A record to be signed; the log position is filled in from the [`LogHead`].
#[derive(Debug, Clone)]
pub struct RecordDraft {
    pub kind: Kind,
    pub project: Option<String>,
    pub time: Timestamp,
    pub body: Value,
    pub refs: Vec<Digest>,
}

/// A signed statement, ready to be written as one bundle line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedStatement {
    pub id: Digest,
    /// The canonical line, without the newline.
    pub line: Vec<u8>,
}

/// Why a producer call failed: misuse of the API, reported to the caller (never in a report).
#[derive(Debug, Clone, PartialEq)]
pub enum ProduceError {
    /// The statement would not pass verification (bad body, bad field, wrong log id…).
    Invalid(StatementError),
    /// The body is not JSON under the profile (floats, duplicate keys…).
    Canonical(canonical::CanonicalError),
}

impl std::fmt::Display for ProduceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(StatementError::Field { path, expected }) => {
                write!(f, "{path}: expected {expected}")
            }
            Self::Invalid(StatementError::UnknownKind(k)) => {
                write!(f, "unknown record kind {}", crate::read::quoted(k))
            }
            Self::Invalid(StatementError::Body(b)) => {
                write!(f, "{}: expected {} ({})", b.path, b.expected_en, b.expected_zh)
            }
            Self::Canonical(c) => write!(f, "{c}"),
        }
    }
}

impl std::error::Error for ProduceError {}

impl ProduceError {
    /// The stable code of the problem the verifier would have reported.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(StatementError::Body(_)) => "BODY_INVALID",
            Self::Invalid(StatementError::UnknownKind(_)) => "UNKNOWN_KIND",
            Self::Invalid(StatementError::Field { .. }) => "STATEMENT_INVALID",
            Self::Canonical(c) => c.code().as_str(),
        }
    }
}

fn sign_single(kind: StatementType, stmt: &Map<String, Value>, key: &SecretKey) -> SignedStatement {
    let (bytes, id) = statement::signed_bytes_of(kind, stmt);
    let sig = SignatureEntry { key: key.public().id, sig: key.sign(&bytes) };
    SignedStatement { id, line: statement::seal(stmt, &[sig]) }
}

/// Sign the next record of a log and advance the head. The body is validated first.
pub fn sign_record(key: &SecretKey, head: &mut LogHead, draft: &RecordDraft) -> Result<SignedStatement, ProduceError> {
    // Round-trip the body through the strict profile so floats or huge integers are refused here.
    let body = canonical::parse_strict(&canonical::encode(&draft.body), 64).map_err(ProduceError::Canonical)?;
    let mut stmt = Map::new();
    stmt.insert("body".into(), body);
    stmt.insert("kind".into(), draft.kind.as_str().into());
    stmt.insert("log".into(), head.log.clone().into());
    if let Some(prev) = head.head {
        stmt.insert("prev".into(), prev.to_hex().into());
    }
    if let Some(p) = &draft.project {
        stmt.insert("project".into(), p.clone().into());
    }
    if !draft.refs.is_empty() {
        stmt.insert("refs".into(), draft.refs.iter().map(|d| Value::from(d.to_hex())).collect());
    }
    stmt.insert("seq".into(), (head.seq + 1).into());
    stmt.insert("time".into(), draft.time.to_string().into());
    stmt.insert("type".into(), "record".into());
    stmt.insert("v".into(), statement::FORMAT_VERSION.into());
    statement::parse_record(&stmt).map_err(ProduceError::Invalid)?;
    let signed = sign_single(StatementType::Record, &stmt, key);
    head.seq += 1;
    head.head = Some(signed.id);
    Ok(signed)
}

fn claim(head: &LogHead, time: Timestamp, witness: Option<&str>) -> Result<Map<String, Value>, ProduceError> {
    let field = |path: &str, expected| ProduceError::Invalid(StatementError::Field { path: path.into(), expected });
    let id = head.head.ok_or_else(|| field("$.stmt.head", "a log with at least one record"))?;
    let stmt = statement::checkpoint_statement(&head.log, head.seq, id, time, witness);
    statement::parse_checkpoint(&stmt, witness.is_some()).map_err(ProduceError::Invalid)?;
    Ok(stmt)
}

/// The log owner's signed statement of its head (检查点).
pub fn sign_checkpoint(key: &SecretKey, head: &LogHead, time: Timestamp) -> Result<SignedStatement, ProduceError> {
    Ok(sign_single(StatementType::Checkpoint, &claim(head, time, None)?, key))
}

/// A witness department's cosignature of another department's head (见证签名).
pub fn sign_cosignature(
    key: &SecretKey,
    witness: &str,
    head: &LogHead,
    time: Timestamp,
) -> Result<SignedStatement, ProduceError> {
    Ok(sign_single(StatementType::Cosignature, &claim(head, time, Some(witness))?, key))
}

/// Sign a root statement with several keys (departments sign in turn; see [`add_root_signatures`]).
pub fn sign_root(stmt: &Map<String, Value>, keys: &[&SecretKey]) -> SignedStatement {
    let (bytes, id) = statement::signed_bytes_of(StatementType::Root, stmt);
    let sigs: Vec<SignatureEntry> =
        keys.iter().map(|k| SignatureEntry { key: k.public().id, sig: k.sign(&bytes) }).collect();
    SignedStatement { id, line: statement::seal(stmt, &sigs) }
}

/// Add signatures to an already signed root line (threshold signing passes a file around).
pub fn add_root_signatures(line: &[u8], keys: &[&SecretKey]) -> Result<SignedStatement, ProduceError> {
    let value = canonical::parse_canonical(line, 16).map_err(ProduceError::Canonical)?;
    let env = statement::open_envelope(line, value).map_err(|e| {
        ProduceError::Invalid(StatementError::Field {
            path: "$".into(),
            expected: if matches!(e, statement::EnvelopeError::UnknownType(_)) {
                "a root statement"
            } else {
                "a statement envelope"
            },
        })
    })?;
    let mut sigs = env.sigs.clone();
    for k in keys {
        if !sigs.iter().any(|s| s.key == k.public().id) {
            sigs.push(SignatureEntry { key: k.public().id, sig: k.sign(&env.signed_bytes) });
        }
    }
    crate::order::sort_by_key(&mut sigs, |s| s.key);
    Ok(SignedStatement { id: env.id, line: statement::seal(&env.stmt, &sigs) })
}

/// The header line of a bundle.
pub fn bundle_header(federation: &str, created: Timestamp, description: Option<&str>) -> Vec<u8> {
    let mut h = Map::new();
    h.insert("created".into(), created.to_string().into());
    if let Some(d) = description {
        h.insert("description".into(), d.into());
    }
    h.insert("federation".into(), federation.into());
    h.insert("format".into(), statement::BUNDLE_FORMAT.into());
    h.insert("v".into(), statement::FORMAT_VERSION.into());
    canonical::encode(&Value::Object(h))
}

/// Find where a department's own log file stands (the record with the highest sequence).
/// Lines of other types (checkpoints, cosignatures) and blank lines are skipped; a line that is
/// not a valid statement is an error, because a producer's own log must be clean.
pub fn head_of<'a>(log: &str, lines: impl IntoIterator<Item = &'a [u8]>) -> Result<LogHead, ProduceError> {
    let mut head = LogHead::empty(log);
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let value = canonical::parse_canonical(line, 64).map_err(ProduceError::Canonical)?;
        if statement::is_header(&value) {
            continue;
        }
        let env = statement::open_envelope(line, value).map_err(|_| {
            ProduceError::Invalid(StatementError::Field { path: "$".into(), expected: "a statement envelope" })
        })?;
        if env.kind != StatementType::Record {
            continue;
        }
        let rec = statement::parse_record(&env.stmt).map_err(ProduceError::Invalid)?;
        if rec.log == log && rec.seq > head.seq {
            head.seq = rec.seq;
            head.head = Some(env.id);
        }
    }
    Ok(head)
}

/// A bundle written by [`export_bundle`].
#[derive(Debug, Clone)]
pub struct ExportedBundle {
    pub bytes: Vec<u8>,
    pub statements: u64,
    /// Source lines left out: not statements, duplicates, or other projects' records.
    pub skipped: u64,
}

/// Write a bundle: the header, the trust roots, then every statement of the sources (optionally
/// only one project's records; records without a project — the registries — are always kept,
/// because the checks need them). Duplicates are dropped.
pub fn export_bundle<'a>(
    federation: &str,
    created: Timestamp,
    description: Option<&str>,
    roots: impl IntoIterator<Item = &'a [u8]>,
    sources: impl IntoIterator<Item = &'a [u8]>,
    project: Option<&str>,
) -> ExportedBundle {
    let mut out = bundle_header(federation, created, description);
    out.push(b'\n');
    let mut seen = std::collections::HashSet::new();
    let (mut statements, mut skipped) = (0, 0);
    let emit = |line: &[u8], out: &mut Vec<u8>| {
        out.extend_from_slice(line);
        out.push(b'\n');
    };
    for root in roots {
        emit(root, &mut out);
        statements += 1;
    }
    for line in sources {
        let keep = canonical::parse_canonical(line, 64)
            .ok()
            .and_then(|v| statement::open_envelope(line, v).ok())
            .filter(|env| {
                env.kind != StatementType::Root
                    && seen.insert(env.id)
                    && match (project, env.kind) {
                        (Some(p), StatementType::Record) => {
                            env.stmt.get("project").and_then(Value::as_str).is_none_or(|q| q == p)
                        }
                        _ => true,
                    }
            });
        if keep.is_some() {
            emit(line, &mut out);
            statements += 1;
        } else {
            skipped += 1;
        }
    }
    ExportedBundle { bytes: out, statements, skipped }
}
