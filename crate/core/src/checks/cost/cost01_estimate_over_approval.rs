//! COST-01 概算超估算: the preliminary design estimate (初步设计概算) exceeds the investment estimate
//! (估算) of the approved feasibility study by more than 10% without a new approval (政府投资条例 第12条).

use crate::checks::format::{self as fmt, about_project};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::approval::Approval;
use crate::kinds::design_estimate::DesignEstimate;
use crate::kinds::Kind;
use crate::order::SortedSet;
use serde_json::json;

pub struct EstimateOverApproval;

static META: CheckMeta = CheckMeta {
    id: "COST-01",
    family: Family::Cost,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "概算超估算", en: "Design estimate exceeds the approved estimate" },
    rule: Bilingual {
        zh: "初步设计概算超过批准的可行性研究报告投资估算 10% 以上，且未重新报批",
        en: "The preliminary design estimate exceeds the investment estimate of the approved feasibility study by more than 10% without a new approval",
    },
    source: "政府投资条例 第12条",
    params: &[Param {
        name: "ratio",
        default: 0.10,
        unit: "ratio",
        description: Bilingual { zh: "概算可超过估算的比例", en: "how far the design estimate may exceed the estimate" },
    }],
    needs_completeness: true,
};

impl Check for EstimateOverApproval {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = settings.get("ratio");
        for code in data.projects() {
            let approvals: Vec<_> = data.in_project::<Approval>(code).collect();
            let Some(&(first_r, first_a)) = approvals.iter().min_by_key(|(r, a)| (a.approval_date, r.record.time))
            else {
                continue;
            };
            let estimates: Vec<_> = data.in_project::<DesignEstimate>(code).collect();
            // A revised estimate (调整概算) replaces the one it names.
            let superseded: SortedSet<&str> =
                estimates.iter().filter_map(|(_, d)| d.supersedes_no.as_ref().map(|n| n.as_str())).collect();
            for &(de_r, de) in estimates.iter().filter(|(_, d)| !superseded.contains(d.approval_no.as_str())) {
                // The estimate in force when the design estimate was approved.
                let (base_r, base) = approvals
                    .iter()
                    .filter(|(_, a)| a.approval_date <= de.approval_date)
                    .max_by_key(|(r, a)| (a.approval_date, r.record.time))
                    .copied()
                    .unwrap_or((first_r, first_a));
                let value = i128::from(de.estimate_fen.get());
                if !fmt::exceeds_by(value, i128::from(base.estimate_fen.get()), limit) {
                    continue;
                }
                let reapproved = approvals.iter().any(|(_, a)| {
                    a.approval_date >= base.approval_date
                        && !fmt::exceeds_by(value, i128::from(a.estimate_fen.get()), limit)
                });
                if reapproved || !out.absence_proven(data, Some(code), Kind::Approval, de_r.record.time) {
                    continue;
                }
                let excess = fmt::relative_change(value, i128::from(base.estimate_fen.get())).unwrap_or(f64::INFINITY);
                out.report(
                    Some(code),
                    about_project(
                        code,
                        format!(
                            "初步设计概算 {}（{}）超过立项批复估算 {}（{}）{}，超过 {} 且未见重新审批",
                            fmt::money(de.estimate_fen),
                            de.approval_no,
                            fmt::money(base.estimate_fen),
                            base.approval_no,
                            fmt::percent(excess),
                            fmt::percent(limit)
                        ),
                        format!(
                            "the design estimate {} ({}) exceeds the approved investment estimate {} ({}) by {}, more than {}, and no re-approval is recorded",
                            fmt::money(de.estimate_fen),
                            de.approval_no,
                            fmt::money(base.estimate_fen),
                            base.approval_no,
                            fmt::percent(excess),
                            fmt::percent(limit)
                        ),
                    ),
                    vec![Evidence::of(de_r, "design_estimate"), Evidence::of(base_r, "approval")],
                    json!({
                        "design_estimate_fen": de.estimate_fen.get(),
                        "estimate_fen": base.estimate_fen.get(),
                        "excess_ratio": excess,
                        "threshold_ratio": limit,
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    #[test]
    fn fires_when_the_design_estimate_exceeds_the_estimate_by_more_than_10_percent() {
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({"estimate_fen": 1_000_000_000_i64}));
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 1_150_000_000_i64}));
        let out = b.run(&EstimateOverApproval);
        let m = fired(&out, 1);
        assert!(m[0].contains("¥11,500,000.00") && m[0].contains("¥10,000,000.00") && m[0].contains("15%"), "{}", m[0]);
        assert!(out.findings()[0].message.zh.starts_with("项目 2021-429005-48-01-000123："));
    }

    #[test]
    fn quiet_at_exactly_10_percent_or_after_a_reapproval() {
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({"estimate_fen": 1_000_000_000_i64}));
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 1_100_000_000_i64}));
        quiet(&b.run(&EstimateOverApproval));

        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({"estimate_fen": 1_000_000_000_i64, "approval_date": "2021-03-04"}));
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 1_300_000_000_i64}));
        b.add(
            Kind::Approval,
            json!({"estimate_fen": 1_250_000_000_i64, "approval_date": "2021-06-01", "approval_stage": "reapproval",
                   "approval_no": "潜发改审批〔2021〕40号", "supersedes_no": "潜发改审批〔2021〕12号"}),
        );
        quiet(&b.run(&EstimateOverApproval));
    }

    #[test]
    fn cannot_evaluate_without_complete_approval_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::Approval, json!({"estimate_fen": 1_000_000_000_i64}));
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 1_150_000_000_i64}));
        b.incomplete();
        cannot(&b.run(&EstimateOverApproval));
    }
}
