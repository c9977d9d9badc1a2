//! BID-15 中标候选人公示期不足 3 日 (条例 第54条).
//!
//! Fires when a publicity of candidates lasted fewer than `min_days` calendar days, counting the
//! first and the last day.

use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::candidates::Candidates;
use serde_json::json;

pub struct Publicity;

static META: CheckMeta = CheckMeta {
    id: "BID-15",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "中标候选人公示不足 3 日", en: "Candidates publicised for fewer than 3 days" },
    rule: Bilingual {
        zh: "依法必须进行招标的项目，中标候选人公示期不得少于 3 日（含首尾两日）",
        en: "For tenders that must be held by law, the candidates must be publicised for at least 3 days (first and last day included)",
    },
    source: "条例 第54条",
    params: &[Param {
        name: "min_days",
        default: 3.0,
        unit: "days",
        description: Bilingual { zh: "最短公示期", en: "Shortest publicity" },
    }],
    needs_completeness: false,
};

impl Check for Publicity {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let min = format::whole(settings.get("min_days"));
        for (r, c) in data.all::<Candidates>() {
            let days = format::days_between(c.publicity_start, c.publicity_end) + 1;
            if days >= min {
                continue;
            }
            let project = r.record.project.as_deref();
            let d = format::days(days);
            let f = out.report(
                project,
                format::about(
                    project,
                    format!(
                        "标段 {} 中标候选人公示期为 {} 至 {}，仅 {}，少于 {min} 日",
                        c.tender_id, c.publicity_start, c.publicity_end, d.zh
                    ),
                    format!(
                        "tender {} publicised its candidates from {} to {}, only {}, under {min} days",
                        c.tender_id, c.publicity_start, c.publicity_end, d.en
                    ),
                ),
                vec![Evidence::of(r, "candidates")],
                json!({"tender_id": c.tender_id, "start": c.publicity_start.to_string(), "end": c.publicity_end.to_string(), "days": days, "min_days": min}),
            );
            f.tender = Some(c.tender_id.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::{json, Value};

    fn candidates(start: &str, end: &str) -> Value {
        json!({
            "tender_id": "QJ-JS-2021-017-01",
            "candidates": [{"rank": 1, "bidder": firm(1), "price_fen": 1_045_000_000}],
            "publicity_start": start,
            "publicity_end": end
        })
    }

    #[test]
    fn fires_on_two_days() {
        let mut f = Fixture::new();
        f.rec(Kind::Candidates, candidates("2021-08-11", "2021-08-12"));
        mentions(single(&f.run(&Publicity)), &["2021-08-11", "2021-08-12", "2 days", "QJ-JS-2021-017-01"]);
    }

    #[test]
    fn quiet_on_three_days() {
        let mut f = Fixture::new();
        f.rec(Kind::Candidates, candidates("2021-08-11", "2021-08-13"));
        quiet(&f.run(&Publicity));
    }
}
