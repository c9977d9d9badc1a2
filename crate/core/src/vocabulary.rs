//! The names the page shows for the core's identifiers — record kinds, check families, reasons in
//! the co-bidding graph, cost-chain stages and problem codes — exported once (`vocabulary()` in
//! the npm package, next to `catalogue()`), so the page never keeps a copy that drifts.

use crate::checks::bidding::graph::Reason;
use crate::checks::{Bilingual, Family};
use crate::kinds::Kind;
use crate::report::project_view::COST_STAGES;
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
        for list in [&v.kinds, &v.families, &v.graph_reasons, &v.cost_stages] {
            let mut ids: Vec<&str> = list.iter().map(|t| t.id).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "ids are unique");
            assert!(list.iter().all(|t| !t.zh.is_empty() && !t.en.is_empty()));
        }
    }
}
