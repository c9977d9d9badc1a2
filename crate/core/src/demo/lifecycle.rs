//! A project's records, stage by stage, from approval to audit, with the injected cases applied:
//! 立项 → 概算 → 用地/规划许可 → 报建 → 招标 → 投标 → 开标评标 → 公示 → 中标通知 → 合同备案 → 施工许可 →
//! 开工 → 进度/变更/质量安全监督/资金拨付 → 竣工验收 → 备案 → 结算 → 审计 → 决算.

use super::answer::Answers;
use super::cases::Case;
use super::city::Owner;
use super::firms::Market;
use super::model::{at, pct, plus, scale, yuan, Ledger};
use super::plan::Project;
use super::rng::Rng;
use super::tenders::LotOutcome;
use crate::kinds::Kind;
use crate::time::{Date, Timestamp};
use serde_json::{json, Value};

use super::firms::Firm;
use super::plan::Lot;
use super::tenders::TenderPlan;

/// Per-project document counters, so that document numbers look issued in sequence.
fn doc_no(r: &mut Rng, lo: i64, hi: i64) -> i64 {
    r.range(lo, hi)
}

/// The year of a date, for document numbers (〔2024〕).
fn year(d: Date) -> i32 {
    d.ymd().0
}

/// One project's context: what every stage reads, the project's random stream, and where its
/// records and injected cases go.
struct P<'a> {
    p: &'a Project,
    owner: &'a Owner,
    market: &'a Market,
    r: Rng,
    ledger: &'a mut Ledger,
    answers: &'a mut Answers,
}

impl P<'_> {
    fn has(&self, c: Case) -> bool {
        self.p.has(c)
    }
    fn designer(&self) -> &str {
        let d = &self.market.designers;
        &d[self.p.index % d.len()].uscc
    }
    fn supervisor(&self) -> &str {
        let s = &self.market.supervisors;
        &s[(self.p.index * 7 + 3) % s.len()].uscc
    }
    fn auditor(&self) -> &str {
        let s = &self.market.auditors;
        &s[(self.p.index * 3 + 1) % s.len()].uscc
    }
    fn agent(&self) -> &str {
        let s = &self.market.agents;
        &s[(self.p.index * 5 + 2) % s.len()].uscc
    }
    /// Who records payments: the finance bureau for public money, the owner for its own.
    fn payer_dept(&self) -> &'static str {
        if self.p.funding == "state_owned" {
            self.owner.dept
        } else {
            "czj"
        }
    }
    /// A record of this project on `date` (at the office hour of its kind).
    fn record(
        &mut self,
        date: Date,
        dept: &'static str,
        kind: Kind,
        body: Value,
        refs: &[Option<usize>],
    ) -> Option<usize> {
        self.ledger.record(date, dept, kind, Some(&self.p.code), body, refs)
    }
    /// A record of this project at an exact time.
    fn record_at(
        &mut self,
        time: Timestamp,
        dept: &'static str,
        kind: Kind,
        body: Value,
        refs: &[Option<usize>],
    ) -> Option<usize> {
        self.ledger.at_time(time, dept, kind, Some(&self.p.code), body, refs)
    }
    /// An injected case of this project, for the answer key.
    fn answer(&mut self, check: &'static str, tender: Option<&str>, zh: String, en: String) {
        self.answers.add(check, &self.p.code, tender, zh, en);
    }
}

/// Every record of one project, stage by stage. The stage order is the order of the draws from
/// the project's stream and of the ledger, so it must not change.
pub fn emit(
    ledger: &mut Ledger,
    p: &Project,
    lots: &[LotOutcome],
    market: &Market,
    owners: &[Owner],
    answers: &mut Answers,
) {
    let Some(owner) = owners.get(p.owner) else { return };
    let mut x = P { p, owner, market, r: p.rng.fork("lifecycle"), ledger, answers };
    let (approval, approval_no) = approval(&mut x);
    let approval_ref = reapproval(&mut x, approval, &approval_no);
    let estimate = design_estimate(&mut x, approval_ref);
    let permits = land_and_planning(&mut x, approval_ref);
    let registration = registration(&mut x, permits.planning, estimate);
    let works = lots_records(&mut x, lots, &permits, &[registration, estimate]);
    if lots.is_empty() {
        return;
    }
    let acceptance = completion(&mut x, &works);
    // 决算, once every contract is settled
    if acceptance.is_none() || works.settlements.len() != lots.len() {
        return;
    }
    final_accounts(&mut x, &works.settlements);
}

/// 立项; returns the record and its document number.
fn approval(x: &mut P) -> (Option<usize>, String) {
    let p = x.p;
    let tl = &p.tl;
    let approval_no = format!("潜发改审批〔{}〕{}号", year(tl.approval), doc_no(&mut x.r, 8, 160));
    let gov = match p.funding {
        "government" => Some(p.estimate),
        "mixed" => Some(p.estimate / 10 * 6),
        _ => None,
    };
    let mut body = json!({
        "project_name": p.name,
        "project_type": p.category.project_type(),
        "approval_stage": if p.category.is_real_estate() { "filing" } else { "feasibility_study" },
        "approver_dept": "fgw",
        "approval_no": approval_no,
        "approval_date": tl.approval.to_string(),
        "owner": x.owner.uscc,
        "estimate_fen": p.estimate,
        "funding": p.funding,
        "must_tender": p.must_tender,
        "location": p.location,
        "scale": scale_text(p),
    });
    if let (Some(g), Some(o)) = (gov, body.as_object_mut()) {
        o.insert("government_funds_fen".into(), g.into());
    }
    let approval = x.record(tl.approval, "fgw", Kind::Approval, body, &[]);
    if p.has(Case::Proc01) {
        x.answer(
            "PROC-01",
            None,
            format!("{} 签订施工合同，{} 才取得立项批复（未批先建）", tl.signing, tl.approval),
            format!("the works contract was signed on {}, before the project approval of {}", tl.signing, tl.approval),
        );
    }
    (approval, approval_no)
}

/// A re-approval when the estimate grew, as the law requires; returns the approval that later
/// stages cite.
fn reapproval(x: &mut P, approval: Option<usize>, approval_no: &str) -> Option<usize> {
    let p = x.p;
    if !p.has(Case::NearReapproval) {
        return approval;
    }
    let d = plus(p.tl.estimate, -12);
    let body = json!({
        "project_name": p.name,
        "project_type": p.category.project_type(),
        "approval_stage": "reapproval",
        "approver_dept": "fgw",
        "approval_no": format!("潜发改审批〔{}〕{}号", year(d), doc_no(&mut x.r, 161, 240)),
        "approval_date": d.to_string(),
        "owner": x.owner.uscc,
        "estimate_fen": p.gai,
        "funding": p.funding,
        "must_tender": p.must_tender,
        "supersedes_no": approval_no,
        "location": p.location,
    });
    x.record(d, "fgw", Kind::Approval, body, &[approval]).or(approval)
}

/// 概算 (and COST-01, a design estimate far above the approval without a new one).
fn design_estimate(x: &mut P, approval_ref: Option<usize>) -> Option<usize> {
    let p = x.p;
    let tl = &p.tl;
    if p.has(Case::Cost01) {
        x.answer(
            "COST-01",
            None,
            format!(
                "概算 {} 超过估算 {} 达 {}，未重新报批",
                yuan(p.gai),
                yuan(p.estimate),
                pct(p.gai - p.estimate, p.estimate)
            ),
            format!(
                "design estimate {} exceeds the approved estimate {} by {} without a new approval",
                yuan(p.gai),
                yuan(p.estimate),
                pct(p.gai - p.estimate, p.estimate)
            ),
        );
    }
    let body = json!({
        "estimate_fen": p.gai,
        "construction_cost_fen": p.construction_cost,
        "approver_dept": "fgw",
        "approval_no": format!("潜发改审批〔{}〕{}号", year(tl.estimate), doc_no(&mut x.r, 241, 400)),
        "approval_date": tl.estimate.to_string(),
        "design_unit": x.designer(),
    });
    x.record(tl.estimate, "fgw", Kind::DesignEstimate, body, &[approval_ref])
}

/// The land-use and planning permit numbers (cited by the construction permits) and the planning
/// permit record.
struct Permits {
    land_no: String,
    planning_no: String,
    planning: Option<usize>,
}

/// 用地、规划许可; none at all for PROC-03.
fn land_and_planning(x: &mut P, approval_ref: Option<usize>) -> Permits {
    let p = x.p;
    let tl = &p.tl;
    let serial = p.code[18..].to_owned();
    let land_no = format!("地字第{}{}{}号", super::city::ADMIN_CODE, year(tl.land), &serial[1..]);
    let planning_no = format!("建字第{}{}{}号", super::city::ADMIN_CODE, year(tl.planning), &serial[1..]);
    let mut planning = None;
    if p.has(Case::Proc03) {
        x.answer(
            "PROC-03",
            None,
            format!("{} 核发施工许可证，但项目没有建设用地规划许可和建设工程规划许可", tl.permit),
            format!(
                "a construction permit was issued on {} although the project has no land-use or planning permit",
                tl.permit
            ),
        );
    } else {
        let area = x.r.range(8_000, 90_000);
        let body = json!({
            "permit_no": land_no,
            "issue_date": tl.land.to_string(),
            "holder": x.owner.uscc,
            "area_m2": area,
            "land_use": land_use(p),
            "location": p.location,
        });
        let land = x.record(tl.land, "zrzy", Kind::LandPermit, body, &[approval_ref]);
        let mut body = json!({
            "permit_no": planning_no,
            "issue_date": tl.planning.to_string(),
            "holder": x.owner.uscc,
            "land_permit_no": land_no,
        });
        if p.category.trade() == super::firms::Trade::Building {
            if let Some(o) = body.as_object_mut() {
                o.insert("floor_area_m2".into(), (area * x.r.range(8, 25) / 10).into());
            }
        }
        planning = x.record(tl.planning, "zrzy", Kind::PlanningPermit, body, &[land]);
    }
    Permits { land_no, planning_no, planning }
}

/// 报建.
fn registration(x: &mut P, planning: Option<usize>, estimate: Option<usize>) -> Option<usize> {
    let p = x.p;
    let tl = &p.tl;
    let body = json!({
        "registration_no": format!("BJ-{}-{}-{:04}", super::city::ADMIN_CODE, year(tl.registration), doc_no(&mut x.r, 10, 2000)),
        "registration_date": tl.registration.to_string(),
        "owner": x.owner.uscc,
        "investment_fen": p.gai,
        "scale": scale_text(p),
    });
    x.record(tl.registration, "zjj", Kind::Registration, body, &[planning, estimate])
}

/// What the completion stages need from the lots.
struct Works {
    starts: Vec<Option<usize>>,
    contractors: Vec<String>,
    settlements: Vec<(i64, Option<usize>)>,
}

/// Each lot in turn: tender, contract, permit, works start, construction.
fn lots_records(x: &mut P, lots: &[LotOutcome], permits: &Permits, refs: &[Option<usize>]) -> Works {
    let p = x.p;
    let market = x.market;
    let mut works = Works { starts: Vec::new(), contractors: Vec::new(), settlements: Vec::new() };
    for (k, (lot, o)) in p.lots.iter().zip(lots).enumerate() {
        let mut award_ref = None;
        if let (Some(t), Some(tid)) = (&o.tender, &lot.tender_id) {
            award_ref = tender_records(x, k, tid, t, o, refs);
        }
        let c = contract(x, k, lot, o, award_ref);
        let (permit, permit_no) = construction_permit(x, &c, permits);
        works.starts.push(works_start(x, &c, permit, &permit_no));
        let contractor = &market.firms[o.contractor];
        if !works.contractors.contains(&contractor.uscc) {
            works.contractors.push(contractor.uscc.clone());
        }
        if let Some(s) = construction(x, &c, permit) {
            works.settlements.push(s);
        }
    }
    works
}

/// One lot's contract, as the later stages need it.
struct Contract<'a> {
    k: usize,
    lot: &'a Lot,
    o: &'a LotOutcome,
    contractor: &'a Firm,
    record: Option<usize>,
    amount: i64,
    filing: Date,
}

/// 合同 and its 备案, with the cases about its terms and how it was awarded.
fn contract<'a: 'c, 'c>(
    x: &mut P<'a>,
    k: usize,
    lot: &'c Lot,
    o: &'c LotOutcome,
    award_ref: Option<usize>,
) -> Contract<'c> {
    let market = x.market;
    let (signing, filing) = contract_dates(x, k);
    let amount = contract_amount(x, lot, o);
    let mut c = Contract { k, lot, o, contractor: &market.firms[o.contractor], record: None, amount, filing };
    let bond = performance_bond(x, &c);
    if x.has(Case::Contract01) {
        let award = x.p.tl.award;
        x.answer(
            "CONTRACT-01",
            lot.tender_id.as_deref(),
            format!("中标通知 {}，合同 {} 才签订，相隔 {} 日", award, signing, signing.0 - award.0),
            format!("award notice on {}, contract signed on {}: {} days later", award, signing, signing.0 - award.0),
        );
    }
    let body = contract_body(x, &c, signing, bond);
    direct_award_answers(x, &c);
    c.record = x.record(filing, "zjj", Kind::Contract, body, &[award_ref]);
    c
}

/// Signing and filing dates: the contracts of a split project (PROC-05) follow one another.
fn contract_dates(x: &mut P, k: usize) -> (Date, Date) {
    let tl = &x.p.tl;
    if x.p.has(Case::Proc05Split) {
        let s = plus(tl.signing, k as i64 * x.r.range(12, 25));
        (s, plus(s, x.r.range(1, 4)))
    } else {
        (tl.signing, tl.filing)
    }
}

/// The contract amount: the winning price, unless COST-04 changed it.
fn contract_amount(x: &mut P, lot: &Lot, o: &LotOutcome) -> i64 {
    if !x.has(Case::Cost04) {
        return o.price;
    }
    let amount = scale(o.price, 1.035) / 100 * 100;
    x.answer(
        "COST-04",
        lot.tender_id.as_deref(),
        format!("合同金额 {} 与中标价 {} 不一致（+{}）", yuan(amount), yuan(o.price), pct(amount - o.price, o.price)),
        format!(
            "contract amount {} differs from the winning bid {} (+{})",
            yuan(amount),
            yuan(o.price),
            pct(amount - o.price, o.price)
        ),
    );
    amount
}

/// 履约保证金: 5–10% of the contract, or 15% for CONTRACT-04.
fn performance_bond(x: &mut P, c: &Contract) -> i64 {
    let amount = c.amount;
    if !x.has(Case::Contract04) {
        return amount * *x.r.pick(&[5, 5, 8, 10]) / 100;
    }
    let b = amount * 15 / 100;
    x.answer(
        "CONTRACT-04",
        c.lot.tender_id.as_deref(),
        format!("履约保证金 {} 为合同金额的 {}，超过 10%", yuan(b), pct(b, amount)),
        format!("performance bond {} is {} of the contract, above 10%", yuan(b), pct(b, amount)),
    );
    b
}

/// The contract's record body, with CONTRACT-03's subcontract when injected.
fn contract_body(x: &mut P, c: &Contract, signing: Date, bond: i64) -> Value {
    let p = x.p;
    let tl = &p.tl;
    let period_start = tl.start.max(plus(signing, 3));
    let mut body = json!({
        "contract_no": c.lot.contract_no,
        "category": "works",
        "employer": x.owner.uscc,
        "contractor": c.contractor.uscc,
        "amount_fen": c.amount,
        "signing_date": signing.to_string(),
        "period_start": period_start.to_string(),
        "period_end": plus(period_start, tl.duration).to_string(),
        "filing_date": c.filing.to_string(),
        "performance_bond_fen": bond,
        "project_manager": x.market.pms[c.o.pm].reg,
        "contractor_account": c.contractor.account,
    });
    if let Some(obj) = body.as_object_mut() {
        match &c.lot.tender_id {
            Some(t) => {
                obj.insert("tender_id".into(), t.clone().into());
            }
            None if p.has(Case::Proc05Direct) => {}
            None => {
                obj.insert("no_tender_reason".into(), "below_threshold".into());
            }
        }
        if p.has(Case::Contract03) {
            subcontract_to_loser(x, c, obj);
        }
    }
    body
}

/// CONTRACT-03: the winner subcontracts part of the works to a losing bidder of the same tender.
fn subcontract_to_loser(x: &mut P, c: &Contract, obj: &mut serde_json::Map<String, Value>) {
    let market = x.market;
    let (o, amount) = (c.o, c.amount);
    let Some(t) = &o.tender else { return };
    let loser =
        t.bids.iter().find(|b| b.firm != o.winner && !t.disqualified.iter().any(|d| t.bids[d.0].firm == b.firm));
    let Some(l) = loser else { return };
    let sub = amount * 32 / 100;
    let lf = &market.firms[l.firm];
    obj.insert(
        "subcontracts".into(),
        json!([{"subcontractor": lf.uscc, "amount_fen": sub, "scope": "道路及管网土方、基层工程"}]),
    );
    x.answer(
        "CONTRACT-03",
        c.lot.tender_id.as_deref(),
        format!("中标人将 {} 的工程分包给同标段未中标的 {}", yuan(sub), lf.name),
        format!(
            "the winner subcontracts {} of the works to {}, a losing bidder of the same tender",
            yuan(sub),
            lf.name
        ),
    );
}

/// PROC-05: works above the tender threshold awarded directly, or split to stay below it.
fn direct_award_answers(x: &mut P, c: &Contract) {
    let p = x.p;
    if p.has(Case::Proc05Direct) {
        x.answer(
            "PROC-05",
            None,
            format!("施工合同 {} 达到依法必须招标标准（400 万元），未经招标直接发包", yuan(c.amount)),
            format!(
                "a works contract of {} (above the 4,000,000-yuan threshold) was awarded without a tender",
                yuan(c.amount)
            ),
        );
    }
    if p.has(Case::Proc05Split) && c.k == p.lots.len() - 1 {
        x.answer(
            "PROC-05",
            None,
            format!("同一项目拆分为 {} 份均略低于 400 万元的施工合同直接发包，规避招标", p.lots.len()),
            format!(
                "the works were split into {} contracts each just below 4,000,000 yuan and awarded without a tender",
                p.lots.len()
            ),
        );
    }
}

/// 施工许可 of one lot (with PROC-02 and PROC-04, whose dates the plan set); returns the record and
/// the permit number.
fn construction_permit(x: &mut P, c: &Contract, permits: &Permits) -> (Option<usize>, String) {
    let p = x.p;
    let tl = &p.tl;
    let permit_no = format!("{}{}{:02}01", super::city::ADMIN_CODE, tl.permit.to_string().replace('-', ""), c.k + 1);
    let mut body = json!({
        "permit_no": permit_no,
        "issue_date": tl.permit.to_string(),
        "owner": x.owner.uscc,
        "contractor": c.contractor.uscc,
        "project_manager": x.market.pms[c.o.pm].reg,
        "contract_amount_fen": c.amount,
    });
    if let Some(obj) = body.as_object_mut() {
        if !p.has(Case::Proc03) {
            obj.insert("land_permit_no".into(), permits.land_no.clone().into());
            obj.insert("planning_permit_no".into(), permits.planning_no.clone().into());
        }
        if let Some(e) = tl.permit_extension {
            obj.insert("extension_until".into(), e.to_string().into());
        }
    }
    let permit = x.record(tl.permit, "zjj", Kind::ConstructionPermit, body, &[c.record]);
    if p.has(Case::Proc02) && c.k == 0 {
        x.answer(
            "PROC-02",
            None,
            format!("{} 开工，{} 才取得施工许可证", tl.start, tl.permit),
            format!("works started on {}, before the construction permit of {}", tl.start, tl.permit),
        );
    }
    if p.has(Case::Proc04) && c.k == 0 {
        x.answer(
            "PROC-04",
            None,
            format!("施工许可 {} 核发，{} 才开工，超过 3 个月且未申请延期", tl.permit, tl.start),
            format!(
                "permit issued on {}, works started on {}: more than 3 months later without an extension",
                tl.permit, tl.start
            ),
        );
    }
    (permit, permit_no)
}

/// 开工.
fn works_start(x: &mut P, c: &Contract, permit: Option<usize>, permit_no: &str) -> Option<usize> {
    let start = x.p.tl.start;
    let body = json!({
        "start_date": start.to_string(),
        "contractor": c.contractor.uscc,
        "permit_no": permit_no,
        "contract_no": c.lot.contract_no,
    });
    let dept = x.owner.dept;
    x.record(start, dept, Kind::WorksStart, body, &[permit, c.record])
}

/// 竣工验收 and 备案 (PROC-06 when filed late); returns the acceptance record.
fn completion(x: &mut P, works: &Works) -> Option<usize> {
    let p = x.p;
    let tl = &p.tl;
    let body = json!({
        "acceptance_date": tl.acceptance.to_string(),
        "result": "pass",
        "contractors": works.contractors,
        "supervisor": x.supervisor(),
        "designer": x.designer(),
    });
    let dept = x.owner.dept;
    let acceptance = x.record(tl.acceptance, dept, Kind::CompletionAcceptance, body, &works.starts);
    let body = json!({
        "filing_no": format!("JB-{}-{}-{:04}", super::city::ADMIN_CODE, year(tl.completion_filing), doc_no(&mut x.r, 10, 900)),
        "filing_date": tl.completion_filing.to_string(),
        "acceptance_date": tl.acceptance.to_string(),
    });
    let filed = x.record(tl.completion_filing, "zjj", Kind::CompletionFiling, body, &[acceptance]);
    if p.has(Case::Proc06) && filed.is_some() {
        x.answer(
            "PROC-06",
            None,
            format!("{} 竣工验收，{} 才办理备案，超过 15 日", tl.acceptance, tl.completion_filing),
            format!("accepted on {}, filed on {}: more than 15 days later", tl.acceptance, tl.completion_filing),
        );
    }
    acceptance
}

/// 决算 over every settlement (PROC-07 when late, COST-03 above the design estimate).
fn final_accounts(x: &mut P, settlements: &[(i64, Option<usize>)]) {
    let p = x.p;
    let tl = &p.tl;
    let total_settled: i64 = settlements.iter().map(|s| s.0).sum();
    let fa = if p.has(Case::Cost03) {
        scale(p.gai, x.r.uniform(1.18, 1.24))
    } else {
        (total_settled + scale(p.gai - p.construction_cost, x.r.uniform(0.75, 0.95))).min(scale(p.gai, 0.99))
    } / 100
        * 100;
    let body = json!({
        "amount_fen": fa,
        "report_date": tl.final_accounts.to_string(),
        "completion_date": tl.acceptance.to_string(),
        "approval_no": format!("潜财建〔{}〕{}号", year(tl.final_accounts), doc_no(&mut x.r, 5, 150)),
        "approval_date": plus(tl.final_accounts, x.r.range(10, 30)).to_string(),
        "approver_dept": "czj",
    });
    let refs: Vec<Option<usize>> = settlements.iter().map(|s| s.1).collect();
    let fin = x.record(tl.final_accounts, "czj", Kind::FinalAccounts, body, &refs);
    if fin.is_some() && p.has(Case::Proc07) {
        x.answer(
            "PROC-07",
            None,
            format!("{} 竣工，{} 才编报竣工决算，超过 3 个月", tl.acceptance, tl.final_accounts),
            format!(
                "completed on {}, final accounts only on {}: more than 3 months later",
                tl.acceptance, tl.final_accounts
            ),
        );
    }
}

fn scale_text(p: &Project) -> String {
    use super::plan::Category::*;
    // Sizes follow the money: about one unit of scale per so many yuan.
    let wan = p.estimate / 1_000_000;
    let x = |per: i64| (wan / per).max(1);
    match p.category {
        Road => format!("道路全长约 {:.1} 公里，含道路、排水、照明、绿化及交通设施", x(20) as f64 / 10.0),
        Drainage => format!("新建雨污水管网约 {} 公里及配套检查井、泵站改造", x(150)),
        School => format!("新建教学楼、综合楼及室外附属工程，总建筑面积约 {} 平方米", x(1) * 4 / 10 * 10),
        Park => format!("园林景观、园路广场、照明及给排水工程，占地约 {} 公顷", x(300)),
        Lighting => format!("更换 LED 路灯约 {} 盏及智慧照明控制系统", x(1) * 3),
        WaterSupply => format!("新建 DN200–DN600 供水管道约 {} 公里", x(100)),
        Hospital => format!("新建住院综合楼及配套工程，总建筑面积约 {} 平方米", x(1) * 3 / 10 * 10),
        Bridge => "桥梁上部结构加固、桥面铺装更换及附属设施".into(),
        River => format!("河道清淤、生态护岸及截污工程约 {} 公里", x(400)),
        OldCommunity => format!("{} 个小区道路、管网、外立面及公共设施改造", x(150)),
        Sewage => "污水处理厂提标改造至一级 A 标准".into(),
        RealEstate => format!("住宅及配套商业，总建筑面积约 {} 万平方米", x(3_000)),
    }
}

fn land_use(p: &Project) -> &'static str {
    use super::plan::Category::*;
    match p.category {
        Road | Bridge | Lighting => "城市道路用地",
        Drainage | WaterSupply | Sewage => "公用设施用地",
        School => "教育用地",
        Hospital => "医疗卫生用地",
        Park => "公园绿地",
        River => "水域及水利设施用地",
        OldCommunity | RealEstate => "居住用地",
    }
}

/// Tender, bids, opening, publicity and award of one lot; returns the award record.
fn tender_records(
    x: &mut P,
    k: usize,
    tender_id: &str,
    t: &TenderPlan,
    o: &LotOutcome,
    refs: &[Option<usize>],
) -> Option<usize> {
    let tender = tender_notice(x, k, tender_id, t, refs);
    let bid_refs = bids(x, tender_id, t, tender);
    let market = x.market;
    let disq: Vec<Value> = t
        .disqualified
        .iter()
        .map(|(j, reason, detail)| json!({"bidder": bidder(market, t, *j), "reason": reason, "detail": detail}))
        .collect();
    let opening = opening(x, tender_id, t, tender, bid_refs, &disq);
    let candidates = candidates(x, tender_id, t, opening);
    award(x, tender_id, t, o, candidates, disq)
}

/// The USCC of the `j`-th bid's firm.
fn bidder(market: &Market, t: &TenderPlan, j: usize) -> String {
    market.firms[t.bids[j].firm].uscc.clone()
}

/// 招标公告 (with any clarification), and COST-02 when the ceiling exceeds the design estimate.
fn tender_notice(x: &mut P, k: usize, tender_id: &str, t: &TenderPlan, refs: &[Option<usize>]) -> Option<usize> {
    let p = x.p;
    let tl = &p.tl;
    let lot = &p.lots[k];
    let mut body = json!({
        "tender_id": tender_id,
        "title": format!("{}施工", p.name),
        "category": "works",
        "method": "open",
        "evaluation": if p.price_only { "price_only" } else { "comprehensive" },
        "owner": x.owner.uscc,
        "agent": x.agent(),
        "ceiling_price_fen": lot.ceiling,
        "bid_bond_fen": t.bond,
        "published_date": tl.publish.to_string(),
        "bid_deadline": tl.deadline.to_string(),
        "document_hash": x.r.hex(64),
    });
    if let Some(obj) = body.as_object_mut() {
        if let Some(n) = &lot.lot_name {
            obj.insert("lot_name".into(), n.clone().into());
        }
        if let Some((d, ext)) = tl.clarification {
            let mut c = json!({"date": d.to_string(), "document_hash": x.r.hex(64)});
            if let (Some(e), Some(co)) = (ext, c.as_object_mut()) {
                co.insert("extended_deadline".into(), e.to_string().into());
            }
            obj.insert("clarifications".into(), json!([c]));
        }
    }
    let tender = x.record(tl.publish, "jyzx", Kind::Tender, body, refs);
    if p.has(Case::Cost02) {
        x.answer(
            "COST-02",
            Some(tender_id),
            format!(
                "招标控制价 {} 超过批复概算 {}（+{}）",
                yuan(lot.ceiling),
                yuan(p.gai),
                pct(lot.ceiling - p.gai, p.gai)
            ),
            format!(
                "ceiling price {} exceeds the approved design estimate {} (+{})",
                yuan(lot.ceiling),
                yuan(p.gai),
                pct(lot.ceiling - p.gai, p.gai)
            ),
        );
    }
    tender
}

/// 投标: one record per bid, at its submission time.
fn bids(x: &mut P, tender_id: &str, t: &TenderPlan, tender: Option<usize>) -> Vec<Option<usize>> {
    let market = x.market;
    let mut bid_refs = Vec::new();
    for b in &t.bids {
        let f = &market.firms[b.firm];
        let mut body = json!({
            "tender_id": tender_id,
            "bidder": f.uscc,
            "price_fen": b.price,
            "submitted_at": b.submitted.to_string(),
            "project_manager": market.pms[b.pm].reg,
            "project_team": b.team.iter().map(|(p, role)| json!({"person": p, "role": role})).collect::<Vec<_>>(),
            "compiler": b.compiler,
            "agent": b.agent,
            "bond": b.bond,
            "document_hash": b.document_hash,
            "file_hashes": b.file_hashes,
            "machine": b.machine,
            "pricing_lock_id": b.lock,
            "qualifications": b.quals,
        });
        if !b.perf.is_empty() {
            if let Some(obj) = body.as_object_mut() {
                obj.insert("claimed_performance".into(), Value::Array(b.perf.clone()));
            }
        }
        bid_refs.push(x.record_at(b.submitted, "jyzx", Kind::Bid, body, &[tender]));
    }
    bid_refs
}

/// 开标评标: the prices, the ranking and who was disqualified, after the deadline.
fn opening(
    x: &mut P,
    tender_id: &str,
    t: &TenderPlan,
    tender: Option<usize>,
    bid_refs: Vec<Option<usize>>,
    disq: &[Value],
) -> Option<usize> {
    let market = x.market;
    let tl = &x.p.tl;
    let opened_at = tl.bid_deadline();
    let mut body = json!({
        "tender_id": tender_id,
        "opened_at": opened_at.to_string(),
        "evaluation_date": tl.evaluation.to_string(),
        "bids": t.bids.iter().map(|b| json!({"bidder": market.firms[b.firm].uscc, "price_fen": b.price})).collect::<Vec<_>>(),
        "ranking": t.ranking.iter().enumerate().map(|(i, (j, s))| {
            let mut v = json!({"rank": i + 1, "bidder": bidder(market, t, *j)});
            if let Some(o) = v.as_object_mut() {
                match s {
                    Some(s) => { o.insert("score_centi".into(), (*s).into()); }
                    None => { o.insert("evaluated_price_fen".into(), t.bids[*j].price.into()); }
                }
            }
            v
        }).collect::<Vec<_>>(),
    });
    if !disq.is_empty() {
        if let Some(obj) = body.as_object_mut() {
            obj.insert("disqualified".into(), Value::Array(disq.to_vec()));
        }
    }
    // evaluation ends the same afternoon, and at least an hour after the opening
    let eval_time = Timestamp { unix: at(tl.evaluation, 16, 30).unix.max(opened_at.unix + 3600), offset_minutes: 480 };
    let mut opening_refs = vec![tender];
    opening_refs.extend(bid_refs);
    x.record_at(eval_time, "jyzx", Kind::Opening, body, &opening_refs)
}

/// 中标候选人公示: the first three of the ranking.
fn candidates(x: &mut P, tender_id: &str, t: &TenderPlan, opening: Option<usize>) -> Option<usize> {
    let market = x.market;
    let tl = &x.p.tl;
    let top: Vec<&(usize, Option<u32>)> = t.ranking.iter().take(3).collect();
    let body = json!({
        "tender_id": tender_id,
        "candidates": top.iter().enumerate().map(|(i, (j, _))| json!({
            "rank": i + 1,
            "bidder": bidder(market, t, *j),
            "price_fen": t.bids[*j].price,
            "project_manager": market.pms[t.bids[*j].pm].reg,
        })).collect::<Vec<_>>(),
        "publicity_start": tl.publicity_start.to_string(),
        "publicity_end": tl.publicity_end.to_string(),
    });
    x.record(tl.publicity_start, "jyzx", Kind::Candidates, body, &[opening])
}

/// 中标通知.
fn award(
    x: &mut P,
    tender_id: &str,
    t: &TenderPlan,
    o: &LotOutcome,
    candidates: Option<usize>,
    disq: Vec<Value>,
) -> Option<usize> {
    let market = x.market;
    let tl = &x.p.tl;
    let mut body = json!({
        "tender_id": tender_id,
        "winner": market.firms[o.winner].uscc,
        "price_fen": o.price,
        "notice_date": tl.award.to_string(),
        "candidates": t.ranking.iter().take(3).map(|(j, _)| bidder(market, t, *j)).collect::<Vec<_>>(),
        "project_manager": market.pms[o.pm].reg,
        "duration_days": tl.duration,
    });
    if !disq.is_empty() {
        if let Some(obj) = body.as_object_mut() {
            obj.insert("disqualified".into(), Value::Array(disq));
        }
    }
    x.record(tl.award, "jyzx", Kind::Award, body, &[candidates])
}

/// One lot's works: its contract and permit, its own random stream (so that the lots of a
/// project do not shift one another's draws), and the dates the works span.
struct Site<'a> {
    c: &'a Contract<'a>,
    permit: Option<usize>,
    r: Rng,
    now: Date,
    start: Date,
    end: Date,
    span: i64,
}

impl Site<'_> {
    /// How far the works are on `d`, by time.
    fn frac_at(&self, d: Date) -> f64 {
        (f64::from(d.0 - self.start.0) / self.span as f64).clamp(0.0, 1.0)
    }
}

/// Works, change orders, inspections and payments of one contract, then its settlement and audit;
/// returns the settlement (amount and record) once there is one.
fn construction(x: &mut P, c: &Contract, permit: Option<usize>) -> Option<(i64, Option<usize>)> {
    let tl = &x.p.tl;
    let mut w = Site {
        c,
        permit,
        r: x.r.fork(&format!("construction/{}", c.k)),
        now: x.ledger.now,
        start: tl.start,
        end: tl.acceptance,
        span: i64::from((tl.acceptance.0 - tl.start.0).max(30)),
    };
    let (built_total, limit) = change_orders(x, &mut w);
    let stop = inspections(x, &mut w);
    let paid = payments(x, &mut w, built_total, limit, stop);
    settlement_and_audit(x, &mut w, limit, paid)
}

/// Change orders (设计变更/签证); returns the value built and the payment limit (the contract plus
/// the approved changes).
fn change_orders(x: &mut P, w: &mut Site) -> (i64, i64) {
    let p = x.p;
    let owner = x.owner;
    let c = w.c;
    let a = c.amount;
    let mut changes: Vec<(Date, i64, bool)> = Vec::new();
    let n_changes = if p.has(Case::Pay01) { 0 } else { w.r.range(0, 2) };
    for _ in 0..n_changes {
        let d = plus(w.start, (w.span as f64 * w.r.uniform(0.2, 0.7)) as i64);
        changes.push((d, scale(a, w.r.uniform(0.008, 0.025)) / 100 * 100, true));
    }
    if p.has(Case::NearUnapprovedChange) || p.has(Case::Pay01) {
        let d = plus(w.start, (w.span as f64 * 0.3) as i64);
        let f = if p.has(Case::Pay01) { 0.15 } else { 0.06 };
        changes.push((d, scale(a, f) / 100 * 100, false));
    }
    changes.sort();
    let mut approved_changes = 0;
    for (n, (d, delta, approved)) in changes.iter().enumerate() {
        let mut body = json!({
            "change_no": format!("BG-{}-{:03}", d.ymd().0, n + 1 + c.k * 10),
            "contract_no": c.lot.contract_no,
            "amount_delta_fen": delta,
            "approved": approved,
            "change_date": d.to_string(),
            "reason": w.r.pick(&[
                "雨水管网改线，增加检查井",
                "地质条件变化，增加软基换填",
                "管线迁改，调整施工方案",
                "按主管部门要求增加无障碍设施",
                "材料价格调差",
            ]),
        });
        if *approved {
            if let Some(obj) = body.as_object_mut() {
                obj.insert("approver".into(), json!({"unit": owner.uscc}));
                obj.insert("approval_date".into(), plus(*d, 7).to_string().into());
            }
            approved_changes += delta;
        }
        x.record(*d, owner.dept, Kind::ChangeOrder, body, &[c.record]);
    }
    // Completed value includes every change actually built (approved or not).
    let built_total = a + changes.iter().map(|c| c.1).sum::<i64>();
    (built_total, a + approved_changes)
}

/// An inspection: date, type and result.
type Inspection = (Date, &'static str, &'static str);

/// From and until (a stop order, or a period without inspection records).
type Period = (Date, Date);

/// 质量安全监督 of one lot, with the injected site cases; returns the stop order's period (it
/// halts the whole site) when there is one.
fn inspections(x: &mut P, w: &mut Site) -> Option<Period> {
    let mut list = regular_inspections(w);
    let (quiet, stop) = site_cases(x, w, &mut list);
    // The year-end safety and quality campaign of 2026 on every site still open (26 and 27
    // November, with the closing data update).
    let campaign = w.start <= super::model::day(2026, 10, 31) && w.end > w.now;
    if campaign {
        list.retain(|i| i.0 < plus(w.now, -20));
    }
    list.sort();
    inspection_records(x, w, &list, &quiet);
    if campaign {
        campaign_inspections(x, w);
    }
    stop
}

/// Quality and safety inspections in turn, every 70–110 days until shortly before acceptance.
fn regular_inspections(w: &mut Site) -> Vec<Inspection> {
    let mut inspections = Vec::new();
    let mut d = plus(w.start, w.r.range(20, 40));
    let mut quality = true;
    while d < plus(w.end, -5) && d <= w.now {
        inspections.push((d, if quality { "quality" } else { "safety" }, "pass"));
        quality = !quality;
        d = plus(d, w.r.range(70, 110));
    }
    inspections
}

/// A failed inspection and its re-inspection, SITE-01 (a failure never re-inspected, with no
/// inspection records after it) and stop orders (SITE-02 and its lawful near miss); returns the
/// quiet periods and the stop order's period.
fn site_cases(x: &mut P, w: &mut Site, inspections: &mut Vec<Inspection>) -> (Vec<Period>, Option<Period>) {
    let p = x.p;
    let (k, end) = (w.c.k, w.end);
    let mid = plus(w.start, w.span * 2 / 5);
    let mut quiet: Vec<Period> = Vec::new();
    if p.has(Case::NearFailThenPass) && k == 0 {
        let f = plus(w.start, w.span / 2);
        inspections.push((f, "quality", "fail"));
        inspections.push((plus(f, w.r.range(15, 25)), "quality", "pass"));
    }
    if p.has(Case::Site01) && k == 0 {
        let f = plus(end, -25);
        quiet.push((f, end));
        inspections.retain(|i| i.0 < f);
        inspections.push((f, "quality", "fail"));
        x.answer(
            "SITE-01",
            None,
            format!("{f} 质量监督检查不合格，此后无复查合格记录，{} 即通过竣工验收", end),
            format!("a quality inspection failed on {f} with no later pass, yet the works were accepted on {end}"),
        );
    }
    // A stop order halts the whole site (every lot) until the re-inspection passes.
    let mut stop = None;
    if p.has(Case::Site02) || p.has(Case::NearStopThenPass) {
        let resume = if p.has(Case::Site02) { plus(mid, 60) } else { plus(mid, 12 + (p.index % 7) as i64) };
        inspections.retain(|i| i.0 <= mid || i.0 > resume);
        stop = Some((mid, resume));
    }
    if let (Some((mid, resume)), 0) = (stop, k) {
        inspections.push((mid, "safety", "stop_order"));
        inspections.push((resume, "safety", "pass"));
        if p.has(Case::Site02) {
            x.answer(
                "SITE-02",
                None,
                format!("{mid} 安全监督责令停工，{} 复查合格前仍在继续施工（进度计量增加）", resume),
                format!("a safety inspection ordered a stop on {mid}, yet works progressed before the re-inspection passed on {resume}"),
            );
        }
    }
    (quiet, stop)
}

/// The inspection records, none inside a quiet period.
fn inspection_records(x: &mut P, w: &mut Site, inspections: &[Inspection], quiet: &[Period]) {
    let building = x.p.category.trade() == super::firms::Trade::Building;
    for (d, kind, result) in inspections {
        if quiet.iter().any(|(a, b)| d > a && d < b) {
            continue;
        }
        let dept = if *kind == "quality" { "zjz" } else { "ajz" };
        let prefix = if *kind == "quality" { "潜建质监" } else { "潜建安监" };
        let items: &[&str] = match (*kind, *result, building) {
            ("quality", "pass", false) => &["原材料进场检验资料齐全", "路基压实度、沥青面层厚度抽检合格"],
            ("quality", "pass", true) => &["原材料进场检验资料齐全", "主体结构混凝土强度、钢筋间距抽检合格"],
            ("safety", "pass", false) => &["沟槽支护、交通疏导设施符合要求", "施工用电及机械设备检查合格"],
            ("safety", "pass", true) => &["临边防护、施工用电符合要求", "塔吊备案及操作人员持证上岗"],
            ("quality", _, false) => &["路基压实度抽检不合格", "检查井砌筑砂浆强度不满足设计要求"],
            ("quality", _, true) => &["混凝土试块强度不满足设计要求", "钢筋保护层厚度抽检不合格"],
            _ => &["深基坑支护未按专项方案施工，存在坍塌风险", "责令立即停工整改"],
        };
        let mut body = json!({
            "inspection_type": kind,
            "inspection_date": d.to_string(),
            "result": result,
            "inspected_unit": w.c.contractor.uscc,
            "notice_no": format!("{prefix}〔{}〕{}号", d.ymd().0, w.r.range(10, 400)),
            "items": items,
        });
        if *result != "pass" {
            if let Some(obj) = body.as_object_mut() {
                obj.insert("rectify_by".into(), plus(*d, 15).to_string().into());
            }
        }
        x.record(*d, dept, Kind::Inspection, body, &[w.permit]);
    }
}

/// The year-end campaign's two inspections, dated in the closing data update (after `now`).
fn campaign_inspections(x: &mut P, w: &mut Site) {
    let saved = x.ledger.now;
    x.ledger.now = super::model::close();
    let now = w.now;
    for (d, kind, dept, items) in [
        (plus(now, 1), "safety", "ajz", ["冬季安全生产大检查：临边防护、消防及用电安全符合要求"]),
        (plus(now, 2), "quality", "zjz", ["年末质量巡查：实体质量及资料抽查合格"]),
    ] {
        let prefix = if kind == "quality" { "潜建质监" } else { "潜建安监" };
        let body = json!({
            "inspection_type": kind,
            "inspection_date": d.to_string(),
            "result": "pass",
            "inspected_unit": w.c.contractor.uscc,
            "notice_no": format!("{prefix}〔{}〕{}号", d.ymd().0, w.r.range(400, 600)),
            "items": items,
        });
        x.record(d, dept, Kind::Inspection, body, &[w.permit]);
    }
    x.ledger.now = saved;
}

/// One payment (拨付) of the contract.
struct Payment<'s> {
    date: Date,
    amount: i64,
    kind: &'s str,
    completed: Option<i64>,
    account: &'s str,
}

/// Records a payment, by the payer department.
fn pay(x: &mut P, w: &mut Site, pm: Payment, refs: &[Option<usize>]) -> Option<usize> {
    let (c, d) = (w.c, pm.date);
    let mut body = json!({
        "payment_no": format!("GK-{}-{:02}-{:04}", d.ymd().0, d.ymd().1, w.r.range(1, 9_999)),
        "contract_no": c.lot.contract_no,
        "payer": x.owner.uscc,
        "payee": c.contractor.uscc,
        "payee_account": pm.account,
        "amount_fen": pm.amount,
        "payment_type": pm.kind,
        "paid_date": d.to_string(),
    });
    if let (Some(v), Some(obj)) = (pm.completed, body.as_object_mut()) {
        obj.insert("completed_value_fen".into(), v.into());
    }
    let payer = x.payer_dept();
    x.record(d, payer, Kind::Payment, body, refs)
}

/// Progress reports and payments: the advance, then progress payments; returns the total paid.
fn payments(x: &mut P, w: &mut Site, built_total: i64, limit: i64, stop: Option<Period>) -> i64 {
    let paid = advance_payment(x, w);
    let reports = progress_dates(x, w, stop);
    progress_payments(x, w, &reports, paid, built_total, limit)
}

/// 预付款 (PAY-04 above 30%, PAY-05 before the contract was filed); returns what was paid.
fn advance_payment(x: &mut P, w: &mut Site) -> i64 {
    let p = x.p;
    let c = w.c;
    let (a, filing) = (c.amount, c.filing);
    let advance_pct = if p.has(Case::Pay04) { 40 } else { *w.r.pick(&[12, 15, 20, 20, 25, 28]) };
    let advance = a * advance_pct / 100;
    let advance_date = if p.has(Case::Pay05) { plus(filing, -w.r.range(3, 8)) } else { plus(filing, w.r.range(3, 15)) };
    let payment = Payment {
        date: advance_date,
        amount: advance,
        kind: "advance",
        completed: None,
        account: &c.contractor.account,
    };
    if pay(x, w, payment, &[c.record]).is_none() {
        return 0;
    }
    if p.has(Case::Pay04) {
        x.answer(
            "PAY-04",
            c.lot.tender_id.as_deref(),
            format!("预付款 {} 为合同金额的 {}，超出 10%–30%", yuan(advance), pct(advance, a)),
            format!("advance payment {} is {} of the contract, outside 10–30%", yuan(advance), pct(advance, a)),
        );
    }
    if p.has(Case::Pay05) {
        x.answer(
            "PAY-05",
            c.lot.tender_id.as_deref(),
            format!("{} 支付预付款 {}，合同 {} 才备案", advance_date, yuan(advance), filing),
            format!(
                "advance of {} paid on {}, before the contract was filed on {}",
                yuan(advance),
                advance_date,
                filing
            ),
        );
    }
    advance
}

/// 进度 report dates: every 60–95 days, none while a stop order holds (except SITE-02's).
fn progress_dates(x: &mut P, w: &mut Site, stop: Option<Period>) -> Vec<Date> {
    let p = x.p;
    let mut reports: Vec<Date> = Vec::new();
    let mut d = plus(w.start, w.r.range(50, 70));
    while d < plus(w.end, -10) && d <= w.now {
        reports.push(d);
        d = plus(d, w.r.range(60, 95));
    }
    if p.has(Case::Pay01) {
        let now = w.now;
        reports.retain(|d| *d < plus(now, -60));
        reports.push(plus(now, -w.r.range(25, 35)));
    }
    if let Some((s, resume)) = stop {
        reports.retain(|d| *d <= s || *d > resume);
        if p.has(Case::Site02) && w.c.k == 0 {
            reports.push(plus(s, 20));
        }
        reports.sort();
    }
    reports
}

/// A progress report and its payment at each report date; returns the total paid.
fn progress_payments(x: &mut P, w: &mut Site, reports: &[Date], mut paid: i64, built_total: i64, limit: i64) -> i64 {
    let p = x.p;
    let c = w.c;
    let mut n_progress = 0;
    let mut progress_paid = 0i64;
    let last_report = reports.last().copied();
    for (i, d) in reports.iter().enumerate() {
        let f = (w.frac_at(*d) * 1.02).min(0.97);
        let value = scale(built_total, f);
        let body = json!({
            "report_date": d.to_string(),
            "contract_no": c.lot.contract_no,
            "completed_value_fen": value,
            "percent_complete": ((f * 10_000.0) as i64).clamp(0, 10_000),
            "measured_by": x.supervisor(),
        });
        let rep = x.record(*d, x.owner.dept, Kind::Progress, body, &[c.record]);
        let pd = plus(*d, w.r.range(7, 20));
        let target = if p.has(Case::Pay03Progress) && i == 1 {
            // progress payments alone overtake the completed value
            paid - progress_paid + scale(value, 1.2)
        } else if p.has(Case::Pay01) && Some(*d) == last_report && value > scale(limit, 1.02) {
            scale(value, 0.99)
        } else {
            scale(value, 0.75).min(scale(limit, 0.85))
        };
        let amount = target - paid;
        if amount <= 0 {
            continue;
        }
        n_progress += 1;
        let acct = if p.has(Case::Pay02) && n_progress == 2 {
            diverted_account(x, w, pd, amount)
        } else {
            c.contractor.account.clone()
        };
        let payment = Payment { date: pd, amount, kind: "progress", completed: Some(value), account: &acct };
        if pay(x, w, payment, &[c.record, rep]).is_some() {
            paid += amount;
            progress_paid += amount;
            overpayment_answers(x, w, i, value, progress_paid, paid, limit);
        }
    }
    paid
}

/// PAY-02: a progress payment to an account that is not the contractor's; returns that account.
fn diverted_account(x: &mut P, w: &mut Site, pd: Date, amount: i64) -> String {
    let c = w.c;
    let account = &c.contractor.account;
    let other = format!("6217{}", w.r.digits(15));
    x.answer(
        "PAY-02",
        c.lot.tender_id.as_deref(),
        format!("{} 支付进度款 {} 至账户 {}，不是合同约定的承包人账户 {}", pd, yuan(amount), other, account),
        format!(
            "progress payment of {} on {} went to account {}, not the contractor's account {}",
            yuan(amount),
            pd,
            other,
            account
        ),
    );
    other
}

/// PAY-03 (progress payments above the completed value) and PAY-01 (payments above the contract
/// plus approved changes), once the payment that causes them is made.
fn overpayment_answers(x: &mut P, w: &Site, i: usize, value: i64, progress_paid: i64, paid: i64, limit: i64) {
    let p = x.p;
    let tender = w.c.lot.tender_id.as_deref();
    if p.has(Case::Pay03Progress) && i == 1 {
        x.answer(
            "PAY-03",
            tender,
            format!("累计进度款 {} 超过已完工程价值 {}", yuan(progress_paid), yuan(value)),
            format!("cumulative progress payments {} exceed the completed value {}", yuan(progress_paid), yuan(value)),
        );
    }
    if p.has(Case::Pay01) && paid > limit {
        x.answer(
            "PAY-01",
            tender,
            format!("累计拨付 {} 超过合同价加已批准变更 {}（+{}）", yuan(paid), yuan(limit), pct(paid - limit, limit)),
            format!(
                "cumulative payments {} exceed the contract plus approved changes {} (+{})",
                yuan(paid),
                yuan(limit),
                pct(paid - limit, limit)
            ),
        );
    }
}

/// A settled contract.
struct Settled {
    settled: i64,
    retention: i64,
    submitted: i64,
    record: Option<usize>,
}

/// Settlement, audit, final payment, retention; None while the works are not yet settled.
fn settlement_and_audit(x: &mut P, w: &mut Site, limit: i64, paid: i64) -> Option<(i64, Option<usize>)> {
    let tl = &x.p.tl;
    if tl.settlement > w.now || tl.acceptance > w.now {
        return None;
    }
    let s = settlement(x, w, limit);
    audit(x, w, &s);
    final_payments(x, w, &s, limit, paid);
    Some((s.settled, s.record))
}

/// 结算 (PAY-03 on a retention above 3%, COST-03 above the contract plus approved changes).
fn settlement(x: &mut P, w: &mut Site, limit: i64) -> Settled {
    let p = x.p;
    let tl = &p.tl;
    let settled =
        if p.has(Case::Cost03) { scale(limit, 1.18) } else { scale(limit, w.r.uniform(0.96, 0.995)) } / 100 * 100;
    let retention = if p.has(Case::Pay03Retention) { settled * 5 / 100 } else { settled * 3 / 100 };
    let reduction = if p.has(Case::Cost06) { w.r.uniform(0.21, 0.24) } else { w.r.uniform(0.02, 0.08) };
    let submitted = scale(settled, 1.0 / (1.0 - reduction)) / 100 * 100;
    let body = json!({
        "contract_no": w.c.lot.contract_no,
        "submitted_fen": submitted,
        "amount_fen": settled,
        "retention_fen": retention,
        "settlement_date": tl.settlement.to_string(),
    });
    let record = x.record(tl.settlement, x.owner.dept, Kind::Settlement, body, &[w.c.record]);
    if p.has(Case::Pay03Retention) {
        x.answer(
            "PAY-03",
            None,
            format!("预留质量保证金 {} 为结算金额的 {}，超过 3%", yuan(retention), pct(retention, settled)),
            format!("retention {} is {} of the settlement, above 3%", yuan(retention), pct(retention, settled)),
        );
    }
    if p.has(Case::Cost03) {
        x.answer(
            "COST-03",
            None,
            format!("结算 {} 超过合同价加批准变更 {}（+{}），决算超过概算", yuan(settled), yuan(limit), pct(settled - limit, limit)),
            format!(
                "settlement {} exceeds the contract plus approved changes {} (+{}); the final accounts exceed the design estimate",
                yuan(settled),
                yuan(limit),
                pct(settled - limit, limit)
            ),
        );
    }
    Settled { settled, retention, submitted, record }
}

/// 审计 of the settlement (COST-06 on a high audit reduction).
fn audit(x: &mut P, w: &mut Site, s: &Settled) {
    let p = x.p;
    let tl = &p.tl;
    let (submitted, settled) = (s.submitted, s.settled);
    let body = json!({
        "report_no": format!("潜审投报〔{}〕{}号", tl.audit.ymd().0, w.r.range(3, 120)),
        "report_date": tl.audit.to_string(),
        "scope": "settlement",
        "submitted_amount_fen": submitted,
        "audited_amount_fen": settled,
        "findings": [format!("核减工程量及综合单价，审减 {}", yuan(submitted - settled))],
        "auditor": x.auditor(),
    });
    x.record(tl.audit, "sjj", Kind::Audit, body, &[s.record]);
    if p.has(Case::Cost06) {
        x.answer(
            "COST-06",
            None,
            format!("送审 {}，审定 {}，审减率 {}", yuan(submitted), yuan(settled), pct(submitted - settled, submitted)),
            format!(
                "submitted {}, audited {}: audit reduction {}",
                yuan(submitted),
                yuan(settled),
                pct(submitted - settled, submitted)
            ),
        );
    }
}

/// The final payment after the audit, and the retention's release.
fn final_payments(x: &mut P, w: &mut Site, s: &Settled, limit: i64, paid: i64) {
    let tl = &x.p.tl;
    let c = w.c;
    let account = &c.contractor.account;
    let payable = s.settled.min(scale(limit, 0.995));
    let final_amount = payable - s.retention - paid;
    let fd = plus(tl.audit, w.r.range(10, 30));
    if final_amount > 0 {
        let payment = Payment { date: fd, amount: final_amount, kind: "final", completed: Some(s.settled), account };
        pay(x, w, payment, &[c.record, s.record]);
    }
    // the retention is released after the two-year defects-liability period
    let rd = plus(tl.acceptance, 730 + w.r.range(0, 30));
    let payment = Payment { date: rd, amount: s.retention, kind: "retention", completed: Some(s.settled), account };
    pay(x, w, payment, &[c.record]);
}
