//! BID-14 投标期不足 20 日；澄清或修改晚于投标截止前 15 日且未顺延 (招标投标法 第24条, 第23条).
//!
//! From the tender record alone: the days from the first issue of the tender documents to the
//! (final) bid deadline must be at least `min_period_days`; each clarification or amendment must be
//! issued at least `min_clarification_days` before the deadline in force after it, so a late one is
//! lawful only when the deadline was extended far enough.

use super::common;
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use serde_json::json;

pub struct BiddingPeriod;

static META: CheckMeta = CheckMeta {
    id: "BID-14",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual {
        zh: "投标期不足 20 日或澄清晚于截止前 15 日且未顺延",
        en: "Bidding period under 20 days, or a late clarification without extension",
    },
    rule: Bilingual {
        zh: "自招标文件开始发出之日起至投标截止之日止不得少于 20 日；澄清或者修改应当在投标截止时间至少 15 日前发出，不足 15 日的应当顺延投标截止时间",
        en: "At least 20 days from the first issue of the tender documents to the bid deadline; clarifications or amendments at least 15 days before the deadline, else the deadline must be extended",
    },
    source: "招标投标法 第24条, 第23条",
    params: &[
        Param {
            name: "min_period_days",
            default: 20.0,
            unit: "days",
            description: Bilingual { zh: "最短投标期", en: "Shortest bidding period" },
        },
        Param {
            name: "min_clarification_days",
            default: 15.0,
            unit: "days",
            description: Bilingual { zh: "澄清距投标截止的最短天数", en: "Fewest days between a clarification and the deadline" },
        },
    ],
    needs_completeness: false,
};

impl Check for BiddingPeriod {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let min_period = format::whole(settings.get("min_period_days"));
        let min_clar = format::whole(settings.get("min_clarification_days"));
        for t in common::tenders(data) {
            let Some((r, tender)) = t.tender else { continue };
            let label = t.label();
            let deadline = tender.effective_deadline();
            let deadline_day = deadline.local_date();
            let extended = deadline.unix != tender.bid_deadline.unix;
            let period = format::days_between(tender.published_date, deadline_day);
            if period < min_period {
                let (ez, ee) = if extended {
                    (format!("（已顺延至 {deadline}）"), format!(" (extended to {deadline})"))
                } else {
                    (String::new(), String::new())
                };
                let d = format::days(period);
                common::report_tender(
                    out,
                    &t,
                    None,
                    format!(
                        "{} 招标文件于 {} 开始发出，投标截止 {deadline_day}{ez}，投标期仅 {}，少于 {min_period} 日",
                        label.zh, tender.published_date, d.zh
                    ),
                    format!(
                        "{} issued its tender documents on {} with a bid deadline of {deadline_day}{ee}: a bidding period of only {}, under {min_period} days",
                        label.en, tender.published_date, d.en
                    ),
                    vec![Evidence::of(r, "tender")],
                    json!({"tender_id": t.tender_id, "rule": "bidding_period", "published": tender.published_date.to_string(), "deadline": deadline.to_string(), "days": period, "min_days": min_period}),
                );
            }
            for c in &tender.clarifications {
                // The deadline in force after this clarification: the latest extension issued with
                // it or later, else the original deadline.
                let after = tender
                    .clarifications
                    .iter()
                    .filter(|o| o.date >= c.date)
                    .filter_map(|o| o.extended_deadline)
                    .fold(tender.bid_deadline, |a, b| if b.unix > a.unix { b } else { a });
                let lead = format::days_between(c.date, after.local_date());
                if lead >= min_clar {
                    continue;
                }
                let ext = after.unix != tender.bid_deadline.unix;
                let (ez, ee) = if ext {
                    (
                        format!("虽顺延至 {after} 仍距澄清不足 {min_clar} 日"),
                        format!("the extension to {after} still leaves under {min_clar} days"),
                    )
                } else {
                    ("且未顺延投标截止时间".to_owned(), "and the deadline was not extended".to_owned())
                };
                let d = format::days(lead);
                common::report_tender(
                    out,
                    &t,
                    None,
                    format!(
                        "{} 于 {} 发出澄清或修改，距投标截止 {} 仅 {}，{ez}",
                        label.zh,
                        c.date,
                        after.local_date(),
                        d.zh
                    ),
                    format!(
                        "{} issued a clarification on {}, only {} before the bid deadline {}, {ee}",
                        label.en,
                        c.date,
                        d.en,
                        after.local_date()
                    ),
                    vec![Evidence::of(r, "tender")],
                    json!({"tender_id": t.tender_id, "rule": "late_clarification", "clarification": c.date.to_string(), "deadline": after.to_string(), "days": lead, "min_days": min_clar}),
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
    fn fires_on_a_short_period_and_a_late_clarification() {
        let mut f = Fixture::new();
        let mut t = tender(T, 1_100_000_000);
        t["published_date"] = json!("2021-07-25");
        t["clarifications"] = json!([{"date": "2021-08-01"}]);
        f.rec(Kind::Tender, t);
        let out = f.run(&BiddingPeriod);
        assert_eq!(out.findings().len(), 2, "{:#?}", out.findings());
        mentions(&out.findings()[0], &["2021-07-25", "2021-08-10", "16 days", "仅 16 天"]);
        mentions(&out.findings()[1], &["2021-08-01", "9 days", "未顺延"]);
    }

    #[test]
    fn quiet_at_exactly_twenty_days_and_with_a_sufficient_extension() {
        let mut f = Fixture::new();
        let mut t = tender(T, 1_100_000_000);
        t["published_date"] = json!("2021-07-21");
        t["clarifications"] = json!([{"date": "2021-08-01", "extended_deadline": "2021-08-16T09:30:00+08:00"}]);
        f.rec(Kind::Tender, t);
        quiet(&f.run(&BiddingPeriod));
    }

    #[test]
    fn an_insufficient_extension_still_fires() {
        let mut f = Fixture::new();
        let mut t = tender(T, 1_100_000_000);
        t["clarifications"] = json!([{"date": "2021-08-01", "extended_deadline": "2021-08-14T09:30:00+08:00"}]);
        f.rec(Kind::Tender, t);
        mentions(single(&f.run(&BiddingPeriod)), &["13 days", "extension to"]);
    }
}
