//! BID-04 不同投标人的投标报价呈规律性差异 (条例 第40条(四)).
//!
//! Looks for regularity among the prices of one tender (every opened bid, rejected ones included,
//! since cover bids are often made to be rejected):
//! - identical prices of different bidders (to the fen);
//! - a run of consecutive prices (in price order) forming an arithmetic progression (equal steps)
//!   or a geometric one (equal step ratios), or each a whole percentage above the previous one:
//!   `min_run` (3) prices starting from the lowest, or more than `min_run` anywhere;
//! - the `min_run − 1` or more prices right above the lowest each a whole percentage above it.
//!
//! "Equal" and "whole" are up to `tolerance`, relative to the quantity compared: two steps are
//! equal when they differ by at most 0.1% of the larger; a gap of g% is whole when it is within
//! 0.1% of g of an integer. So a cover price computed as the winner's × 1.02 and rounded to the
//! yuan still matches, while independently computed prices almost never do (the population test
//! below measures about 0.2% false alarms on competitive tenders).

use super::common::{self, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::Uscc;
use serde::Serialize;
use serde_json::json;

pub struct PricePatternCheck;

static META: CheckMeta = CheckMeta {
    id: "BID-04",
    family: Family::Bidding,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "投标报价呈规律性差异", en: "Abnormally regular bid prices" },
    rule: Bilingual {
        zh: "同一标段的投标报价相同；或按价格排序后，自最低价起连续三个（其他位置连续四个）以上报价成等差、等比数列或相邻差额为整百分比；或紧随最低价的两个以上报价均比最低价高出整百分比（容差 0.1%）",
        en: "In one tender, bids have identical prices; or, in price order, three consecutive prices from the lowest (four elsewhere) form an arithmetic or geometric progression or rise by whole percentages; or the two or more prices right above the lowest lie whole percentages above it (tolerance 0.1%)",
    },
    source: "条例 第40条(四)",
    params: &[
        Param {
            name: "tolerance",
            default: 0.001,
            unit: "ratio",
            description: Bilingual { zh: "规律性比较的相对容差", en: "Relative tolerance of the regularity comparisons" },
        },
        Param {
            name: "min_run",
            default: 3.0,
            unit: "count",
            description: Bilingual { zh: "构成规律的最少报价个数", en: "Fewest prices that make a pattern" },
        },
    ],
    needs_completeness: false,
};

/// A regularity among the prices of one tender. `members` index the prices given to
/// [`price_patterns`], in ascending price order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "pattern", rename_all = "snake_case")]
pub enum PricePattern {
    /// Two or more bids at exactly the same price.
    Identical { members: Vec<usize>, price_fen: i64 },
    /// Consecutive prices with equal steps.
    Arithmetic { members: Vec<usize>, step_fen: i64 },
    /// Consecutive prices with equal step ratios (each `step_ratio` above the previous).
    Geometric { members: Vec<usize>, step_ratio: f64 },
    /// Consecutive prices each a whole percentage above the previous one.
    WholePercentSteps { members: Vec<usize>, percents: Vec<i64> },
    /// The prices right above the lowest, each a whole percentage above it (the first member).
    WholePercentAboveLowest { members: Vec<usize>, percents: Vec<i64> },
}

impl PricePattern {
    pub fn members(&self) -> &[usize] {
        match self {
            PricePattern::Identical { members, .. }
            | PricePattern::Arithmetic { members, .. }
            | PricePattern::Geometric { members, .. }
            | PricePattern::WholePercentSteps { members, .. }
            | PricePattern::WholePercentAboveLowest { members, .. } => members,
        }
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs())
}

/// The whole percentage `g` (a fraction, e.g. 0.02) is close to, if any (at least 1%).
fn whole_percent(g: f64, tol: f64) -> Option<i64> {
    let pct = g * 100.0;
    let k = pct.round();
    (k >= 1.0 && (pct - k).abs() <= tol * k).then_some(k as i64)
}

/// Maximal runs [start, end] (inclusive, indices of steps) of at least `len` steps where `ok`
/// holds between the run's first step and every later one.
fn runs(steps: &[f64], len: usize, ok: &dyn Fn(f64, f64) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        let mut j = i;
        while j + 1 < steps.len() && ok(steps[i], steps[j + 1]) {
            j += 1;
        }
        if j + 1 - i >= len {
            out.push((i, j));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Regularities among `prices` (fen), with `tolerance` (0.001 = 0.1%) and patterns of at least
/// `min_run` prices (3). A pattern covered by a stronger one (identical > arithmetic > geometric >
/// whole-percent steps > whole percent above the lowest) is not repeated.
pub fn price_patterns(prices: &[i64], tolerance: f64, min_run: usize) -> Vec<PricePattern> {
    let min_run = min_run.max(3);
    let tol = if tolerance.is_finite() { tolerance.clamp(0.0, 0.5) } else { 0.001 };
    let mut order: Vec<usize> = (0..prices.len()).filter(|&i| prices[i] > 0).collect();
    crate::order::sort_by_key(&mut order, |&i| (prices[i], i));
    let mut found: Vec<PricePattern> = Vec::new();

    // Identical prices, then one representative per price for the progressions.
    let mut distinct: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < order.len() {
        let mut same = vec![order[k]];
        while k + same.len() < order.len() && prices[order[k + same.len()]] == prices[order[k]] {
            same.push(order[k + same.len()]);
        }
        distinct.push(order[k]);
        k += same.len();
        if same.len() >= 2 {
            found.push(PricePattern::Identical { price_fen: prices[same[0]], members: same });
        }
    }
    let q: Vec<f64> = distinct.iter().map(|&i| prices[i] as f64).collect();
    if q.len() >= min_run {
        let diffs: Vec<f64> = q.windows(2).map(|w| w[1] - w[0]).collect();
        let gaps: Vec<f64> = q.windows(2).map(|w| w[1] / w[0] - 1.0).collect();
        let members = |s: usize, e: usize| distinct[s..=e + 1].to_vec();
        // A run of just `min_run` prices counts only from the lowest price (cover prices are set
        // from the designated winner's; three regular prices somewhere among ten independent ones
        // happen by chance about once in a hundred tenders). Longer runs count anywhere.
        let runs = |steps: &[f64], ok: &dyn Fn(f64, f64) -> bool| -> Vec<(usize, usize)> {
            runs(steps, min_run - 1, ok).into_iter().filter(|&(s, e)| s == 0 || e + 2 - s > min_run).collect()
        };
        for (s, e) in runs(&diffs, &|a, b| close(a, b, tol)) {
            let step = (q[e + 1] - q[s]) / (e + 1 - s) as f64;
            found.push(PricePattern::Arithmetic { members: members(s, e), step_fen: step.round() as i64 });
        }
        for (s, e) in runs(&gaps, &|a, b| close(a, b, tol)) {
            let ratio = (q[e + 1] / q[s]).powf(1.0 / (e + 1 - s) as f64) - 1.0;
            found.push(PricePattern::Geometric { members: members(s, e), step_ratio: ratio });
        }
        for (s, e) in runs(&gaps, &|_, b| whole_percent(b, tol).is_some()) {
            if whole_percent(gaps[s], tol).is_none() {
                continue;
            }
            let percents = gaps[s..=e].iter().filter_map(|&g| whole_percent(g, tol)).collect();
            found.push(PricePattern::WholePercentSteps { members: members(s, e), percents });
        }
        // The prices right above the lowest, each a whole percentage above it.
        let above: Vec<(usize, i64)> =
            (1..q.len()).map_while(|j| whole_percent(q[j] / q[0] - 1.0, tol).map(|p| (distinct[j], p))).collect();
        if above.len() + 1 >= min_run {
            let mut members = vec![distinct[0]];
            members.extend(above.iter().map(|a| a.0));
            found
                .push(PricePattern::WholePercentAboveLowest { members, percents: above.iter().map(|a| a.1).collect() });
        }
    }
    // Drop patterns whose members a stronger pattern already covers.
    let mut kept: Vec<PricePattern> = Vec::new();
    for p in found {
        let covered = kept.iter().any(|k| p.members().iter().all(|m| k.members().contains(m)));
        if !covered {
            kept.push(p);
        }
    }
    kept
}

fn describe(data: &Dataset, p: &PricePattern, bids: &[(&Uscc, i64)]) -> (String, String) {
    let list = |members: &[usize]| -> (String, String) {
        let parts: Vec<(String, String)> = members
            .iter()
            .map(|&i| {
                let f = format::firm(data, bids[i].0);
                let m = format::yuan(i128::from(bids[i].1));
                (format!("{} {m}", f.zh), format!("{} {m}", f.en))
            })
            .collect();
        (
            parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("、"),
            parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(", "),
        )
    };
    let pcts = |v: &[i64]| v.iter().map(|p| format!("+{p}%")).collect::<Vec<_>>().join(", ");
    let (lz, le) = list(p.members());
    match p {
        PricePattern::Identical { price_fen, .. } => {
            let m = format::yuan(i128::from(*price_fen));
            (format!("{lz} 报价完全相同（{m}）"), format!("{le} bid exactly the same price ({m})"))
        }
        PricePattern::Arithmetic { step_fen, .. } => {
            let m = format::yuan(i128::from(*step_fen));
            (format!("{lz} 成等差数列（公差 {m}）"), format!("{le} form an arithmetic progression (step {m})"))
        }
        PricePattern::Geometric { step_ratio, .. } => {
            let r = format::percent(*step_ratio);
            (
                format!("{lz} 成等比数列（每级递增 {r}）"),
                format!("{le} form a geometric progression (each {r} above the previous)"),
            )
        }
        PricePattern::WholePercentSteps { percents, .. } => {
            let s = pcts(percents);
            (
                format!("{lz} 相邻报价之差均为整百分比（{s}）"),
                format!("{le} each lie a whole percentage above the previous ({s})"),
            )
        }
        PricePattern::WholePercentAboveLowest { percents, .. } => {
            let s = pcts(percents);
            (
                format!("{lz} 中其余报价均比最低价高出整百分比（{s}）"),
                format!("{le}: the other prices lie whole percentages above the lowest ({s})"),
            )
        }
    }
}

fn settings_of(s: &CheckSettings) -> (f64, usize) {
    let min_run = s.get("min_run");
    let min_run = if min_run.is_finite() { min_run.round().clamp(3.0, 100.0) as usize } else { 3 };
    (s.get("tolerance"), min_run)
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    let (tol, min_run) = settings_of(&CheckSettings::defaults(&META));
    let mut out = Vec::new();
    for t in tenders {
        let bids = t.all_prices();
        let prices: Vec<i64> = bids.iter().map(|b| b.1).collect();
        for p in price_patterns(&prices, tol, min_run) {
            let firms: Vec<&Uscc> = p.members().iter().map(|&i| bids[i].0).collect();
            for (a, b) in common::pairs(&firms) {
                out.push(Link {
                    a: a.to_string(),
                    b: b.to_string(),
                    reason: Reason::PricePattern,
                    tenders: vec![t.tender_id.to_owned()],
                    check: META.id,
                });
            }
        }
    }
    out
}

impl Check for PricePatternCheck {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let (tol, min_run) = settings_of(settings);
        for t in common::tenders(data) {
            let bids = t.all_prices();
            let prices: Vec<i64> = bids.iter().map(|b| b.1).collect();
            let patterns = price_patterns(&prices, tol, min_run);
            if patterns.is_empty() {
                continue;
            }
            let mut members: Vec<usize> = patterns.iter().flat_map(|p| p.members().iter().copied()).collect();
            crate::order::sort(&mut members);
            members.dedup();
            let firms: Vec<&Uscc> = members.iter().map(|&i| bids[i].0).collect();
            let described: Vec<(String, String)> = patterns.iter().map(|p| describe(data, p, &bids)).collect();
            let label = t.label();
            let tol_s = format::percent(tol);
            let values = json!({
                "tender_id": t.tender_id,
                "bids": bids.iter().map(|(u, p)| json!({"bidder": u, "price_fen": p})).collect::<Vec<_>>(),
                "patterns": patterns,
                "tolerance": tol,
            });
            common::report_tender(
                out,
                &t,
                None,
                format!(
                    "{} 中，投标报价呈规律性差异：{}（容差 {tol_s}）；依《招标投标法实施条例》第四十条第（四）项视为串通投标，需核实",
                    label.zh,
                    described.iter().map(|d| d.0.as_str()).collect::<Vec<_>>().join("；")
                ),
                format!(
                    "in {}, the bid prices are abnormally regular: {} (tolerance {tol_s}); deemed collusion under Art. 40(4) of the Regulations implementing the Bidding Law, to be verified",
                    label.en,
                    described.iter().map(|d| d.1.as_str()).collect::<Vec<_>>().join("; ")
                ),
                t.price_evidence(&firms),
                values,
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

    fn kinds(p: &[PricePattern]) -> Vec<&'static str> {
        p.iter()
            .map(|p| match p {
                PricePattern::Identical { .. } => "identical",
                PricePattern::Arithmetic { .. } => "arithmetic",
                PricePattern::Geometric { .. } => "geometric",
                PricePattern::WholePercentSteps { .. } => "steps",
                PricePattern::WholePercentAboveLowest { .. } => "above",
            })
            .collect()
    }

    #[test]
    fn recognises_each_pattern() {
        // Identical.
        assert_eq!(kinds(&price_patterns(&[100_000_000, 105_000_000, 100_000_000], 0.001, 3)), vec!["identical"]);
        // Four prices in arithmetic progression among other bids, in any input order; steps of
        // ¥123,456.78 ± 1 fen.
        let p = price_patterns(
            &[1_090_000_000, 1_012_345_678, 1_037_037_034, 1_024_691_357, 990_000_000, 1_049_382_711],
            0.001,
            3,
        );
        assert_eq!(kinds(&p), vec!["arithmetic"]);
        assert_eq!(p[0].members(), &[1, 3, 2, 5]);
        // Three from the lowest suffice.
        assert_eq!(
            kinds(&price_patterns(&[1_012_345_678, 1_037_037_034, 1_024_691_357], 0.001, 3)),
            vec!["arithmetic"]
        );
        // Geometric: ×1.015 each, rounded to the yuan.
        let g = [1_000_000_000i64, 1_015_000_000, 1_030_225_000, 1_045_678_400];
        assert_eq!(kinds(&price_patterns(&g, 0.001, 3)), vec!["geometric"]);
        // Whole-percent steps of +1% then +3% (not a progression).
        assert_eq!(kinds(&price_patterns(&[1_000_000_000, 1_010_000_000, 1_040_300_000], 0.001, 3)), vec!["steps"]);
        // The next two prices whole percentages above the lowest (+2%, +5%).
        let a = [1_000_000_000i64, 1_063_456_789, 1_020_000_000, 1_050_000_000];
        assert_eq!(kinds(&price_patterns(&a, 0.001, 3)), vec!["above"]);
        // … but not with a competitive bid in between.
        let a = [1_000_000_000i64, 1_013_456_789, 1_020_000_000, 1_050_000_000];
        assert!(price_patterns(&a, 0.001, 3).is_empty());
    }

    #[test]
    fn near_misses_are_not_patterns() {
        // Steps differing by 0.5%.
        assert!(price_patterns(&[1_000_000_000, 1_010_000_000, 1_020_050_000], 0.001, 3).is_empty());
        // Gaps of 2.01% and 3.02% above the lowest: not whole within 0.1% of the gap.
        assert!(price_patterns(&[1_000_000_000, 1_020_100_000, 1_030_200_000], 0.001, 3).is_empty());
        // Three in progression, but above a lower bid: chance.
        assert!(price_patterns(&[1_090_000_000, 1_012_345_678, 1_037_037_034, 1_024_691_357, 990_000_000], 0.001, 3)
            .is_empty());
        // Two bids cannot make a progression; zero prices are ignored.
        assert!(price_patterns(&[1_000_000_000, 1_020_000_000], 0.001, 3).is_empty());
        assert!(price_patterns(&[0, 0, 5], 0.001, 3).is_empty());
    }

    /// A tiny deterministic generator for the population test.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
        fn normal(&mut self) -> f64 {
            let (u, v) = (self.next().max(1e-12), self.next());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        }
    }

    #[test]
    fn rarely_fires_on_competitive_tenders() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut alarms = 0;
        let trials = 5_000;
        for _ in 0..trials {
            let n = 3 + (rng.next() * 10.0) as usize;
            let ceiling = 500_000_000.0 + rng.next() * 5_000_000_000.0;
            // Prices at 88–98% of the ceiling, rounded to the yuan.
            let prices: Vec<i64> =
                (0..n).map(|_| ((ceiling * (0.93 + 0.025 * rng.normal()) / 100.0).round() * 100.0) as i64).collect();
            if !price_patterns(&prices, 0.001, 3).is_empty() {
                alarms += 1;
            }
        }
        // About 0.2% with this generator.
        assert!(alarms * 200 < trials, "false alarms: {alarms} of {trials}");
    }

    #[test]
    fn fires_on_a_tender_with_cover_bids_at_whole_percentages() {
        let mut f = Fixture::new();
        f.rec(Kind::Tender, tender(T, 1_100_000_000));
        let win = 1_078_000_000;
        let bids = [(1, win), (2, win + win / 50), (3, win + win * 3 / 100), (4, 1_121_234_500)];
        for (n, p) in bids {
            f.rec(Kind::Bid, bid(T, n, p));
        }
        f.rec(Kind::Opening, opening(T, &bids));
        let out = f.run(&PricePatternCheck);
        let x = single(&out);
        mentions(x, &[&firm(1), &firm(2), &firm(3), "¥10,780,000.00", "+2%, +3%", "Art. 40(4)"]);
        assert!(!x.message.en.contains(&firm(4)), "{}", x.message.en);
        assert_eq!(x.evidence[0].role, "opening");
    }

    #[test]
    fn quiet_on_irregular_prices() {
        let mut f = Fixture::new();
        let bids = [(1, 1_045_678_912), (2, 1_071_200_000), (3, 1_098_350_000), (4, 1_061_234_500)];
        for (n, p) in bids {
            f.rec(Kind::Bid, bid(T, n, p));
        }
        quiet(&f.run(&PricePatternCheck));
    }
}
