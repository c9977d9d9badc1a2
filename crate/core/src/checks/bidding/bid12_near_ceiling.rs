//! BID-12 中标价贴近最高投标限价 (OCP red flag i171: winning bid very close to the estimated price).
//!
//! Fires when the award price is at or below the tender's ceiling price (控制价) but within
//! `margin` (1%) of it. A winning price above the ceiling is COST-05's concern.

use super::common;
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use serde_json::json;

pub struct NearCeiling;

static META: CheckMeta = CheckMeta {
    id: "BID-12",
    family: Family::Bidding,
    severity: FindingSeverity::Low,
    title: Bilingual { zh: "中标价贴近最高投标限价", en: "Winning bid within 1% of the ceiling price" },
    rule: Bilingual {
        zh: "中标价不高于最高投标限价（控制价），但与之相差不超过 1%",
        en: "The winning price is at or below the ceiling price but within 1% of it",
    },
    source: "OCP red flag i171",
    params: &[Param {
        name: "margin",
        default: 0.01,
        unit: "ratio",
        description: Bilingual {
            zh: "中标价低于控制价的比例不超过此值即触发",
            en: "Fires when the award is at most this far below the ceiling",
        },
    }],
    needs_completeness: false,
};

impl Check for NearCeiling {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let margin = settings.get("margin");
        for t in common::tenders(data) {
            let (Some((rt, tender)), Some((ra, a))) = (t.tender, t.award) else { continue };
            let ceiling = i128::from(tender.ceiling_price_fen.get());
            let price = i128::from(a.price_fen.get());
            if ceiling <= 0 || price > ceiling {
                continue;
            }
            // price ≥ ceiling × (1 − margin), exactly (margin in millionths).
            let m6 = if margin.is_finite() { (margin * 1e6).round().clamp(0.0, 1e6) as i128 } else { 0 };
            if price * 1_000_000 < ceiling * (1_000_000 - m6) {
                continue;
            }
            let below = (ceiling - price) as f64 / ceiling as f64;
            let label = t.label();
            let w = format::firm(data, &a.winner);
            let (p, c) = (format::money(a.price_fen), format::money(tender.ceiling_price_fen));
            let pct = format::percent(below);
            let m = format::percent(margin);
            common::report_tender(
                out,
                &t,
                None,
                format!(
                    "{} 中标价 {p}（{}）仅比最高投标限价 {c} 低 {pct}（不足 {m}），竞争不充分的迹象",
                    label.zh, w.zh
                ),
                format!(
                    "{} was won by {} at {p}, only {pct} below the ceiling price {c} (within {m}): a sign of weak competition",
                    label.en, w.en
                ),
                vec![Evidence::of(ra, "award"), Evidence::of(rt, "tender")],
                json!({"tender_id": t.tender_id, "winner": a.winner, "award_fen": a.price_fen, "ceiling_fen": tender.ceiling_price_fen, "below_ceiling_ratio": below, "margin": margin}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;

    const T: &str = "QJ-JS-2021-017-01";

    #[test]
    fn fires_within_one_percent_of_the_ceiling() {
        let mut f = Fixture::new();
        // 0.6% below ¥11,000,000.00.
        f.rec(Kind::Tender, tender(T, 1_100_000_000)).rec(Kind::Award, award(T, 1, 1_093_400_000));
        let out = f.run(&NearCeiling);
        mentions(single(&out), &["¥10,934,000.00", "¥11,000,000.00", "0.6%", &firm(1)]);
        // Exactly 1% below still fires.
        let mut f = Fixture::new();
        f.rec(Kind::Tender, tender(T, 1_100_000_000)).rec(Kind::Award, award(T, 1, 1_089_000_000));
        single(&f.run(&NearCeiling));
    }

    #[test]
    fn quiet_just_beyond_the_margin_or_above_the_ceiling() {
        let mut f = Fixture::new();
        // 1.01% below.
        f.rec(Kind::Tender, tender(T, 1_100_000_000)).rec(Kind::Award, award(T, 1, 1_088_890_000));
        quiet(&f.run(&NearCeiling));
        let mut f = Fixture::new();
        f.rec(Kind::Tender, tender(T, 1_100_000_000)).rec(Kind::Award, award(T, 1, 1_100_000_001));
        quiet(&f.run(&NearCeiling));
    }
}
