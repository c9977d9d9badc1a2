//! The verification report: what a bundle proves, what it does not, and every problem found.
//! It is plain data (serde `Serialize`), the one shape the CLI prints, the npm package returns and
//! the page renders.

pub mod bulletin;
mod code;
pub mod outcome;
pub mod project_view;
pub mod supervision_board;
pub mod text;

pub use code::{Code, Severity};
use serde::Serialize;

/// A message in both languages the product speaks. Chinese first: the readers are Chinese civil servants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { zh: zh.into(), en: en.into() }
    }
}

/// One integrity problem, tied to where it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub code: Code,
    pub severity: Severity,
    /// 1-based line in the (decompressed) bundle, when the problem belongs to one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Statement id (hex), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    pub message: Message,
    /// Machine-readable specifics (the JSON path, the expected and found values, fork proof…).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub detail: serde_json::Value,
}

impl Problem {
    pub fn new(code: Code, message: Message) -> Self {
        Self {
            code,
            severity: code.severity(),
            line: None,
            id: None,
            log: None,
            seq: None,
            message,
            detail: serde_json::Value::Null,
        }
    }
    /// The code's own meaning plus a specific explanation in each language.
    pub fn explained(code: Code, zh: impl AsRef<str>, en: impl AsRef<str>) -> Self {
        let (mzh, men) = code.meaning();
        let (zh, en) = (zh.as_ref(), en.as_ref());
        let msg = if zh.is_empty() {
            Message::new(mzh, men)
        } else {
            Message::new(format!("{mzh}:{zh}"), format!("{men}: {en}"))
        };
        Self::new(code, msg)
    }
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }
    pub fn with_id(mut self, id: &crate::crypto::Digest) -> Self {
        self.id = Some(id.to_hex());
        self
    }
    pub fn at_position(mut self, log: &str, seq: u64) -> Self {
        self.log = Some(log.to_owned());
        self.seq = Some(seq);
        self
    }
    pub fn with_detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// Counts that answer "is this data authentic?" at a glance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Lines read, header lines and blank lines included.
    pub lines: u64,
    pub bytes: u64,
    /// Distinct statements whose encoding, signature and authorisation all verified.
    pub verified: u64,
    /// Lines that failed (any error-severity problem tied to a line).
    pub rejected: u64,
    pub duplicates: u64,
    pub records: u64,
    pub checkpoints: u64,
    pub cosignatures: u64,
    pub roots: u64,
    pub errors: u64,
    pub warnings: u64,
    /// True when every statement verified and no log-level integrity error was found.
    pub intact: bool,
    /// 0 intact (and no finding at or above `fail_on`), 1 otherwise: the CLI's exit status,
    /// decided once here (see [`outcome`]).
    pub exit_status: u8,
}

/// The trust root in force at the end of verification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RootSummary {
    pub federation: String,
    pub version: u64,
    /// SHA-256 of the root's signed bytes (hex): what people compare over the phone.
    pub fingerprint: String,
    /// The pinned root's fingerprint, then each newer version adopted from the bundle.
    pub chain: Vec<String>,
    pub departments: Vec<DepartmentSummary>,
    /// The root's canonical line: what a producer continuing from this bundle pins, authorises
    /// against and seals to (its keys publish the departments' age recipients).
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentSummary {
    pub id: String,
    pub name: Message,
    pub kinds: Vec<String>,
    pub keys: Vec<String>,
}

/// What the bundle shows of one department log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogSummary {
    pub log: String,
    pub department: String,
    pub records: u64,
    pub first_seq: u64,
    pub last_seq: u64,
    /// Statement id of the highest record present.
    pub head: String,
    /// Missing sequence ranges, inclusive.
    pub gaps: Vec<[u64; 2]>,
    pub forks: Vec<u64>,
    /// Highest signed checkpoint for which every record from 1 is present and chains to its head:
    /// absence-based checks may rely on this log only up to here (docs/decisions.md §10).
    pub complete_to: Option<CompleteHead>,
    /// Departments (other than the owner) that cosigned a checkpoint of this log.
    pub witnesses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompleteHead {
    pub seq: u64,
    pub head: String,
    pub time: String,
}

/// A log head the caller had verified before (the page keeps these in IndexedDB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KnownHead {
    pub log: String,
    pub seq: u64,
    pub head: String,
}

crate::read::read_struct!(KnownHead { log, seq, head });
