//! `qinglian template` and `qinglian import` through the real binary: templates written as xlsx and
//! CSV, an import signed into a new log, a refused import that leaves the log byte for byte as it
//! was (exit 1, every bad cell in the JSON report), a dry run, and an idempotent re-import.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qinglian(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qinglian"))
        .current_dir(dir)
        .env("QINGLIAN_PASSPHRASE", "import test passphrase")
        .args(args)
        .output()
        .expect("run qinglian")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qinglian-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["tender-and-bids.xlsx", "bids-gbk.csv"] {
        let from = format!("{}/../../tests/fixtures/import/{f}", env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(&from, dir.join(f)).unwrap_or_else(|e| panic!("{from}: {e}"));
    }
    dir
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

const TIME: &str = "2026-12-01T09:00:00+08:00";

#[test]
fn templates_as_xlsx_and_csv_read_back_as_their_kinds() {
    let d = workdir("template");
    let out = qinglian(&d, &["template", "--kind", "bid", "--out", "bid.xlsx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let book = qinglian_import::read_file("bid.xlsx", &std::fs::read(d.join("bid.xlsx")).unwrap()).unwrap();
    let names: Vec<&str> = book.tables.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[..2], ["说明", "投标"], "a README sheet, then the kind's");
    assert!(names.contains(&"投标项目班子"), "a bid's project team is a list sheet: {names:?}");
    // An empty template is a valid import of nothing, recognised by its headers alone.
    let p = qinglian_import::plan(&[("bid.xlsx".into(), book)], &Default::default(), "jyzx/main", &Default::default());
    assert!(p.is_clean(), "{:#?}", p.problems);
    let bid = p.sheets.iter().find(|s| s.sheet == "投标").expect("the bid sheet is read");
    assert_eq!((bid.kind, bid.rows), (Some("bid"), 0));

    let out = qinglian(&d, &["template", "--all", "--out", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bid = std::fs::read(d.join("csv/投标.csv")).unwrap();
    assert!(bid.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM, so Excel opens it");
    assert!(String::from_utf8_lossy(&bid).contains("招标编号"));
    assert!(std::fs::read_dir(d.join("csv")).unwrap().count() > 30, "one CSV per kind and list sheet");

    assert_eq!(qinglian(&d, &["template", "--kind", "nonsense", "--out", "x.xlsx"]).status.code(), Some(2));
}

#[test]
fn import_signs_all_or_nothing_and_reimports_append_nothing() {
    let d = workdir("import");
    let out = qinglian(&d, &["keygen", "--department", "jyzx", "--out", "jyzx.key", "--work-factor", "10"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let base = ["import", "--key", "jyzx.key", "--log", "jyzx/main", "--file", "jyzx.qlog", "--time", TIME];
    let with = |extra: &[&str]| -> Output { qinglian(&d, &[&base[..], extra].concat()) };

    // A dry run validates and writes nothing, not even an empty log.
    let out = with(&["--dry-run", "--json", "tender-and-bids.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(
        (report["ok"].clone(), report["new"].clone(), report["dry_run"].clone()),
        (true.into(), 3.into(), true.into())
    );
    assert_eq!(report["signed"], serde_json::json!([]));
    assert!(!d.join("jyzx.qlog").exists());

    // Signed: one tender and two bids, the tender first since the bids cite it.
    let out = with(&["tender-and-bids.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("已签名 3 条新记录"), "{}", stdout(&out));
    let log = std::fs::read(d.join("jyzx.qlog")).unwrap();
    let lines: Vec<serde_json::Value> =
        log.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().map(|l| l["stmt"]["kind"].as_str().unwrap()).collect::<Vec<_>>(), ["tender", "bid", "bid"]);
    assert!(lines.iter().all(|l| l["stmt"]["log"] == "jyzx/main" && l["stmt"]["time"] == TIME), "{lines:#?}");

    // Bad cells: exit 1, every problem with its cell and code, and the log byte for byte as it was.
    let out = with(&["--json", "bids-gbk.csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = json(&out);
    let found: Vec<(String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                format!("{}!{}", p["sheet"].as_str().unwrap(), p["cell"].as_str().unwrap()),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let codes: Vec<&str> = found.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "CELL_FORMAT",
            "CELL_PRECISION",
            "CELL_TYPE",
            "CELL_REQUIRED",
            "ROW_DUPLICATE",
            "ROW_CHANGED",
            "REF_UNRESOLVED"
        ]
    );
    assert_eq!(found[0].0, "bids-gbk!C5");
    assert!(report["problems"][0]["zh"].as_str().unwrap().contains("第 18 位"));
    assert!(report["problems"][0]["en"].as_str().unwrap().contains("check"));
    assert_eq!(report["signed"], serde_json::json!([]));
    assert_eq!(std::fs::read(d.join("jyzx.qlog")).unwrap(), log, "a refused import leaves the log untouched");

    // The same report as text, in English.
    let out = with(&["--lang", "en", "bids-gbk.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("7 problems: nothing was signed, the log is unchanged"), "{}", stdout(&out));

    // The same workbook again appends nothing.
    let out = with(&["--json", "tender-and-bids.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report = json(&out);
    assert_eq!((report["new"].clone(), report["unchanged"].clone()), (0.into(), 3.into()));
    assert_eq!(report["log"]["seq"], 3);
    assert_eq!(std::fs::read(d.join("jyzx.qlog")).unwrap(), log);

    // A file that is no spreadsheet is a problem of its own, not a crash.
    std::fs::write(d.join("broken.xlsx"), b"PK\x03\x04 not really a zip").unwrap();
    let out = with(&["--json", "broken.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(json(&out)["problems"][0]["code"], "FILE_UNREADABLE");
    assert_eq!(std::fs::read(d.join("jyzx.qlog")).unwrap(), log);
}
