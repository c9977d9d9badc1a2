//! The producer and verifier commands end to end through the real binary: keys, a threshold-signed
//! root, records appended into two department logs, a checkpoint, a witness cosignature, an export
//! (plain and gzip, whole and one project), and verification with its exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Key files here are encrypted (the default) at the smallest work factor, opened with this passphrase.
const PASSPHRASE: &str = "test passphrase 测试";

fn qinglian(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qinglian"))
        .current_dir(dir)
        .env("QINGLIAN_PASSPHRASE", PASSPHRASE)
        .args(args)
        .output()
        .expect("run qinglian")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = qinglian(dir, args);
    assert!(out.status.success(), "qinglian {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qinglian-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The public key of an encrypted key file, as `qinglian key show` prints it.
fn public_key(dir: &Path, file: &str) -> String {
    let shown = ok(dir, &["key", "show", file]);
    let line = shown.lines().find_map(|l| l.strip_prefix("public")).expect("key show prints the public key");
    line.trim().to_owned()
}

#[test]
fn keys_root_logs_checkpoints_export_and_verify() {
    let d = workdir("flow");
    for dept in ["fgw", "jyzx", "sjj"] {
        ok(&d, &["keygen", "--department", dept, "--out", &format!("{dept}.key"), "--work-factor", "10"]);
    }
    // Refuses to overwrite a key.
    assert_eq!(qinglian(&d, &["keygen", "--department", "fgw", "--out", "fgw.key"]).status.code(), Some(2));
    let spec = serde_json::json!({
        "federation": "test-429005", "threshold": 2,
        "departments": [
            {"id": "fgw", "name": {"zh": "发改委", "en": "DRC"}, "kinds": ["approval", "design_estimate"], "keys": [{"pub": public_key(&d, "fgw.key")}]},
            {"id": "jyzx", "name": {"zh": "交易中心", "en": "Trading centre"}, "kinds": ["tender"], "keys": [{"pub": public_key(&d, "jyzx.key")}]},
            {"id": "sjj", "name": {"zh": "审计局", "en": "Audit"}, "kinds": ["audit"], "keys": [{"pub": public_key(&d, "sjj.key")}]}
        ]
    });
    std::fs::write(d.join("spec.json"), spec.to_string()).unwrap();
    // Signed by one key of a threshold of two: written, but not yet valid; a second signature makes it valid.
    let init = ok(
        &d,
        &[
            "federation",
            "init",
            "--spec",
            "spec.json",
            "--sign",
            "fgw.key",
            "--out",
            "root.json",
            "--time",
            "2021-01-01T00:00:00+08:00",
        ],
    );
    assert!(init.contains("not yet valid"), "{init}");
    assert_eq!(qinglian(&d, &["federation", "show", "root.json"]).status.code(), Some(2));
    ok(&d, &["federation", "sign", "root.json", "--key", "jyzx.key"]);
    assert!(ok(&d, &["federation", "show", "root.json"]).contains("test-429005"));

    let examples = [("approval", "fgw"), ("design_estimate", "fgw"), ("tender", "jyzx")];
    for (kind, dept) in examples {
        let body = qinglian_core::kinds::example_body(qinglian_core::kinds::Kind::parse(kind).unwrap());
        std::fs::write(d.join(format!("{kind}.json")), body.to_string()).unwrap();
        ok(
            &d,
            &[
                "append",
                "--key",
                &format!("{dept}.key"),
                "--log",
                &format!("{dept}/main"),
                "--file",
                &format!("{dept}.qlog"),
                "--kind",
                kind,
                "--project",
                "2021-429005-48-01-000123",
                "--time",
                "2021-03-01T09:00:00+08:00",
                "--body",
                &format!("{kind}.json"),
            ],
        );
    }
    // A body that does not validate is refused and leaves the log untouched.
    std::fs::write(d.join("bad.json"), r#"{"estimate_fen": 1.5}"#).unwrap();
    let before = std::fs::read(d.join("fgw.qlog")).unwrap();
    let bad = qinglian(
        &d,
        &[
            "append",
            "--key",
            "fgw.key",
            "--log",
            "fgw/main",
            "--file",
            "fgw.qlog",
            "--kind",
            "approval",
            "--project",
            "2021-429005-48-01-000123",
            "--body",
            "bad.json",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(std::fs::read(d.join("fgw.qlog")).unwrap(), before);

    ok(
        &d,
        &[
            "checkpoint",
            "--key",
            "fgw.key",
            "--log",
            "fgw/main",
            "--file",
            "fgw.qlog",
            "--time",
            "2021-03-02T09:00:00+08:00",
        ],
    );
    ok(
        &d,
        &[
            "cosign",
            "--key",
            "sjj.key",
            "--log",
            "fgw/main",
            "--log-file",
            "fgw.qlog",
            "--out",
            "sjj.qlog",
            "--time",
            "2021-03-03T09:00:00+08:00",
        ],
    );
    ok(&d, &["export", "--root", "root.json", "--out", "city.qlb", "fgw.qlog", "jyzx.qlog", "sjj.qlog"]);
    ok(&d, &["export", "--root", "root.json", "--out", "city.qlb.gz", "fgw.qlog", "jyzx.qlog", "sjj.qlog"]);

    for bundle in ["city.qlb", "city.qlb.gz"] {
        let out = qinglian(&d, &["verify", bundle, "--root", "root.json", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["summary"]["intact"], true);
        assert_eq!(report["summary"]["records"], 3);
        let fgw = report["logs"].as_array().unwrap().iter().find(|l| l["log"] == "fgw/main").unwrap();
        assert_eq!(fgw["complete_to"]["seq"], 2);
        assert_eq!(fgw["witnesses"], serde_json::json!(["sjj"]));
    }
    // The human summary speaks Chinese by default and English on request.
    assert!(ok(&d, &["verify", "city.qlb", "--root", "root.json"]).contains("已验证"));
    assert!(
        ok(&d, &["verify", "city.qlb", "--root", "root.json", "--lang", "en", "--threads", "2"]).contains("verified")
    );

    // Tampering: exit 1, and the other records still verify.
    let text = std::fs::read_to_string(d.join("city.qlb")).unwrap();
    let tampered = text.replacen("\"seq\":2,", "\"seq\":3,", 1);
    assert_ne!(text, tampered);
    std::fs::write(d.join("tampered.qlb"), tampered).unwrap();
    let out = qinglian(&d, &["verify", "tampered.qlb", "--root", "root.json", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["problems"].as_array().unwrap().iter().any(|p| p["code"] == "SIGNATURE_INVALID"));

    // Usage errors: exit 2.
    assert_eq!(qinglian(&d, &["verify", "city.qlb"]).status.code(), Some(2));
    assert_eq!(qinglian(&d, &["verify", "missing.qlb", "--root", "root.json"]).status.code(), Some(2));

    // A check configuration the catalogue does not know is refused, as by npm's validateCheckConfig,
    // not run as if it were the default.
    for (config, says) in
        [(r#"{"disabled":["COST-99"]}"#, "no check with id \"COST-99\""), (r#"{"disabeld":["COST-01"]}"#, "disabeld")]
    {
        std::fs::write(d.join("checks.json"), config).unwrap();
        let out = qinglian(&d, &["verify", "city.qlb", "--root", "root.json", "--config", "checks.json"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{config}: {err}");
        assert!(err.contains("CONFIG_INVALID") && err.contains(says), "{config}: {err}");
    }
    std::fs::write(d.join("checks.json"), r#"{"disabled":["COST-01"]}"#).unwrap();
    ok(&d, &["verify", "city.qlb", "--root", "root.json", "--config", "checks.json"]);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn rotation_with_old_and_new_keys() {
    let d = workdir("rotate");
    for n in ["a", "b", "c"] {
        ok(&d, &["keygen", "--department", "fgw", "--out", &format!("{n}.key"), "--work-factor", "10"]);
    }
    let spec = |keys: &[&str]| {
        serde_json::json!({"federation": "t", "threshold": 1, "departments": [
            {"id": "fgw", "name": {"zh": "发改委", "en": "DRC"}, "kinds": ["approval"],
             "keys": keys.iter().map(|k| serde_json::json!({"pub": public_key(&d, k)})).collect::<Vec<_>>()}]})
        .to_string()
    };
    std::fs::write(d.join("v1.json"), spec(&["a.key"])).unwrap();
    std::fs::write(d.join("v2.json"), spec(&["a.key", "b.key"])).unwrap();
    ok(&d, &["federation", "init", "--spec", "v1.json", "--sign", "a.key", "--out", "root1.json"]);
    ok(
        &d,
        &[
            "federation",
            "rotate",
            "--from",
            "root1.json",
            "--spec",
            "v2.json",
            "--sign",
            "a.key",
            "--sign",
            "b.key",
            "--out",
            "root2.json",
        ],
    );
    assert!(ok(&d, &["federation", "show", "root2.json", "--after", "root1.json"]).contains("chains from version 1"));
    // Signed only by a key the old root does not know: not a valid successor.
    ok(
        &d,
        &[
            "federation",
            "rotate",
            "--from",
            "root1.json",
            "--spec",
            "v2.json",
            "--sign",
            "c.key",
            "--out",
            "rogue.json",
        ],
    );
    assert_eq!(qinglian(&d, &["federation", "show", "rogue.json", "--after", "root1.json"]).status.code(), Some(2));
    // The spec is read by the core's one reader (as npm createRoot): the same refusals and codes.
    let renamed = spec(&["a.key"]).replace(r#""federation":"t""#, r#""federation":"u""#);
    std::fs::write(d.join("renamed.json"), renamed).unwrap();
    let refused = qinglian(
        &d,
        &[
            "federation",
            "rotate",
            "--from",
            "root1.json",
            "--spec",
            "renamed.json",
            "--sign",
            "a.key",
            "--out",
            "x.json",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("FEDERATION_MISMATCH"), "{refused:?}");
    std::fs::write(d.join("typo.json"), spec(&["a.key"]).replace("threshold", "threshhold")).unwrap();
    let refused = qinglian(&d, &["federation", "init", "--spec", "typo.json", "--sign", "a.key", "--out", "x.json"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("ROOT_INVALID") && stderr.contains("threshhold"), "{stderr}");
    assert!(!d.join("x.json").exists());
    let _ = std::fs::remove_dir_all(&d);
}
