//! The construction market around Qianjiang: bidding firms with their registry data (legal
//! representative, shareholders), qualifications, registered project managers (注册建造师), staff,
//! bank accounts and bidding machines; and the service firms (监理, 设计, 造价/审计, 招标代理).

use super::model::{day, plus, Ledger};
use super::rng::Rng;
use crate::kinds::fields::Uscc;
use crate::kinds::Kind;
use crate::time::Date;
use serde_json::{json, Value};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trade {
    /// 市政: roads, bridges, pipes, lighting, rivers
    Municipal,
    /// 房建: schools, hospitals, housing
    Building,
    /// 园林绿化
    Landscape,
}

#[derive(Debug, Clone)]
pub struct Cert {
    pub no: String,
    pub cert_type: &'static str,
    pub specialty: &'static str,
    pub grade: &'static str,
    pub issuer: &'static str,
    pub from: Date,
    pub to: Date,
}

impl Cert {
    pub fn valid_on(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// A period in which a project manager is committed to a project.
#[derive(Debug, Clone)]
pub struct Busy {
    pub from: Date,
    /// Last day (inclusive); far in the future while the project is still under construction.
    pub to: Date,
    pub project: usize,
    pub works_start: Date,
}

/// 注册建造师: identified by the registration number only (docs/decisions.md §13).
#[derive(Debug, Clone)]
pub struct Pm {
    pub reg: String,
    pub firm: usize,
    pub from: Date,
    pub to: Date,
    pub busy: Vec<Busy>,
}

impl Pm {
    pub fn registered_on(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
    pub fn free_on(&self, d: Date) -> bool {
        self.busy.iter().all(|b| d < b.from || d > b.to)
    }
}

#[derive(Debug, Clone)]
pub struct Machine {
    pub mac: String,
    pub cpu: String,
    pub disk: String,
    pub ip: String,
}

impl Machine {
    pub fn json(&self) -> Value {
        json!({"cpu_serial": self.cpu, "disk_serial": self.disk, "ip": self.ip, "mac": self.mac})
    }
}

/// A project a firm completed (竣工验收合格) and may claim as past performance (业绩).
#[derive(Debug, Clone)]
pub struct Perf {
    pub project: String,
    pub completed: Date,
    pub amount: i64,
}

#[derive(Debug, Clone)]
pub struct Firm {
    pub uscc: String,
    pub name: String,
    pub trade: Trade,
    pub legal_rep: String,
    /// (holder as a Party JSON value, share in basis points)
    pub shareholders: Vec<(Value, u16)>,
    pub capital_fen: i64,
    pub established: Date,
    pub account: String,
    pub machine: Machine,
    pub lock: String,
    /// 0 投标文件编制人, 1 授权委托人, 2 技术负责人, 3 安全员, 4 质量员, 5 造价员
    pub staff: Vec<String>,
    pub pms: Vec<usize>,
    /// 建筑业企业资质 (successive certificates)
    pub quals: Vec<Cert>,
    /// 安全生产许可证 (successive certificates)
    pub safety: Vec<Cert>,
    /// Collusion ring membership (index into the rings), if any.
    pub ring: Option<usize>,
    pub completed: Vec<Perf>,
}

impl Firm {
    pub fn qual_on(&self, d: Date) -> Option<&Cert> {
        self.quals.iter().find(|c| c.valid_on(d))
    }
    pub fn safety_on(&self, d: Date) -> Option<&Cert> {
        self.safety.iter().find(|c| c.valid_on(d))
    }
}

#[derive(Debug, Clone)]
pub struct ServiceFirm {
    pub uscc: String,
    pub name: String,
    pub legal_rep: String,
    pub established: Date,
}

pub struct Market {
    pub firms: Vec<Firm>,
    pub pms: Vec<Pm>,
    pub supervisors: Vec<ServiceFirm>,
    pub designers: Vec<ServiceFirm>,
    pub auditors: Vec<ServiceFirm>,
    pub agents: Vec<ServiceFirm>,
    used: BTreeSet<String>,
}

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

const HOMES: &[(&str, &str, u64)] = &[
    ("429005", "潜江市", 60),
    ("420100", "武汉", 14),
    ("421000", "荆州市", 10),
    ("429006", "天门市", 5),
    ("429004", "仙桃市", 6),
    ("420800", "荆门市", 5),
];

const CORES: &[&str] = &[
    "江汉", "楚天", "汉江", "东荆", "泽口", "广华", "周矶", "熊口", "竹根", "渔洋", "浩口", "张金", "王场", "龙湾",
    "积玉", "老新", "杨市", "高场", "荆楚", "长江", "华中", "鄂中", "鑫诚", "宏达", "永安", "恒通", "鼎盛", "广厦",
    "中浩", "润泽", "金泰", "顺达", "远航", "博源", "华凯", "天成", "盛世", "锦程", "亿丰", "兴业", "隆昌", "宇通",
    "凯旋", "瑞丰", "新港", "汇川", "明远", "正源", "聚信", "弘毅", "同创", "安澜", "晟达", "东湖", "长泰", "银河",
    "潜阳", "曹禺", "章华", "梅苑", "紫月", "德润", "华祥", "沃土", "合力", "建邦", "振华", "楚峰", "鸿运", "信达",
];

fn suffix(trade: Trade, r: &mut Rng) -> &'static str {
    let s: &[&'static str] = match trade {
        Trade::Municipal => &[
            "路桥建设有限公司",
            "市政工程有限公司",
            "市政建设集团有限公司",
            "建设工程有限公司",
            "水利水电建设有限公司",
        ],
        Trade::Building => &["建筑工程有限公司", "建工集团有限公司", "建设集团有限公司", "建筑安装工程有限公司"],
        Trade::Landscape => &["园林绿化工程有限公司", "生态园林建设有限公司", "景观工程有限公司"],
    };
    let i = r.index(s.len());
    s[i]
}

impl Market {
    fn uscc(&mut self, r: &mut Rng, admin: &str) -> String {
        loop {
            let org: String = (0..6).map(|_| char::from(*r.pick(USCC_CHARS))).collect();
            let code = Uscc::with_check_digit(&format!("91{admin}MA4{org}")).map(|u| u.to_string()).unwrap_or_default();
            if !code.is_empty() && self.used.insert(code.clone()) {
                return code;
            }
        }
    }

    /// A value unique across the market (names, accounts, serials, person ids).
    fn fresh(&mut self, r: &mut Rng, make: impl Fn(&mut Rng) -> String) -> String {
        for _ in 0..1000 {
            let s = make(r);
            if self.used.insert(s.clone()) {
                return s;
            }
        }
        let s = format!("{}{}", make(r), self.used.len());
        self.used.insert(s.clone());
        s
    }

    fn name(&mut self, r: &mut Rng, place: &str, tail: impl Fn(&mut Rng) -> String) -> String {
        self.fresh(r, |rr| {
            let core = *rr.pick(CORES);
            let place = if place == "潜江市" && rr.chance(0.3) { "湖北" } else { place };
            format!("{place}{core}{}", tail(rr))
        })
    }

    fn cert_chain(
        &mut self,
        r: &mut Rng,
        first_from: Date,
        years: i32,
        make_no: impl Fn(&mut Rng, i32) -> String,
        cert: (&'static str, &'static str, &'static str, &'static str),
    ) -> Vec<Cert> {
        let mut out = Vec::new();
        let mut from = first_from;
        while from <= day(2027, 12, 31) {
            let to = plus(from.add_months(12 * years), -1);
            let no = self.fresh(r, |rr| make_no(rr, from.ymd().0));
            out.push(Cert { no, cert_type: cert.0, specialty: cert.1, grade: cert.2, issuer: cert.3, from, to });
            from = plus(to, 1);
        }
        out
    }

    pub fn new(rng: &Rng, n_firms: usize, pms_per_firm: (i64, i64)) -> Market {
        let mut r = rng.fork("market");
        let mut m = Market {
            firms: Vec::new(),
            pms: Vec::new(),
            supervisors: Vec::new(),
            designers: Vec::new(),
            auditors: Vec::new(),
            agents: Vec::new(),
            used: BTreeSet::new(),
        };
        for i in 0..n_firms {
            let trade = match i % 6 {
                0 | 2 | 4 => Trade::Municipal,
                1 | 3 => Trade::Building,
                _ => Trade::Landscape,
            };
            m.add_firm(&mut r, trade, pms_per_firm);
        }
        let services: [(&str, &[&str], usize); 4] = [
            ("supervisor", &["工程建设监理有限公司", "工程项目管理有限公司", "建设监理咨询有限公司"], 8),
            ("designer", &["市政工程设计研究院有限公司", "建筑设计院有限公司", "城乡规划设计研究院有限公司"], 5),
            ("auditor", &["工程造价咨询有限公司", "会计师事务所有限公司"], 4),
            ("agent", &["招标代理有限公司", "项目管理咨询有限公司", "工程咨询有限公司"], 5),
        ];
        for (role, tails, n) in services {
            for _ in 0..n {
                let (admin, place, _) = *pick_home(&mut r);
                let uscc = m.uscc(&mut r, admin);
                let name = m.name(&mut r, place, |rr| (*rr.pick(tails)).to_owned());
                let legal_rep = m.fresh(&mut r, Rng::pid);
                let established = day(r.range(1995, 2012) as i32, r.range(1, 12) as u32, r.range(1, 28) as u32);
                let s = ServiceFirm { uscc, name, legal_rep, established };
                match role {
                    "supervisor" => m.supervisors.push(s),
                    "designer" => m.designers.push(s),
                    "auditor" => m.auditors.push(s),
                    _ => m.agents.push(s),
                }
            }
        }
        m
    }

    pub fn add_firm(&mut self, r: &mut Rng, trade: Trade, pms_per_firm: (i64, i64)) -> usize {
        let idx = self.firms.len();
        let (admin, place, _) = *pick_home(r);
        let uscc = self.uscc(r, admin);
        let name = self.name(r, place, |rr| suffix(trade, rr).to_owned());
        let pid = |m: &mut Market, r: &mut Rng| m.fresh(r, Rng::pid);
        let legal_rep = pid(self, r);
        let mut shareholders = vec![(json!({"person": legal_rep}), 0u16)];
        let others = r.range(0, 2);
        for _ in 0..others {
            let p = pid(self, r);
            shareholders.push((json!({"person": p}), 0));
        }
        let mut left = 10_000u16;
        let n = shareholders.len();
        for (k, s) in shareholders.iter_mut().enumerate() {
            let share = if k + 1 == n { left } else { (left as i64 * r.range(50, 80) / 100) as u16 };
            s.1 = share;
            left -= share;
        }
        let staff = (0..6).map(|_| pid(self, r)).collect();
        let account =
            self.fresh(r, |rr| format!("{}{}", rr.pick(&["42001", "42050", "17155", "57205"]), rr.digits(14)));
        let machine = self.machine(r);
        let lock = self.fresh(r, |rr| format!("GLD-{}", rr.digits(7)));
        let (specialty, grades): (&'static str, &[&'static str]) = match trade {
            Trade::Municipal => ("市政公用工程施工总承包", &["一级", "二级", "二级", "三级"]),
            Trade::Building => ("建筑工程施工总承包", &["一级", "二级", "二级", "三级"]),
            Trade::Landscape => ("市政公用工程施工总承包", &["三级"]),
        };
        let grade = *r.pick(grades);
        let first = day(r.range(2015, 2017) as i32, r.range(1, 12) as u32, r.range(1, 28) as u32);
        let quals = self.cert_chain(
            r,
            first,
            5,
            |rr, _| format!("D{}42{}", rr.range(1, 3), rr.digits(6)),
            ("construction_enterprise", specialty, grade, "湖北省住房和城乡建设厅"),
        );
        let first = day(r.range(2015, 2017) as i32, r.range(1, 12) as u32, r.range(1, 28) as u32);
        let safety = self.cert_chain(
            r,
            first,
            3,
            |rr, y| format!("（鄂）JZ安许证字〔{y}〕0{}", rr.digits(5)),
            ("safety_licence", "建筑施工", "—", "湖北省住房和城乡建设厅"),
        );
        let established = day(r.range(1998, 2014) as i32, r.range(1, 12) as u32, r.range(1, 28) as u32);
        let capital_fen = r.range(20, 200) * 1_000_000 * 100;
        let n_pm = r.range(pms_per_firm.0, pms_per_firm.1);
        let mut pms = Vec::new();
        for _ in 0..n_pm {
            pms.push(self.add_pm(r, idx));
        }
        self.firms.push(Firm {
            uscc,
            name,
            trade,
            legal_rep,
            shareholders,
            capital_fen,
            established,
            account,
            machine,
            lock,
            staff,
            pms,
            quals,
            safety,
            ring: None,
            completed: Vec::new(),
        });
        idx
    }

    /// A bidding machine (MAC, CPU and disk serials, public IP) unique in the market.
    pub fn machine(&mut self, r: &mut Rng) -> Machine {
        let mac = self.fresh(r, |rr| {
            let first = (rr.below(64) as u8) << 2;
            format!("{first:02x}:{}:{}:{}:{}:{}", rr.hex(2), rr.hex(2), rr.hex(2), rr.hex(2), rr.hex(2))
        });
        let cpu = self.fresh(r, |rr| format!("BFEBFBFF000{}", rr.hex_upper(5)));
        let disk = self.fresh(r, |rr| {
            if rr.chance(0.5) {
                format!("WD-WCC{}{}", rr.hex_upper(2), rr.digits(6))
            } else {
                format!("S3Z{}N{}", rr.hex_upper(3), rr.digits(6))
            }
        });
        let ip = self.fresh(r, |rr| {
            let net = *rr.pick(&["113.57", "27.17", "221.234", "59.172", "116.211"]);
            format!("{net}.{}.{}", rr.range(1, 254), rr.range(2, 254))
        });
        Machine { mac, cpu, disk, ip }
    }

    /// A person id unique in the market.
    pub fn person(&mut self, r: &mut Rng) -> String {
        self.fresh(r, Rng::pid)
    }

    fn add_pm(&mut self, r: &mut Rng, firm: usize) -> usize {
        let reg = self.fresh(r, |rr| format!("鄂{}42{}", rr.range(1, 2), rr.digits(9)));
        let from = day(r.range(2010, 2017) as i32, r.range(1, 12) as u32, r.range(1, 28) as u32);
        self.pms.push(Pm { reg, firm, from, to: day(2029, 12, 31), busy: Vec::new() });
        self.pms.len() - 1
    }

    /// Give a firm one more project manager (used when the city is scaled up).
    pub fn hire_pm(&mut self, r: &mut Rng, firm: usize) -> usize {
        let pm = self.add_pm(r, firm);
        self.firms[firm].pms.push(pm);
        pm
    }

    /// Company registry (市场监管) and qualification (住建) records of every firm.
    pub fn registry_events(&self, ledger: &mut Ledger, snapshot_dates: &[Date]) {
        let start = day(2018, 1, 2);
        for (k, &snap) in snapshot_dates.iter().enumerate() {
            for (i, f) in self.firms.iter().enumerate() {
                let d = if k == 0 { plus(snap, (i % 20) as i64) } else { snap };
                let body = json!({
                    "uscc": f.uscc,
                    "name": f.name,
                    "legal_representative": f.legal_rep,
                    "shareholders": f.shareholders.iter().map(|(h, bp)| json!({"holder": h, "share_bp": bp})).collect::<Vec<_>>(),
                    "registered_capital_fen": f.capital_fen,
                    "established_date": f.established.to_string(),
                    "status": "active",
                    "snapshot_date": d.to_string(),
                });
                ledger.record(d, "scjg", Kind::Company, None, body, &[]);
            }
            if k == 0 {
                for (i, s) in
                    self.supervisors.iter().chain(&self.designers).chain(&self.auditors).chain(&self.agents).enumerate()
                {
                    let d = plus(snap, 21 + (i % 7) as i64);
                    let body = json!({
                        "uscc": s.uscc,
                        "name": s.name,
                        "legal_representative": s.legal_rep,
                        "shareholders": [{"holder": {"person": s.legal_rep}, "share_bp": 10_000}],
                        "established_date": s.established.to_string(),
                        "status": "active",
                        "snapshot_date": d.to_string(),
                    });
                    ledger.record(d, "scjg", Kind::Company, None, body, &[]);
                }
            }
        }
        for f in &self.firms {
            for c in f.quals.iter().chain(&f.safety) {
                let body = json!({
                    "holder": {"unit": f.uscc},
                    "certificate_no": c.no,
                    "cert_type": c.cert_type,
                    "specialty": c.specialty,
                    "grade": c.grade,
                    "issuer": c.issuer,
                    "valid_from": c.from.to_string(),
                    "valid_to": c.to.to_string(),
                });
                let d = if c.from < start { start } else { c.from };
                ledger.record(d, "zjj", Kind::Qualification, None, body, &[]);
            }
        }
        for pm in &self.pms {
            let f = &self.firms[pm.firm];
            let specialty = if f.trade == Trade::Building { "建筑工程" } else { "市政公用工程" };
            let body = json!({
                "holder": {"person": pm.reg},
                "certificate_no": pm.reg,
                "cert_type": "registered_constructor",
                "specialty": specialty,
                "grade": if pm.reg.starts_with("鄂1") { "一级" } else { "二级" },
                "employer": f.uscc,
                "issuer": "湖北省住房和城乡建设厅",
                "valid_from": pm.from.to_string(),
                "valid_to": pm.to.to_string(),
            });
            let d = if pm.from < start { start } else { pm.from };
            ledger.record(d, "zjj", Kind::Qualification, None, body, &[]);
        }
    }
}

fn pick_home(r: &mut Rng) -> &'static (&'static str, &'static str, u64) {
    let total: u64 = HOMES.iter().map(|h| h.2).sum();
    let mut x = r.below(total);
    for h in HOMES {
        if x < h.2 {
            return h;
        }
        x -= h.2;
    }
    &HOMES[0]
}
