//! Test fixtures for the bidding checks: verified records built without signatures, a small trust
//! root, and bodies for tenders, bids, openings, candidates, awards and companies whose fields are
//! all distinct per bidder unless a test makes them shared.

use crate::checks::{Check, CheckConfig, Dataset, Finding, Findings};
use crate::crypto::{Digest, KeyId, SecretKey};
use crate::federation::{self, TrustRoot};
use crate::kinds::{self, Kind, Uscc};
use crate::produce;
use crate::report::{CompleteHead, LogSummary};
use crate::statement::Record;
use crate::time::Timestamp;
use crate::verify::VerifiedRecord;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const PROJECT: &str = "2021-429005-48-01-000123";
pub const PROJECT_B: &str = "2022-429005-48-01-000456";

/// The firm numbered `n`: a valid 统一社会信用代码.
pub fn firm(n: u32) -> String {
    Uscc::with_check_digit(&format!("914290050000{:05}", n)).map(|u| u.as_str().to_owned()).unwrap_or_default()
}

fn hex64(tag: u32, n: u32) -> String {
    format!("{:08x}{:056x}", tag, n)
}

/// A bid by firm `n` on `tender` at `price_fen`, with its own compiler, agent, team, bond account,
/// documents and machine.
pub fn bid(tender: &str, n: u32, price_fen: i64) -> Value {
    let uscc = firm(n);
    json!({
        "tender_id": tender,
        "bidder": uscc,
        "price_fen": price_fen,
        "submitted_at": "2021-08-09T16:20:00+08:00",
        "project_manager": format!("pid:{:016x}", 0x1000_0000 + n),
        "project_team": [{"person": format!("pid:{:016x}", 0x2000_0000 + n), "role": "technical_lead"}],
        "compiler": {"person": format!("pid:{:016x}", 0x3000_0000 + n)},
        "agent": {"person": format!("pid:{:016x}", 0x4000_0000 + n)},
        "bond": {"method": "transfer", "payer": uscc, "account": format!("4200{:012}", n), "amount_fen": 20_000_000},
        "document_hash": hex64(1, n),
        "file_hashes": [hex64(2, n)],
        "machine": {
            "mac": format!("00:1a:2b:3c:{:02x}:{:02x}", (n >> 8) & 0xff, n & 0xff),
            "cpu_serial": format!("BFEBFBFF{:08X}", n),
            "disk_serial": format!("WD-WCC4E{:07}", n),
            "ip": format!("10.{}.{}.7", (n >> 8) & 0xff, n & 0xff)
        },
        "pricing_lock_id": format!("GLD-{:07}", n)
    })
}

/// A tender with a ceiling price, published 2021-07-15 with a deadline of 2021-08-10 09:30.
pub fn tender(tender: &str, ceiling_fen: i64) -> Value {
    json!({
        "tender_id": tender,
        "title": "潜江市园林路东延道路工程",
        "category": "works",
        "method": "open",
        "evaluation": "comprehensive",
        "owner": firm(9000),
        "ceiling_price_fen": ceiling_fen,
        "published_date": "2021-07-15",
        "bid_deadline": "2021-08-10T09:30:00+08:00"
    })
}

/// An opening of `bids` (firm number, price) with nothing disqualified and ranked by price.
pub fn opening(tender: &str, bids: &[(u32, i64)]) -> Value {
    let mut ranked: Vec<&(u32, i64)> = bids.iter().collect();
    ranked.sort_by_key(|b| b.1);
    json!({
        "tender_id": tender,
        "opened_at": "2021-08-10T09:30:00+08:00",
        "evaluation_date": "2021-08-10",
        "bids": bids.iter().map(|(n, p)| json!({"bidder": firm(*n), "price_fen": p})).collect::<Vec<_>>(),
        "ranking": ranked.iter().enumerate().map(|(i, (n, _))| json!({"rank": i + 1, "bidder": firm(*n)})).collect::<Vec<_>>()
    })
}

/// An award of `tender` to firm `n` at `price_fen`.
pub fn award(tender: &str, n: u32, price_fen: i64) -> Value {
    json!({"tender_id": tender, "winner": firm(n), "price_fen": price_fen, "notice_date": "2021-08-20"})
}

/// A company registry entry for firm `n` with its own legal representative.
pub fn company(n: u32) -> Value {
    json!({
        "uscc": firm(n),
        "name": format!("潜江市第{n}建设工程有限公司"),
        "legal_representative": format!("pid:{:016x}", 0x5000_0000 + n),
        "status": "active",
        "snapshot_date": "2021-06-30"
    })
}

fn test_root() -> TrustRoot {
    let key = SecretKey::from_seed(&[7; 32]);
    let t = Timestamp::parse("2018-01-01T00:00:00+08:00").unwrap_or(Timestamp { unix: 0, offset_minutes: 480 });
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let spec = vec![
        json!({"id": "jyzx", "keys": [{"pub": hex::encode(key.public().bytes)}], "kinds": kinds, "name": {"en": "Trading centre", "zh": "公共资源交易中心"}}),
    ];
    let stmt = federation::root_statement("test-429005", 1, None, 1, t, spec);
    let signed = produce::sign_root(&stmt, &[&key]);
    TrustRoot::from_line(&signed.line).expect("test root")
}

/// A bundle under construction.
pub struct Fixture {
    pub records: Vec<VerifiedRecord>,
    pub logs: Vec<LogSummary>,
    pub root: TrustRoot,
    seq: BTreeMap<String, u64>,
}

impl Default for Fixture {
    fn default() -> Self {
        Self::new()
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture { records: Vec::new(), logs: Vec::new(), root: test_root(), seq: BTreeMap::new() }
    }

    /// Add a record of `kind` in `project` (panics on a body the schema refuses: a broken test).
    pub fn add(&mut self, kind: Kind, project: Option<&str>, body: Value) -> &mut Fixture {
        let parsed = match kinds::parse_body(kind, &body) {
            Ok(b) => b,
            Err(e) => panic!("bad {kind} body in test: {e}\n{body}"),
        };
        let log = "jyzx/main".to_owned();
        let seq = self.seq.entry(log.clone()).or_insert(0);
        *seq += 1;
        let line = self.records.len() as u64 + 2;
        let id = Digest::of(&[format!("{kind}|{line}|{body}").as_bytes()]);
        self.records.push(VerifiedRecord {
            id,
            line,
            key: KeyId([0; 16]),
            record: Record {
                log,
                seq: *seq,
                prev: None,
                time: Timestamp::parse("2021-08-20T09:00:00+08:00")
                    .unwrap_or(Timestamp { unix: 0, offset_minutes: 480 }),
                project: project.map(str::to_owned),
                kind,
                body: parsed,
                refs: Vec::new(),
            },
        });
        self
    }

    /// Shorthand for a project record.
    pub fn rec(&mut self, kind: Kind, body: Value) -> &mut Fixture {
        self.add(kind, Some(PROJECT), body)
    }

    /// Declare the log complete to a checkpoint at `time` (for absence-based rules).
    pub fn complete_to(&mut self, time: &str) -> &mut Fixture {
        let n = self.seq.get("jyzx/main").copied().unwrap_or(0);
        self.logs = vec![LogSummary {
            log: "jyzx/main".into(),
            department: "jyzx".into(),
            records: n,
            first_seq: 1,
            last_seq: n,
            head: String::new(),
            gaps: Vec::new(),
            forks: Vec::new(),
            complete_to: Some(CompleteHead { seq: n, head: String::new(), time: time.into() }),
            witnesses: Vec::new(),
        }];
        self
    }

    pub fn data(&self) -> Dataset<'_> {
        Dataset::new(&self.records, &self.logs, &self.root)
    }

    /// Run `check` with its defaults and parameter overrides.
    pub fn run_with(&self, check: &dyn Check, params: &[(&str, f64)]) -> Findings {
        let meta = check.meta();
        let mut config = CheckConfig::default();
        if !params.is_empty() {
            let p = params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            config.params.insert(meta.id.to_owned(), p);
            config.validate().expect("test parameters exist");
        }
        let settings = config.settings_for(meta).expect("enabled");
        let mut out = Findings::new(meta);
        check.run(&self.data(), &settings, &mut out);
        out
    }

    pub fn run(&self, check: &dyn Check) -> Findings {
        self.run_with(check, &[])
    }
}

/// The only finding, or a panic that shows what there was.
pub fn single(out: &Findings) -> &Finding {
    assert_eq!(out.findings().len(), 1, "expected one finding, got {:#?}", out.findings());
    &out.findings()[0]
}

/// Assert no findings (showing them if there are).
pub fn quiet(out: &Findings) {
    assert!(out.findings().is_empty(), "expected no finding, got {:#?}", out.findings());
}

/// Assert the message names every string in `needles` (in either language) and reads well.
pub fn mentions(f: &Finding, needles: &[&str]) {
    for n in needles {
        assert!(f.message.zh.contains(n) || f.message.en.contains(n), "message lacks {n:?}: {:#?}", f.message);
    }
    assert!(f.message.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese text: {}", f.message.zh);
}
