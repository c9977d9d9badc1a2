//! The names the page shows for the core's identifiers — record kinds, check families, reasons in
//! the co-bidding graph, cost-chain stages and problem codes — exported once (`vocabulary()` in
//! the npm package, next to `catalogue()`), so the page never keeps a copy that drifts.

use crate::checks::bidding::graph::Reason;
use crate::checks::{Bilingual, Family};
use crate::kinds::problem::{ProblemCategory, Severity as ProblemSeverity};
use crate::kinds::rectification_review::ReviewDecision;
use crate::kinds::supervision_task::TaskMode;
use crate::kinds::Kind;
use crate::report::project_view::COST_STAGES;
use crate::report::supervision_board::ProblemStatus;
use crate::report::{Code, Severity};
use serde::Serialize;

/// One identifier and its names.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A problem code with its severity and meaning.
#[derive(Debug, Clone, Serialize)]
pub struct CodeTerm {
    pub id: &'static str,
    pub severity: Severity,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Every vocabulary, each in its canonical order.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    /// Record kinds in lifecycle order (`approval` → 立项).
    pub kinds: Vec<Term>,
    /// Check families (`cost` → 造价).
    pub families: Vec<Term>,
    /// Why two firms are linked in the co-bidding graph (`shared_person` → 同一人员).
    pub graph_reasons: Vec<Term>,
    /// Stages of the cost chain (`estimate` → 估算 … `audited` → 审定).
    pub cost_stages: Vec<Term>,
    /// Problem codes of the verifier (`SIGNATURE_INVALID` → 签名无效).
    pub codes: Vec<CodeTerm>,
    /// Where a supervision problem stands on the board (`overdue` → 逾期未整改).
    pub problem_statuses: Vec<Term>,
    /// Problem categories (`contract` → 合同签订).
    pub problem_categories: Vec<Term>,
    /// Problem severities (`high` → 严重).
    pub problem_severities: Vec<Term>,
    /// A review's decision (`reopened` → 重新整改).
    pub review_decisions: Vec<Term>,
    /// Joint task or joint case (`case` → 案件联办).
    pub task_modes: Vec<Term>,
}

fn term(id: &'static str, name: Bilingual) -> Term {
    Term { id, zh: name.zh, en: name.en }
}

/// The vocabularies.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        kinds: Kind::ALL.iter().map(|k| Term { id: k.as_str(), zh: k.title_zh(), en: k.title_en() }).collect(),
        families: Family::ALL.iter().map(|f| term(f.as_str(), f.name())).collect(),
        graph_reasons: Reason::ALL
            .iter()
            .map(|r| {
                let (id, name) = r.name();
                term(id, name)
            })
            .collect(),
        cost_stages: COST_STAGES.iter().map(|(id, name)| term(id, *name)).collect(),
        codes: Code::ALL
            .iter()
            .map(|c| {
                let (zh, en) = c.meaning();
                CodeTerm { id: c.as_str(), severity: c.severity(), zh, en }
            })
            .collect(),
        problem_statuses: ProblemStatus::ALL.iter().map(|s| term(s.as_str(), s.name())).collect(),
        problem_categories: ProblemCategory::ALL.iter().map(|c| term(c.as_str(), c.name())).collect(),
        problem_severities: ProblemSeverity::ALL.iter().map(|c| term(c.as_str(), c.name())).collect(),
        review_decisions: vec![
            term(ReviewDecision::Confirmed.as_str(), Bilingual { zh: "确认整改到位", en: "confirmed" }),
            term(ReviewDecision::Reopened.as_str(), Bilingual { zh: "重新整改", en: "reopened" }),
        ],
        task_modes: vec![
            term(TaskMode::Task.as_str(), Bilingual { zh: "联合监管任务", en: "joint supervision task" }),
            term(TaskMode::Case.as_str(), Bilingual { zh: "案件联办", en: "joint case" }),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids are the wire names the report uses, so the page can look every one of them up.
    #[test]
    fn ids_are_the_wire_names() {
        let v = vocabulary();
        for f in Family::ALL {
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
        for r in Reason::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.name().0);
        }
        assert_eq!(v.kinds.len(), Kind::ALL.len());
        assert_eq!(v.codes.len(), Code::ALL.len());
        assert_eq!(v.cost_stages.first().map(|t| t.id), Some("estimate"));
        assert_eq!(v.review_decisions.len(), ReviewDecision::ALL.len());
        assert_eq!(v.task_modes.len(), TaskMode::ALL.len());
        for s in ProblemStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for list in
            [&v.kinds, &v.families, &v.graph_reasons, &v.cost_stages, &v.problem_statuses, &v.problem_categories]
        {
            let mut ids: Vec<&str> = list.iter().map(|t| t.id).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "ids are unique");
            assert!(list.iter().all(|t| !t.zh.is_empty() && !t.en.is_empty()));
        }
    }
}
