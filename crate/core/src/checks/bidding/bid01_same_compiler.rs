//! BID-01 不同投标人的投标文件由同一单位或者个人编制 (条例 第40条(一)).
//!
//! Fires when two or more bidders of one tender name the same compiler (编制人, person or unit),
//! or when a bid names another bidder of the same tender as its compiler.

use super::common::{self, Shared, SharedFinding, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;

pub struct SameCompiler;

static META: CheckMeta = CheckMeta {
    id: "BID-01",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "不同投标人的投标文件由同一单位或个人编制", en: "Bids of different bidders compiled by the same person or unit" },
    rule: Bilingual {
        zh: "同一标段中，两个以上投标人的投标文件编制人为同一人或同一单位（或某投标人的投标文件由另一投标人编制），视为串通投标",
        en: "In one tender, the bids of two or more bidders name the same compiler, person or unit (or one bidder compiled another's bid): deemed collusion",
    },
    source: "条例 第40条(一)",
    params: &[],
    needs_completeness: false,
};

/// The compiler, and the bidder itself as a unit (so that "B's bid compiled by bidder A" matches A).
fn keys(b: &Bid) -> Vec<String> {
    vec![common::party_key(&b.compiler), format!("u:{}", b.bidder)]
}

fn groups<'a>(t: &TenderView<'a>) -> Vec<Shared<'a>> {
    common::shared_by(t, &keys)
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    common::links_of(tenders, groups, Reason::SharedCompiler, META.id)
}

impl Check for SameCompiler {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        common::report_shared(data, out, groups, "compilers", &|_, g, firms| {
            let who = common::show_party_keys(data, &g.keys);
            SharedFinding::new(
                format!(
                    "{}的投标文件由同一单位或个人编制（编制人：{}），依《招标投标法实施条例》第四十条第（一）项视为串通投标",
                    firms.zh, who.zh
                ),
                format!(
                    "the bids of {} were compiled by the same person or unit ({}); deemed collusion under Art. 40(1) of the Regulations implementing the Bidding Law",
                    firms.en, who.en
                ),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    const T: &str = "QJ-JS-2021-017-01";

    fn three_bids(f: &mut Fixture) -> Vec<serde_json::Value> {
        f.rec(Kind::Tender, tender(T, 1_100_000_000));
        vec![bid(T, 1, 1_045_000_000), bid(T, 2, 1_071_000_000), bid(T, 3, 1_098_000_000)]
    }

    #[test]
    fn fires_on_a_shared_compiler() {
        let mut f = Fixture::new();
        let mut bids = three_bids(&mut f);
        bids[2]["compiler"] = bids[0]["compiler"].clone();
        for b in bids {
            f.rec(Kind::Bid, b);
        }
        f.rec(Kind::Company, company(3));
        let out = f.run(&SameCompiler);
        let x = single(&out);
        mentions(x, &[T, &firm(1), "潜江市第3建设工程有限公司", "pid:0000000030000001", PROJECT]);
        assert_eq!(x.evidence.len(), 2);
        assert_eq!(x.tender.as_deref(), Some(T));
    }

    #[test]
    fn fires_when_a_bidder_compiled_a_rival_bid() {
        let mut f = Fixture::new();
        let mut bids = three_bids(&mut f);
        bids[1]["compiler"] = json!({"unit": firm(1)});
        for b in bids {
            f.rec(Kind::Bid, b);
        }
        let out = f.run(&SameCompiler);
        mentions(single(&out), &[&firm(1), &firm(2)]);
    }

    #[test]
    fn quiet_when_compilers_differ_or_the_bid_is_in_another_tender() {
        let mut f = Fixture::new();
        let bids = three_bids(&mut f);
        for b in bids {
            f.rec(Kind::Bid, b);
        }
        // Same compiler as firm 1, but on another tender.
        let mut other = bid("QJ-JS-2021-018-01", 4, 900_000_000);
        other["compiler"] = bid(T, 1, 0)["compiler"].clone();
        f.rec(Kind::Bid, other);
        // A resubmission by firm 2 keeps one bid per bidder.
        let mut again = bid(T, 2, 1_070_000_000);
        again["submitted_at"] = json!("2021-08-09T17:00:00+08:00");
        f.rec(Kind::Bid, again);
        quiet(&f.run(&SameCompiler));
    }
}
