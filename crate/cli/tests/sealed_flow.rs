//! Sealed joint-case records from the command line (docs/format.md §4.2): the discipline commission
//! (jw) raises a problem sealed to the housing bureau (zjj); everyone verifies it, only jw and zjj
//! read it (`verify --key`), zjj answers with a sealed rectification after opening the problem with
//! its own key, and jw confirms it. A reader that is not a recipient, or no reader at all, sees the
//! record on the board's sealed list with the reason it stayed unread.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn qinglian(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_qinglian")).current_dir(dir).args(args).output().expect("run qinglian");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = qinglian(dir, args);
    assert_eq!(code, 0, "qinglian {args:?}\n{out}\n{err}");
    out
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The log file of one department: its lines of the demo bundle.
fn log_file(dir: &Path, log: &str) {
    let bundle = std::fs::read_to_string(dir.join("bundle.qlb")).unwrap();
    let needle = format!("\"log\":\"{log}\"");
    let lines: String = bundle.lines().filter(|l| l.contains(&needle)).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join(format!("{}.ndjson", log.replace('/', "-"))), lines).unwrap();
}

/// `jw/main 122 <id>` → 122.
fn seq(out: &str) -> u64 {
    out.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no seq in {out:?}"))
}

/// The supervision board of `verify --json` over `inputs`, reading with `keys`.
fn board(dir: &Path, inputs: &[&str], keys: &[&str]) -> Value {
    let mut args = vec!["verify", "--root", "root.json", "--json"];
    args.extend(inputs);
    for k in keys {
        args.extend(["--key", k]);
    }
    let (_, out, err) = qinglian(dir, &args);
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    report["analysis"]["supervision"].clone()
}

fn problem<'a>(board: &'a Value, id: &str) -> Option<&'a Value> {
    board["problems"].as_array().unwrap().iter().find(|p| p["problem_id"] == id)
}

fn export(dir: &Path, out: &str, log: &str, after: u64, file: &str) {
    ok(dir, &["export", "--root", "root.json", "--out", out, "--after", &format!("{log}:{after}"), file]);
}

#[test]
fn a_sealed_case_is_read_by_its_recipients_only_and_still_runs_its_workflow() {
    let dir = std::env::temp_dir().join(format!("qinglian-sealed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    ok(&dir, &["demo", "--out", ".", "--keys"]);
    log_file(&dir, "jw/main");
    log_file(&dir, "zjj/main");
    let id = "JW-WT-2026-950";
    let raise = |extra: &str| {
        let mut a = words(
            "problem raise --key keys/jw.key --log jw/main --file jw-main.ndjson --root root.json \
             --time 2026-11-28T10:00:00+08:00 --id JW-WT-2026-950 --responsible dept:zjj --category contract \
             --description 合同备案金额与中标价不一致 --due 2026-12-31 --project 2021-429005-48-01-000123 --seal-to zjj",
        );
        a.extend(words(extra));
        qinglian(&dir, &a)
    };

    // The pinned root (version 1) publishes no recipients: refused before anything is written.
    let before = std::fs::read(dir.join("jw-main.ndjson")).unwrap();
    let (code, _, err) = raise("");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SEALED_NO_RECIPIENT"), "{err}");
    assert_eq!(std::fs::read(dir.join("jw-main.ndjson")).unwrap(), before);
    // A department the root does not know cannot be sealed to either.
    let (code, _, err) = raise("--bundle bundle.qlb --seal-to nobody");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SEALED_NO_RECIPIENT") && err.contains("nobody"), "{err}");

    // With the bundle, the newest root (version 2) names every department's age recipient.
    let (code, out, err) = raise("--bundle bundle.qlb");
    assert_eq!(code, 0, "{out}\n{err}");
    let s = seq(&out);
    let line = std::fs::read_to_string(dir.join("jw-main.ndjson")).unwrap().lines().last().unwrap().to_owned();
    assert!(line.contains("\"sealed\":{") && !line.contains("合同备案金额"), "the body is sealed: {line}");
    export(&dir, "seg-jw.qlb", "jw/main", s - 1, "jw-main.ndjson");
    let inputs = ["bundle.qlb", "seg-jw.qlb"];

    // Without a key: verified, unread, and the board says so.
    let unread = board(&dir, &inputs, &[]);
    assert!(problem(&unread, id).is_none());
    let item = unread["sealed"].as_array().unwrap().iter().find(|i| i["log"] == "jw/main" && i["seq"] == s).unwrap();
    assert_eq!(item["to"], serde_json::json!(["jw", "zjj"]));
    assert_eq!(item["reason"], "SEALED_NOT_OPENED");
    // A department that is not a recipient reads the rest, not this.
    let other = board(&dir, &inputs, &["keys/sjj.key"]);
    assert!(problem(&other, id).is_none());
    let item = other["sealed"].as_array().unwrap().iter().find(|i| i["log"] == "jw/main" && i["seq"] == s).unwrap();
    assert_eq!(item["reason"], "SEALED_NOT_RECIPIENT");
    // The responsible department reads it.
    let zjj = board(&dir, &inputs, &["keys/zjj.key"]);
    let p = problem(&zjj, id).expect("zjj opens the problem sealed to it");
    assert_eq!(p["status"], "open");
    assert_eq!(p["description"], "合同备案金额与中标价不一致");
    assert_eq!(zjj["opened"], 1);

    // zjj answers, sealed back to the commission; its own key found the problem on the board.
    std::fs::write(dir.join("evidence.pdf"), b"%PDF-1.4 scanned filing").unwrap();
    let rectify = words(
        "problem rectify --key keys/zjj.key --log zjj/main --file zjj-main.ndjson --bundle bundle.qlb \
         --bundle seg-jw.qlb --root root.json --time 2026-11-29T10:00:00+08:00 --problem JW-WT-2026-950 \
         --description 已补充备案 --evidence evidence.pdf --seal-to jw",
    );
    let t = seq(&ok(&dir, &rectify));
    export(&dir, "seg-zjj.qlb", "zjj/main", t - 1, "zjj-main.ndjson");

    // jw confirms: it reads the sealed rectification with its key, so the review cites it.
    let confirm = words(
        "problem confirm --key keys/jw.key --log jw/main --file jw-main.ndjson --bundle bundle.qlb \
         --bundle seg-jw.qlb --bundle seg-zjj.qlb --root root.json --time 2026-11-30T10:00:00+08:00 \
         --problem JW-WT-2026-950 --note 整改到位 --seal-to zjj",
    );
    ok(&dir, &confirm);
    export(&dir, "seg-jw2.qlb", "jw/main", s, "jw-main.ndjson");
    let all = ["bundle.qlb", "seg-jw.qlb", "seg-zjj.qlb", "seg-jw2.qlb"];
    let jw = board(&dir, &all, &["keys/jw.key"]);
    let p = problem(&jw, id).expect("jw reads the whole case");
    assert_eq!(p["status"], "confirmed", "{p:#}");
    assert_eq!(jw["opened"], 3);
    let kinds: Vec<&str> = p["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["problem", "rectification", "rectification_review"]);
    // The market regulator verifies the same four inputs and reads none of the case.
    let scjg = board(&dir, &all, &["keys/scjg.key"]);
    assert!(problem(&scjg, id).is_none());
    let reasons: Vec<&str> = scjg["sealed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| (i["log"] == "jw/main" && i["seq"] == s) || i["log"] == "zjj/main")
        .map(|i| i["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["SEALED_NOT_RECIPIENT", "SEALED_NOT_RECIPIENT"]);
    std::fs::remove_dir_all(&dir).ok();
}
