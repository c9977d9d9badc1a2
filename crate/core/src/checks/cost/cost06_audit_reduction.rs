//! COST-06 审减率过高: the audit cut the submitted settlement by more than 15% (审减率), a sign that
//! the settlement was inflated (audit practice).

use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::audit::Audit;
use serde_json::json;

pub struct AuditReduction;

static META: CheckMeta = CheckMeta {
    id: "COST-06",
    family: Family::Cost,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "审减率过高", en: "High audit reduction rate" },
    rule: Bilingual {
        zh: "审计审减率（送审金额与审定金额之差占送审金额的比例）超过 15%，结算可能虚高",
        en: "The audit reduction rate (submitted minus audited amount, over the submitted amount) exceeds 15%: the settlement may be inflated",
    },
    source: "审计实务 audit practice",
    params: &[Param {
        name: "ratio",
        default: 0.15,
        unit: "ratio",
        description: Bilingual { zh: "审减率上限", en: "highest reduction rate not flagged" },
    }],
    needs_completeness: false,
};

impl Check for AuditReduction {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = settings.get("ratio");
        for (r, a) in data.all::<Audit>() {
            let submitted = i128::from(a.submitted_amount_fen.get());
            let audited = i128::from(a.audited_amount_fen.get());
            let Some(rate) = fmt::ratio(submitted - audited, submitted) else { continue };
            if audited >= submitted || rate <= limit {
                continue;
            }
            let project = r.record.project.as_deref();
            out.report(
                project,
                about(
                    project,
                    format!(
                        "审计报告 {} 送审金额 {}，审定金额 {}，审减 {}，审减率 {} 超过 {}",
                        a.report_no,
                        fmt::money(a.submitted_amount_fen),
                        fmt::money(a.audited_amount_fen),
                        fmt::yuan(submitted - audited),
                        fmt::percent(rate),
                        fmt::percent(limit)
                    ),
                    format!(
                        "audit report {}: submitted {}, audited {}, cut by {}, a reduction rate of {} (above {})",
                        a.report_no,
                        fmt::money(a.submitted_amount_fen),
                        fmt::money(a.audited_amount_fen),
                        fmt::yuan(submitted - audited),
                        fmt::percent(rate),
                        fmt::percent(limit)
                    ),
                ),
                vec![Evidence::of(r, "audit")],
                json!({
                    "submitted_fen": a.submitted_amount_fen.get(),
                    "audited_fen": a.audited_amount_fen.get(),
                    "reduction_ratio": rate,
                    "threshold_ratio": limit,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::kinds::Kind;
    use serde_json::json;

    #[test]
    fn fires_above_15_percent() {
        let mut b = TestBundle::new();
        b.add(Kind::Audit, json!({"submitted_amount_fen": 1_000_000_000_i64, "audited_amount_fen": 800_000_000_i64}));
        let m = fired(&b.run(&AuditReduction), 1);
        assert!(m[0].contains("20%") && m[0].contains("¥2,000,000.00"), "{}", m[0]);
    }

    #[test]
    fn quiet_at_15_percent_and_on_the_example() {
        let mut b = TestBundle::new();
        b.add(Kind::Audit, json!({"submitted_amount_fen": 1_000_000_000_i64, "audited_amount_fen": 850_000_000_i64}));
        b.add(Kind::Audit, json!({}));
        b.add(Kind::Audit, json!({"submitted_amount_fen": 0, "audited_amount_fen": 0}));
        quiet(&b.run(&AuditReduction));
    }
}
