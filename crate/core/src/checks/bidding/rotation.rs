//! Finding bid rotation and cover bidding across tenders (BID-11).
//!
//! Groups are the closed sets of firms that bid together in at least `min_tenders` tenders (every
//! set of firms whose common tenders no further firm shares), enumerated with the LCM algorithm
//! (Uno et al. 2004) over bitsets of tenders, with a budget so that memory and time stay bounded.
//!
//! A group of at least `min_firms` firms rotates when a member won at least `min_win_share` of its
//! common tenders whose winner is known, and at least two members won. In a small market the same
//! firms meet constantly, so the pattern alone happens by chance; a group is reported only when it is
//! also distinctive in one of three ways:
//! - corroborated: members are linked in the group's tenders by Art. 40/34 evidence (BID-01 to
//!   BID-08, a shared IP address excepted); members that never won and have no such link are
//!   dropped from the group;
//! - exclusive: in at least `min_tenders` of them the group's firms were the only bidders;
//! - improbable: if every firm chose its tenders independently (at its own rate, among the tenders
//!   where any member bid), the chance of meeting this often and of the group taking as many wins
//!   (each tender won by a uniformly chosen bidder) is at most `max_chance`.
//!
//! A cover bidder is a firm that never won anything in the bundle and bid in at least
//! `min_tenders` tenders with the same winner, which won every one of them; it is reported when the
//! pair is corroborated by Art. 40/34 evidence or improbable (the winner's chance per tender taken
//! as its own smoothed win rate), unless both firms belong to a reported rotation group.

use super::common::TenderView;
use super::graph::{Link, Reason};
use super::stats;
use crate::kinds::Uscc;
use crate::order::SortedSet;
use std::collections::HashMap;

/// Most closed groups examined (a bound on time and memory for very large bundles).
const MAX_GROUPS: usize = 20_000;

#[derive(Debug, Clone, Copy)]
pub(crate) struct RotationSettings {
    pub min_tenders: usize,
    pub min_firms: usize,
    pub min_win_share: f64,
    pub max_chance: f64,
}

/// Why a group or pair is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Basis {
    Corroborated,
    Exclusive,
    Improbable,
}

/// A rotating group.
#[derive(Debug, Clone)]
pub(crate) struct Group<'a> {
    pub firms: Vec<&'a Uscc>,
    /// Indices into the tenders, in date order.
    pub tenders: Vec<usize>,
    /// The winner of each of those tenders, if known.
    pub winners: Vec<Option<&'a Uscc>>,
    /// Members that won none of the group's tenders.
    pub never_won: Vec<&'a Uscc>,
    pub basis: Vec<Basis>,
    /// Expected number of common tenders if firms chose independently.
    pub expected: f64,
    pub chance: f64,
    /// Tenders where the group's firms were the only bidders.
    pub exclusive: usize,
    /// The checks whose evidence links members.
    pub linked_by: Vec<&'static str>,
}

/// A firm that always loses to the same winner.
#[derive(Debug, Clone)]
pub(crate) struct Cover<'a> {
    pub loser: &'a Uscc,
    pub winner: &'a Uscc,
    pub tenders: Vec<usize>,
    pub basis: Vec<Basis>,
    pub expected: f64,
    pub chance: f64,
    pub linked_by: Vec<&'static str>,
}

/// Intersection of two sorted lists.
fn intersect(a: &[usize], b: &[usize]) -> Vec<usize> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Size of the union of sorted lists.
fn union_len(lists: &[&[usize]]) -> usize {
    let mut all: Vec<usize> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    crate::order::sort(&mut all);
    all.dedup();
    all.len()
}

/// The market as seen through the tenders: who bid where, who won.
struct Market<'a> {
    /// Tender indices (into the caller's tenders) of the transactions, in date order.
    tx: Vec<usize>,
    /// Bidders of each transaction (firm indices, sorted).
    bidders: Vec<Vec<usize>>,
    winner: Vec<Option<usize>>,
    firms: Vec<&'a Uscc>,
    /// Transactions of each firm, ascending.
    tids: Vec<Vec<usize>>,
    /// Wins of each firm over every tender with a known winner.
    wins: Vec<usize>,
}

impl<'a> Market<'a> {
    fn new(tenders: &[TenderView<'a>]) -> Market<'a> {
        let mut order: Vec<usize> = (0..tenders.len()).filter(|&i| tenders[i].bidders().len() >= 2).collect();
        crate::order::sort_by_key(&mut order, |&i| (tenders[i].date(), tenders[i].project, tenders[i].tender_id));
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut firms: Vec<&Uscc> = Vec::new();
        let mut id = |u: &'a Uscc, firms: &mut Vec<&'a Uscc>| -> usize {
            *index.entry(u.as_str()).or_insert_with(|| {
                firms.push(u);
                firms.len() - 1
            })
        };
        let mut bidders = Vec::new();
        let mut winner = Vec::new();
        for &i in &order {
            let mut b: Vec<usize> = tenders[i].bidders().into_iter().map(|u| id(u, &mut firms)).collect();
            crate::order::sort(&mut b);
            b.dedup();
            bidders.push(b);
            winner.push(tenders[i].winner().map(|u| id(u, &mut firms)));
        }
        let mut tids = vec![Vec::new(); firms.len()];
        let mut wins = vec![0; firms.len()];
        for (t, b) in bidders.iter().enumerate() {
            for &f in b {
                tids[f].push(t);
            }
        }
        for w in winner.iter().flatten() {
            wins[*w] += 1;
        }
        Market { tx: order, bidders, winner, firms, tids, wins }
    }

    /// Common transactions of a set of firms.
    fn common(&self, set: &[usize]) -> Vec<usize> {
        let Some((&first, rest)) = set.split_first() else { return Vec::new() };
        rest.iter().fold(self.tids[first].clone(), |acc, &f| intersect(&acc, &self.tids[f]))
    }

    /// The firms that bid in every one of `tx` (the closure of a set of transactions).
    fn closure(&self, tx: &[usize]) -> Vec<usize> {
        let Some((&first, rest)) = tx.split_first() else { return Vec::new() };
        rest.iter().fold(self.bidders[first].clone(), |acc, &t| intersect(&acc, &self.bidders[t]))
    }

    /// Closed sets of firms (at least 2) with at least `min_support` common transactions, by LCM
    /// with prefix-preserving closure extension, exploring only firms met in the current
    /// transactions.
    fn closed_sets(&self, min_support: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
        let min_support = min_support.max(1);
        let mut out = Vec::new();
        let all: Vec<usize> = (0..self.tx.len()).collect();
        if all.len() < min_support {
            return out;
        }
        let root = self.closure(&all);
        if root.len() >= 2 {
            out.push((root.clone(), all.clone()));
        }
        // (closed set, its transactions, core item)
        let mut stack: Vec<(Vec<usize>, Vec<usize>, Option<usize>)> = vec![(root, all, None)];
        while let Some((p, t, core)) = stack.pop() {
            let mut candidates: Vec<usize> = t.iter().flat_map(|&x| self.bidders[x].iter().copied()).collect();
            crate::order::sort(&mut candidates);
            candidates.dedup();
            for e in candidates.into_iter().rev() {
                if core.is_some_and(|c| e <= c) || p.contains(&e) || self.tids[e].len() < min_support {
                    continue;
                }
                let t2 = intersect(&t, &self.tids[e]);
                if t2.len() < min_support {
                    continue;
                }
                let q = self.closure(&t2);
                // Prefix-preserving: no item below e may enter.
                if q.iter().filter(|&&x| x < e).ne(p.iter().filter(|&&x| x < e)) {
                    continue;
                }
                if q.len() >= 2 {
                    out.push((q.clone(), t2.clone()));
                    if out.len() >= MAX_GROUPS {
                        return out;
                    }
                }
                stack.push((q, t2, Some(e)));
            }
        }
        out
    }

    /// Expected number of common tenders of `set` if each member chose independently, at its own
    /// rate among the tenders where any member bid; and the chance of at least `k` of them.
    fn meeting_chance(&self, set: &[usize], k: usize) -> (f64, f64) {
        let lists: Vec<&[usize]> = set.iter().map(|&f| self.tids[f].as_slice()).collect();
        let u = union_len(&lists) as f64;
        if u <= 0.0 {
            return (0.0, 1.0);
        }
        let lambda = set.iter().fold(u, |acc, &f| acc * (self.tids[f].len() as f64 / u));
        (lambda, stats::poisson_tail(k as u64, lambda))
    }
}

/// Firm pairs linked in a tender by Art. 40/34 evidence: (tender id, firm, firm) → checks, the
/// firms in order.
type LinkIndex<'l> = HashMap<(&'l str, &'l str, &'l str), SortedSet<&'static str>>;

fn link_index(links: &[Link]) -> LinkIndex<'_> {
    let mut idx: LinkIndex = HashMap::new();
    for l in links.iter().filter(|l| l.reason != Reason::SharedIp && l.reason != Reason::Rotation) {
        let (a, b) = if l.a <= l.b { (l.a.as_str(), l.b.as_str()) } else { (l.b.as_str(), l.a.as_str()) };
        for t in &l.tenders {
            idx.entry((t.as_str(), a, b)).or_default().insert(l.check);
        }
    }
    idx
}

/// A link between two firms in one transaction: (transaction, checks).
type PairLink<'l> = (usize, &'l SortedSet<&'static str>);

/// Find rotating groups and cover bidders among `tenders`, with `links` from BID-01..08.
pub(crate) fn find<'a>(
    tenders: &[TenderView<'a>],
    links: &[Link],
    s: &RotationSettings,
) -> (Vec<Group<'a>>, Vec<Cover<'a>>) {
    let m = Market::new(tenders);
    let idx = link_index(links);
    // Pairs of firms linked in some transaction, for quick lookup: (firm, firm) → (tx, checks).
    let mut pair_links: HashMap<(usize, usize), Vec<PairLink>> = HashMap::new();
    if !idx.is_empty() {
        for (t, b) in m.bidders.iter().enumerate() {
            let tid = tenders[m.tx[t]].tender_id;
            for (i, &x) in b.iter().enumerate() {
                for &y in &b[i + 1..] {
                    let (a, b) = (m.firms[x].as_str(), m.firms[y].as_str());
                    let key = if a <= b { (tid, a, b) } else { (tid, b, a) };
                    if let Some(checks) = idx.get(&key) {
                        pair_links.entry((x, y)).or_default().push((t, checks));
                    }
                }
            }
        }
    }
    let links_in = |set: &[usize], tx: &[usize]| -> (SortedSet<usize>, SortedSet<&'static str>) {
        let mut firms = SortedSet::new();
        let mut checks = SortedSet::new();
        for (i, &x) in set.iter().enumerate() {
            for &y in &set[i + 1..] {
                let key = if x < y { (x, y) } else { (y, x) };
                for (t, c) in pair_links.get(&key).into_iter().flatten() {
                    if tx.binary_search(t).is_ok() {
                        firms.insert(x);
                        firms.insert(y);
                        checks.extend(c.iter().copied());
                    }
                }
            }
        }
        (firms, checks)
    };

    // Evaluate a set of firms as a rotating group.
    let evaluate = |set: &[usize]| -> Option<Group<'a>> {
        let tx = m.common(set);
        let k = tx.len();
        if set.len() < s.min_firms || k < s.min_tenders {
            return None;
        }
        let txs = &tx;
        let known: Vec<usize> = txs.iter().copied().filter(|&t| m.winner[t].is_some()).collect();
        let in_group = |t: usize| m.winner[t].is_some_and(|w| set.contains(&w));
        let wins = known.iter().filter(|&&t| in_group(t)).count();
        let distinct: SortedSet<usize> =
            known.iter().filter_map(|&t| m.winner[t]).filter(|w| set.contains(w)).collect();
        if known.len() < 2 || (wins as f64) < s.min_win_share * known.len() as f64 || distinct.len() < 2 {
            return None;
        }
        let (expected, meet) = m.meeting_chance(set, k);
        let p: Vec<f64> = known.iter().map(|&t| set.len() as f64 / m.bidders[t].len().max(1) as f64).collect();
        let chance = meet * stats::poisson_binomial_tail(&p, wins);
        let exclusive = txs.iter().filter(|&&t| m.bidders[t].len() == set.len()).count();
        let (linked_firms, checks) = links_in(set, &tx);
        let mut basis = Vec::new();
        if linked_firms.len() >= 2 {
            basis.push(Basis::Corroborated);
        }
        if exclusive >= s.min_tenders {
            basis.push(Basis::Exclusive);
        }
        if chance <= s.max_chance {
            basis.push(Basis::Improbable);
        }
        if basis.is_empty() {
            return None;
        }
        Some(Group {
            firms: set.iter().map(|&f| m.firms[f]).collect(),
            tenders: txs.iter().map(|&t| m.tx[t]).collect(),
            winners: txs.iter().map(|&t| m.winner[t].map(|w| m.firms[w])).collect(),
            never_won: set.iter().copied().filter(|f| !distinct.contains(f)).map(|f| m.firms[f]).collect(),
            basis,
            expected,
            chance,
            exclusive,
            linked_by: checks.into_iter().collect(),
        })
    };

    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut seen: SortedSet<Vec<usize>> = SortedSet::new();
    for (set, tx) in m.closed_sets(s.min_tenders) {
        if set.len() < s.min_firms {
            continue;
        }
        // Corroborated groups drop members that never won and are linked to no one.
        let (linked_firms, _) = links_in(&set, &tx);
        let candidates = if linked_firms.len() >= 2 {
            let won: SortedSet<usize> = tx.iter().filter_map(|&t| m.winner[t]).collect();
            let trimmed: Vec<usize> =
                set.iter().copied().filter(|f| won.contains(f) || linked_firms.contains(f)).collect();
            if trimmed.len() < set.len() {
                vec![trimmed, set]
            } else {
                vec![set]
            }
        } else {
            vec![set]
        };
        for c in candidates {
            if !seen.insert(c.clone()) {
                continue;
            }
            if let Some(g) = evaluate(&c) {
                groups.push(g);
                break;
            }
        }
    }
    // Most tenders first, then larger groups, then the least likely; drop groups nested in one
    // already kept.
    crate::order::sort_by(&mut groups, |a, b| {
        (b.tenders.len(), b.firms.len())
            .cmp(&(a.tenders.len(), a.firms.len()))
            .then(a.chance.total_cmp(&b.chance))
            .then(a.firms.cmp(&b.firms))
    });
    let mut kept: Vec<Group<'a>> = Vec::new();
    for g in groups {
        let nested = kept.iter().any(|k| {
            let gs: SortedSet<&str> = g.firms.iter().map(|u| u.as_str()).collect();
            let ks: SortedSet<&str> = k.firms.iter().map(|u| u.as_str()).collect();
            gs.is_subset(&ks) || ks.is_subset(&gs)
        });
        if !nested {
            kept.push(g);
        }
    }

    // Cover bidders: firms that never won, always behind the same winner.
    let in_group = |a: &Uscc, b: &Uscc| kept.iter().any(|g| g.firms.contains(&a) && g.firms.contains(&b));
    let mut covers = Vec::new();
    // For the firm being looked at: the transactions it shared with each other firm (by index;
    // reused from one firm to the next).
    let mut met: Vec<Vec<usize>> = vec![Vec::new(); m.firms.len()];
    for f in 0..m.firms.len() {
        if m.wins[f] > 0 || m.tids[f].len() < s.min_tenders {
            continue;
        }
        for common in &mut met {
            common.clear();
        }
        for &t in &m.tids[f] {
            for &w in &m.bidders[t] {
                if w != f {
                    met[w].push(t);
                }
            }
        }
        for (w, txs) in met.iter().enumerate().filter(|(_, txs)| !txs.is_empty()) {
            if txs.len() < s.min_tenders || m.wins[w] < s.min_tenders || in_group(m.firms[f], m.firms[w]) {
                continue;
            }
            let known: Vec<usize> = txs.iter().copied().filter(|&t| m.winner[t].is_some()).collect();
            if known.len() < s.min_tenders || known.iter().any(|&t| m.winner[t] != Some(w)) {
                continue;
            }
            let (expected, meet) = m.meeting_chance(&[f, w], txs.len());
            let rate = (m.wins[w] as f64 + 1.0) / (m.tids[w].len() as f64 + 2.0);
            let chance = meet * rate.powi(known.len() as i32);
            let (linked_firms, checks) = links_in(&[f, w], txs);
            let mut basis = Vec::new();
            if linked_firms.len() >= 2 {
                basis.push(Basis::Corroborated);
            }
            if chance <= s.max_chance {
                basis.push(Basis::Improbable);
            }
            if basis.is_empty() {
                continue;
            }
            covers.push(Cover {
                loser: m.firms[f],
                winner: m.firms[w],
                tenders: txs.iter().map(|&t| m.tx[t]).collect(),
                basis,
                expected,
                chance,
                linked_by: checks.into_iter().collect(),
            });
        }
    }
    (kept, covers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_list_helpers() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[2, 3, 7, 9]), vec![3, 7]);
        assert_eq!(intersect(&[], &[1]), Vec::<usize>::new());
        assert_eq!(union_len(&[&[1, 2, 3], &[2, 4], &[]]), 4);
    }
}
