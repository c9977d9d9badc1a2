//! COST-04 合同价与中标价不一致: the contract amount differs from the winning bid (招标投标法 第46条:
//! the contract must follow the tender documents and the winning bid).

use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::award::Award;
use crate::kinds::contract::Contract;
use serde_json::json;

pub struct ContractDiffersFromAward;

static META: CheckMeta = CheckMeta {
    id: "COST-04",
    family: Family::Cost,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "合同价与中标价不一致", en: "Contract amount differs from the winning bid" },
    rule: Bilingual {
        zh: "备案合同价款与中标通知书的中标价不一致",
        en: "The filed contract amount differs from the winning price in the award notice",
    },
    source: "招标投标法 第46条",
    params: &[Param {
        name: "tolerance",
        default: 0.0,
        unit: "ratio",
        description: Bilingual {
            zh: "允许的差异比例（0 = 任何差异）",
            en: "difference tolerated (0 = any difference)",
        },
    }],
    needs_completeness: false,
};

impl Check for ContractDiffersFromAward {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let tolerance = settings.get("tolerance");
        for (c_r, c) in data.all::<Contract>() {
            let Some(tender) = &c.tender_id else { continue };
            let awards: Vec<_> = data.for_tender::<Award>(tender.as_str()).collect();
            // The award to this contractor; CONTRACT-02 reports a contract with someone else.
            let Some(&(a_r, a)) = awards.iter().rev().find(|(_, a)| a.winner == c.contractor).or(awards.last()) else {
                continue;
            };
            let contract = i128::from(c.amount_fen.get());
            let award = i128::from(a.price_fen.get());
            let diff = contract - award;
            if diff == 0
                || (!fmt::exceeds_by(contract, award, tolerance) && !fmt::exceeds_by(award, contract, tolerance))
            {
                continue;
            }
            let change = fmt::relative_change(contract, award).unwrap_or(f64::INFINITY);
            let project = c_r.record.project.as_deref();
            let f = out.report(
                project,
                about(
                    project,
                    format!(
                        "合同 {} 金额 {} 与中标价 {} 不一致（{}，{}）",
                        c.contract_no,
                        fmt::money(c.amount_fen),
                        fmt::money(a.price_fen),
                        fmt::delta(diff),
                        fmt::signed_percent(change)
                    ),
                    format!(
                        "contract {} amount {} differs from the winning bid {} ({}, {})",
                        c.contract_no,
                        fmt::money(c.amount_fen),
                        fmt::money(a.price_fen),
                        fmt::delta(diff),
                        fmt::signed_percent(change)
                    ),
                ),
                vec![Evidence::of(c_r, "contract"), Evidence::of(a_r, "award")],
                json!({
                    "contract_fen": c.amount_fen.get(),
                    "award_fen": a.price_fen.get(),
                    "difference_fen": diff as i64,
                    "difference_ratio": change,
                }),
            );
            f.tender = Some(tender.as_str().to_owned());
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
    fn fires_on_a_different_amount() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({"price_fen": 1_198_000_000_i64}));
        b.add(Kind::Contract, json!({"amount_fen": 1_240_000_000_i64}));
        let out = b.run(&ContractDiffersFromAward);
        let m = fired(&out, 1);
        assert!(
            m[0].contains("¥12,400,000.00") && m[0].contains("¥11,980,000.00") && m[0].contains("+3.5%"),
            "{}",
            m[0]
        );
        assert!(out.findings()[0].message.zh.contains("不一致"));
    }

    #[test]
    fn quiet_when_equal() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({}));
        b.add(Kind::Contract, json!({}));
        quiet(&b.run(&ContractDiffersFromAward));
    }

    #[test]
    fn a_tolerance_allows_small_differences() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({"price_fen": 1_000_000_000_i64}));
        b.add(Kind::Contract, json!({"amount_fen": 1_001_000_000_i64}));
        let mut cfg = crate::checks::CheckConfig::default();
        cfg.params.insert("COST-04".into(), [("tolerance".to_owned(), 0.01)].into_iter().collect());
        let settings = cfg.settings_for(&META).unwrap_or_else(|| CheckSettings::defaults(&META));
        quiet(&b.run_with(&ContractDiffersFromAward, settings));
        fired(&b.run(&ContractDiffersFromAward), 1);
    }
}
