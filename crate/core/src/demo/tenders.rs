//! Tenders and bids, decided in date order across the whole city (a project manager who won one
//! tender is busy until that project is accepted, and a firm can only claim projects it has
//! completed): who bids, at what price, with which project manager, team, machine and bond; who is
//! rejected and who wins. Collusion rings and false bidding are injected here.

use super::answer::Answers;
use super::cases::{Case, RingPattern, RINGS};
use super::firms::{Busy, Market, Trade};
use super::model::{at, pct, plus, yuan};
use super::plan::Project;
use super::rng::Rng;
use crate::time::{Date, Timestamp};
use serde_json::{json, Value};

#[derive(Debug, Clone)]
pub struct BidPlan {
    pub firm: usize,
    pub price: i64,
    pub pm: usize,
    pub submitted: Timestamp,
    pub compiler: Value,
    pub agent: Value,
    pub bond: Value,
    pub document_hash: String,
    pub file_hashes: Vec<String>,
    pub machine: Value,
    pub lock: String,
    pub team: Vec<(String, &'static str)>,
    pub quals: Vec<String>,
    pub perf: Vec<Value>,
}

#[derive(Debug, Clone)]
pub struct TenderPlan {
    pub bids: Vec<BidPlan>,
    /// (bid index, reason code, detail)
    pub disqualified: Vec<(usize, &'static str, &'static str)>,
    /// Valid bids in rank order with their score (comprehensive evaluation) in centi-points.
    pub ranking: Vec<(usize, Option<u32>)>,
    pub bond: i64,
}

/// How a lot was let: by tender (with its bids) or directly.
#[derive(Debug, Clone)]
pub struct LotOutcome {
    pub tender: Option<TenderPlan>,
    /// The firm awarded the lot.
    pub winner: usize,
    /// The firm that signed the contract (differs from the winner only in CONTRACT-02).
    pub contractor: usize,
    pub pm: usize,
    /// Award price, or the negotiated price of a direct contract.
    pub price: i64,
}

struct RingState {
    pattern: RingPattern,
    members: Vec<usize>,
    done: usize,
    /// The person who compiles or handles every ring bid.
    person: String,
}

/// Prices of a competitive tender: each bidder's own discount around a common market level.
pub fn competitive_prices(r: &mut Rng, ceiling: i64, n: usize) -> Vec<i64> {
    let mu = r.uniform(0.04, 0.10);
    let sigma = r.uniform(0.015, 0.035);
    (0..n)
        .map(|_| {
            let d = (mu + sigma * r.normal()).clamp(0.012, 0.15);
            (ceiling as f64 * (1.0 - d)) as i64 - r.range(0, 99)
        })
        .collect()
}

/// Prices of a rigged tender: a designated low bid and cover bids a few per cent above it, close
/// together (the first element is the designated winner's). `noise` is the cover bids' relative
/// dispersion (0.003 in the demo city's ring).
pub fn collusive_prices(r: &mut Rng, ceiling: i64, n: usize, noise: f64) -> Vec<i64> {
    let w = (ceiling as f64 * (1.0 - r.uniform(0.03, 0.10))) as i64;
    let delta = r.uniform(0.02, 0.045);
    let mut out = vec![w];
    for _ in 1..n {
        let f = 1.0 + delta + noise * r.normal();
        out.push(((w as f64 * f) as i64).clamp(w + 1, ceiling - r.range(1_000, 50_000)));
    }
    out
}

/// Winner close below the ceiling, covers squeezed between it and the ceiling (first = winner).
fn near_ceiling_prices(r: &mut Rng, ceiling: i64, n: usize) -> Vec<i64> {
    let w = (ceiling as f64 * (1.0 - r.uniform(0.004, 0.008))) as i64;
    let room = ceiling - w;
    let mut out = vec![w];
    for _ in 1..n {
        out.push(w + (room as f64 * r.uniform(0.25, 0.9)) as i64);
    }
    out
}

struct Ctx<'a> {
    market: &'a mut Market,
    rings: Vec<RingState>,
    answers: &'a mut Answers,
    /// Last bid date of each project manager (so that an expiring registration is never cited).
    last_bid: Vec<Option<Date>>,
    codes: Vec<String>,
}

impl Ctx<'_> {
    fn free_pm(&self, firm: usize, d: Date) -> Option<usize> {
        self.market.firms[firm]
            .pms
            .iter()
            .copied()
            .find(|&p| self.market.pms[p].registered_on(d) && self.market.pms[p].free_on(d))
    }

    fn pm_or_hire(&mut self, r: &mut Rng, firm: usize, d: Date) -> usize {
        match self.free_pm(firm, d) {
            Some(p) => p,
            None => self.market.hire_pm(r, firm),
        }
    }

    fn eligible(&self, trade: Trade, firm: usize, d: Date) -> bool {
        let f = &self.market.firms[firm];
        let trade_ok = f.trade == trade || (trade == Trade::Landscape && f.trade == Trade::Municipal);
        trade_ok && f.qual_on(d).is_some() && f.safety_on(d).is_some() && self.free_pm(firm, d).is_some()
    }

    /// A normal bid by `firm` with its own people, machine and account.
    fn bid(&mut self, r: &mut Rng, firm: usize, price: i64, pm: usize, deadline: Timestamp, bond: i64) -> BidPlan {
        let f = &self.market.firms[firm];
        let submitted = at(plus(deadline.local_date(), -r.range(1, 4)), r.range(9, 16), r.range(0, 59));
        // certificates are cited as valid on the day the bid is submitted
        let d = submitted.local_date();
        let compiler = if r.chance(0.7) { json!({"person": f.staff[0]}) } else { json!({"unit": f.uscc}) };
        let bond = match r.below(10) {
            0..=5 => json!({"method": "transfer", "payer": f.uscc, "account": f.account, "amount_fen": bond}),
            6..=8 => json!({"method": "bank_guarantee", "payer": f.uscc, "amount_fen": bond}),
            _ => json!({"method": "insurance", "payer": f.uscc, "amount_fen": bond}),
        };
        let mut quals = Vec::new();
        if let Some(q) = f.qual_on(d) {
            quals.push(q.no.clone());
        }
        if let Some(q) = f.safety_on(d) {
            quals.push(q.no.clone());
        }
        quals.push(self.market.pms[pm].reg.clone());
        let claimable: Vec<_> = f.completed.iter().filter(|p| p.completed < plus(d, -30)).collect();
        let mut perf = Vec::new();
        if !claimable.is_empty() {
            let k = r.range(1, 2.min(claimable.len() as i64)) as usize;
            let start = r.index(claimable.len());
            for j in 0..k {
                let p = claimable[(start + j) % claimable.len()];
                perf.push(json!({
                    "project_code": p.project,
                    "role": "contractor",
                    "completed_date": p.completed.to_string(),
                    "amount_fen": p.amount,
                }));
            }
        }
        if self.last_bid.len() <= pm {
            self.last_bid.resize(pm + 1, None);
        }
        self.last_bid[pm] = Some(d);
        BidPlan {
            firm,
            price,
            pm,
            submitted,
            compiler,
            agent: json!({"person": f.staff[1]}),
            bond,
            document_hash: r.hex(64),
            file_hashes: (0..3).map(|_| r.hex(64)).collect(),
            machine: f.machine.json(),
            lock: f.lock.clone(),
            team: vec![
                (f.staff[2].clone(), "technical_lead"),
                (f.staff[3].clone(), "safety_officer"),
                (f.staff[4].clone(), "quality_officer"),
            ],
            quals,
            perf,
        }
    }
}

fn ring_members(market: &mut Market, rng: &Rng) -> Vec<RingState> {
    let mut r = rng.fork("rings");
    let mut rings = Vec::new();
    for (i, spec) in RINGS.iter().enumerate() {
        let mut candidates: Vec<usize> = (0..market.firms.len())
            .filter(|&f| market.firms[f].trade == spec.trade && market.firms[f].ring.is_none())
            .collect();
        r.shuffle(&mut candidates);
        let members: Vec<usize> = candidates.into_iter().take(spec.members).collect();
        for &m in &members {
            market.firms[m].ring = Some(i);
            for _ in 0..3 {
                market.hire_pm(&mut r, m);
            }
        }
        if spec.pattern == RingPattern::ControlTeamPrices && members.len() >= 3 {
            // The second firm shares the first one's legal representative; the first firm holds 70%
            // of the third.
            let (a, b, c) = (members[0], members[1], members[2]);
            let rep = market.firms[a].legal_rep.clone();
            let old = std::mem::replace(&mut market.firms[b].legal_rep, rep.clone());
            for s in &mut market.firms[b].shareholders {
                if s.0 == json!({"person": old}) {
                    s.0 = json!({"person": rep});
                }
            }
            let a_uscc = market.firms[a].uscc.clone();
            let c_rep = market.firms[c].legal_rep.clone();
            market.firms[c].shareholders = vec![(json!({"unit": a_uscc}), 7_000), (json!({"person": c_rep}), 3_000)];
        }
        let person = market.person(&mut r);
        rings.push(RingState { pattern: spec.pattern, members, done: 0, person });
    }
    rings
}

/// Decide every tender and direct contract of the city, in date order.
pub fn run(
    projects: &[Project],
    market: &mut Market,
    now: Date,
    rng: &Rng,
    answers: &mut Answers,
) -> Vec<Vec<LotOutcome>> {
    let rings = ring_members(market, rng);
    let n_pms = market.pms.len();
    let codes = projects.iter().map(|p| p.code.clone()).collect();
    let mut ctx = Ctx { market, rings, answers, last_bid: vec![None; n_pms], codes };
    let mut queue: Vec<(Date, usize, usize)> = Vec::new();
    for p in projects {
        for k in 0..p.lots.len() {
            let d = if p.direct { p.tl.signing } else { p.tl.bid_deadline().local_date() };
            queue.push((d, p.index, k));
        }
    }
    queue.sort();
    let mut out: Vec<Vec<Option<LotOutcome>>> = projects.iter().map(|p| vec![None; p.lots.len()]).collect();
    for (d, pi, k) in queue {
        if d > now {
            continue;
        }
        let p = &projects[pi];
        let mut r = p.rng.fork(&format!("lot/{k}"));
        let outcome = if p.direct { direct(&mut ctx, &mut r, p, k) } else { tender(&mut ctx, &mut r, p, k) };
        if let Some(o) = outcome {
            // The project manager is committed from the bid until the project is accepted.
            let end = plus(p.tl.acceptance, 30);
            let from = if p.direct { p.tl.signing } else { plus(d, -5) };
            ctx.market.pms[o.pm].busy.push(Busy { from, to: end, project: pi, works_start: p.tl.start });
            if p.tl.acceptance <= now {
                let amount = o.price;
                ctx.market.firms[o.contractor].completed.push(super::firms::Perf {
                    project: p.code.clone(),
                    completed: p.tl.acceptance,
                    amount,
                });
            }
            out[pi][k] = Some(o);
        }
    }
    out.into_iter().map(|lots| lots.into_iter().flatten().collect()).collect()
}

fn direct(ctx: &mut Ctx, r: &mut Rng, p: &Project, k: usize) -> Option<LotOutcome> {
    let d = p.tl.signing;
    let trade = p.category.trade();
    let mut pool: Vec<usize> = (0..ctx.market.firms.len())
        .filter(|&f| ctx.market.firms[f].ring.is_none() && ctx.eligible(trade, f, d))
        .collect();
    if pool.is_empty() {
        pool = (0..ctx.market.firms.len()).filter(|&f| ctx.market.firms[f].trade == trade).collect();
    }
    let firm = *r.pick(&pool);
    let pm = ctx.pm_or_hire(r, firm, d);
    let lot = &p.lots[k];
    let price = (lot.ceiling as f64 * r.uniform(0.94, 0.985)) as i64 / 100 * 100;
    Some(LotOutcome { tender: None, winner: firm, contractor: firm, pm, price })
}

fn tender(ctx: &mut Ctx, r: &mut Rng, p: &Project, k: usize) -> Option<LotOutcome> {
    let lot = &p.lots[k];
    let tender_id = lot.tender_id.clone().unwrap_or_default();
    let deadline = p.tl.bid_deadline();
    let d = deadline.local_date();
    let ceiling = lot.ceiling;
    let bond = (ceiling / 50).min(80_000_000) / 100_000 * 100_000;
    let trade = p.category.trade();
    let ring = p.cases.iter().find_map(|c| if let Case::Ring(i) = c { Some(*i as usize) } else { None });

    // Who bids.
    let mut members: Vec<usize> = Vec::new();
    let mut designated: Option<usize> = None;
    let ring_round = ring.map(|i| ctx.rings[i].done);
    if let Some(i) = ring {
        let ring = &ctx.rings[i];
        members = ring.members.clone();
        let round = ring.done;
        let turn = match ring.pattern {
            // rotation: the last member never wins
            RingPattern::CompilerAndDocuments | RingPattern::CoverBidsRotation => round % (members.len() - 1),
            _ => round % members.len(),
        };
        designated = Some(members[turn]);
        ctx.rings[i].done += 1;
    }
    let outsiders_wanted = match ring.map(|i| ctx.rings[i].pattern) {
        Some(RingPattern::CoverBidsRotation) => 0,
        Some(RingPattern::CompilerAndDocuments) => r.range(2, 3) as usize,
        Some(_) => r.range(2, 4) as usize,
        None if p.has(Case::Bid09) => 2,
        None => r.range(5, 12) as usize,
    };
    let mut pool: Vec<usize> =
        (0..ctx.market.firms.len()).filter(|&f| !members.contains(&f) && ctx.eligible(trade, f, d)).collect();
    r.shuffle(&mut pool);
    // At most one member of any ring in a tender it does not rig.
    let mut rings_seen: Vec<usize> = Vec::new();
    let mut bidders = members.clone();
    for f in pool {
        if bidders.len() >= members.len() + outsiders_wanted {
            break;
        }
        if let Some(ri) = ctx.market.firms[f].ring {
            if ring.is_some() || rings_seen.contains(&ri) {
                continue;
            }
            rings_seen.push(ri);
        }
        bidders.push(f);
    }
    if bidders.len() < 2 {
        return None;
    }

    // False bidding: the designated winner proposes an unfit project manager or claims a fake project.
    let mut forced_pm: Option<usize> = None;
    if p.has(Case::False02) {
        let busy = busy_pm(ctx, d, trade);
        if let Some((firm, pm)) = busy {
            if !bidders.contains(&firm) {
                bidders.pop();
                bidders.push(firm);
            }
            designated = Some(firm);
            forced_pm = Some(pm);
            let other = ctx.market.pms[pm].busy.iter().find(|b| b.from <= d && d <= b.to).map(|b| b.project);
            if let Some(code) = other.and_then(|o| ctx.codes.get(o)).cloned() {
                ctx.answers.involved.insert(code);
            }
            let reg = ctx.market.pms[pm].reg.clone();
            let firm_name = ctx.market.firms[firm].name.clone();
            ctx.answers.add(
                "FALSE-02",
                &p.code,
                Some(&tender_id),
                format!("{firm_name} 拟派项目经理 {reg} 投标时仍在负责另一在建项目"),
                format!("{firm_name} proposed project manager {reg}, who was still managing another project under construction"),
            );
        }
    }
    if p.has(Case::False01) {
        // A project manager whose registration lapsed, not cited in any bid since.
        let lapse = plus(d, -r.range(60, 200));
        let mut found = None;
        for &f in &bidders {
            if let Some(pm) = ctx.market.firms[f].pms.iter().copied().find(|&pm| {
                let m = &ctx.market.pms[pm];
                m.free_on(d)
                    && m.from < plus(lapse, -365)
                    && ctx.last_bid.get(pm).copied().flatten().is_none_or(|b| b < lapse)
            }) {
                found = Some((f, pm));
                break;
            }
        }
        if let Some((f, pm)) = found {
            ctx.market.pms[pm].to = lapse;
            designated = Some(f);
            forced_pm = Some(pm);
            let reg = ctx.market.pms[pm].reg.clone();
            let firm_name = ctx.market.firms[f].name.clone();
            ctx.answers.add(
                "FALSE-01",
                &p.code,
                Some(&tender_id),
                format!("{firm_name} 投标引用的注册建造师证书 {reg} 已于 {lapse} 失效"),
                format!("{firm_name}'s bid cites constructor registration {reg}, expired on {lapse}"),
            );
        }
    }
    if designated.is_none() && (p.has(Case::False03) || p.has(Case::Contract02) || p.has(Case::Contract03)) {
        designated = Some(bidders[0]);
    }

    // Prices.
    let n = bidders.len();
    let pattern = ring.map(|i| ctx.rings[i].pattern);
    let mut prices: Vec<i64> = match pattern {
        Some(RingPattern::CoverBidsRotation) => {
            if ring_round.is_some_and(|round| round % 2 == 1) {
                near_ceiling_prices(r, ceiling, n)
            } else {
                collusive_prices(r, ceiling, n, 0.003)
            }
        }
        Some(RingPattern::ControlTeamPrices) => {
            let w = (ceiling as f64 * (1.0 - r.uniform(0.06, 0.09))) as i64;
            let g = (w as f64 * r.uniform(0.011, 0.016)) as i64;
            let mut v = vec![w, w + g, w + 2 * g];
            let top = w + 2 * g;
            for _ in 3..n {
                v.push(top + ((ceiling - top) as f64 * r.uniform(0.2, 0.95)) as i64);
            }
            v
        }
        _ => {
            let mut v = competitive_prices(r, ceiling, n);
            if let Some(i) = designated.and_then(|f| bidders.iter().position(|&b| b == f)) {
                // the designated winner bids lowest
                let lo = (0..n).min_by_key(|&j| v[j]).unwrap_or(i);
                v.swap(i, lo);
            }
            v
        }
    };
    // In the ring patterns above the designated winner must hold the first price.
    if matches!(pattern, Some(RingPattern::CoverBidsRotation | RingPattern::ControlTeamPrices)) {
        if let Some(i) = designated.and_then(|f| bidders.iter().position(|&b| b == f)) {
            let w = prices.remove(0);
            prices.insert(i, w);
        }
    }

    // Bids.
    let mut bids = Vec::with_capacity(n + 1);
    for (j, &f) in bidders.iter().enumerate() {
        let pm = match forced_pm {
            Some(pm) if Some(f) == designated => pm,
            _ => ctx.pm_or_hire(r, f, d),
        };
        let b = ctx.bid(r, f, prices[j], pm, deadline, bond);
        bids.push(b);
    }
    let mut disqualified: Vec<(usize, &'static str, &'static str)> = Vec::new();
    let firm_name = |ctx: &Ctx, f: usize| ctx.market.firms[f].name.clone();

    // Ring evidence.
    if let (Some(i), Some(round)) = (ring, ring_round) {
        let person = ctx.rings[i].person.clone();
        let member_bids: Vec<usize> = (0..bids.len()).filter(|&j| members.contains(&bids[j].firm)).collect();
        let leader = members[0];
        let names: Vec<String> = member_bids.iter().map(|&j| firm_name(ctx, bids[j].firm)).collect();
        let list = names.join("、");
        match ctx.rings[i].pattern {
            RingPattern::CompilerAndDocuments => {
                for &j in &member_bids {
                    bids[j].compiler = json!({"person": person});
                }
                let covers: Vec<usize> =
                    member_bids.iter().copied().filter(|&j| Some(bids[j].firm) != designated).collect();
                if covers.len() >= 2 {
                    let h = bids[covers[0]].document_hash.clone();
                    bids[covers[1]].document_hash = h;
                    let shared = bids[covers[0]].file_hashes[1].clone();
                    if let Some(&c) = covers.get(2) {
                        bids[c].file_hashes[1] = shared;
                    }
                }
                ctx.answers.add(
                    "BID-01",
                    &p.code,
                    Some(&tender_id),
                    format!("{list} 的投标文件由同一人 {person} 编制"),
                    format!("the bids of {list} were compiled by the same person {person}"),
                );
                ctx.answers.add(
                    "BID-05",
                    &p.code,
                    Some(&tender_id),
                    "两家陪标单位的投标文件哈希完全相同".into(),
                    "two cover bidders submitted documents with the same hash".into(),
                );
                ctx.answers.add(
                    "BID-11",
                    &p.code,
                    Some(&tender_id),
                    format!("{list} 在同一项目各标段轮流中标，其中一家始终陪标"),
                    format!("{list} take turns winning the lots of one project; one of them always loses"),
                );
            }
            RingPattern::AgentBondMachine => {
                let lf = ctx.market.firms[leader].clone();
                let base = bids[member_bids[0]].submitted;
                for (n, &j) in member_bids.iter().enumerate() {
                    bids[j].agent = json!({"person": person});
                    bids[j].bond = json!({"method": "transfer", "payer": ctx.market.firms[bids[j].firm].uscc, "account": lf.account, "amount_fen": bond});
                    bids[j].machine = lf.machine.json();
                    bids[j].lock = lf.lock.clone();
                    bids[j].submitted = Timestamp { unix: base.unix + 60 * (7 * n as i64 + r.range(0, 5)), ..base };
                }
                ctx.answers.add(
                    "BID-02",
                    &p.code,
                    Some(&tender_id),
                    format!("{list} 的投标事宜由同一代理人 {person} 办理"),
                    format!("the same agent {person} handled the bids of {list}"),
                );
                ctx.answers.add(
                    "BID-06",
                    &p.code,
                    Some(&tender_id),
                    format!("{list} 的投标保证金均从 {} 的账户 {} 转出", lf.name, lf.account),
                    format!("the bid bonds of {list} were all paid from {}'s account {}", lf.name, lf.account),
                );
                ctx.answers.add(
                    "BID-07",
                    &p.code,
                    Some(&tender_id),
                    format!(
                        "{list} 的投标文件由同一台电脑（MAC {}）上传，使用同一计价软件加密锁 {}",
                        lf.machine.mac, lf.lock
                    ),
                    format!(
                        "the bids of {list} were uploaded from one machine (MAC {}) with one pricing-software lock {}",
                        lf.machine.mac, lf.lock
                    ),
                );
            }
            RingPattern::ControlTeamPrices => {
                let lead = ctx.market.firms[leader].staff[2].clone();
                for &j in member_bids.iter().take(2) {
                    bids[j].team[0] = (lead.clone(), "technical_lead");
                }
                let ring_prices: Vec<String> = {
                    let mut v: Vec<i64> = member_bids.iter().map(|&j| bids[j].price).collect();
                    v.sort_unstable();
                    v.iter().map(|&x| yuan(x)).collect()
                };
                let (a, b, c) = (members[0], members[1], members[2]);
                ctx.answers.add(
                    "BID-08",
                    &p.code,
                    Some(&tender_id),
                    format!(
                        "{} 与 {} 法定代表人相同，{} 由 {} 控股 70%，三家参与同一标段投标",
                        firm_name(ctx, a),
                        firm_name(ctx, b),
                        firm_name(ctx, c),
                        firm_name(ctx, a)
                    ),
                    format!(
                        "{} and {} share a legal representative and {} is 70% owned by {}; all three bid the same lot",
                        firm_name(ctx, a),
                        firm_name(ctx, b),
                        firm_name(ctx, c),
                        firm_name(ctx, a)
                    ),
                );
                ctx.answers.add(
                    "BID-03",
                    &p.code,
                    Some(&tender_id),
                    format!("两家投标人拟派同一技术负责人 {lead}"),
                    format!("two bidders named the same technical lead {lead}"),
                );
                ctx.answers.add(
                    "BID-04",
                    &p.code,
                    Some(&tender_id),
                    format!("关联投标人报价呈等差数列：{}", ring_prices.join("、")),
                    format!("the related bidders' prices form an arithmetic progression: {}", ring_prices.join(", ")),
                );
            }
            RingPattern::CoverBidsRotation => {
                ctx.answers.add(
                    "BID-10",
                    &p.code,
                    Some(&tender_id),
                    "陪标报价紧贴中标价，报价离散度异常（统计筛查）".into(),
                    "cover bids cluster just above the winning bid; the price dispersion is abnormal (statistical screen)"
                        .into(),
                );
                ctx.answers.add(
                    "BID-11",
                    &p.code,
                    Some(&tender_id),
                    format!("{list} 在多个项目中反复同场投标、轮流中标，其中一家始终陪标"),
                    format!("{list} keep bidding together across projects and take turns winning; one always loses"),
                );
                if round % 2 == 1 {
                    let w =
                        designated.and_then(|f| bidders.iter().position(|&b| b == f)).map(|j| prices[j]).unwrap_or(0);
                    ctx.answers.add(
                        "BID-12",
                        &p.code,
                        Some(&tender_id),
                        format!(
                            "中标价 {} 距控制价 {} 不足 1%（下浮 {}）",
                            yuan(w),
                            yuan(ceiling),
                            pct(ceiling - w, ceiling)
                        ),
                        format!(
                            "winning bid {} within 1% of the ceiling {} ({} below)",
                            yuan(w),
                            yuan(ceiling),
                            pct(ceiling - w, ceiling)
                        ),
                    );
                }
            }
        }
    }

    // Near miss / injected: a bid above the ceiling.
    let mut above_ceiling: Option<usize> = None;
    if p.has(Case::NearAboveCeilingRejected) || p.has(Case::Cost05) {
        let extra = (0..ctx.market.firms.len())
            .find(|&f| !bidders.contains(&f) && ctx.market.firms[f].ring.is_none() && ctx.eligible(trade, f, d));
        if let Some(f) = extra {
            let price = (ceiling as f64 * r.uniform(1.008, 1.018)) as i64;
            let pm = ctx.pm_or_hire(r, f, d);
            let b = ctx.bid(r, f, price, pm, deadline, bond);
            bids.push(b);
            let j = bids.len() - 1;
            above_ceiling = Some(j);
            if p.has(Case::NearAboveCeilingRejected) {
                disqualified.push((j, "above_ceiling", "投标报价超过最高投标限价"));
            } else {
                let name = firm_name(ctx, f);
                ctx.answers.add(
                    "COST-05",
                    &p.code,
                    Some(&tender_id),
                    format!(
                        "{name} 报价 {} 高于控制价 {}（+{}），未被否决",
                        yuan(price),
                        yuan(ceiling),
                        pct(price - ceiling, ceiling)
                    ),
                    format!(
                        "{name} bid {} above the ceiling {} (+{}) and was not rejected",
                        yuan(price),
                        yuan(ceiling),
                        pct(price - ceiling, ceiling)
                    ),
                );
            }
        }
    }

    // Clean rejections (never the lowest bid, never a designated winner).
    let lowest = (0..bids.len()).min_by_key(|&j| bids[j].price).unwrap_or(0);
    if p.has(Case::Bid13) {
        let second = (0..bids.len()).filter(|&j| j != lowest).min_by_key(|&j| bids[j].price).unwrap_or(0);
        designated = Some(bids[second].firm);
        disqualified.push((lowest, "below_cost", "评标委员会认定报价低于成本"));
        let name = firm_name(ctx, bids[lowest].firm);
        ctx.answers.add(
            "BID-13",
            &p.code,
            Some(&tender_id),
            format!("经评审的最低投标价法下，最低报价 {}（{}）被否决", yuan(bids[lowest].price), name),
            format!("in a lowest-price evaluation the lowest bid {} ({name}) was rejected", yuan(bids[lowest].price)),
        );
    } else if ring.is_none() && bids.len() >= 5 && r.chance(0.3) {
        let candidates: Vec<usize> = (0..bids.len())
            .filter(|&j| {
                j != lowest
                    && Some(j) != above_ceiling
                    && Some(bids[j].firm) != designated
                    && !disqualified.iter().any(|d| d.0 == j)
            })
            .collect();
        if !candidates.is_empty() {
            let j = *r.pick(&candidates);
            let (reason, detail) = *r.pick(&[
                ("bond", "投标保证金未按要求提交"),
                ("non_responsive", "未实质性响应招标文件要求"),
                ("qualification", "项目负责人业绩不满足资格条件"),
                ("not_signed", "投标函未按要求签字盖章"),
            ]);
            disqualified.push((j, reason, detail));
        }
    }

    // Ranking of the valid bids.
    let valid: Vec<usize> = (0..bids.len()).filter(|&j| !disqualified.iter().any(|d| d.0 == j)).collect();
    let min_valid = valid.iter().map(|&j| bids[j].price).min().unwrap_or(1).max(1);
    let mut scored: Vec<(usize, Option<u32>, i64)> = valid
        .iter()
        .map(|&j| {
            if p.price_only {
                (j, None, -bids[j].price)
            } else {
                let price_score = 6_000.0 * min_valid as f64 / bids[j].price.max(1) as f64;
                let tech = if Some(bids[j].firm) == designated { 3_950.0 } else { r.uniform(2_500.0, 3_800.0) };
                let s = (price_score + tech) as u32;
                (j, Some(s), i64::from(s))
            }
        })
        .collect();
    scored.sort_by_key(|(j, _, key)| (-key, *j as i64));
    if let Some(f) = designated {
        if let Some(pos) = scored.iter().position(|(j, _, _)| bids[*j].firm == f) {
            let w = scored.remove(pos);
            scored.insert(0, w);
        }
    }
    let ranking: Vec<(usize, Option<u32>)> = scored.iter().map(|(j, s, _)| (*j, *s)).collect();
    let winner = ranking.first().map(|w| w.0).unwrap_or(0);
    let win_firm = bids[winner].firm;
    let win_price = bids[winner].price;
    let pm = bids[winner].pm;

    // Fake past performance: the winner claims a project completed by another firm.
    if p.has(Case::False03) {
        let fake = ctx
            .market
            .firms
            .iter()
            .enumerate()
            .filter(|(f, _)| *f != win_firm)
            .flat_map(|(_, firm)| firm.completed.iter())
            .filter(|c| c.completed < plus(d, -60))
            .max_by_key(|c| c.amount)
            .cloned();
        if let Some(c) = fake {
            bids[winner].perf.insert(
                0,
                json!({"project_code": c.project, "role": "contractor", "completed_date": c.completed.to_string(), "amount_fen": c.amount}),
            );
            let name = firm_name(ctx, win_firm);
            ctx.answers.add(
                "FALSE-03",
                &p.code,
                Some(&tender_id),
                format!("{name} 投标业绩 {} 的竣工验收记录中施工单位并非该公司", c.project),
                format!(
                    "{name} claims project {} as its own, but the completion records name another contractor",
                    c.project
                ),
            );
        }
    }

    if p.has(Case::Bid09) {
        ctx.answers.add(
            "BID-09",
            &p.code,
            Some(&tender_id),
            format!("仅 {} 家投标人仍开标并确定中标人", bids.len()),
            format!("only {} bidders, yet the tender was opened and awarded", bids.len()),
        );
    }
    if p.has(Case::Bid14) {
        ctx.answers.add(
            "BID-14",
            &p.code,
            Some(&tender_id),
            format!(
                "招标文件发出至投标截止仅 {} 日；{} 发出澄清距截止不足 15 日且未顺延",
                p.tl.deadline.local_date().0 - p.tl.publish.0,
                p.tl.clarification.map(|c| c.0.to_string()).unwrap_or_default()
            ),
            format!(
                "only {} days from publication to the bid deadline; a clarification on {} came less than 15 days before the deadline without extending it",
                p.tl.deadline.local_date().0 - p.tl.publish.0,
                p.tl.clarification.map(|c| c.0.to_string()).unwrap_or_default()
            ),
        );
    }
    if p.has(Case::Bid15) {
        ctx.answers.add(
            "BID-15",
            &p.code,
            Some(&tender_id),
            format!("中标候选人公示 {} 至 {}，不足 3 日", p.tl.publicity_start, p.tl.publicity_end),
            format!("candidates publicised from {} to {}: fewer than 3 days", p.tl.publicity_start, p.tl.publicity_end),
        );
    }

    let contractor = if p.has(Case::Contract02) {
        // the contract is signed with a firm that did not win (and did not bid)
        let alt = (0..ctx.market.firms.len())
            .find(|&f| {
                !bids.iter().any(|b| b.firm == f)
                    && ctx.market.firms[f].ring.is_none()
                    && ctx.market.firms[f].trade == trade
                    && ctx.market.firms[f].qual_on(d).is_some()
            })
            .unwrap_or(win_firm);
        let (wn, an) = (firm_name(ctx, win_firm), firm_name(ctx, alt));
        ctx.answers.add(
            "CONTRACT-02",
            &p.code,
            Some(&tender_id),
            format!("中标人为 {wn}，备案合同的承包人却是 {an}"),
            format!("{wn} won the tender, but the filed contract is with {an}"),
        );
        alt
    } else {
        win_firm
    };
    let plan = TenderPlan { bids, disqualified, ranking, bond };
    Some(LotOutcome { tender: Some(plan), winner: win_firm, contractor, pm, price: win_price })
}

/// A firm of `trade` with a project manager who is running a project under construction at `d`.
fn busy_pm(ctx: &Ctx, d: Date, trade: Trade) -> Option<(usize, usize)> {
    for (f, firm) in ctx.market.firms.iter().enumerate() {
        if firm.trade != trade || firm.ring.is_some() || firm.qual_on(d).is_none() {
            continue;
        }
        for &pm in &firm.pms {
            let m = &ctx.market.pms[pm];
            let running = m.busy.iter().any(|b| b.works_start < plus(d, -30) && b.to > plus(d, 90) && b.from < d);
            if running && m.registered_on(d) {
                return Some((f, pm));
            }
        }
    }
    None
}
