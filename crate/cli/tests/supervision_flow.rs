//! Joint supervision from the command line, two departments exchanging segments: the discipline
//! commission (jw) raises a problem against the housing bureau (zjj), zjj rectifies after loading
//! bundle + segment, jw confirms; the board, the segments and the refusals (stale head, a kind the
//! root does not offer) behave as the page's do.

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

#[test]
fn raise_rectify_confirm_through_segments() {
    let dir = std::env::temp_dir().join(format!("qinglian-supervision-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    ok(&dir, &["demo", "--out", ".", "--keys"]);
    log_file(&dir, "jw/main");
    log_file(&dir, "zjj/main");
    let id = "JW-WT-2026-900";
    let common = ["--root", "root.json", "--time"];
    let words = |s: &'static str| s.split_whitespace().collect::<Vec<&str>>();

    // A joint case first; the problem belongs to it.
    let mut task = words(
        "problem task --key keys/jw.key --log jw/main --file jw-main.ndjson --bundle bundle.qlb --root root.json \
         --time 2026-11-28T09:00:00+08:00 --id JW-AJ-2026-001 --participant zjj --participant sjj \
         --covers 2021-429005-48-01-000123 --case",
    );
    task.extend(["--title", "某项目合同备案问题案件联办", "--scope", "合同备案与中标结果一致性"]);
    ok(&dir, &task);
    let out = ok(
        &dir,
        &[
            "problem",
            "raise",
            "--key",
            "keys/jw.key",
            "--log",
            "jw/main",
            "--file",
            "jw-main.ndjson",
            "--bundle",
            "bundle.qlb",
            common[0],
            common[1],
            common[2],
            "2026-11-28T10:00:00+08:00",
            "--id",
            id,
            "--responsible",
            "dept:zjj",
            "--category",
            "contract",
            "--description",
            "合同备案金额与中标价不一致",
            "--due",
            "2026-12-31",
            "--project",
            "2021-429005-48-01-000123",
            "--check",
            "CONTRACT-01",
            "--suggestion",
            "限期补正备案",
            "--task",
            "JW-AJ-2026-001",
        ],
    );
    let s = seq(&out);
    ok(
        &dir,
        &[
            "export",
            "--root",
            "root.json",
            "--out",
            "seg-jw.qlb",
            "--after",
            &format!("jw/main:{}", s - 2),
            "jw-main.ndjson",
        ],
    );

    // A rectification without the commission's segment cannot find the problem.
    let (code, _, err) = qinglian(
        &dir,
        &[
            "problem",
            "rectify",
            "--key",
            "keys/zjj.key",
            "--log",
            "zjj/main",
            "--file",
            "zjj-main.ndjson",
            "--bundle",
            "bundle.qlb",
            "--root",
            "root.json",
            "--problem",
            id,
            "--description",
            "已补充备案",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("not in the given bundle"), "{err}");

    std::fs::write(dir.join("evidence.pdf"), b"%PDF-1.4 scanned filing").unwrap();
    let out = ok(
        &dir,
        &[
            "problem",
            "rectify",
            "--key",
            "keys/zjj.key",
            "--log",
            "zjj/main",
            "--file",
            "zjj-main.ndjson",
            "--bundle",
            "bundle.qlb",
            "--bundle",
            "seg-jw.qlb",
            "--root",
            "root.json",
            "--time",
            "2026-11-29T10:00:00+08:00",
            "--problem",
            id,
            "--description",
            "已补充备案",
            "--evidence",
            "evidence.pdf",
        ],
    );
    let t = seq(&out);
    ok(
        &dir,
        &[
            "export",
            "--root",
            "root.json",
            "--out",
            "seg-zjj.qlb",
            "--after",
            &format!("zjj/main:{}", t - 1),
            "zjj-main.ndjson",
        ],
    );

    std::fs::copy(dir.join("jw-main.ndjson"), dir.join("jw-old.ndjson")).unwrap();
    let segments = ["--bundle", "bundle.qlb", "--bundle", "seg-jw.qlb", "--bundle", "seg-zjj.qlb"];
    let mut confirm =
        vec!["problem", "confirm", "--key", "keys/jw.key", "--log", "jw/main", "--file", "jw-main.ndjson"];
    confirm.extend(segments);
    confirm.extend([
        "--root",
        "root.json",
        "--time",
        "2026-11-30T10:00:00+08:00",
        "--problem",
        id,
        "--note",
        "整改到位",
    ]);
    ok(&dir, &confirm);
    ok(
        &dir,
        &[
            "export",
            "--root",
            "root.json",
            "--out",
            "seg-jw2.qlb",
            "--after",
            &format!("jw/main:{s}"),
            "jw-main.ndjson",
        ],
    );

    // A stale copy of the log file, with the newer segment loaded: HEAD_STALE, nothing written.
    let before = std::fs::read(dir.join("jw-old.ndjson")).unwrap();
    let mut stale = vec!["problem", "reopen", "--key", "keys/jw.key", "--log", "jw/main", "--file", "jw-old.ndjson"];
    stale.extend(segments);
    stale.extend([
        "--bundle",
        "seg-jw2.qlb",
        "--root",
        "root.json",
        "--problem",
        id,
        "--note",
        "x",
        "--due",
        "2027-01-31",
    ]);
    let (code, _, err) = qinglian(&dir, &stale);
    assert_eq!(code, 2);
    assert!(err.contains("HEAD_STALE"), "{err}");
    assert_eq!(std::fs::read(dir.join("jw-old.ndjson")).unwrap(), before);

    // The housing bureau may not raise problems: the root does not offer it the kind.
    let (code, _, err) = qinglian(
        &dir,
        &[
            "problem",
            "raise",
            "--key",
            "keys/zjj.key",
            "--log",
            "zjj/main",
            "--file",
            "zjj-main.ndjson",
            "--bundle",
            "bundle.qlb",
            "--root",
            "root.json",
            "--id",
            "X-1",
            "--responsible",
            "dept:zjj",
            "--category",
            "other",
            "--description",
            "d",
            "--due",
            "2026-12-31",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("KIND_NOT_AUTHORIZED"), "{err}");

    // Bundle + three segments verify as one; the board follows the problem to confirmed.
    let report = ok(
        &dir,
        &["verify", "bundle.qlb", "seg-jw.qlb", "seg-zjj.qlb", "seg-jw2.qlb", "--root", "root.json", "--json"],
    );
    std::fs::write(dir.join("report.json"), &report).unwrap();
    let r: serde_json::Value = serde_json::from_str(&report).unwrap();
    let inputs: Vec<&str> =
        r["bundle"]["inputs"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(inputs, ["bundle.qlb", "seg-jw.qlb", "seg-zjj.qlb", "seg-jw2.qlb"]);
    assert_eq!(r["summary"]["errors"], 0, "{}", r["problems"]);
    let board = &r["analysis"]["supervision"];
    let p = board["problems"].as_array().unwrap().iter().find(|p| p["problem_id"] == id).expect("problem on the board");
    assert_eq!(p["status"], "confirmed");
    assert_eq!(p["responsible_dept"], "zjj");
    assert_eq!(p["suggestion"], "限期补正备案");
    let kinds: Vec<&str> = p["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["problem", "rectification", "rectification_review"]);
    let case = board["tasks"].as_array().unwrap().iter().find(|t| t["task_id"] == "JW-AJ-2026-001").expect("the case");
    assert_eq!((case["mode"].as_str(), case["problems"].as_u64()), (Some("case"), Some(1)));
    assert_eq!(case["participating_depts"], serde_json::json!(["zjj", "sjj"]));
    let findings: Vec<&str> =
        r["analysis"]["findings"].as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap()).collect();
    assert!(!findings.contains(&"SUP-03") && !findings.contains(&"SUP-04"), "the flow breaks no rule");

    // The monthly bulletin counts it: one more found, rectified and confirmed in November 2026
    // than the bundle alone gives.
    let alone = ok(&dir, &["verify", "bundle.qlb", "--root", "root.json", "--json"]);
    std::fs::write(dir.join("alone.json"), &alone).unwrap();
    let month = ["--kind", "monthly", "--period-end", "2026-11-30", "--lang", "en", "--json"];
    let before: serde_json::Value =
        serde_json::from_str(&ok(&dir, &[&["bulletin", "alone.json"], &month[..]].concat())).unwrap();
    let out = ok(&dir, &[&["bulletin", "report.json", "--csv", "nov.csv"], &month[..]].concat());
    let b: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(b["title"], "Monthly bulletin on problem rectification, 2026-11");
    for count in ["found_in_period", "rectified_in_period", "confirmed_in_period"] {
        let (was, now) = (before["counts"][count].as_u64().unwrap(), b["counts"][count].as_u64().unwrap());
        assert_eq!(now, was + 1, "{count}");
    }
    assert_eq!(b["counts"]["open_at_end"], before["counts"]["open_at_end"]);
    assert!(b["rows"].as_array().unwrap().iter().any(|row| row[1] == id));
    let csv = std::fs::read_to_string(dir.join("nov.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}No.,Problem") && csv.contains(id));
    let _ = std::fs::remove_dir_all(&dir);
}
