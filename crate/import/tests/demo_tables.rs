//! The demo city as the spreadsheets its departments would keep, imported back: every record
//! comes back with the same kind, project, time and body, and the checks over the imported logs
//! find exactly what they find over the generated bundle.

use qinglian_core::crypto::SecretKey;
use qinglian_core::demo::{generate, Demo, DemoOptions};
use qinglian_core::federation::TrustRoot;
use qinglian_core::kinds::parse_body;
use qinglian_core::produce::{self, LogHead};
use qinglian_core::time::Timestamp;
use qinglian_core::verify::{Report, TrustAnchor, VerifyOptions};
use qinglian_import::columns::{all_layouts, KindLayout};
use qinglian_import::plan::Existing;
use qinglian_import::template::{self, RecordRef, SheetData};
use qinglian_import::{plan, read_file, sign, Context, Options, Workbook};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn verify(bundle: &[u8], root_line: &[u8]) -> Report {
    let root = TrustRoot::from_line(root_line).expect("root loads");
    let options = VerifyOptions { checks: Some(Default::default()), ..Default::default() };
    qinglian_core::verify_bytes(bundle, TrustAnchor::Root(Box::new(root)), options)
}

/// One department's records as an xlsx workbook, written and read back through the real formats.
fn workbook(layouts: &[KindLayout], records: &[&Existing]) -> Workbook {
    let mut sheets: Vec<SheetData<'_>> = Vec::new();
    for l in layouts {
        let mut data: Vec<SheetData<'_>> = l.sheets().map(|s| SheetData { layout: s, rows: Vec::new() }).collect();
        for r in records.iter().filter(|r| r.kind == l.kind) {
            let rec = RecordRef {
                kind: r.kind,
                project: r.project.as_deref(),
                time: Some(r.time.to_string()),
                body: &r.body,
            };
            for (sheet, row) in template::record_rows(l, rec) {
                data[sheet].rows.push(row);
            }
        }
        sheets.extend(data.into_iter().filter(|d| !d.rows.is_empty()));
    }
    let bytes = template::xlsx_bytes(&sheets, None).expect("xlsx written");
    read_file("dept.xlsx", &bytes).expect("xlsx read back")
}

/// A version-1 root like the demo's, listing each department's current key.
fn root_for(demo: &Demo) -> Vec<u8> {
    let v: Value = serde_json::from_slice(&demo.root).expect("root json");
    let mut stmt = v["stmt"].as_object().cloned().expect("root statement");
    let key_of = |id: &str| demo.keys.iter().find(|(d, _)| d == id).map(|(_, k)| k).expect("key");
    if let Some(Value::Array(depts)) = stmt.get_mut("departments") {
        for d in depts {
            let id = d["id"].as_str().unwrap_or_default().to_owned();
            d["keys"] = serde_json::json!([{"pub": hex(&key_of(&id).public().bytes)}]);
        }
    }
    let keys: Vec<&SecretKey> = demo.keys.iter().map(|(_, k)| k).collect();
    produce::sign_root(&stmt, &keys).line
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

type RecordKey = (String, Option<String>, i64, String);

fn record_keys(records: &[&Existing]) -> BTreeSet<RecordKey> {
    records
        .iter()
        .map(|r| {
            let typed = parse_body(r.kind, &r.body).expect("valid body");
            (r.kind.as_str().to_owned(), r.project.clone(), r.time.unix, format!("{typed:?}"))
        })
        .collect()
}

#[test]
fn demo_tables_import_back_to_the_same_records_and_findings() {
    let demo = generate(&DemoOptions { seed: 2026, min_records: 0 });
    let mut generated = Context::default();
    generated.add_file(&demo.bundle).expect("the demo bundle is plain NDJSON");
    let mut by_log: BTreeMap<String, Vec<&Existing>> = BTreeMap::new();
    for r in &generated.records {
        by_log.entry(r.log.clone()).or_default().push(r);
    }
    let layouts = all_layouts();
    let books: BTreeMap<String, Workbook> =
        by_log.iter().map(|(log, rs)| (log.clone(), workbook(&layouts, rs))).collect();

    // Import every department into an empty log, in whatever order lets each one's references
    // resolve against the logs imported before it (payments cite contracts, contracts tenders …).
    let close = Timestamp::parse("2026-11-28T10:00:00+08:00").unwrap();
    let mut imported = Context::default();
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut remaining: Vec<String> = books.keys().cloned().collect();
    while !remaining.is_empty() {
        let before = remaining.len();
        let mut last_problems = Vec::new();
        remaining.retain(|log| {
            let dept = log.split('/').next().unwrap_or_default();
            let key = &demo.keys.iter().find(|(d, _)| d == dept).expect("department key").1;
            let p = plan(&[(format!("{dept}.xlsx"), books[log].clone())], &imported, log, &Options::default());
            if !p.is_clean() {
                last_problems = p.problems.iter().take(5).map(|x| x.line(false)).collect();
                return true;
            }
            assert_eq!(p.new_rows(), by_log[log].len(), "{log}: every row is a new record");
            let mut head = LogHead::empty(log);
            let signed = sign(&p, key, &mut head, close).expect("signed");
            let checkpoint = produce::sign_checkpoint(key, &head, close).expect("checkpoint");
            for s in signed.iter().chain([&checkpoint]) {
                imported.add_lines([s.line.as_slice()]);
                lines.push(s.line.clone());
            }
            false
        });
        assert!(remaining.len() < before, "no department could be imported: {last_problems:#?}");
    }

    // The same records: kind, project, time and (as the verifier reads it) body.
    let mut imported_by_log: BTreeMap<String, Vec<&Existing>> = BTreeMap::new();
    for r in &imported.records {
        imported_by_log.entry(r.log.clone()).or_default().push(r);
    }
    for (log, rs) in &by_log {
        assert_eq!(record_keys(rs), record_keys(&imported_by_log[log]), "{log}: records differ");
    }

    // The same findings over a bundle of the imported logs.
    let root = root_for(&demo);
    let federation: Value = serde_json::from_slice(&demo.root).expect("root json");
    let federation = federation["stmt"]["federation"].as_str().expect("federation name").to_owned();
    let mut bundle = produce::bundle_header(&federation, close, None);
    bundle.push(b'\n');
    for l in std::iter::once(&root).chain(&lines) {
        bundle.extend_from_slice(l);
        bundle.push(b'\n');
    }
    let original = verify(&demo.bundle, &demo.root);
    let again = verify(&bundle, &root);
    let errors: Vec<String> = again
        .problems
        .iter()
        .filter(|p| p.code.severity() == qinglian_core::report::Severity::Error)
        .map(|p| format!("{} {}", p.code.as_str(), p.message.en))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let findings = |r: &Report| -> BTreeSet<(String, Option<String>)> {
        r.analysis
            .as_ref()
            .expect("checks ran")
            .findings
            .iter()
            .map(|f| (f.check.to_string(), f.project.clone()))
            .collect()
    };
    assert!(findings(&original).len() >= 40);
    assert_eq!(findings(&original), findings(&again));
}
