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

    /// Before firing on the absence of `kind` records up to `at` (decision 10): true when the
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

    pub fn finish(self) -> (Vec<Finding>, CheckRun) {
        let run = CheckRun {
            id: self.meta.id,
            status: CheckStatus::Ran,
            findings: self.findings.len() as u64,
            not_evaluated: self.not_evaluated,
        };
        (self.findings, run)
    }
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
}
