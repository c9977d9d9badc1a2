//! Opening sealed records (密封记录, docs/format.md §4.2) during a verification.
//!
//! The core never decrypts: after the input has ended (and every signature job is answered), the
//! caller takes the ciphertexts of the sealed records that verified ([`Verifier::sealed_records`]),
//! decrypts what its keys can (age, in the CLI or in JavaScript) and hands the plaintexts back
//! ([`Verifier::open_sealed`]). Each is checked against its signed commitment here, and the opened
//! bodies are what the checks read at `finish`. A caller that says which departments it reads for
//! ([`Verifier::read_as`]) learns, per unread record, whether it was not a recipient or whether a
//! record sealed to it could not be opened (a sealer that named a recipient it did not encrypt to).

use super::Verifier;
use crate::kinds::Body;
use crate::report::{Code, Problem};
use crate::sealed;
use serde::Serialize;
use std::collections::HashMap;

/// A sealed record that verified: what a caller with department keys may try to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealedRecord {
    /// The statement id (hex), the handle for [`Verifier::open_sealed`].
    pub id: String,
    pub line: u64,
    pub log: String,
    pub seq: u64,
    pub kind: &'static str,
    /// The departments it is sealed to.
    pub to: Vec<String>,
    /// The age v1 ciphertext, base64.
    pub age: String,
}

/// Why an opened plaintext was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenSealedError {
    /// No sealed, still unopened record has this id (the id is unknown, or the record was opened).
    NotSealed(String),
    /// The plaintext does not belong to the record; the report has the problem too.
    Refused(sealed::OpenError),
}

impl OpenSealedError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotSealed(_) => "SEALED_UNKNOWN_RECORD",
            Self::Refused(e) => e.code().as_str(),
        }
    }
}

impl std::fmt::Display for OpenSealedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotSealed(id) => write!(f, "no unopened sealed record has the id {id}"),
            Self::Refused(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OpenSealedError {}

/// Why a sealed record stayed unread, as the board's items say it: the refusal of a plaintext
/// offered for it, else whether the caller could have read it.
fn unread_reason(to: &[String], readers: &[String], refused: Option<Code>) -> &'static str {
    if let Some(code) = refused {
        code.as_str()
    } else if readers.is_empty() {
        "SEALED_NOT_OPENED"
    } else if to.iter().any(|d| readers.contains(d)) {
        Code::SealedUnreadable.as_str()
    } else {
        "SEALED_NOT_RECIPIENT"
    }
}

impl Verifier {
    /// The sealed records verified so far, in line order. Call it after `end_input` and after the
    /// last signature job is answered: records still waiting for a signature are not listed.
    pub fn sealed_records(&self) -> Vec<SealedRecord> {
        let mut out: Vec<SealedRecord> = self
            .records
            .iter()
            .filter_map(|r| match &r.record.body {
                Body::Sealed(s) => Some(SealedRecord {
                    id: r.id.to_hex(),
                    line: r.line,
                    log: r.record.log.clone(),
                    seq: r.record.seq,
                    kind: r.record.kind.as_str(),
                    to: s.to.clone(),
                    age: s.age.clone(),
                }),
                _ => None,
            })
            .collect();
        crate::order::sort_by_key(&mut out, |s| s.line);
        out.dedup_by(|a, b| a.id == b.id);
        out
    }

    /// Hand back the plaintext of a sealed record. It is accepted when it hashes to the signed
    /// commitment and is a valid body of the record's kind; otherwise the report gets
    /// `SEALED_COMMITMENT_MISMATCH` or `SEALED_BODY_INVALID` at the record's line (the record stays
    /// sealed) and the error says the same to the caller.
    pub fn open_sealed(&mut self, id: &str, plaintext: &[u8]) -> Result<(), OpenSealedError> {
        let digest = crate::crypto::Digest::from_hex(id).ok_or_else(|| OpenSealedError::NotSealed(id.to_owned()))?;
        let mut refused = None;
        let mut opened = false;
        for r in self.records.iter_mut().filter(|r| r.id == digest) {
            let Body::Sealed(s) = &r.record.body else { continue };
            match sealed::open(r.record.kind, s, plaintext) {
                Ok(body) => {
                    r.record.body = body;
                    opened = true;
                }
                Err(e) => refused = Some((e, r.line)),
            }
        }
        if let Some((e, line)) = refused {
            let p = Problem::explained(e.code(), e.to_string(), e.to_string()).at_line(line).with_id(&digest);
            self.report(p);
            self.refused.insert(digest, e.code());
            return Err(OpenSealedError::Refused(e));
        }
        if !opened {
            return Err(OpenSealedError::NotSealed(id.to_owned()));
        }
        self.opened += 1;
        Ok(())
    }

    /// The departments the caller holds keys for (the ones it tried to open with). Records sealed
    /// to one of them that stay unread are `SEALED_UNREADABLE`; the others are "not a recipient".
    pub fn read_as(&mut self, departments: &[String]) {
        self.readers = departments.to_vec();
    }

    /// At `finish`: say why each unread sealed record stayed unread (`SEALED_UNREADABLE` also
    /// goes into the report), keyed by id for the board.
    pub(super) fn settle_sealed(&mut self) -> HashMap<String, &'static str> {
        let mut reasons = HashMap::new();
        let mut unreadable = Vec::new();
        for r in &self.records {
            let Body::Sealed(s) = &r.record.body else { continue };
            let reason = unread_reason(&s.to, &self.readers, self.refused.get(&r.id).copied());
            if reason == Code::SealedUnreadable.as_str() && !reasons.contains_key(&r.id.to_hex()) {
                let mine: Vec<&str> = s.to.iter().filter(|d| self.readers.contains(d)).map(String::as_str).collect();
                let mine = mine.join(", ");
                unreadable.push(
                    Problem::explained(
                        Code::SealedUnreadable,
                        format!("密封给 {mine},但其密钥无法解密"),
                        format!("sealed to {mine}, whose key could not open it"),
                    )
                    .at_line(r.line)
                    .with_id(&r.id),
                );
            }
            reasons.insert(r.id.to_hex(), reason);
        }
        for p in unreadable {
            self.report(p);
        }
        reasons
    }
}
