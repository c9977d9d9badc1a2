//! Golden outputs: the `verify --json` report and the text summary (zh and en) of the demo bundle
//! and of a handful of tampered copies are committed in `tests/golden/`, and this test diffs what
//! the CLI prints now against them, so every change to a report shows up in review.
//!
//!   UPDATE_GOLDEN=1 cargo test -p qinglian-cli --test golden     rewrites them
//!
//! The npm CLI's text summary is compared with the same files in `tests/js/cli.test.mjs`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn qinglian(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_qinglian")).args(args).output().expect("run qinglian");
    (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

/// Compare `got` with the golden file `name`, or rewrite it under UPDATE_GOLDEN=1. Returns a
/// description of the difference instead of panicking, so every file is compared in one run.
fn compare(name: &str, got: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, got).unwrap();
        return None;
    }
    let want = match std::fs::read_to_string(&path) {
        Ok(w) => w,
        Err(e) => return Some(format!("{name}: cannot read the golden file ({e}); run with UPDATE_GOLDEN=1")),
    };
    if want == got {
        return None;
    }
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let at = w.iter().zip(&g).position(|(a, b)| a != b).unwrap_or(w.len().min(g.len()));
    Some(format!(
        "{name}: differs from line {} (golden {} lines, now {}):\n  golden: {}\n  now:    {}",
        at + 1,
        w.len(),
        g.len(),
        w.get(at).unwrap_or(&"<end>"),
        g.get(at).unwrap_or(&"<end>")
    ))
}

/// Lines of the demo bundle (header first), as text.
fn demo_lines(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("bundle.qlb")).unwrap();
    text.lines().map(str::to_owned).collect()
}

fn join(lines: &[String], end: &str) -> Vec<u8> {
    lines.iter().flat_map(|l| [l.as_bytes(), end.as_bytes()].concat()).collect()
}

/// The tampered copies: each a small, named change a reviewer can picture.
fn tampered(lines: &[String]) -> Vec<(&'static str, Vec<u8>)> {
    let records: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains(r#""type":"record""#)).collect();
    let mut out = Vec::new();

    let mut sig = lines.to_vec();
    let i = records[10];
    let at = sig[i].find(r#""sig":""#).unwrap() + 7;
    let flipped = if &sig[i][at..at + 1] == "0" { "1" } else { "0" };
    sig[i].replace_range(at..at + 1, flipped);
    out.push(("signature-changed", join(&sig, "\n")));

    let mut removed = lines.to_vec();
    removed.remove(records[50]);
    out.push(("record-removed", join(&removed, "\n")));

    let mut mixed = lines.to_vec();
    let dup = mixed[records[70]].clone();
    mixed.push(dup);
    mixed[records[30]] = mixed[records[30]].replacen("\":", "\": ", 1);
    mixed.push(r#"{"a":1.5}"#.into());
    mixed.push("not json".into());
    out.push(("duplicate-spaced-float-garbage", join(&mixed, "\n")));

    out.push(("header-only", join(&lines[..1], "\n")));
    out.push(("crlf", join(lines, "\r\n")));
    out
}

#[test]
fn reports_and_summaries_match_the_golden_files() {
    let dir = std::env::temp_dir().join(format!("qinglian-golden-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let (status, _) = qinglian(&["demo", "--out", d]);
    assert_eq!(status, Some(0));
    let root = dir.join("root.json");
    let root = root.to_str().unwrap();
    let mut differences = Vec::new();
    let mut check = |name: &str, bundle: &str, extra: &[&str], expect_status: i32| {
        let mut args = vec!["verify", bundle, "--root", root];
        args.extend_from_slice(extra);
        let (status, json) = qinglian(&[args.as_slice(), &["--json"]].concat());
        assert_eq!(status, Some(expect_status), "{name}: exit status");
        let report: serde_json::Value = serde_json::from_str(&json).expect("one JSON document");
        let pretty = serde_json::to_string_pretty(&report).unwrap() + "\n";
        differences.extend(compare(&format!("{name}.report.json"), &pretty));
        for lang in ["zh", "en"] {
            let (status, text) = qinglian(&[args.as_slice(), &["--lang", lang]].concat());
            assert_eq!(status, Some(expect_status), "{name}: exit status ({lang})");
            differences.extend(compare(&format!("{name}.{lang}.txt"), &text));
        }
    };
    check("demo", dir.join("bundle.qlb").to_str().unwrap(), &[], 0);
    for (name, bytes) in tampered(&demo_lines(&dir)) {
        let path = dir.join(format!("{name}.qlb"));
        std::fs::write(&path, bytes).unwrap();
        // Integrity only: the checks' view of the projects is in the demo's golden report already.
        // A gap is a warning (a partial bundle is normal); CRLF line ends are just line ends.
        let status = if matches!(name, "crlf" | "record-removed") { 0 } else { 1 };
        check(name, path.to_str().unwrap(), &["--no-checks"], status);
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        differences.is_empty(),
        "golden outputs changed (UPDATE_GOLDEN=1 rewrites them):\n{}",
        differences.join("\n")
    );
}
