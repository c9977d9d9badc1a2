//! What the CLI prints: the terminal summary, progress bars and the benchmark.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use qinglian_core::checks::{Analysis, CheckRun, CheckStatus, Finding, FindingSeverity};
use qinglian_core::federation::TrustRoot;
use qinglian_core::report::Severity;
use qinglian_core::verify::{Report, TrustAnchor, VerifyOptions};
use std::collections::{BTreeMap, BTreeSet};
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

fn pick<'a>(lang: &str, zh: &'a str, en: &'a str) -> &'a str {
    if lang == "zh" {
        zh
    } else {
        en
    }
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

pub fn print_report(r: &Report, lang: &str) {
    let s = &r.summary;
    let t = |zh, en| pick(lang, zh, en);
    if let Some(root) = &r.root {
        println!("{} {} v{}  {}", t("信任根", "trust root"), root.federation, root.version, root.fingerprint);
    }
    println!(
        "{}: {}  {}: {}  {}: {}  {}: {}  {}: {}",
        t("行", "lines"),
        s.lines,
        t("已验证", "verified"),
        s.verified,
        t("被拒", "rejected"),
        s.rejected,
        t("错误", "errors"),
        s.errors,
        t("警告", "warnings"),
        s.warnings
    );
    println!(
        "{}",
        if s.intact {
            t("✔ 所有语句均已验证,日志完整一致", "✔ every statement verified; logs consistent")
        } else {
            t("✘ 发现完整性问题", "✘ integrity problems found")
        }
    );
    if !r.logs.is_empty() {
        println!("\n{}", t("部门日志", "department logs"));
        for l in &r.logs {
            let complete = l
                .complete_to
                .as_ref()
                .map(|c| format!("{} {}", t("完整至", "complete to"), c.seq))
                .unwrap_or_else(|| t("未证明完整", "completeness not proven").into());
            println!(
                "  {:<16} {:>7} {}  {}–{}  {}{}{}",
                l.log,
                l.records,
                t("条", "records"),
                l.first_seq,
                l.last_seq,
                complete,
                if l.gaps.is_empty() { String::new() } else { format!("  {} {}", t("缺口", "gaps"), l.gaps.len()) },
                if l.forks.is_empty() { String::new() } else { format!("  {} {:?}", t("分叉", "forks"), l.forks) },
            );
        }
    }
    let mut by_code: BTreeMap<&str, Vec<&qinglian_core::report::Problem>> = BTreeMap::new();
    for p in &r.problems {
        by_code.entry(p.code.as_str()).or_default().push(p);
    }
    if !by_code.is_empty() {
        println!("\n{}", t("问题", "problems"));
        for (code, ps) in by_code {
            let sev = match ps[0].severity {
                Severity::Error => "✘",
                Severity::Warning => "!",
                Severity::Info => "·",
            };
            println!("  {sev} {code} ×{}", ps.len());
            for p in ps.iter().take(5) {
                let at = p.line.map(|l| format!("{} {l}: ", t("行", "line"))).unwrap_or_default();
                println!("      {at}{}", pick(lang, &p.message.zh, &p.message.en));
            }
            if ps.len() > 5 {
                println!("      … {}", ps.len() - 5);
            }
        }
        if r.problems_omitted > 0 {
            println!("  … {} {}", r.problems_omitted, t("个问题未列出", "more problems not listed"));
        }
    }
    if let Some(a) = &r.analysis {
        print_findings(a, lang);
    }
}

fn severity_label(s: FindingSeverity, lang: &str) -> &'static str {
    match (s, lang == "zh") {
        (FindingSeverity::High, true) => "高",
        (FindingSeverity::Medium, true) => "中",
        (FindingSeverity::Low, true) => "低",
        (FindingSeverity::High, false) => "high",
        (FindingSeverity::Medium, false) => "medium",
        (FindingSeverity::Low, false) => "low",
    }
}

fn severity_mark(s: FindingSeverity) -> &'static str {
    match s {
        FindingSeverity::High => "✘",
        FindingSeverity::Medium => "!",
        FindingSeverity::Low => "·",
    }
}

/// The message without its "项目 …：" / "Project …: " prefix, printed once as the group heading.
fn without_project<'a>(text: &'a str, project: Option<&str>) -> &'a str {
    let Some(p) = project else { return text };
    text.strip_prefix(&format!("项目 {p}：")).or_else(|| text.strip_prefix(&format!("Project {p}: "))).unwrap_or(text)
}

/// Findings grouped by severity, then by project, in the chosen language; then what could not be
/// evaluated, per check.
pub fn print_findings(a: &Analysis, lang: &str) {
    let t = |zh, en| pick(lang, zh, en);
    let count = |s: FindingSeverity| a.findings.iter().filter(|f| f.severity == s).count();
    println!(
        "\n{}: {}  {} {}  {} {}  {} {}",
        t("一致性检查发现", "findings"),
        a.findings.len(),
        severity_label(FindingSeverity::High, lang),
        count(FindingSeverity::High),
        severity_label(FindingSeverity::Medium, lang),
        count(FindingSeverity::Medium),
        severity_label(FindingSeverity::Low, lang),
        count(FindingSeverity::Low),
    );
    let names: BTreeMap<&str, &str> =
        a.projects.iter().filter_map(|p| p.name.as_deref().map(|n| (p.project.as_str(), n))).collect();
    for severity in [FindingSeverity::High, FindingSeverity::Medium, FindingSeverity::Low] {
        let mut by_project: BTreeMap<Option<&str>, Vec<&Finding>> = BTreeMap::new();
        for f in a.findings.iter().filter(|f| f.severity == severity) {
            by_project.entry(f.project.as_deref()).or_default().push(f);
        }
        if by_project.is_empty() {
            continue;
        }
        println!(
            "\n{} {}",
            severity_mark(severity),
            t(
                match severity {
                    FindingSeverity::High => "高风险",
                    FindingSeverity::Medium => "中风险",
                    FindingSeverity::Low => "低风险",
                },
                match severity {
                    FindingSeverity::High => "high",
                    FindingSeverity::Medium => "medium",
                    FindingSeverity::Low => "low",
                },
            )
        );
        for (project, findings) in by_project {
            match project {
                Some(p) => match names.get(p) {
                    Some(n) => println!("  {} {p}  {n}", t("项目", "project")),
                    None => println!("  {} {p}", t("项目", "project")),
                },
                None => println!("  {}", t("（不属于某一项目）", "(no project)")),
            }
            for f in findings {
                let title = pick(lang, &f.title.zh, &f.title.en);
                let tender = f.tender.as_deref().map(|x| format!("  [{x}]")).unwrap_or_default();
                println!("    {:<12} {title}{tender}", f.check);
                println!("      {}", without_project(pick(lang, &f.message.zh, &f.message.en), project));
                let evidence: Vec<String> =
                    f.evidence.iter().map(|e| format!("{} {}#{}", e.role, e.log, e.seq)).collect();
                if !evidence.is_empty() {
                    println!("      {}{}", t("依据：", "evidence: "), evidence.join(", "));
                }
            }
        }
    }
    let blocked: Vec<&CheckRun> = a.checks.iter().filter(|r| !r.not_evaluated.is_empty()).collect();
    if !blocked.is_empty() {
        println!("\n{}", t("无法评估（日志未被证明完整）", "cannot evaluate (logs not proven complete)"));
        for r in blocked {
            let projects: BTreeSet<Option<&str>> = r.not_evaluated.iter().map(|n| n.project.as_deref()).collect();
            let first = &r.not_evaluated[0];
            println!(
                "  {:<12} {} {}  {}",
                r.id,
                projects.len(),
                t("个项目", "projects"),
                pick(lang, &first.reason.zh, &first.reason.en)
            );
        }
    }
    let disabled: Vec<&str> = a.checks.iter().filter(|r| r.status == CheckStatus::Disabled).map(|r| r.id).collect();
    if !disabled.is_empty() {
        println!("\n{}: {}", t("已关闭的检查", "checks turned off"), disabled.join(", "));
    }
}

/// Parse a `--fail-on` level.
fn parse_level(level: &str) -> Option<FindingSeverity> {
    match level {
        "high" => Some(FindingSeverity::High),
        "medium" => Some(FindingSeverity::Medium),
        "low" => Some(FindingSeverity::Low),
        _ => None,
    }
}

/// Whether the report holds a finding at or above `level` (`high`, `medium` or `low`).
pub fn has_finding_at_least(r: &Report, level: &str) -> bool {
    let Some(min) = parse_level(level) else { return false };
    r.analysis.as_ref().is_some_and(|a| a.findings.iter().any(|f| f.severity >= min))
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
        let mut file = std::fs::File::open(&bundle_path).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let report = crate::commands::verify_stream(
            &mut file,
            TrustAnchor::Root(Box::new(root.clone())),
            options,
            threads,
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
