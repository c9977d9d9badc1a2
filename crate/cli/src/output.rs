//! What the CLI prints: the terminal summary, progress bars and the benchmark.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use qinglian_core::federation::TrustRoot;
use qinglian_core::verify::{Report, TrustAnchor, VerifyOptions};
use std::time::Instant;

/// A byte progress bar on standard error; hidden for small inputs and when stderr is not a terminal.
pub fn progress_bar(len: u64) -> ProgressBar {
    if len < 8 << 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

pub fn print_root(r: &TrustRoot) {
    println!("federation  {}  version {}", r.federation, r.version);
    println!("fingerprint {}", r.fingerprint);
    println!("threshold   {} of {} keys", r.threshold, r.departments.iter().map(|d| d.keys.len()).sum::<usize>());
    for d in &r.departments {
        let kinds: Vec<&str> = d.kinds.iter().map(|k| k.as_str()).collect();
        println!("  {:<6} {} / {}", d.id, d.name.zh, d.name.en);
        for k in &d.keys {
            println!("         key {}", k.public.id);
        }
        println!("         kinds: {}", kinds.join(", "));
    }
}

/// Terminal columns taken by `s` (CJK and full-width characters take two).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A parameter's default in its unit: `10%`, `¥4,000,000.00`, `30 days`.
fn param_value(v: f64, unit: &str) -> String {
    use qinglian_core::checks::format;
    match unit {
        // Shares read as percentages; factors above one (an IQR multiplier) as plain numbers.
        "ratio" if v.abs() <= 1.0 => format::percent(v),
        "fen" => format::yuan(v.round() as i128),
        "days" | "months" | "count" => format!("{v} {unit}"),
        _ => format!("{v} ({unit})"),
    }
}

/// The catalogue as a table: id, severity, family, title in both languages, parameters and source.
pub fn print_catalogue(c: &serde_json::Value) {
    let Some(checks) = c.as_array() else {
        println!("{c:#}");
        return;
    };
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
    println!("{}  {}  {}  TITLE / PARAMETERS / SOURCE", pad("ID", 12), pad("SEV", 6), pad("FAMILY", 13));
    println!("{}", "-".repeat(100));
    let indent = " ".repeat(12 + 2 + 6 + 2 + 13 + 2);
    for m in checks {
        println!(
            "{}  {}  {}  {}",
            pad(&s(&m["id"]), 12),
            pad(&s(&m["severity"]), 6),
            pad(&s(&m["family"]), 13),
            s(&m["title"]["zh"])
        );
        println!("{indent}{}", s(&m["title"]["en"]));
        let params: Vec<String> = m["params"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        format!(
                            "{} = {}",
                            s(&p["name"]),
                            param_value(p["default"].as_f64().unwrap_or(0.0), &s(&p["unit"]))
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !params.is_empty() {
            println!("{indent}params: {}", params.join("; "));
        }
        let completeness = if m["needs_completeness"].as_bool() == Some(true) { "  [needs complete logs]" } else { "" };
        println!("{indent}source: {}{completeness}", s(&m["source"]));
    }
    println!("\n{} checks", checks.len());
}

/// Peak resident memory of this process so far (Linux), in bytes.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

/// Generate a scaled demo bundle, then measure native verification from a file: records/s with
/// signature work on 0, 1 and 2 worker threads, with and without the checks, and the peak memory
/// of a separate verifying process (so generating the bundle does not count).
pub fn bench(records: u64, seed: u64) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("qinglian-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let t0 = Instant::now();
    let demo = qinglian_core::demo::generate(&qinglian_core::demo::DemoOptions { seed, min_records: records });
    let gen_s = t0.elapsed().as_secs_f64();
    let bundle_path = dir.join("bundle.qlb");
    let root_path = dir.join("root.json");
    std::fs::write(&bundle_path, &demo.bundle).map_err(|e| e.to_string())?;
    std::fs::write(&root_path, &demo.root).map_err(|e| e.to_string())?;
    let root = TrustRoot::from_line(&demo.root).map_err(|e| e.message().en)?;
    let (statements, bytes) = (demo.statements, demo.bundle.len());
    drop(demo);
    println!("bundle: {statements} statements, {:.1} MB (generated and signed in {gen_s:.1} s)", bytes as f64 / 1e6);
    let run = |threads: usize, checks: bool| -> Result<(f64, Report), String> {
        let options = VerifyOptions { checks: checks.then(Default::default), ..Default::default() };
        let file = std::fs::File::open(&bundle_path).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let report = crate::commands::verify_stream(
            vec![crate::commands::Input { name: bundle_path.display().to_string(), reader: Box::new(file) }],
            false,
            TrustAnchor::Root(Box::new(root.clone())),
            options,
            threads,
            &[],
            &mut |_| {},
        )?;
        Ok((t.elapsed().as_secs_f64(), report))
    };
    let mut base = 0.0;
    for (label, threads, checks) in [
        ("1 thread (signatures inline)", 0, false),
        ("+1 signature thread", 1, false),
        ("+2 signature threads", 2, false),
        ("+2 signature threads, with checks", 2, true),
    ] {
        let (secs, report) = run(threads, checks)?;
        let rate = statements as f64 / secs;
        if threads == 0 {
            base = rate;
        }
        println!(
            "native {label:<36} {rate:>9.0} statements/s  {secs:>6.2} s  ({:.2}× of 1 thread)  verified {}  errors {}  findings {}",
            rate / base,
            report.summary.verified,
            report.summary.errors,
            report.analysis.as_ref().map_or(0, |a| a.findings.len())
        );
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(exe)
        .args(["verify", "--no-checks", "--json", "--threads", "0", "--print-peak-memory"])
        .arg(&bundle_path)
        .arg("--root")
        .arg(&root_path)
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if let Some(peak) =
        stderr.lines().find_map(|l| l.strip_prefix("peak-rss-bytes ")).and_then(|v| v.trim().parse::<f64>().ok())
    {
        println!(
            "peak memory of a verifying process (integrity only, streaming from disk): {:.1} MB = {:.0} bytes per statement",
            peak / 1e6,
            peak / statements as f64
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
