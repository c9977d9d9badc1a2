//! What the bidding checks share: the records of each tender (标段) gathered once, firms in
//! messages, and grouping the bids of a tender by something they should not share.

use super::graph::{Link, Reason};
use crate::checks::format;
use crate::checks::{Dataset, Evidence, FindingSeverity, Findings};
use crate::kinds::award::Award;
use crate::kinds::bid::Bid;
use crate::kinds::candidates::Candidates;
use crate::kinds::company::Company;
use crate::kinds::opening::{Disqualification, Opening};
use crate::kinds::tender::Tender;
use crate::kinds::{Body, Kind, Party, Uscc};
use crate::order::SortedSet;
use crate::report::Message;
use crate::time::Date;
use crate::verify::VerifiedRecord;
use std::collections::BTreeMap;

pub(crate) type Rec<'a, T> = (&'a VerifiedRecord, &'a T);

/// Everything the bundle holds about one tender (same project and 招标编号).
pub(crate) struct TenderView<'a> {
    pub project: Option<&'a str>,
    pub tender_id: &'a str,
    /// The tender notice (the last one in the bundle when it was republished).
    pub tender: Option<Rec<'a, Tender>>,
    /// One bid per bidder (a later submission replaces an earlier one), in submission order.
    pub bids: Vec<Rec<'a, Bid>>,
    /// The latest opening and evaluation record.
    pub opening: Option<Rec<'a, Opening>>,
    /// The latest publicity of candidates.
    pub candidates: Option<Rec<'a, Candidates>>,
    /// The latest award notice.
    pub award: Option<Rec<'a, Award>>,
}

impl<'a> TenderView<'a> {
    /// The winner: the award's, else the first-ranked candidate publicised.
    pub fn winner(&self) -> Option<&'a Uscc> {
        if let Some((_, a)) = self.award {
            return Some(&a.winner);
        }
        let (_, c) = self.candidates?;
        c.candidates.iter().min_by_key(|c| c.rank).map(|c| &c.bidder)
    }

    /// The record naming the winner (award, else candidates).
    pub fn winner_record(&self) -> Option<&'a VerifiedRecord> {
        self.award.map(|a| a.0).or(self.candidates.map(|c| c.0))
    }

    /// Rejected bids as recorded anywhere (opening, publicity, award), one per bidder.
    pub fn disqualified(&self) -> Vec<&'a Disqualification> {
        let mut out: Vec<&Disqualification> = Vec::new();
        let lists = [
            self.opening.map(|o| &o.1.disqualified),
            self.candidates.map(|c| &c.1.disqualified),
            self.award.map(|a| &a.1.disqualified),
        ];
        for d in lists.into_iter().flatten().flatten() {
            if !out.iter().any(|e| e.bidder == d.bidder) {
                out.push(d);
            }
        }
        out
    }

    /// The valid bids (bidder, price in fen): the opening's read-out prices minus rejected bids
    /// when the opening is in the bundle, else the bid records (minus bidders recorded as rejected).
    pub fn valid_prices(&self) -> Vec<(&'a Uscc, i64)> {
        let rejected = self.disqualified();
        let is_rejected = |u: &Uscc| rejected.iter().any(|d| &d.bidder == u);
        let mut out: Vec<(&Uscc, i64)> = Vec::new();
        if let Some((_, o)) = self.opening {
            for b in &o.bids {
                if !is_rejected(&b.bidder) && !out.iter().any(|(u, _)| *u == &b.bidder) {
                    out.push((&b.bidder, b.price_fen.get()));
                }
            }
        } else {
            for (_, b) in &self.bids {
                if !is_rejected(&b.bidder) {
                    out.push((&b.bidder, b.price_fen.get()));
                }
            }
        }
        out
    }

    /// Every bid price (bidder, fen), rejected bids included: the opening's read-out prices when the
    /// opening is in the bundle, else the bid records.
    pub fn all_prices(&self) -> Vec<(&'a Uscc, i64)> {
        match self.opening {
            Some((_, o)) => {
                let mut out: Vec<(&Uscc, i64)> = Vec::new();
                for b in &o.bids {
                    if !out.iter().any(|(u, _)| *u == &b.bidder) {
                        out.push((&b.bidder, b.price_fen.get()));
                    }
                }
                out
            }
            None => self.bids.iter().map(|(_, b)| (&b.bidder, b.price_fen.get())).collect(),
        }
    }

    /// Evidence for prices: the opening when present, and the bids of `bidders` in the bundle.
    pub fn price_evidence(&self, bidders: &[&Uscc]) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = self.opening.iter().map(|(r, _)| Evidence::of(r, "opening")).collect();
        out.extend(self.bid_evidence(bidders));
        out
    }

    /// Distinct bidders: those of the opening when present, else of the bid records.
    pub fn bidders(&self) -> Vec<&'a Uscc> {
        let mut out: Vec<&Uscc> = Vec::new();
        match self.opening {
            Some((_, o)) => {
                for b in &o.bids {
                    if !out.contains(&&b.bidder) {
                        out.push(&b.bidder);
                    }
                }
            }
            None => out.extend(self.bids.iter().map(|(_, b)| &b.bidder)),
        }
        out
    }

    /// A date to order tenders by: opening, else the bid deadline, else the award, else the
    /// earliest bid.
    pub fn date(&self) -> Option<Date> {
        self.opening
            .map(|(_, o)| o.opened_at.local_date())
            .or(self.tender.map(|(_, t)| t.effective_deadline().local_date()))
            .or(self.award.map(|(_, a)| a.notice_date))
            .or(self.bids.iter().map(|(_, b)| b.submitted_at.local_date()).min())
    }

    /// "标段 QJ-JS-2021-017-01" / "tender QJ-JS-2021-017-01".
    pub fn label(&self) -> Message {
        Message::new(format!("标段 {}", self.tender_id), format!("tender {}", self.tender_id))
    }

    /// The bid of `bidder`, if its record is in the bundle.
    pub fn bid_of(&self, bidder: &Uscc) -> Option<Rec<'a, Bid>> {
        self.bids.iter().copied().find(|(_, b)| &b.bidder == bidder)
    }

    /// Evidence: the bid records of `bidders` that are in the bundle.
    pub fn bid_evidence(&self, bidders: &[&Uscc]) -> Vec<Evidence> {
        bidders.iter().filter_map(|u| self.bid_of(u)).map(|(r, _)| Evidence::of(r, "bid")).collect()
    }
}

/// Gather the records of every tender, ordered by project and 招标编号.
pub(crate) fn tenders<'a>(data: &Dataset<'a>) -> Vec<TenderView<'a>> {
    type Key<'a> = (Option<&'a str>, &'a str);
    let mut map: BTreeMap<Key<'a>, TenderView<'a>> = BTreeMap::new();
    let kinds = [Kind::Tender, Kind::Bid, Kind::Opening, Kind::Candidates, Kind::Award];
    for kind in kinds {
        for r in data.of_kind(kind) {
            let Some(tid) = r.record.body.tender_id() else { continue };
            let key = (r.record.project.as_deref(), tid.as_str());
            let view = map.entry(key).or_insert_with(|| TenderView {
                project: key.0,
                tender_id: key.1,
                tender: None,
                bids: Vec::new(),
                opening: None,
                candidates: None,
                award: None,
            });
            match &r.record.body {
                Body::Tender(t) => view.tender = Some((r, t)),
                Body::Bid(b) => match view.bids.iter_mut().find(|(_, o)| o.bidder == b.bidder) {
                    Some(slot) if slot.1.submitted_at.unix <= b.submitted_at.unix => *slot = (r, b),
                    Some(_) => {}
                    None => view.bids.push((r, b)),
                },
                Body::Opening(o) if view.opening.is_none_or(|(_, p)| p.opened_at.unix <= o.opened_at.unix) => {
                    view.opening = Some((r, o));
                }
                Body::Candidates(c) if view.candidates.is_none_or(|(_, p)| p.publicity_start <= c.publicity_start) => {
                    view.candidates = Some((r, c));
                }
                Body::Award(a) if view.award.is_none_or(|(_, p)| p.notice_date <= a.notice_date) => {
                    view.award = Some((r, a));
                }
                _ => {}
            }
        }
    }
    let mut out: Vec<TenderView<'a>> = map.into_values().collect();
    for t in &mut out {
        crate::order::sort_by_key(&mut t.bids, |(r, b)| (b.submitted_at.unix, r.line));
    }
    out
}

/// The company registry entry of a firm in force on `on`: the latest snapshot not after it, else
/// the earliest one.
pub(crate) fn company_on<'a>(data: &Dataset<'a>, uscc: &Uscc, on: Option<Date>) -> Option<Rec<'a, Company>> {
    let mut v: Vec<Rec<'a, Company>> = data.company_snapshots(uscc.as_str()).collect();
    crate::order::sort_by_key(&mut v, |(r, c)| (c.snapshot_date, r.line));
    let before = on.and_then(|d| v.iter().rev().find(|(_, c)| c.snapshot_date <= d));
    before.or(v.first()).copied()
}

/// Several firms: "甲（…）、乙（…）" / "A (…), B (…)".
pub(crate) fn firms(data: &Dataset, list: &[&Uscc]) -> Message {
    let parts: Vec<Message> = list.iter().map(|u| format::firm(data, u)).collect();
    Message::new(
        parts.iter().map(|m| m.zh.as_str()).collect::<Vec<_>>().join("、"),
        parts.iter().map(|m| m.en.as_str()).collect::<Vec<_>>().join(", "),
    )
}

/// Join short texts: "a、b" / "a, b".
pub(crate) fn join(list: &[String]) -> Message {
    Message::new(list.join("、"), list.join(", "))
}

/// A group of a tender's bids that share one or more keys (the same compiler, account, …).
pub(crate) struct Shared<'a> {
    /// Indices into the tender's `bids`, in submission order (at least two different bidders).
    pub bids: Vec<usize>,
    /// What they share, as displayed.
    pub keys: Vec<String>,
    pub bidders: Vec<&'a Uscc>,
}

/// Group the bids of `t` by the keys `keys_of` gives each bid; groups of two or more bidders that
/// share a key are returned, and groups with exactly the same bidders are merged (their keys
/// listed together).
// `dyn`: one copy of this function for the six checks that use it, not one inlined into each.
pub(crate) fn shared_by<'a>(t: &TenderView<'a>, keys_of: &dyn Fn(&'a Bid) -> Vec<String>) -> Vec<Shared<'a>> {
    let mut by_key: BTreeMap<String, SortedSet<usize>> = BTreeMap::new();
    for (i, (_, b)) in t.bids.iter().enumerate() {
        let mut keys = keys_of(b);
        crate::order::sort(&mut keys);
        keys.dedup();
        for k in keys {
            by_key.entry(k).or_default().insert(i);
        }
    }
    let mut groups: BTreeMap<Vec<usize>, Vec<String>> = BTreeMap::new();
    for (k, set) in by_key {
        if set.len() >= 2 {
            groups.entry(set.into_iter().collect()).or_default().push(k);
        }
    }
    groups
        .into_iter()
        .map(|(bids, keys)| {
            let bidders = bids.iter().map(|&i| &t.bids[i].1.bidder).collect();
            Shared { bids, keys, bidders }
        })
        .collect()
}

/// What a finding on a [`Shared`] group says beyond the tender and the firms, which
/// [`report_shared`] adds itself.
pub(crate) struct SharedFinding {
    /// What the firms share, in Chinese: follows "{tender} 中，".
    pub zh: String,
    /// The same in English: follows "in {tender}, ".
    pub en: String,
    /// When the strength of the match decides it; else the check's own.
    pub severity: Option<FindingSeverity>,
    /// Values beside `tender_id`, `bidders` and the shared keys.
    pub extra: Option<(&'static str, serde_json::Value)>,
}

impl SharedFinding {
    pub fn new(zh: String, en: String) -> SharedFinding {
        SharedFinding { zh, en, severity: None, extra: None }
    }
}

/// The body of the checks that group a tender's bids by what bidders should not share (BID-01
/// compiler, BID-02 agent, BID-03 team member, BID-05 document, BID-07 machine): one finding per
/// group of every tender, its evidence the group's bids and its values the tender, the bidders
/// and the shared keys (under `keys_name`). `describe` gets the group and its firms, already
/// named, and says what they share.
pub(crate) fn report_shared<'a>(
    data: &Dataset<'a>,
    out: &mut Findings,
    groups: fn(&TenderView<'a>) -> Vec<Shared<'a>>,
    keys_name: &str,
    describe: &dyn Fn(&TenderView<'a>, &Shared<'a>, &Message) -> SharedFinding,
) {
    for t in tenders(data) {
        for g in groups(&t) {
            let firms = firms(data, &g.bidders);
            let said = describe(&t, &g, &firms);
            let label = t.label();
            let mut values = serde_json::Map::new();
            values.insert("tender_id".into(), t.tender_id.into());
            values.insert("bidders".into(), uscc_list(&g.bidders).into());
            values.insert(keys_name.into(), g.keys.clone().into());
            if let Some((name, value)) = said.extra {
                values.insert(name.into(), value);
            }
            report_tender(
                out,
                &t,
                said.severity,
                format!("{} 中，{}", label.zh, said.zh),
                format!("in {}, {}", label.en, said.en),
                evidence_of(&t, &g.bids),
                values.into(),
            );
        }
    }
}

/// Evidence for a group of bids.
pub(crate) fn evidence_of(t: &TenderView, bids: &[usize]) -> Vec<Evidence> {
    bids.iter().filter_map(|&i| t.bids.get(i)).map(|(r, _)| Evidence::of(r, "bid")).collect()
}

/// Every unordered pair of a list.
pub(crate) fn pairs<T: Copy>(list: &[T]) -> Vec<(T, T)> {
    let mut out = Vec::new();
    for i in 0..list.len() {
        for j in i + 1..list.len() {
            out.push((list[i], list[j]));
        }
    }
    out
}

/// Report a finding about one tender, at `severity` when given (else the check's own); the engine
/// applies the configured severity floor.
pub(crate) fn report_tender(
    out: &mut Findings,
    t: &TenderView,
    severity: Option<FindingSeverity>,
    zh: impl AsRef<str>,
    en: impl AsRef<str>,
    evidence: Vec<Evidence>,
    values: serde_json::Value,
) {
    let f = out.report(t.project, format::about(t.project, zh, en), evidence, values);
    f.tender = Some(t.tender_id.to_owned());
    if let Some(s) = severity {
        f.severity = s;
    }
}

/// A key for a party: "u:<USCC>" or "p:<person id>".
pub(crate) fn party_key(p: &Party) -> String {
    match p {
        Party::Unit(u) => format!("u:{u}"),
        Party::Person(p) => format!("p:{p}"),
    }
}

/// Show a key made by [`party_key`] (a unit with its name when the registry has it).
pub(crate) fn show_party_key(data: &Dataset, key: &str) -> Message {
    match (key.strip_prefix("u:"), key.strip_prefix("p:")) {
        (Some(u), _) => format::firm_str(data, u),
        (_, Some(p)) => Message::new(p, p),
        _ => Message::new(key, key),
    }
}

/// Show several keys, joined.
pub(crate) fn show_party_keys(data: &Dataset, keys: &[String]) -> Message {
    let parts: Vec<Message> = keys.iter().map(|k| show_party_key(data, k)).collect();
    Message::new(
        parts.iter().map(|m| m.zh.as_str()).collect::<Vec<_>>().join("、"),
        parts.iter().map(|m| m.en.as_str()).collect::<Vec<_>>().join(", "),
    )
}

/// Links for the graph: every pair of bidders in each group found by `groups`.
pub(crate) fn links_of<'a>(
    tenders: &[TenderView<'a>],
    groups: impl Fn(&TenderView<'a>) -> Vec<Shared<'a>>,
    reason: Reason,
    check: &'static str,
) -> Vec<Link> {
    let mut out = Vec::new();
    for t in tenders {
        for g in groups(t) {
            for (a, b) in pairs(&g.bidders) {
                out.push(Link {
                    a: a.to_string(),
                    b: b.to_string(),
                    reason,
                    tenders: vec![t.tender_id.to_owned()],
                    check,
                });
            }
        }
    }
    out
}

/// The USCCs of a group, as JSON strings.
pub(crate) fn uscc_list(list: &[&Uscc]) -> Vec<String> {
    list.iter().map(|u| u.to_string()).collect()
}
