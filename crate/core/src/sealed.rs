//! 密封记录 sealed records (docs/format.md §4.2): a joint case's record whose body only named
//! departments can read.
//!
//! The body on the wire is `{"sealed":{"age":…,"commitment":…,"to":[…]}}`: `age` is the age v1
//! ciphertext (base64) of the *plaintext* `JCS({"body":…,"kind":…,"salt":…})`, encrypted to the X25519
//! recipients the trust root publishes for the departments in `to`; `commitment` is
//! SHA-256(`"qinglian/v1/sealed\n"` ‖ plaintext). The signature and the chain cover the sealed body,
//! so everyone verifies integrity; a recipient opens it, and can later disclose the plaintext to
//! anyone (a court, an auditor), who checks it against the signed commitment without any key. The
//! salt keeps a guessable body from being confirmed by hashing guesses.
//!
//! The core never decrypts (age lives in the CLI and in JavaScript): it reads the sealed form,
//! builds the plaintext for a sealer, and checks an opened plaintext against its commitment
//! (`verify/openings.rs` takes openings into a verification).

use crate::canonical;
use crate::crypto::Digest;
use crate::kinds::{self, Body, BodyError, Kind};
use crate::report::Code;
use serde::Serialize;
use serde_json::{json, Value};

/// The kinds a record may be sealed in: the supervision workflow. Cost, bidding and payment records
/// are public records; sealing them would hide exactly what supervision must see.
pub const SEALABLE: [Kind; 4] = [Kind::SupervisionTask, Kind::Problem, Kind::Rectification, Kind::RectificationReview];

const COMMITMENT_TAG: &[u8] = b"qinglian/v1/sealed\n";
/// base64 of `age-encryption.org/v1` (21 bytes, so it encodes without carry into what follows).
const AGE_PREFIX_BASE64: &str = "YWdlLWVuY3J5cHRpb24ub3JnL3Yx";

/// The sealed form of a body, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealedBody {
    /// The departments it is sealed to (unique).
    pub to: Vec<String>,
    #[serde(serialize_with = "hex_digest")]
    pub commitment: Digest,
    /// The age ciphertext, base64 (RFC 4648, padded).
    pub age: String,
}

fn hex_digest<S: serde::Serializer>(d: &Digest, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_hex())
}

impl SealedBody {
    /// The body as it goes into the record envelope.
    pub fn to_value(&self) -> Value {
        json!({"sealed": {"age": self.age, "commitment": self.commitment.to_hex(), "to": self.to}})
    }
}

fn err(path: &str, en: &str, zh: &str) -> BodyError {
    BodyError::new(path, en, zh)
}

/// Read a record body that may be sealed: `Ok(None)` when it is an ordinary body.
pub fn parse(kind: Kind, body: &Value) -> Result<Option<SealedBody>, BodyError> {
    let Some(outer) = body.as_object().filter(|o| o.contains_key("sealed")) else { return Ok(None) };
    if !SEALABLE.contains(&kind) {
        return Err(err(
            "$.sealed",
            "an ordinary body: only supervision_task, problem, rectification and rectification_review records may be sealed",
            "普通正文：只有联合监管任务、问题、整改和整改复核记录可以密封",
        ));
    }
    if outer.len() != 1 {
        return Err(err("$", "only the member sealed in a sealed body", "密封正文只能含 sealed 成员"));
    }
    let Some(o) = outer.get("sealed").and_then(Value::as_object) else {
        return Err(err("$.sealed", "an object {age, commitment, to}", "对象 {age, commitment, to}"));
    };
    if let Some(k) = o.keys().find(|k| !matches!(k.as_str(), "age" | "commitment" | "to")) {
        return Err(err(
            &format!("$.sealed.{k}"),
            "no such member (age, commitment, to)",
            "无此成员（age、commitment、to）",
        ));
    }
    let commitment = o.get("commitment").and_then(Value::as_str).and_then(Digest::from_hex).ok_or_else(|| {
        err("$.sealed.commitment", "a SHA-256 commitment: 64 lowercase hex digits", "SHA-256 承诺值：64 位小写十六进制")
    })?;
    let age = o.get("age").and_then(Value::as_str).filter(|s| is_age_base64(s)).ok_or_else(|| {
        err(
            "$.sealed.age",
            "an age v1 ciphertext in padded base64 (starting YWdlLWVuY3J5cHRpb24ub3JnL3Yx)",
            "以 base64（含填充）表示的 age v1 密文",
        )
    })?;
    let mut to: Vec<String> = Vec::new();
    for (i, d) in o.get("to").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
        match d.as_str() {
            Some(s) if kinds::DeptId::parse(s).is_ok() && !to.iter().any(|t| t == s) => to.push(s.to_owned()),
            _ => return Err(err(&format!("$.sealed.to[{i}]"), "a department id, each once", "部门代码，不得重复")),
        }
    }
    if to.is_empty() {
        return Err(err("$.sealed.to", "a non-empty list of recipient departments", "非空的收件部门列表"));
    }
    Ok(Some(SealedBody { to, commitment, age: age.to_owned() }))
}

fn is_age_base64(s: &str) -> bool {
    let b = s.as_bytes();
    let body = s.trim_end_matches('=');
    s.starts_with(AGE_PREFIX_BASE64)
        && b.len() % 4 == 0
        && b.len() - body.len() <= 2
        && body.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

/// SHA-256 commitment of a plaintext.
pub fn commitment(plaintext: &[u8]) -> Digest {
    Digest::of(&[COMMITMENT_TAG, plaintext])
}

/// Why a body cannot be sealed.
#[derive(Debug, Clone, PartialEq)]
pub enum SealError {
    /// The kind is not one that may be sealed.
    KindNotSealable(Kind),
    /// The body is not valid for its kind: a sealed record never hides a body that would not verify.
    Body(BodyError),
    /// The department is not in the trust root, or publishes no encryption recipient.
    NoRecipient(String),
}

impl SealError {
    /// Stable codes for sealers (docs/format.md §4.2).
    pub fn code(&self) -> &'static str {
        match self {
            Self::KindNotSealable(_) => "SEALED_KIND_NOT_SEALABLE",
            Self::Body(_) => "SEALED_BODY_INVALID",
            Self::NoRecipient(_) => "SEALED_NO_RECIPIENT",
        }
    }
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::KindNotSealable(k) => write!(f, "{k} records may not be sealed"),
            Self::Body(e) => write!(f, "{}: expected {}", e.path, e.expected_en),
            Self::NoRecipient(d) => {
                write!(f, "department {d} publishes no encryption recipient (\"age\") in the trust root")
            }
        }
    }
}

impl std::error::Error for SealError {}

/// Why an opened plaintext is not accepted for a sealed record.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// The plaintext does not hash to the signed commitment.
    CommitmentMismatch,
    /// It hashes to the commitment but is not what a sealer writes: the sealer committed to a
    /// plaintext no verifier would accept.
    Body(BodyError),
}

impl OpenError {
    /// The verifier reports the same code at the record's line.
    pub fn code(&self) -> Code {
        match self {
            Self::CommitmentMismatch => Code::SealedCommitmentMismatch,
            Self::Body(_) => Code::SealedBodyInvalid,
        }
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::CommitmentMismatch => f.write_str("the plaintext does not match the sealed record's commitment"),
            Self::Body(e) => write!(f, "{}: expected {}", e.path, e.expected_en),
        }
    }
}

impl std::error::Error for OpenError {}

/// The age recipients a sealer encrypts to for the departments `to`: every key of theirs in `root`
/// that publishes one and is revoked nowhere. The sealer's own department belongs in `to` too,
/// or it cannot read its own record back.
pub fn recipients(root: &crate::federation::TrustRoot, to: &[String]) -> Result<Vec<String>, SealError> {
    let mut out = Vec::new();
    for d in to {
        let found: Vec<String> = root
            .department(d)
            .map(|dept| dept.keys.iter().filter(|k| k.revoked.is_empty()).filter_map(|k| k.age.clone()).collect())
            .unwrap_or_default();
        if found.is_empty() {
            return Err(SealError::NoRecipient(d.clone()));
        }
        out.extend(found);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The plaintext a sealer encrypts: `body` validated for `kind` first, so a sealed record never
/// hides a body that would not verify in the open.
pub fn plaintext(kind: Kind, body: &Value, salt: &[u8; 32]) -> Result<Vec<u8>, SealError> {
    if !SEALABLE.contains(&kind) {
        return Err(SealError::KindNotSealable(kind));
    }
    kinds::parse_body(kind, body).map_err(SealError::Body)?;
    Ok(canonical::encode(&json!({"body": body, "kind": kind.as_str(), "salt": hex::encode(salt)})))
}

/// What a sealer encrypts, and to whom: from [`prepare`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealPlan {
    /// The departments the record is sealed to (sorted, each once, the sealer's own included).
    pub to: Vec<String>,
    /// Their age recipients, to encrypt `plaintext` to (every one, or some recipient cannot read).
    pub recipients: Vec<String>,
    pub plaintext: Vec<u8>,
}

/// Everything a sealer needs but the encryption itself (which is age's, outside the core): the
/// sealer's department `own` joins `to`, so it can read its own record back.
pub fn prepare(
    root: &crate::federation::TrustRoot,
    kind: Kind,
    body: &Value,
    to: &[String],
    own: &str,
    salt: &[u8; 32],
) -> Result<SealPlan, SealError> {
    let mut to: Vec<String> = to.iter().cloned().chain(std::iter::once(own.to_owned())).collect();
    to.sort();
    to.dedup();
    let plaintext = plaintext(kind, body, salt)?;
    let recipients = recipients(root, &to)?;
    Ok(SealPlan { to, recipients, plaintext })
}

/// The sealed body for a plaintext and its age ciphertext (base64).
pub fn seal(to: Vec<String>, plaintext: &[u8], age_base64: String) -> Result<SealedBody, BodyError> {
    let sealed = SealedBody { to, commitment: commitment(plaintext), age: age_base64 };
    // Read back through the one reader, so a sealer cannot write what verifiers refuse.
    parse(Kind::Problem, &sealed.to_value())?;
    Ok(sealed)
}

/// Accept an opened plaintext for a sealed record of `kind`: it must hash to the commitment, be
/// canonical, name the same kind, and carry a body valid for it.
pub fn open(kind: Kind, sealed: &SealedBody, plaintext: &[u8]) -> Result<Body, OpenError> {
    if commitment(plaintext) != sealed.commitment {
        return Err(OpenError::CommitmentMismatch);
    }
    let depth = crate::verify::Limits::default().max_depth;
    let shape = |en: &str, zh: &str| OpenError::Body(err("$", en, zh));
    let value = canonical::parse_canonical(plaintext, depth)
        .map_err(|_| shape("canonical JSON {body, kind, salt}", "规范 JSON {body, kind, salt}"))?;
    let o = value
        .as_object()
        .filter(|o| o.len() == 3)
        .ok_or_else(|| shape("an object of exactly body, kind and salt", "恰含 body、kind、salt 的对象"))?;
    if o.get("kind").and_then(Value::as_str) != Some(kind.as_str()) {
        return Err(OpenError::Body(err("$.kind", "the record's own kind", "记录本身的类型")));
    }
    if o.get("salt").and_then(Value::as_str).and_then(Digest::from_hex).is_none() {
        return Err(OpenError::Body(err("$.salt", "64 lowercase hex digits", "64 位小写十六进制")));
    }
    let body = o.get("body").ok_or_else(|| shape("a body", "正文"))?;
    kinds::parse_body(kind, body).map_err(|mut e| {
        e.path = format!("$.body{}", e.path.trim_start_matches('$'));
        OpenError::Body(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Value {
        crate::kinds::example_body(Kind::Problem)
    }

    fn sealed_for(plain: &[u8]) -> SealedBody {
        seal(vec!["jw".into(), "zjj".into()], plain, format!("{AGE_PREFIX_BASE64}AAAA")).unwrap()
    }

    #[test]
    fn a_sealed_body_reads_back_and_opens_only_with_its_plaintext() {
        let plain = plaintext(Kind::Problem, &body(), &[1; 32]).unwrap();
        let sealed = sealed_for(&plain);
        assert_eq!(parse(Kind::Problem, &sealed.to_value()).unwrap(), Some(sealed.clone()));
        let opened = open(Kind::Problem, &sealed, &plain).unwrap();
        assert_eq!(opened.to_value(), body());
        // Another salt is another commitment; the wrong kind is refused even with a matching hash.
        let other = plaintext(Kind::Problem, &body(), &[2; 32]).unwrap();
        assert_eq!(open(Kind::Problem, &sealed, &other), Err(OpenError::CommitmentMismatch));
        assert!(matches!(open(Kind::Rectification, &sealed, &plain), Err(OpenError::Body(e)) if e.path == "$.kind"));
    }

    #[test]
    fn sealing_refuses_public_kinds_and_invalid_bodies() {
        let contract = crate::kinds::example_body(Kind::Contract);
        assert_eq!(plaintext(Kind::Contract, &contract, &[0; 32]), Err(SealError::KindNotSealable(Kind::Contract)));
        let mut bad = body();
        bad["severity"] = json!("catastrophic");
        assert!(matches!(plaintext(Kind::Problem, &bad, &[0; 32]), Err(SealError::Body(_))));
        let plain = plaintext(Kind::Problem, &body(), &[1; 32]).unwrap();
        let e = parse(Kind::Contract, &sealed_for(&plain).to_value()).unwrap_err();
        assert_eq!(e.path, "$.sealed");
    }

    #[test]
    fn malformed_sealed_bodies_name_their_path() {
        let plain = plaintext(Kind::Problem, &body(), &[1; 32]).unwrap();
        let good = sealed_for(&plain).to_value();
        let cases: [(&str, Value); 6] = [
            ("$.sealed.age", json!("bm90IGFnZQ==")),
            ("$.sealed.commitment", json!("ABC")),
            ("$.sealed.to", json!([])),
            ("$.sealed.to[1]", json!(["jw", "jw"])),
            ("$.sealed.to[0]", json!(["JW"])),
            ("$.sealed.extra", json!(1)),
        ];
        for (path, value) in cases {
            let mut v = good.clone();
            let member = path.trim_start_matches("$.sealed.").split('[').next().unwrap();
            v["sealed"][member] = value;
            assert_eq!(parse(Kind::Problem, &v).unwrap_err().path, path, "{v}");
        }
        assert_eq!(parse(Kind::Problem, &json!({"sealed": good["sealed"], "x": 1})).unwrap_err().path, "$");
        assert_eq!(parse(Kind::Problem, &body()), Ok(None));
    }
}
