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

/// Per-project document counters, so that document numbers look issued in sequence.
fn doc_no(r: &mut Rng, lo: i64, hi: i64) -> i64 {
    r.range(lo, hi)
}

struct P<'a> {
    p: &'a Project,
    owner: &'a Owner,
    market: &'a Market,
    r: Rng,
    code: &'a str,
}

impl P<'_> {
    fn has(&self, c: Case) -> bool {
        self.p.has(c)
    }
    fn proj(&self) -> Option<&str> {
        Some(self.code)
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
}

/// Money of one contract, for the payment stage.
struct Money {
    amount: i64,
    approved_changes: i64,
}

pub fn emit(
    ledger: &mut Ledger,
    p: &Project,
    lots: &[LotOutcome],
    market: &Market,
    owners: &[Owner],
    answers: &mut Answers,
) {
    let Some(owner) = owners.get(p.owner) else { return };
    let mut x = P { p, owner, market, r: p.rng.fork("lifecycle"), code: &p.code };
    let tl = &p.tl;
    let y = |d: Date| d.ymd().0;

    // 立项 (and a re-approval when the estimate grew, as the law requires)
    let approval_no = format!("潜发改审批〔{}〕{}号", y(tl.approval), doc_no(&mut x.r, 8, 160));
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
        "owner": owner.uscc,
        "estimate_fen": p.estimate,
        "funding": p.funding,
        "must_tender": p.must_tender,
        "location": p.location,
        "scale": scale_text(p),
    });
    if let (Some(g), Some(o)) = (gov, body.as_object_mut()) {
        o.insert("government_funds_fen".into(), g.into());
    }
    let approval = ledger.record(tl.approval, "fgw", Kind::Approval, x.proj(), body, &[]);
    if p.has(Case::Proc01) {
        answers.add(
            "PROC-01",
            &p.code,
            None,
            format!("{} 签订施工合同，{} 才取得立项批复（未批先建）", tl.signing, tl.approval),
            format!("the works contract was signed on {}, before the project approval of {}", tl.signing, tl.approval),
        );
    }
    let mut approval_ref = approval;
    if x.has(Case::NearReapproval) {
        let d = plus(tl.estimate, -12);
        let body = json!({
            "project_name": p.name,
            "project_type": p.category.project_type(),
            "approval_stage": "reapproval",
            "approver_dept": "fgw",
            "approval_no": format!("潜发改审批〔{}〕{}号", y(d), doc_no(&mut x.r, 161, 240)),
            "approval_date": d.to_string(),
            "owner": owner.uscc,
            "estimate_fen": p.gai,
            "funding": p.funding,
            "must_tender": p.must_tender,
            "supersedes_no": approval_no,
            "location": p.location,
        });
        approval_ref = ledger.record(d, "fgw", Kind::Approval, x.proj(), body, &[approval]).or(approval);
    }
    if x.has(Case::Cost01) {
        answers.add(
            "COST-01",
            &p.code,
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

    // 概算
    let body = json!({
        "estimate_fen": p.gai,
        "construction_cost_fen": p.construction_cost,
        "approver_dept": "fgw",
        "approval_no": format!("潜发改审批〔{}〕{}号", y(tl.estimate), doc_no(&mut x.r, 241, 400)),
        "approval_date": tl.estimate.to_string(),
        "design_unit": x.designer(),
    });
    let estimate = ledger.record(tl.estimate, "fgw", Kind::DesignEstimate, x.proj(), body, &[approval_ref]);

    // 用地、规划许可
    let serial = p.code[18..].to_owned();
    let land_no = format!("地字第{}{}{}号", super::city::ADMIN_CODE, y(tl.land), &serial[1..]);
    let planning_no = format!("建字第{}{}{}号", super::city::ADMIN_CODE, y(tl.planning), &serial[1..]);
    let mut planning = None;
    if p.has(Case::Proc03) {
        answers.add(
            "PROC-03",
            &p.code,
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
            "holder": owner.uscc,
            "area_m2": area,
            "land_use": land_use(p),
            "location": p.location,
        });
        let land = ledger.record(tl.land, "zrzy", Kind::LandPermit, x.proj(), body, &[approval_ref]);
        let mut body = json!({
            "permit_no": planning_no,
            "issue_date": tl.planning.to_string(),
            "holder": owner.uscc,
            "land_permit_no": land_no,
        });
        if p.category.trade() == super::firms::Trade::Building {
            if let Some(o) = body.as_object_mut() {
                o.insert("floor_area_m2".into(), (area * x.r.range(8, 25) / 10).into());
            }
        }
        planning = ledger.record(tl.planning, "zrzy", Kind::PlanningPermit, x.proj(), body, &[land]);
    }

    // 报建
    let body = json!({
        "registration_no": format!("BJ-{}-{}-{:04}", super::city::ADMIN_CODE, y(tl.registration), doc_no(&mut x.r, 10, 2000)),
        "registration_date": tl.registration.to_string(),
        "owner": owner.uscc,
        "investment_fen": p.gai,
        "scale": scale_text(p),
    });
    let registration = ledger.record(tl.registration, "zjj", Kind::Registration, x.proj(), body, &[planning, estimate]);

    let mut starts = Vec::new();
    let mut contractors: Vec<String> = Vec::new();
    let mut contracts = Vec::new();
    let mut settlements: Vec<(i64, Option<usize>)> = Vec::new();
    for (k, (lot, o)) in p.lots.iter().zip(lots).enumerate() {
        let mut award_ref = None;
        if let (Some(t), Some(tid)) = (&o.tender, &lot.tender_id) {
            award_ref = tender_records(ledger, &mut x, k, tid, t, o, &[registration, estimate], answers);
        }
        let contractor = &market.firms[o.contractor];
        // 合同
        let (signing, filing) = if p.has(Case::Proc05Split) {
            let s = plus(tl.signing, k as i64 * x.r.range(12, 25));
            (s, plus(s, x.r.range(1, 4)))
        } else {
            (tl.signing, tl.filing)
        };
        let amount = if p.has(Case::Cost04) { scale(o.price, 1.035) / 100 * 100 } else { o.price };
        if p.has(Case::Cost04) {
            answers.add(
                "COST-04",
                &p.code,
                lot.tender_id.as_deref(),
                format!(
                    "合同金额 {} 与中标价 {} 不一致（+{}）",
                    yuan(amount),
                    yuan(o.price),
                    pct(amount - o.price, o.price)
                ),
                format!(
                    "contract amount {} differs from the winning bid {} (+{})",
                    yuan(amount),
                    yuan(o.price),
                    pct(amount - o.price, o.price)
                ),
            );
        }
        let bond = if p.has(Case::Contract04) {
            let b = amount * 15 / 100;
            answers.add(
                "CONTRACT-04",
                &p.code,
                lot.tender_id.as_deref(),
                format!("履约保证金 {} 为合同金额的 {}，超过 10%", yuan(b), pct(b, amount)),
                format!("performance bond {} is {} of the contract, above 10%", yuan(b), pct(b, amount)),
            );
            b
        } else {
            amount * *x.r.pick(&[5, 5, 8, 10]) / 100
        };
        if p.has(Case::Contract01) {
            answers.add(
                "CONTRACT-01",
                &p.code,
                lot.tender_id.as_deref(),
                format!("中标通知 {}，合同 {} 才签订，相隔 {} 日", tl.award, signing, signing.0 - tl.award.0),
                format!(
                    "award notice on {}, contract signed on {}: {} days later",
                    tl.award,
                    signing,
                    signing.0 - tl.award.0
                ),
            );
        }
        let period_start = tl.start.max(plus(signing, 3));
        let mut body = json!({
            "contract_no": lot.contract_no,
            "category": "works",
            "employer": owner.uscc,
            "contractor": contractor.uscc,
            "amount_fen": amount,
            "signing_date": signing.to_string(),
            "period_start": period_start.to_string(),
            "period_end": plus(period_start, tl.duration).to_string(),
            "filing_date": filing.to_string(),
            "performance_bond_fen": bond,
            "project_manager": market.pms[o.pm].reg,
            "contractor_account": contractor.account,
        });
        if let Some(obj) = body.as_object_mut() {
            match &lot.tender_id {
                Some(t) => {
                    obj.insert("tender_id".into(), t.clone().into());
                }
                None if p.has(Case::Proc05Direct) => {}
                None => {
                    obj.insert("no_tender_reason".into(), "below_threshold".into());
                }
            }
            if p.has(Case::Contract03) {
                if let Some(t) = &o.tender {
                    let loser = t
                        .bids
                        .iter()
                        .find(|b| b.firm != o.winner && !t.disqualified.iter().any(|d| t.bids[d.0].firm == b.firm));
                    if let Some(l) = loser {
                        let sub = amount * 32 / 100;
                        let lf = &market.firms[l.firm];
                        obj.insert(
                            "subcontracts".into(),
                            json!([{"subcontractor": lf.uscc, "amount_fen": sub, "scope": "道路及管网土方、基层工程"}]),
                        );
                        answers.add(
                            "CONTRACT-03",
                            &p.code,
                            lot.tender_id.as_deref(),
                            format!("中标人将 {} 的工程分包给同标段未中标的 {}", yuan(sub), lf.name),
                            format!(
                                "the winner subcontracts {} of the works to {}, a losing bidder of the same tender",
                                yuan(sub),
                                lf.name
                            ),
                        );
                    }
                }
            }
        }
        if p.has(Case::Proc05Direct) {
            answers.add(
                "PROC-05",
                &p.code,
                None,
                format!("施工合同 {} 达到依法必须招标标准（400 万元），未经招标直接发包", yuan(amount)),
                format!(
                    "a works contract of {} (above the 4,000,000-yuan threshold) was awarded without a tender",
                    yuan(amount)
                ),
            );
        }
        if p.has(Case::Proc05Split) && k == p.lots.len() - 1 {
            answers.add(
                "PROC-05",
                &p.code,
                None,
                format!("同一项目拆分为 {} 份均略低于 400 万元的施工合同直接发包，规避招标", p.lots.len()),
                format!("the works were split into {} contracts each just below 4,000,000 yuan and awarded without a tender", p.lots.len()),
            );
        }
        let contract = ledger.record(filing, "zjj", Kind::Contract, x.proj(), body, &[award_ref]);
        contracts.push((contract, amount));

        // 施工许可
        let permit_no = format!("{}{}{:02}01", super::city::ADMIN_CODE, tl.permit.to_string().replace('-', ""), k + 1);
        let mut body = json!({
            "permit_no": permit_no,
            "issue_date": tl.permit.to_string(),
            "owner": owner.uscc,
            "contractor": contractor.uscc,
            "project_manager": market.pms[o.pm].reg,
            "contract_amount_fen": amount,
        });
        if let Some(obj) = body.as_object_mut() {
            if !p.has(Case::Proc03) {
                obj.insert("land_permit_no".into(), land_no.clone().into());
                obj.insert("planning_permit_no".into(), planning_no.clone().into());
            }
            if let Some(e) = tl.permit_extension {
                obj.insert("extension_until".into(), e.to_string().into());
            }
        }
        let permit = ledger.record(tl.permit, "zjj", Kind::ConstructionPermit, x.proj(), body, &[contract]);
        if p.has(Case::Proc02) && k == 0 {
            answers.add(
                "PROC-02",
                &p.code,
                None,
                format!("{} 开工，{} 才取得施工许可证", tl.start, tl.permit),
                format!("works started on {}, before the construction permit of {}", tl.start, tl.permit),
            );
        }
        if p.has(Case::Proc04) && k == 0 {
            answers.add(
                "PROC-04",
                &p.code,
                None,
                format!("施工许可 {} 核发，{} 才开工，超过 3 个月且未申请延期", tl.permit, tl.start),
                format!(
                    "permit issued on {}, works started on {}: more than 3 months later without an extension",
                    tl.permit, tl.start
                ),
            );
        }

        // 开工
        let body = json!({
            "start_date": tl.start.to_string(),
            "contractor": contractor.uscc,
            "permit_no": permit_no,
            "contract_no": lot.contract_no,
        });
        let start = ledger.record(tl.start, owner.dept, Kind::WorksStart, x.proj(), body, &[permit, contract]);
        starts.push(start);
        if !contractors.contains(&contractor.uscc) {
            contractors.push(contractor.uscc.clone());
        }
        if let Some(s) = construction(
            ledger,
            &mut x,
            k,
            lot,
            o,
            contract,
            permit,
            Money { amount, approved_changes: 0 },
            answers,
            filing,
        ) {
            settlements.push(s);
        }
    }

    // 竣工验收、备案
    if lots.is_empty() {
        return;
    }
    let body = json!({
        "acceptance_date": tl.acceptance.to_string(),
        "result": "pass",
        "contractors": contractors,
        "supervisor": x.supervisor(),
        "designer": x.designer(),
    });
    let acceptance = ledger.record(tl.acceptance, owner.dept, Kind::CompletionAcceptance, x.proj(), body, &starts);
    let body = json!({
        "filing_no": format!("JB-{}-{}-{:04}", super::city::ADMIN_CODE, y(tl.completion_filing), doc_no(&mut x.r, 10, 900)),
        "filing_date": tl.completion_filing.to_string(),
        "acceptance_date": tl.acceptance.to_string(),
    });
    let filed = ledger.record(tl.completion_filing, "zjj", Kind::CompletionFiling, x.proj(), body, &[acceptance]);
    if p.has(Case::Proc06) && filed.is_some() {
        answers.add(
            "PROC-06",
            &p.code,
            None,
            format!("{} 竣工验收，{} 才办理备案，超过 15 日", tl.acceptance, tl.completion_filing),
            format!("accepted on {}, filed on {}: more than 15 days later", tl.acceptance, tl.completion_filing),
        );
    }

    // 决算, once every contract is settled
    if acceptance.is_none() || settlements.len() != lots.len() {
        return;
    }
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
        "approval_no": format!("潜财建〔{}〕{}号", y(tl.final_accounts), doc_no(&mut x.r, 5, 150)),
        "approval_date": plus(tl.final_accounts, x.r.range(10, 30)).to_string(),
        "approver_dept": "czj",
    });
    let refs: Vec<Option<usize>> = settlements.iter().map(|s| s.1).collect();
    let fin = ledger.record(tl.final_accounts, "czj", Kind::FinalAccounts, x.proj(), body, &refs);
    if fin.is_some() && p.has(Case::Proc07) {
        answers.add(
            "PROC-07",
            &p.code,
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
#[allow(clippy::too_many_arguments)]
fn tender_records(
    ledger: &mut Ledger,
    x: &mut P,
    k: usize,
    tender_id: &str,
    t: &super::tenders::TenderPlan,
    o: &LotOutcome,
    refs: &[Option<usize>],
    answers: &mut Answers,
) -> Option<usize> {
    let p = x.p;
    let tl = &p.tl;
    let market = x.market;
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
    let tender = ledger.record(tl.publish, "jyzx", Kind::Tender, x.proj(), body, refs);
    if p.has(Case::Cost02) {
        answers.add(
            "COST-02",
            &p.code,
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
        bid_refs.push(ledger.at_time(b.submitted, "jyzx", Kind::Bid, x.proj(), body, &[tender]));
    }
    let opened_at = tl.bid_deadline();
    let uscc = |j: usize| market.firms[t.bids[j].firm].uscc.clone();
    let disq: Vec<Value> = t
        .disqualified
        .iter()
        .map(|(j, reason, detail)| json!({"bidder": uscc(*j), "reason": reason, "detail": detail}))
        .collect();
    let mut body = json!({
        "tender_id": tender_id,
        "opened_at": opened_at.to_string(),
        "evaluation_date": tl.evaluation.to_string(),
        "bids": t.bids.iter().map(|b| json!({"bidder": market.firms[b.firm].uscc, "price_fen": b.price})).collect::<Vec<_>>(),
        "ranking": t.ranking.iter().enumerate().map(|(i, (j, s))| {
            let mut v = json!({"rank": i + 1, "bidder": uscc(*j)});
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
            obj.insert("disqualified".into(), Value::Array(disq.clone()));
        }
    }
    let eval_time = Timestamp { unix: at(tl.evaluation, 16, 30).unix.max(opened_at.unix + 3600), offset_minutes: 480 };
    let mut opening_refs = vec![tender];
    opening_refs.extend(bid_refs);
    let opening = ledger.at_time(eval_time, "jyzx", Kind::Opening, x.proj(), body, &opening_refs);
    let top: Vec<&(usize, Option<u32>)> = t.ranking.iter().take(3).collect();
    let body = json!({
        "tender_id": tender_id,
        "candidates": top.iter().enumerate().map(|(i, (j, _))| json!({
            "rank": i + 1,
            "bidder": uscc(*j),
            "price_fen": t.bids[*j].price,
            "project_manager": market.pms[t.bids[*j].pm].reg,
        })).collect::<Vec<_>>(),
        "publicity_start": tl.publicity_start.to_string(),
        "publicity_end": tl.publicity_end.to_string(),
    });
    let candidates = ledger.record(tl.publicity_start, "jyzx", Kind::Candidates, x.proj(), body, &[opening]);
    let mut body = json!({
        "tender_id": tender_id,
        "winner": market.firms[o.winner].uscc,
        "price_fen": o.price,
        "notice_date": tl.award.to_string(),
        "candidates": top.iter().map(|(j, _)| uscc(*j)).collect::<Vec<_>>(),
        "project_manager": market.pms[o.pm].reg,
        "duration_days": tl.duration,
    });
    if !disq.is_empty() {
        if let Some(obj) = body.as_object_mut() {
            obj.insert("disqualified".into(), Value::Array(disq));
        }
    }
    ledger.record(tl.award, "jyzx", Kind::Award, x.proj(), body, &[candidates])
}

/// Works, change orders, inspections and payments of one contract, then its settlement and audit
/// (and, for the project's first lot, the final accounts).
#[allow(clippy::too_many_arguments)]
fn construction(
    ledger: &mut Ledger,
    x: &mut P,
    k: usize,
    lot: &super::plan::Lot,
    o: &LotOutcome,
    contract: Option<usize>,
    permit: Option<usize>,
    mut money: Money,
    answers: &mut Answers,
    filing: Date,
) -> Option<(i64, Option<usize>)> {
    let p = x.p;
    let tl = &p.tl;
    let market = x.market;
    let owner = x.owner;
    let contractor = &market.firms[o.contractor];
    let now = ledger.now;
    let a = money.amount;
    let end = tl.acceptance;
    let span = i64::from((end.0 - tl.start.0).max(30));
    let frac_at = |d: Date| (f64::from(d.0 - tl.start.0) / span as f64).clamp(0.0, 1.0);
    let payer = x.payer_dept();
    let mut r = x.r.fork(&format!("construction/{k}"));
    let pay_no = |r: &mut Rng, d: Date| format!("GK-{}-{:02}-{:04}", d.ymd().0, d.ymd().1, r.range(1, 9_999));

    // Change orders (设计变更/签证)
    let mut changes: Vec<(Date, i64, bool)> = Vec::new();
    let n_changes = if p.has(Case::Pay01) { 0 } else { r.range(0, 2) };
    for _ in 0..n_changes {
        let d = plus(tl.start, (span as f64 * r.uniform(0.2, 0.7)) as i64);
        changes.push((d, scale(a, r.uniform(0.008, 0.025)) / 100 * 100, true));
    }
    if p.has(Case::NearUnapprovedChange) || p.has(Case::Pay01) {
        let d = plus(tl.start, (span as f64 * 0.3) as i64);
        let f = if p.has(Case::Pay01) { 0.15 } else { 0.06 };
        changes.push((d, scale(a, f) / 100 * 100, false));
    }
    changes.sort();
    for (n, (d, delta, approved)) in changes.iter().enumerate() {
        let mut body = json!({
            "change_no": format!("BG-{}-{:03}", d.ymd().0, n + 1 + k * 10),
            "contract_no": lot.contract_no,
            "amount_delta_fen": delta,
            "approved": approved,
            "change_date": d.to_string(),
            "reason": r.pick(&[
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
            money.approved_changes += delta;
        }
        ledger.record(*d, owner.dept, Kind::ChangeOrder, x.proj(), body, &[contract]);
    }
    // Completed value includes every change actually built (approved or not).
    let built_total = a + changes.iter().map(|c| c.1).sum::<i64>();
    let limit = a + money.approved_changes;

    // Inspections.
    let mut inspections: Vec<(Date, &'static str, &'static str)> = Vec::new();
    let mut d = plus(tl.start, r.range(20, 40));
    let mut quality = true;
    while d < plus(end, -5) && d <= now {
        inspections.push((d, if quality { "quality" } else { "safety" }, "pass"));
        quality = !quality;
        d = plus(d, r.range(70, 110));
    }
    let mid = plus(tl.start, span * 2 / 5);
    let mut quiet: Vec<(Date, Date)> = Vec::new();
    if p.has(Case::NearFailThenPass) && k == 0 {
        let f = plus(tl.start, span / 2);
        inspections.push((f, "quality", "fail"));
        inspections.push((plus(f, r.range(15, 25)), "quality", "pass"));
    }
    if p.has(Case::Site01) && k == 0 {
        let f = plus(end, -25);
        quiet.push((f, end));
        inspections.retain(|i| i.0 < f);
        inspections.push((f, "quality", "fail"));
        answers.add(
            "SITE-01",
            &p.code,
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
            answers.add(
                "SITE-02",
                &p.code,
                None,
                format!("{mid} 安全监督责令停工，{} 复查合格前仍在继续施工（进度计量增加）", resume),
                format!("a safety inspection ordered a stop on {mid}, yet works progressed before the re-inspection passed on {resume}"),
            );
        }
    }
    // The year-end safety and quality campaign of 2026 on every site still open (26 and 27
    // November, with the closing data update).
    let campaign = tl.start <= super::model::day(2026, 10, 31) && end > now;
    if campaign {
        inspections.retain(|i| i.0 < plus(now, -20));
    }
    inspections.sort();
    for (d, kind, result) in &inspections {
        if quiet.iter().any(|(a, b)| d > a && d < b) {
            continue;
        }
        let dept = if *kind == "quality" { "zjz" } else { "ajz" };
        let prefix = if *kind == "quality" { "潜建质监" } else { "潜建安监" };
        let building = p.category.trade() == super::firms::Trade::Building;
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
            "inspected_unit": contractor.uscc,
            "notice_no": format!("{prefix}〔{}〕{}号", d.ymd().0, r.range(10, 400)),
            "items": items,
        });
        if *result != "pass" {
            if let Some(obj) = body.as_object_mut() {
                obj.insert("rectify_by".into(), plus(*d, 15).to_string().into());
            }
        }
        ledger.record(*d, dept, Kind::Inspection, x.proj(), body, &[permit]);
    }
    if campaign {
        let saved = ledger.now;
        ledger.now = super::model::close();
        for (d, kind, dept, items) in [
            (plus(now, 1), "safety", "ajz", ["冬季安全生产大检查：临边防护、消防及用电安全符合要求"]),
            (plus(now, 2), "quality", "zjz", ["年末质量巡查：实体质量及资料抽查合格"]),
        ] {
            let prefix = if kind == "quality" { "潜建质监" } else { "潜建安监" };
            let body = json!({
                "inspection_type": kind,
                "inspection_date": d.to_string(),
                "result": "pass",
                "inspected_unit": contractor.uscc,
                "notice_no": format!("{prefix}〔{}〕{}号", d.ymd().0, r.range(400, 600)),
                "items": items,
            });
            ledger.record(d, dept, Kind::Inspection, x.proj(), body, &[permit]);
        }
        ledger.now = saved;
    }

    // Progress reports and payments.
    let mut paid = 0i64;
    let advance_pct = if p.has(Case::Pay04) { 40 } else { *r.pick(&[12, 15, 20, 20, 25, 28]) };
    let advance = a * advance_pct / 100;
    let advance_date = if p.has(Case::Pay05) { plus(filing, -r.range(3, 8)) } else { plus(filing, r.range(3, 15)) };
    let account = contractor.account.clone();
    let pay = |ledger: &mut Ledger,
               r: &mut Rng,
               d: Date,
               amount: i64,
               kind: &str,
               completed: Option<i64>,
               account: &str,
               refs: &[Option<usize>]| {
        let mut body = json!({
            "payment_no": pay_no(r, d),
            "contract_no": lot.contract_no,
            "payer": owner.uscc,
            "payee": contractor.uscc,
            "payee_account": account,
            "amount_fen": amount,
            "payment_type": kind,
            "paid_date": d.to_string(),
        });
        if let (Some(c), Some(obj)) = (completed, body.as_object_mut()) {
            obj.insert("completed_value_fen".into(), c.into());
        }
        ledger.record(d, payer, Kind::Payment, Some(&p.code), body, refs)
    };
    if pay(ledger, &mut r, advance_date, advance, "advance", None, &account, &[contract]).is_some() {
        paid += advance;
        if p.has(Case::Pay04) {
            answers.add(
                "PAY-04",
                &p.code,
                lot.tender_id.as_deref(),
                format!("预付款 {} 为合同金额的 {}，超出 10%–30%", yuan(advance), pct(advance, a)),
                format!("advance payment {} is {} of the contract, outside 10–30%", yuan(advance), pct(advance, a)),
            );
        }
        if p.has(Case::Pay05) {
            answers.add(
                "PAY-05",
                &p.code,
                lot.tender_id.as_deref(),
                format!("{} 支付预付款 {}，合同 {} 才备案", advance_date, yuan(advance), filing),
                format!(
                    "advance of {} paid on {}, before the contract was filed on {}",
                    yuan(advance),
                    advance_date,
                    filing
                ),
            );
        }
    }
    let mut reports: Vec<Date> = Vec::new();
    let mut d = plus(tl.start, r.range(50, 70));
    while d < plus(end, -10) && d <= now {
        reports.push(d);
        d = plus(d, r.range(60, 95));
    }
    if p.has(Case::Pay01) {
        reports.retain(|d| *d < plus(now, -60));
        reports.push(plus(now, -r.range(25, 35)));
    }
    if let Some((s, resume)) = stop {
        reports.retain(|d| *d <= s || *d > resume);
        if p.has(Case::Site02) && k == 0 {
            reports.push(plus(s, 20));
        }
        reports.sort();
    }
    let mut n_progress = 0;
    let mut progress_paid = 0i64;
    let last_report = reports.last().copied();
    for (i, d) in reports.iter().enumerate() {
        let f = (frac_at(*d) * 1.02).min(0.97);
        let value = scale(built_total, f);
        let body = json!({
            "report_date": d.to_string(),
            "contract_no": lot.contract_no,
            "completed_value_fen": value,
            "percent_complete": ((f * 10_000.0) as i64).clamp(0, 10_000),
            "measured_by": x.supervisor(),
        });
        let rep = ledger.record(*d, owner.dept, Kind::Progress, x.proj(), body, &[contract]);
        let pd = plus(*d, r.range(7, 20));
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
            let other = format!("6217{}", r.digits(15));
            answers.add(
                "PAY-02",
                &p.code,
                lot.tender_id.as_deref(),
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
        } else {
            account.clone()
        };
        if pay(ledger, &mut r, pd, amount, "progress", Some(value), &acct, &[contract, rep]).is_some() {
            paid += amount;
            progress_paid += amount;
            if p.has(Case::Pay03Progress) && i == 1 {
                answers.add(
                    "PAY-03",
                    &p.code,
                    lot.tender_id.as_deref(),
                    format!("累计进度款 {} 超过已完工程价值 {}", yuan(progress_paid), yuan(value)),
                    format!(
                        "cumulative progress payments {} exceed the completed value {}",
                        yuan(progress_paid),
                        yuan(value)
                    ),
                );
            }
            if p.has(Case::Pay01) && paid > limit {
                answers.add(
                    "PAY-01",
                    &p.code,
                    lot.tender_id.as_deref(),
                    format!(
                        "累计拨付 {} 超过合同价加已批准变更 {}（+{}）",
                        yuan(paid),
                        yuan(limit),
                        pct(paid - limit, limit)
                    ),
                    format!(
                        "cumulative payments {} exceed the contract plus approved changes {} (+{})",
                        yuan(paid),
                        yuan(limit),
                        pct(paid - limit, limit)
                    ),
                );
            }
        }
    }

    // Settlement, audit, final payment, retention.
    if tl.settlement > now || tl.acceptance > now {
        return None;
    }
    let settled =
        if p.has(Case::Cost03) { scale(limit, 1.18) } else { scale(limit, r.uniform(0.96, 0.995)) } / 100 * 100;
    let retention = if p.has(Case::Pay03Retention) { settled * 5 / 100 } else { settled * 3 / 100 };
    let reduction = if p.has(Case::Cost06) { r.uniform(0.21, 0.24) } else { r.uniform(0.02, 0.08) };
    let submitted = scale(settled, 1.0 / (1.0 - reduction)) / 100 * 100;
    let body = json!({
        "contract_no": lot.contract_no,
        "submitted_fen": submitted,
        "amount_fen": settled,
        "retention_fen": retention,
        "settlement_date": tl.settlement.to_string(),
    });
    let settlement = ledger.record(tl.settlement, owner.dept, Kind::Settlement, x.proj(), body, &[contract]);
    if p.has(Case::Pay03Retention) {
        answers.add(
            "PAY-03",
            &p.code,
            None,
            format!("预留质量保证金 {} 为结算金额的 {}，超过 3%", yuan(retention), pct(retention, settled)),
            format!("retention {} is {} of the settlement, above 3%", yuan(retention), pct(retention, settled)),
        );
    }
    if p.has(Case::Cost03) {
        answers.add(
            "COST-03",
            &p.code,
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
    let body = json!({
        "report_no": format!("潜审投报〔{}〕{}号", tl.audit.ymd().0, r.range(3, 120)),
        "report_date": tl.audit.to_string(),
        "scope": "settlement",
        "submitted_amount_fen": submitted,
        "audited_amount_fen": settled,
        "findings": [format!("核减工程量及综合单价，审减 {}", yuan(submitted - settled))],
        "auditor": x.auditor(),
    });
    ledger.record(tl.audit, "sjj", Kind::Audit, x.proj(), body, &[settlement]);
    if p.has(Case::Cost06) {
        answers.add(
            "COST-06",
            &p.code,
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
    let payable = settled.min(scale(limit, 0.995));
    let final_amount = payable - retention - paid;
    let fd = plus(tl.audit, r.range(10, 30));
    if final_amount > 0 {
        pay(ledger, &mut r, fd, final_amount, "final", Some(settled), &account, &[contract, settlement]);
    }
    // the retention is released after the two-year defects-liability period
    let rd = plus(tl.acceptance, 730 + r.range(0, 30));
    pay(ledger, &mut r, rd, retention, "retention", Some(settled), &account, &[contract]);
    Some((settled, settlement))
}
