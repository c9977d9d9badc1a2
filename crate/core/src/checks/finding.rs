//! Findings and the record of what each check did.

use super::{CheckMeta, Completeness, Dataset, Family, FindingSeverity};
use crate::kinds::Kind;
use crate::report::Message;
use crate::time::Timestamp;
use crate::verify::VerifiedRecord;
use serde::Serialize;

/// A record a finding rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Statement id (hex).
    pub id: String,
    /// What the record is to this finding, e.g. "contract", "award", "bid".
    pub role: &'static str,
    pub kind: &'static str,
    pub log: String,
    pub seq: u64,
    pub line: u64,
}

impl Evidence {
    pub fn of(r: &VerifiedRecord, role: &'static str) -> Evidence {
        Evidence {
            id: r.id.to_hex(),
            role,
            kind: r.record.kind.as_str(),
            log: r.record.log.clone(),
            seq: r.record.seq,
            line: r.line,
        }
    }
}

/// One finding of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable across runs and bundles: the same check firing on the same project, tender and
    /// evidence records gets the same id (16 hex digits, see [`finding_id`]), so a supervisor can
    /// follow a finding from one month's bundle to the next, and the page can link to it.
    pub id: String,
    pub check: &'static str,
    pub family: Family,
    pub severity: FindingSeverity,
    pub title: Message,
    pub project: Option<String>,
    /// The tender (标段) concerned, when the finding is about one.
    pub tender: Option<String>,
    /// What a civil servant can act on: project, records and numbers, in both languages.
    pub message: Message,
    pub evidence: Vec<Evidence>,
    /// The values compared (machine-readable), e.g. {"contract_fen":…, "award_fen":…, "difference_ratio":…}.
    pub values: serde_json::Value,
    pub source: &'static str,
}

/// A project (or the whole bundle, when `project` is None) a check could not evaluate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotEvaluated {
    pub project: Option<String>,
    pub reason: Message,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Ran,
    Disabled,
}

/// What one check did over the bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckRun {
    pub id: &'static str,
    pub status: CheckStatus,
    pub findings: u64,
    pub not_evaluated: Vec<NotEvaluated>,
}

impl CheckRun {
    pub fn disabled(meta: &'static CheckMeta) -> CheckRun {
        CheckRun { id: meta.id, status: CheckStatus::Disabled, findings: 0, not_evaluated: Vec::new() }
    }
}

/// The sink a check writes into.
pub struct Findings {
    meta: &'static CheckMeta,
    findings: Vec<Finding>,
    not_evaluated: Vec<NotEvaluated>,
    /// (project, English reason) already noted: a project is listed once per reason.
    noted: std::collections::HashSet<(Option<String>, String)>,
    /// (project, kind) whose absence could not be proven: noted once, with the first time asked.
    unproven: std::collections::HashSet<(Option<String>, Kind)>,
}

impl Findings {
    pub fn new(meta: &'static CheckMeta) -> Findings {
        Findings {
            meta,
            findings: Vec::new(),
            not_evaluated: Vec::new(),
            noted: Default::default(),
            unproven: Default::default(),
        }
    }

    /// Report a finding at the check's own severity; returns it for optional refinement (tender, severity).
    pub fn report(
        &mut self,
        project: Option<&str>,
        message: Message,
        evidence: Vec<Evidence>,
        values: serde_json::Value,
    ) -> &mut Finding {
        self.findings.push(Finding {
            id: String::new(), // set by `finish`, once the finding is complete
            check: self.meta.id,
            family: self.meta.family,
            severity: self.meta.severity,
            title: Message::new(self.meta.title.zh, self.meta.title.en),
            project: project.map(str::to_owned),
            tender: None,
            message,
            evidence,
            values,
            source: self.meta.source,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// Say that a project cannot be evaluated (typically: a needed log is not proven complete).
    pub fn cannot_evaluate(&mut self, project: Option<&str>, reason: Message) {
        if self.noted.insert((project.map(str::to_owned), reason.en.clone())) {
            self.not_evaluated.push(NotEvaluated { project: project.map(str::to_owned), reason });
        }
    }

    /// Before firing on the absence of `kind` records up to `at` (docs/decisions.md §10): true when the
    /// bundle proves the responsible logs complete; otherwise notes that `project` cannot be
    /// evaluated, naming the logs, and returns false.
    pub fn absence_proven(&mut self, data: &Dataset, project: Option<&str>, kind: Kind, at: Timestamp) -> bool {
        match data.completeness(kind, at) {
            Completeness::Proven => true,
            Completeness::Unproven { logs } => {
                if self.unproven.insert((project.map(str::to_owned), kind)) {
                    self.cannot_evaluate(project, super::format::incomplete(kind, at, &logs));
                }
                false
            }
        }
    }

    /// Findings so far (for tests).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Projects not evaluated so far (for tests).
    pub fn not_evaluated(&self) -> &[NotEvaluated] {
        &self.not_evaluated
    }

    pub fn finish(mut self) -> (Vec<Finding>, CheckRun) {
        let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for f in &mut self.findings {
            let id = finding_id(f);
            // Two findings of one check on the same records (rare: different values compared) are
            // told apart by their order, which is deterministic.
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            f.id = if *n == 1 { id } else { format!("{id}-{n}") };
        }
        let run = CheckRun {
            id: self.meta.id,
            status: CheckStatus::Ran,
            findings: self.findings.len() as u64,
            not_evaluated: self.not_evaluated,
        };
        (self.findings, run)
    }
}

/// A finding's stable id: the first 16 hex digits of SHA-256 over its check, project, tender and
/// the ids of its evidence records (sorted, so the order the check lists them in does not matter).
pub fn finding_id(f: &Finding) -> String {
    use sha2::{Digest, Sha256};
    let mut ids: Vec<&str> = f.evidence.iter().map(|e| e.id.as_str()).collect();
    crate::order::sort(&mut ids);
    let mut h = Sha256::new();
    h.update(b"qinglian/v1/finding\n");
    for part in [f.check, f.project.as_deref().unwrap_or(""), f.tender.as_deref().unwrap_or("")] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    for id in ids {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    hex::encode(&h.finalize()[..8])
}

/// What the checks found over the bundle.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub checks: Vec<CheckRun>,
    /// The co-bidding network of firms (for the page's graph).
    pub graph: super::bidding::graph::CoBiddingGraph,
    /// Per-project views the page renders (cost chain, timeline, tenders, payments, supervision).
    pub projects: Vec<super::dataset::ProjectView>,
    /// The supervision board: problems by status, responsible party and category, and the tasks.
    pub supervision: crate::report::supervision_board::Board,
}
