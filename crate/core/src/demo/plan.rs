//! Project plans: what each project is (name, category, owner, money) and when each lifecycle
//! stage happens, with the injected cases applied to the dates.

use super::cases::{BaseSpec, Case};
use super::city::{Owner, ADMIN_CODE};
use super::firms::Trade;
use super::model::{at, day, plus};
use super::rng::Rng;
use crate::time::{Date, Timestamp};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Road,
    Drainage,
    School,
    Park,
    Lighting,
    WaterSupply,
    Hospital,
    Bridge,
    River,
    OldCommunity,
    Sewage,
    RealEstate,
}

use Category::*;

const ROADS: &[&str] = &[
    "园林大道",
    "章华大道",
    "东风路",
    "江汉路",
    "泽口大道",
    "广泽大道",
    "紫月路",
    "曹禺大道",
    "红梅路",
    "杨市大道",
    "潜阳路",
    "湖滨路",
    "梅苑路",
    "新城大道",
    "高石碑大道",
    "竹泽路",
    "育才路",
    "南浦路",
    "袁杨路",
    "兴隆大道",
    "建设街",
    "人民大道",
    "五七大道",
    "周矶大道",
    "浩口大道",
    "返湾湖路",
    "莱克大道",
    "仙桃路",
    "东城大道",
    "西环路",
];
const DISTRICTS: &[&str] = &[
    "园林街道",
    "杨市街道",
    "周矶街道",
    "广华街道",
    "泰丰街道",
    "高场街道",
    "竹根滩镇",
    "渔洋镇",
    "王场镇",
    "高石碑镇",
    "积玉口镇",
    "张金镇",
    "龙湾镇",
    "浩口镇",
    "熊口镇",
    "老新镇",
    "后湖管理区",
    "熊口管理区",
    "总口管理区",
    "运粮湖管理区",
    "江汉石油管理局",
    "潜江经济开发区",
    "章华台片区",
    "城南新区",
];
const RIVERS: &[&str] = &["东荆河", "兴隆河", "田关河", "通顺河", "汉南河", "幸福河", "东干渠", "返湾湖"];
const PARKS: &[&str] = &[
    "曹禺公园",
    "梅苑公园",
    "兴隆河湿地公园",
    "返湾湖生态公园",
    "东城公园",
    "章华台遗址公园",
    "紫月湖公园",
    "杨市体育公园",
    "龙湾湿地公园",
    "南门河公园",
];
const SCHOOLS: &[&str] = &[
    "实验小学",
    "园林第一中学",
    "江汉油田实验学校",
    "曹禺中学",
    "城南小学",
    "杨市初级中学",
    "章华中学",
    "泽口小学",
    "周矶中学",
    "东城实验幼儿园",
    "城北学校",
    "高级中学",
    "经济开发区学校",
    "王场小学",
    "竹根滩中学",
];

impl Category {
    pub fn trade(self) -> Trade {
        match self {
            School | Hospital | OldCommunity | RealEstate => Trade::Building,
            Park => Trade::Landscape,
            _ => Trade::Municipal,
        }
    }

    pub fn project_type(self) -> &'static str {
        match self {
            Road | Drainage | Lighting | WaterSupply | Sewage => "municipal",
            Bridge => "transport",
            River => "water",
            Park => "landscaping",
            School | Hospital | OldCommunity => "housing",
            RealEstate => "real_estate",
        }
    }

    pub fn is_real_estate(self) -> bool {
        self == RealEstate
    }

    /// The owner department (建设单位).
    pub fn owner(self, r: &mut Rng) -> &'static str {
        match self {
            Road if r.chance(0.4) => "jtjt",
            Road => "ctjt",
            Bridge => "jtjt",
            Drainage | WaterSupply | Sewage | River => "swjt",
            RealEstate => "cfzy",
            _ => "ctjt",
        }
    }

    /// 估算 range in 万元 (10,000 yuan).
    fn estimate_wan(self) -> (i64, i64) {
        match self {
            Road => (2_000, 15_000),
            Drainage => (1_200, 8_000),
            School => (3_000, 12_000),
            Park => (1_000, 6_000),
            Lighting => (600, 1_500),
            WaterSupply => (800, 4_000),
            Hospital => (6_000, 20_000),
            Bridge => (1_500, 8_000),
            River => (1_000, 5_000),
            OldCommunity => (1_000, 4_000),
            Sewage => (2_000, 9_000),
            RealEstate => (15_000, 40_000),
        }
    }

    fn name(self, r: &mut Rng) -> (String, String) {
        let road = *r.pick(ROADS);
        let road2 = *r.pick(ROADS);
        let district = *r.pick(DISTRICTS);
        let river = *r.pick(RIVERS);
        let name = match self {
            Road => match r.below(4) {
                0 => format!("潜江市{road}道路改造工程"),
                1 => format!("潜江市{road}（{road2}—{}）改扩建工程", r.pick(ROADS)),
                2 => format!("潜江市{road}黑化提档工程"),
                _ => format!("潜江市{road}新建工程"),
            },
            Drainage => match r.below(3) {
                0 => format!("潜江市{district}雨污分流改造工程"),
                1 => format!("潜江市{district}排水管网改造工程"),
                _ => format!("潜江市{road}污水管网工程"),
            },
            School => format!(
                "潜江市{}{}",
                r.pick(SCHOOLS),
                r.pick(&["新建工程", "综合楼建设工程", "改扩建工程", "教学楼建设工程"])
            ),
            Park => format!("潜江市{}建设工程", r.pick(PARKS)),
            Lighting => format!("潜江市{}路灯节能改造工程", r.pick(&["城区", "园林城区", "经济开发区", district])),
            WaterSupply => format!("潜江市{district}供水管网延伸工程"),
            Hospital => format!(
                "潜江市{}{}",
                r.pick(&["中心医院", "中医院", "妇幼保健院", "精神卫生中心", "第二人民医院"]),
                r.pick(&["住院楼建设工程", "门诊综合楼建设工程", "传染病区改造工程"])
            ),
            Bridge => format!("潜江市{river}{}", r.pick(&["大桥维修加固工程", "桥梁新建工程", "人行桥建设工程"])),
            River => format!("潜江市{river}水环境综合治理工程"),
            OldCommunity => format!("潜江市{district}老旧小区改造工程"),
            Sewage => format!("潜江市{}污水处理厂提标改造工程", r.pick(&["城南", "城北", "泽口", "江汉", "高石碑"])),
            RealEstate => format!(
                "城发·{}{}",
                r.pick(&["梅苑", "章华", "紫月", "曹禺", "兴隆", "江汉", "园林", "湖滨"]),
                r.pick(&["花园住宅小区项目", "安置小区建设项目", "佳苑商住小区开发项目", "人才公寓建设项目"])
            ),
        };
        let location = match self {
            Road | Bridge => format!("潜江市{district}"),
            _ => format!("潜江市{district}"),
        };
        (name, location)
    }

    /// Construction duration in days, by size.
    fn duration(self, estimate_fen: i64, r: &mut Rng) -> i64 {
        let wan = estimate_fen / 1_000_000;
        let (lo, hi) = match wan {
            0..=999 => (150, 240),
            1_000..=2_999 => (240, 400),
            3_000..=7_999 => (360, 540),
            _ => (480, 760),
        };
        r.range(lo, hi)
    }
}

/// One 标段 (lot): a tender (unless the works were contracted directly) and its contract.
#[derive(Debug, Clone)]
pub struct Lot {
    pub tender_id: Option<String>,
    pub lot_name: Option<String>,
    pub ceiling: i64,
    pub contract_no: String,
}

/// Every date of a project's lifecycle (a stage may lie after the export date and not be recorded).
#[derive(Debug, Clone)]
pub struct Timeline {
    pub approval: Date,
    pub estimate: Date,
    pub land: Date,
    pub planning: Date,
    pub registration: Date,
    pub publish: Date,
    pub deadline: Timestamp,
    /// Clarification date and, when the deadline was extended, the new deadline.
    pub clarification: Option<(Date, Option<Timestamp>)>,
    pub evaluation: Date,
    pub publicity_start: Date,
    pub publicity_end: Date,
    pub award: Date,
    pub signing: Date,
    pub filing: Date,
    pub permit: Date,
    pub permit_extension: Option<Date>,
    pub start: Date,
    pub duration: i64,
    pub acceptance: Date,
    pub completion_filing: Date,
    pub settlement: Date,
    pub audit: Date,
    pub final_accounts: Date,
}

impl Timeline {
    /// The effective bid deadline (after an extension).
    pub fn bid_deadline(&self) -> Timestamp {
        match self.clarification {
            Some((_, Some(ext))) => ext,
            _ => self.deadline,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Project {
    pub index: usize,
    pub code: String,
    pub name: String,
    pub location: String,
    pub category: Category,
    pub owner: usize,
    pub funding: &'static str,
    pub must_tender: bool,
    pub base: bool,
    pub cases: Vec<Case>,
    /// 估算
    pub estimate: i64,
    /// 概算
    pub gai: i64,
    /// 概算中的建安工程费
    pub construction_cost: i64,
    pub lots: Vec<Lot>,
    /// Contracted without a tender.
    pub direct: bool,
    pub price_only: bool,
    pub tl: Timeline,
    pub rng: Rng,
}

impl Project {
    pub fn has(&self, c: Case) -> bool {
        self.cases.contains(&c)
    }
}

/// Numbering shared by all projects: project serials, tender and contract numbers per year.
#[derive(Default)]
pub struct Numbers {
    serials: BTreeSet<u32>,
    tenders: std::collections::BTreeMap<i32, u32>,
    contracts: std::collections::BTreeMap<(i32, &'static str), u32>,
    names: BTreeSet<String>,
}

impl Numbers {
    fn serial(&mut self, r: &mut Rng, base: bool) -> u32 {
        loop {
            let s = if base { r.range(100, 999) as u32 } else { r.range(1_000, 999_999) as u32 };
            if self.serials.insert(s) {
                return s;
            }
        }
    }
    fn tender(&mut self, year: i32) -> u32 {
        let n = self.tenders.entry(year).or_insert(0);
        *n += 1;
        *n
    }
    fn contract(&mut self, year: i32, prefix: &'static str) -> u32 {
        let n = self.contracts.entry((year, prefix)).or_insert(0);
        *n += 1;
        *n
    }
    fn name(&mut self, r: &mut Rng, c: Category) -> (String, String) {
        for _ in 0..20 {
            let (n, l) = c.name(r);
            if self.names.insert(n.clone()) {
                return (n, l);
            }
        }
        let (n, l) = c.name(r);
        for phase in ["（二期）", "（三期）", "（四期）", "（五期）", "（六期）"] {
            let m = format!("{n}{phase}");
            if self.names.insert(m.clone()) {
                return (m, l);
            }
        }
        let m = format!("{n}（{}）", self.names.len());
        self.names.insert(m.clone());
        (m, l)
    }
}

fn date_in(r: &mut Rng, year: i32, months: (u32, u32)) -> Date {
    let first = day(year, months.0, 3);
    let last = day(year, months.1, 26);
    plus(first, r.range(0, i64::from(last.0 - first.0)))
}

/// Build one project. `base` projects carry `cases`; scaled projects are clean. Every draw comes
/// from the project's own stream in a fixed order (identity, money, dates, lots), and the stream's
/// final state seeds the project's lifecycle records.
#[allow(clippy::too_many_arguments)]
pub fn project(
    index: usize,
    rng: &Rng,
    numbers: &mut Numbers,
    owners: &[Owner],
    category: Category,
    approval: Date,
    cases: &[Case],
    base: bool,
) -> Project {
    let mut r = rng.fork(&format!("project/{index}"));
    let owner_dept = category.owner(&mut r);
    let owner = owners.iter().position(|o| o.dept == owner_dept).unwrap_or(0);
    let year = approval.ymd().0;
    let serial = numbers.serial(&mut r, base);
    let code = format!("{year}-{ADMIN_CODE}-48-01-{serial:06}");
    let (name, location) = numbers.name(&mut r, category);
    let has = |c: Case| cases.contains(&c);
    let direct = has(Case::Proc05Direct) || has(Case::Proc05Split) || has(Case::NearDirectSmall);
    let money = money(&mut r, category, owner_dept, cases);
    let tl = timeline(&mut r, category, money.estimate, approval, cases, direct);
    let owner_prefix = owners.get(owner).map(|o| o.prefix).unwrap_or("QJCT");
    let lots = lots(&mut r, numbers, owner_prefix, cases, direct, &money, &tl);
    let must_tender = !has(Case::NearDirectSmall);
    let price_only = has(Case::Bid13) || (!has(Case::Ring(2)) && r.chance(0.4));
    Project {
        index,
        code,
        name,
        location,
        category,
        owner,
        funding: money.funding,
        must_tender,
        base,
        cases: cases.to_vec(),
        estimate: money.estimate,
        gai: money.gai,
        construction_cost: money.construction_cost,
        lots,
        direct,
        price_only,
        tl,
        rng: r,
    }
}

/// A project's money: 估算, 概算, 建安工程费 and the source of funds.
struct Money {
    estimate: i64,
    gai: i64,
    construction_cost: i64,
    funding: &'static str,
}

fn money(r: &mut Rng, category: Category, owner_dept: &str, cases: &[Case]) -> Money {
    let has = |c: Case| cases.contains(&c);
    let (lo, hi) = category.estimate_wan();
    let mut estimate = r.range(lo, hi) * 1_000_000 + r.range(0, 99) * 10_000;
    if has(Case::NearDirectSmall) {
        estimate = r.range(380, 450) * 1_000_000;
    }
    if has(Case::Proc05Direct) {
        estimate = r.range(780, 900) * 1_000_000;
    }
    if has(Case::Proc05Split) {
        estimate = r.range(1_600, 1_700) * 1_000_000;
    }
    let gai_factor = if has(Case::Cost01) {
        r.uniform(1.16, 1.22)
    } else if has(Case::NearReapproval) {
        r.uniform(1.12, 1.16)
    } else {
        r.uniform(0.93, 1.07)
    };
    let gai = super::model::scale(estimate, gai_factor) / 10_000 * 10_000;
    let construction_cost = super::model::scale(gai, r.uniform(0.80, 0.88)) / 100 * 100;
    let funding = if category.is_real_estate() {
        "state_owned"
    } else if owner_dept == "swjt" && r.chance(0.3) {
        "mixed"
    } else {
        "government"
    };
    Money { estimate, gai, construction_cost, funding }
}

/// Every lifecycle date, stage by stage.
fn timeline(r: &mut Rng, category: Category, estimate: i64, approval: Date, cases: &[Case], direct: bool) -> Timeline {
    let has = |c: Case| cases.contains(&c);
    let estimate_date = plus(approval, r.range(30, 90));
    let land = plus(approval, r.range(40, 100));
    let planning = plus(land, r.range(15, 45));
    let registration = plus(estimate_date.max(planning), r.range(5, 20));
    let t = tender_dates(r, registration, cases);
    let w = works_dates(r, &t, registration, planning, cases, direct);
    let c = completion_dates(r, category, estimate, w.start, cases);
    // 未批先建: the approval only comes after the contract was signed (and the estimate after it).
    let (approval, estimate_date) = if has(Case::Proc01) {
        let a = plus(w.signing, r.range(40, 55));
        (a, plus(a, r.range(15, 25)))
    } else {
        (approval, estimate_date)
    };
    Timeline {
        approval,
        estimate: estimate_date,
        land,
        planning,
        registration,
        publish: t.publish,
        deadline: t.deadline,
        clarification: t.clarification,
        evaluation: t.evaluation,
        publicity_start: t.publicity_start,
        publicity_end: t.publicity_end,
        award: t.award,
        signing: w.signing,
        filing: w.filing,
        permit: w.permit,
        permit_extension: w.permit_extension,
        start: w.start,
        duration: c.duration,
        acceptance: c.acceptance,
        completion_filing: c.completion_filing,
        settlement: c.settlement,
        audit: c.audit,
        final_accounts: c.final_accounts,
    }
}

/// 招标 to 中标通知.
struct TenderDates {
    publish: Date,
    deadline: Timestamp,
    clarification: Option<(Date, Option<Timestamp>)>,
    evaluation: Date,
    publicity_start: Date,
    publicity_end: Date,
    award: Date,
}

fn tender_dates(r: &mut Rng, registration: Date, cases: &[Case]) -> TenderDates {
    let has = |c: Case| cases.contains(&c);
    let publish = plus(registration, r.range(5, 25));
    let period = if has(Case::Bid14) { 16 } else { r.range(21, 35) };
    let deadline = at(plus(publish, period), 9, 30);
    let clarification = if has(Case::Bid14) {
        Some((plus(deadline.local_date(), -9), None))
    } else if r.chance(0.5) {
        Some((plus(publish, r.range(3, 5)), None))
    } else if r.chance(0.15) {
        // a late clarification, lawfully answered by extending the deadline by 15 days or more
        let d = plus(deadline.local_date(), -r.range(5, 10));
        Some((d, Some(at(plus(d, r.range(15, 18)), 9, 30))))
    } else {
        None
    };
    let effective = match clarification {
        Some((_, Some(ext))) => ext,
        _ => deadline,
    };
    let evaluation = plus(effective.local_date(), r.range(0, 1));
    let publicity_start = plus(evaluation, r.range(1, 3));
    let publicity_end = plus(publicity_start, if has(Case::Bid15) { 1 } else { r.range(3, 5) });
    let award = plus(publicity_end, r.range(1, 4));
    TenderDates { publish, deadline, clarification, evaluation, publicity_start, publicity_end, award }
}

/// 合同 to 开工.
struct WorksDates {
    signing: Date,
    filing: Date,
    permit: Date,
    permit_extension: Option<Date>,
    start: Date,
}

fn works_dates(
    r: &mut Rng,
    t: &TenderDates,
    registration: Date,
    planning: Date,
    cases: &[Case],
    direct: bool,
) -> WorksDates {
    let has = |c: Case| cases.contains(&c);
    let signing = if direct {
        plus(registration, r.range(10, 30))
    } else if has(Case::Contract01) {
        plus(t.award, r.range(48, 60))
    } else {
        plus(t.award, r.range(5, 25))
    };
    let filing = plus(signing, r.range(1, 6));
    let permit = if has(Case::Proc02) {
        plus(filing.max(planning), r.range(40, 60))
    } else {
        plus(filing.max(planning), r.range(3, 20))
    };
    let (start, permit_extension) = if has(Case::Proc02) {
        (plus(permit, -r.range(20, 35)), None)
    } else if has(Case::Proc04) {
        (plus(permit, r.range(140, 170)), None)
    } else if has(Case::NearPermitExtension) {
        let s = plus(permit, r.range(110, 130));
        (s, Some(plus(permit.add_months(3), r.range(30, 60))))
    } else {
        (plus(permit, r.range(3, 45)), None)
    };
    WorksDates { signing, filing, permit, permit_extension, start }
}

/// 工期 and 竣工验收 to 决算.
struct CompletionDates {
    duration: i64,
    acceptance: Date,
    completion_filing: Date,
    settlement: Date,
    audit: Date,
    final_accounts: Date,
}

fn completion_dates(r: &mut Rng, category: Category, estimate: i64, start: Date, cases: &[Case]) -> CompletionDates {
    let has = |c: Case| cases.contains(&c);
    let mut duration = category.duration(estimate, r);
    if has(Case::Cost02) {
        // still under construction at the export date
        duration = duration.max(900);
    }
    if has(Case::Pay01) {
        // nearly finished at the export date
        duration = i64::from(plus(super::model::now(), r.range(30, 45)).0 - start.0);
    }
    let acceptance = if has(Case::Pay01) { plus(start, duration) } else { plus(start, duration + r.range(-10, 60)) };
    let completion_filing =
        if has(Case::Proc06) { plus(acceptance, r.range(38, 50)) } else { plus(acceptance, r.range(3, 14)) };
    let settlement = plus(acceptance, r.range(20, 35));
    let audit = plus(settlement, r.range(10, 25));
    let final_accounts =
        if has(Case::Proc07) { plus(acceptance, r.range(400, 450)) } else { plus(audit, r.range(5, 20)) };
    CompletionDates { duration, acceptance, completion_filing, settlement, audit, final_accounts }
}

/// The 标段 (lots): ceilings, tender ids and contract numbers.
fn lots(
    r: &mut Rng,
    numbers: &mut Numbers,
    owner_prefix: &'static str,
    cases: &[Case],
    direct: bool,
    money: &Money,
    tl: &Timeline,
) -> Vec<Lot> {
    let has = |c: Case| cases.contains(&c);
    let n_lots = if has(Case::ThreeLots) {
        3
    } else if has(Case::TwoLots) {
        2
    } else if has(Case::Proc05Split) {
        3
    } else {
        1
    };
    let ceiling_total = if has(Case::Cost02) {
        super::model::scale(money.gai, r.uniform(1.04, 1.08))
    } else if direct {
        super::model::scale(money.construction_cost, r.uniform(0.90, 0.97))
    } else {
        super::model::scale(money.construction_cost, r.uniform(0.93, 0.99))
    };
    let sign_year = tl.signing.ymd().0;
    let lot_names = ["第一标段", "第二标段", "第三标段"];
    let py = tl.publish.ymd().0;
    let tender_no = if direct { 0 } else { numbers.tender(py) };
    let mut lots = Vec::new();
    for (k, lot_name) in lot_names.iter().enumerate().take(n_lots) {
        let ceiling = if has(Case::Proc05Split) {
            // three contracts just below the 4,000,000-yuan works threshold
            r.range(392_000_000, 399_000_000) / 100 * 100
        } else if has(Case::Proc05Direct) {
            super::model::scale(money.construction_cost, r.uniform(0.92, 0.97)) / 100 * 100
        } else if has(Case::NearDirectSmall) {
            super::model::scale(money.construction_cost, r.uniform(0.90, 0.95)).min(380_000_000) / 100 * 100
        } else {
            ceiling_total / n_lots as i64 / 100 * 100
        };
        let tender_id = (!direct).then(|| format!("QJ-JS-{py}-{tender_no:03}-{:02}", k + 1));
        let contract_no = format!("{owner_prefix}-SG-{sign_year}-{:04}", numbers.contract(sign_year, owner_prefix));
        lots.push(Lot { tender_id, lot_name: (n_lots > 1).then(|| (*lot_name).to_owned()), ceiling, contract_no });
    }
    lots
}

/// The base city (48 projects).
pub fn base_projects(rng: &Rng, numbers: &mut Numbers, owners: &[Owner], specs: &[BaseSpec]) -> Vec<Project> {
    let mut r = rng.fork("base-dates");
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let d = date_in(&mut r, s.year, s.months);
            project(i, rng, numbers, owners, s.category, d, s.cases, true)
        })
        .collect()
}

/// A clean project of the grown city, approved on a random date between 2018 and October 2026.
pub fn scaled_project(index: usize, rng: &Rng, numbers: &mut Numbers, owners: &[Owner]) -> Project {
    let mut r = rng.fork(&format!("scaled/{index}"));
    const MIX: &[(Category, u64)] = &[
        (Road, 20),
        (Drainage, 16),
        (School, 10),
        (Park, 8),
        (Lighting, 4),
        (WaterSupply, 8),
        (Hospital, 3),
        (Bridge, 5),
        (River, 6),
        (OldCommunity, 10),
        (Sewage, 4),
        (RealEstate, 6),
    ];
    let total: u64 = MIX.iter().map(|m| m.1).sum();
    let mut x = r.below(total);
    let mut category = Road;
    for (c, w) in MIX {
        if x < *w {
            category = *c;
            break;
        }
        x -= w;
    }
    let first = day(2018, 1, 8);
    let last = day(2026, 10, 20);
    let d = plus(first, r.range(0, i64::from(last.0 - first.0)));
    let cases: &[Case] = if r.chance(0.08) { &[Case::TwoLots] } else { &[] };
    project(index, rng, numbers, owners, category, d, cases, false)
}
