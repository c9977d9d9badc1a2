//! BID-13 只有中标人合格，或经评审的最低投标价法下最低报价被否决 (cardinal-rs R035, R036).
//!
//! Fires when every bid except the winner's was rejected (two or more bids opened), and when, in
//! a tender evaluated by the lowest evaluated price (经评审的最低投标价法), the lowest bid was
//! rejected. Rejections can be lawful, so the finding names the reasons recorded for a person to
//! weigh.

use super::common::{self, TenderView};
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings,
};
use crate::kinds::opening::{Disqualification, DisqualificationReason as R};
use crate::kinds::tender::Evaluation;
use crate::report::Message;
use serde_json::json;

pub struct Disqualifications;

static META: CheckMeta = CheckMeta {
    id: "BID-13",
    family: Family::Bidding,
    severity: FindingSeverity::Medium,
    title: Bilingual {
        zh: "仅中标人合格，或价格评审中最低报价被否决",
        en: "Only the winner qualified, or the lowest bid rejected in a price-only evaluation",
    },
    rule: Bilingual {
        zh: "开标两家以上而除中标人外全部被否决；或采用经评审的最低投标价法时，最低报价被否决",
        en: "Two or more bids were opened and all but the winner's were rejected; or, under the lowest-evaluated-price method, the lowest bid was rejected",
    },
    source: "cardinal-rs R035, R036",
    params: &[],
    needs_completeness: false,
};

fn reason(d: &Disqualification) -> Message {
    let (zh, en) = match d.reason {
        R::AboveCeiling => ("报价高于最高投标限价", "price above the ceiling"),
        R::BelowCost => ("报价低于成本", "price below cost"),
        R::NotSigned => ("未盖章签字", "not signed or sealed"),
        R::ConsortiumAgreement => ("联合体未提交共同投标协议", "no consortium agreement"),
        R::Qualification => ("不符合资格条件", "not qualified"),
        R::MultiplePrices => ("提交两个以上报价", "more than one price"),
        R::NonResponsive => ("未实质性响应", "not responsive"),
        R::Misconduct => ("串通、弄虚作假或行贿", "collusion, fraud or bribery"),
        R::Bond => ("投标保证金不符合要求", "bid bond not as required"),
        R::Late => ("逾期送达", "late"),
        R::Other => ("其他", "other"),
    };
    match &d.detail {
        Some(t) => Message::new(format!("{zh}：{t}"), format!("{en}: {t}")),
        None => Message::new(zh, en),
    }
}

fn evidence(t: &TenderView) -> Vec<Evidence> {
    let mut e: Vec<Evidence> = t.opening.iter().map(|(r, _)| Evidence::of(r, "opening")).collect();
    e.extend(t.tender.map(|(r, _)| Evidence::of(r, "tender")));
    e.extend(t.award.map(|(r, _)| Evidence::of(r, "award")));
    e
}

impl Check for Disqualifications {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for t in common::tenders(data) {
            let label = t.label();
            let all = t.all_prices();
            let rejected = t.disqualified();
            let winner = t.award.map(|(_, a)| &a.winner);
            let valid: Vec<_> = all.iter().filter(|(u, _)| !rejected.iter().any(|d| &d.bidder == *u)).collect();
            // Only the winner left standing.
            if let Some(w) = winner {
                if all.len() >= 2 && valid.len() == 1 && valid[0].0 == w && !rejected.is_empty() {
                    let wf = format::firm(data, w);
                    let reasons: Vec<(String, String)> = rejected
                        .iter()
                        .map(|d| {
                            let f = format::firm(data, &d.bidder);
                            let r = reason(d);
                            (format!("{}（{}）", f.zh, r.zh), format!("{} ({})", f.en, r.en))
                        })
                        .collect();
                    common::report_tender(
                        out,
                        &t,
                        None,
                        format!(
                            "{} 开标 {} 家，除中标人 {}外全部被否决：{}",
                            label.zh,
                            all.len(),
                            wf.zh,
                            reasons.iter().map(|r| r.0.as_str()).collect::<Vec<_>>().join("；")
                        ),
                        format!(
                            "{} opened {} bids and rejected all but the winner {}: {}",
                            label.en,
                            all.len(),
                            wf.en,
                            reasons.iter().map(|r| r.1.as_str()).collect::<Vec<_>>().join("; ")
                        ),
                        evidence(&t),
                        json!({"tender_id": t.tender_id, "pattern": "only_winner_qualified", "winner": w, "opened": all.len(), "rejected": rejected.iter().map(|d| json!({"bidder": d.bidder, "reason": d.reason.as_str()})).collect::<Vec<_>>()}),
                    );
                }
            }
            // The lowest bid rejected under the lowest-price method.
            let price_only = t.tender.is_some_and(|(_, x)| x.evaluation == Evaluation::PriceOnly);
            if !price_only || all.len() < 2 {
                continue;
            }
            let Some(&(low_firm, low_price)) = all.iter().min_by_key(|(_, p)| *p) else { continue };
            let Some(d) = rejected.iter().find(|d| &d.bidder == low_firm) else { continue };
            let lf = format::firm(data, low_firm);
            let r = reason(d);
            let next = valid.iter().map(|v| v.1).min();
            let (nz, ne) = match (winner, next) {
                (Some(w), _) => {
                    let wf = format::firm(data, w);
                    let p = t.award.map(|(_, a)| format::money(a.price_fen)).unwrap_or_default();
                    let extra = t.award.map(|(_, a)| {
                        format::percent((a.price_fen.get() - low_price) as f64 / low_price.max(1) as f64)
                    });
                    let extra = extra.unwrap_or_default();
                    (
                        format!("，中标人 {} 报价 {p}，高出 {extra}", wf.zh),
                        format!("; the winner {} bid {p}, {extra} more", wf.en),
                    )
                }
                (None, Some(n)) => {
                    let p = format::yuan(i128::from(n));
                    (format!("，其余最低有效报价 {p}"), format!("; the lowest remaining valid bid is {p}"))
                }
                _ => (String::new(), String::new()),
            };
            common::report_tender(
                out,
                &t,
                None,
                format!(
                    "{} 采用经评审的最低投标价法，最低报价 {}（{}）被否决（{}）{nz}",
                    label.zh,
                    format::yuan(i128::from(low_price)),
                    lf.zh,
                    r.zh
                ),
                format!(
                    "{} was evaluated by lowest price, and the lowest bid {} ({}) was rejected ({}){ne}",
                    label.en,
                    format::yuan(i128::from(low_price)),
                    lf.en,
                    r.en
                ),
                evidence(&t),
                json!({"tender_id": t.tender_id, "pattern": "lowest_rejected", "bidder": low_firm, "price_fen": low_price, "reason": d.reason.as_str(), "winner": winner}),
            );
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
    const BIDS: [(u32, i64); 3] = [(1, 1_045_000_000), (2, 1_071_000_000), (3, 1_098_000_000)];

    fn price_only_tender() -> serde_json::Value {
        let mut t = tender(T, 1_100_000_000);
        t["evaluation"] = json!("price_only");
        t
    }

    #[test]
    fn fires_when_the_lowest_bid_is_rejected_in_a_price_only_tender() {
        let mut f = Fixture::new();
        let mut o = opening(T, &BIDS);
        o["disqualified"] =
            json!([{"bidder": firm(1), "reason": "below_cost", "detail": "评标委员会认定报价低于成本"}]);
        f.rec(Kind::Tender, price_only_tender()).rec(Kind::Opening, o).rec(Kind::Award, award(T, 2, 1_071_000_000));
        let out = f.run(&Disqualifications);
        mentions(single(&out), &["¥10,450,000.00", &firm(1), "低于成本", "2.5%", "lowest bid"]);
    }

    #[test]
    fn fires_when_only_the_winner_is_left() {
        let mut f = Fixture::new();
        let mut o = opening(T, &BIDS);
        o["disqualified"] =
            json!([{"bidder": firm(1), "reason": "qualification"}, {"bidder": firm(2), "reason": "bond"}]);
        f.rec(Kind::Tender, tender(T, 1_100_000_000))
            .rec(Kind::Opening, o)
            .rec(Kind::Award, award(T, 3, 1_098_000_000));
        let out = f.run(&Disqualifications);
        mentions(single(&out), &["开标 3 家", &firm(3), "not qualified", "bid bond"]);
    }

    #[test]
    fn quiet_when_a_higher_bid_is_rejected_or_the_evaluation_is_comprehensive() {
        let mut f = Fixture::new();
        let mut o = opening(T, &BIDS);
        o["disqualified"] = json!([{"bidder": firm(3), "reason": "bond"}]);
        f.rec(Kind::Tender, price_only_tender()).rec(Kind::Opening, o).rec(Kind::Award, award(T, 1, 1_045_000_000));
        quiet(&f.run(&Disqualifications));
        let mut f = Fixture::new();
        let mut o = opening(T, &BIDS);
        o["disqualified"] = json!([{"bidder": firm(1), "reason": "non_responsive"}]);
        f.rec(Kind::Tender, tender(T, 1_100_000_000))
            .rec(Kind::Opening, o)
            .rec(Kind::Award, award(T, 2, 1_071_000_000));
        quiet(&f.run(&Disqualifications));
    }
}
