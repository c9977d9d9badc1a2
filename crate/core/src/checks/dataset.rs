//! The verified records, indexed once for all checks.

use crate::crypto::Digest;
use crate::federation::TrustRoot;
use crate::kinds::{self as k, Body, Kind, Party};
use crate::report::LogSummary;
use crate::statement::log_department;
use crate::time::{Date, Timestamp};
use crate::verify::VerifiedRecord;
use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

pub use crate::report::project_view::{project_views, ProjectView};

/// Sort key for lifecycle order: event date, log time, log, sequence.
fn lifecycle_key(r: &VerifiedRecord) -> (Date, i64, &str, u64) {
    (r.record.body.event_date(), r.record.time.unix, r.record.log.as_str(), r.record.seq)
}

/// The text a party is indexed under: its USCC or its person id.
pub fn party_key(p: &Party) -> &str {
    match p {
        Party::Unit(u) => u.as_str(),
        Party::Person(p) => p.as_str(),
    }
}

/// Whether the bundle proves that no record of some kind is missing up to a time (docs/decisions.md §10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completeness {
    /// Every log that may hold such records is complete to a signed head at or after the time.
    Proven,
    /// Not proven; the reason names the log(s) concerned.
    Unproven { logs: Vec<String> },
}

/// A typed record body: lets checks ask for `Contract`s or `Payment`s without matching on [`Body`].
pub trait KindBody: Sized + 'static {
    const KIND: Kind;
    fn from_body(body: &Body) -> Option<&Self>;
}

macro_rules! kind_bodies {
    ($($variant:ident => $ty:ty),+ $(,)?) => {
        $(impl KindBody for $ty {
            const KIND: Kind = Kind::$variant;
            fn from_body(body: &Body) -> Option<&Self> {
                match body {
                    Body::$variant(b) => Some(b),
                    _ => None,
                }
            }
        })+
    };
}

kind_bodies! {
    Approval => k::approval::Approval,
    DesignEstimate => k::design_estimate::DesignEstimate,
    LandPermit => k::land_permit::LandPermit,
    PlanningPermit => k::planning_permit::PlanningPermit,
    Registration => k::registration::Registration,
    Tender => k::tender::Tender,
    Bid => k::bid::Bid,
    Opening => k::opening::Opening,
    Candidates => k::candidates::Candidates,
    Award => k::award::Award,
    Contract => k::contract::Contract,
    ConstructionPermit => k::construction_permit::ConstructionPermit,
    WorksStart => k::works_start::WorksStart,
    Progress => k::progress::Progress,
    ChangeOrder => k::change_order::ChangeOrder,
    Inspection => k::inspection::Inspection,
    Payment => k::payment::Payment,
    CompletionAcceptance => k::completion_acceptance::CompletionAcceptance,
    CompletionFiling => k::completion_filing::CompletionFiling,
    Settlement => k::settlement::Settlement,
    FinalAccounts => k::final_accounts::FinalAccounts,
    Audit => k::audit::Audit,
    Qualification => k::qualification::Qualification,
    Company => k::company::Company,
    SupervisionTask => k::supervision_task::SupervisionTask,
    Problem => k::problem::Problem,
    Rectification => k::rectification::Rectification,
    RectificationReview => k::rectification_review::RectificationReview,
}

type Index<'a> = HashMap<&'a str, Vec<usize>>;

/// The records an index lists, in its (lifecycle) order.
///
/// A named iterator over a slice rather than `Option<&Vec>` flattened: the checks call the
/// dataset's lookups at some fifty places, and each flattened iterator was compiled anew for each.
#[derive(Clone)]
pub struct Records<'d, 'a> {
    records: &'a [VerifiedRecord],
    /// Borrowed from the dataset's index.
    at: std::slice::Iter<'d, usize>,
}

impl<'a> Iterator for Records<'_, 'a> {
    type Item = &'a VerifiedRecord;

    fn next(&mut self) -> Option<Self::Item> {
        self.at.next().map(|&i| &self.records[i])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.at.size_hint()
    }
}

impl DoubleEndedIterator for Records<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.at.next_back().map(|&i| &self.records[i])
    }
}

/// The records an index lists whose body is a `T`, with the body.
pub struct Typed<'d, 'a, T> {
    records: Records<'d, 'a>,
    body: PhantomData<&'a T>,
}

impl<T> Clone for Typed<'_, '_, T> {
    fn clone(&self) -> Self {
        Typed { records: self.records.clone(), body: PhantomData }
    }
}

impl<'a, T: KindBody> Iterator for Typed<'_, 'a, T> {
    type Item = (&'a VerifiedRecord, &'a T);

    fn next(&mut self) -> Option<Self::Item> {
        self.records.by_ref().find_map(|r| T::from_body(&r.record.body).map(|b| (r, b)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.records.size_hint().1)
    }
}

impl<T: KindBody> DoubleEndedIterator for Typed<'_, '_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.records.by_ref().rev().find_map(|r| T::from_body(&r.record.body).map(|b| (r, b)))
    }
}

/// The verified records with the indices the checks share. Every index lists records in lifecycle
/// order (event date, then log time, log and sequence), so that results never depend on the order
/// of lines in the bundle.
pub struct Dataset<'a> {
    pub records: &'a [VerifiedRecord],
    pub logs: &'a [LogSummary],
    pub root: &'a TrustRoot,
    by_id: HashMap<Digest, usize>,
    by_project: BTreeMap<&'a str, Vec<usize>>,
    by_kind: HashMap<Kind, Vec<usize>>,
    /// 招标编号 → tender, bids, opening, candidates, award and contracts citing it
    by_tender: Index<'a>,
    /// 合同编号 → contract and the records citing it (start, progress, changes, payments, settlement)
    by_contract: Index<'a>,
    /// 统一社会信用代码 → company registry snapshots
    by_company: Index<'a>,
    /// 证书编号 → qualification records
    by_certificate: Index<'a>,
    /// holder (USCC or person id) → qualification records
    by_holder: Index<'a>,
    /// 问题编号 → problem and rectification records
    by_problem: Index<'a>,
    /// 许可证号 → land, planning and construction permit records with that number
    by_permit: Index<'a>,
    /// person → bids, awards, contracts and construction permits naming them project manager
    by_manager: Index<'a>,
    /// firm → bids, awards (as winner), contracts (as contractor), payments (as payee)
    by_firm: Index<'a>,
    as_of: Option<Timestamp>,
    since: Option<Timestamp>,
}

impl<'a> Dataset<'a> {
    /// The sealed records this run could not read (docs/format.md §4.2), in bundle order.
    pub fn sealed(&self) -> impl Iterator<Item = (&'a VerifiedRecord, &'a crate::sealed::SealedBody)> + '_ {
        self.records.iter().filter_map(|r| match &r.record.body {
            crate::kinds::Body::Sealed(b) => Some((r, &**b)),
            _ => None,
        })
    }

    pub fn new(records: &'a [VerifiedRecord], logs: &'a [LogSummary], root: &'a TrustRoot) -> Dataset<'a> {
        let mut order: Vec<usize> = (0..records.len()).collect();
        crate::order::sort_by(&mut order, |&a, &b| lifecycle_key(&records[a]).cmp(&lifecycle_key(&records[b])));
        let mut d = Dataset {
            records,
            logs,
            root,
            by_id: HashMap::with_capacity(records.len()),
            by_project: BTreeMap::new(),
            by_kind: HashMap::new(),
            by_tender: HashMap::new(),
            by_contract: HashMap::new(),
            by_company: HashMap::new(),
            by_certificate: HashMap::new(),
            by_holder: HashMap::new(),
            by_problem: HashMap::new(),
            by_permit: HashMap::new(),
            by_manager: HashMap::new(),
            by_firm: HashMap::new(),
            as_of: None,
            since: None,
        };
        for i in order {
            let r = &records[i];
            d.by_id.insert(r.id, i);
            if d.as_of.is_none_or(|a| r.record.time.unix > a.unix) {
                d.as_of = Some(r.record.time);
            }
            if d.since.is_none_or(|a| r.record.time.unix < a.unix) {
                d.since = Some(r.record.time);
            }
            if let Some(p) = &r.record.project {
                d.by_project.entry(p.as_str()).or_default().push(i);
            }
            d.by_kind.entry(r.record.kind).or_default().push(i);
            let body = &r.record.body;
            if let Some(t) = body.tender_id() {
                d.by_tender.entry(t.as_str()).or_default().push(i);
            }
            if let Some(c) = body.contract_no() {
                d.by_contract.entry(c.as_str()).or_default().push(i);
            }
            let mut firms: Vec<&'a str> = Vec::new();
            let mut managers: Vec<&'a str> = Vec::new();
            match body {
                Body::Company(c) => d.by_company.entry(c.uscc.as_str()).or_default().push(i),
                Body::Qualification(q) => {
                    d.by_certificate.entry(q.certificate_no.as_str()).or_default().push(i);
                    d.by_holder.entry(party_key(&q.holder)).or_default().push(i);
                }
                Body::Problem(p) => d.by_problem.entry(p.problem_id.as_str()).or_default().push(i),
                Body::Rectification(p) => d.by_problem.entry(p.problem_id.as_str()).or_default().push(i),
                Body::RectificationReview(p) => d.by_problem.entry(p.problem_id.as_str()).or_default().push(i),
                Body::LandPermit(p) => d.by_permit.entry(p.permit_no.as_str()).or_default().push(i),
                Body::PlanningPermit(p) => d.by_permit.entry(p.permit_no.as_str()).or_default().push(i),
                Body::ConstructionPermit(p) => {
                    d.by_permit.entry(p.permit_no.as_str()).or_default().push(i);
                    managers.extend(p.project_manager.as_ref().map(|m| m.as_str()));
                    firms.extend(p.contractor.as_ref().map(|c| c.as_str()));
                }
                Body::Bid(b) => {
                    managers.push(b.project_manager.as_str());
                    firms.push(b.bidder.as_str());
                    firms.extend(b.consortium.iter().map(|c| c.as_str()));
                }
                Body::Award(a) => {
                    managers.extend(a.project_manager.as_ref().map(|m| m.as_str()));
                    firms.push(a.winner.as_str());
                }
                Body::Contract(c) => {
                    managers.extend(c.project_manager.as_ref().map(|m| m.as_str()));
                    firms.push(c.contractor.as_str());
                }
                Body::Payment(p) => firms.push(p.payee.as_str()),
                _ => {}
            }
            firms.dedup();
            for f in firms {
                d.by_firm.entry(f).or_default().push(i);
            }
            for m in managers {
                d.by_manager.entry(m).or_default().push(i);
            }
        }
        // Signed checkpoints can be later than every record: they too say how far the data reaches.
        for l in logs {
            if let Some(t) = l.complete_to.as_ref().and_then(|c| Timestamp::parse(&c.time).ok()) {
                if d.as_of.is_none_or(|a| t.unix > a.unix) {
                    d.as_of = Some(t);
                }
            }
        }
        d
    }

    pub fn get(&self, id: &Digest) -> Option<&'a VerifiedRecord> {
        self.by_id.get(id).map(|&i| &self.records[i])
    }

    /// Project codes present, in order.
    pub fn projects(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.by_project.keys().copied()
    }

    /// The records an index entry lists (none when the index has no entry for the key).
    fn at<'d>(&self, list: Option<&'d Vec<usize>>) -> Records<'d, 'a> {
        Records { records: self.records, at: list.map_or(&[][..], Vec::as_slice).iter() }
    }

    /// Records of one project, in lifecycle order.
    pub fn project(&self, code: &str) -> Records<'_, 'a> {
        self.at(self.by_project.get(code))
    }

    /// Records of one kind, in lifecycle order.
    pub fn of_kind(&self, kind: Kind) -> Records<'_, 'a> {
        self.at(self.by_kind.get(&kind))
    }

    /// Bodies of one kind in one project, with their records.
    pub fn project_kind(&self, code: &str, kind: Kind) -> impl Iterator<Item = (&'a VerifiedRecord, &'a Body)> + '_ {
        self.project(code).filter(move |r| r.record.kind == kind).map(|r| (r, &r.record.body))
    }

    fn typed<'d, T: KindBody>(&self, list: Option<&'d Vec<usize>>) -> Typed<'d, 'a, T> {
        Typed { records: self.at(list), body: PhantomData }
    }

    /// Every record of body type `T` (e.g. `data.all::<Contract>()`), in lifecycle order.
    pub fn all<T: KindBody>(&self) -> Typed<'_, 'a, T> {
        self.typed(self.by_kind.get(&T::KIND))
    }

    /// The records of body type `T` in one project, in lifecycle order.
    pub fn in_project<T: KindBody>(&self, code: &str) -> Typed<'_, 'a, T> {
        self.typed(self.by_project.get(code))
    }

    /// Records of type `T` citing a tender (招标编号): `for_tender::<Bid>("QJ-JS-2021-017-01")`.
    pub fn for_tender<T: KindBody>(&self, tender_id: &str) -> Typed<'_, 'a, T> {
        self.typed(self.by_tender.get(tender_id))
    }

    /// The tender record with this id (the last one logged, when it was republished).
    pub fn tender(&self, tender_id: &str) -> Option<(&'a VerifiedRecord, &'a k::tender::Tender)> {
        self.for_tender::<k::tender::Tender>(tender_id).max_by_key(|(r, _)| (r.record.time, r.line))
    }

    /// Tender ids present, in order.
    pub fn tender_ids(&self) -> Vec<&'a str> {
        let mut v: Vec<&str> = self.by_tender.keys().copied().collect();
        crate::order::sort(&mut v);
        v
    }

    /// Records of type `T` citing a contract (合同编号): `for_contract::<Payment>(no)`.
    pub fn for_contract<T: KindBody>(&self, contract_no: &str) -> Typed<'_, 'a, T> {
        self.typed(self.by_contract.get(contract_no))
    }

    /// The contract filed under this number, preferring one in `project` when numbers repeat.
    pub fn contract(
        &self,
        contract_no: &str,
        project: Option<&str>,
    ) -> Option<(&'a VerifiedRecord, &'a k::contract::Contract)> {
        let mut all = self.for_contract::<k::contract::Contract>(contract_no).peekable();
        let first = *all.peek()?;
        Some(all.find(|(r, _)| project.is_some() && r.record.project.as_deref() == project).unwrap_or(first))
    }

    /// The latest company registry snapshot of a firm.
    pub fn company(&self, uscc: &str) -> Option<(&'a VerifiedRecord, &'a k::company::Company)> {
        self.typed::<k::company::Company>(self.by_company.get(uscc)).max_by_key(|(_, c)| c.snapshot_date)
    }

    /// Every registry snapshot of a firm, oldest first.
    pub fn company_snapshots(&self, uscc: &str) -> Typed<'_, 'a, k::company::Company> {
        self.typed(self.by_company.get(uscc))
    }

    /// A firm's registered name (企业名称), from its latest registry snapshot.
    pub fn firm_name(&self, uscc: &str) -> Option<&'a str> {
        self.company(uscc).map(|(_, c)| c.name.as_str())
    }

    /// Records naming a firm as bidder (or consortium member), award winner, contractor or payee.
    pub fn firm_records(&self, uscc: &str) -> Records<'_, 'a> {
        self.at(self.by_firm.get(uscc))
    }

    /// Qualification records with this certificate number (证书编号).
    pub fn certificates(&self, certificate_no: &str) -> Typed<'_, 'a, k::qualification::Qualification> {
        self.typed(self.by_certificate.get(certificate_no))
    }

    /// Qualification records held by a unit (USCC) or a person (registration number or pid).
    pub fn qualifications_of(&self, holder: &str) -> Typed<'_, 'a, k::qualification::Qualification> {
        self.typed(self.by_holder.get(holder))
    }

    /// The problem with this id (问题编号) (the last one logged, when it was restated).
    pub fn problem(&self, problem_id: &str) -> Option<(&'a VerifiedRecord, &'a k::problem::Problem)> {
        self.typed::<k::problem::Problem>(self.by_problem.get(problem_id)).max_by_key(|(r, _)| (r.record.time, r.line))
    }

    /// Rectifications (整改) of a problem, in date order.
    pub fn rectifications(&self, problem_id: &str) -> Typed<'_, 'a, k::rectification::Rectification> {
        self.typed(self.by_problem.get(problem_id))
    }

    /// Reviews (整改复核) of a problem's rectifications, in log order.
    pub fn reviews(&self, problem_id: &str) -> Typed<'_, 'a, k::rectification_review::RectificationReview> {
        self.typed(self.by_problem.get(problem_id))
    }

    /// Permit records of type `T` with this number (许可证号): issues and extensions.
    pub fn permits<T: KindBody>(&self, permit_no: &str) -> Typed<'_, 'a, T> {
        self.typed(self.by_permit.get(permit_no))
    }

    /// Records naming a person as project manager (项目经理): bids, awards, contracts, permits.
    pub fn managed_by(&self, person: &str) -> Records<'_, 'a> {
        self.at(self.by_manager.get(person))
    }

    /// The project's name (项目名称) from its latest approval, else from a tender title.
    pub fn project_name(&self, code: &str) -> Option<&'a str> {
        self.in_project::<k::approval::Approval>(code)
            .next_back()
            .map(|(_, a)| a.project_name.as_str())
            .or_else(|| self.in_project::<k::tender::Tender>(code).next().map(|(_, t)| t.title.as_str()))
    }

    /// The latest log time in the bundle: what "now" means for deadlines (a rectification is not
    /// overdue before the data reaches its due date).
    pub fn as_of(&self) -> Option<Timestamp> {
        self.as_of
    }

    /// The earliest log time in the bundle: events before it may simply predate the records (a
    /// project completed before the federation kept logs is not "missing").
    pub fn since(&self) -> Option<Timestamp> {
        self.since
    }

    /// The calendar date of [`Dataset::since`] (China Standard Time).
    pub fn since_date(&self) -> Option<Date> {
        self.since.map(|t| Date((t.unix + 8 * 3600).div_euclid(86_400) as i32))
    }

    /// The calendar date of [`Dataset::as_of`] (China Standard Time).
    pub fn as_of_date(&self) -> Option<Date> {
        self.as_of.map(|t| Date((t.unix + 8 * 3600).div_euclid(86_400) as i32))
    }

    /// Can the absence of `kind` records up to `at` be relied on? Every log of every department
    /// that may sign `kind` must be complete to a signed head whose time is at or after `at`.
    pub fn completeness(&self, kind: Kind, at: Timestamp) -> Completeness {
        let departments: Vec<&str> =
            self.root.departments.iter().filter(|d| d.kinds.contains(&kind)).map(|d| d.id.as_str()).collect();
        // Every department that may sign the kind must be present: one absent from the bundle could
        // hold the very record whose absence a check relies on.
        let mut unproven: Vec<String> = departments
            .iter()
            .filter(|d| !self.logs.iter().any(|l| log_department(&l.log) == **d))
            .map(|d| format!("{d}/*"))
            .collect();
        unproven.extend(
            self.logs
                .iter()
                .filter(|l| departments.contains(&log_department(&l.log)))
                .filter(|l| {
                    l.complete_to.as_ref().and_then(|c| Timestamp::parse(&c.time).ok()).is_none_or(|t| t.unix < at.unix)
                })
                .map(|l| l.log.clone()),
        );
        if unproven.is_empty() && !departments.is_empty() {
            Completeness::Proven
        } else {
            Completeness::Unproven { logs: unproven }
        }
    }
}
