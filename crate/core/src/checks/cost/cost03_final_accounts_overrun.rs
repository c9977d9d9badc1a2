//! COST-03 决算超概算、结算超合同: the final accounts (竣工决算, the whole investment) exceed the
//! approved design estimate (概算; without one, the approved estimate 估算), or a contract's
//! settlement (结算) exceeds the contract plus approved changes, by more than 10%
//! (政府投资条例 第23条).
//!
//! The two comparisons keep like with like: 决算 covers land, design and every other cost, so it
//! is measured against the approved investment, never against the works contracts alone.

use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::approval::Approval;
use crate::kinds::change_order::ChangeOrder;
use crate::kinds::design_estimate::DesignEstimate;
use crate::kinds::final_accounts::FinalAccounts;
use crate::kinds::settlement::Settlement;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct FinalAccountsOverrun;

static META: CheckMeta = CheckMeta {
    id: "COST-03",
    family: Family::Cost,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "决算超概算或结算超合同", en: "Final accounts or settlement over budget" },
    rule: Bilingual {
        zh: "竣工决算超过批准概算（无概算时为批准估算），或合同结算超过合同价加批准变更，超出 10% 以上",
        en: "The final accounts exceed the approved design estimate (without one, the approved estimate), or a contract's settlement exceeds the contract plus approved changes, by more than 10%",
    },
    source: "政府投资条例 第23条",
    params: &[Param {
        name: "ratio",
        default: 0.10,
        unit: "ratio",
        description: Bilingual { zh: "可超出的比例", en: "how far the final accounts or settlement may exceed the budget" },
    }],
    needs_completeness: false,
};

impl Check for FinalAccountsOverrun {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = settings.get("ratio");
        for code in data.projects() {
            final_accounts(data, code, limit, out);
        }
        settlements(data, limit, out);
    }
}

fn final_accounts(data: &Dataset, code: &str, limit: f64, out: &mut Findings) {
    let Some((fa_r, fa)) = data.in_project::<FinalAccounts>(code).max_by_key(|(r, f)| (f.report_date, r.record.time))
    else {
        return;
    };
    let design = data.in_project::<DesignEstimate>(code).max_by_key(|(r, d)| (d.approval_date, r.record.time));
    let approval = data.in_project::<Approval>(code).max_by_key(|(r, a)| (a.approval_date, r.record.time));
    let (base_r, base, basis, zh, en) = match (design, approval) {
        (Some((r, d)), _) => (r, d.estimate_fen, "design_estimate", "批准概算", "the approved design estimate"),
        (None, Some((r, a))) => (r, a.estimate_fen, "estimate", "批准估算", "the approved estimate"),
        (None, None) => return,
    };
    let amount = i128::from(fa.amount_fen.get());
    let base_fen = i128::from(base.get());
    if !fmt::exceeds_by(amount, base_fen, limit) {
        return;
    }
    let excess = fmt::relative_change(amount, base_fen).unwrap_or(f64::INFINITY);
    out.report(
        Some(code),
        about(
            Some(code),
            format!(
                "竣工决算 {} 超过{zh} {}（{}），超过允许的 {}",
                fmt::money(fa.amount_fen),
                fmt::money(base),
                fmt::signed_percent(excess),
                fmt::percent(limit)
            ),
            format!(
                "the final accounts, {}, exceed {en}, {}, by {}, more than the {} allowed",
                fmt::money(fa.amount_fen),
                fmt::money(base),
                fmt::percent(excess),
                fmt::percent(limit)
            ),
        ),
        vec![Evidence::of(fa_r, "final_accounts"), Evidence::of(base_r, basis)],
        json!({
            "compared": "final_accounts",
            "amount_fen": fa.amount_fen.get(),
            "basis_fen": base.get(),
            "basis": basis,
            "excess_ratio": excess,
            "threshold_ratio": limit,
        }),
    );
}

fn settlements(data: &Dataset, limit: f64, out: &mut Findings) {
    // The last settlement per contract counts (a restated settlement replaces the first).
    let mut latest: BTreeMap<(Option<&str>, &str), (&VerifiedRecord, &Settlement)> = BTreeMap::new();
    for (r, s) in data.all::<Settlement>() {
        if let Some(no) = &s.contract_no {
            latest.insert((r.record.project.as_deref(), no.as_str()), (r, s));
        }
    }
    for ((project, no), (s_r, s)) in latest {
        let Some((c_r, c)) = data.contract(no, project) else { continue };
        let changes: Vec<_> = data
            .for_contract::<ChangeOrder>(no)
            .filter(|(r, ch)| ch.approved && (project.is_none() || r.record.project.as_deref() == project))
            .collect();
        let changed: i128 = changes.iter().map(|(_, ch)| i128::from(ch.amount_delta_fen.get())).sum();
        let basis = i128::from(c.amount_fen.get()) + changed;
        let amount = i128::from(s.amount_fen.get());
        if !fmt::exceeds_by(amount, basis, limit) {
            continue;
        }
        let excess = fmt::relative_change(amount, basis).unwrap_or(f64::INFINITY);
        let mut evidence = vec![Evidence::of(s_r, "settlement"), Evidence::of(c_r, "contract")];
        evidence.extend(changes.iter().map(|(r, _)| Evidence::of(r, "change_order")));
        let f = out.report(
            project,
            about(
                project,
                format!(
                    "合同 {no} 结算金额 {} 超过合同价 {} 加批准变更 {} 共 {}（{}），超过允许的 {}",
                    fmt::money(s.amount_fen),
                    fmt::money(c.amount_fen),
                    fmt::delta(changed),
                    fmt::yuan(basis),
                    fmt::signed_percent(excess),
                    fmt::percent(limit)
                ),
                format!(
                    "the settlement of contract {no}, {}, exceeds the contract amount {} plus approved changes {} = {} by {}, more than the {} allowed",
                    fmt::money(s.amount_fen),
                    fmt::money(c.amount_fen),
                    fmt::delta(changed),
                    fmt::yuan(basis),
                    fmt::percent(excess),
                    fmt::percent(limit)
                ),
            ),
            evidence,
            json!({
                "compared": "settlement",
                "amount_fen": s.amount_fen.get(),
                "basis_fen": basis as i64,
                "basis": "contract_with_changes",
                "excess_ratio": excess,
                "threshold_ratio": limit,
            }),
        );
        f.tender = c.tender_id.as_ref().map(|t| t.as_str().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::kinds::Kind;
    use serde_json::json;

    #[test]
    fn fires_above_the_design_estimate_plus_10_percent() {
        let mut b = TestBundle::new();
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 1_000_000_000_i64}));
        b.add(Kind::FinalAccounts, json!({"amount_fen": 1_120_000_000_i64}));
        let m = fired(&b.run(&FinalAccountsOverrun), 1);
        assert!(m[0].contains("¥11,200,000.00") && m[0].contains("12%"), "{}", m[0]);
    }

    #[test]
    fn quiet_within_the_margin_and_on_the_example_project() {
        let mut b = TestBundle::new();
        for k in [
            Kind::Approval,
            Kind::DesignEstimate,
            Kind::Contract,
            Kind::ChangeOrder,
            Kind::Settlement,
            Kind::FinalAccounts,
        ] {
            b.add(k, json!({}));
        }
        quiet(&b.run(&FinalAccountsOverrun));
        let mut b = TestBundle::new();
        b.add(Kind::DesignEstimate, json!({"estimate_fen": 1_000_000_000_i64}));
        b.add(Kind::FinalAccounts, json!({"amount_fen": 1_100_000_000_i64}));
        quiet(&b.run(&FinalAccountsOverrun));
        // Without any approved budget the final accounts are not compared with the works contracts.
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 500_000_000, "performance_bond_fen": null}));
        b.add(Kind::FinalAccounts, json!({}));
        quiet(&b.run(&FinalAccountsOverrun));
    }

    #[test]
    fn fires_on_a_settlement_above_contract_plus_approved_changes() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 1_000_000_000_i64, "performance_bond_fen": null}));
        b.add(Kind::ChangeOrder, json!({"amount_delta_fen": 50_000_000}));
        b.add(Kind::ChangeOrder, json!({"amount_delta_fen": 500_000_000, "approved": false, "change_no": "BG-9"}));
        b.add(Kind::Settlement, json!({"amount_fen": 1_160_000_000_i64, "retention_fen": null}));
        let m = fired(&b.run(&FinalAccountsOverrun), 1);
        assert!(m[0].contains("¥10,500,000.00") && m[0].contains("settlement"), "{}", m[0]);
    }
}
