//! A small federation for integration tests: four departments, deterministic keys, a few logs.
#![allow(dead_code)]

use qinglian_core::crypto::{Digest, SecretKey};
use qinglian_core::federation::{self, TrustRoot};
use qinglian_core::kinds::{example_body, Kind};
use qinglian_core::produce::{self, LogHead, RecordDraft, SignedStatement};
use qinglian_core::time::Timestamp;
use qinglian_core::verify::{Report, TrustAnchor, VerifyOptions};
use serde_json::{json, Value};

pub const PROJECT: &str = "2021-429005-48-01-000123";
pub const FEDERATION: &str = "test-429005";

pub fn key(n: u8) -> SecretKey {
    SecretKey::from_seed(&[n; 32])
}

pub fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Department spec entries: (id, kinds, key seeds, extra key fields)
pub fn department(id: &str, kinds: &[Kind], keys: &[(u8, Value)]) -> Value {
    json!({
        "id": id,
        "keys": keys.iter().map(|(n, extra)| {
            let mut k = json!({"pub": hex::encode(key(*n).public().bytes)});
            if let (Some(o), Some(e)) = (k.as_object_mut(), extra.as_object()) {
                for (a, b) in e { o.insert(a.clone(), b.clone()); }
            }
            k
        }).collect::<Vec<_>>(),
        "kinds": kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "name": {"en": format!("Department {id}"), "zh": format!("部门{id}")},
    })
}

pub fn departments_v1(revocations: Value) -> Vec<Value> {
    vec![
        department("fgw", &[Kind::Approval, Kind::DesignEstimate], &[(1, revocations)]),
        department("jyzx", &[Kind::Tender, Kind::Bid, Kind::Award], &[(2, json!({}))]),
        department("zjj", &[Kind::Contract], &[(3, json!({}))]),
        department("sjj", &[Kind::Audit], &[(4, json!({}))]),
    ]
}

pub fn root_with(
    version: u64,
    prev: Option<Digest>,
    threshold: u64,
    departments: Vec<Value>,
    signers: &[u8],
) -> SignedStatement {
    let stmt =
        federation::root_statement(FEDERATION, version, prev, threshold, t("2021-01-01T00:00:00+08:00"), departments);
    let keys: Vec<SecretKey> = signers.iter().map(|&n| key(n)).collect();
    produce::sign_root(&stmt, &keys.iter().collect::<Vec<_>>())
}

pub fn root_v1() -> SignedStatement {
    root_with(1, None, 2, departments_v1(json!({})), &[1, 2, 3, 4])
}

pub fn trust(root: &SignedStatement) -> TrustAnchor {
    TrustAnchor::Root(Box::new(TrustRoot::from_line(&root.line).expect("valid root")))
}

pub struct Log {
    pub head: LogHead,
    pub key: SecretKey,
    pub lines: Vec<SignedStatement>,
}

impl Log {
    pub fn new(log: &str, key_seed: u8) -> Log {
        Log { head: LogHead::empty(log), key: key(key_seed), lines: Vec::new() }
    }
    pub fn append(&mut self, kind: Kind, time: &str) -> SignedStatement {
        self.append_with(kind, time, example_body(kind), vec![])
    }
    pub fn append_with(&mut self, kind: Kind, time: &str, body: Value, refs: Vec<Digest>) -> SignedStatement {
        let draft = RecordDraft { kind, project: Some(PROJECT.into()), time: t(time), body, refs };
        let s = produce::sign_record(&self.key, &mut self.head, &draft).expect("valid draft");
        self.lines.push(s.clone());
        s
    }
    pub fn checkpoint(&mut self, time: &str) -> SignedStatement {
        let s = produce::sign_checkpoint(&self.key, &self.head, t(time)).unwrap();
        self.lines.push(s.clone());
        s
    }
}

/// A clean scenario: fgw/main (approval, estimate), jyzx/main (tender, bid, award), checkpoints,
/// an audit-office cosignature of fgw's head.
pub struct Scenario {
    pub root: SignedStatement,
    pub fgw: Log,
    pub jyzx: Log,
    pub cosig: SignedStatement,
}

pub fn scenario() -> Scenario {
    let root = root_v1();
    let mut fgw = Log::new("fgw/main", 1);
    fgw.append(Kind::Approval, "2021-03-01T09:00:00+08:00");
    fgw.append(Kind::DesignEstimate, "2021-05-01T09:00:00+08:00");
    fgw.append(Kind::Approval, "2021-06-01T09:00:00+08:00");
    fgw.checkpoint("2021-06-02T09:00:00+08:00");
    let mut jyzx = Log::new("jyzx/main", 2);
    let tender = jyzx.append(Kind::Tender, "2021-07-01T09:00:00+08:00");
    jyzx.append_with(Kind::Bid, "2021-07-25T09:00:00+08:00", example_body(Kind::Bid), vec![tender.id]);
    jyzx.append(Kind::Award, "2021-08-01T09:00:00+08:00");
    jyzx.checkpoint("2021-08-02T09:00:00+08:00");
    let cosig = produce::sign_cosignature(&key(4), "sjj", &fgw.head, t("2021-06-03T09:00:00+08:00")).unwrap();
    Scenario { root, fgw, jyzx, cosig }
}

impl Scenario {
    pub fn statement_lines(&self) -> Vec<Vec<u8>> {
        self.fgw.lines.iter().chain(&self.jyzx.lines).chain([&self.cosig]).map(|s| s.line.clone()).collect()
    }
    pub fn bundle(&self) -> Vec<u8> {
        bundle_of(&self.statement_lines())
    }
}

pub fn header() -> Vec<u8> {
    produce::bundle_header(FEDERATION, t("2026-01-01T00:00:00+08:00"), None)
}

pub fn bundle_of<L: AsRef<[u8]>>(lines: &[L]) -> Vec<u8> {
    let mut out = header();
    out.push(b'\n');
    for l in lines {
        out.extend_from_slice(l.as_ref());
        out.push(b'\n');
    }
    out
}

pub fn verify(bundle: &[u8], root: &SignedStatement) -> Report {
    qinglian_core::verify_bytes(bundle, trust(root), VerifyOptions::default())
}

pub fn codes(r: &Report) -> Vec<&'static str> {
    let mut c: Vec<&'static str> = r.problems.iter().map(|p| p.code.as_str()).collect();
    c.sort();
    c.dedup();
    c
}

pub fn has(r: &Report, code: &str) -> bool {
    r.problems.iter().any(|p| p.code.as_str() == code)
}

pub fn problem_at_line(r: &Report, line: u64) -> Option<&qinglian_core::report::Problem> {
    r.problems.iter().find(|p| p.line == Some(line))
}

/// Re-encode a JSON value canonically (to build tampered but well-formed lines).
pub fn canon(v: &Value) -> Vec<u8> {
    qinglian_core::canonical::encode(v)
}
