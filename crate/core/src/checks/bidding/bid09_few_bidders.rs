//! BID-09 投标人少于 3 个仍开标或定标 (招标投标法 第28条; 条例 第44条).
//!
//! A tender with fewer than `min_bidders` bidders must not be opened; the tender must be
//! re-issued. Fires when an opening record lists fewer than 3 bidders, or when an award was made
//! on fewer than 3 bids. Without an opening record the number of bids is known only if the
//! trading centre's logs are proven complete up to the bid deadline (docs/decisions.md §10); otherwise the
//! tender cannot be evaluated.

use super::common::{self, TenderView};
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Completeness, Dataset, Evidence, Family, FindingSeverity,
    Findings, Param,
};
use crate::kinds::Kind;
use crate::time::Timestamp;
use serde_json::json;

pub struct FewBidders;

static META: CheckMeta = CheckMeta {
    id: "BID-09",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "投标人少于 3 个仍开标或定标", en: "Fewer than 3 bidders, yet opened or awarded" },
    rule: Bilingual {
        zh: "投标人少于 3 个的，不得开标，招标人应当依法重新招标；开标记录或中标通知显示投标人少于 3 个即触发",
        en: "With fewer than 3 bidders the tender may not be opened and must be re-issued; fires when the opening or the award shows fewer than 3 bidders",
    },
    source: "招标投标法 第28条; 条例 第44条",
    params: &[Param {
        name: "min_bidders",
        default: 3.0,
        unit: "count",
        description: Bilingual { zh: "开标所需的最少投标人数", en: "Fewest bidders an opening needs" },
    }],
    needs_completeness: true,
};

/// The instant by which every bid must be in: the effective deadline, else the end of the award
/// day (bids cannot follow the award).
fn bids_due(t: &TenderView) -> Option<Timestamp> {
    t.tender.map(|(_, x)| x.effective_deadline()).or(t.award.map(|(_, a)| format::end_of_day(a.notice_date)))
}

impl Check for FewBidders {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let min = format::whole(settings.get("min_bidders")).max(1) as usize;
        for t in common::tenders(data) {
            let label = t.label();
            let bidders = t.bidders();
            let firms = common::firms(data, &bidders);
            let n = bidders.len();
            if let Some((ro, o)) = t.opening {
                if n >= min {
                    continue;
                }
                let mut evidence = vec![Evidence::of(ro, "opening")];
                evidence.extend(t.award.map(|(r, _)| Evidence::of(r, "award")));
                let awarded = t.award.map(|(_, a)| format::firm(data, &a.winner));
                let (az, ae) = match &awarded {
                    Some(w) => (format!("，并确定 {}中标", w.zh), format!(" and awarded to {}", w.en)),
                    None => (String::new(), String::new()),
                };
                common::report_tender(
                    out,
                    &t,
                    None,
                    format!(
                        "{} 仅有 {n} 个投标人（{}），仍于 {} 开标{az}；投标人少于 {min} 个的应当重新招标",
                        label.zh,
                        firms.zh,
                        o.opened_at.local_date()
                    ),
                    format!(
                        "{} had only {n} bidder{} ({}), yet was opened on {}{ae}; with fewer than {min} bidders it must be re-issued",
                        label.en,
                        if n == 1 { "" } else { "s" },
                        firms.en,
                        o.opened_at.local_date()
                    ),
                    evidence,
                    json!({"tender_id": t.tender_id, "bidders": common::uscc_list(&bidders), "count": n, "min_bidders": min, "opened": true, "awarded": t.award.is_some()}),
                );
                continue;
            }
            // No opening record: an award made on the bids in the bundle.
            let Some((ra, a)) = t.award else { continue };
            if n >= min {
                continue;
            }
            let Some(due) = bids_due(&t) else { continue };
            match data.completeness(Kind::Bid, due) {
                Completeness::Proven => {
                    let mut evidence = vec![Evidence::of(ra, "award")];
                    evidence.extend(t.bids.iter().map(|(r, _)| Evidence::of(r, "bid")));
                    let w = format::firm(data, &a.winner);
                    common::report_tender(
                        out,
                        &t,
                        None,
                        format!(
                            "{} 截至投标截止仅收到 {n} 份投标（{}），仍于 {} 确定 {}中标；投标人少于 {min} 个的应当重新招标",
                            label.zh, firms.zh, a.notice_date, w.zh
                        ),
                        format!(
                            "{} received only {n} bid{} by the deadline ({}), yet was awarded to {} on {}; with fewer than {min} bidders it must be re-issued",
                            label.en,
                            if n == 1 { "" } else { "s" },
                            firms.en,
                            w.en,
                            a.notice_date
                        ),
                        evidence,
                        json!({"tender_id": t.tender_id, "bidders": common::uscc_list(&bidders), "count": n, "min_bidders": min, "opened": false, "awarded": true}),
                    );
                }
                Completeness::Unproven { logs } => {
                    let why = format::incomplete(Kind::Bid, due, &logs);
                    out.cannot_evaluate(
                        t.project,
                        crate::report::Message::new(
                            format!("{}：仅见 {n} 份投标而无开标记录；{}", label.zh, why.zh),
                            format!("{}: only {n} bids and no opening record; {}", label.en, why.en),
                        ),
                    );
                }
            }
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
    fn fires_when_two_bids_are_opened_and_awarded() {
        let mut f = Fixture::new();
        let bids = [(1, 1_045_000_000), (2, 1_071_000_000)];
        f.rec(Kind::Opening, opening(T, &bids)).rec(Kind::Award, award(T, 1, 1_045_000_000));
        let out = f.run(&FewBidders);
        let x = single(&out);
        mentions(x, &["仅有 2 个投标人", &firm(1), &firm(2), "2021-08-10", "awarded to"]);
        assert_eq!(x.evidence.len(), 2);
    }

    #[test]
    fn quiet_with_three_bidders_even_if_one_is_rejected() {
        let mut f = Fixture::new();
        let bids = [(1, 1_045_000_000), (2, 1_071_000_000), (3, 1_098_000_000)];
        let mut o = opening(T, &bids);
        o["disqualified"] = serde_json::json!([{"bidder": firm(3), "reason": "bond"}]);
        f.rec(Kind::Opening, o).rec(Kind::Award, award(T, 1, 1_045_000_000));
        quiet(&f.run(&FewBidders));
    }

    #[test]
    fn without_an_opening_needs_complete_logs() {
        let mut f = Fixture::new();
        f.rec(Kind::Tender, tender(T, 1_100_000_000))
            .rec(Kind::Bid, bid(T, 1, 1_045_000_000))
            .rec(Kind::Bid, bid(T, 2, 1_071_000_000))
            .rec(Kind::Award, award(T, 1, 1_045_000_000));
        let out = f.run(&FewBidders);
        assert!(out.findings().is_empty());
        assert_eq!(out.not_evaluated().len(), 1, "{:#?}", out.not_evaluated());
        f.complete_to("2021-09-01T00:00:00+08:00");
        let out = f.run(&FewBidders);
        mentions(single(&out), &["only 2 bids by the deadline", &firm(2)]);
    }
}
