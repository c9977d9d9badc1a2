//! COST-05 超控制价投标未否决: a bid above the ceiling price (最高投标限价) was not rejected, or won
//! (招标投标法实施条例 第51条(五)).

use crate::checks::format::{self as fmt, about, firm};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::award::Award;
use crate::kinds::bid::Bid;
use crate::kinds::candidates::Candidates;
use crate::kinds::opening::Opening;
use crate::kinds::{Fen, Uscc};
use crate::order::SortedSet;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct BidAboveCeiling;

static META: CheckMeta = CheckMeta {
    id: "COST-05",
    family: Family::Cost,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "超控制价投标未被否决", en: "Bid above the ceiling price not rejected" },
    rule: Bilingual {
        zh: "投标报价高于最高投标限价，却未被否决、进入候选人或中标",
        en: "A bid priced above the ceiling price was not rejected, was ranked, or won",
    },
    source: "招标投标法实施条例 第51条(五)",
    params: &[],
    needs_completeness: false,
};

impl Check for BidAboveCeiling {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for tender_id in data.tender_ids() {
            let Some((t_r, t)) = data.tender(tender_id) else { continue };
            let ceiling = t.ceiling_price_fen;
            let openings: Vec<_> = data.for_tender::<Opening>(tender_id).collect();
            let candidates: Vec<_> = data.for_tender::<Candidates>(tender_id).collect();
            let award = data.for_tender::<Award>(tender_id).next_back();
            let mut rejected: SortedSet<&Uscc> = SortedSet::new();
            let mut ranked: SortedSet<&Uscc> = SortedSet::new();
            for (_, o) in &openings {
                rejected.extend(o.disqualified.iter().map(|d| &d.bidder));
                ranked.extend(o.ranking.iter().map(|r| &r.bidder));
            }
            for (_, c) in &candidates {
                rejected.extend(c.disqualified.iter().map(|d| &d.bidder));
                ranked.extend(c.candidates.iter().map(|c| &c.bidder));
            }
            if let Some((_, a)) = award {
                rejected.extend(a.disqualified.iter().map(|d| &d.bidder));
                ranked.extend(a.candidates.iter());
            }
            // Each bidder's price: its (last) bid record, else the price read out at opening.
            let mut prices: BTreeMap<&Uscc, (Fen, &VerifiedRecord)> = BTreeMap::new();
            for (r, o) in &openings {
                for b in &o.bids {
                    prices.insert(&b.bidder, (b.price_fen, r));
                }
            }
            for (r, b) in data.for_tender::<Bid>(tender_id) {
                prices.insert(&b.bidder, (b.price_fen, r));
            }
            if let Some((r, a)) = award {
                prices.entry(&a.winner).or_insert((a.price_fen, r));
                if a.price_fen > ceiling {
                    prices.insert(&a.winner, (a.price_fen, r));
                }
            }
            for (bidder, (price, rec)) in prices {
                if price <= ceiling {
                    continue;
                }
                let won = award.is_some_and(|(_, a)| &a.winner == bidder);
                let (what_zh, what_en, outcome) = if won {
                    ("却中标", "yet won the tender", "won")
                } else if ranked.contains(bidder) {
                    ("却进入评标排序或中标候选人", "yet was ranked or named a candidate", "ranked")
                } else if !openings.is_empty() && !rejected.contains(bidder) {
                    ("开标评标时未被否决", "and was not rejected at evaluation", "not_rejected")
                } else {
                    continue;
                };
                let over =
                    fmt::relative_change(i128::from(price.get()), i128::from(ceiling.get())).unwrap_or(f64::INFINITY);
                let name = firm(data, bidder);
                let project = t_r.record.project.as_deref();
                let mut evidence = vec![Evidence::of(rec, "bid"), Evidence::of(t_r, "tender")];
                if let Some((r, _)) = award.filter(|_| won) {
                    evidence.push(Evidence::of(r, "award"));
                } else if let Some((r, _)) = openings.last() {
                    evidence.push(Evidence::of(r, "opening"));
                }
                evidence.dedup_by(|a, b| a.id == b.id);
                let f = out.report(
                    project,
                    about(
                        project,
                        format!(
                            "标段 {tender_id} 中 {} 的报价 {} 高于最高投标限价 {}（{}），{what_zh}",
                            name.zh,
                            fmt::money(price),
                            fmt::money(ceiling),
                            fmt::signed_percent(over)
                        ),
                        format!(
                            "in tender {tender_id}, {} bid {}, above the ceiling price {} ({}), {what_en}",
                            name.en,
                            fmt::money(price),
                            fmt::money(ceiling),
                            fmt::signed_percent(over)
                        ),
                    ),
                    evidence,
                    json!({
                        "bidder": bidder.as_str(),
                        "price_fen": price.get(),
                        "ceiling_fen": ceiling.get(),
                        "over_ratio": over,
                        "outcome": outcome,
                    }),
                );
                f.tender = Some(tender_id.to_owned());
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

    fn base(b: &mut TestBundle) {
        b.add(Kind::Tender, json!({"ceiling_price_fen": 1_100_000_000_i64}));
    }

    #[test]
    fn fires_when_a_bid_above_the_ceiling_wins() {
        let mut b = TestBundle::new();
        base(&mut b);
        b.add(Kind::Bid, json!({"price_fen": 1_120_000_000_i64}));
        b.add(Kind::Award, json!({"price_fen": 1_120_000_000_i64}));
        let m = fired(&b.run(&BidAboveCeiling), 1);
        assert!(m[0].contains("¥11,200,000.00") && m[0].contains("won"), "{}", m[0]);
    }

    #[test]
    fn fires_when_the_opening_did_not_reject_it() {
        let mut b = TestBundle::new();
        base(&mut b);
        b.add(
            Kind::Opening,
            json!({"bids": [{"bidder": BIDDER_A, "price_fen": 1_045_678_912_i64}, {"bidder": BIDDER_C, "price_fen": 1_100_000_001_i64}],
                   "ranking": [{"rank": 1, "bidder": BIDDER_A}]}),
        );
        let m = fired(&b.run(&BidAboveCeiling), 1);
        assert!(m[0].contains(BIDDER_C) && m[0].contains("not rejected"), "{}", m[0]);
    }

    #[test]
    fn quiet_when_rejected_or_at_the_ceiling() {
        let mut b = TestBundle::new();
        base(&mut b);
        b.add(
            Kind::Opening,
            json!({"bids": [{"bidder": BIDDER_A, "price_fen": 1_100_000_000_i64}, {"bidder": BIDDER_C, "price_fen": 1_150_000_000_i64}],
                   "ranking": [{"rank": 1, "bidder": BIDDER_A}],
                   "disqualified": [{"bidder": BIDDER_C, "reason": "above_ceiling"}]}),
        );
        b.add(Kind::Award, json!({"price_fen": 1_100_000_000_i64, "candidates": [BIDDER_A, BIDDER_B]}));
        quiet(&b.run(&BidAboveCeiling));
    }
}
