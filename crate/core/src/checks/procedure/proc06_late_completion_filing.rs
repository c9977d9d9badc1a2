//! PROC-06 竣工备案逾期: the completion filing (竣工验收备案) came more than 15 days after the
//! completion acceptance, or never (建设工程质量管理条例 第49条).

use crate::checks::format::{self as fmt, about_project, end_of_day};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::completion_acceptance::{AcceptanceResult, CompletionAcceptance};
use crate::kinds::completion_filing::CompletionFiling;
use crate::kinds::Kind;
use serde_json::json;

pub struct LateCompletionFiling;

static META: CheckMeta = CheckMeta {
    id: "PROC-06",
    family: Family::Procedure,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "竣工验收备案逾期", en: "Completion filing late or missing" },
    rule: Bilingual {
        zh: "竣工验收合格之日起 15 日内未办理竣工验收备案",
        en: "The completion acceptance was not filed within 15 days",
    },
    source: "建设工程质量管理条例 第49条",
    params: &[Param {
        name: "days",
        default: 15.0,
        unit: "days",
        description: Bilingual { zh: "验收后备案期限", en: "days allowed between acceptance and filing" },
    }],
    needs_completeness: true,
};

impl Check for LateCompletionFiling {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = fmt::whole(settings.get("days"));
        for code in data.projects() {
            let Some((a_r, a)) = data
                .in_project::<CompletionAcceptance>(code)
                .filter(|(_, a)| a.result == AcceptanceResult::Pass)
                .min_by_key(|(r, a)| (a.acceptance_date, r.record.time))
            else {
                continue;
            };
            let deadline = fmt::add_days(a.acceptance_date, limit);
            let filing = data.in_project::<CompletionFiling>(code).min_by_key(|(r, f)| (f.filing_date, r.record.time));
            let l = fmt::days(limit);
            let (zh, en, days) = match filing {
                Some((_, f)) if f.filing_date <= deadline => continue,
                Some((_, f)) => {
                    let days = fmt::days_between(a.acceptance_date, f.filing_date);
                    let d = fmt::days(days);
                    (
                        format!(
                            "竣工验收备案 {} 于 {} 办理，晚了 {}（应在 {} 内）",
                            f.filing_no, f.filing_date, d.zh, l.zh
                        ),
                        format!(
                            "filed as {} on {}, {} later (within {} required)",
                            f.filing_no, f.filing_date, d.en, l.en
                        ),
                        Some(days),
                    )
                }
                None => {
                    // Not yet due on the data's own "today".
                    if data.as_of_date().is_none_or(|today| today <= deadline)
                        || !out.absence_proven(data, Some(code), Kind::CompletionFiling, end_of_day(deadline))
                    {
                        continue;
                    }
                    (
                        format!("截至 {deadline}（{} 期限）仍无竣工验收备案", l.zh),
                        format!("no completion filing by {deadline} ({} later)", l.en),
                        None,
                    )
                }
            };
            let mut evidence = vec![Evidence::of(a_r, "completion_acceptance")];
            evidence.extend(filing.map(|(r, _)| Evidence::of(r, "completion_filing")));
            out.report(
                Some(code),
                about_project(
                    code,
                    format!("{} 竣工验收合格，{zh}", a.acceptance_date),
                    format!("completion was accepted on {}, but {en}", a.acceptance_date),
                ),
                evidence,
                json!({
                    "acceptance_date": a.acceptance_date.to_string(),
                    "filing_date": filing.map(|(_, f)| f.filing_date.to_string()),
                    "days": days,
                    "limit_days": limit,
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
    fn fires_on_day_16() {
        let mut b = TestBundle::new();
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::CompletionFiling, json!({"filing_date": "2022-10-01"}));
        let m = fired(&b.run(&LateCompletionFiling), 1);
        assert!(m[0].contains("16 days later"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_day_15_and_before_the_deadline() {
        let mut b = TestBundle::new();
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::CompletionFiling, json!({"filing_date": "2022-09-30"}));
        quiet(&b.run(&LateCompletionFiling));
        // No filing yet, but the data ends before the deadline.
        let mut b = TestBundle::new();
        b.complete_to("2022-09-20T00:00:00+08:00");
        b.add(Kind::CompletionAcceptance, json!({}));
        quiet(&b.run(&LateCompletionFiling));
    }

    #[test]
    fn a_missing_filing_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::Audit, json!({}));
        let m = fired(&b.run(&LateCompletionFiling), 1);
        assert!(m[0].contains("no completion filing by 2022-09-30"), "{}", m[0]);
        b.incomplete();
        cannot(&b.run(&LateCompletionFiling));
    }
}
