//! The federation trust root (信任根): which departments exist, their keys, what each may sign.
//!
//! A root is a statement of type `root` signed by several keys. Version 1 must carry signatures of
//! `threshold` distinct keys it lists itself; version N+1 must name version N's fingerprint as `prev`
//! and carry `threshold` distinct keys of version N *and* `threshold` distinct keys of its own
//! (docs/decisions.md §6). The verifier takes the first root from the user, never from the bundle.

use crate::canonical;
use crate::crypto::{Digest, KeyId, PublicKey, PublicKeyError};
use crate::kinds::Kind;
use crate::report::{Code, DepartmentSummary, Message};
use crate::statement::{self, open_envelope, Envelope, EnvelopeError, Fields, StatementError, StatementType};
use crate::time::Timestamp;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A position in a department log.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogPosition {
    pub log: String,
    pub seq: u64,
}

/// One key of a department, with the window in which it may sign.
#[derive(Debug, Clone)]
pub struct RootKey {
    pub public: PublicKey,
    /// Records before this time are not covered by the key.
    pub not_before: Option<Timestamp>,
    /// Records after this time are not covered (expiry).
    pub not_after: Option<Timestamp>,
    /// In these logs the key signs only from the given sequence on (a key taking over from another).
    pub from: Vec<LogPosition>,
    /// In these logs the key is revoked from the given sequence on. Revocation by position, not by
    /// time, because a stolen key can write any time it likes but cannot rewrite a witnessed log.
    pub revoked: Vec<LogPosition>,
    /// The key's age X25519 recipient (`age1…`) for records sealed to the department (§4.2).
    pub age: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Department {
    pub id: String,
    pub name: Message,
    pub kinds: BTreeSet<Kind>,
    pub keys: Vec<RootKey>,
}

/// A trust root whose encoding and own signatures verified.
#[derive(Debug, Clone)]
pub struct TrustRoot {
    pub fingerprint: Digest,
    pub federation: String,
    pub version: u64,
    pub prev: Option<Digest>,
    pub threshold: u64,
    pub time: Timestamp,
    pub departments: Vec<Department>,
    /// key id → (department index, key index)
    index: HashMap<KeyId, (usize, usize)>,
    /// The canonical line, kept so the root can be re-exported and pinned byte for byte.
    pub line: Vec<u8>,
    envelope: Envelope,
}

/// Why a root cannot be used. One variant per code.
#[derive(Debug, Clone, PartialEq)]
pub enum RootError {
    Encoding(EnvelopeError),
    Invalid { path: String, expected: String },
    WeakKey { department: String, index: usize, reason: PublicKeyError },
    ThresholdNotMet { version: u64, signer_set: &'static str, valid: u64, threshold: u64 },
    VersionRollback { pinned: u64, offered: u64 },
    ChainBroken { version: u64 },
    FederationMismatch { expected: String, found: String },
}

impl RootError {
    pub fn code(&self) -> Code {
        match self {
            Self::Encoding(_) | Self::Invalid { .. } => Code::RootInvalid,
            Self::WeakKey { .. } => Code::RootWeakKey,
            Self::ThresholdNotMet { .. } => Code::RootThresholdNotMet,
            Self::VersionRollback { .. } => Code::RootVersionRollback,
            Self::ChainBroken { .. } => Code::RootChainBroken,
            Self::FederationMismatch { .. } => Code::FederationMismatch,
        }
    }
    pub fn message(&self) -> Message {
        match self {
            // The same words as for a bundle line with this fault.
            Self::Encoding(e) => {
                let why = crate::verify::envelope_problem(e.clone()).message;
                Message::new(format!("信任根编码错误:{}", why.zh), format!("trust root encoding: {}", why.en))
            }
            Self::Invalid { path, expected } => Message::new(format!("{path} 应为 {expected}"), format!("{path}: expected {expected}")),
            Self::WeakKey { department, index, reason } => Message::new(
                format!("部门 {department} 的第 {} 个公钥不可用({})", index + 1, reason.zh()),
                format!("key #{} of department {department} is unusable ({})", index + 1, reason.en()),
            ),
            Self::ThresholdNotMet { version, signer_set, valid, threshold } => Message::new(
                format!("第 {version} 版信任根仅有 {valid} 个{}有效签名,门限为 {threshold}", if *signer_set == "previous" { "上一版密钥的" } else { "本版密钥的" }),
                format!("root version {version} has {valid} valid signatures by the {signer_set} version's keys; threshold is {threshold}"),
            ),
            Self::VersionRollback { pinned, offered } => Message::new(
                format!("已固定第 {pinned} 版,数据包提供第 {offered} 版"),
                format!("version {pinned} is pinned; the bundle offers version {offered}"),
            ),
            Self::ChainBroken { version } => Message::new(
                format!("第 {version} 版信任根的 prev 不是上一版的指纹"),
                format!("root version {version} does not name the previous version's fingerprint as prev"),
            ),
            Self::FederationMismatch { expected, found } => Message::new(
                format!("联盟应为 {expected},实际为 {found}"),
                format!("federation should be {expected}, found {found}"),
            ),
        }
    }
}

fn invalid(path: impl Into<String>, expected: impl Into<String>) -> RootError {
    RootError::Invalid { path: path.into(), expected: expected.into() }
}

impl From<StatementError> for RootError {
    fn from(e: StatementError) -> Self {
        match e {
            StatementError::Field { path, expected } => invalid(path, expected),
            StatementError::UnknownKind(k) => invalid("$.stmt.departments", format!("known record kinds (not {k})")),
            StatementError::Body(b) => invalid(b.path, b.expected_en),
        }
    }
}

fn positions(v: Option<&Value>, path: &str) -> Result<Vec<LogPosition>, RootError> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let items = v.as_array().ok_or_else(|| invalid(path, "an array of {\"log\",\"seq\"}"))?;
    items
        .iter()
        .map(|item| {
            let o = item.as_object().ok_or_else(|| invalid(path, "{\"log\",\"seq\"}"))?;
            let f = Fields::new(o, "$.position");
            f.only(&["log", "seq"])?;
            Ok(LogPosition { log: f.log("log")?, seq: f.uint("seq", 1)? })
        })
        .collect()
}

fn parse_department(v: &Value, i: usize) -> Result<Department, RootError> {
    let path = format!("$.stmt.departments[{i}]");
    let o = v.as_object().ok_or_else(|| invalid(&path, "a department object"))?;
    let f = Fields::new(o, "$.stmt.departments[]");
    f.only(&["id", "keys", "kinds", "name"])?;
    let id = f.str("id")?.to_owned();
    if !statement::valid_log_id(&format!("{id}/x")) {
        return Err(invalid(format!("{path}.id"), "a department id of [a-z0-9-]{1,32}"));
    }
    let name = o.get("name").and_then(Value::as_object);
    let name = match name.map(|n| (n.len(), n.get("zh").and_then(Value::as_str), n.get("en").and_then(Value::as_str))) {
        Some((2, Some(zh), Some(en))) => Message::new(zh, en),
        _ => return Err(invalid(format!("{path}.name"), "{\"en\": English name, \"zh\": 中文名称}")),
    };
    let mut kinds = BTreeSet::new();
    for k in o
        .get("kinds")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(format!("{path}.kinds"), "an array of record kinds"))?
    {
        let name = k.as_str().unwrap_or_default();
        let kind = Kind::parse(name).ok_or_else(|| {
            invalid(format!("{path}.kinds"), format!("known record kinds (not {})", crate::read::quoted(name)))
        })?;
        kinds.insert(kind);
    }
    let key_values = o.get("keys").and_then(Value::as_array).filter(|k| !k.is_empty());
    let key_values = key_values.ok_or_else(|| invalid(format!("{path}.keys"), "a non-empty array of keys"))?;
    let mut keys = Vec::with_capacity(key_values.len());
    for (k, kv) in key_values.iter().enumerate() {
        let kpath = format!("{path}.keys[{k}]");
        let ko = kv.as_object().ok_or_else(|| invalid(&kpath, "a key object"))?;
        let kf = Fields::new(ko, "$.stmt.departments[].keys[]");
        kf.only(&["age", "from", "not_after", "not_before", "pub", "revoked"])?;
        let age = match ko.get("age") {
            None => None,
            Some(v) => Some(
                v.as_str()
                    .filter(|s| crate::crypto::age_keys::parse_recipient(s).is_some())
                    .ok_or_else(|| invalid(format!("{kpath}.age"), "an age X25519 recipient (age1…)"))?
                    .to_owned(),
            ),
        };
        let bytes = crate::crypto::parse_lower_hex::<32>(kf.str("pub")?)
            .ok_or_else(|| invalid(format!("{kpath}.pub"), "64 lowercase hex digits"))?;
        let public = PublicKey::from_bytes(bytes).map_err(|reason| RootError::WeakKey {
            department: id.clone(),
            index: k,
            reason,
        })?;
        let not_before = ko.get("not_before").map(|_| kf.time("not_before")).transpose()?;
        let not_after = ko.get("not_after").map(|_| kf.time("not_after")).transpose()?;
        keys.push(RootKey {
            public,
            not_before,
            not_after,
            from: positions(ko.get("from"), &format!("{kpath}.from"))?,
            revoked: positions(ko.get("revoked"), &format!("{kpath}.revoked"))?,
            age,
        });
    }
    Ok(Department { id, name, kinds, keys })
}

/// Count distinct keys of `root` with a valid signature over `env`.
fn count_valid(root_index: &HashMap<KeyId, (usize, usize)>, departments: &[Department], env: &Envelope) -> u64 {
    let mut signers = HashSet::new();
    for s in &env.sigs {
        if let Some(&(d, k)) = root_index.get(&s.key) {
            if departments[d].keys[k].public.verify_strict(&env.signed_bytes, &s.sig) {
                signers.insert(s.key);
            }
        }
    }
    signers.len() as u64
}

impl TrustRoot {
    /// Parse a root line and check its own signatures meet its threshold. Chaining from an older
    /// root is checked separately by [`TrustRoot::accepts_successor`].
    pub fn from_line(line: &[u8]) -> Result<TrustRoot, RootError> {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let value =
            canonical::parse_canonical(line, 16).map_err(|e| RootError::Encoding(EnvelopeError::Canonical(e)))?;
        let env = open_envelope(line, value).map_err(RootError::Encoding)?;
        Self::from_envelope(line, env)
    }

    pub(crate) fn from_envelope(line: &[u8], env: Envelope) -> Result<TrustRoot, RootError> {
        if env.kind != StatementType::Root {
            return Err(invalid("$.stmt.type", "\"root\""));
        }
        let f = Fields::new(&env.stmt, "$.stmt");
        f.only(&["departments", "federation", "prev", "threshold", "time", "type", "v", "version"])?;
        let federation = f.str("federation")?.to_owned();
        let version = f.uint("version", 1)?;
        let prev = env.stmt.get("prev").map(|_| f.digest("prev")).transpose()?;
        if (version == 1) != prev.is_none() {
            return Err(invalid("$.stmt.prev", "absent in version 1, the previous version's fingerprint after that"));
        }
        let threshold = f.uint("threshold", 1)?;
        let time = f.time("time")?;
        let dept_values = env.stmt.get("departments").and_then(Value::as_array).filter(|d| !d.is_empty());
        let dept_values = dept_values.ok_or_else(|| invalid("$.stmt.departments", "a non-empty array"))?;
        let mut departments = Vec::with_capacity(dept_values.len());
        let mut index = HashMap::new();
        let mut ids = HashSet::new();
        for (i, v) in dept_values.iter().enumerate() {
            let d = parse_department(v, i)?;
            if !ids.insert(d.id.clone()) {
                return Err(invalid(
                    format!("$.stmt.departments[{i}].id"),
                    format!("a unique department id ({} repeats)", d.id),
                ));
            }
            for (k, key) in d.keys.iter().enumerate() {
                if index.insert(key.public.id, (i, k)).is_some() {
                    return Err(invalid(
                        format!("$.stmt.departments[{i}].keys[{k}]"),
                        "a key listed once in the whole root",
                    ));
                }
            }
            departments.push(d);
        }
        if threshold > index.len() as u64 {
            return Err(invalid("$.stmt.threshold", format!("at most the number of keys ({})", index.len())));
        }
        let valid = count_valid(&index, &departments, &env);
        if valid < threshold {
            return Err(RootError::ThresholdNotMet { version, signer_set: "own", valid, threshold });
        }
        Ok(TrustRoot {
            fingerprint: env.id,
            federation,
            version,
            prev,
            threshold,
            time,
            departments,
            index,
            line: line.to_vec(),
            envelope: env,
        })
    }

    /// Does `next` validly succeed this root? (next version, names us as prev, same federation,
    /// signed by our threshold of distinct keys; its own threshold was checked when it was parsed.)
    pub fn accepts_successor(&self, next: &TrustRoot) -> Result<(), RootError> {
        if next.federation != self.federation {
            return Err(RootError::FederationMismatch {
                expected: self.federation.clone(),
                found: next.federation.clone(),
            });
        }
        if next.version <= self.version {
            return Err(RootError::VersionRollback { pinned: self.version, offered: next.version });
        }
        if next.version != self.version + 1 || next.prev != Some(self.fingerprint) {
            return Err(RootError::ChainBroken { version: next.version });
        }
        let valid = count_valid(&self.index, &self.departments, &next.envelope);
        if valid < self.threshold {
            return Err(RootError::ThresholdNotMet {
                version: next.version,
                signer_set: "previous",
                valid,
                threshold: self.threshold,
            });
        }
        Ok(())
    }

    pub fn key(&self, id: &KeyId) -> Option<(&Department, &RootKey)> {
        self.index.get(id).map(|&(d, k)| (&self.departments[d], &self.departments[d].keys[k]))
    }

    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn summary_departments(&self) -> Vec<DepartmentSummary> {
        self.departments
            .iter()
            .map(|d| DepartmentSummary {
                id: d.id.clone(),
                name: d.name.clone(),
                kinds: d.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
                keys: d.keys.iter().map(|k| k.public.id.to_hex()).collect(),
            })
            .collect()
    }
}

/// Why a validly signed statement is not authorised (docs/decisions.md §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    KeyUnknown,
    UnknownDepartment(String),
    WrongDepartment { key_department: String, log_department: String },
    KindNotAuthorized { department: String, kind: Kind },
    Revoked { at: u64 },
    NotYetValid,
}

impl AuthError {
    pub fn code(&self) -> Code {
        match self {
            Self::KeyUnknown => Code::KeyUnknown,
            Self::UnknownDepartment(_) => Code::UnknownDepartment,
            Self::WrongDepartment { .. } => Code::KeyWrongDepartment,
            Self::KindNotAuthorized { .. } => Code::KindNotAuthorized,
            Self::Revoked { .. } => Code::KeyRevoked,
            Self::NotYetValid => Code::KeyNotYetValid,
        }
    }
    pub fn explain(&self) -> (String, String) {
        match self {
            Self::KeyUnknown => ("信任根中没有该密钥".into(), "no such key in the trust root".into()),
            Self::UnknownDepartment(d) => (format!("部门 {d}"), format!("department {d}")),
            Self::WrongDepartment { key_department, log_department } => (
                format!("密钥属于 {key_department},日志属于 {log_department}"),
                format!("key belongs to {key_department}, log to {log_department}"),
            ),
            Self::KindNotAuthorized { department, kind } => (
                format!("{department} 不可签发 {}({})", kind.title_zh(), kind.as_str()),
                format!("{department} may not sign {} ({})", kind.title_en(), kind.as_str()),
            ),
            Self::Revoked { at } => (format!("自序号 {at} 起撤销"), format!("revoked from sequence {at}")),
            Self::NotYetValid => ("密钥有效期外".into(), "outside the key's validity".into()),
        }
    }
}

impl TrustRoot {
    /// May `key` sign at `log`/`seq` at `time` (and, for records, this `kind`)?
    pub fn authorize(
        &self,
        key: &KeyId,
        log: &str,
        seq: u64,
        time: Timestamp,
        kind: Option<Kind>,
    ) -> Result<(), AuthError> {
        let (dept, root_key) = self.key(key).ok_or(AuthError::KeyUnknown)?;
        let log_dept = statement::log_department(log);
        if self.department(log_dept).is_none() {
            return Err(AuthError::UnknownDepartment(log_dept.to_owned()));
        }
        if dept.id != log_dept {
            return Err(AuthError::WrongDepartment {
                key_department: dept.id.clone(),
                log_department: log_dept.to_owned(),
            });
        }
        if let Some(kind) = kind {
            if !dept.kinds.contains(&kind) {
                return Err(AuthError::KindNotAuthorized { department: dept.id.clone(), kind });
            }
        }
        Self::key_window(root_key, log, seq, time)
    }

    /// May `key` act as a witness for `log` (any department other than the log's owner)?
    pub fn authorize_witness(&self, key: &KeyId, time: Timestamp) -> Result<String, AuthError> {
        let (dept, root_key) = self.key(key).ok_or(AuthError::KeyUnknown)?;
        // A witness signs outside its own logs, so only the key's time window applies.
        if root_key.not_before.is_some_and(|t| time.unix < t.unix)
            || root_key.not_after.is_some_and(|t| time.unix > t.unix)
        {
            return Err(AuthError::NotYetValid);
        }
        Ok(dept.id.clone())
    }

    fn key_window(k: &RootKey, log: &str, seq: u64, time: Timestamp) -> Result<(), AuthError> {
        if let Some(r) = k.revoked.iter().filter(|p| p.log == log).map(|p| p.seq).min() {
            if seq >= r {
                return Err(AuthError::Revoked { at: r });
            }
        }
        if k.from.iter().any(|p| p.log == log && seq < p.seq) {
            return Err(AuthError::NotYetValid);
        }
        if k.not_before.is_some_and(|t| time.unix < t.unix) {
            return Err(AuthError::NotYetValid);
        }
        if let Some(t) = k.not_after {
            if time.unix > t.unix {
                return Err(AuthError::Revoked { at: seq });
            }
        }
        Ok(())
    }
}

/// What a federation's administrators write to make a root (`{federation, threshold,
/// departments}`): read by this one reader for the CLI (`federation init|rotate --spec`) and the
/// npm `createRoot`, so both refuse the same specs with the same words.
#[derive(Debug, Clone)]
pub struct RootSpec {
    pub federation: String,
    pub threshold: u64,
    pub departments: Vec<Value>,
}

/// Why a root spec cannot become a root statement.
#[derive(Debug, Clone, PartialEq)]
pub enum RootSpecError {
    /// The spec's shape: a missing or misspelled member, a wrong type (with its JSON path).
    Invalid(crate::kinds::BodyError),
    /// A value that cannot be part of a canonical statement (a float, a huge integer, …).
    Canonical(canonical::CanonicalError),
    /// A successor must keep its federation's name.
    FederationMismatch { expected: String, found: String },
}

impl RootSpecError {
    pub fn code(&self) -> Code {
        match self {
            Self::Invalid(_) => Code::RootInvalid,
            Self::Canonical(e) => e.code(),
            Self::FederationMismatch { .. } => Code::FederationMismatch,
        }
    }

    /// The JSON path in the spec the problem is at, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::Invalid(e) => Some(&e.path),
            Self::Canonical(_) => Some("$.departments"),
            Self::FederationMismatch { .. } => Some("$.federation"),
        }
    }
}

impl std::fmt::Display for RootSpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(e) => write!(f, "{}: expected {}", e.path, e.expected_en),
            Self::Canonical(e) => write!(f, "$.departments: {e}"),
            Self::FederationMismatch { expected, found } => {
                write!(f, "$.federation: the spec names {found}, the current root {expected}")
            }
        }
    }
}

impl std::error::Error for RootSpecError {}

impl crate::read::FromJson for RootSpec {
    fn from_json(value: &Value) -> Result<Self, crate::read::ReadError> {
        let object = crate::read::Object::new(value, &["federation", "threshold", "departments"])?;
        let built = RootSpec { federation: object.field(0), threshold: object.field(1), departments: object.field(2) };
        object.finish(built)
    }

    fn placeholder() -> Self {
        RootSpec { federation: String::new(), threshold: 0, departments: Vec::new() }
    }
}

impl RootSpec {
    /// Read a spec from JSON.
    pub fn parse(value: &Value) -> Result<RootSpec, RootSpecError> {
        <RootSpec as crate::read::FromJson>::from_json(value).map_err(|e| RootSpecError::Invalid(e.into_body_error()))
    }

    /// The unsigned root statement: version 1, or the successor of `previous` (same federation).
    /// The departments are checked against the canonical profile now, so a float or a huge
    /// integer is refused here rather than producing a root no verifier accepts.
    pub fn statement(
        &self,
        previous: Option<&TrustRoot>,
        time: Timestamp,
    ) -> Result<Map<String, Value>, RootSpecError> {
        if let Some(old) = previous {
            if old.federation != self.federation {
                return Err(RootSpecError::FederationMismatch {
                    expected: old.federation.clone(),
                    found: self.federation.clone(),
                });
            }
        }
        let departments = Value::Array(self.departments.clone());
        let max_depth = crate::verify::Limits::default().max_depth;
        let departments = match canonical::parse_strict(&canonical::encode(&departments), max_depth) {
            Ok(Value::Array(d)) => d,
            Ok(_) => Vec::new(),
            Err(e) => return Err(RootSpecError::Canonical(e)),
        };
        let (version, prev) = previous.map_or((1, None), |old| (old.version + 1, Some(old.fingerprint)));
        Ok(root_statement(&self.federation, version, prev, self.threshold, time, departments))
    }
}

/// Build the unsigned statement object of a root (producer side).
pub fn root_statement(
    federation: &str,
    version: u64,
    prev: Option<Digest>,
    threshold: u64,
    time: Timestamp,
    departments: Vec<Value>,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("departments".into(), Value::Array(departments));
    m.insert("federation".into(), federation.into());
    if let Some(p) = prev {
        m.insert("prev".into(), p.to_hex().into());
    }
    m.insert("threshold".into(), threshold.into());
    m.insert("time".into(), time.to_string().into());
    m.insert("type".into(), "root".into());
    m.insert("v".into(), statement::FORMAT_VERSION.into());
    m.insert("version".into(), version.into());
    m
}
