//! Supervision work: joint supervision tasks (联合监管任务), problems found (问题) and their
//! rectification (整改). As in the city's 2024 campaign, 50 problems were found and 50 rectified;
//! later tasks leave one problem overdue (SUP-01) and one rectification recorded by the wrong unit
//! (SUP-02), plus open problems that are not yet due.

use super::answer::Answers;
use super::cases::Case;
use super::city::Owner;
use super::model::{day, plus, Ledger};
use super::plan::Project;
use super::rng::Rng;
use crate::kinds::Kind;
use crate::time::Date;
use serde_json::{json, Value};

/// Who must rectify: a department, or the project owner (建设单位) as a unit.
#[derive(Clone)]
enum Resp {
    Dept(&'static str),
    Owner,
}

struct ProblemSpec {
    category: &'static str,
    severity: &'static str,
    description: &'static str,
    resp: Resp,
    fix: &'static str,
}

fn spec_for(case: Case) -> Option<ProblemSpec> {
    use Case::*;
    let s =
        |category, severity, description, resp, fix| Some(ProblemSpec { category, severity, description, resp, fix });
    match case {
        Cost01 => s(
            "cost",
            "high",
            "初步设计概算超出可研估算 10% 以上，未重新报批",
            Resp::Owner,
            "已按程序重新报送可行性研究报告并取得批复",
        ),
        Cost02 => s("cost", "high", "招标控制价超出批复概算", Resp::Owner, "已调整概算并报发改部门审批"),
        Cost03 => s(
            "cost",
            "high",
            "竣工决算超出批复概算，结算超合同价加批准变更",
            Resp::Owner,
            "已追究相关人员责任，超概部分报财政评审核定",
        ),
        Cost04 => s("cost", "high", "备案合同金额与中标价不一致", Resp::Owner, "已签订补充协议，合同价款恢复为中标价"),
        Cost05 => s(
            "bidding",
            "high",
            "超过最高投标限价的投标未被否决",
            Resp::Dept("jyzx"),
            "已对评标委员会成员进行约谈并纳入专家考核",
        ),
        Cost06 => s(
            "cost",
            "medium",
            "结算送审金额虚高，审减率超过 15%",
            Resp::Owner,
            "已约谈施工单位并在结算管理中实行审减率通报制度",
        ),
        Contract01 => {
            s("contract", "medium", "中标通知书发出后逾期签订合同", Resp::Owner, "已完善合同签订时限管理制度")
        }
        Contract02 => s("contract", "high", "合同相对人不是中标人", Resp::Owner, "已解除违规合同并依法处理"),
        Contract03 => s(
            "contract",
            "high",
            "中标人将部分工程分包给同标段未中标人",
            Resp::Dept("zjj"),
            "已责令解除分包合同，对施工单位记不良行为",
        ),
        Contract04 => s("contract", "medium", "履约保证金超过合同金额的 10%", Resp::Owner, "已退还超额履约保证金"),
        Proc01 => s("permits", "high", "项目未批先建", Resp::Owner, "已补办立项手续并对责任人问责"),
        Proc02 => s("permits", "high", "未取得施工许可证擅自开工", Resp::Dept("zjj"), "已依法处罚并补办施工许可"),
        Proc03 => s(
            "permits",
            "high",
            "未取得用地、规划许可即核发施工许可",
            Resp::Dept("zjj"),
            "已补办用地、规划手续，对审批人员问责",
        ),
        Proc04 => s("permits", "low", "领取施工许可证后逾期开工且未申请延期", Resp::Dept("zjj"), "已重新核验施工许可"),
        Proc05Direct | Proc05Split => s(
            "permits",
            "high",
            "依法必须招标的工程未招标（含化整为零）",
            Resp::Owner,
            "已对责任人问责并完善发包管理制度",
        ),
        Proc06 => s("permits", "low", "竣工验收备案逾期", Resp::Dept("zjj"), "已完成备案并建立提醒机制"),
        Proc07 => s("cost", "medium", "竣工财务决算编报逾期", Resp::Dept("czj"), "已完成决算批复并建立决算清理台账"),
        Site01 => s(
            "construction_management",
            "high",
            "质量问题未整改到位即组织竣工验收",
            Resp::Owner,
            "已组织复查并对验收组织人员问责",
        ),
        Site02 => s(
            "construction_management",
            "high",
            "安全监督责令停工后仍继续施工",
            Resp::Owner,
            "已对施工、监理单位处罚并加强现场管理",
        ),
        Pay01 => s("payment", "high", "累计拨付超过合同价加批准变更", Resp::Dept("czj"), "已追回超付资金"),
        Pay02 => s("payment", "high", "进度款支付至非合同承包人账户", Resp::Dept("czj"), "已追回资金并规范支付审核"),
        Pay03Progress | Pay03Retention => s(
            "payment",
            "medium",
            "进度款超已完工程价值或质保金比例超标",
            Resp::Dept("czj"),
            "已调整支付计划，退还超额质保金",
        ),
        Pay04 => s("payment", "medium", "预付款比例超出规定范围", Resp::Dept("czj"), "已在后续进度款中扣回超额预付款"),
        Pay05 => s("payment", "medium", "合同备案前拨付工程款", Resp::Dept("czj"), "已完善拨付前置审核"),
        Bid09 | Bid13 | Bid14 | Bid15 => {
            s("bidding", "medium", "招标投标程序不规范", Resp::Dept("jyzx"), "已完善电子交易系统程序校验")
        }
        False01 | False02 | False03 => s(
            "certificates",
            "high",
            "中标人提供虚假证书、业绩或项目经理在建",
            Resp::Dept("jyzx"),
            "已取消中标资格并移送相关部门处理",
        ),
        Ring(_) => s(
            "bidding",
            "high",
            "涉嫌串通投标，线索已移交市公安局",
            Resp::Dept("jyzx"),
            "线索已移交公安机关，对相关标段加强复核",
        ),
        _ => None,
    }
}

const OTHER: &[(&str, &str, &str, &str)] = &[
    (
        "construction_management",
        "medium",
        "项目经理未按投标承诺常驻施工现场",
        "已约谈施工单位，项目经理恢复驻场并建立考勤台账",
    ),
    ("construction_management", "low", "监理日志记录不完整，旁站记录缺失", "已责令监理单位补齐资料并加强培训"),
    ("construction_management", "medium", "安全文明施工措施费未专款专用", "已督促施工单位专户管理并补足投入"),
    ("contract", "low", "合同专用条款约定不明确，变更计价依据不清", "已签订补充协议明确计价原则"),
    ("certificates", "medium", "项目技术负责人与投标文件不一致", "已恢复投标承诺人员到岗"),
    ("permits", "low", "施工许可证未在现场公示", "已在现场醒目位置公示"),
    ("payment", "low", "农民工工资专用账户管理不规范", "已规范专用账户并按月足额发放"),
    ("cost", "low", "工程变更签证资料不完整", "已补充完善签证资料"),
];

struct Sup<'a> {
    ledger: &'a mut Ledger,
    owners: &'a [Owner],
    r: Rng,
    /// Reviews written so far (every fourth reopens).
    reviews: u32,
}

impl Sup<'_> {
    #[allow(clippy::too_many_arguments)]
    fn task(
        &mut self,
        id: &str,
        title: &str,
        lead: &'static str,
        parts: &[&str],
        scope: &str,
        projects: &[&str],
        start: Date,
        due: Date,
    ) -> Option<usize> {
        let body = json!({
            "task_id": id,
            "title": title,
            "lead_dept": lead,
            "participating_depts": parts,
            "scope": scope,
            "projects": projects,
            "start_date": start.to_string(),
            "due_date": due.to_string(),
        });
        self.ledger.record(start, lead, Kind::SupervisionTask, None, body, &[])
    }

    fn actor(&self, resp: &Resp, p: &Project) -> (Value, &'static str) {
        match resp {
            Resp::Dept(d) => (json!({"dept": d}), *d),
            Resp::Owner => {
                let o = &self.owners[p.owner];
                (json!({"unit": o.uscc}), o.dept)
            }
        }
    }

    /// The raiser's review (整改复核) a week after a rectification: every fourth one is reopened
    /// with a month more, the others confirmed. No draws: the supervision stream stays as it was.
    fn review(&mut self, lead: &'static str, id: &str, p: &Project, rectified: Date, rect: Option<usize>) {
        self.reviews += 1;
        let date = super::model::plus(rectified, 7);
        let body = if self.reviews % 4 == 0 {
            json!({
                "problem_id": id,
                "decision": "reopened",
                "review_date": date.to_string(),
                "note": "整改佐证材料不完整，请补充后重新报送",
                "new_due_date": super::model::plus(date, 30).to_string(),
            })
        } else {
            json!({"problem_id": id, "decision": "confirmed", "review_date": date.to_string(), "note": "经复核，整改到位，同意销号"})
        };
        self.ledger.record(date, lead, Kind::RectificationReview, Some(&p.code), body, &[rect]);
    }

    /// A problem and, unless `rectified` is None, its rectification on that date.
    #[allow(clippy::too_many_arguments)]
    fn problem(
        &mut self,
        lead: &'static str,
        task: (&str, Option<usize>),
        id: String,
        p: &Project,
        found: Date,
        due: Date,
        spec: (&str, &str, &str, Option<&str>),
        resp: &Resp,
        rectified: Option<(Date, &str)>,
        rectifier: Option<(Value, &'static str)>,
    ) {
        let (responsible, resp_dept) = self.actor(resp, p);
        let mut body = json!({
            "problem_id": id,
            "task_id": task.0,
            "found_date": found.to_string(),
            "responsible": responsible,
            "category": spec.0,
            "severity": spec.1,
            "description": spec.2,
            "due_date": due.to_string(),
        });
        if let (Some(c), Some(o)) = (spec.3, body.as_object_mut()) {
            o.insert("check_id".into(), c.into());
        }
        let prob = self.ledger.record(found, lead, Kind::Problem, Some(&p.code), body, &[task.1]);
        if let Some((d, text)) = rectified {
            let (by, dept) = rectifier.unwrap_or((responsible, resp_dept));
            let body = json!({
                "problem_id": id,
                "rectified_by": by,
                "rectification_date": d.to_string(),
                "status": "completed",
                "description": text,
                "evidence_hash": self.r.hex(64),
            });
            let rect = self.ledger.record(d, dept, Kind::Rectification, Some(&p.code), body, &[prob]);
            self.review(lead, &id, p, d, rect);
        }
    }
}

/// The four supervision tasks in date order, then the year-end planning tasks. The order is the
/// order of the draws from the one supervision stream, so it must not change.
pub fn emit(ledger: &mut Ledger, projects: &[Project], owners: &[Owner], rng: &Rng, answers: &mut Answers) {
    let mut s = Sup { ledger, owners, r: rng.fork("supervision"), reviews: 0 };
    let base: Vec<&Project> = projects.iter().filter(|p| p.base).collect();
    campaign_2024(&mut s, &base);
    reevaluation_2025(&mut s, &base, answers);
    payment_check_2025(&mut s, &base, answers);
    data_check_2026(&mut s, &base);
    year_end_tasks(&mut s);
}

const TASK_A: &str = "JW-LH-2024-001";
const TASK_B: &str = "SJJ-FP-2025-002";
const TASK_C: &str = "JW-LH-2025-006";
const TASK_D: &str = "JW-LH-2026-003";

/// Task A: the 2024 campaign of the discipline commission with audit, housing, trading centre,
/// finance, development-and-reform and planning: 50 problems found, 50 rectified.
fn campaign_2024(s: &mut Sup, base: &[&Project]) {
    let a_projects: Vec<&Project> = base.iter().copied().filter(|p| p.tl.approval < day(2023, 12, 1)).collect();
    let codes: Vec<&str> = a_projects.iter().map(|p| p.code.as_str()).collect();
    let task_a = s.task(
        TASK_A,
        "工程建设领域突出问题专项治理联合监管",
        "jw",
        &["sjj", "zjj", "jyzx", "czj", "fgw", "zrzy"],
        "2018 年以来市政工程及房地产项目全生命周期抽查：资金管理、招标投标、合同签订、用地和施工手续、施工管理、资金拨付",
        &codes,
        day(2024, 3, 1),
        day(2024, 8, 31),
    );
    let n = campaign_case_problems(s, &a_projects, task_a);
    campaign_other_problems(s, &a_projects, task_a, n);
}

/// One problem per injected case of task A's projects (one per collusion ring); returns how many.
fn campaign_case_problems(s: &mut Sup, a_projects: &[&Project], task_a: Option<usize>) -> usize {
    let mut n = 0;
    let mut found = day(2024, 3, 12);
    let mut rings_done: Vec<u8> = Vec::new();
    for p in a_projects {
        for &c in &p.cases {
            // false bidding is task B's finding; SUP-01/02 are tasks B and C
            if matches!(c, Case::False01 | Case::False02 | Case::False03 | Case::Sup01 | Case::Sup02) {
                continue;
            }
            if let Case::Ring(i) = c {
                if rings_done.contains(&i) {
                    continue;
                }
                rings_done.push(i);
            }
            let Some(spec) = spec_for(c) else { continue };
            n += 1;
            found = plus(found, s.r.range(0, 3));
            let due = plus(found, 60);
            let fixed = plus(found, s.r.range(15, 55));
            s.problem(
                "jw",
                (TASK_A, task_a),
                format!("JW-WT-2024-{n:03}"),
                p,
                found,
                due,
                (spec.category, spec.severity, spec.description, c.check()),
                &spec.resp,
                Some((fixed, spec.fix)),
                None,
            );
        }
    }
    n
}

/// Everyday problems that bring task A to its 50.
fn campaign_other_problems(s: &mut Sup, a_projects: &[&Project], task_a: Option<usize>, mut n: usize) {
    let mut k = 0;
    while n < 50 && !a_projects.is_empty() {
        n += 1;
        k += 1;
        let p = a_projects[(k * 7) % a_projects.len()];
        let (cat, sev, desc, fix) = OTHER[k % OTHER.len()];
        let found = plus(day(2024, 4, 1), s.r.range(0, 80));
        let due = plus(found, 45);
        let fixed = plus(found, s.r.range(10, 40));
        s.problem(
            "jw",
            (TASK_A, task_a),
            format!("JW-WT-2024-{n:03}"),
            p,
            found,
            due,
            (cat, sev, desc, None),
            &Resp::Owner,
            Some((fixed, fix)),
            None,
        );
    }
}

/// Task B: 2025 re-evaluation of 27 tendered projects by audit with the trading centre and housing.
fn reevaluation_2025(s: &mut Sup, base: &[&Project], answers: &mut Answers) {
    let b_projects: Vec<&Project> =
        base.iter().copied().filter(|p| !p.direct && p.tl.award < day(2025, 3, 1)).take(27).collect();
    let codes: Vec<&str> = b_projects.iter().map(|p| p.code.as_str()).collect();
    let task_b = s.task(
        TASK_B,
        "评标结果复评复查",
        "sjj",
        &["jyzx", "zjj", "jw"],
        "聘请 4 名评标专家对 27 个项目的评标结果复评复查",
        &codes,
        day(2025, 4, 1),
        day(2025, 9, 30),
    );
    let m = false_bidding_problems(s, &b_projects, task_b);
    let m = evaluation_problems(s, &b_projects, task_b, m);
    misrecorded_rectification(s, base, task_b, m, answers);
}

/// The false-bidding cases (虚假投标) of task B's projects; returns how many.
fn false_bidding_problems(s: &mut Sup, b_projects: &[&Project], task_b: Option<usize>) -> usize {
    let mut m = 0;
    for p in b_projects {
        for &c in &p.cases {
            if !matches!(c, Case::False01 | Case::False02 | Case::False03) {
                continue;
            }
            let Some(spec) = spec_for(c) else { continue };
            m += 1;
            let f = plus(day(2025, 4, 20), s.r.range(0, 40));
            let fix_date = plus(f, s.r.range(20, 50));
            s.problem(
                "sjj",
                (TASK_B, task_b),
                format!("SJJ-WT-2025-{m:03}"),
                p,
                f,
                plus(f, 60),
                (spec.category, spec.severity, spec.description, c.check()),
                &spec.resp,
                Some((fix_date, spec.fix)),
                None,
            );
        }
    }
    m
}

/// Scoring findings that bring task B to six problems; returns the count so far.
fn evaluation_problems(s: &mut Sup, b_projects: &[&Project], task_b: Option<usize>, mut m: usize) -> usize {
    while m < 6 && !b_projects.is_empty() {
        m += 1;
        let p = b_projects[(m * 5) % b_projects.len()];
        let f = plus(day(2025, 5, 10), s.r.range(0, 60));
        let fix_date = plus(f, s.r.range(10, 40));
        s.problem(
            "sjj",
            (TASK_B, task_b),
            format!("SJJ-WT-2025-{m:03}"),
            p,
            f,
            plus(f, 45),
            ("bidding", "low", "评标委员会对商务标评分尺度不一致", None),
            &Resp::Dept("jyzx"),
            Some((fix_date, "已组织评标专家培训并修订评分细则")),
            None,
        );
    }
    m
}

/// SUP-02: the housing bureau must rectify, but the owner records the rectification as its own.
fn misrecorded_rectification(s: &mut Sup, base: &[&Project], task_b: Option<usize>, m: usize, answers: &mut Answers) {
    let Some(p) = base.iter().find(|p| p.has(Case::Sup02)) else { return };
    let id = format!("SJJ-WT-2025-{:03}", m + 1);
    let f = day(2025, 6, 16);
    let owners = s.owners;
    let o = &owners[p.owner];
    s.problem(
        "sjj",
        (TASK_B, task_b),
        id.clone(),
        p,
        f,
        plus(f, 60),
        ("contract", "high", "中标人将部分工程分包给同标段未中标人，合同备案审查未发现", Some("CONTRACT-03")),
        &Resp::Dept("zjj"),
        Some((plus(f, 30), "已与施工单位解除分包合同")),
        Some((json!({"unit": o.uscc}), o.dept)),
    );
    answers.add(
        "SUP-02",
        &p.code,
        None,
        format!("问题 {id} 的整改责任单位是住建局，整改记录却由建设单位 {} 填报", o.name),
        format!(
            "problem {id} is the housing bureau's to rectify, but the rectification was recorded by the owner {}",
            o.name
        ),
    );
}

/// Task C: autumn 2025 follow-up; one problem is left without rectification past its due date.
fn payment_check_2025(s: &mut Sup, base: &[&Project], answers: &mut Answers) {
    let task_c = s.task(
        TASK_C,
        "工程款拨付专项检查",
        "jw",
        &["czj", "sjj"],
        "政府投资项目预付款、进度款拨付情况",
        &[],
        day(2025, 9, 1),
        day(2025, 12, 31),
    );
    overdue_problem(s, base, task_c, answers);
    for (i, p) in base.iter().filter(|p| p.tl.start < day(2025, 6, 1) && !p.has(Case::Sup01)).take(3).enumerate() {
        let f = plus(day(2025, 9, 25), i as i64 * 9);
        let (cat, sev, desc, fix) = OTHER[(i + 3) % OTHER.len()];
        let fix_date = plus(f, s.r.range(15, 50));
        s.problem(
            "jw",
            (TASK_C, task_c),
            format!("JW-WT-2025-{:03}", i + 2),
            p,
            f,
            plus(f, 60),
            (cat, sev, desc, None),
            &Resp::Owner,
            Some((fix_date, fix)),
            None,
        );
    }
}

/// SUP-01: a problem past its due date with no rectification.
fn overdue_problem(s: &mut Sup, base: &[&Project], task_c: Option<usize>, answers: &mut Answers) {
    let Some(p) = base.iter().find(|p| p.has(Case::Sup01)) else { return };
    let id = "JW-WT-2025-001".to_string();
    let f = day(2025, 9, 22);
    let due = day(2025, 12, 31);
    s.problem(
        "jw",
        (TASK_C, task_c),
        id.clone(),
        p,
        f,
        due,
        ("payment", "medium", "预付款比例超过规定上限，未在进度款中扣回", Some("PAY-04")),
        &Resp::Owner,
        None,
        None,
    );
    answers.add(
        "SUP-01",
        &p.code,
        None,
        format!("问题 {id} 整改期限 {due}，至今无整改记录"),
        format!("problem {id} was due for rectification on {due}, and there is no rectification record"),
    );
}

/// Task D: the half-yearly data check of autumn 2026, one problem for every department that
/// rectifies; all but the not-yet-due ones are rectified in November.
fn data_check_2026(s: &mut Sup, base: &[&Project]) {
    let task_d = s.task(
        TASK_D,
        "2026 年下半年工程建设项目数据更新核查",
        "jw",
        &["fgw", "zrzy", "zjj", "jyzx", "czj", "sjj"],
        "各部门上报数据的完整性、一致性核查",
        &[],
        day(2026, 10, 8),
        day(2026, 12, 31),
    );
    let recent: Vec<&Project> = base.iter().copied().filter(|p| p.tl.approval > day(2024, 1, 1)).collect();
    let q = department_data_problems(s, &recent, task_d);
    let q = owner_data_problems(s, base, task_d, q);
    // Open, not yet due: a check must not call these overdue.
    if let Some(p) = recent.last() {
        let f = day(2026, 11, 6);
        s.problem(
            "jw",
            (TASK_D, task_d),
            format!("JW-WT-2026-{:03}", q + 1),
            p,
            f,
            day(2026, 12, 31),
            ("construction_management", "medium", "扬尘治理措施落实不到位", None),
            &Resp::Owner,
            None,
            None,
        );
    }
}

/// One data problem for each reporting department; returns how many.
fn department_data_problems(s: &mut Sup, recent: &[&Project], task_d: Option<usize>) -> usize {
    let depts: [(&'static str, &str, &str); 5] = [
        ("fgw", "项目审批信息未及时推送至监管平台", "已完成数据补录并建立推送机制"),
        ("zrzy", "规划许可附图未上传", "已补传附图"),
        ("zjj", "合同备案信息与交易平台数据不一致", "已核对更正备案信息"),
        ("jyzx", "开标记录缺少投标保证金到账信息", "已补录保证金到账信息"),
        ("czj", "资金拨付凭证未关联合同编号", "已补充关联合同编号"),
    ];
    let mut q = 0;
    for (i, (dept, desc, fix)) in depts.iter().enumerate() {
        let Some(p) = recent.get(i % recent.len().max(1)) else { break };
        q += 1;
        let f = plus(day(2026, 10, 12), i as i64);
        s.problem(
            "jw",
            (TASK_D, task_d),
            format!("JW-WT-2026-{q:03}"),
            p,
            f,
            day(2026, 11, 30),
            ("other", "low", desc, None),
            &Resp::Dept(dept),
            Some((plus(day(2026, 11, 26), (i % 2) as i64), fix)),
            None,
        );
    }
    q
}

/// One data problem for each owner, on its latest project; returns the count so far.
fn owner_data_problems(s: &mut Sup, base: &[&Project], task_d: Option<usize>, mut q: usize) -> usize {
    for i in 0..s.owners.len() {
        let Some(p) = base.iter().rev().find(|p| p.owner == i) else { continue };
        q += 1;
        let f = plus(day(2026, 10, 14), i as i64);
        s.problem(
            "jw",
            (TASK_D, task_d),
            format!("JW-WT-2026-{q:03}"),
            p,
            f,
            day(2026, 11, 30),
            ("construction_management", "low", "施工进度计量资料未按月上传", None),
            &Resp::Owner,
            Some((plus(day(2026, 11, 26), (i % 2) as i64), "已补传计量资料并明确专人负责")),
            None,
        );
    }
    q
}

/// Year-end planning tasks.
fn year_end_tasks(s: &mut Sup) {
    s.task(
        "SJJ-SJ-2026-009",
        "2026 年度政府投资项目竣工决算审计",
        "sjj",
        &["czj"],
        "2025–2026 年竣工的政府投资项目",
        &[],
        day(2026, 11, 26),
        day(2027, 3, 31),
    );
    s.task(
        "JW-LH-2026-004",
        "年终工程建设领域廉政风险排查",
        "jw",
        &["zjj", "jyzx"],
        "在建项目廉政风险点排查",
        &[],
        day(2026, 11, 27),
        day(2027, 1, 31),
    );
}
