//! Integrity scenarios: every tampering the brief lists yields its own stable code, and the other
//! lines of the bundle still verify (docs/decisions.md §11).

mod common;

use common::*;
use qinglian_core::crypto::Digest;
use qinglian_core::kinds::{example_body, Kind};
use qinglian_core::produce;
use qinglian_core::report::{Code, KnownHead};
use qinglian_core::verify::{Limits, TrustAnchor, VerifyOptions};
use qinglian_core::{verify_bytes, Report};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// Codes seen across all scenarios, so the last test can prove every code is exercised.
static SEEN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

fn note(r: &Report) {
    SEEN.lock().unwrap().extend(r.problems.iter().map(|p| p.code.as_str()));
}

fn run(bundle: &[u8], root: &produce::SignedStatement) -> Report {
    let r = verify(bundle, root);
    note(&r);
    r
}

fn run_with(bundle: &[u8], anchor: TrustAnchor, options: VerifyOptions) -> Report {
    let r = verify_bytes(bundle, anchor, options);
    note(&r);
    r
}

/// Number of statement lines in the clean scenario: 3+1 fgw, 3+1 jyzx, 1 cosignature.
const STATEMENTS: u64 = 9;

#[test]
fn clean_bundle_is_intact() {
    let s = scenario();
    let r = run(&s.bundle(), &s.root);
    assert!(r.summary.intact, "{:#?}", r.problems);
    assert_eq!(r.summary.errors, 0);
    assert_eq!(r.summary.verified, STATEMENTS + 1, "statements plus the pinned root");
    assert_eq!(r.records.len(), 6);
    let fgw = r.logs.iter().find(|l| l.log == "fgw/main").unwrap();
    assert_eq!(fgw.complete_to.as_ref().map(|c| c.seq), Some(3));
    assert_eq!(fgw.witnesses, ["sjj"]);
    assert_eq!(r.root.as_ref().unwrap().fingerprint, s.root.id.to_hex());
    // The report names what was verified: the input's SHA-256 and its header.
    use sha2::Digest as _;
    assert_eq!(r.bundle.sha256, hex::encode(sha2::Sha256::digest(s.bundle())));
    assert_eq!(r.bundle.headers.len(), 1);
    assert_eq!(r.bundle.headers[0].federation, FEDERATION);
}

#[test]
fn any_order_and_concatenation_give_the_same_result() {
    let s = scenario();
    let mut lines = s.statement_lines();
    lines.reverse();
    let r = run(&bundle_of(&lines), &s.root);
    assert!(r.summary.intact);
    assert_eq!(r.records.len(), 6);
    // Two bundles concatenated (second header included) are one valid bundle; duplicates are harmless.
    let mut twice = s.bundle();
    twice.extend(s.bundle());
    let r = run(&twice, &s.root);
    assert!(r.summary.intact, "{:#?}", r.problems);
    assert_eq!(r.summary.duplicates, STATEMENTS);
    assert!(has(&r, "DUPLICATE_STATEMENT"));
}

/// Alter every scalar of one record line (body fields, envelope fields, key id, signature):
/// each alteration is caught on that line, and every other line still verifies.
#[test]
fn every_field_of_a_record_altered() {
    let s = scenario();
    let target = s.jyzx.lines[1].line.clone(); // the bid, with refs
    let value: Value = serde_json::from_slice(&target).unwrap();
    let mut paths = Vec::new();
    collect_leaves(&value, String::new(), &mut paths);
    assert!(paths.len() > 20, "the bid has many fields: {}", paths.len());
    for path in &paths {
        let mut tampered = value.clone();
        mutate(&mut tampered, path);
        let mut lines = s.statement_lines();
        let idx = lines.iter().position(|l| *l == target).unwrap();
        lines[idx] = canon(&tampered);
        let r = run(&bundle_of(&lines), &s.root);
        let line_no = idx as u64 + 2;
        let p =
            problem_at_line(&r, line_no).unwrap_or_else(|| panic!("altering {path} went unnoticed: {:#?}", r.problems));
        assert!(!r.summary.intact, "{path}");
        assert!(
            matches!(
                p.code,
                Code::SignatureInvalid
                    | Code::KeyUnknown
                    | Code::BodyInvalid
                    | Code::StatementInvalid
                    | Code::EnvelopeInvalid
                    | Code::UnknownKind
                    | Code::UnsupportedVersion
                    | Code::UnknownType
            ),
            "{path}: {:?}",
            p.code
        );
        assert_eq!(r.records.len(), 5, "{path}: the other records still verify");
    }
}

fn collect_leaves(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| collect_leaves(x, format!("{path}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| collect_leaves(x, format!("{path}/{i}"), out)),
        _ => out.push(path),
    }
}

fn mutate(v: &mut Value, path: &str) {
    let leaf = v.pointer_mut(path).unwrap();
    *leaf = match leaf.take() {
        Value::String(s) if s.len() == 64 || s.len() == 128 || s.len() == 32 => {
            // Flip one hex digit: same shape, different value.
            let mut b = s.into_bytes();
            b[0] = if b[0] == b'0' { b'1' } else { b'0' };
            Value::String(String::from_utf8(b).unwrap())
        }
        Value::String(s) => Value::String(format!("{s}x")),
        Value::Number(n) => json!(n.as_i64().unwrap_or(0) + 1),
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => json!(0),
        other => other,
    };
}

#[test]
fn removed_records_leave_gaps_and_no_completeness() {
    let s = scenario();
    let mut lines = s.statement_lines();
    lines.remove(1); // fgw seq 2
    let r = run(&bundle_of(&lines), &s.root);
    assert!(has(&r, "CHAIN_GAP"));
    let fgw = r.logs.iter().find(|l| l.log == "fgw/main").unwrap();
    assert_eq!(fgw.gaps, vec![[2, 2]]);
    assert_eq!(fgw.complete_to, None, "a gap below the checkpoint voids completeness");
    // A gap is a warning (partial bundles are normal), not an integrity error.
    assert_eq!(r.summary.errors, 0);
}

#[test]
fn fork_reports_both_records_and_excludes_them() {
    let s = scenario();
    let mut alt = Log::new("fgw/main", 1);
    alt.append(Kind::Approval, "2021-03-01T09:00:00+08:00");
    let mut body = example_body(Kind::DesignEstimate);
    body["estimate_fen"] = json!(1);
    let forked = alt.append_with(Kind::DesignEstimate, "2021-05-01T09:00:00+08:00", body, vec![]);
    let mut lines = s.statement_lines();
    lines.push(forked.line.clone());
    let r = run(&bundle_of(&lines), &s.root);
    let p = r.problems.iter().find(|p| p.code == Code::Fork).expect("fork");
    assert_eq!(p.seq, Some(2));
    let ids: Vec<&str> = p.detail["records"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&forked.id.to_hex().as_str()) && ids.contains(&s.fgw.lines[1].id.to_hex().as_str()));
    assert!(p.detail["lines"].as_array().is_some_and(|l| l.len() == 2), "portable proof carries both lines");
    assert!(!r.records.iter().any(|x| x.record.log == "fgw/main" && x.record.seq == 2));
}

#[test]
fn unauthorised_keys_and_kinds() {
    let s = scenario();
    // fgw's key writing into jyzx's log.
    let mut wrong = Log::new("jyzx/other", 1);
    let a = wrong.append(Kind::Tender, "2021-07-01T09:00:00+08:00");
    // fgw's key signing a kind it may not sign.
    let mut fgw2 = Log::new("fgw/extra", 1);
    let b = fgw2.append(Kind::Tender, "2021-07-01T09:00:00+08:00");
    // A department not in the root.
    let mut ghost = Log::new("ghost/main", 1);
    let c = ghost.append(Kind::Approval, "2021-07-01T09:00:00+08:00");
    // A key not in the root at all.
    let mut stranger = Log::new("fgw/main2", 9);
    let d = stranger.append(Kind::Approval, "2021-07-01T09:00:00+08:00");
    let mut lines = s.statement_lines();
    lines.extend([a.line, b.line, c.line, d.line]);
    let r = run(&bundle_of(&lines), &s.root);
    let code_at = |n: usize| problem_at_line(&r, (STATEMENTS as usize + 2 + n) as u64).map(|p| p.code);
    assert_eq!(code_at(0), Some(Code::KeyWrongDepartment));
    assert_eq!(code_at(1), Some(Code::KindNotAuthorized));
    assert_eq!(code_at(2), Some(Code::UnknownDepartment));
    assert_eq!(code_at(3), Some(Code::KeyUnknown));
    assert_eq!(r.records.len(), 6);
}

#[test]
fn revoked_and_not_yet_valid_keys() {
    let depts =
        departments_v1(json!({"revoked": [{"log": "fgw/main", "seq": 3}], "not_before": "2021-04-01T00:00:00+08:00"}));
    let root = root_with(1, None, 2, depts, &[1, 2, 3, 4]);
    let s = scenario();
    let r = run(&s.bundle(), &root);
    let codes_by_seq: Vec<(u64, Code)> = r
        .problems
        .iter()
        .filter(|p| p.log.as_deref() == Some("fgw/main"))
        .filter_map(|p| Some((p.seq?, p.code)))
        .collect();
    assert!(codes_by_seq.contains(&(1, Code::KeyNotYetValid)), "{codes_by_seq:?}");
    assert!(codes_by_seq.contains(&(3, Code::KeyRevoked)), "{codes_by_seq:?}");
    assert!(r.records.iter().any(|x| x.record.log == "fgw/main" && x.record.seq == 2));
}

#[test]
fn root_threshold_rotation_and_rollback() {
    // Threshold not met: refused when pinned.
    let weak = root_with(1, None, 3, departments_v1(json!({})), &[1, 2]);
    let err = qinglian_core::federation::TrustRoot::from_line(&weak.line).unwrap_err();
    assert_eq!(err.code(), Code::RootThresholdNotMet);
    // Signing twice with one key counts once.
    let dup = produce::add_root_signatures(&weak.line, &[&key(1)]).unwrap();
    assert_eq!(
        qinglian_core::federation::TrustRoot::from_line(&dup.line).unwrap_err().code(),
        Code::RootThresholdNotMet
    );

    let s = scenario();
    let v1 = s.root.clone();
    // Version 2 replaces fgw's key with key 5, signed by v1's keys 2,3 and v2's keys 5,2.
    let mut depts = departments_v1(json!({}));
    depts[0] = department(
        "fgw",
        &[Kind::Approval, Kind::DesignEstimate],
        &[
            (1, json!({"revoked": [{"log": "fgw/main", "seq": 4}]})),
            (5, json!({"from": [{"log": "fgw/main", "seq": 4}]})),
        ],
    );
    let v2 = root_with(2, Some(v1.id), 2, depts.clone(), &[2, 3, 5]);
    let mut fgw = s.fgw;
    fgw.key = key(5);
    let new_rec = fgw.append(Kind::Approval, "2022-01-01T09:00:00+08:00");
    let mut lines = vec![v2.line.clone()];
    lines.extend(s.jyzx.lines.iter().map(|x| x.line.clone()));
    lines.extend(fgw.lines.iter().map(|x| x.line.clone()));
    let r = run(&bundle_of(&lines), &v1);
    assert!(r.summary.intact, "{:#?}", r.problems);
    assert_eq!(r.root.as_ref().unwrap().version, 2);
    assert_eq!(r.root.as_ref().unwrap().chain.len(), 2);
    assert!(r.records.iter().any(|x| x.id == new_rec.id));

    // The same v2 arriving after the records still works (roots may come anywhere).
    lines.rotate_left(1);
    let r = run(&bundle_of(&lines), &v1);
    assert!(r.summary.intact, "{:#?}", r.problems);

    // v2 signed only by its own keys: not a valid successor.
    let rogue = root_with(2, Some(v1.id), 1, depts.clone(), &[5]);
    let r = run(&bundle_of(&[&rogue.line]), &v1);
    assert!(has(&r, "ROOT_THRESHOLD_NOT_MET"), "{:#?}", r.problems);

    // v3 without v2: does not chain.
    let orphan = root_with(3, Some(Digest([7; 32])), 2, depts.clone(), &[2, 3, 5]);
    let r = run(&bundle_of(&[&orphan.line]), &v1);
    assert!(has(&r, "ROOT_CHAIN_BROKEN"));

    // Pinned v2; the bundle offers a different version 1 (a rollback attempt).
    let other_v1 =
        root_with(1, None, 2, departments_v1(json!({"not_before": "2020-01-01T00:00:00+08:00"})), &[1, 2, 3, 4]);
    let r = run(&bundle_of(&[&other_v1.line]), &v2);
    assert!(has(&r, "ROOT_VERSION_ROLLBACK"), "{:#?}", r.problems);
    // …whereas the genuine v1 is harmless history.
    let r = run(&bundle_of(&[&v1.line]), &v2);
    assert!(!has(&r, "ROOT_VERSION_ROLLBACK"), "{:#?}", r.problems);

    // A root pinned by fingerprint only must be found in the bundle.
    let mut with_root = vec![v1.line.clone()];
    with_root.extend(s.jyzx.lines.iter().map(|x| x.line.clone()));
    let r = run_with(&bundle_of(&with_root), TrustAnchor::Fingerprint(v1.id), VerifyOptions::default());
    assert!(r.summary.intact, "{:#?}", r.problems);
    let r = run_with(&bundle_of(&with_root[1..]), TrustAnchor::Fingerprint(v1.id), VerifyOptions::default());
    assert!(has(&r, "ROOT_CHAIN_BROKEN") && !r.summary.intact);
}

#[test]
fn weak_keys_are_refused_in_roots() {
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let mut depts = departments_v1(json!({}));
    depts[3]["keys"] = json!([{"pub": hex::encode(identity)}]);
    let root = root_with(1, None, 2, depts, &[1, 2]);
    let err = qinglian_core::federation::TrustRoot::from_line(&root.line).unwrap_err();
    assert_eq!(err.code(), Code::RootWeakKey);
    // The reason is worded for people in both languages, not a Rust enum name.
    let m = err.message();
    assert!(m.en.ends_with("(a small-order point: a signature can be forged for any message)"), "{}", m.en);
    assert!(m.zh.contains("小阶点"), "{}", m.zh);
    // A root line that is not canonical JSON says why in the words a bundle line would get.
    let spaced = String::from_utf8(root.line.clone()).unwrap().replacen("\":", "\": ", 1);
    let m = qinglian_core::federation::TrustRoot::from_line(spaced.as_bytes()).unwrap_err().message();
    assert!(m.en.starts_with("trust root encoding: "), "{}", m.en);
    assert!(!m.en.contains("Canonical(") && !m.en.contains('{'), "{}", m.en);
    assert!(m.zh.starts_with("信任根编码错误:"), "{}", m.zh);
    // Carried in a bundle as a newer root, the same refusal becomes a report entry.
    let s = scenario();
    let mut d2 = departments_v1(json!({}));
    d2[3]["keys"] = json!([{"pub": hex::encode(identity)}]);
    let v2 = root_with(2, Some(s.root.id), 2, d2, &[1, 2]);
    let r = run(&bundle_of(&[&v2.line]), &s.root);
    assert!(has(&r, "ROOT_WEAK_KEY"));
    // A malformed root document.
    let broken = root_with(1, None, 0, departments_v1(json!({})), &[1]);
    let r = run(&bundle_of(&[&broken.line]), &s.root);
    assert!(has(&r, "ROOT_INVALID"));
}

#[test]
fn encoding_violations_each_have_a_code() {
    let s = scenario();
    let good = s.statement_lines();
    let rec: Value = serde_json::from_slice(&good[0]).unwrap();
    let text = String::from_utf8(good[0].clone()).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("NOT_CANONICAL", serde_json::to_vec_pretty(&rec).unwrap().into_iter().filter(|&b| b != b'\n').collect()),
        ("FLOAT_NUMBER", text.replacen("\"seq\":1", "\"seq\":1.0", 1).into_bytes()),
        ("INTEGER_OUT_OF_RANGE", text.replacen("\"seq\":1", "\"seq\":9007199254740993", 1).into_bytes()),
        ("DUPLICATE_KEY", text.replacen("{\"sigs\"", "{\"sigs\":[],\"sigs\"", 1).into_bytes()),
        ("INVALID_UTF8", [&good[0][..good[0].len() - 3], b"\xff\"}}"].concat()),
        ("BYTE_ORDER_MARK", [b"\xEF\xBB\xBF".as_slice(), &good[0]].concat()),
        ("JSON_SYNTAX", good[0][..good[0].len() - 1].to_vec()),
        ("DEPTH_EXCEEDED", format!("{}1{}", "[".repeat(40), "]".repeat(40)).into_bytes()),
        ("ENVELOPE_INVALID", br#"{"stmt":{}}"#.to_vec()),
        ("UNSUPPORTED_VERSION", text.replacen("\"v\":1", "\"v\":2", 1).into_bytes()),
        ("UNKNOWN_TYPE", text.replacen("\"type\":\"record\"", "\"type\":\"recorx\"", 1).into_bytes()),
        ("HEADER_INVALID", br#"{"format":"qinglian-bundle","v":1}"#.to_vec()),
    ];
    for (code, bad) in cases {
        let mut lines = good.clone();
        lines.insert(3, bad);
        let r = run(&bundle_of(&lines), &s.root);
        let p = problem_at_line(&r, 5)
            .unwrap_or_else(|| panic!("{code}: nothing reported at the bad line: {:#?}", r.problems));
        assert_eq!(p.code.as_str(), code, "{:#?}", p);
        assert_eq!(r.records.len(), 6, "{code}: other lines still verify");
    }
}

#[test]
fn statement_and_body_errors_name_the_path() {
    let s = scenario();
    let good = s.statement_lines();
    let mut rec: Value = serde_json::from_slice(&good[4]).unwrap(); // jyzx tender
    rec["stmt"]["kind"] = json!("no_such_kind");
    let unknown_kind = canon(&rec);
    let mut rec: Value = serde_json::from_slice(&good[4]).unwrap();
    rec["stmt"]["extra"] = json!(1);
    let extra_member = canon(&rec);
    // A body error: sign a record whose body is wrong by building the statement by hand.
    let mut stmt: serde_json::Map<String, Value> =
        serde_json::from_slice::<Value>(&good[4]).unwrap()["stmt"].as_object().unwrap().clone();
    stmt.insert("body".into(), json!({"bogus": true}));
    let (bytes, _) = qinglian_core::statement::signed_bytes_of(qinglian_core::statement::StatementType::Record, &stmt);
    let sig = qinglian_core::statement::SignatureEntry { key: key(2).public().id, sig: key(2).sign(&bytes) };
    let bad_body = qinglian_core::statement::seal(&stmt, &[sig]);
    let mut lines = good.clone();
    lines.extend([unknown_kind, extra_member, bad_body]);
    let r = run(&bundle_of(&lines), &s.root);
    let at = |n: u64| problem_at_line(&r, STATEMENTS + 2 + n).unwrap();
    assert_eq!(at(0).code, Code::UnknownKind);
    assert_eq!(at(1).code, Code::StatementInvalid);
    assert_eq!(at(1).detail["path"], "$.stmt.extra");
    assert_eq!(at(2).code, Code::BodyInvalid);
    assert!(at(2).detail["path"].as_str().unwrap().starts_with("$.stmt.body"), "{:?}", at(2).detail);
}

#[test]
fn header_missing_and_empty_bundle() {
    let s = scenario();
    let lines = s.statement_lines();
    let mut no_header = Vec::new();
    for l in &lines {
        no_header.extend_from_slice(l);
        no_header.push(b'\n');
    }
    let r = run(&no_header, &s.root);
    assert!(has(&r, "HEADER_MISSING"));
    assert_eq!(r.records.len(), 6, "the statements still verify");
    let r = run(b"", &s.root);
    assert_eq!(codes(&r), ["EMPTY_BUNDLE"]);
    let r = run(b"\n\r\n\n", &s.root);
    assert_eq!(codes(&r), ["EMPTY_BUNDLE"], "blank lines only");
    // A header and nothing else: its own outcome, not silence.
    let r = run(&bundle_of::<&[u8]>(&[]), &s.root);
    assert_eq!(codes(&r), ["NO_STATEMENTS"]);
    assert!(!r.summary.intact);
    let other = produce::bundle_header("elsewhere", t("2026-01-01T00:00:00+08:00"), None);
    let r = run(&[other.as_slice(), b"\n"].concat(), &s.root);
    assert!(has(&r, "FEDERATION_MISMATCH"));
}

#[test]
fn limits_long_lines_and_counts() {
    let s = scenario();
    let mut lines = s.statement_lines();
    lines.insert(2, vec![b'x'; 100 * 1024 * 1024]);
    let r = run(&bundle_of(&lines), &s.root);
    assert_eq!(problem_at_line(&r, 4).map(|p| p.code), Some(Code::LineTooLong));
    assert_eq!(r.records.len(), 6);
    let options = VerifyOptions { limits: Limits { max_statements: 3, ..Limits::default() }, ..Default::default() };
    let r = run_with(&s.bundle(), trust(&s.root), options);
    assert!(has(&r, "TOO_MANY_STATEMENTS"));
}

/// Random damage to the bytes of a bundle, plain and gzip: bytes flipped, ranges cut, repeated or
/// replaced with noise, the end cut off. Whatever arrives, the verifier (checks included) returns
/// a report of exactly those bytes, and never more records than the clean bundle holds.
#[test]
fn random_damage_to_the_bytes_never_panics() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let s = scenario();
    let plain = s.bundle();
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(&plain).unwrap();
    let gz = e.finish().unwrap();
    // A small linear congruential generator: deterministic, so a failure can be replayed.
    let mut state = 0x5eed_u64;
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    let options =
        || VerifyOptions { checks: Some(qinglian_core::checks::CheckConfig::default()), ..Default::default() };
    let mut flagged = 0;
    for round in 0..400 {
        let mut bytes = if round % 2 == 0 { plain.clone() } else { gz.clone() };
        for _ in 0..1 + next(4) {
            let at = next(bytes.len());
            match next(5) {
                0 => bytes[at] ^= 1 << next(8),
                1 => {
                    let end = (at + 1 + next(64)).min(bytes.len());
                    bytes.drain(at..end);
                }
                2 => {
                    let end = (at + 1 + next(256)).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
                3 => {
                    let noise: Vec<u8> = (0..1 + next(32)).map(|_| next(256) as u8).collect();
                    bytes.splice(at..at, noise);
                }
                _ => bytes.truncate(at),
            }
            if bytes.is_empty() {
                break;
            }
        }
        let r = run_with(&bytes, trust(&s.root), options());
        use sha2::Digest as _;
        assert_eq!(r.bundle.sha256, hex::encode(sha2::Sha256::digest(&bytes)), "round {round}");
        assert!(r.records.len() <= 6, "round {round}: {} records", r.records.len());
        if !r.summary.intact || !r.problems.is_empty() {
            flagged += 1;
        }
    }
    // Nearly every change is reported (not all need be: a gzip header's time stamp, say, is
    // covered by nothing), so the damage does reach the error paths.
    assert!(flagged > 350, "only {flagged} of 400 damaged bundles reported a problem");
}

#[test]
fn truncated_gzip_keeps_what_was_read() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let s = scenario();
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(&s.bundle()).unwrap();
    let gz = e.finish().unwrap();
    let r = run(&gz, &s.root);
    assert!(r.summary.intact, "{:#?}", r.problems);
    let r = run(&gz[..gz.len() * 2 / 3], &s.root);
    assert!(has(&r, "GZIP_CORRUPT"));
    assert!(!r.records.is_empty(), "lines before the cut still verify");

    // A ceiling on the inflated size: the lines before it verify, the rest is not read.
    let whole = s.bundle();
    let fifth_line = whole.split(|&b| b == b'\n').take(5).map(|l| l.len() + 1).sum::<usize>();
    let limits = Limits { max_inflated_bytes: fifth_line as u64 + 10, ..Limits::default() };
    let members: Vec<u8> = whole.split_inclusive(|&b| b == b'\n').flat_map(gzip).collect();
    let r = run_with(&members, trust(&s.root), VerifyOptions { limits, ..Default::default() });
    assert!(has(&r, "INFLATED_TOO_LARGE"), "{:#?}", r.problems);
    assert_eq!(r.summary.lines, 5);
    assert_eq!(r.records.len(), 3, "the first log's records before the limit verify");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn one_gzip_member_inflating_to_256_mib_of_one_line_is_skipped() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let s = scenario();
    let lines = s.statement_lines();
    let mut bomb = GzEncoder::new(Vec::new(), Compression::best());
    let block = vec![b'{'; 1 << 20];
    for _ in 0..256 {
        bomb.write_all(&block).unwrap();
    }
    bomb.write_all(b"\n").unwrap();
    let bomb = bomb.finish().unwrap();
    assert!(bomb.len() < 1 << 20, "the member is small: {} bytes", bomb.len());
    let mut bundle = gzip(&bundle_of(&lines[..4]));
    bundle.extend(bomb);
    bundle.extend(gzip(&lines[4..].iter().flat_map(|l| [l.as_slice(), b"\n"].concat()).collect::<Vec<u8>>()));
    let r = run(&bundle, &s.root);
    assert_eq!(codes(&r), ["LINE_TOO_LONG"], "{:#?}", r.problems);
    let p = problem_at_line(&r, 6).expect("the long line is line 6");
    assert_eq!(p.code, Code::LineTooLong);
    assert!(p.message.en.contains(&(256u64 << 20).to_string()), "{}", p.message.en);
    assert_eq!(r.records.len(), 6, "every other statement verifies");
    assert_eq!(r.summary.verified, STATEMENTS + 1);
}

#[test]
fn crlf_line_ends_verify_like_lf() {
    let s = scenario();
    let lf = s.bundle();
    let crlf: Vec<u8> = lf.iter().flat_map(|&b| if b == b'\n' { vec![b'\r', b'\n'] } else { vec![b] }).collect();
    let cr: Vec<u8> = lf.iter().map(|&b| if b == b'\n' { b'\r' } else { b }).collect();
    let want = run(&lf, &s.root);
    for (name, bundle) in [("CRLF", crlf), ("CR", cr)] {
        let r = run(&bundle, &s.root);
        assert!(r.summary.intact, "{name}: {:#?}", r.problems);
        assert_eq!(r.summary.verified, want.summary.verified, "{name}");
        assert_eq!(r.summary.lines, want.summary.lines, "{name}");
        let ids = |r: &Report| r.records.iter().map(|v| v.id).collect::<Vec<_>>();
        assert_eq!(ids(&r), ids(&want), "{name}");
    }
}

#[test]
fn checkpoints_contradicted_equivocated_and_beyond() {
    let s = scenario();
    let mut lines = s.statement_lines();
    // A checkpoint by fgw claiming a different head at seq 3.
    let fake_head = produce::LogHead { log: "fgw/main".into(), seq: 3, head: Some(Digest([9; 32])) };
    lines.push(produce::sign_checkpoint(&key(1), &fake_head, t("2021-06-05T09:00:00+08:00")).unwrap().line);
    // A checkpoint beyond the records (seq 10).
    let ahead = produce::LogHead { log: "jyzx/main".into(), seq: 10, head: Some(Digest([8; 32])) };
    lines.push(produce::sign_checkpoint(&key(2), &ahead, t("2021-09-01T09:00:00+08:00")).unwrap().line);
    // A self-cosignature.
    lines.push(produce::sign_cosignature(&key(2), "jyzx", &s.jyzx.head, t("2021-09-01T09:00:00+08:00")).unwrap().line);
    let r = run(&bundle_of(&lines), &s.root);
    assert!(has(&r, "CHECKPOINT_CONTRADICTED"));
    assert!(has(&r, "CHECKPOINT_EQUIVOCATION"));
    assert!(has(&r, "CHECKPOINT_BEYOND_RECORDS"));
    assert!(has(&r, "COSIGNATURE_SELF"));
    let fgw = r.logs.iter().find(|l| l.log == "fgw/main").unwrap();
    assert_eq!(fgw.complete_to, None, "an equivocated checkpoint proves nothing");
    // A witness's cosignature that contradicts the records is caught the same way.
    let mut lines = s.statement_lines();
    lines.push(produce::sign_cosignature(&key(3), "zjj", &fake_head, t("2021-06-05T09:00:00+08:00")).unwrap().line);
    let r = run(&bundle_of(&lines), &s.root);
    assert!(has(&r, "CHECKPOINT_CONTRADICTED") && has(&r, "CHECKPOINT_EQUIVOCATION"));
}

#[test]
fn chain_broken_time_backwards_and_references() {
    let s = scenario();
    // A record claiming seq 4 of fgw with a wrong prev.
    let mut bad = produce::LogHead { log: "fgw/main".into(), seq: 3, head: Some(Digest([1; 32])) };
    let d = produce::RecordDraft {
        kind: Kind::Approval,
        project: Some(PROJECT.into()),
        time: t("2021-01-01T09:00:00+08:00"),
        body: example_body(Kind::Approval),
        refs: vec![Digest([3; 32])],
    };
    let broken = produce::sign_record(&key(1), &mut bad, &d).unwrap();
    let mut lines = s.statement_lines();
    lines.push(broken.line);
    let r = run(&bundle_of(&lines), &s.root);
    assert!(has(&r, "CHAIN_BROKEN"));
    assert!(has(&r, "TIME_BACKWARDS"));
    assert!(has(&r, "REFERENCE_OUTSIDE_BUNDLE"));
    // The checkpoint at 3 says head = record 3; record 4 naming another prev contradicts it.
    assert!(has(&r, "CHECKPOINT_CONTRADICTED"));
}

#[test]
fn remembered_heads_detect_rewrites() {
    let s = scenario();
    let known = vec![KnownHead { log: "fgw/main".into(), seq: 2, head: Digest([5; 32]).to_hex() }];
    let r = run_with(&s.bundle(), trust(&s.root), VerifyOptions { known_heads: known, ..Default::default() });
    assert!(has(&r, "HEAD_REWRITTEN"));
    let known = vec![KnownHead { log: "fgw/main".into(), seq: 2, head: s.fgw.lines[1].id.to_hex() }];
    let r = run_with(&s.bundle(), trust(&s.root), VerifyOptions { known_heads: known, ..Default::default() });
    assert!(!has(&r, "HEAD_REWRITTEN") && r.summary.intact);
}

#[test]
fn bad_signature_and_wrong_signature_count() {
    let s = scenario();
    let mut rec: Value = serde_json::from_slice(&s.fgw.lines[0].line).unwrap();
    let sig = rec["sigs"][0].clone();
    rec["sigs"] = json!([sig.clone(), sig]);
    let two = canon(&rec);
    let mut lines = s.statement_lines();
    lines.push(two);
    let r = run(&bundle_of(&lines), &s.root);
    assert_eq!(problem_at_line(&r, STATEMENTS + 2).map(|p| p.code), Some(Code::EnvelopeInvalid));
}

/// Sealed records opened by a caller (docs/format.md §4.2): a plaintext that is not the committed
/// one, or not a body of the record's kind, is refused with its code and the record stays sealed; a
/// record sealed to the reader's department that it could not open is a warning; the rest verify.
#[test]
fn sealed_openings_are_held_to_the_signed_commitment() {
    use qinglian_core::sealed;
    let mut depts = departments_v1(json!({}));
    depts[3] = department("sjj", &[Kind::Audit, Kind::Problem], &[(4, json!({}))]);
    let root = root_with(1, None, 2, depts, &[1, 2, 3, 4]);
    const AGE: &str = "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBBQUFB";
    let to = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let plain = |salt: u8| sealed::plaintext(Kind::Problem, &example_body(Kind::Problem), &[salt; 32]).unwrap();
    let not_a_body = br#"{"body":{},"kind":"problem","salt":"00"}"#.to_vec();
    let mut sjj = Log::new("sjj/main", 4);
    let bodies = [
        sealed::seal(to(&["sjj"]), &plain(1), AGE.into()).unwrap(),
        sealed::seal(to(&["sjj"]), &plain(2), AGE.into()).unwrap(),
        sealed::seal(to(&["sjj"]), &not_a_body, AGE.into()).unwrap(),
        sealed::seal(to(&["sjj", "zjj"]), &plain(4), AGE.into()).unwrap(),
        sealed::seal(to(&["zjj"]), &plain(5), AGE.into()).unwrap(),
    ];
    for (i, b) in bodies.iter().enumerate() {
        sjj.append_with(Kind::Problem, &format!("2024-03-0{}T09:00:00+08:00", i + 1), b.to_value(), vec![]);
    }
    let lines: Vec<Vec<u8>> = sjj.lines.iter().map(|s| s.line.clone()).collect();
    let mut v = qinglian_core::verify::Verifier::new(
        trust(&root),
        VerifyOptions { checks: Some(Default::default()), ..Default::default() },
    );
    v.push(&bundle_of(&lines));
    v.end_input();
    let sealed = v.sealed_records();
    assert_eq!(sealed.iter().map(|s| s.seq).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    assert_eq!(sealed[3].to, ["sjj", "zjj"]);
    assert_eq!(sealed[0].age, AGE);
    v.read_as(&["sjj".into()]);
    v.open_sealed(&sealed[0].id, &plain(1)).unwrap();
    let refused = v.open_sealed(&sealed[1].id, &plain(1)).unwrap_err();
    assert_eq!(refused.code(), "SEALED_COMMITMENT_MISMATCH");
    assert_eq!(v.open_sealed(&sealed[2].id, &not_a_body).unwrap_err().code(), "SEALED_BODY_INVALID");
    // Opened already, or not a record at all: the caller's mistake, not the bundle's.
    assert_eq!(v.open_sealed(&sealed[0].id, &plain(1)).unwrap_err().code(), "SEALED_UNKNOWN_RECORD");
    assert_eq!(v.open_sealed("00", &plain(1)).unwrap_err().code(), "SEALED_UNKNOWN_RECORD");
    let r = v.finish();
    note(&r);

    let at = |line: u64| r.problems.iter().filter(|p| p.line == Some(line)).map(|p| p.code).collect::<Vec<_>>();
    // Line 1 is the header (the root is pinned, not in the bundle): the records are lines 2..=6.
    assert_eq!(at(2), []);
    assert_eq!(at(3), [Code::SealedCommitmentMismatch]);
    assert_eq!(at(4), [Code::SealedBodyInvalid]);
    assert_eq!(at(5), [Code::SealedUnreadable]);
    assert_eq!(at(6), [], "not a recipient: nothing wrong with the record");
    assert_eq!(r.summary.rejected, 0, "a refused opening does not unmake a signed record");
    assert_eq!(r.records.len(), 5);
    let board = &r.analysis.as_ref().unwrap().supervision;
    assert_eq!(board.opened, 1);
    assert_eq!(board.problems.len(), 1, "the opened problem is on the board");
    assert_eq!(board.problems[0].id, sealed[0].id);
    let reasons: Vec<(u64, &str)> = board.sealed.iter().map(|s| (s.seq, s.reason)).collect();
    assert_eq!(
        reasons,
        [
            (2, "SEALED_COMMITMENT_MISMATCH"),
            (3, "SEALED_BODY_INVALID"),
            (4, "SEALED_UNREADABLE"),
            (5, "SEALED_NOT_RECIPIENT")
        ]
    );
}

/// Runs last (alphabetically): every stable code is produced by at least one scenario above.
#[test]
fn zz_every_code_is_exercised() {
    // Tests run in parallel; run the scenarios here too so this test stands alone.
    for f in [
        clean_bundle_is_intact,
        any_order_and_concatenation_give_the_same_result,
        removed_records_leave_gaps_and_no_completeness,
        fork_reports_both_records_and_excludes_them,
        unauthorised_keys_and_kinds,
        revoked_and_not_yet_valid_keys,
        root_threshold_rotation_and_rollback,
        weak_keys_are_refused_in_roots,
        encoding_violations_each_have_a_code,
        statement_and_body_errors_name_the_path,
        header_missing_and_empty_bundle,
        limits_long_lines_and_counts,
        truncated_gzip_keeps_what_was_read,
        one_gzip_member_inflating_to_256_mib_of_one_line_is_skipped,
        crlf_line_ends_verify_like_lf,
        checkpoints_contradicted_equivocated_and_beyond,
        chain_broken_time_backwards_and_references,
        remembered_heads_detect_rewrites,
        bad_signature_and_wrong_signature_count,
        every_field_of_a_record_altered,
        sealed_openings_are_held_to_the_signed_commitment,
    ] {
        f();
    }
    let seen = SEEN.lock().unwrap().clone();
    let missing: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "codes without a scenario: {missing:?}");
}

/// A busy key (hundreds of records) is verified through its precomputed table in runs: tampered
/// signatures inside those runs are caught one by one, exactly as strict verification would.
#[test]
fn busy_key_fast_path_catches_each_tampered_signature() {
    let root = root_v1();
    let mut fgw = Log::new("fgw/main", 1);
    for i in 0..600 {
        fgw.append(Kind::Approval, &format!("2021-03-01T09:{:02}:{:02}+08:00", i / 60, i % 60));
    }
    let mut lines: Vec<Vec<u8>> = fgw.lines.iter().map(|s| s.line.clone()).collect();
    let tampered = [70usize, 300, 301, 599];
    for &i in &tampered {
        let mut v: Value = serde_json::from_slice(&lines[i]).unwrap();
        let sig = v["sigs"][0]["sig"].as_str().unwrap().to_owned();
        let first = if sig.starts_with('0') { '1' } else { '0' };
        let flipped = format!("{first}{}", &sig[1..]);
        v["sigs"][0]["sig"] = json!(flipped);
        lines[i] = canon(&v);
    }
    let r = run(&bundle_of(&lines), &root);
    let bad: Vec<u64> = r.problems.iter().filter(|p| p.code == Code::SignatureInvalid).filter_map(|p| p.line).collect();
    assert_eq!(bad, tampered.iter().map(|i| *i as u64 + 2).collect::<Vec<_>>());
    assert_eq!(r.records.len(), 600 - tampered.len());
}

/// Handing signature work out (as parallel surfaces do) changes nothing in the report: jobs may
/// come back in any order, and a job never answered is verified at `finish`.
#[test]
fn external_signature_jobs_give_the_identical_report() {
    use qinglian_core::verify::{SignatureVerifier, Verifier};
    let root = root_v1();
    let mut fgw = Log::new("fgw/main", 1);
    for i in 0..700 {
        fgw.append(Kind::Approval, &format!("2021-03-01T{:02}:{:02}:00+08:00", i / 60, i % 60));
    }
    let s = scenario();
    let mut lines: Vec<Vec<u8>> = fgw.lines.iter().chain(&s.jyzx.lines).map(|x| x.line.clone()).collect();
    let mut v: Value = serde_json::from_slice(&lines[500]).unwrap();
    v["stmt"]["time"] = json!("2021-03-01T23:59:59+08:00");
    lines[500] = canon(&v);
    let bundle = bundle_of(&lines);
    let local = verify(&bundle, &root);

    let mut external = Verifier::new(trust(&root), VerifyOptions::default()).external_signatures();
    let mut jobs = Vec::new();
    for chunk in bundle.chunks(4096) {
        external.push(chunk);
        jobs.extend(external.take_signature_jobs());
    }
    external.end_input();
    jobs.extend(external.take_signature_jobs());
    assert!(jobs.len() >= 3, "work was handed out: {} jobs", jobs.len());
    let mut worker = SignatureVerifier::new();
    let unanswered = jobs.pop().unwrap();
    jobs.reverse();
    for job in &jobs {
        external.complete_signature_job(job.id, &worker.verify(job)).unwrap();
    }
    assert!(external.complete_signature_job(unanswered.id, &[true]).is_err(), "a wrong verdict count is refused");
    assert!(external.complete_signature_job(9_999, &[]).is_err(), "an unknown job is refused");
    let external = external.finish();
    assert_eq!(serde_json::to_value(&local).unwrap(), serde_json::to_value(&external).unwrap());
    assert_eq!(
        local.records.iter().map(|r| r.id).collect::<Vec<_>>(),
        external.records.iter().map(|r| r.id).collect::<Vec<_>>()
    );
    assert!(has(&local, "SIGNATURE_INVALID"));
}

/// Two witnesses cosigning the same head at the same instant make two statements (each names its
/// witness), and a cosignature naming a department other than its signer's is refused.
#[test]
fn witnesses_are_named_and_must_sign_as_themselves() {
    let s = scenario();
    let when = t("2021-06-03T09:00:00+08:00");
    let mut lines = s.statement_lines();
    lines.push(produce::sign_cosignature(&key(2), "jyzx", &s.fgw.head, when).unwrap().line);
    lines.push(produce::sign_cosignature(&key(3), "sjj", &s.fgw.head, when).unwrap().line);
    let r = run(&bundle_of(&lines), &s.root);
    assert_eq!(r.summary.duplicates, 0);
    let fgw = r.logs.iter().find(|l| l.log == "fgw/main").unwrap();
    assert_eq!(fgw.witnesses, ["jyzx", "sjj"]);
    let p = problem_at_line(&r, STATEMENTS + 3).expect("the impostor cosignature is reported");
    assert_eq!(p.code, Code::KeyWrongDepartment);
}

/// A main bundle and segments (one gzipped, one without a final line end) verify as one: the same
/// records and verdicts as one bundle of all lines, with global line numbers and the inputs listed.
#[test]
fn several_inputs_verify_as_one() {
    let s = scenario();
    let fgw: Vec<Vec<u8>> = s.fgw.lines.iter().map(|l| l.line.clone()).collect();
    let jyzx: Vec<Vec<u8>> = s.jyzx.lines.iter().map(|l| l.line.clone()).collect();
    let main = bundle_of(&fgw);
    let segment = gzip(&bundle_of(&jyzx));
    let mut alt = Log::new("fgw/main", 1);
    alt.append(Kind::Approval, "2021-03-01T09:00:00+08:00");
    let forked = alt.append(Kind::DesignEstimate, "2021-05-02T09:00:00+08:00");
    let mut last = bundle_of(&[s.cosig.line.clone(), forked.line.clone()]);
    last.pop(); // no final line end: the next input must not run into it
    let inputs: Vec<(&str, &[u8])> = vec![("main.qlb", &main), ("jyzx.qlb.gz", &segment), ("late.qlb", &last)];
    let r = qinglian_core::verify::verify_inputs(&inputs, trust(&s.root), VerifyOptions::default());
    note(&r);
    let names: Vec<(&str, u64, u64)> =
        r.bundle.inputs.iter().map(|i| (i.name.as_str(), i.first_line, i.lines)).collect();
    assert_eq!(names, [("main.qlb", 1, 5), ("jyzx.qlb.gz", 6, 5), ("late.qlb", 11, 3)]);
    use sha2::Digest as _;
    assert_eq!(r.bundle.inputs[1].sha256, hex::encode(sha2::Sha256::digest(&segment)));
    assert_eq!(r.bundle.headers.len(), 3);
    assert_eq!(r.summary.lines, 13);
    // The fork of fgw seq 2 is found across inputs, at the global line of the late input.
    let p = r.problems.iter().find(|p| p.code == Code::Fork).expect("fork across inputs");
    let lines: Vec<u64> = p.detail["records"].as_array().unwrap().iter().filter_map(|x| x["line"].as_u64()).collect();
    assert!(lines.contains(&3) && lines.contains(&13), "{lines:?}");
    assert_eq!(p.detail["lines"].as_array().map(Vec::len), Some(2), "both lines re-read from their inputs");
    assert_eq!(p.detail["lines"][1].as_str().map(str::as_bytes), Some(forked.line.as_slice()));
    // Without the forked line, the inputs give exactly the report of one bundle of all lines.
    let mut last = bundle_of(std::slice::from_ref(&s.cosig.line));
    last.pop();
    let inputs: Vec<(&str, &[u8])> = vec![("main.qlb", &main), ("jyzx.qlb.gz", &segment), ("late.qlb", &last)];
    let r = qinglian_core::verify::verify_inputs(&inputs, trust(&s.root), VerifyOptions::default());
    let whole = run(&s.bundle(), &s.root);
    assert!(r.summary.intact, "{:#?}", r.problems);
    assert_eq!(r.records.len(), whole.records.len());
    assert_eq!(r.summary.verified, whole.summary.verified);
    assert_eq!(
        serde_json::to_value(&r.logs).unwrap(),
        serde_json::to_value(&whole.logs).unwrap(),
        "same logs, heads and completeness"
    );
}
