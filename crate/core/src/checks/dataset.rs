//! The verified records, indexed once for all checks.

use crate::crypto::Digest;
use crate::federation::TrustRoot;
use crate::kinds::{Body, Kind};
use crate::report::LogSummary;
use crate::statement::log_department;
use crate::time::Timestamp;
use crate::verify::VerifiedRecord;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Whether the bundle proves that no record of some kind is missing up to a time (decision 10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completeness {
    /// Every log that may hold such records is complete to a signed head at or after the time.
    Proven,
    /// Not proven; the reason names the log(s) concerned.
    Unproven { logs: Vec<String> },
}

pub struct Dataset<'a> {
    pub records: &'a [VerifiedRecord],
    pub logs: &'a [LogSummary],
    pub root: &'a TrustRoot,
    by_id: HashMap<Digest, usize>,
    by_project: BTreeMap<&'a str, Vec<usize>>,
    by_kind: HashMap<Kind, Vec<usize>>,
}

impl<'a> Dataset<'a> {
    pub fn new(records: &'a [VerifiedRecord], logs: &'a [LogSummary], root: &'a TrustRoot) -> Dataset<'a> {
        let mut by_id = HashMap::with_capacity(records.len());
        let mut by_project: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            by_id.insert(r.id, i);
            if let Some(p) = &r.record.project {
                by_project.entry(p.as_str()).or_default().push(i);
            }
            by_kind.entry(r.record.kind).or_default().push(i);
        }
        Dataset { records, logs, root, by_id, by_project, by_kind }
    }

    pub fn get(&self, id: &Digest) -> Option<&'a VerifiedRecord> {
        self.by_id.get(id).map(|&i| &self.records[i])
    }

    /// Project codes present, in order.
    pub fn projects(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.by_project.keys().copied()
    }

    /// Records of one project, in bundle order.
    pub fn project(&self, code: &str) -> impl Iterator<Item = &'a VerifiedRecord> + '_ {
        self.by_project.get(code).into_iter().flatten().map(|&i| &self.records[i])
    }

    /// Records of one kind, in bundle order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &'a VerifiedRecord> + '_ {
        self.by_kind.get(&kind).into_iter().flatten().map(|&i| &self.records[i])
    }

    /// Bodies of one kind in one project, with their records.
    pub fn project_kind(&self, code: &str, kind: Kind) -> impl Iterator<Item = (&'a VerifiedRecord, &'a Body)> + '_ {
        self.project(code).filter(move |r| r.record.kind == kind).map(|r| (r, &r.record.body))
    }

    /// Can the absence of `kind` records up to `at` be relied on? Every log of every department
    /// that may sign `kind` must be complete to a signed head whose time is at or after `at`.
    pub fn completeness(&self, kind: Kind, at: Timestamp) -> Completeness {
        let departments: Vec<&str> =
            self.root.departments.iter().filter(|d| d.kinds.contains(&kind)).map(|d| d.id.as_str()).collect();
        let logs: Vec<&LogSummary> =
            self.logs.iter().filter(|l| departments.contains(&log_department(&l.log))).collect();
        let unproven: Vec<String> = logs
            .iter()
            .filter(|l| {
                !l.complete_to.as_ref().and_then(|c| Timestamp::parse(&c.time).ok()).is_some_and(|t| t.unix >= at.unix)
            })
            .map(|l| l.log.clone())
            .collect();
        if logs.is_empty() {
            Completeness::Unproven { logs: departments.iter().map(|d| format!("{d}/*")).collect() }
        } else if unproven.is_empty() {
            Completeness::Proven
        } else {
            Completeness::Unproven { logs: unproven }
        }
    }
}

/// Per-project view for the page (filled in by the checks engine).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectView {
    pub project: String,
}

pub fn project_views(data: &Dataset) -> Vec<ProjectView> {
    data.projects().map(|p| ProjectView { project: p.to_owned() }).collect()
}
