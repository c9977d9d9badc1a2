//! Key files at rest: encrypted with a passphrase by default (age), converted both ways, refused
//! with stable codes, and never usable for another department's log.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qinglian"));
    cmd.current_dir(dir).env_remove("QINGLIAN_PASSPHRASE").env_remove("QINGLIAN_PASSPHRASE_FILE").args(args);
    if let Some(p) = passphrase {
        cmd.env("QINGLIAN_PASSPHRASE", p);
    }
    cmd.output().expect("run qinglian")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qinglian-keys-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const PASS: &str = "正确的口令 correct";

#[test]
fn keygen_encrypts_by_default_and_every_key_option_opens_it() {
    let d = workdir("default");
    let out = run(&d, Some(PASS), &["keygen", "--department", "zjj", "--out", "zjj.key", "--work-factor", "10"]);
    assert!(out.status.success(), "{}", text(&out));
    let file = std::fs::read_to_string(d.join("zjj.key")).unwrap();
    assert!(file.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"), "armoured age: {file}");
    assert!(!file.contains("seed") && !file.contains("zjj"), "nothing of the document is readable");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("zjj.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }

    let shown = run(&d, Some(PASS), &["key", "show", "zjj.key"]);
    assert!(shown.status.success(), "{}", text(&shown));
    assert!(text(&shown).contains("department zjj") && text(&shown).contains("encrypted (age"));
    let key_id = text(&out).split_whitespace().nth(2).unwrap().to_owned();
    assert!(text(&shown).contains(&key_id), "show names the key id keygen printed");

    // Signing opens it with the passphrase.
    std::fs::write(d.join("body.json"), r#"{"kind":"x"}"#).unwrap();
    let append = |pass: Option<&str>, log: &str| {
        run(
            &d,
            pass,
            &[
                "checkpoint",
                "--key",
                "zjj.key",
                "--log",
                log,
                "--file",
                "zjj.qlog",
                "--time",
                "2026-01-01T00:00:00+08:00",
            ],
        )
    };
    let wrong = append(Some("wrong"), "zjj/main");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(text(&wrong).contains("KEY_FILE_PASSPHRASE"), "{}", text(&wrong));
    let none = append(None, "zjj/main");
    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none).contains("QINGLIAN_PASSPHRASE"), "says how to give one: {}", text(&none));
    let foreign = append(Some(PASS), "fgw/main");
    assert_eq!(foreign.status.code(), Some(2));
    assert!(text(&foreign).contains("KEY_WRONG_DEPARTMENT"), "{}", text(&foreign));
    assert!(!d.join("zjj.qlog").exists(), "nothing was written by a refused command");

    // The passphrase may also come from a file (first line).
    std::fs::write(d.join("pass.txt"), format!("{PASS}\nignored\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_qinglian"))
        .current_dir(&d)
        .env_remove("QINGLIAN_PASSPHRASE")
        .env("QINGLIAN_PASSPHRASE_FILE", d.join("pass.txt"))
        .args(["key", "show", "zjj.key"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn plaintext_keys_warn_and_convert_both_ways() {
    let d = workdir("convert");
    let out = run(&d, None, &["keygen", "--department", "fgw", "--out", "fgw.key", "--plaintext"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unencrypted"), "a warning: {}", text(&out));
    let plain = std::fs::read_to_string(d.join("fgw.key")).unwrap();
    let seed: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(seed["type"], "qinglian-secret-key");

    let enc = run(&d, Some(PASS), &["key", "encrypt", "fgw.key", "--out", "fgw.age.key", "--work-factor", "10"]);
    assert!(enc.status.success(), "{}", text(&enc));
    assert!(std::fs::read_to_string(d.join("fgw.age.key")).unwrap().starts_with("-----BEGIN AGE"));
    let back = run(&d, Some(PASS), &["key", "decrypt", "fgw.age.key", "--out", "fgw.back.key"]);
    assert!(back.status.success(), "{}", text(&back));
    let back: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("fgw.back.key")).unwrap()).unwrap();
    assert_eq!(back, seed, "the same document after a round trip");

    // In place.
    assert!(run(&d, Some(PASS), &["key", "encrypt", "fgw.key", "--work-factor", "10"]).status.success());
    assert!(text(&run(&d, Some(PASS), &["key", "show", "fgw.key"])).contains("encrypted (age"));

    let too_costly = run(&d, Some(PASS), &["keygen", "--department", "fgw", "--out", "x.key", "--work-factor", "21"]);
    assert_eq!(too_costly.status.code(), Some(2), "a browser could not open it");
}

#[test]
fn edited_or_damaged_key_files_are_refused_with_their_codes() {
    let d = workdir("damaged");
    let mut v: serde_json::Value = serde_json::json!({
        "department": "fgw", "seed": "07".repeat(32), "type": "qinglian-secret-key",
        "public": "00".repeat(32)
    });
    std::fs::write(d.join("edited.key"), v.to_string()).unwrap();
    assert!(text(&run(&d, None, &["key", "show", "edited.key"])).contains("KEY_FILE_MISMATCH"));
    v["seed"] = "zz".into();
    std::fs::write(d.join("bad.key"), v.to_string()).unwrap();
    assert!(text(&run(&d, None, &["key", "show", "bad.key"])).contains("KEY_FILE_INVALID"));
    std::fs::write(
        d.join("cut.key"),
        "-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n",
    )
    .unwrap();
    let cut = run(&d, Some(PASS), &["key", "show", "cut.key"]);
    assert_eq!(cut.status.code(), Some(2));
    assert!(text(&cut).contains("KEY_FILE_UNDECRYPTABLE"), "{}", text(&cut));
}
