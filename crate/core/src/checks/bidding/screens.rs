//! Statistical screens of the bids of one tender (BID-10; Imhof 2017, Huber & Imhof 2019,
//! Imhof, Karagök & Rutz 2018) and the fences that flag a tender.
//!
//! Per tender with at least 4 valid bids: the coefficient of variation (CV), the spread
//! ((max − min) / min), the relative distance of the two lowest bids
//! RD = (b₂ − b₁) / σ(losing bids), the skewness and the excess kurtosis. Rigged tenders tend to
//! show a compressed distribution (low CV, low spread) and cover bids clustered well above the
//! designated winner (high RD together with a low CV).
//!
//! Fences, by default, are Tukey's interquartile fences over every screened tender of the bundle:
//! Q1 − 1.5·IQR for CV and spread (computed on the logarithm, because these ratios are positive and
//! right-skewed: on the raw scale the lower fence is usually below zero and never fires) and
//! Q3 + 1.5·IQR for RD. A high RD counts only when the tender's CV is also below the bundle's median
//! CV: a competitive tender reaches a high RD through one aggressive low bid, which widens its
//! distribution, while cover bids compress it. With fewer than `min_tenders` screened tenders, or
//! when configured, fixed benchmark values replace the bundle fences.
//!
//! [`screen_tender`], [`bundle_fences`], [`Fences::fixed`] and [`Fences::flags`] are public so that
//! a generated population of tenders can be scored (detection and false-alarm rates).

use super::common::{self, TenderView};
use super::stats;
use crate::checks::{CheckSettings, Dataset};
use crate::kinds::Uscc;
use serde::Serialize;

/// The screens of one tender's prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Screens {
    /// Number of prices screened.
    pub n: usize,
    pub mean_fen: f64,
    /// Sample standard deviation.
    pub sd_fen: f64,
    /// Coefficient of variation: sd / mean.
    pub cv: f64,
    /// (max − min) / min.
    pub spread: f64,
    /// (b₂ − b₁) / sd of the losing bids (all but the lowest). `None` when the losing bids are all
    /// equal: unbounded if b₂ > b₁.
    pub rd: Option<f64>,
    /// Adjusted sample skewness (None when all prices are equal).
    pub skewness: Option<f64>,
    /// Sample excess kurtosis (None when all prices are equal).
    pub kurtosis: Option<f64>,
    pub lowest_fen: i64,
    pub second_fen: i64,
    pub highest_fen: i64,
}

impl Screens {
    /// Whether the relative distance is unbounded (identical losing bids above a lower winner).
    pub fn rd_unbounded(&self) -> bool {
        self.rd.is_none() && self.second_fen > self.lowest_fen
    }
}

/// Screen a tender's prices (fen). None with fewer than 4 positive prices.
pub fn screen_tender(prices: &[i64]) -> Option<Screens> {
    let mut p: Vec<i64> = prices.iter().copied().filter(|&x| x > 0).collect();
    if p.len() < 4 {
        return None;
    }
    crate::order::sort(&mut p);
    let x: Vec<f64> = p.iter().map(|&v| v as f64).collect();
    let mean = stats::mean(&x)?;
    let sd = stats::sample_sd(&x)?;
    let losing_sd = stats::sample_sd(&x[1..])?;
    let (b1, b2, max) = (x[0], x[1], x[x.len() - 1]);
    Some(Screens {
        n: p.len(),
        mean_fen: mean,
        sd_fen: sd,
        cv: sd / mean,
        spread: (max - b1) / b1,
        rd: (losing_sd > 0.0).then(|| (b2 - b1) / losing_sd),
        skewness: stats::skewness(&x),
        kurtosis: stats::kurtosis(&x),
        lowest_fen: p[0],
        second_fen: p[1],
        highest_fen: p[p.len() - 1],
    })
}

/// Where the fences come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FenceSource {
    /// Interquartile fences over the screened tenders of the bundle.
    Bundle,
    /// Fixed values, as configured.
    Fixed,
    /// Fixed values because too few tenders could be screened for bundle fences.
    FixedFallback,
}

/// The values beyond which a screen flags a tender.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fences {
    pub source: FenceSource,
    /// Tenders the bundle fences were computed over (0 for fixed values).
    pub tenders: usize,
    /// CV below this is low.
    pub cv_low: f64,
    /// Spread below this is low.
    pub spread_low: f64,
    /// RD above this is high.
    pub rd_high: f64,
    /// A high RD counts only with a CV below this (the bundle median).
    pub cv_median: f64,
}

/// Which screens flag a tender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScreenFlags {
    pub cv_low: bool,
    pub spread_low: bool,
    /// RD above its fence and CV below the median.
    pub rd_high: bool,
    pub flagged: bool,
}

impl Fences {
    /// Fixed benchmark values (BID-10's `*_fixed` parameters; defaults CV < 1%, spread < 2.5%,
    /// RD > 2 with CV < 3%).
    pub fn fixed(cv_low: f64, spread_low: f64, rd_high: f64, cv_median: f64, source: FenceSource) -> Fences {
        Fences { source, tenders: 0, cv_low, spread_low, rd_high, cv_median }
    }

    pub fn flags(&self, s: &Screens) -> ScreenFlags {
        let cv_low = s.cv < self.cv_low;
        let spread_low = s.spread < self.spread_low;
        let rd_beyond = match s.rd {
            Some(rd) => rd > self.rd_high,
            None => s.rd_unbounded(),
        };
        let rd_high = rd_beyond && s.cv < self.cv_median;
        ScreenFlags { cv_low, spread_low, rd_high, flagged: cv_low || spread_low || rd_high }
    }
}

/// Interquartile fences (factor `k`, usually 1.5) over screened tenders; CV and spread fences on
/// the logarithm when `log_scale`. None with fewer than 4 tenders.
pub fn bundle_fences(screens: &[&Screens], k: f64, log_scale: bool) -> Option<Fences> {
    if screens.len() < 4 {
        return None;
    }
    let low = |values: Vec<f64>| -> Option<f64> {
        if log_scale {
            let logs: Vec<f64> = values.iter().filter(|v| **v > 0.0).map(|v| v.ln()).collect();
            // Zero values (identical prices) are below any fence; fences need positive ones.
            stats::iqr_fences(&logs, k).map(|(lo, _)| lo.exp())
        } else {
            stats::iqr_fences(&values, k).map(|(lo, _)| lo)
        }
    };
    let cvs: Vec<f64> = screens.iter().map(|s| s.cv).collect();
    let rds: Vec<f64> = screens.iter().filter_map(|s| s.rd).collect();
    Some(Fences {
        source: FenceSource::Bundle,
        tenders: screens.len(),
        cv_low: low(cvs.clone())?,
        spread_low: low(screens.iter().map(|s| s.spread).collect())?,
        rd_high: stats::iqr_fences(&rds, k).map(|(_, hi)| hi).unwrap_or(f64::INFINITY),
        cv_median: stats::quantile(&cvs, 0.5)?,
    })
}

/// One screened tender, for findings and the page.
#[derive(Debug, Clone, Serialize)]
pub struct TenderScreens {
    pub project: Option<String>,
    pub tender_id: String,
    /// The valid bids screened, as (bidder, price in fen).
    pub bids: Vec<ScreenedBid>,
    pub screens: Screens,
    pub flags: ScreenFlags,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScreenedBid {
    pub bidder: String,
    pub price_fen: i64,
}

/// Every screened tender of the bundle with the fences in force.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenReport {
    pub fences: Fences,
    pub tenders: Vec<TenderScreens>,
}

/// The BID-10 settings that shape the screens.
pub(crate) struct ScreenSettings {
    pub fixed_mode: bool,
    pub min_bids: usize,
    pub min_tenders: usize,
    pub k: f64,
    pub log_scale: bool,
    pub cv_fixed: f64,
    pub spread_fixed: f64,
    pub rd_fixed: f64,
    pub cv_median_fixed: f64,
}

impl ScreenSettings {
    pub fn from(s: &CheckSettings) -> ScreenSettings {
        let count = |v: f64, min: f64| if v.is_finite() { v.round().clamp(min, 1e6) as usize } else { min as usize };
        ScreenSettings {
            fixed_mode: s.get("mode") >= 0.5,
            min_bids: count(s.get("min_bids"), 4.0),
            min_tenders: count(s.get("min_tenders"), 4.0),
            k: s.get("iqr_k"),
            log_scale: s.get("log_fences") >= 0.5,
            cv_fixed: s.get("cv_max_fixed"),
            spread_fixed: s.get("spread_max_fixed"),
            rd_fixed: s.get("rd_min_fixed"),
            cv_median_fixed: s.get("cv_median_fixed"),
        }
    }

    fn fixed(&self, source: FenceSource) -> Fences {
        Fences::fixed(self.cv_fixed, self.spread_fixed, self.rd_fixed, self.cv_median_fixed, source)
    }
}

/// The screens of one gathered tender, with its valid bids, if it has enough of them.
pub(crate) fn screen_view<'a>(t: &TenderView<'a>, min_bids: usize) -> Option<(Vec<(&'a Uscc, i64)>, Screens)> {
    let bids = t.valid_prices();
    if bids.len() < min_bids {
        return None;
    }
    let prices: Vec<i64> = bids.iter().map(|b| b.1).collect();
    screen_tender(&prices).map(|s| (bids, s))
}

/// A screened tender: its index, valid bids and screens.
pub(crate) type Screened<'a> = (usize, Vec<(&'a Uscc, i64)>, Screens);

/// Screen every tender of the bundle and compute the fences.
pub(crate) fn screen_all<'a>(tenders: &[TenderView<'a>], s: &ScreenSettings) -> (Fences, Vec<Screened<'a>>) {
    let screened: Vec<Screened> =
        tenders.iter().enumerate().filter_map(|(i, t)| screen_view(t, s.min_bids).map(|(b, sc)| (i, b, sc))).collect();
    let fences = if s.fixed_mode {
        s.fixed(FenceSource::Fixed)
    } else if screened.len() < s.min_tenders {
        s.fixed(FenceSource::FixedFallback)
    } else {
        let refs: Vec<&Screens> = screened.iter().map(|x| &x.2).collect();
        bundle_fences(&refs, s.k, s.log_scale).unwrap_or_else(|| s.fixed(FenceSource::FixedFallback))
    };
    (fences, screened)
}

/// Every screened tender of the bundle with BID-10's default settings, for the page (call once
/// per analysis: the fences depend on all tenders).
pub fn screen_bundle(data: &Dataset) -> ScreenReport {
    screen_bundle_with(data, &CheckSettings::defaults(super::bid10_screens::meta()))
}

/// [`screen_bundle`] with given BID-10 settings.
pub fn screen_bundle_with(data: &Dataset, settings: &CheckSettings) -> ScreenReport {
    let tenders = common::tenders(data);
    let s = ScreenSettings::from(settings);
    let (fences, screened) = screen_all(&tenders, &s);
    let tenders = screened
        .into_iter()
        .map(|(i, bids, screens)| TenderScreens {
            project: tenders[i].project.map(str::to_owned),
            tender_id: tenders[i].tender_id.to_owned(),
            bids: bids.iter().map(|(u, p)| ScreenedBid { bidder: u.to_string(), price_fen: *p }).collect(),
            flags: fences.flags(&screens),
            screens,
        })
        .collect();
    ScreenReport { fences, tenders }
}

/// The screens of one tender (by 招标编号) with the bundle's fences, as JSON for the page:
/// `{"project", "tender_id", "bids", "screens", "flags", "fences"}`; None when the tender has too
/// few valid bids to screen. Screens every tender of the bundle to get the fences: a page showing
/// many tenders should call [`screen_bundle`] once instead.
pub fn tender_screens(data: &Dataset, tender_id: &str) -> Option<serde_json::Value> {
    let report = screen_bundle(data);
    let t = report.tenders.into_iter().find(|t| t.tender_id == tender_id)?;
    let mut v = serde_json::to_value(&t).ok()?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("fences".into(), serde_json::to_value(&report.fences).ok()?);
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screens_of_a_small_tender() {
        // 100, 104, 106, 108 (×10⁶ fen): mean 104.5, Σ(x − m)² = 35, sd √(35/3); losing bids
        // 104, 106, 108 have sd 2, so RD = (104 − 100) / 2 = 2; spread 8%.
        let s = screen_tender(&[108_000_000, 100_000_000, 106_000_000, 104_000_000]).unwrap();
        assert_eq!(s.n, 4);
        assert!((s.mean_fen - 104.5e6).abs() < 1e-6);
        assert!((s.sd_fen - (35.0f64 / 3.0).sqrt() * 1e6).abs() < 1e-3);
        assert!((s.cv - (35.0f64 / 3.0).sqrt() / 104.5).abs() < 1e-12);
        assert!((s.spread - 0.08).abs() < 1e-12);
        assert!((s.rd.unwrap() - 2.0).abs() < 1e-12);
        assert_eq!((s.lowest_fen, s.second_fen, s.highest_fen), (100_000_000, 104_000_000, 108_000_000));
        assert!(screen_tender(&[1, 2, 3]).is_none());
        assert!(screen_tender(&[1, 2, 3, 0]).is_none());
    }

    #[test]
    fn identical_cover_bids_have_an_unbounded_relative_distance() {
        let s = screen_tender(&[100, 120, 120, 120]).unwrap();
        assert_eq!(s.rd, None);
        assert!(s.rd_unbounded());
        let f = Fences::fixed(0.0, 0.0, 2.0, 1.0, FenceSource::Fixed);
        assert!(f.flags(&s).rd_high);
    }

    #[test]
    fn bundle_fences_are_interquartile_on_the_log_scale() {
        let screens: Vec<Screens> = [0.01f64, 0.02, 0.04, 0.08]
            .iter()
            .map(|&cv| Screens {
                n: 5,
                mean_fen: 1.0,
                sd_fen: cv,
                cv,
                spread: cv * 3.0,
                rd: Some(cv * 100.0),
                skewness: None,
                kurtosis: None,
                lowest_fen: 1,
                second_fen: 2,
                highest_fen: 3,
            })
            .collect();
        let refs: Vec<&Screens> = screens.iter().collect();
        let f = bundle_fences(&refs, 1.5, true).unwrap();
        // ln CV quartiles: Q1 = ln 0.01 + 0.75·ln 2, Q3 = ln 0.01 + 2.25·ln 2, IQR = 1.5·ln 2;
        // lower fence = ln 0.01 − 1.5·ln 2 → 0.01 / 2^1.5.
        assert!((f.cv_low - 0.01 / 2f64.powf(1.5)).abs() < 1e-12);
        // RD (raw): 1, 2, 4, 8 → Q1 1.75, Q3 5, fence 5 + 1.5·3.25 = 9.875.
        assert!((f.rd_high - 9.875).abs() < 1e-12);
        assert!((f.cv_median - 0.03).abs() < 1e-12);
        assert_eq!(f.tenders, 4);
    }
}
