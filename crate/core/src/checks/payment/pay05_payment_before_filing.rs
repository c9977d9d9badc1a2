//! PAY-05 合同备案前付款: money was paid before the contract it rests on was filed (合同备案), or
//! with no filed contract at all.

use crate::checks::format::{self as fmt, about};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::contract::Contract;
use crate::kinds::payment::Payment;
use crate::kinds::Kind;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct PaymentBeforeFiling;

/// (project, contract number named by the payment)
type Key<'a> = (Option<&'a str>, Option<&'a str>);

static META: CheckMeta = CheckMeta {
    id: "PAY-05",
    family: Family::Payment,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "合同备案前付款", en: "Payment before the contract was filed" },
    rule: Bilingual {
        zh: "付款日期早于所依据合同的备案日期，或没有已备案的合同",
        en: "A payment predates the filing of the contract it rests on, or there is no filed contract",
    },
    source: "资金拨付管理 payment control",
    params: &[],
    needs_completeness: true,
};

impl Check for PaymentBeforeFiling {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        // Early payments grouped per contract (or per project when the payment names none).
        let mut early: BTreeMap<Key, Vec<(&VerifiedRecord, &Payment)>> = BTreeMap::new();
        let mut basis: BTreeMap<Key, Option<(&VerifiedRecord, &Contract)>> = BTreeMap::new();
        for (p_r, p) in data.all::<Payment>() {
            let project = p_r.record.project.as_deref();
            let contract = match &p.contract_no {
                Some(no) => data.contract(no.as_str(), project),
                // No contract named: the project's first filed contract.
                None => project
                    .and_then(|c| data.in_project::<Contract>(c).min_by_key(|(r, c)| (c.filing_date, r.record.time))),
            };
            match contract {
                Some((_, c)) if c.filing_date <= p.paid_date => continue,
                Some(_) => {}
                None => {
                    if !out.absence_proven(data, project, Kind::Contract, p_r.record.time) {
                        continue;
                    }
                }
            }
            let key = (project, p.contract_no.as_ref().map(|n| n.as_str()));
            early.entry(key).or_default().push((p_r, p));
            basis.insert(key, contract);
        }
        for (key, payments) in early {
            let (project, named) = key;
            let contract = basis.get(&key).copied().flatten();
            let Some(&(_, first)) = payments.first() else { continue };
            let total: i128 = payments.iter().map(|(_, p)| i128::from(p.amount_fen.get())).sum();
            let (count_zh, count_en) = if payments.len() == 1 {
                (
                    format!("{} 拨付 {}", first.paid_date, fmt::money(first.amount_fen)),
                    format!("{} was paid on {}", fmt::money(first.amount_fen), first.paid_date),
                )
            } else {
                (
                    format!("自 {} 起 {} 笔拨付共 {}", first.paid_date, payments.len(), fmt::yuan(total)),
                    format!(
                        "{} payments totalling {} were made from {}",
                        payments.len(),
                        fmt::yuan(total),
                        first.paid_date
                    ),
                )
            };
            let (zh, en) = match contract {
                Some((_, c)) => (
                    format!("{count_zh}，早于合同 {} 的备案日期 {}", c.contract_no, c.filing_date),
                    format!("{count_en}, before contract {} was filed on {}", c.contract_no, c.filing_date),
                ),
                None => match named {
                    Some(no) => (
                        format!("{count_zh}，但记录中没有合同 {no} 的备案"),
                        format!("{count_en} under contract {no}, which was never filed"),
                    ),
                    None => {
                        (format!("{count_zh}，但记录中没有已备案的合同"), format!("{count_en} with no filed contract"))
                    }
                },
            };
            let mut evidence: Vec<Evidence> =
                payments.iter().take(10).map(|(r, _)| Evidence::of(r, "payment")).collect();
            evidence.extend(contract.map(|(r, _)| Evidence::of(r, "contract")));
            out.report(
                project,
                about(project, zh, en),
                evidence,
                json!({
                    "first_paid_date": first.paid_date.to_string(),
                    "payments": payments.len(),
                    "paid_fen": total as i64,
                    "contract_no": named.or(contract.map(|(_, c)| c.contract_no.as_str())),
                    "filing_date": contract.map(|(_, c)| c.filing_date.to_string()),
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
    fn fires_on_payments_before_filing() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"filing_date": "2021-09-26"}));
        b.add(Kind::Payment, json!({}));
        b.add(Kind::Payment, json!({"payment_no": "GK-2", "paid_date": "2021-09-26"}));
        let m = fired(&b.run(&PaymentBeforeFiling), 1);
        assert!(m[0].contains("2021-09-25") && m[0].contains("filed on 2021-09-26"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_the_filing_day() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"filing_date": "2021-09-25"}));
        b.add(Kind::Payment, json!({}));
        quiet(&b.run(&PaymentBeforeFiling));
    }

    #[test]
    fn no_filed_contract_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::Payment, json!({}));
        let m = fired(&b.run(&PaymentBeforeFiling), 1);
        assert!(m[0].contains("never filed"), "{}", m[0]);
        b.incomplete();
        cannot(&b.run(&PaymentBeforeFiling));
    }
}
