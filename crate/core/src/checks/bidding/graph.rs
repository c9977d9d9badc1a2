//! The co-bidding network for the page: firms as nodes, and edges between firms that bid the same
//! tenders, with the reasons that link them (the checks' evidence). ECharts draws it and colours
//! edges by reason.
//!
//! Bounded: an edge is kept when some check links the two firms, or when they bid together in at
//! least [`MIN_COBIDS`] tenders; co-bidding-only edges are capped at [`MAX_COBID_EDGES`] (the most
//! frequent first), and nodes are the firms on a kept edge.

use super::common::{self, TenderView};
use crate::checks::Dataset;
use crate::order::SortedSet;
use serde::Serialize;
use std::collections::BTreeMap;

/// Co-bidding alone makes an edge from this many common tenders.
pub const MIN_COBIDS: u32 = 3;
/// At most this many edges whose only reason is co-bidding.
pub const MAX_COBID_EDGES: usize = 300;

/// The co-bidding graph.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoBiddingGraph {
    pub nodes: Vec<FirmNode>,
    pub edges: Vec<FirmEdge>,
    /// Whether co-bidding-only edges were left out to stay within [`MAX_COBID_EDGES`].
    pub truncated: bool,
}

/// A bidding firm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmNode {
    /// The 统一社会信用代码 (the node id).
    pub id: String,
    /// 企业名称, from the company registry when the bundle has it.
    pub name: Option<String>,
    /// Tenders it bid in.
    pub tenders: u32,
    /// Tenders it won.
    pub wins: u32,
}

/// Two firms and what links them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmEdge {
    pub source: String,
    pub target: String,
    /// Tenders both bid in.
    pub weight: u32,
    pub reasons: Vec<EdgeReason>,
}

/// One reason on an edge: what, in which tenders, found by which check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeReason {
    pub reason: Reason,
    /// 招标编号
    pub tenders: Vec<String>,
    /// The check id, or "" for plain co-bidding.
    pub check: &'static str,
}

/// Why two firms are linked in the co-bidding graph (the page colours edges by reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// BID-03: the same person in both bids' project teams
    SharedPerson,
    /// BID-02: the same agent handles both bids
    SharedAgent,
    /// BID-01: the same person or unit compiled both bids
    SharedCompiler,
    /// BID-06: bid bonds paid from one account or by one payer
    SharedAccount,
    /// BID-07: the same upload machine or pricing-software lock
    SharedMachine,
    /// BID-05: identical documents
    SharedDocument,
    /// BID-07: the same IP address only
    SharedIp,
    /// BID-08: a common legal representative, shareholding or controller
    Control,
    /// BID-04: abnormally regular prices
    PricePattern,
    /// BID-11: a group that takes turns winning, or a firm that always loses to the same winner
    Rotation,
    /// The firms bid on the same tenders (no other reason)
    CoBidding,
}

impl Reason {
    /// Every reason, in the order the page's legend lists them.
    pub const ALL: &'static [Reason] = &[
        Reason::SharedPerson,
        Reason::SharedAgent,
        Reason::SharedCompiler,
        Reason::SharedAccount,
        Reason::SharedMachine,
        Reason::SharedDocument,
        Reason::SharedIp,
        Reason::Control,
        Reason::PricePattern,
        Reason::Rotation,
        Reason::CoBidding,
    ];

    /// The wire name (`shared_person`, …) and the name the page shows.
    pub fn name(self) -> (&'static str, crate::checks::Bilingual) {
        let (id, zh, en) = match self {
            Reason::SharedPerson => ("shared_person", "同一人员", "Shared person"),
            Reason::SharedAgent => ("shared_agent", "同一代理", "Same agent"),
            Reason::SharedCompiler => ("shared_compiler", "同一编制人", "Same compiler"),
            Reason::SharedAccount => ("shared_account", "同一账户", "Shared account"),
            Reason::SharedMachine => ("shared_machine", "同一设备", "Same machine"),
            Reason::SharedDocument => ("shared_document", "同一文件", "Same document"),
            Reason::SharedIp => ("shared_ip", "同一 IP", "Same IP"),
            Reason::Control => ("control", "关联控制", "Control relation"),
            Reason::PricePattern => ("price_pattern", "报价规律异常", "Price pattern"),
            Reason::Rotation => ("rotation", "轮流中标", "Rotation"),
            Reason::CoBidding => ("co_bidding", "共同投标", "Co-bidding"),
        };
        (id, crate::checks::Bilingual { zh, en })
    }
}

/// One reason linking two firms, found by a check in one tender (or across tenders for rotation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub a: String,
    pub b: String,
    pub reason: Reason,
    /// 招标编号 (for rotation: every tender of the group)
    pub tenders: Vec<String>,
    pub check: &'static str,
}

/// Links found by the per-tender checks BID-01 to BID-08 (shared compiler, agent, person, prices,
/// documents, bond source, machine or IP, control relations).
pub(crate) fn evidence_links(data: &Dataset, tenders: &[super::common::TenderView]) -> Vec<Link> {
    let mut out = super::bid01_same_compiler::links(tenders);
    out.extend(super::bid02_same_agent::links(tenders));
    out.extend(super::bid03_same_team_member::links(tenders));
    out.extend(super::bid04_price_pattern::links(tenders));
    out.extend(super::bid05_same_document::links(tenders));
    out.extend(super::bid06_bond_account::links(tenders));
    out.extend(super::bid07_same_machine::links(tenders));
    out.extend(super::bid08_common_control::links(data, tenders));
    out
}

/// Build the graph from the verified records.
pub fn build(data: &Dataset) -> CoBiddingGraph {
    let tenders = common::tenders(data);
    let evidence = evidence_links(data, &tenders);
    let rotation = super::bid11_rotation::links(data, &tenders, &evidence);
    build_from(data, &tenders, evidence.into_iter().chain(rotation).collect())
}

/// Tenders per (reason, check) of one pair of firms.
type ReasonTenders = BTreeMap<(Reason, &'static str), SortedSet<String>>;

fn build_from(data: &Dataset, tenders: &[TenderView], links: Vec<Link>) -> CoBiddingGraph {
    // Co-bidding counts and tenders per pair; bids and wins per firm.
    let mut cobids: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut bids: BTreeMap<String, u32> = BTreeMap::new();
    let mut wins: BTreeMap<String, u32> = BTreeMap::new();
    for t in tenders {
        let mut firms: Vec<String> = t.bidders().iter().map(|u| u.to_string()).collect();
        crate::order::sort(&mut firms);
        firms.dedup();
        for f in &firms {
            *bids.entry(f.clone()).or_default() += 1;
        }
        if let Some(w) = t.winner() {
            *wins.entry(w.to_string()).or_default() += 1;
        }
        for (a, b) in common::pairs(&firms.iter().collect::<Vec<_>>()) {
            cobids.entry((a.clone(), b.clone())).or_default().push(t.tender_id.to_owned());
        }
    }
    // Reasons per pair: (reason, check) → tenders.
    let mut reasons: BTreeMap<(String, String), ReasonTenders> = BTreeMap::new();
    for l in links {
        if l.a == l.b {
            continue;
        }
        let key = if l.a < l.b { (l.a, l.b) } else { (l.b, l.a) };
        reasons.entry(key).or_default().entry((l.reason, l.check)).or_default().extend(l.tenders);
    }
    let mut edges: Vec<FirmEdge> = Vec::new();
    for ((a, b), by) in &reasons {
        let weight = cobids.get(&(a.clone(), b.clone())).map_or(0, |v| v.len() as u32);
        edges.push(FirmEdge {
            source: a.clone(),
            target: b.clone(),
            weight,
            reasons: by
                .iter()
                .map(|((reason, check), t)| EdgeReason { reason: *reason, tenders: t.iter().cloned().collect(), check })
                .collect(),
        });
    }
    let mut plain: Vec<(&(String, String), &Vec<String>)> =
        cobids.iter().filter(|(k, v)| v.len() as u32 >= MIN_COBIDS && !reasons.contains_key(*k)).collect();
    crate::order::sort_by(&mut plain, |x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(y.0)));
    let truncated = plain.len() > MAX_COBID_EDGES;
    for ((a, b), t) in plain.into_iter().take(MAX_COBID_EDGES) {
        edges.push(FirmEdge {
            source: a.clone(),
            target: b.clone(),
            weight: t.len() as u32,
            reasons: vec![EdgeReason { reason: Reason::CoBidding, tenders: t.clone(), check: "" }],
        });
    }
    crate::order::sort_by(&mut edges, |x, y| (&x.source, &x.target).cmp(&(&y.source, &y.target)));
    let on_edge: SortedSet<&str> = edges.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]).collect();
    let nodes = on_edge
        .into_iter()
        .map(|id| FirmNode {
            id: id.to_owned(),
            name: data.firm_name(id).map(str::to_owned),
            tenders: bids.get(id).copied().unwrap_or(0),
            wins: wins.get(id).copied().unwrap_or(0),
        })
        .collect();
    CoBiddingGraph { nodes, edges, truncated }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    #[test]
    fn edges_carry_reasons_and_plain_cobidding_needs_three_tenders() {
        let mut f = Fixture::new();
        // Firms 1, 2, 3 bid in three tenders; 1 and 2 share a compiler in the first; 4 bids once.
        for k in 0..3 {
            let id = format!("QJ-G-{k}");
            let mut b1 = bid(&id, 1, 1_000_000_000);
            let mut b2 = bid(&id, 2, 1_013_000_000);
            if k == 0 {
                b2["compiler"] = b1["compiler"].clone();
                b1["machine"]["ip"] = json!("8.8.8.8");
                b2["machine"]["ip"] = json!("8.8.8.8");
            }
            f.rec(Kind::Bid, b1).rec(Kind::Bid, b2).rec(Kind::Bid, bid(&id, 3, 1_047_000_000));
        }
        // One award (a single win is no rotation).
        f.rec(Kind::Award, award("QJ-G-1", 3, 1_047_000_000));
        f.rec(Kind::Bid, bid("QJ-G-0", 4, 1_090_000_000));
        f.add(Kind::Company, None, company(1));
        let g = build(&f.data());
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec![firm(1), firm(2), firm(3)], "firm 4 co-bid only once");
        assert_eq!(g.nodes[0].name.as_deref(), Some("潜江市第1建设工程有限公司"));
        assert_eq!((g.nodes[0].tenders, g.nodes[0].wins), (3, 0));
        assert_eq!((g.nodes[2].tenders, g.nodes[2].wins), (3, 1));
        assert_eq!(g.edges.len(), 3);
        let e12 = &g.edges[0];
        assert_eq!((e12.source.as_str(), e12.target.as_str(), e12.weight), (firm(1).as_str(), firm(2).as_str(), 3));
        let r: Vec<Reason> = e12.reasons.iter().map(|r| r.reason).collect();
        assert_eq!(r, vec![Reason::SharedCompiler, Reason::SharedIp]);
        assert_eq!(e12.reasons[0].tenders, vec!["QJ-G-0".to_owned()]);
        assert_eq!(e12.reasons[0].check, "BID-01");
        assert_eq!(g.edges[1].reasons[0].reason, Reason::CoBidding);
        let v = serde_json::to_value(&g).unwrap();
        assert_eq!(v["edges"][0]["reasons"][0]["reason"], "shared_compiler");
        assert!(!g.truncated);
    }

    #[test]
    fn empty_bundle_gives_an_empty_graph() {
        let f = Fixture::new();
        let g = build(&f.data());
        assert!(g.nodes.is_empty() && g.edges.is_empty());
    }
}
