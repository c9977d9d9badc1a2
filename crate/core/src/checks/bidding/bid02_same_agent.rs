//! BID-02 不同投标人委托同一单位或者个人办理投标事宜 (条例 第40条(二)).
//!
//! Fires when two or more bidders of one tender name the same agent (代理人, person or unit), or
//! when a bid names another bidder of the same tender as its agent.

use super::common::{self, Shared, SharedFinding, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;

pub struct SameAgent;

static META: CheckMeta = CheckMeta {
    id: "BID-02",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "不同投标人委托同一单位或个人办理投标事宜", en: "The same agent handles bids for different bidders" },
    rule: Bilingual {
        zh: "同一标段中，两个以上投标人的投标事宜代理人为同一人或同一单位（或某投标人由另一投标人代理投标），视为串通投标",
        en: "In one tender, two or more bidders name the same agent, person or unit (or one bidder acts for another): deemed collusion",
    },
    source: "条例 第40条(二)",
    params: &[],
    needs_completeness: false,
};

/// The agent, and the bidder itself as a unit (so that "B's agent is bidder A" matches A). A bid
/// without an agent has only its own key and can only be matched by another bid's agent.
fn keys(b: &Bid) -> Vec<String> {
    let mut k = vec![format!("u:{}", b.bidder)];
    k.extend(b.agent.as_ref().map(common::party_key));
    k
}

fn groups<'a>(t: &TenderView<'a>) -> Vec<Shared<'a>> {
    common::shared_by(t, &keys)
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    common::links_of(tenders, groups, Reason::SharedAgent, META.id)
}

impl Check for SameAgent {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        common::report_shared(data, out, groups, "agents", &|_, g, firms| {
            let who = common::show_party_keys(data, &g.keys);
            SharedFinding::new(
                format!(
                    "{}委托同一单位或个人（{}）办理投标事宜，依《招标投标法实施条例》第四十条第（二）项视为串通投标",
                    firms.zh, who.zh
                ),
                format!(
                    "{} had their bids handled by the same agent ({}); deemed collusion under Art. 40(2) of the Regulations implementing the Bidding Law",
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

    #[test]
    fn fires_on_a_shared_agent() {
        let mut f = Fixture::new();
        let mut b3 = bid(T, 3, 1_098_000_000);
        b3["agent"] = json!({"unit": firm(77)});
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["agent"] = json!({"unit": firm(77)});
        f.rec(Kind::Bid, bid(T, 1, 1_045_000_000)).rec(Kind::Bid, b2).rec(Kind::Bid, b3);
        let out = f.run(&SameAgent);
        let x = single(&out);
        mentions(x, &[T, &firm(2), &firm(3), &firm(77)]);
        assert_eq!(x.evidence.len(), 2);
    }

    #[test]
    fn quiet_without_agents_or_with_different_ones() {
        let mut f = Fixture::new();
        let mut b1 = bid(T, 1, 1_045_000_000);
        b1.as_object_mut().map(|o| o.remove("agent"));
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2.as_object_mut().map(|o| o.remove("agent"));
        // Firm 3's agent is a unit that does not bid here.
        let mut b3 = bid(T, 3, 1_098_000_000);
        b3["agent"] = json!({"unit": firm(77)});
        f.rec(Kind::Bid, b1).rec(Kind::Bid, b2).rec(Kind::Bid, b3);
        quiet(&f.run(&SameAgent));
    }
}
