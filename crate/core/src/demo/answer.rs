//! The answer key: every injected case with the check that must find it, and the clean projects.

use serde_json::{json, Value};
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub struct AnswerCase {
    pub check: &'static str,
    pub project: String,
    pub tender: Option<String>,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Default)]
pub struct Answers {
    pub cases: Vec<AnswerCase>,
    /// Projects touched by an injected case without being its subject (e.g. the project a busy
    /// project manager is already running): never listed as clean.
    pub involved: BTreeSet<String>,
}

impl Answers {
    pub fn add(&mut self, check: &'static str, project: &str, tender: Option<&str>, zh: String, en: String) {
        self.cases.push(AnswerCase { check, project: project.to_owned(), tender: tender.map(str::to_owned), zh, en });
    }

    /// The answer key JSON. `projects` are all project codes; `high` says whether a check id is of
    /// high severity (unknown checks count as high, so a project is never wrongly called clean).
    pub fn to_json(&self, seed: u64, projects: &[String], high: impl Fn(&str) -> bool, stats: Value) -> Value {
        let dirty: BTreeSet<&str> = self
            .cases
            .iter()
            .filter(|c| high(c.check))
            .map(|c| c.project.as_str())
            .chain(self.involved.iter().map(String::as_str))
            .collect();
        let clean: Vec<&String> = projects.iter().filter(|p| !dirty.contains(p.as_str())).collect();
        let mut cases: Vec<&AnswerCase> = self.cases.iter().collect();
        cases.sort_by(|a, b| (a.check, &a.project, &a.tender).cmp(&(b.check, &b.project, &b.tender)));
        json!({
            "seed": seed,
            "federation": super::city::FEDERATION,
            "cases": cases.iter().map(|c| {
                let mut v = json!({"check": c.check, "project": c.project, "why": {"zh": c.zh, "en": c.en}});
                if let (Some(t), Some(o)) = (&c.tender, v.as_object_mut()) {
                    o.insert("tender".into(), t.clone().into());
                }
                v
            }).collect::<Vec<_>>(),
            "clean_projects": clean,
            "stats": stats,
        })
    }
}
