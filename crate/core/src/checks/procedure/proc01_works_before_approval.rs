//! PROC-01 未批先建: a contract, the start of works or a payment dates from before the project
//! approval (立项), or there is no approval at all (政府投资条例 第9–11条, 第34条).

use crate::checks::format::{about_project, kind as kind_title};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::approval::Approval;
use crate::kinds::Kind;
use crate::time::Date;
use crate::verify::VerifiedRecord;
use serde_json::json;

pub struct WorksBeforeApproval;

static META: CheckMeta = CheckMeta {
    id: "PROC-01",
    family: Family::Procedure,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "未批先建", en: "Works before project approval" },
    rule: Bilingual {
        zh: "合同签订、开工或资金拨付早于项目立项批复，或没有立项批复",
        en: "A contract, the start of works or a payment predates the project approval, or there is no approval",
    },
    source: "政府投资条例 第9–11条, 第34条",
    params: &[],
    needs_completeness: true,
};

/// The dated events that need an approval first, in date order.
pub(crate) fn works_events<'a>(data: &Dataset<'a>, code: &str) -> Vec<(&'a VerifiedRecord, Date)> {
    let mut v: Vec<(&VerifiedRecord, Date)> = data
        .project(code)
        .filter(|r| matches!(r.record.kind, Kind::Contract | Kind::WorksStart | Kind::Payment))
        .map(|r| (r, r.record.body.event_date()))
        .collect();
    crate::order::sort_by_key(&mut v, |(r, d)| (*d, r.record.time));
    v
}

/// "合同备案 2021-09-01、开工 2021-09-20" / "contract filing 2021-09-01, start of works 2021-09-20" (at most three).
pub(crate) fn list_events(events: &[(&VerifiedRecord, Date)]) -> (String, String) {
    let shown: Vec<_> = events.iter().take(3).collect();
    let zh: Vec<String> = shown.iter().map(|(r, d)| format!("{} {d}", kind_title(r.record.kind).zh)).collect();
    let en: Vec<String> =
        shown.iter().map(|(r, d)| format!("{} {d}", kind_title(r.record.kind).en.to_ascii_lowercase())).collect();
    let more = events.len().saturating_sub(3);
    let (mz, me) = if more > 0 {
        (format!(" 等 {} 项", events.len()), format!(" and {more} more"))
    } else {
        (String::new(), String::new())
    };
    (format!("{}{mz}", zh.join("、")), format!("{}{me}", en.join(", ")))
}

impl Check for WorksBeforeApproval {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for code in data.projects() {
            let events = works_events(data, code);
            let Some(&(first_r, _)) = events.first() else { continue };
            let approval = data.in_project::<Approval>(code).min_by_key(|(r, a)| (a.approval_date, r.record.time));
            let (early, zh, en, approval_date) = match approval {
                Some((_, a)) => {
                    let early: Vec<_> = events.iter().copied().filter(|(_, d)| *d < a.approval_date).collect();
                    if early.is_empty() {
                        continue;
                    }
                    (
                        early,
                        format!("早于立项批复（{}，{}）", a.approval_no, a.approval_date),
                        format!("before the project approval ({}, {})", a.approval_no, a.approval_date),
                        Some(a.approval_date),
                    )
                }
                None => {
                    if !out.absence_proven(data, Some(code), Kind::Approval, first_r.record.time) {
                        continue;
                    }
                    (
                        events.clone(),
                        "记录中没有立项批复".to_owned(),
                        "and the records hold no project approval".to_owned(),
                        None,
                    )
                }
            };
            let (list_zh, list_en) = list_events(&early);
            let mut evidence: Vec<Evidence> = early.iter().take(10).map(|(r, _)| Evidence::of(r, "works")).collect();
            if let Some((r, _)) = approval {
                evidence.push(Evidence::of(r, "approval"));
            }
            out.report(
                Some(code),
                about_project(code, format!("{list_zh}，{zh}"), format!("{list_en} happened {en}")),
                evidence,
                json!({
                    "first_event": early.first().map(|(r, d)| json!({"kind": r.record.kind.as_str(), "date": d.to_string()})),
                    "events_before": early.len(),
                    "approval_date": approval_date.map(|d| d.to_string()),
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    #[test]
    fn fires_when_the_contract_predates_the_approval() {
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({"approval_date": "2021-09-02"}));
        b.add(Kind::Contract, json!({}));
        let m = fired(&b.run(&WorksBeforeApproval), 1);
        assert!(m[0].contains("contract filing 2021-09-01") && m[0].contains("2021-09-02"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_the_same_day() {
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({"approval_date": "2021-09-01"}));
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Payment, json!({}));
        quiet(&b.run(&WorksBeforeApproval));
    }

    #[test]
    fn no_approval_fires_only_on_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::WorksStart, json!({}));
        let m = fired(&b.run(&WorksBeforeApproval), 1);
        assert!(m[0].contains("no project approval"), "{}", m[0]);
        b.incomplete();
        cannot(&b.run(&WorksBeforeApproval));
    }
}
