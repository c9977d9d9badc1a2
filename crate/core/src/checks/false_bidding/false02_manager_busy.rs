//! FALSE-02 项目经理在建: the project manager (项目经理) a bid proposes is already managing another
//! project under construction on the bid date (招标投标法实施条例 第42条; a registered constructor may
//! not lead two projects at once, 注册建造师管理规定 第21条).

use crate::checks::format::{about, end_of_day, firm, project as project_name};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;
use crate::kinds::completion_acceptance::{AcceptanceResult, CompletionAcceptance};
use crate::kinds::works_start::WorksStart;
use crate::kinds::Kind;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct ManagerBusy;

static META: CheckMeta = CheckMeta {
    id: "FALSE-02",
    family: Family::FalseBidding,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "拟派项目经理有在建项目", en: "Proposed project manager busy elsewhere" },
    rule: Bilingual {
        zh: "投标拟派的项目经理在投标日仍担任另一个已开工、未竣工验收项目的项目经理",
        en: "The project manager proposed by a bid is, on the bid date, the manager of another project that has started and not passed completion acceptance",
    },
    source: "招标投标法实施条例 第42条; 注册建造师管理规定 第21条",
    params: &[],
    needs_completeness: true,
};

impl Check for ManagerBusy {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, b) in data.all::<Bid>() {
            let date = b.submitted_at.local_date();
            let here = r.record.project.as_deref();
            // Other projects where this person is the manager (contract, permit or award).
            let mut elsewhere: BTreeMap<&str, &VerifiedRecord> = BTreeMap::new();
            for m in data.managed_by(b.project_manager.as_str()) {
                let assigned = matches!(m.record.kind, Kind::Contract | Kind::ConstructionPermit | Kind::Award);
                if let Some(q) = m.record.project.as_deref().filter(|q| assigned && Some(*q) != here) {
                    if m.record.body.event_date() <= date {
                        elsewhere.entry(q).or_insert(m);
                    }
                }
            }
            for (q, assignment) in elsewhere {
                let Some((s_r, start)) = data.in_project::<WorksStart>(q).find(|(_, s)| s.start_date <= date) else {
                    continue;
                };
                let accepted: Vec<_> = data
                    .in_project::<CompletionAcceptance>(q)
                    .filter(|(_, a)| a.result == AcceptanceResult::Pass)
                    .collect();
                if accepted.iter().any(|(_, a)| a.acceptance_date <= date) {
                    continue;
                }
                let later = accepted.first().copied();
                if later.is_none() && !out.absence_proven(data, here, Kind::CompletionAcceptance, end_of_day(date)) {
                    continue;
                }
                let (end_zh, end_en) = match later {
                    Some((_, a)) => (
                        format!("至 {} 才竣工验收", a.acceptance_date),
                        format!("accepted only on {}", a.acceptance_date),
                    ),
                    None => ("尚未竣工验收".to_owned(), "not yet accepted as complete".to_owned()),
                };
                let who = firm(data, &b.bidder);
                let other = project_name(data, q);
                let mut evidence = vec![
                    Evidence::of(r, "bid"),
                    Evidence::of(assignment, "assignment"),
                    Evidence::of(s_r, "works_start"),
                ];
                evidence.extend(later.map(|(ar, _)| Evidence::of(ar, "completion_acceptance")));
                let f = out.report(
                    here,
                    about(
                        here,
                        format!(
                            "标段 {} 中 {} 拟派项目经理 {}，投标日 {date} 该人员仍是在建项目 {} 的项目经理（{} 开工，{end_zh}）",
                            b.tender_id, who.zh, b.project_manager, other.zh, start.start_date
                        ),
                        format!(
                            "in tender {}, {} proposes project manager {}, who on the bid date {date} still managed project {} under construction (started {}, {end_en})",
                            b.tender_id, who.en, b.project_manager, other.en, start.start_date
                        ),
                    ),
                    evidence,
                    json!({
                        "bidder": b.bidder.as_str(),
                        "person": b.project_manager.as_str(),
                        "bid_date": date.to_string(),
                        "other_project": q,
                        "other_start": start.start_date.to_string(),
                        "other_accepted": later.map(|(_, a)| a.acceptance_date.to_string()),
                    }),
                );
                f.tender = Some(b.tender_id.as_str().to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    /// Project P2 managed by PM since 2021-03, started 2021-04.
    fn busy(b: &mut TestBundle) {
        b.add_in(
            Kind::Contract,
            Some(P2),
            None,
            json!({"contract_no": "OTHER-1", "tender_id": "OTHER-T", "signing_date": "2021-03-01", "filing_date": "2021-03-05",
                   "period_start": "2021-04-01", "period_end": "2022-04-01"}),
        );
        b.add_in(Kind::WorksStart, Some(P2), None, json!({"start_date": "2021-04-01", "contract_no": "OTHER-1"}));
    }

    #[test]
    fn fires_while_the_other_project_is_under_construction() {
        let mut b = TestBundle::new();
        busy(&mut b);
        b.add_in(Kind::CompletionAcceptance, Some(P2), None, json!({"acceptance_date": "2021-12-01"}));
        b.add(Kind::Bid, json!({}));
        let m = fired(&b.run(&ManagerBusy), 1);
        assert!(m[0].contains(PM) && m[0].contains(P2) && m[0].contains("2021-12-01"), "{}", m[0]);
    }

    #[test]
    fn quiet_when_the_other_project_was_accepted_before_the_bid() {
        let mut b = TestBundle::new();
        busy(&mut b);
        b.add_in(Kind::CompletionAcceptance, Some(P2), None, json!({"acceptance_date": "2021-08-09"}));
        b.add(Kind::Bid, json!({}));
        quiet(&b.run(&ManagerBusy));
    }

    #[test]
    fn without_any_acceptance_it_needs_complete_logs() {
        let mut b = TestBundle::new();
        busy(&mut b);
        b.add(Kind::Bid, json!({}));
        fired(&b.run(&ManagerBusy), 1);
        b.incomplete();
        cannot(&b.run(&ManagerBusy));
    }
}
