//! Test helpers for checks: verified records without signatures, logs with a chosen completeness,
//! and a trust root in which every default department may sign its kinds.
//!
//! ```ignore
//! let mut b = TestBundle::new();                      // every log complete to 2099
//! b.add(Kind::Contract, json!({"amount_fen": 1_240_000_000}));  // example body, patched
//! let out = b.run(&MyCheck);
//! ```
//!
//! Bodies start from [`example_body`] (one consistent demo project); a patch sets keys, and a
//! `null` removes one. A record's log time is its event date at 18:00 +08:00 unless given.

use super::{Check, CheckSettings, Dataset, Findings};
use crate::crypto::{Digest, KeyId, SecretKey};
use crate::federation::{self, TrustRoot};
use crate::kinds::{example_body, parse_body, Kind};
use crate::produce;
use crate::report::{CompleteHead, LogSummary};
use crate::statement::Record;
use crate::time::Timestamp;
use crate::verify::VerifiedRecord;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The demo project of [`example_body`].
pub const P: &str = "2021-429005-48-01-000123";
/// A second project.
pub const P2: &str = "2021-429005-48-01-000456";
/// Firms of the example bodies.
pub use crate::kinds::examples::{BIDDER_A, BIDDER_B, BIDDER_C, CONTRACT, OWNER, PM, TENDER};

pub struct TestBundle {
    pub records: Vec<VerifiedRecord>,
    pub root: TrustRoot,
    seqs: BTreeMap<String, u64>,
    complete_to: Option<Timestamp>,
}

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

/// Every department that signs some kind by default, with its kinds.
fn departments() -> BTreeMap<&'static str, Vec<Kind>> {
    let mut m: BTreeMap<&str, Vec<Kind>> = BTreeMap::new();
    for &k in Kind::ALL {
        m.entry(k.default_department()).or_default().push(k);
    }
    m
}

fn test_root() -> TrustRoot {
    let key = SecretKey::from_seed(&[7; 32]);
    let spec: Vec<Value> = departments()
        .into_iter()
        .enumerate()
        .map(|(i, (d, kinds))| {
            let k = if i == 0 { SecretKey::from_seed(&[7; 32]) } else { SecretKey::from_seed(&[i as u8 + 10; 32]) };
            json!({
                "id": d,
                "keys": [{"pub": hex::encode(k.public().bytes)}],
                "kinds": kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                "name": {"en": format!("Department {d}"), "zh": format!("部门{d}")},
            })
        })
        .collect();
    let stmt = federation::root_statement("test-429005", 1, None, 1, t("2018-01-01T00:00:00+08:00"), spec);
    let signed = produce::sign_root(&stmt, &[&key]);
    TrustRoot::from_line(&signed.line).unwrap_or_else(|e| panic!("test root: {:?}", e.message()))
}

/// The example body of `kind` with `patch` applied (keys set; `null` removes a key).
pub fn body(kind: Kind, patch: Value) -> Value {
    let mut b = example_body(kind);
    if let (Some(obj), Value::Object(p)) = (b.as_object_mut(), patch) {
        for (k, v) in p {
            if v.is_null() {
                obj.remove(&k);
            } else {
                obj.insert(k, v);
            }
        }
    }
    b
}

impl Default for TestBundle {
    fn default() -> Self {
        Self::new()
    }
}

impl TestBundle {
    /// An empty bundle whose logs (one per department) are all complete to 2099.
    pub fn new() -> TestBundle {
        TestBundle {
            records: Vec::new(),
            root: test_root(),
            seqs: BTreeMap::new(),
            complete_to: Some(t("2099-12-31T00:00:00+08:00")),
        }
    }

    /// No log is proven complete.
    pub fn incomplete(&mut self) -> &mut Self {
        self.complete_to = None;
        self
    }

    /// Every log is complete to `time` (RFC 3339).
    pub fn complete_to(&mut self, time: &str) -> &mut Self {
        self.complete_to = Some(t(time));
        self
    }

    /// Add a record of `kind` in project [`P`]; returns its id.
    pub fn add(&mut self, kind: Kind, patch: Value) -> Digest {
        self.add_in(kind, Some(P), None, patch)
    }

    /// Add a record of `kind` in project [`P`], signed in `log` instead of its kind's default one.
    pub fn add_in_log(&mut self, kind: Kind, log: &str, patch: Value) -> Digest {
        let id = self.add(kind, patch);
        if let Some(r) = self.records.last_mut() {
            *self.seqs.entry(r.record.log.clone()).or_insert(1) -= 1;
            let seq = self.seqs.entry(log.to_owned()).or_insert(0);
            *seq += 1;
            r.record.log = log.to_owned();
            r.record.seq = *seq;
        }
        id
    }

    /// Add a record in another project (or none), optionally at a given log time.
    pub fn add_in(&mut self, kind: Kind, project: Option<&str>, time: Option<&str>, patch: Value) -> Digest {
        let value = body(kind, patch);
        let body = parse_body(kind, &value).unwrap_or_else(|e| panic!("invalid test body for {kind}: {e}\n{value:#}"));
        let time = match time {
            Some(s) => t(s),
            None => Timestamp { unix: i64::from(body.event_date().0) * 86_400 + 10 * 3600, offset_minutes: 480 },
        };
        let log = format!("{}/main", kind.default_department());
        let seq = self.seqs.entry(log.clone()).or_insert(0);
        *seq += 1;
        let n = self.records.len() as u64 + 1;
        let id = Digest::of(&[b"test-record", &n.to_be_bytes()]);
        self.records.push(VerifiedRecord {
            id,
            line: n + 1,
            key: KeyId::of(&[1; 32]),
            record: Record {
                log,
                seq: *seq,
                prev: None,
                time,
                project: project.map(str::to_owned),
                kind,
                body,
                refs: Vec::new(),
            },
        });
        id
    }

    /// One log per department, with the chosen completeness.
    pub fn logs(&self) -> Vec<LogSummary> {
        departments()
            .into_keys()
            .map(|d| {
                let log = format!("{d}/main");
                let n = self.seqs.get(&log).copied().unwrap_or(0);
                LogSummary {
                    log: log.clone(),
                    department: d.to_owned(),
                    records: n,
                    first_seq: 1,
                    last_seq: n,
                    head: String::new(),
                    gaps: Vec::new(),
                    forks: Vec::new(),
                    complete_to: self.complete_to.map(|c| CompleteHead {
                        seq: n,
                        head: String::new(),
                        time: c.to_string(),
                    }),
                    witnesses: Vec::new(),
                }
            })
            .collect()
    }

    /// Run one check with its default settings.
    pub fn run(&self, check: &dyn Check) -> Findings {
        self.run_with(check, CheckSettings::defaults(check.meta()))
    }

    pub fn run_with(&self, check: &dyn Check, settings: CheckSettings) -> Findings {
        let logs = self.logs();
        let data = Dataset::new(&self.records, &logs, &self.root);
        let mut out = Findings::new(check.meta());
        check.run(&data, &settings, &mut out);
        out
    }

    /// Run `f` over the dataset (for view and index tests).
    pub fn with_data<R>(&self, f: impl FnOnce(&Dataset) -> R) -> R {
        let logs = self.logs();
        let data = Dataset::new(&self.records, &logs, &self.root);
        f(&data)
    }
}

/// Assert a check fired `n` times and return its messages (English) for further assertions.
pub fn fired(out: &Findings, n: usize) -> Vec<String> {
    let msgs: Vec<String> = out.findings().iter().map(|f| f.message.en.clone()).collect();
    assert_eq!(out.findings().len(), n, "findings: {msgs:#?}\nnot evaluated: {:#?}", out.not_evaluated());
    msgs
}

/// Assert a check stayed quiet and evaluated everything.
pub fn quiet(out: &Findings) {
    fired(out, 0);
    assert!(out.not_evaluated().is_empty(), "not evaluated: {:#?}", out.not_evaluated());
}

/// Assert a check did not fire but said it could not evaluate.
pub fn cannot(out: &Findings) {
    fired(out, 0);
    assert!(!out.not_evaluated().is_empty(), "expected a cannot-evaluate entry");
}
