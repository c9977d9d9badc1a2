//! Statements: the signed unit of the format (see docs/format.md §3).
//!
//! A bundle line is the canonical JSON `{"sigs":[{"key":K,"sig":S}...],"stmt":{...}}`. The signed
//! bytes are `qinglian/v1/<type>\n` followed by the canonical encoding of `stmt`, which is a byte
//! range of the line itself (JCS nests canonically), so nothing is re-encoded to verify. The
//! statement id is SHA-256 of the signed bytes: it is known before signing, and the same content
//! always has the same id.

use crate::canonical::{self, CanonicalError};
use crate::crypto::{parse_lower_hex, Digest, KeyId};
use crate::kinds::{self, Body, BodyError, Kind};
use crate::time::Timestamp;
use serde_json::{Map, Value};

/// The format version every statement and bundle header carries.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementType {
    Record,
    Checkpoint,
    Cosignature,
    Root,
}

impl StatementType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Record => "record",
            Self::Checkpoint => "checkpoint",
            Self::Cosignature => "cosignature",
            Self::Root => "root",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Record, Self::Checkpoint, Self::Cosignature, Self::Root].into_iter().find(|t| t.as_str() == s)
    }
    /// Domain-separation tag prefixed to the signed bytes (docs/decisions.md §2).
    pub fn tag(self) -> &'static [u8] {
        match self {
            Self::Record => b"qinglian/v1/record\n",
            Self::Checkpoint => b"qinglian/v1/checkpoint\n",
            Self::Cosignature => b"qinglian/v1/cosignature\n",
            Self::Root => b"qinglian/v1/root\n",
        }
    }
}

/// One `{"key","sig"}` entry of an envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureEntry {
    pub key: KeyId,
    pub sig: [u8; 64],
}

/// A statement line whose encoding and shape checked out; signatures not yet verified.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub kind: StatementType,
    pub sigs: Vec<SignatureEntry>,
    pub stmt: Map<String, Value>,
    /// `tag ‖ canonical(stmt)`: exactly what was signed.
    pub signed_bytes: Vec<u8>,
    pub id: Digest,
}

/// Why a line is not a well-formed statement. One variant per stable code.
#[derive(Debug, Clone, PartialEq)]
pub enum EnvelopeError {
    Canonical(CanonicalError),
    /// Wrong envelope members or signature entries.
    Shape(String),
    UnsupportedVersion(Value),
    UnknownType(String),
}

/// Why a statement's fields are wrong (after the envelope was fine).
#[derive(Debug, Clone, PartialEq)]
pub enum StatementError {
    /// A statement field is missing, unexpected, or has the wrong form.
    Field {
        path: String,
        expected: &'static str,
    },
    UnknownKind(String),
    Body(BodyError),
}

/// Is this line a bundle header rather than a statement? Headers are `{"format":"qinglian-bundle",...}`.
pub fn is_header(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(BUNDLE_FORMAT)
}

pub const BUNDLE_FORMAT: &str = "qinglian-bundle";

/// Parse and check one statement line (already known to be canonical JSON `value` read from `line`).
pub fn open_envelope(line: &[u8], value: Value) -> Result<Envelope, EnvelopeError> {
    let Value::Object(mut outer) = value else {
        return Err(EnvelopeError::Shape("a statement line must be a JSON object".into()));
    };
    if outer.len() != 2 {
        return Err(EnvelopeError::Shape("a statement line has exactly the members \"sigs\" and \"stmt\"".into()));
    }
    let (Some(Value::Array(sig_values)), Some(Value::Object(stmt))) = (outer.remove("sigs"), outer.remove("stmt"))
    else {
        return Err(EnvelopeError::Shape("\"sigs\" must be an array and \"stmt\" an object".into()));
    };
    if sig_values.is_empty() {
        return Err(EnvelopeError::Shape("\"sigs\" is empty".into()));
    }
    let mut sigs = Vec::with_capacity(sig_values.len());
    for (i, v) in sig_values.iter().enumerate() {
        let entry = v.as_object().filter(|o| o.len() == 2).and_then(|o| {
            let key = KeyId::from_hex(o.get("key")?.as_str()?)?;
            let sig = parse_lower_hex::<64>(o.get("sig")?.as_str()?)?;
            Some(SignatureEntry { key, sig })
        });
        match entry {
            Some(e) => sigs.push(e),
            None => {
                return Err(EnvelopeError::Shape(format!(
                    "$.sigs[{i}] must be {{\"key\": 32 hex digits, \"sig\": 128 hex digits}} (lowercase)"
                )))
            }
        }
    }
    match stmt.get("v") {
        Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => {}
        other => return Err(EnvelopeError::UnsupportedVersion(other.cloned().unwrap_or(Value::Null))),
    }
    let type_name = stmt.get("type").and_then(Value::as_str).unwrap_or_default();
    let kind = StatementType::parse(type_name).ok_or_else(|| EnvelopeError::UnknownType(type_name.to_owned()))?;
    // The line is canonical and "stmt" is its last member, so the statement's canonical encoding is
    // the bytes between `"stmt":` and the final `}`. The sigs hold only hex, so the marker is unique.
    const MARKER: &[u8] = b"],\"stmt\":";
    let start = line
        .windows(MARKER.len())
        .position(|w| w == MARKER)
        .map(|p| p + MARKER.len())
        .ok_or_else(|| EnvelopeError::Shape("statement bytes not found".into()))?;
    let stmt_bytes = &line[start..line.len() - 1];
    let mut signed_bytes = Vec::with_capacity(kind.tag().len() + stmt_bytes.len());
    signed_bytes.extend_from_slice(kind.tag());
    signed_bytes.extend_from_slice(stmt_bytes);
    let id = Digest::of(&[&signed_bytes]);
    Ok(Envelope { kind, sigs, stmt, signed_bytes, id })
}

/// Build a statement line from a statement object and its signatures (producer side).
pub fn seal(stmt: &Map<String, Value>, sigs: &[SignatureEntry]) -> Vec<u8> {
    let sigs: Vec<Value> =
        sigs.iter().map(|s| serde_json::json!({"key": s.key.to_hex(), "sig": hex::encode(s.sig)})).collect();
    let line = serde_json::json!({"sigs": sigs, "stmt": Value::Object(stmt.clone())});
    canonical::encode(&line)
}

/// The signed bytes of a statement object (producer side), and its id.
pub fn signed_bytes_of(kind: StatementType, stmt: &Map<String, Value>) -> (Vec<u8>, Digest) {
    let mut bytes = kind.tag().to_vec();
    bytes.extend_from_slice(&canonical::encode(&Value::Object(stmt.clone())));
    let id = Digest::of(&[&bytes]);
    (bytes, id)
}

/// A department log id: `<department>/<name>`, each part `[a-z0-9-]{1,32}`.
pub fn valid_log_id(s: &str) -> bool {
    let part_ok =
        |p: &str| !p.is_empty() && p.len() <= 32 && p.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'));
    matches!(s.split_once('/'), Some((d, n)) if part_ok(d) && part_ok(n))
}

/// The department that owns a log (the part before the slash).
pub fn log_department(log: &str) -> &str {
    log.split_once('/').map_or(log, |(d, _)| d)
}

/// A lifecycle record (记录): one signed entry in a department log.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub log: String,
    pub seq: u64,
    pub prev: Option<Digest>,
    pub time: Timestamp,
    pub project: Option<String>,
    pub kind: Kind,
    pub body: Body,
    pub refs: Vec<Digest>,
}

impl Record {
    /// Drop what only the consistency checks read (the typed body and the project code), once the
    /// record has been validated: a verifier without checks retains a million records in memory,
    /// and the body is most of each.
    pub fn omit_body(&mut self) {
        self.body = Body::Omitted;
        self.project = None;
        self.refs.shrink_to_fit();
    }
}

/// A signed statement of a log's head (检查点) by the log's own department, or the same claim
/// cosigned by another department acting as a witness (见证), which then names itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub log: String,
    pub seq: u64,
    pub head: Digest,
    pub time: Timestamp,
    /// The witnessing department (cosignatures only). Naming it keeps two witnesses' cosignatures
    /// of the same head at the same time distinct statements.
    pub witness: Option<String>,
}

/// Typed access to a statement object's members, collecting the path of the first problem.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    prefix: &'static str,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(map: &'a Map<String, Value>, prefix: &'static str) -> Self {
        Self { map, prefix }
    }
    fn err(&self, name: &str, expected: &'static str) -> StatementError {
        StatementError::Field { path: format!("{}.{name}", self.prefix), expected }
    }
    /// Refuse members outside `allowed`: unknown members would be signed but never checked.
    pub(crate) fn only(&self, allowed: &[&str]) -> Result<(), StatementError> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err(self.err(k, "no such member in this statement type")),
            None => Ok(()),
        }
    }
    pub(crate) fn str(&self, name: &str) -> Result<&'a str, StatementError> {
        self.map.get(name).and_then(Value::as_str).ok_or_else(|| self.err(name, "a string"))
    }
    pub(crate) fn opt_str(&self, name: &str) -> Result<Option<&'a str>, StatementError> {
        match self.map.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.err(name, "a string")),
        }
    }
    pub(crate) fn uint(&self, name: &str, min: u64) -> Result<u64, StatementError> {
        self.map
            .get(name)
            .and_then(Value::as_u64)
            .filter(|n| *n >= min)
            .ok_or_else(|| self.err(name, if min == 0 { "a non-negative integer" } else { "a positive integer" }))
    }
    pub(crate) fn time(&self, name: &str) -> Result<Timestamp, StatementError> {
        Timestamp::parse(self.str(name)?)
            .map_err(|_| self.err(name, "an RFC 3339 time with offset, e.g. 2021-03-04T09:30:00+08:00"))
    }
    pub(crate) fn digest(&self, name: &str) -> Result<Digest, StatementError> {
        Digest::from_hex(self.str(name)?).ok_or_else(|| self.err(name, "a SHA-256 id: 64 lowercase hex digits"))
    }
    pub(crate) fn log(&self, name: &str) -> Result<String, StatementError> {
        let log = self.str(name)?;
        if !valid_log_id(log) {
            return Err(self.err(name, "a log id <department>/<name> of [a-z0-9-]"));
        }
        Ok(log.to_owned())
    }
}

/// Read a record statement.
pub fn parse_record(stmt: &Map<String, Value>) -> Result<Record, StatementError> {
    let f = Fields::new(stmt, "$.stmt");
    f.only(&["body", "kind", "log", "prev", "project", "refs", "seq", "time", "type", "v"])?;
    let log = f.log("log")?;
    let seq = f.uint("seq", 1)?;
    let prev = match (seq, stmt.get("prev")) {
        (1, None) => None,
        (1, Some(_)) => return Err(f.err("prev", "absent: the first record of a log has no previous record")),
        (_, Some(_)) => Some(f.digest("prev")?),
        (_, None) => return Err(f.err("prev", "the id of the previous record in this log")),
    };
    let time = f.time("time")?;
    let kind_name = f.str("kind")?;
    let kind = Kind::parse(kind_name).ok_or_else(|| StatementError::UnknownKind(kind_name.to_owned()))?;
    let project = f.opt_str("project")?.map(str::to_owned);
    match &project {
        Some(code) if kinds::fields::ProjectCode::parse(code).is_err() => {
            return Err(f.err(
                "project",
                "a national investment project code (国家投资项目代码), e.g. 2021-429005-48-01-000123",
            ));
        }
        None if kind.needs_project() => {
            return Err(f.err("project", "a project code: this record kind belongs to a project"))
        }
        _ => {}
    }
    let refs =
        match stmt.get("refs") {
            None => Vec::new(),
            Some(Value::Array(items)) if !items.is_empty() => {
                let mut refs = Vec::with_capacity(items.len());
                for item in items {
                    refs.push(item.as_str().and_then(Digest::from_hex).ok_or_else(|| {
                        f.err("refs", "a non-empty array of statement ids (64 lowercase hex digits)")
                    })?);
                }
                refs
            }
            Some(_) => return Err(f.err("refs", "a non-empty array of statement ids (omit it when there are none)")),
        };
    let body_value = stmt.get("body").ok_or_else(|| f.err("body", "the record body object"))?;
    let in_body = |mut e: kinds::BodyError| {
        e.path = format!("$.stmt.body{}", e.path.trim_start_matches('$'));
        StatementError::Body(e)
    };
    let body = match crate::sealed::parse(kind, body_value).map_err(in_body)? {
        Some(sealed) => Body::Sealed(Box::new(sealed)),
        None => kinds::parse_body(kind, body_value).map_err(in_body)?,
    };
    Ok(Record { log, seq, prev, time, project, kind, body, refs })
}

/// Read a checkpoint (`witness` false) or cosignature (`witness` true) statement.
pub fn parse_checkpoint(stmt: &Map<String, Value>, witness: bool) -> Result<Checkpoint, StatementError> {
    let f = Fields::new(stmt, "$.stmt");
    if witness {
        f.only(&["head", "log", "seq", "time", "type", "v", "witness"])?;
    } else {
        f.only(&["head", "log", "seq", "time", "type", "v"])?;
    }
    let witness = if witness {
        let w = f.str("witness")?;
        if !valid_log_id(&format!("{w}/x")) {
            return Err(StatementError::Field {
                path: "$.stmt.witness".into(),
                expected: "the witnessing department's id",
            });
        }
        Some(w.to_owned())
    } else {
        None
    };
    Ok(Checkpoint {
        log: f.log("log")?,
        seq: f.uint("seq", 1)?,
        head: f.digest("head")?,
        time: f.time("time")?,
        witness,
    })
}

/// The statement object of a checkpoint, or of a cosignature by `witness` (producer side).
pub fn checkpoint_statement(
    log: &str,
    seq: u64,
    head: Digest,
    time: Timestamp,
    witness: Option<&str>,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("head".into(), head.to_hex().into());
    m.insert("log".into(), log.into());
    m.insert("seq".into(), seq.into());
    m.insert("time".into(), time.to_string().into());
    let kind = if witness.is_some() { StatementType::Cosignature } else { StatementType::Checkpoint };
    m.insert("type".into(), kind.as_str().into());
    m.insert("v".into(), FORMAT_VERSION.into());
    if let Some(w) = witness {
        m.insert("witness".into(), w.into());
    }
    m
}
