//! FALSE-03 业绩不实: past performance (类似工程业绩) claimed by a bid cites a project that the records
//! do not show as completed by that firm, in that role, before the bid (招标投标法实施条例 第42条).

use crate::checks::format::{about, firm, project as project_name};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::bid::{Bid, PerformanceRole};
use crate::kinds::completion_acceptance::{AcceptanceResult, CompletionAcceptance};
use crate::kinds::contract::Contract;
use crate::kinds::{Kind, Uscc};
use crate::report::Message;
use serde_json::json;

pub struct PerformanceUnverified;

static META: CheckMeta = CheckMeta {
    id: "FALSE-03",
    family: Family::FalseBidding,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "业绩无法核实", en: "Claimed performance not in the records" },
    rule: Bilingual {
        zh: "投标申报的类似工程业绩所引用的项目，在记录中没有该单位以申报角色在投标前完成的竣工验收",
        en: "Claimed past performance cites a project that the records do not show as completed, before the bid, with the firm in the claimed role",
    },
    source: "招标投标法实施条例 第42条",
    params: &[],
    needs_completeness: true,
};

fn role_label(r: PerformanceRole) -> Message {
    match r {
        PerformanceRole::Contractor => Message::new("施工", "contractor"),
        PerformanceRole::Subcontractor => Message::new("专业分包", "subcontractor"),
        PerformanceRole::Designer => Message::new("设计", "designer"),
        PerformanceRole::Supervisor => Message::new("监理", "supervisor"),
        PerformanceRole::Surveyor => Message::new("勘察", "surveyor"),
    }
}

impl Check for PerformanceUnverified {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, b) in data.all::<Bid>() {
            let date = b.submitted_at.local_date();
            let here = r.record.project.as_deref();
            let ours: Vec<&Uscc> = std::iter::once(&b.bidder).chain(&b.consortium).collect();
            for claim in &b.claimed_performance {
                let x = claim.project_code.as_str();
                let accepted: Vec<_> = data
                    .in_project::<CompletionAcceptance>(x)
                    .filter(|(_, a)| a.result == AcceptanceResult::Pass)
                    .collect();
                let subcontracted = || {
                    data.in_project::<Contract>(x)
                        .any(|(_, c)| c.subcontracts.iter().any(|s| ours.contains(&&s.subcontractor)))
                };
                let in_role = |a: &CompletionAcceptance| match claim.role {
                    PerformanceRole::Contractor => a.contractors.iter().any(|c| ours.contains(&c)),
                    PerformanceRole::Designer => a.designer.as_ref().is_some_and(|u| ours.contains(&u)),
                    PerformanceRole::Supervisor => a.supervisor.as_ref().is_some_and(|u| ours.contains(&u)),
                    PerformanceRole::Surveyor => a.surveyor.as_ref().is_some_and(|u| ours.contains(&u)),
                    PerformanceRole::Subcontractor => {
                        a.contractors.iter().any(|c| ours.contains(&c)) || subcontracted()
                    }
                };
                let before: Vec<_> = accepted.iter().filter(|(_, a)| a.acceptance_date <= date).collect();
                if before.iter().any(|(_, a)| in_role(a)) {
                    continue;
                }
                let mut evidence = vec![Evidence::of(r, "bid")];
                let (zh, en, problem) = if let Some((ar, a)) = accepted.iter().find(|(_, a)| in_role(a)) {
                    evidence.push(Evidence::of(ar, "completion_acceptance"));
                    (
                        format!("该项目 {} 才竣工验收，晚于投标日", a.acceptance_date),
                        format!("that project was accepted as complete only on {}, after the bid", a.acceptance_date),
                        "completed_after_bid",
                    )
                } else if let Some((ar, _)) = before.first() {
                    evidence.push(Evidence::of(ar, "completion_acceptance"));
                    (
                        "该项目竣工验收记录中没有该单位".to_owned(),
                        "the project's completion acceptance does not list the firm".to_owned(),
                        "firm_not_listed",
                    )
                } else {
                    // A project the bundle knows nothing of may simply predate the records.
                    let unknown = data.project(x).next().is_none();
                    let since = data.since_date();
                    let predates = match claim.completed_date {
                        Some(d) => since.is_some_and(|s| d < s),
                        None => since.is_some_and(|s| i32::from(claim.project_code.year()) < s.ymd().0),
                    };
                    if unknown && predates {
                        out.cannot_evaluate(
                            here,
                            Message::new(
                                format!("无法评估：所引业绩项目 {x} 早于记录的起始时间，记录中没有该项目"),
                                format!("cannot evaluate: the cited project {x} predates the records, which hold nothing of it"),
                            ),
                        );
                        continue;
                    }
                    if !out.absence_proven(data, here, Kind::CompletionAcceptance, r.record.time) {
                        continue;
                    }
                    (
                        "记录中没有该项目的竣工验收".to_owned(),
                        "the records hold no completion acceptance of that project".to_owned(),
                        "no_acceptance",
                    )
                };
                let who = firm(data, &b.bidder);
                let role = role_label(claim.role);
                let cited = project_name(data, x);
                let f = out.report(
                    here,
                    about(
                        here,
                        format!("标段 {} 中 {} 申报的类似工程业绩 {}（{}）无法核实：{zh}", b.tender_id, who.zh, cited.zh, role.zh),
                        format!(
                            "in tender {}, {} claims past performance on project {} as {}, which the records do not bear out: {en}",
                            b.tender_id, who.en, cited.en, role.en
                        ),
                    ),
                    evidence,
                    json!({"bidder": b.bidder.as_str(), "claimed_project": x, "role": claim.role.as_str(), "bid_date": date.to_string(), "problem": problem}),
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

    const OLD: &str = "2018-429005-48-01-000045";

    #[test]
    fn fires_when_the_acceptance_lists_another_contractor() {
        let mut b = TestBundle::new();
        b.add_in(
            Kind::CompletionAcceptance,
            Some(OLD),
            None,
            json!({"acceptance_date": "2019-10-01", "contractors": [BIDDER_B]}),
        );
        b.add(Kind::Bid, json!({}));
        let m = fired(&b.run(&PerformanceUnverified), 1);
        assert!(m[0].contains(OLD) && m[0].contains("does not list"), "{}", m[0]);
    }

    #[test]
    fn quiet_when_the_firm_completed_it_before_the_bid() {
        let mut b = TestBundle::new();
        b.add_in(Kind::CompletionAcceptance, Some(OLD), None, json!({"acceptance_date": "2019-10-01"}));
        b.add(Kind::Bid, json!({}));
        quiet(&b.run(&PerformanceUnverified));
    }

    #[test]
    fn a_project_without_acceptance_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add_in(Kind::Approval, Some(OLD), None, json!({"approval_date": "2018-03-01"}));
        b.add(Kind::Bid, json!({}));
        let m = fired(&b.run(&PerformanceUnverified), 1);
        assert!(m[0].contains("no completion acceptance"), "{}", m[0]);
        b.incomplete();
        cannot(&b.run(&PerformanceUnverified));
    }

    #[test]
    fn a_cited_project_older_than_the_records_cannot_be_evaluated() {
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({}));
        b.add(Kind::Bid, json!({}));
        cannot(&b.run(&PerformanceUnverified));
        // A fabricated project code from the years the records cover is a finding.
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({}));
        b.add(
            Kind::Bid,
            json!({"claimed_performance": [{"project_code": "2021-429005-48-01-000999", "role": "contractor"}]}),
        );
        fired(&b.run(&PerformanceUnverified), 1);
    }
}
