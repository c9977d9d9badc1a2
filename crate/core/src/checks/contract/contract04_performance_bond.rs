//! CONTRACT-04 履约保证金过高: the performance bond (履约保证金) exceeds 10% of the contract amount
//! (招标投标法实施条例 第58条).

use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::contract::Contract;
use serde_json::json;

pub struct PerformanceBond;

static META: CheckMeta = CheckMeta {
    id: "CONTRACT-04",
    family: Family::Contract,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "履约保证金超过 10%", en: "Performance bond above 10%" },
    rule: Bilingual {
        zh: "履约保证金超过中标合同金额的 10%",
        en: "The performance bond exceeds 10% of the contract amount",
    },
    source: "招标投标法实施条例 第58条",
    params: &[Param {
        name: "ratio",
        default: 0.10,
        unit: "ratio",
        description: Bilingual {
            zh: "履约保证金占合同金额的上限", en: "highest bond as a share of the contract"
        },
    }],
    needs_completeness: false,
};

impl Check for PerformanceBond {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = settings.get("ratio");
        for (r, c) in data.all::<Contract>() {
            let Some(bond) = c.performance_bond_fen else { continue };
            let (b, amount) = (i128::from(bond.get()), i128::from(c.amount_fen.get()));
            if !fmt::above_share(b, amount, limit) {
                continue;
            }
            let share = fmt::ratio(b, amount).unwrap_or(f64::INFINITY);
            let project = r.record.project.as_deref();
            let f = out.report(
                project,
                about(
                    project,
                    format!(
                        "合同 {} 履约保证金 {} 占合同金额 {} 的 {}，超过 {}",
                        c.contract_no,
                        fmt::money(bond),
                        fmt::money(c.amount_fen),
                        fmt::percent(share),
                        fmt::percent(limit)
                    ),
                    format!(
                        "contract {}: the performance bond of {} is {} of the contract amount {}, above {}",
                        c.contract_no,
                        fmt::money(bond),
                        fmt::percent(share),
                        fmt::money(c.amount_fen),
                        fmt::percent(limit)
                    ),
                ),
                vec![Evidence::of(r, "contract")],
                json!({"bond_fen": bond.get(), "contract_fen": c.amount_fen.get(), "share": share, "threshold_ratio": limit}),
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

    #[test]
    fn fires_above_10_percent() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": 100_000_001}));
        let m = fired(&b.run(&PerformanceBond), 1);
        assert!(m[0].contains("¥1,000,000.01") && m[0].contains("10%"), "{}", m[0]);
    }

    #[test]
    fn quiet_at_exactly_10_percent() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": 100_000_000}));
        quiet(&b.run(&PerformanceBond));
    }
}
