//! PAY-04 预付款比例异常: advance payments (预付款) under a contract are outside 10%–30% of the
//! contract amount (财建〔2004〕369号 第12条).

use super::common::contracts_with_payments;
use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::payment::PaymentType;
use serde_json::json;

pub struct AdvanceOutOfRange;

static META: CheckMeta = CheckMeta {
    id: "PAY-04",
    family: Family::Payment,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "预付款比例超出 10%–30%", en: "Advance payment outside 10–30%" },
    rule: Bilingual {
        zh: "合同预付款合计低于合同金额的 10% 或高于 30%",
        en: "Advance payments under a contract total less than 10% or more than 30% of the contract amount",
    },
    source: "财建〔2004〕369号 第12条",
    params: &[
        Param {
            name: "min",
            default: 0.10,
            unit: "ratio",
            description: Bilingual { zh: "预付款比例下限", en: "lowest advance share" },
        },
        Param {
            name: "max",
            default: 0.30,
            unit: "ratio",
            description: Bilingual { zh: "预付款比例上限", en: "highest advance share" },
        },
    ],
    needs_completeness: false,
};

impl Check for AdvanceOutOfRange {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let (min, max) = (settings.get("min"), settings.get("max"));
        for cp in contracts_with_payments(data) {
            let advances: Vec<_> = cp.payments.iter().filter(|(_, p)| p.payment_type == PaymentType::Advance).collect();
            if advances.is_empty() {
                continue;
            }
            let c = cp.contract;
            let total: i128 = advances.iter().map(|(_, p)| i128::from(p.amount_fen.get())).sum();
            let amount = i128::from(c.amount_fen.get());
            let (zh, en, problem) = if fmt::above_share(total, amount, max) {
                (format!("高于 {}", fmt::percent(max)), format!("above {}", fmt::percent(max)), "above_max")
            } else if fmt::below_share(total, amount, min) {
                (format!("低于 {}", fmt::percent(min)), format!("below {}", fmt::percent(min)), "below_min")
            } else {
                continue;
            };
            let share = fmt::ratio(total, amount).unwrap_or(f64::INFINITY);
            let project = cp.record.record.project.as_deref();
            let mut evidence = vec![Evidence::of(cp.record, "contract")];
            evidence.extend(advances.iter().map(|(r, _)| Evidence::of(r, "advance_payment")));
            let f = out.report(
                project,
                about(
                    project,
                    format!(
                        "合同 {} 预付款合计 {}，占合同金额 {} 的 {}，{zh}",
                        c.contract_no,
                        fmt::yuan(total),
                        fmt::money(c.amount_fen),
                        fmt::percent(share)
                    ),
                    format!(
                        "advance payments under contract {} total {}, {} of the contract amount {}, {en}",
                        c.contract_no,
                        fmt::yuan(total),
                        fmt::percent(share),
                        fmt::money(c.amount_fen)
                    ),
                ),
                evidence,
                json!({"advance_fen": total as i64, "contract_fen": c.amount_fen.get(), "share": share, "min": min, "max": max, "problem": problem}),
            );
            f.tender = c.tender_id.as_ref().map(|t| t.as_str().to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::kinds::Kind;
    use serde_json::json;

    fn contract(b: &mut TestBundle) {
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": null}));
    }

    #[test]
    fn fires_above_30_and_below_10_percent() {
        let mut b = TestBundle::new();
        contract(&mut b);
        b.add(Kind::Payment, json!({"amount_fen": 300_000_001}));
        let m = fired(&b.run(&AdvanceOutOfRange), 1);
        assert!(m[0].contains("above 30%") && m[0].contains("¥3,000,000.01"), "{}", m[0]);
        let mut b = TestBundle::new();
        contract(&mut b);
        b.add(Kind::Payment, json!({"amount_fen": 99_999_999}));
        let m = fired(&b.run(&AdvanceOutOfRange), 1);
        assert!(m[0].contains("below 10%"), "{}", m[0]);
    }

    #[test]
    fn quiet_at_the_bounds_and_on_the_example() {
        for fen in [100_000_000, 300_000_000] {
            let mut b = TestBundle::new();
            contract(&mut b);
            b.add(Kind::Payment, json!({"amount_fen": fen}));
            quiet(&b.run(&AdvanceOutOfRange));
        }
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Payment, json!({}));
        quiet(&b.run(&AdvanceOutOfRange));
    }
}
