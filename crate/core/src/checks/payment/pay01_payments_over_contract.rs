//! PAY-01 超合同付款: cumulative payments under a contract exceed the contract amount plus approved
//! change orders (变更) (政府投资条例 第23条).

use super::common::contracts_with_payments;
use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::change_order::ChangeOrder;
use crate::kinds::Kind;
use serde_json::json;

pub struct PaymentsOverContract;

static META: CheckMeta = CheckMeta {
    id: "PAY-01",
    family: Family::Payment,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "超合同额付款", en: "Payments exceed the contract" },
    rule: Bilingual {
        zh: "合同累计拨付金额超过合同价款加已批准变更",
        en: "Cumulative payments under a contract exceed the contract amount plus approved change orders",
    },
    source: "政府投资条例 第23条",
    params: &[Param {
        name: "ratio",
        default: 0.0,
        unit: "ratio",
        description: Bilingual { zh: "可超付的比例", en: "how far payments may exceed the contract" },
    }],
    needs_completeness: true,
};

impl Check for PaymentsOverContract {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = settings.get("ratio");
        for cp in contracts_with_payments(data) {
            let c = cp.contract;
            let project = cp.record.record.project.as_deref();
            let changes: Vec<_> = data
                .for_contract::<ChangeOrder>(c.contract_no.as_str())
                .filter(|(r, ch)| ch.approved && (project.is_none() || r.record.project.as_deref() == project))
                .collect();
            let changed: i128 = changes.iter().map(|(_, ch)| i128::from(ch.amount_delta_fen.get())).sum();
            let basis = i128::from(c.amount_fen.get()) + changed;
            let mut cumulative = 0i128;
            let Some((p_r, p, total)) = cp.payments.iter().find_map(|&(r, p)| {
                cumulative += i128::from(p.amount_fen.get());
                fmt::exceeds_by(cumulative, basis, limit).then_some((r, p, cumulative))
            }) else {
                continue;
            };
            // Relies on no further approved change order existing (docs/decisions.md §10).
            if !out.absence_proven(data, project, Kind::ChangeOrder, p_r.record.time) {
                continue;
            }
            let paid: i128 = cp.payments.iter().map(|(_, p)| i128::from(p.amount_fen.get())).sum();
            let over = fmt::relative_change(total, basis).unwrap_or(f64::INFINITY);
            let mut evidence = vec![Evidence::of(cp.record, "contract"), Evidence::of(p_r, "payment")];
            evidence.extend(changes.iter().map(|(r, _)| Evidence::of(r, "change_order")));
            let f = out.report(
                project,
                about(
                    project,
                    format!(
                        "合同 {} 截至 {} 累计拨付 {}，超过合同价款 {} 加批准变更 {} 共 {}（{}）",
                        c.contract_no,
                        p.paid_date,
                        fmt::yuan(total),
                        fmt::money(c.amount_fen),
                        fmt::delta(changed),
                        fmt::yuan(basis),
                        fmt::signed_percent(over)
                    ),
                    format!(
                        "by {}, payments under contract {} total {}, above the contract amount {} plus approved changes {} = {} ({})",
                        p.paid_date,
                        c.contract_no,
                        fmt::yuan(total),
                        fmt::money(c.amount_fen),
                        fmt::delta(changed),
                        fmt::yuan(basis),
                        fmt::signed_percent(over)
                    ),
                ),
                evidence,
                json!({
                    "paid_fen": total as i64,
                    "paid_total_fen": paid as i64,
                    "contract_fen": c.amount_fen.get(),
                    "approved_changes_fen": changed as i64,
                    "basis_fen": basis as i64,
                    "excess_ratio": over,
                }),
            );
            f.tender = c.tender_id.as_ref().map(|t| t.as_str().to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    fn pay(b: &mut TestBundle, date: &str, fen: i64, t: &str) {
        b.add(
            Kind::Payment,
            json!({"paid_date": date, "amount_fen": fen, "payment_type": t, "payment_no": format!("GK-{date}")}),
        );
    }

    #[test]
    fn fires_when_payments_pass_contract_plus_changes() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": null}));
        b.add(Kind::ChangeOrder, json!({"amount_delta_fen": 50_000_000}));
        pay(&mut b, "2021-09-25", 300_000_000, "advance");
        pay(&mut b, "2022-06-30", 700_000_000, "progress");
        pay(&mut b, "2022-12-30", 60_000_000, "final");
        let m = fired(&b.run(&PaymentsOverContract), 1);
        assert!(
            m[0].contains("¥10,600,000.00") && m[0].contains("¥10,500,000.00") && m[0].contains("2022-12-30"),
            "{}",
            m[0]
        );
    }

    #[test]
    fn quiet_at_exactly_contract_plus_changes() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": null}));
        b.add(Kind::ChangeOrder, json!({"amount_delta_fen": 50_000_000}));
        pay(&mut b, "2021-09-25", 1_050_000_000, "final");
        quiet(&b.run(&PaymentsOverContract));
    }

    #[test]
    fn needs_complete_change_order_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": null}));
        pay(&mut b, "2021-09-25", 1_000_000_001, "final");
        b.incomplete();
        cannot(&b.run(&PaymentsOverContract));
    }
}
