//! COST-02 预算超概算: the tender's ceiling price (最高投标限价/控制价) or budget (施工图预算)
//! exceeds the approved design estimate (概算) (政府投资条例 第23条; GB 50500-2013).

use crate::checks::format::{self as fmt, about_project};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::design_estimate::DesignEstimate;
use crate::kinds::tender::{Category, Tender};
use crate::kinds::Fen;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct CeilingOverEstimate;

static META: CheckMeta = CheckMeta {
    id: "COST-02",
    family: Family::Cost,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "预算超概算", en: "Ceiling price exceeds the design estimate" },
    rule: Bilingual {
        zh: "招标控制价或施工图预算超过批准的初步设计概算（有建筑安装工程费时与之比较）",
        en: "The ceiling price or budget of the project's tenders exceeds the approved design estimate (its works part when stated)",
    },
    source: "政府投资条例 第23条; GB 50500-2013",
    params: &[Param {
        name: "ratio",
        default: 0.0,
        unit: "ratio",
        description: Bilingual { zh: "控制价可超过概算的比例", en: "how far the ceiling price may exceed the estimate" },
    }],
    needs_completeness: false,
};

impl Check for CeilingOverEstimate {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = settings.get("ratio");
        for code in data.projects() {
            let Some((de_r, de)) =
                data.in_project::<DesignEstimate>(code).max_by_key(|(r, d)| (d.approval_date, r.record.time))
            else {
                continue;
            };
            // The last record of each tender counts (a republished tender replaces the first).
            let mut tenders: BTreeMap<&str, (&VerifiedRecord, &Tender)> = BTreeMap::new();
            for (r, t) in data.in_project::<Tender>(code) {
                tenders.insert(t.tender_id.as_str(), (r, t));
            }
            // With a stated works part (建筑安装工程费) only works tenders are compared with it.
            let (base, basis_zh, basis_en, chosen): (Fen, &str, &str, Vec<_>) = match de.construction_cost_fen {
                Some(works) => (
                    works,
                    "概算中的建筑安装工程费",
                    "the works part of the design estimate",
                    tenders.values().filter(|(_, t)| t.category == Category::Works).copied().collect(),
                ),
                None => {
                    (de.estimate_fen, "批准概算", "the approved design estimate", tenders.values().copied().collect())
                }
            };
            if chosen.is_empty() {
                continue;
            }
            let ceilings: i128 = chosen.iter().map(|(_, t)| i128::from(t.ceiling_price_fen.get())).sum();
            let budgets: i128 = chosen.iter().filter_map(|(_, t)| t.budget_fen).map(|b| i128::from(b.get())).sum();
            let base_fen = i128::from(base.get());
            let (amount, what_zh, what_en) = if fmt::exceeds_by(ceilings, base_fen, limit) {
                (ceilings, "最高投标限价", "ceiling price")
            } else if fmt::exceeds_by(budgets, base_fen, limit) {
                (budgets, "施工图预算", "budget")
            } else {
                continue;
            };
            let (lots_zh, lots_en) = if chosen.len() == 1 {
                (format!("标段 {} 的", chosen[0].1.tender_id), format!("of tender {}", chosen[0].1.tender_id))
            } else {
                (format!("{} 个标段合计", chosen.len()), format!("of {} tenders together", chosen.len()))
            };
            let excess = fmt::relative_change(amount, base_fen).unwrap_or(f64::INFINITY);
            let mut evidence: Vec<Evidence> = chosen.iter().map(|(r, _)| Evidence::of(r, "tender")).collect();
            evidence.push(Evidence::of(de_r, "design_estimate"));
            let f = out.report(
                Some(code),
                about_project(
                    code,
                    format!(
                        "{lots_zh}{what_zh} {} 超过{basis_zh} {}（{}，{}）",
                        fmt::yuan(amount),
                        fmt::money(base),
                        de.approval_no,
                        fmt::signed_percent(excess)
                    ),
                    format!(
                        "the {what_en} {lots_en}, {}, exceeds {basis_en}, {} ({}), by {}",
                        fmt::yuan(amount),
                        fmt::money(base),
                        de.approval_no,
                        fmt::percent(excess)
                    ),
                ),
                evidence,
                json!({
                    "amount_fen": amount as i64,
                    "compared": if what_en == "budget" { "budget" } else { "ceiling" },
                    "estimate_fen": base.get(),
                    "basis": if de.construction_cost_fen.is_some() { "construction_cost" } else { "total_estimate" },
                    "excess_ratio": excess,
                    "threshold_ratio": limit,
                }),
            );
            if chosen.len() == 1 {
                f.tender = Some(chosen[0].1.tender_id.as_str().to_owned());
            }
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
    fn fires_when_the_ceiling_exceeds_the_works_part_of_the_estimate() {
        let mut b = TestBundle::new();
        b.add(Kind::DesignEstimate, json!({"construction_cost_fen": 1_000_000_000_i64}));
        b.add(Kind::Tender, json!({"ceiling_price_fen": 1_050_000_000_i64}));
        let out = b.run(&CeilingOverEstimate);
        let m = fired(&out, 1);
        assert!(m[0].contains("¥10,500,000.00") && m[0].contains("¥10,000,000.00") && m[0].contains("5%"), "{}", m[0]);
        assert_eq!(out.findings()[0].tender.as_deref(), Some(TENDER));
    }

    #[test]
    fn quiet_when_equal() {
        let mut b = TestBundle::new();
        b.add(Kind::DesignEstimate, json!({"construction_cost_fen": 1_100_000_000_i64}));
        b.add(Kind::Tender, json!({"ceiling_price_fen": 1_100_000_000_i64}));
        quiet(&b.run(&CeilingOverEstimate));
    }

    #[test]
    fn compares_the_total_estimate_when_no_works_part_is_stated() {
        let mut b = TestBundle::new();
        b.add(Kind::DesignEstimate, json!({"construction_cost_fen": null, "estimate_fen": 1_000_000_000_i64}));
        b.add(Kind::Tender, json!({"ceiling_price_fen": 900_000_000_i64, "budget_fen": 1_000_000_001_i64}));
        let m = fired(&b.run(&CeilingOverEstimate), 1);
        assert!(m[0].contains("budget"), "{}", m[0]);
    }
}
