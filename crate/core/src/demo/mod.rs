//! The demo federation (placeholder until the full city generator lands): a deterministic root,
//! department keys and a small valid bundle.

use crate::crypto::{Digest, SecretKey};
use crate::federation;
use crate::kinds::{example_body, Kind};
use crate::produce::{self, LogHead, RecordDraft};
use crate::time::Timestamp;
use serde_json::{json, Value};

pub struct DemoOptions {
    pub seed: u64,
    /// Scale to at least this many records (0 = the realistic city only).
    pub min_records: u64,
}

pub struct Demo {
    pub root: Vec<u8>,
    pub fingerprint: Digest,
    pub bundle: Vec<u8>,
    pub statements: u64,
    pub keys: Vec<(String, SecretKey)>,
    pub answer_key: Value,
}

fn seed_key(seed: u64, n: u8) -> SecretKey {
    let mut s = [n; 32];
    s[..8].copy_from_slice(&seed.to_le_bytes());
    SecretKey::from_seed(&s)
}

pub fn generate(options: &DemoOptions) -> Demo {
    let t = |s: &str| Timestamp::parse(s).unwrap_or(Timestamp { unix: 0, offset_minutes: 480 });
    let depts: Vec<(&str, &str, &str, Vec<Kind>)> = vec![
        ("fgw", "市发展和改革委员会", "Development and Reform Commission", vec![Kind::Approval, Kind::DesignEstimate]),
        ("jyzx", "市公共资源交易中心", "Public Resource Trading Centre", vec![Kind::Tender, Kind::Bid, Kind::Award]),
        ("sjj", "市审计局", "Audit Office", vec![Kind::Audit]),
    ];
    let keys: Vec<(String, SecretKey)> =
        depts.iter().enumerate().map(|(i, d)| (d.0.to_owned(), seed_key(options.seed, i as u8 + 1))).collect();
    let spec: Vec<Value> = depts
        .iter()
        .zip(&keys)
        .map(|(d, (_, k))| json!({"id": d.0, "keys": [{"pub": hex::encode(k.public().bytes)}], "kinds": d.3.iter().map(|k| k.as_str()).collect::<Vec<_>>(), "name": {"en": d.2, "zh": d.1}}))
        .collect();
    let stmt = federation::root_statement("qianjiang-429005", 1, None, 2, t("2018-01-01T00:00:00+08:00"), spec);
    let root = produce::sign_root(&stmt, &keys.iter().map(|(_, k)| k).collect::<Vec<_>>());
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let target = options.min_records.max(5);
    let mut fgw = LogHead::empty("fgw/main");
    let mut n = 0;
    while n < target {
        let kind = if n % 2 == 0 { Kind::Approval } else { Kind::DesignEstimate };
        let draft = RecordDraft {
            kind,
            project: Some("2021-429005-48-01-000123".into()),
            time: t("2021-03-01T09:00:00+08:00"),
            body: example_body(kind),
            refs: vec![],
        };
        if let Ok(s) = produce::sign_record(&keys[0].1, &mut fgw, &draft) {
            lines.push(s.line);
        }
        n += 1;
    }
    if let Ok(c) = produce::sign_checkpoint(&keys[0].1, &fgw, t("2021-03-02T09:00:00+08:00")) {
        lines.push(c.line);
    }
    let exported = produce::export_bundle(
        "qianjiang-429005",
        t("2026-11-28T09:00:00+08:00"),
        Some("demo"),
        [root.line.as_slice()],
        lines.iter().map(Vec::as_slice),
        None,
    );
    Demo {
        root: root.line,
        fingerprint: root.id,
        bundle: exported.bytes,
        statements: exported.statements,
        keys,
        answer_key: json!({"cases": []}),
    }
}
