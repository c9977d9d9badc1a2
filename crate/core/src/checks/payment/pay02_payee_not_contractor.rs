//! PAY-02 收款人与合同不符: a payment under a contract went to a payee other than the contractor, or
//! to an account other than the one the contract names (收款账户).

use crate::checks::format::{self as fmt, about, firm};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::payment::Payment;
use serde_json::json;

pub struct PayeeNotContractor;

static META: CheckMeta = CheckMeta {
    id: "PAY-02",
    family: Family::Payment,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "收款人或账户与合同不符", en: "Payment to someone other than the contractor" },
    rule: Bilingual {
        zh: "合同项下的付款收款单位不是合同承包人，或收款账户不是合同约定的账户",
        en: "A payment under a contract went to a payee other than the contractor, or to an account other than the contract's",
    },
    source: "资金拨付管理 payment control",
    params: &[],
    needs_completeness: false,
};

impl Check for PayeeNotContractor {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (p_r, p) in data.all::<Payment>() {
            let Some(no) = &p.contract_no else { continue };
            let project = p_r.record.project.as_deref();
            let Some((c_r, c)) = data.contract(no.as_str(), project) else { continue };
            let amount = fmt::money(p.amount_fen);
            let (zh, en, problem) = if p.payee != c.contractor {
                let payee = firm(data, &p.payee);
                let contractor = firm(data, &c.contractor);
                (
                    format!("收款单位 {} 不是合同承包人 {}", payee.zh, contractor.zh),
                    format!("the payee {} is not the contractor {}", payee.en, contractor.en),
                    "other_payee",
                )
            } else if let Some(account) = c.contractor_account.as_ref().filter(|a| *a != &p.payee_account) {
                (
                    format!("收款账户 {} 不是合同约定的账户 {account}", p.payee_account),
                    format!("the account {} is not the one in the contract, {account}", p.payee_account),
                    "other_account",
                )
            } else {
                continue;
            };
            let f = out.report(
                project,
                about(
                    project,
                    format!("{} 按合同 {no} 拨付 {amount}，{zh}", p.paid_date),
                    format!("the payment of {amount} on {} under contract {no}: {en}", p.paid_date),
                ),
                vec![Evidence::of(p_r, "payment"), Evidence::of(c_r, "contract")],
                json!({
                    "payee": p.payee.as_str(),
                    "payee_account": p.payee_account.as_str(),
                    "contractor": c.contractor.as_str(),
                    "contract_account": c.contractor_account.as_ref().map(|a| a.as_str()),
                    "amount_fen": p.amount_fen.get(),
                    "problem": problem,
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
    use crate::kinds::Kind;
    use serde_json::json;

    #[test]
    fn fires_on_another_payee_or_account() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Payment, json!({"payee": BIDDER_B}));
        b.add(Kind::Payment, json!({"payee_account": "62001234567890000000", "payment_no": "GK-2"}));
        let m = fired(&b.run(&PayeeNotContractor), 2);
        assert!(m[0].contains(BIDDER_B) && m[0].contains("¥2,091,357.82"), "{}", m[0]);
        assert!(m[1].contains("62001234567890000000"), "{}", m[1]);
    }

    #[test]
    fn quiet_for_the_contractor_and_its_account() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Payment, json!({}));
        quiet(&b.run(&PayeeNotContractor));
    }
}
