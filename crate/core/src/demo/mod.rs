//! The demo federation: 潜江市 (Qianjiang, Hubei, 429005), deterministic from a seed.
//!
//! Fourteen departments (发改委, 自然资源和规划局, 住建局, 公共资源交易中心, 财政局, 审计局, 质监站,
//! 安监站, 市场监管局, 纪委监委 and four project owners 建设单位) each write one log; a trust root
//! version 1 (2018, threshold 3) and version 2 (2023: 住建局 rotates its key at a log position, the
//! old key revoked from there); half-yearly checkpoints of every log cosigned by 纪委监委 and 审计局
//! as witnesses, and a final checkpoint that proves every log complete.
//!
//! The city has 48 projects from 2018 to 2026 (42 municipal, 6 real-estate) at every lifecycle
//! stage, about 60 bidding firms with valid USCCs, their registry data, qualifications and
//! registered project managers, competitive tenders, and injected cases for every consistency
//! check (collusion rings, false bidding, cost overruns, contract, procedure, site and payment
//! violations, unrectified problems). [`Demo::answer_key`] lists every injected case and the clean
//! projects. With [`DemoOptions::min_records`] the city grows (more projects and firms, same
//! generators, no further injected cases) to at least that many records.
//!
//! Files by concern: [`rng`] (SplitMix64), `city` (departments, keys, roots), `firms` (the market),
//! `plan` (projects and their dates), `tenders` (bids and awards, rings, false bidding),
//! `lifecycle` (a project's records), `supervision` (tasks, problems, rectifications), `cases`
//! (what is injected where), `answer` (the answer key), `sign` (logs, checkpoints, signatures).

mod answer;
mod cases;
mod city;
mod firms;
mod lifecycle;
mod model;
mod plan;
pub mod rng;
mod sign;
mod supervision;
mod tenders;

use crate::crypto::{Digest, SecretKey};
use crate::produce;
use crate::time::Timestamp;
use model::{at, day, Ledger};
use rng::Rng;
use serde_json::{json, Value};

pub struct DemoOptions {
    pub seed: u64,
    /// Scale to at least this many records (0 = the realistic city only).
    pub min_records: u64,
}

pub struct Demo {
    /// The pinned trust root (version 1), one canonical line.
    pub root: Vec<u8>,
    pub fingerprint: Digest,
    /// The bundle: header, roots v1 and v2, records, checkpoints and cosignatures.
    pub bundle: Vec<u8>,
    pub statements: u64,
    /// Each department's current key.
    pub keys: Vec<(String, SecretKey)>,
    pub answer_key: Value,
}

/// Records the base city makes (about), and per grown project (about).
const BASE_RECORDS: u64 = 3_400;
const RECORDS_PER_PROJECT: u64 = 44;

struct City {
    ledger: Ledger,
    projects: Vec<plan::Project>,
    answers: answer::Answers,
    firms: usize,
    pms: usize,
}

fn build(rng: &Rng, owners: &[city::Owner], extra: usize) -> City {
    let now = model::now();
    let n_firms = 60 + extra / 6;
    let mut market = firms::Market::new(rng, n_firms, (3, 6));
    let mut numbers = plan::Numbers::default();
    let mut projects = plan::base_projects(rng, &mut numbers, owners, cases::BASE);
    for _ in 0..extra {
        projects.push(plan::scaled_project(projects.len(), rng, &mut numbers, owners));
    }
    let mut answers = answer::Answers::default();
    let outcomes = tenders::run(&projects, &mut market, now, rng, &mut answers);
    let mut ledger = Ledger::new(model::close());
    market.registry_events(&mut ledger, &[day(2018, 1, 2), day(2026, 11, 26)]);
    ledger.now = now;
    for (p, lots) in projects.iter().zip(&outcomes) {
        lifecycle::emit(&mut ledger, p, lots, &market, owners, &mut answers);
    }
    ledger.now = model::close();
    supervision::emit(&mut ledger, &projects, owners, rng, &mut answers);
    City { ledger, projects, answers, firms: market.firms.len(), pms: market.pms.len() }
}

/// Generate the demo federation and bundle.
pub fn generate(options: &DemoOptions) -> Demo {
    let seed = options.seed;
    let rng = Rng::new(seed);
    let keys = city::Keys::new(seed);
    let owners = city::owners();
    let mut extra = options.min_records.saturating_sub(BASE_RECORDS).div_ceil(RECORDS_PER_PROJECT) as usize;
    let mut city = build(&rng, &owners, extra);
    for _ in 0..4 {
        let have = city.ledger.len() as u64;
        if have >= options.min_records {
            break;
        }
        let per = (have.saturating_sub(BASE_RECORDS) / (extra.max(1) as u64)).max(20);
        extra += ((options.min_records - have).div_ceil(per) as usize).max(1) + 5;
        city = build(&rng, &owners, extra);
    }

    let root_v1 = city::root_v1(&keys);
    let rotation = at(city::rotation_date(), 0, 0);
    let mut checkpoints: Vec<Timestamp> = Vec::new();
    for y in 2018..=2026 {
        for (m, d) in [(6, 30), (12, 31)] {
            let t = at(day(y, m, d), 20, 0);
            if t.local_date() < model::close() {
                checkpoints.push(t);
            }
        }
    }
    checkpoints.push(at(day(2026, 11, 28), 10, 0));
    let signed = sign::sign_all(&city.ledger.events, &keys, rotation, &checkpoints);
    let root_v2 = city::root_v2(&keys, &root_v1, signed.rotation_seq);

    let mut bundle = produce::bundle_header(
        city::FEDERATION,
        at(day(2026, 11, 28), 10, 30),
        Some("潜江市工程建设项目全生命周期监管数据（演示联盟） / Qianjiang construction project records (demo federation)"),
    );
    bundle.push(b'\n');
    let total: usize = signed.lines.iter().map(|l| l.len() + 1).sum();
    bundle.reserve(total + root_v1.line.len() + root_v2.line.len() + 2);
    for l in [&root_v1.line, &root_v2.line].into_iter().chain(&signed.lines) {
        bundle.extend_from_slice(l);
        bundle.push(b'\n');
    }
    let statements = 2 + signed.lines.len() as u64;

    let catalogue = crate::checks::catalogue();
    let high = |id: &str| {
        catalogue.iter().find(|m| m.id == id).is_none_or(|m| m.severity == crate::checks::FindingSeverity::High)
    };
    let codes: Vec<String> = city.projects.iter().map(|p| p.code.clone()).collect();
    let stats = json!({
        "projects": city.projects.len(),
        "base_projects": cases::BASE.len(),
        "municipal_base_projects": city.projects.iter().filter(|p| p.base && !p.category.is_real_estate()).count(),
        "real_estate_base_projects": city.projects.iter().filter(|p| p.base && p.category.is_real_estate()).count(),
        "firms": city.firms,
        "project_managers": city.pms,
        "departments": city::DEPTS.len(),
        "records": signed.records,
        "checkpoints": signed.checkpoints,
        "cosignatures": signed.cosignatures,
        "statements": statements,
        "logs": signed.logs,
        "rotation": {"department": city::ROTATING, "from_seq": signed.rotation_seq},
        "rejected_drafts": signed.rejected.len(),
        "rejected_examples": signed.rejected.iter().take(5).collect::<Vec<_>>(),
    });
    let answer_key = city.answers.to_json(seed, &codes, high, stats);
    let current_keys = city::DEPTS
        .iter()
        .map(|d| (d.id.to_owned(), city::dept_key(seed, d.id, u8::from(d.id == city::ROTATING))))
        .collect();
    Demo { root: root_v1.line, fingerprint: root_v1.id, bundle, statements, keys: current_keys, answer_key }
}

/// A synthetic tender for screening experiments, drawn with the demo city's price models:
/// `(ceiling, prices)`. Competitive tenders have 5–12 independent bids (85–99% of the ceiling);
/// collusive ones either place cover bids 2–4.5% above a designated winner (with a dispersion of
/// 0.2–1% between them) or, in half of the cases, keep every bid in a cluster (dispersion 0.2–0.8%).
pub fn synthetic_tender(seed: u64, index: u64, collusive: bool) -> (i64, Vec<i64>) {
    let mut r = Rng::new(seed).fork(&format!("synthetic/{index}/{collusive}"));
    let ceiling = r.range(500, 10_000) * 1_000_000;
    let n = r.range(5, 12) as usize;
    let mut prices = if !collusive {
        tenders::competitive_prices(&mut r, ceiling, n)
    } else if r.chance(0.5) {
        let noise = r.uniform(0.002, 0.01);
        tenders::collusive_prices(&mut r, ceiling, n, noise)
    } else {
        let centre = ceiling as f64 * (1.0 - r.uniform(0.03, 0.09));
        let noise = r.uniform(0.002, 0.008);
        (0..n).map(|_| ((centre * (1.0 + noise * r.normal())) as i64).min(ceiling)).collect()
    };
    r.shuffle(&mut prices);
    (ceiling, prices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_canonical_and_deterministic() {
        let a = generate(&DemoOptions { seed: 7, min_records: 0 });
        let b = generate(&DemoOptions { seed: 7, min_records: 0 });
        assert_eq!(a.bundle, b.bundle);
        assert_eq!(a.answer_key["stats"]["rejected_drafts"], 0, "{}", a.answer_key["stats"]);
        for line in crate::bundle::lines(&a.bundle).filter(|l| !l.is_empty()) {
            assert!(sign::is_canonical(line), "{}", String::from_utf8_lossy(line));
        }
    }
}
