//! PROC-07 决算逾期: the final accounts (竣工财务决算) were prepared more than 3 months after
//! completion (9 months for large projects, the longest extension allowed), or not at all
//! (财建〔2016〕503号 第二条).

use crate::checks::format::{self as fmt, about_project, end_of_day};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::approval::Approval;
use crate::kinds::completion_acceptance::{AcceptanceResult, CompletionAcceptance};
use crate::kinds::design_estimate::DesignEstimate;
use crate::kinds::final_accounts::FinalAccounts;
use crate::kinds::Kind;
use crate::verify::VerifiedRecord;
use serde_json::json;

pub struct LateFinalAccounts;

static META: CheckMeta = CheckMeta {
    id: "PROC-07",
    family: Family::Procedure,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "竣工决算逾期", en: "Final accounts late or missing" },
    rule: Bilingual {
        zh: "项目竣工后 3 个月内（大型项目 9 个月内）未完成竣工财务决算",
        en: "The final accounts were not prepared within 3 months of completion (9 months for large projects)",
    },
    source: "财建〔2016〕503号",
    params: &[
        Param {
            name: "months",
            default: 3.0,
            unit: "months",
            description: Bilingual { zh: "竣工后编制决算的期限", en: "months allowed after completion" },
        },
        Param {
            name: "large_months",
            default: 9.0,
            unit: "months",
            description: Bilingual {
                zh: "大型项目的期限（含最长 6 个月延期）",
                en: "months allowed for large projects (with the longest extension)",
            },
        },
        Param {
            name: "large_fen",
            default: 5_000_000_000.0,
            unit: "fen",
            description: Bilingual {
                zh: "大型项目的概算（估算）下限（5000 万元）",
                en: "estimate from which a project counts as large (50,000,000 yuan)",
            },
        },
    ],
    needs_completeness: true,
};

impl Check for LateFinalAccounts {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        for code in data.projects() {
            let finals: Vec<_> = data.in_project::<FinalAccounts>(code).collect();
            let acceptance = data
                .in_project::<CompletionAcceptance>(code)
                .filter(|(_, a)| a.result == AcceptanceResult::Pass)
                .min_by_key(|(r, a)| (a.acceptance_date, r.record.time));
            let (completed, c_r): (_, Option<&VerifiedRecord>) = match acceptance {
                Some((r, a)) => (a.acceptance_date, Some(r)),
                None => match finals.iter().filter_map(|(_, f)| f.completion_date).min() {
                    Some(d) => (d, None),
                    None => continue,
                },
            };
            let size = data
                .in_project::<DesignEstimate>(code)
                .next_back()
                .map(|(_, d)| d.estimate_fen)
                .or_else(|| data.in_project::<Approval>(code).next_back().map(|(_, a)| a.estimate_fen));
            let large = size.is_some_and(|s| i128::from(s.get()) >= fmt::fen_param(settings.get("large_fen")));
            let months = settings.get(if large { "large_months" } else { "months" });
            let deadline = completed.add_months(fmt::whole(months) as i32);
            let first = finals.iter().min_by_key(|(r, f)| (f.report_date, r.record.time)).copied();
            let m = fmt::months(months);
            let (size_zh, size_en) = if large { ("大型项目", "a large project, ") } else { ("", "") };
            let (zh, en) = match first {
                Some((_, f)) if f.report_date <= deadline => continue,
                Some((_, f)) => (
                    format!("竣工决算 {} 才编报，超过{size_zh} {} 的期限（{deadline}）", f.report_date, m.zh),
                    format!(
                        "the final accounts came only on {}, after the {size_en}{} deadline ({deadline})",
                        f.report_date, m.en
                    ),
                ),
                None => {
                    if data.as_of_date().is_none_or(|today| today <= deadline)
                        || !out.absence_proven(data, Some(code), Kind::FinalAccounts, end_of_day(deadline))
                    {
                        continue;
                    }
                    (
                        format!("截至期限 {deadline}（{size_zh}{}）仍无竣工决算", m.zh),
                        format!("there are no final accounts by the deadline {deadline} ({size_en}{})", m.en),
                    )
                }
            };
            let mut evidence: Vec<Evidence> =
                c_r.map(|r| Evidence::of(r, "completion_acceptance")).into_iter().collect();
            evidence.extend(first.map(|(r, _)| Evidence::of(r, "final_accounts")));
            out.report(
                Some(code),
                about_project(code, format!("{completed} 竣工，{zh}"), format!("completed on {completed}, {en}")),
                evidence,
                json!({
                    "completion_date": completed.to_string(),
                    "final_accounts_date": first.map(|(_, f)| f.report_date.to_string()),
                    "deadline": deadline.to_string(),
                    "large_project": large,
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
    fn fires_after_three_months() {
        let mut b = TestBundle::new();
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::FinalAccounts, json!({"report_date": "2022-12-16"}));
        let m = fired(&b.run(&LateFinalAccounts), 1);
        assert!(m[0].contains("2022-12-15") && m[0].contains("3 months"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_the_deadline_and_for_large_projects_within_nine_months() {
        let mut b = TestBundle::new();
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::FinalAccounts, json!({"report_date": "2022-12-15"}));
        quiet(&b.run(&LateFinalAccounts));
        let mut b = TestBundle::new();
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 6_000_000_000_i64}));
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::FinalAccounts, json!({"report_date": "2023-06-01"}));
        quiet(&b.run(&LateFinalAccounts));
    }

    #[test]
    fn missing_final_accounts_need_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::CompletionAcceptance, json!({}));
        b.add(Kind::Audit, json!({}));
        fired(&b.run(&LateFinalAccounts), 1);
        b.incomplete();
        cannot(&b.run(&LateFinalAccounts));
    }
}
