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
    /// The trust root would not accept this key for this log and kind (wrong department, kind
    /// not offered, revoked…): the verifier would reject the record.
    Unauthorised(crate::federation::AuthError),
    /// The log is known to be further than the writer's head: signing would fork the log.
    StaleHead { log: String, writer_seq: u64, seen_seq: u64, seen_head: String },
    /// An externally made signature does not verify for the prepared record and the key.
    SignatureInvalid,
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
            Self::Unauthorised(e) => write!(f, "the trust root refuses this key here: {}", e.explain().1),
            Self::StaleHead { log, writer_seq, seen_seq, seen_head } => write!(
                f,
                "{log} is already at sequence {seen_seq} (head {seen_head}) but the writer stands at {writer_seq}: \
                 continue from the current head, or the log would fork"
            ),
            Self::SignatureInvalid => {
                f.write_str("the signature does not verify for this record and key; nothing was signed")
            }
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
            Self::Unauthorised(e) => e.code().as_str(),
            Self::StaleHead { .. } => "HEAD_STALE",
            Self::SignatureInvalid => "SIGNATURE_INVALID",
        }
    }
}

/// Refuse to continue a log from `head` when `seen` (heads from a verified bundle, segments or
/// the log file) shows the log further on, or at the same place with another head: the next
/// record would fork the department's own log.
pub fn check_current(head: &LogHead, seen: &[crate::report::KnownHead]) -> Result<(), ProduceError> {
    let own = head.head.map(|h| h.to_hex()).unwrap_or_default();
    for s in seen.iter().filter(|s| s.log == head.log) {
        if s.seq > head.seq || (s.seq == head.seq && s.seq > 0 && s.head != own) {
            return Err(ProduceError::StaleHead {
                log: head.log.clone(),
                writer_seq: head.seq,
                seen_seq: s.seq,
                seen_head: s.head.clone(),
            });
        }
    }
    Ok(())
}

/// Refuse a draft the trust root would not authorise for this key at the log's next position.
pub fn check_authorised(
    root: &crate::federation::TrustRoot,
    key: &crate::crypto::PublicKey,
    head: &LogHead,
    draft: &RecordDraft,
) -> Result<(), ProduceError> {
    root.authorize(&key.id, &head.log, head.seq + 1, draft.time, Some(draft.kind)).map_err(ProduceError::Unauthorised)
}

fn sign_single(kind: StatementType, stmt: &Map<String, Value>, key: &SecretKey) -> SignedStatement {
    let (bytes, id) = statement::signed_bytes_of(kind, stmt);
    let sig = SignatureEntry { key: key.public().id, sig: key.sign(&bytes) };
    SignedStatement { id, line: statement::seal(stmt, &[sig]) }
}

/// Sign the next record of a log and advance the head. The body is validated first.
pub fn sign_record(key: &SecretKey, head: &mut LogHead, draft: &RecordDraft) -> Result<SignedStatement, ProduceError> {
    let prepared = prepare_record(head, draft)?;
    let sig = key.sign(&prepared.bytes);
    complete_record(prepared, key.public(), &sig, head)
}

/// A record validated and laid out for signing elsewhere (a WebCrypto key that never leaves the
/// browser, a hardware token): the exact bytes to sign, domain tag included.
#[derive(Debug, Clone)]
pub struct PreparedRecord {
    stmt: Map<String, Value>,
    /// What the signer signs.
    pub bytes: Vec<u8>,
    pub id: Digest,
    seq: u64,
    log: String,
}

/// Lay out the next record of a log for signing; nothing changes until [`complete_record`].
pub fn prepare_record(head: &LogHead, draft: &RecordDraft) -> Result<PreparedRecord, ProduceError> {
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
    let (bytes, id) = statement::signed_bytes_of(StatementType::Record, &stmt);
    Ok(PreparedRecord { stmt, bytes, id, seq: head.seq + 1, log: head.log.clone() })
}

/// Seal a prepared record with its signature and advance the head. The signature is verified
/// strictly first, so a wrong key or a corrupted signature never reaches the log
/// (`SIGNATURE_INVALID`), and the head must still be where the record was prepared.
pub fn complete_record(
    prepared: PreparedRecord,
    public: &crate::crypto::PublicKey,
    sig: &[u8; 64],
    head: &mut LogHead,
) -> Result<SignedStatement, ProduceError> {
    if head.log != prepared.log || head.seq + 1 != prepared.seq {
        return Err(ProduceError::StaleHead {
            log: head.log.clone(),
            writer_seq: prepared.seq - 1,
            seen_seq: head.seq,
            seen_head: head.head.map(|h| h.to_hex()).unwrap_or_default(),
        });
    }
    if !public.verify_strict(&prepared.bytes, sig) {
        return Err(ProduceError::SignatureInvalid);
    }
    let line = statement::seal(&prepared.stmt, &[SignatureEntry { key: public.id, sig: *sig }]);
    head.seq = prepared.seq;
    head.head = Some(prepared.id);
    Ok(SignedStatement { id: prepared.id, line })
}

/// What a draft of a batch cites: a record already signed, or another draft of the same batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchRef {
    Signed(Digest),
    Draft(usize),
}

/// A record of a batch (an import's new rows): its time may be left to the batch's.
#[derive(Debug, Clone)]
pub struct BatchDraft {
    pub kind: Kind,
    pub project: Option<String>,
    pub time: Option<Timestamp>,
    pub body: Value,
    pub refs: Vec<BatchRef>,
}

/// Why a batch was not signed; nothing of it was.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchError {
    /// Draft `index` would not pass verification.
    Refused { index: usize, error: ProduceError },
    /// Draft `index` cites a draft that does not exist, itself, or a draft that cites it back.
    Unsignable { index: usize },
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Refused { index, error } => write!(f, "statement {index}: {error} [{}]", error.code()),
            Self::Unsignable { index } => {
                write!(f, "statement {index} cites a statement of the batch that cannot be signed before it")
            }
        }
    }
}

impl std::error::Error for BatchError {}

/// Sign a batch all or nothing: in the order given, except that a draft waits for the drafts it
/// cites (their ids go into its `refs`). Returns `(draft index, statement)` in signing order; on
/// an error `head` is left as it was.
pub fn sign_batch(
    key: &SecretKey,
    head: &mut LogHead,
    drafts: &[BatchDraft],
    time: Timestamp,
) -> Result<Vec<(usize, SignedStatement)>, BatchError> {
    let mut working = head.clone();
    let mut ids: Vec<Option<Digest>> = vec![None; drafts.len()];
    let mut out = Vec::with_capacity(drafts.len());
    // Each pass signs every draft whose citations are signed; one pass when drafts come cited-first.
    while out.len() < drafts.len() {
        let before = out.len();
        for (i, d) in drafts.iter().enumerate() {
            let ready = d.refs.iter().all(|r| match r {
                BatchRef::Signed(_) => true,
                BatchRef::Draft(j) => ids.get(*j).is_some_and(Option::is_some),
            });
            if ids[i].is_some() || !ready {
                continue;
            }
            let refs = d
                .refs
                .iter()
                .filter_map(|r| match r {
                    BatchRef::Signed(id) => Some(*id),
                    BatchRef::Draft(j) => ids[*j],
                })
                .collect();
            let draft = RecordDraft {
                kind: d.kind,
                project: d.project.clone(),
                time: d.time.unwrap_or(time),
                body: d.body.clone(),
                refs,
            };
            let signed =
                sign_record(key, &mut working, &draft).map_err(|error| BatchError::Refused { index: i, error })?;
            ids[i] = Some(signed.id);
            out.push((i, signed));
        }
        if out.len() == before {
            let index = ids.iter().position(Option::is_none).unwrap_or(0);
            return Err(BatchError::Unsignable { index });
        }
    }
    *head = working;
    Ok(out)
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

/// The log and sequence number of a record or checkpoint line (None for other lines): what a
/// segment export ("my lines after sequence N") selects by.
pub fn log_position(line: &[u8]) -> Option<(String, u64)> {
    let value = canonical::parse_canonical(line, 64).ok()?;
    let env = statement::open_envelope(line, value).ok()?;
    if !matches!(env.kind, StatementType::Record | StatementType::Checkpoint) {
        return None;
    }
    let log = env.stmt.get("log")?.as_str()?.to_owned();
    let seq = env.stmt.get("seq")?.as_u64()?;
    Some((log, seq))
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

#[cfg(test)]
mod batch_tests {
    use super::*;
    use crate::kinds::example_body;

    fn time() -> Timestamp {
        Timestamp::parse("2021-08-09T10:00:00+08:00").unwrap()
    }

    fn draft(kind: Kind, refs: Vec<BatchRef>) -> BatchDraft {
        BatchDraft {
            kind,
            project: Some("2021-429005-48-01-000123".into()),
            time: None,
            body: example_body(kind),
            refs,
        }
    }

    #[test]
    fn a_draft_waits_for_the_draft_it_cites() {
        let key = SecretKey::from_seed(&[3; 32]);
        let mut head = LogHead::empty("jyzx/main");
        // The bid comes first but cites the tender: the tender is signed first.
        let drafts = [draft(Kind::Bid, vec![BatchRef::Draft(1)]), draft(Kind::Tender, vec![])];
        let signed = sign_batch(&key, &mut head, &drafts, time()).unwrap();
        assert_eq!(signed.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1, 0]);
        let bid: Value = serde_json::from_slice(&signed[1].1.line).unwrap();
        assert_eq!(bid["stmt"]["refs"], serde_json::json!([signed[0].1.id.to_hex()]));
        assert_eq!(bid["stmt"]["seq"], 2);
        assert_eq!((head.seq, head.head), (2, Some(signed[1].1.id)));
    }

    #[test]
    fn nothing_is_signed_when_one_draft_cannot_be() {
        let key = SecretKey::from_seed(&[3; 32]);
        let mut head = LogHead::empty("jyzx/main");
        let cycle = [
            draft(Kind::Tender, vec![]),
            draft(Kind::Bid, vec![BatchRef::Draft(2)]),
            draft(Kind::Bid, vec![BatchRef::Draft(1)]),
        ];
        assert_eq!(sign_batch(&key, &mut head, &cycle, time()).unwrap_err(), BatchError::Unsignable { index: 1 });
        let missing = [draft(Kind::Bid, vec![BatchRef::Draft(7)])];
        assert_eq!(sign_batch(&key, &mut head, &missing, time()).unwrap_err(), BatchError::Unsignable { index: 0 });
        let mut bad = draft(Kind::Bid, vec![]);
        bad.body["price_fen"] = "a lot".into();
        let err = sign_batch(&key, &mut head, &[draft(Kind::Tender, vec![]), bad], time()).unwrap_err();
        assert!(
            matches!(err, BatchError::Refused { index: 1, ref error } if error.code() == "BODY_INVALID"),
            "{err:?}"
        );
        assert_eq!(head, LogHead::empty("jyzx/main"), "the head is left as it was");
    }
}

#[cfg(test)]
mod guard_tests {
    use super::*;
    use crate::kinds::example_body;
    use crate::report::KnownHead;

    fn draft(kind: Kind) -> RecordDraft {
        RecordDraft {
            kind,
            project: Some("2021-429005-48-01-000123".into()),
            time: Timestamp::parse("2024-05-10T10:00:00+08:00").unwrap(),
            body: example_body(kind),
            refs: vec![],
        }
    }

    #[test]
    fn a_head_behind_what_was_seen_is_stale() {
        let key = SecretKey::from_seed(&[3; 32]);
        let mut head = LogHead::empty("jw/main");
        let first = sign_record(&key, &mut head, &draft(Kind::Problem)).unwrap();
        let seen = |seq, head: &Digest| KnownHead { log: "jw/main".into(), seq, head: head.to_hex() };
        assert!(check_current(&head, &[seen(1, &first.id)]).is_ok());
        assert!(check_current(&head, &[KnownHead { log: "zjj/main".into(), seq: 9, head: String::new() }]).is_ok());
        let behind = LogHead::empty("jw/main");
        let e = check_current(&behind, &[seen(1, &first.id)]).unwrap_err();
        assert_eq!(e.code(), "HEAD_STALE");
        assert!(e.to_string().contains("already at sequence 1"), "{e}");
        // Same sequence, another head: someone else signed seq 1 with this key.
        let e = check_current(&head, &[seen(1, &Digest::of(&[b"other"]))]).unwrap_err();
        assert_eq!(e.code(), "HEAD_STALE");
    }

    #[test]
    fn a_record_signed_elsewhere_is_checked_before_it_is_sealed() {
        let key = SecretKey::from_seed(&[5; 32]);
        let mut a = LogHead::empty("jw/main");
        let mut b = LogHead::empty("jw/main");
        let inline = sign_record(&key, &mut a, &draft(Kind::Problem)).unwrap();
        let prepared = prepare_record(&b, &draft(Kind::Problem)).unwrap();
        assert_eq!(b.seq, 0, "preparing changes nothing");
        let mut bad = key.sign(&prepared.bytes);
        bad[0] ^= 1;
        let e = complete_record(prepared.clone(), key.public(), &bad, &mut b).unwrap_err();
        assert_eq!(e.code(), "SIGNATURE_INVALID");
        let other = SecretKey::from_seed(&[6; 32]);
        let e = complete_record(prepared.clone(), other.public(), &other.sign(&prepared.bytes), &mut b);
        assert!(e.is_ok(), "a valid signature by another key seals (the root decides who may sign)");
        let mut b = LogHead::empty("jw/main");
        let sig = key.sign(&prepared.bytes);
        let external = complete_record(prepared.clone(), key.public(), &sig, &mut b).unwrap();
        assert_eq!(external, inline, "the same record, byte for byte");
        assert_eq!((b.seq, b.head), (a.seq, a.head));
        // Completing twice: the head has moved on.
        assert_eq!(complete_record(prepared, key.public(), &sig, &mut b).unwrap_err().code(), "HEAD_STALE");
    }

    #[test]
    fn the_root_decides_who_may_sign_what() {
        let demo = crate::demo::generate(&crate::demo::DemoOptions { seed: 2026, min_records: 0 });
        let root = crate::federation::TrustRoot::from_line(demo.root.trim_ascii_end()).unwrap();
        let key = |d: &str| &demo.keys.iter().find(|(k, _)| k == d).unwrap().1;
        let head = LogHead::empty("jw/main");
        assert!(check_authorised(&root, key("jw").public(), &head, &draft(Kind::Problem)).is_ok());
        let e = check_authorised(&root, key("jw").public(), &head, &draft(Kind::Rectification)).unwrap_err();
        assert_eq!(e.code(), "KIND_NOT_AUTHORIZED");
        // Another department's key that the pinned root (version 1) lists.
        let other =
            demo.keys.iter().map(|(_, k)| k).find(|k| root.key(&k.public().id).is_some_and(|(d, _)| d.id != "jw"));
        let e = check_authorised(&root, other.unwrap().public(), &head, &draft(Kind::Problem)).unwrap_err();
        assert_eq!(e.code(), "KEY_WRONG_DEPARTMENT");
    }
}
