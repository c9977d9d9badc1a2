//! What the page shows per project (the page computes nothing itself, docs/decisions.md §12): identity and
//! status, the cost chain (估算 → 概算 → 控制价 → 中标价 → 合同 → 变更 → 结算 → 决算 → 审定), a timeline,
//! tenders with their bids, the cumulative payment series, supervision problems with their
//! rectifications, and the findings per severity.

use crate::checks::format::{self, firm_str};
use crate::checks::{Bilingual, Dataset, Finding, FindingSeverity};
use crate::kinds::approval::{Approval, ProjectType};
use crate::kinds::audit::Audit;
use crate::kinds::award::Award;
use crate::kinds::bid::Bid;
use crate::kinds::candidates::Candidates;
use crate::kinds::change_order::ChangeOrder;
use crate::kinds::completion_acceptance::{AcceptanceResult, CompletionAcceptance};
use crate::kinds::contract::Contract;
use crate::kinds::design_estimate::DesignEstimate;
use crate::kinds::final_accounts::FinalAccounts;
use crate::kinds::inspection::{InspectionResult, InspectionType};
use crate::kinds::opening::{Disqualification, DisqualificationReason, Opening};
use crate::kinds::payment::{Payment, PaymentType};
use crate::kinds::problem::Problem;
use crate::kinds::rectification::RectificationStatus;
use crate::kinds::rectification_review::ReviewDecision;
use crate::kinds::settlement::Settlement;
use crate::kinds::tender::Tender;
use crate::kinds::{Body, Kind};
use crate::order::SortedSet;
use crate::report::Message;
use crate::statement::log_department;
use crate::verify::VerifiedRecord;
use serde::Serialize;
use std::collections::BTreeMap;

/// Per-project view for the page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectView {
    /// 国家投资项目代码
    pub project: String,
    /// 项目名称
    pub name: Option<String>,
    /// 建设单位
    pub owner: Option<FirmRef>,
    /// `municipal`, `housing`, … (approval's project type)
    pub project_type: Option<&'static str>,
    pub project_type_label: Option<Message>,
    pub status: ProjectStatus,
    pub cost_chain: Vec<CostStage>,
    pub timeline: Vec<TimelineEntry>,
    pub tenders: Vec<TenderView>,
    pub payments: PaymentsView,
    pub supervision: Vec<ProblemView>,
    pub findings: SeverityCounts,
}

/// A firm with its registered name when the registry is in the bundle.
#[derive(Debug, Clone, Serialize)]
pub struct FirmRef {
    pub uscc: String,
    pub name: Option<String>,
}

impl FirmRef {
    fn of(data: &Dataset, uscc: &str) -> FirmRef {
        FirmRef { uscc: uscc.to_owned(), name: data.firm_name(uscc).map(str::to_owned) }
    }
}

/// The furthest lifecycle stage the records show.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectStatus {
    /// `preparation`, `approved`, `tendering`, `awarded`, `contracted`, `permitted`,
    /// `under_construction`, `completed`, `filed`, `final_accounts`, `audited`
    pub code: &'static str,
    pub label: Message,
}

impl Default for ProjectStatus {
    fn default() -> Self {
        ProjectStatus { code: "preparation", label: Message::new("前期", "Preparation") }
    }
}

/// One stage of the cost chain.
#[derive(Debug, Clone, Serialize)]
pub struct CostStage {
    /// `estimate`, `design_estimate`, `ceiling`, `award`, `contract`, `contract_with_changes`,
    /// `settlement`, `final_accounts`, `audited`
    pub stage: &'static str,
    pub label: Message,
    pub amount_fen: i64,
    /// The record the amount comes from (the first, when it is a sum).
    pub record: String,
    /// Every record summed into the amount.
    pub records: Vec<String>,
}

/// One dated event of the project.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: String,
    pub kind: &'static str,
    pub title: Message,
    /// The department whose log holds the record.
    pub department: String,
    pub record: String,
}

/// A tender (标段) with its bids and award.
#[derive(Debug, Clone, Serialize)]
pub struct TenderView {
    pub tender_id: String,
    pub title: Option<String>,
    pub ceiling_fen: Option<i64>,
    pub published_date: Option<String>,
    pub deadline: Option<String>,
    /// `price_only` or `comprehensive`
    pub evaluation: Option<&'static str>,
    pub record: Option<String>,
    pub bids: Vec<BidView>,
    pub award: Option<AwardView>,
    /// Statistical screens of the valid bids (BID-10's `screen_tender`), with at least 4 bids.
    pub screens: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BidView {
    pub bidder: String,
    pub name: Option<String>,
    pub price_fen: i64,
    pub disqualified: Option<DisqualifiedView>,
    pub winner: bool,
    /// The bid record, or the opening record when only the opening lists this bid.
    pub record: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DisqualifiedView {
    pub reason: &'static str,
    pub label: Message,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AwardView {
    pub winner: String,
    pub name: Option<String>,
    pub price_fen: i64,
    pub notice_date: String,
    pub record: String,
}

/// Payments in date order with their running total, against the contract amounts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PaymentsView {
    /// Sum of the project's contracts.
    pub contract_fen: Option<i64>,
    /// The same plus approved change orders.
    pub contract_with_changes_fen: Option<i64>,
    pub series: Vec<PaymentPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentPoint {
    pub date: String,
    pub amount_fen: i64,
    pub cumulative_fen: i64,
    /// `advance`, `progress`, `final`, `retention`
    #[serde(rename = "type")]
    pub payment_type: &'static str,
    pub payee: String,
    pub contract_no: Option<String>,
    pub record: String,
}

/// A problem found by supervision and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub problem_id: String,
    pub found_date: String,
    pub due_date: String,
    pub responsible: String,
    pub category: &'static str,
    pub severity: &'static str,
    pub description: String,
    pub check_id: Option<String>,
    pub record: String,
    pub rectifications: Vec<RectificationView>,
    /// `rectified`, `rectified_late`, `in_progress`, `overdue`, `open`
    pub status: &'static str,
    pub status_label: Message,
}

#[derive(Debug, Clone, Serialize)]
pub struct RectificationView {
    pub date: String,
    /// `completed` or `in_progress`
    pub status: &'static str,
    pub by: String,
    pub description: String,
    pub record: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SeverityCounts {
    pub high: u64,
    pub medium: u64,
    pub low: u64,
    pub total: u64,
}

/// 项目类型 labels.
pub fn project_type_label(t: ProjectType) -> Message {
    let (zh, en) = match t {
        ProjectType::Municipal => ("市政工程", "Municipal works"),
        ProjectType::Housing => ("房屋建筑工程", "Building works"),
        ProjectType::RealEstate => ("房地产开发", "Real-estate development"),
        ProjectType::Transport => ("交通工程", "Transport works"),
        ProjectType::Water => ("水利工程", "Water works"),
        ProjectType::Energy => ("能源工程", "Energy works"),
        ProjectType::Landscaping => ("园林绿化工程", "Landscaping works"),
        ProjectType::Other => ("其他", "Other"),
    };
    Message::new(zh, en)
}

/// 否决投标理由 labels.
pub fn disqualification_label(r: DisqualificationReason) -> Message {
    use DisqualificationReason as R;
    let (zh, en) = match r {
        R::AboveCeiling => ("投标报价高于最高投标限价", "price above the ceiling"),
        R::BelowCost => ("报价低于成本", "price below cost"),
        R::NotSigned => ("未盖章或未签字", "not sealed or signed"),
        R::ConsortiumAgreement => ("联合体未提交共同投标协议", "no consortium agreement"),
        R::Qualification => ("不符合资格条件", "not qualified"),
        R::MultiplePrices => ("提交两个以上报价", "more than one price"),
        R::NonResponsive => ("未实质性响应", "not responsive"),
        R::Misconduct => ("串通投标、弄虚作假或行贿", "collusion, fraud or bribery"),
        R::Bond => ("投标保证金不符合要求", "bid bond not as required"),
        R::Late => ("逾期送达", "late"),
        R::Other => ("其他", "other"),
    };
    Message::new(zh, en)
}

/// 款项类型 labels.
pub fn payment_type_label(t: PaymentType) -> Message {
    match t {
        PaymentType::Advance => Message::new("预付款", "advance"),
        PaymentType::Progress => Message::new("进度款", "progress payment"),
        PaymentType::Final => Message::new("结算款", "final payment"),
        PaymentType::Retention => Message::new("质量保证金返还", "retention release"),
    }
}

fn id(r: &VerifiedRecord) -> String {
    r.id.to_hex()
}

fn department(r: &VerifiedRecord) -> String {
    log_department(&r.record.log).to_owned()
}

/// A one-line description of a record for the timeline.
pub fn describe(data: &Dataset, r: &VerifiedRecord) -> Message {
    use format::{delta, money};
    let firm = |u: &str| firm_str(data, u);
    match &r.record.body {
        Body::Approval(b) => Message::new(
            format!("立项批复 {}，估算总投资 {}", b.approval_no, money(b.estimate_fen)),
            format!("Project approval {}, estimated investment {}", b.approval_no, money(b.estimate_fen)),
        ),
        Body::DesignEstimate(b) => Message::new(
            format!("初步设计概算批复 {}，概算 {}", b.approval_no, money(b.estimate_fen)),
            format!("Design estimate approval {}, estimate {}", b.approval_no, money(b.estimate_fen)),
        ),
        Body::LandPermit(b) => Message::new(
            format!("建设用地规划许可证 {}", b.permit_no),
            format!("Land-use planning permit {}", b.permit_no),
        ),
        Body::PlanningPermit(b) => Message::new(
            format!("建设工程规划许可证 {}", b.permit_no),
            format!("Construction planning permit {}", b.permit_no),
        ),
        Body::Registration(b) => {
            Message::new(format!("工程报建 {}", b.registration_no), format!("Registration {}", b.registration_no))
        }
        Body::Tender(b) => Message::new(
            format!("招标 {}，最高投标限价 {}", b.tender_id, money(b.ceiling_price_fen)),
            format!("Tender {}, ceiling price {}", b.tender_id, money(b.ceiling_price_fen)),
        ),
        Body::Bid(b) => {
            let f = firm(b.bidder.as_str());
            Message::new(
                format!("投标 {}：{}，报价 {}", b.tender_id, f.zh, money(b.price_fen)),
                format!("Bid on {}: {}, price {}", b.tender_id, f.en, money(b.price_fen)),
            )
        }
        Body::Opening(b) => Message::new(
            format!("开标评标 {}：{} 份投标，否决 {} 份", b.tender_id, b.bids.len(), b.disqualified.len()),
            format!("Opening of {}: {} bids, {} rejected", b.tender_id, b.bids.len(), b.disqualified.len()),
        ),
        Body::Candidates(b) => Message::new(
            format!("中标候选人公示 {}：{} 至 {}", b.tender_id, b.publicity_start, b.publicity_end),
            format!("Candidates for {} publicised {} to {}", b.tender_id, b.publicity_start, b.publicity_end),
        ),
        Body::Award(b) => {
            let f = firm(b.winner.as_str());
            Message::new(
                format!("中标通知 {}：{}，中标价 {}", b.tender_id, f.zh, money(b.price_fen)),
                format!("Award of {}: {}, price {}", b.tender_id, f.en, money(b.price_fen)),
            )
        }
        Body::Contract(b) => {
            let f = firm(b.contractor.as_str());
            Message::new(
                format!("合同 {}：{}，合同价款 {}", b.contract_no, f.zh, money(b.amount_fen)),
                format!("Contract {}: {}, amount {}", b.contract_no, f.en, money(b.amount_fen)),
            )
        }
        Body::ConstructionPermit(b) => match b.extension_until {
            Some(until) => Message::new(
                format!("施工许可证 {} 延期至 {until}", b.permit_no),
                format!("Construction permit {} extended to {until}", b.permit_no),
            ),
            None => Message::new(format!("施工许可证 {}", b.permit_no), format!("Construction permit {}", b.permit_no)),
        },
        Body::WorksStart(_) => Message::new("开工", "Start of works"),
        Body::Progress(b) => Message::new(
            format!("施工进度：累计完成 {}", money(b.completed_value_fen)),
            format!("Progress: {} completed to date", money(b.completed_value_fen)),
        ),
        Body::ChangeOrder(b) => {
            let d = delta(i128::from(b.amount_delta_fen.get()));
            let (zh, en) = if b.approved { ("已批准", "approved") } else { ("未批准", "not approved") };
            Message::new(
                format!("工程变更 {}：{d}（{zh}）", b.change_no),
                format!("Change order {}: {d} ({en})", b.change_no),
            )
        }
        Body::Inspection(b) => {
            let (tz, te) = match b.inspection_type {
                InspectionType::Quality => ("质量监督", "Quality inspection"),
                InspectionType::Safety => ("安全监督", "Safety inspection"),
            };
            let (rz, re) = match b.result {
                InspectionResult::Pass => ("合格", "pass"),
                InspectionResult::Fail => ("不合格，限期整改", "failed, to be rectified"),
                InspectionResult::StopOrder => ("停工整改", "stop order"),
            };
            Message::new(format!("{tz}：{rz}"), format!("{te}: {re}"))
        }
        Body::Payment(b) => {
            let t = payment_type_label(b.payment_type);
            let f = firm(b.payee.as_str());
            Message::new(
                format!("拨付{} {} 至 {}", t.zh, money(b.amount_fen), f.zh),
                format!("Paid {} {} to {}", t.en, money(b.amount_fen), f.en),
            )
        }
        Body::CompletionAcceptance(b) => match b.result {
            AcceptanceResult::Pass => Message::new("竣工验收合格", "Completion accepted"),
            AcceptanceResult::Fail => Message::new("竣工验收不合格", "Completion acceptance failed"),
        },
        Body::CompletionFiling(b) => {
            Message::new(format!("竣工验收备案 {}", b.filing_no), format!("Completion filing {}", b.filing_no))
        }
        Body::Settlement(b) => {
            Message::new(format!("工程结算 {}", money(b.amount_fen)), format!("Settlement {}", money(b.amount_fen)))
        }
        Body::FinalAccounts(b) => {
            Message::new(format!("竣工决算 {}", money(b.amount_fen)), format!("Final accounts {}", money(b.amount_fen)))
        }
        Body::Audit(b) => Message::new(
            format!(
                "审计 {}：送审 {}，审定 {}",
                b.report_no,
                money(b.submitted_amount_fen),
                money(b.audited_amount_fen)
            ),
            format!(
                "Audit {}: submitted {}, audited {}",
                b.report_no,
                money(b.submitted_amount_fen),
                money(b.audited_amount_fen)
            ),
        ),
        Body::Qualification(b) => Message::new(
            format!("资质/注册证书 {}，有效期至 {}", b.certificate_no, b.valid_to),
            format!("Certificate {}, valid to {}", b.certificate_no, b.valid_to),
        ),
        Body::Company(b) => Message::new(format!("企业登记：{}", b.name), format!("Company registration: {}", b.name)),
        Body::SupervisionTask(b) => {
            Message::new(format!("联合监管任务：{}", b.title), format!("Joint supervision task: {}", b.title))
        }
        Body::Problem(b) => Message::new(
            format!("发现问题 {}：{}（整改期限 {}）", b.problem_id, b.description, b.due_date),
            format!("Problem {} found: {} (due {})", b.problem_id, b.description, b.due_date),
        ),
        Body::Rectification(b) => {
            let (zh, en) = match b.status {
                RectificationStatus::Completed => ("已整改到位", "completed"),
                RectificationStatus::InProgress => ("整改中", "in progress"),
            };
            Message::new(format!("整改 {}：{zh}", b.problem_id), format!("Rectification of {}: {en}", b.problem_id))
        }
        Body::RectificationReview(b) => {
            let (zh, en) = match b.decision {
                ReviewDecision::Confirmed => ("确认整改到位", "confirmed"),
                ReviewDecision::Reopened => ("重新整改", "reopened"),
            };
            Message::new(format!("整改复核 {}：{zh}", b.problem_id), format!("Review of {}: {en}", b.problem_id))
        }
        Body::Omitted => Message::new(r.record.kind.title_zh(), r.record.kind.title_en()),
        Body::Sealed(s) => Message::new(
            format!("密封的{}（密封给 {}）", r.record.kind.title_zh(), s.to.join("、")),
            format!("Sealed {} (sealed to {})", r.record.kind.title_en().to_ascii_lowercase(), s.to.join(", ")),
        ),
    }
}

fn sum(amounts: impl Iterator<Item = i64>) -> i64 {
    amounts.fold(0i64, |a, b| a.saturating_add(b))
}

/// The latest record per key (a tender republished, a contract refiled): the last in lifecycle order.
fn latest_by<'a, T>(
    items: impl Iterator<Item = (&'a VerifiedRecord, &'a T)>,
    key: impl Fn(&'a T) -> &'a str,
) -> Vec<(&'a VerifiedRecord, &'a T)> {
    let items: Vec<_> = items.collect();
    // Positions rather than the items: one map type for every kind of record.
    let mut last: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (_, b)) in items.iter().enumerate() {
        last.insert(key(b), i);
    }
    last.into_values().map(|i| items[i]).collect()
}

/// The stages of the cost chain in order, with their names (also served by `vocabulary()`).
pub const COST_STAGES: &[(&str, Bilingual)] = &[
    ("estimate", Bilingual { zh: "估算", en: "Investment estimate" }),
    ("design_estimate", Bilingual { zh: "概算", en: "Design estimate" }),
    ("ceiling", Bilingual { zh: "最高投标限价", en: "Ceiling price" }),
    ("award", Bilingual { zh: "中标价", en: "Winning bid" }),
    ("contract", Bilingual { zh: "合同价", en: "Contract amount" }),
    ("contract_with_changes", Bilingual { zh: "合同价+批准变更", en: "Contract with approved changes" }),
    ("settlement", Bilingual { zh: "结算", en: "Settlement" }),
    ("final_accounts", Bilingual { zh: "决算", en: "Final accounts" }),
    ("audited", Bilingual { zh: "审定", en: "Audited amount" }),
];

fn stage(stage: &'static str, amount: i64, records: Vec<String>) -> Option<CostStage> {
    let first = records.first()?.clone();
    let name = COST_STAGES.iter().find(|(id, _)| *id == stage).map(|(_, name)| *name)?;
    Some(CostStage { stage, label: Message::new(name.zh, name.en), amount_fen: amount, record: first, records })
}

/// The cost chain of a project, in stage order; stages without records are left out.
pub fn cost_chain(data: &Dataset, code: &str) -> Vec<CostStage> {
    let mut out = Vec::new();
    if let Some((r, a)) = data.in_project::<Approval>(code).max_by_key(|(r, a)| (a.approval_date, r.record.time)) {
        out.extend(stage("estimate", a.estimate_fen.get(), vec![id(r)]));
    }
    if let Some((r, d)) = data.in_project::<DesignEstimate>(code).max_by_key(|(r, d)| (d.approval_date, r.record.time))
    {
        out.extend(stage("design_estimate", d.estimate_fen.get(), vec![id(r)]));
    }
    let tenders = latest_by(data.in_project::<Tender>(code), |t| t.tender_id.as_str());
    out.extend(stage(
        "ceiling",
        sum(tenders.iter().map(|(_, t)| t.ceiling_price_fen.get())),
        tenders.iter().map(|(r, _)| id(r)).collect(),
    ));
    let awards = latest_by(data.in_project::<Award>(code), |a| a.tender_id.as_str());
    out.extend(stage(
        "award",
        sum(awards.iter().map(|(_, a)| a.price_fen.get())),
        awards.iter().map(|(r, _)| id(r)).collect(),
    ));
    let contracts = latest_by(data.in_project::<Contract>(code), |c| c.contract_no.as_str());
    let contract_total = sum(contracts.iter().map(|(_, c)| c.amount_fen.get()));
    out.extend(stage("contract", contract_total, contracts.iter().map(|(r, _)| id(r)).collect()));
    let changes: Vec<(&VerifiedRecord, &ChangeOrder)> =
        data.in_project::<ChangeOrder>(code).filter(|(_, c)| c.approved).collect();
    if !contracts.is_empty() && !changes.is_empty() {
        let with = contract_total.saturating_add(sum(changes.iter().map(|(_, c)| c.amount_delta_fen.get())));
        let ids = contracts.iter().map(|(r, _)| id(r)).chain(changes.iter().map(|(r, _)| id(r))).collect();
        out.extend(stage("contract_with_changes", with, ids));
    }
    let settlements = latest_by(data.in_project::<Settlement>(code), |s| {
        // Settlements without a contract number count as one (a number is never empty).
        s.contract_no.as_ref().map_or("", |n| n.as_str())
    });
    out.extend(stage(
        "settlement",
        sum(settlements.iter().map(|(_, s)| s.amount_fen.get())),
        settlements.iter().map(|(r, _)| id(r)).collect(),
    ));
    if let Some((r, f)) = data.in_project::<FinalAccounts>(code).max_by_key(|(r, f)| (f.report_date, r.record.time)) {
        out.extend(stage("final_accounts", f.amount_fen.get(), vec![id(r)]));
    }
    if let Some((r, a)) = data.in_project::<Audit>(code).max_by_key(|(r, a)| (a.report_date, r.record.time)) {
        out.extend(stage("audited", a.audited_amount_fen.get(), vec![id(r)]));
    }
    out
}

fn status(data: &Dataset, code: &str) -> ProjectStatus {
    let has = |k: Kind| data.project(code).any(|r| r.record.kind == k);
    let accepted = data.in_project::<CompletionAcceptance>(code).any(|(_, a)| a.result == AcceptanceResult::Pass);
    let (code, zh, en) = if has(Kind::Audit) {
        ("audited", "已审计", "Audited")
    } else if has(Kind::FinalAccounts) {
        ("final_accounts", "已决算", "Final accounts done")
    } else if has(Kind::CompletionFiling) {
        ("filed", "已竣工备案", "Completion filed")
    } else if accepted {
        ("completed", "已竣工验收", "Completed")
    } else if has(Kind::WorksStart) || has(Kind::Progress) {
        ("under_construction", "在建", "Under construction")
    } else if has(Kind::ConstructionPermit) {
        ("permitted", "已取得施工许可", "Construction permitted")
    } else if has(Kind::Contract) {
        ("contracted", "已签订合同", "Contracted")
    } else if has(Kind::Award) {
        ("awarded", "已定标", "Awarded")
    } else if has(Kind::Tender) {
        ("tendering", "招标中", "Tendering")
    } else if has(Kind::Approval) || has(Kind::DesignEstimate) {
        ("approved", "已立项", "Approved")
    } else {
        return ProjectStatus::default();
    };
    ProjectStatus { code, label: Message::new(zh, en) }
}

fn disqualified_view(d: &Disqualification) -> DisqualifiedView {
    DisqualifiedView {
        reason: d.reason.as_str(),
        label: disqualification_label(d.reason),
        detail: d.detail.as_ref().map(|t| t.as_str().to_owned()),
    }
}

/// A tender with every bid known (bid records, else the prices read at opening), who was rejected
/// and why, and the award. Public so that the bidding family can reuse it.
pub fn tender_view(data: &Dataset, tender_id: &str) -> TenderView {
    let tender = data.tender(tender_id);
    let award = data.for_tender::<Award>(tender_id).next_back();
    let mut disq: BTreeMap<&str, &Disqualification> = BTreeMap::new();
    for (_, o) in data.for_tender::<Opening>(tender_id) {
        disq.extend(o.disqualified.iter().map(|d| (d.bidder.as_str(), d)));
    }
    for (_, c) in data.for_tender::<Candidates>(tender_id) {
        disq.extend(c.disqualified.iter().map(|d| (d.bidder.as_str(), d)));
    }
    if let Some((_, a)) = award {
        disq.extend(a.disqualified.iter().map(|d| (d.bidder.as_str(), d)));
    }
    let winner = award.map(|(_, a)| a.winner.as_str());
    let mut bids: Vec<BidView> = Vec::new();
    let mut seen: SortedSet<&str> = SortedSet::new();
    let make = |bidder: &str, price: i64, record: Option<String>| BidView {
        bidder: bidder.to_owned(),
        name: data.firm_name(bidder).map(str::to_owned),
        price_fen: price,
        disqualified: disq.get(bidder).map(|d| disqualified_view(d)),
        winner: winner == Some(bidder),
        record,
    };
    // The last bid of each bidder counts (a resubmission replaces the earlier one).
    for (r, b) in latest_by(data.for_tender::<Bid>(tender_id), |b| b.bidder.as_str()) {
        seen.insert(b.bidder.as_str());
        bids.push(make(b.bidder.as_str(), b.price_fen.get(), Some(id(r))));
    }
    if let Some((r, o)) = data.for_tender::<Opening>(tender_id).next_back() {
        for ob in &o.bids {
            if seen.insert(ob.bidder.as_str()) {
                bids.push(make(ob.bidder.as_str(), ob.price_fen.get(), Some(id(r))));
            }
        }
    }
    crate::order::sort_by(&mut bids, |a, b| (a.price_fen, &a.bidder).cmp(&(b.price_fen, &b.bidder)));
    let valid: Vec<i64> = bids.iter().filter(|b| b.disqualified.is_none()).map(|b| b.price_fen).collect();
    let screens = crate::checks::bidding::screens::screen_tender(&valid).and_then(|s| serde_json::to_value(s).ok());
    TenderView {
        tender_id: tender_id.to_owned(),
        title: tender.map(|(_, t)| t.title.as_str().to_owned()),
        ceiling_fen: tender.map(|(_, t)| t.ceiling_price_fen.get()),
        published_date: tender.map(|(_, t)| t.published_date.to_string()),
        deadline: tender.map(|(_, t)| t.effective_deadline().to_string()),
        evaluation: tender.map(|(_, t)| t.evaluation.as_str()),
        record: tender.map(|(r, _)| id(r)),
        bids,
        award: award.map(|(r, a)| AwardView {
            winner: a.winner.as_str().to_owned(),
            name: data.firm_name(a.winner.as_str()).map(str::to_owned),
            price_fen: a.price_fen.get(),
            notice_date: a.notice_date.to_string(),
            record: id(r),
        }),
        screens,
    }
}

/// Contract total and contract with approved changes for a project.
fn contract_totals(data: &Dataset, code: &str) -> (Option<i64>, Option<i64>) {
    let contracts = latest_by(data.in_project::<Contract>(code), |c| c.contract_no.as_str());
    if contracts.is_empty() {
        return (None, None);
    }
    let total = sum(contracts.iter().map(|(_, c)| c.amount_fen.get()));
    let changes =
        sum(data.in_project::<ChangeOrder>(code).filter(|(_, c)| c.approved).map(|(_, c)| c.amount_delta_fen.get()));
    (Some(total), Some(total.saturating_add(changes)))
}

fn payments(data: &Dataset, code: &str) -> PaymentsView {
    let (contract_fen, contract_with_changes_fen) = contract_totals(data, code);
    let mut cumulative = 0i64;
    let series = data
        .in_project::<Payment>(code)
        .map(|(r, p)| {
            cumulative = cumulative.saturating_add(p.amount_fen.get());
            PaymentPoint {
                date: p.paid_date.to_string(),
                amount_fen: p.amount_fen.get(),
                cumulative_fen: cumulative,
                payment_type: p.payment_type.as_str(),
                payee: p.payee.as_str().to_owned(),
                contract_no: p.contract_no.as_ref().map(|c| c.as_str().to_owned()),
                record: id(r),
            }
        })
        .collect();
    PaymentsView { contract_fen, contract_with_changes_fen, series }
}

/// Where a problem stands: rectified on time, late, in progress, overdue, or open (not yet due).
pub fn problem_status(data: &Dataset, p: &Problem) -> (&'static str, Message) {
    let rects: Vec<_> = data.rectifications(p.problem_id.as_str()).collect();
    let completed = rects
        .iter()
        .filter(|(_, r)| r.status == RectificationStatus::Completed)
        .map(|(_, r)| r.rectification_date)
        .min();
    let today = data.as_of_date();
    match completed {
        Some(d) if d <= p.due_date => ("rectified", Message::new("已按期整改", "rectified on time")),
        Some(_) => ("rectified_late", Message::new("已整改（逾期）", "rectified late")),
        None if today.is_some_and(|t| t > p.due_date) => ("overdue", Message::new("逾期未整改", "overdue")),
        None if !rects.is_empty() => ("in_progress", Message::new("整改中", "in progress")),
        None => ("open", Message::new("待整改", "open")),
    }
}

fn supervision(data: &Dataset, code: &str) -> Vec<ProblemView> {
    data.in_project::<Problem>(code)
        .map(|(r, p)| {
            let (status, status_label) = problem_status(data, p);
            ProblemView {
                problem_id: p.problem_id.as_str().to_owned(),
                found_date: p.found_date.to_string(),
                due_date: p.due_date.to_string(),
                responsible: p.responsible.to_string(),
                category: p.category.as_str(),
                severity: p.severity.as_str(),
                description: p.description.as_str().to_owned(),
                check_id: p.check_id.as_ref().map(|c| c.as_str().to_owned()),
                record: id(r),
                rectifications: data
                    .rectifications(p.problem_id.as_str())
                    .map(|(rr, x)| RectificationView {
                        date: x.rectification_date.to_string(),
                        status: x.status.as_str(),
                        by: x.rectified_by.to_string(),
                        description: x.description.as_str().to_owned(),
                        record: id(rr),
                    })
                    .collect(),
                status,
                status_label,
            }
        })
        .collect()
}

/// One project's view.
pub fn project_view(data: &Dataset, code: &str, findings: &[&Finding]) -> ProjectView {
    let approval = data.in_project::<Approval>(code).next_back();
    let owner = approval
        .map(|(_, a)| a.owner.as_str())
        .or_else(|| data.in_project::<Tender>(code).next().map(|(_, t)| t.owner.as_str()))
        .or_else(|| data.in_project::<Contract>(code).next().map(|(_, c)| c.employer.as_str()));
    let mut counts = SeverityCounts::default();
    for f in findings {
        match f.severity {
            FindingSeverity::High => counts.high += 1,
            FindingSeverity::Medium => counts.medium += 1,
            FindingSeverity::Low => counts.low += 1,
        }
        counts.total += 1;
    }
    let mut tender_ids: Vec<&str> =
        data.project(code).filter_map(|r| r.record.body.tender_id().map(|t| t.as_str())).collect();
    crate::order::sort(&mut tender_ids);
    tender_ids.dedup();
    ProjectView {
        project: code.to_owned(),
        name: data.project_name(code).map(str::to_owned),
        owner: owner.map(|o| FirmRef::of(data, o)),
        project_type: approval.map(|(_, a)| a.project_type.as_str()),
        project_type_label: approval.map(|(_, a)| project_type_label(a.project_type)),
        status: status(data, code),
        cost_chain: cost_chain(data, code),
        timeline: data
            .project(code)
            .map(|r| TimelineEntry {
                date: r.record.body.event_date().to_string(),
                kind: r.record.kind.as_str(),
                title: describe(data, r),
                department: department(r),
                record: id(r),
            })
            .collect(),
        tenders: tender_ids.into_iter().map(|t| tender_view(data, t)).collect(),
        payments: payments(data, code),
        supervision: supervision(data, code),
        findings: counts,
    }
}

/// Every project's view, in project-code order.
pub fn project_views(data: &Dataset, findings: &[Finding]) -> Vec<ProjectView> {
    let mut by_project: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if let Some(p) = &f.project {
            by_project.entry(p.as_str()).or_default().push(f);
        }
    }
    data.projects().map(|p| project_view(data, p, by_project.get(p).map_or(&[][..], Vec::as_slice))).collect()
}
