//! BID-06 不同投标人的投标保证金从同一单位或者个人的账户转出 (条例 第40条(六)), and bid bonds not
//! paid by the bidder itself (条例 第26条: a bond paid in cash or by cheque must come from the
//! bidder's basic account).
//!
//! Fires when two or more bidders of one tender paid their bonds from the same account or through
//! the same payer, and when a bond's payer is neither the bidder nor a member of its consortium.

use super::common::{self, Shared, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings,
};
use crate::kinds::bid::{Bid, BondMethod};
use crate::report::Message;
use serde_json::json;

pub struct BondAccount;

static META: CheckMeta = CheckMeta {
    id: "BID-06",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual {
        zh: "投标保证金从同一账户转出或非投标人自有账户缴纳",
        en: "Bid bonds paid from one account, or not by the bidder itself",
    },
    rule: Bilingual {
        zh: "同一标段中，两个以上投标人的投标保证金从同一账户或由同一单位缴纳，视为串通投标；投标保证金的缴纳单位不是投标人本身（或其联合体成员）",
        en: "In one tender, the bonds of two or more bidders were paid from one account or by one payer (deemed collusion); or a bond's payer is not the bidder itself (or a member of its consortium)",
    },
    source: "条例 第40条(六), 第26条",
    params: &[],
    needs_completeness: false,
};

fn keys(b: &Bid) -> Vec<String> {
    let Some(bond) = &b.bond else { return Vec::new() };
    let mut k = vec![format!("payer:{}", bond.payer)];
    k.extend(bond.account.as_ref().map(|a| format!("acct:{a}")));
    k
}

fn groups<'a>(t: &TenderView<'a>) -> Vec<Shared<'a>> {
    common::shared_by(t, &keys)
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    common::links_of(tenders, groups, Reason::SharedAccount, META.id)
}

fn show_key(data: &Dataset, key: &str) -> Message {
    if let Some(a) = key.strip_prefix("acct:") {
        Message::new(format!("账户 {a}"), format!("account {a}"))
    } else if let Some(p) = key.strip_prefix("payer:") {
        let f = format::firm_str(data, p);
        Message::new(format!("缴纳单位 {}", f.zh), format!("payer {}", f.en))
    } else {
        Message::new(key, key)
    }
}

fn method(m: BondMethod) -> (&'static str, &'static str) {
    match m {
        BondMethod::Transfer => ("转账", "transfer"),
        BondMethod::BankGuarantee => ("银行保函", "bank guarantee"),
        BondMethod::Insurance => ("保证保险", "bond insurance"),
    }
}

impl Check for BondAccount {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for t in common::tenders(data) {
            let label = t.label();
            for g in groups(&t) {
                let firms = common::firms(data, &g.bidders);
                let shown: Vec<Message> = g.keys.iter().map(|k| show_key(data, k)).collect();
                let what = Message::new(
                    shown.iter().map(|m| m.zh.as_str()).collect::<Vec<_>>().join("、"),
                    shown.iter().map(|m| m.en.as_str()).collect::<Vec<_>>().join(", "),
                );
                common::report_tender(
                    out,
                    &t,
                    None,
                    format!(
                        "{} 中，{}的投标保证金来自同一来源（{}），依《招标投标法实施条例》第四十条第（六）项视为串通投标",
                        label.zh, firms.zh, what.zh
                    ),
                    format!(
                        "in {}, the bid bonds of {} came from one source ({}); deemed collusion under Art. 40(6) of the Regulations implementing the Bidding Law",
                        label.en, firms.en, what.en
                    ),
                    common::evidence_of(&t, &g.bids),
                    json!({"tender_id": t.tender_id, "bidders": common::uscc_list(&g.bidders), "sources": g.keys}),
                );
            }
            // Bonds paid by someone other than the bidder. When the payer is another bidder of the
            // same tender, the group above already reports it.
            let bidders = t.bidders();
            for (r, b) in &t.bids {
                let Some(bond) = &b.bond else { continue };
                if bond.payer == b.bidder || b.consortium.contains(&bond.payer) || bidders.contains(&&bond.payer) {
                    continue;
                }
                let bidder = format::firm(data, &b.bidder);
                let payer = format::firm(data, &bond.payer);
                let (mz, me) = method(bond.method);
                let account = bond.account.as_ref().map(|a| a.to_string());
                let acct_zh = account.as_ref().map(|a| format!("，账户 {a}")).unwrap_or_default();
                let acct_en = account.as_ref().map(|a| format!(", account {a}")).unwrap_or_default();
                common::report_tender(
                    out,
                    &t,
                    None,
                    format!(
                        "{} 中，{}的投标保证金 {}（{mz}）由 {} 缴纳{acct_zh}，不是投标人自有账户",
                        label.zh,
                        bidder.zh,
                        format::money(bond.amount_fen),
                        payer.zh
                    ),
                    format!(
                        "in {}, the bid bond of {} ({} by {me}) was paid by {}{acct_en}, not from the bidder's own account",
                        label.en,
                        bidder.en,
                        format::money(bond.amount_fen),
                        payer.en
                    ),
                    vec![Evidence::of(r, "bid")],
                    json!({"tender_id": t.tender_id, "bidder": b.bidder, "payer": bond.payer, "account": account, "amount_fen": bond.amount_fen}),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    const T: &str = "QJ-JS-2021-017-01";

    #[test]
    fn fires_on_one_account_for_two_bidders() {
        let mut f = Fixture::new();
        let b1 = bid(T, 1, 1_045_000_000);
        let mut b3 = bid(T, 3, 1_098_000_000);
        b3["bond"]["account"] = b1["bond"]["account"].clone();
        f.rec(Kind::Bid, b1).rec(Kind::Bid, bid(T, 2, 1_071_000_000)).rec(Kind::Bid, b3);
        let out = f.run(&BondAccount);
        mentions(single(&out), &[&firm(1), &firm(3), "账户 4200000000000001", "Art. 40(6)"]);
    }

    #[test]
    fn fires_on_a_third_party_payer() {
        let mut f = Fixture::new();
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["bond"]["payer"] = json!(firm(88));
        f.rec(Kind::Bid, bid(T, 1, 1_045_000_000)).rec(Kind::Bid, b2).rec(Kind::Company, company(88));
        let out = f.run(&BondAccount);
        mentions(single(&out), &[&firm(2), "潜江市第88建设工程有限公司", "¥200,000.00", "own account"]);
    }

    #[test]
    fn quiet_on_own_accounts_and_consortium_payers() {
        let mut f = Fixture::new();
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["consortium"] = json!([firm(88)]);
        b2["bond"] = json!({"method": "bank_guarantee", "payer": firm(88), "amount_fen": 20_000_000});
        f.rec(Kind::Bid, bid(T, 1, 1_045_000_000)).rec(Kind::Bid, b2).rec(Kind::Bid, bid(T, 3, 1_098_000_000));
        quiet(&f.run(&BondAccount));
    }
}
