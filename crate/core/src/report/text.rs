//! The terminal summary of a report, in Chinese or English: what `qinglian verify` and
//! `npx qinglian verify` print without `--json`. Rendered from the report's JSON form, so the
//! native CLI (which holds a [`Report`](super::Report)) and the npm CLI (which holds the same
//! report as a JS object) print the same bytes, and a saved `report.json` can be rendered again.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The language of a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `zh` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The `zh` or `en` member of a `{zh, en}` message.
    fn text(self, message: &Value) -> &str {
        str_of(&message[self.pick("zh", "en")])
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn num(v: &Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// The summary of `report` (a verification report as JSON), ending with a newline.
pub fn render(report: &Value, lang: Lang) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, report, lang);
    out
}

fn write_report(out: &mut String, r: &Value, lang: Lang) -> std::fmt::Result {
    let t = |zh, en| lang.pick(zh, en);
    let s = &r["summary"];
    if let Some(root) = r["root"].as_object() {
        writeln!(
            out,
            "{} {} v{}  {}",
            t("信任根", "trust root"),
            str_of(&root["federation"]),
            num(&root["version"]),
            str_of(&root["fingerprint"])
        )?;
    }
    writeln!(
        out,
        "{}: {}  {}: {}  {}: {}  {}: {}  {}: {}",
        t("行", "lines"),
        num(&s["lines"]),
        t("已验证", "verified"),
        num(&s["verified"]),
        t("被拒", "rejected"),
        num(&s["rejected"]),
        t("错误", "errors"),
        num(&s["errors"]),
        t("警告", "warnings"),
        num(&s["warnings"])
    )?;
    let verdict = if s["intact"].as_bool() == Some(true) {
        t("✔ 所有语句均已验证,日志完整一致", "✔ every statement verified; logs consistent")
    } else {
        t("✘ 发现完整性问题", "✘ integrity problems found")
    };
    writeln!(out, "{verdict}")?;
    let logs = list(&r["logs"]);
    if !logs.is_empty() {
        writeln!(out, "\n{}", t("部门日志", "department logs"))?;
        for l in logs {
            let complete = match l["complete_to"].as_object() {
                Some(c) => format!("{} {}", t("完整至", "complete to"), num(&c["seq"])),
                None => t("未证明完整", "completeness not proven").to_owned(),
            };
            let gaps = list(&l["gaps"]).len();
            let forks: Vec<u64> = list(&l["forks"]).iter().map(num).collect();
            writeln!(
                out,
                "  {:<16} {:>7} {}  {}–{}  {}{}{}",
                str_of(&l["log"]),
                num(&l["records"]),
                t("条", "records"),
                num(&l["first_seq"]),
                num(&l["last_seq"]),
                complete,
                if gaps == 0 { String::new() } else { format!("  {} {gaps}", t("缺口", "gaps")) },
                if forks.is_empty() { String::new() } else { format!("  {} {forks:?}", t("分叉", "forks")) },
            )?;
        }
    }
    let mut by_code: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for p in list(&r["problems"]) {
        by_code.entry(str_of(&p["code"])).or_default().push(p);
    }
    if !by_code.is_empty() {
        writeln!(out, "\n{}", t("问题", "problems"))?;
        for (code, ps) in by_code {
            let mark = match str_of(&ps[0]["severity"]) {
                "error" => "✘",
                "warning" => "!",
                _ => "·",
            };
            writeln!(out, "  {mark} {code} ×{}", ps.len())?;
            for p in ps.iter().take(5) {
                let at = p["line"].as_u64().map(|l| format!("{} {l}: ", t("行", "line"))).unwrap_or_default();
                writeln!(out, "      {at}{}", lang.text(&p["message"]))?;
            }
            if ps.len() > 5 {
                writeln!(out, "      … {}", ps.len() - 5)?;
            }
        }
        let omitted = num(&r["problems_omitted"]);
        if omitted > 0 {
            writeln!(out, "  … {omitted} {}", t("个问题未列出", "more problems not listed"))?;
        }
    }
    if r["analysis"].is_object() {
        write_findings(out, &r["analysis"], lang)?;
    }
    Ok(())
}

const SEVERITIES: [(&str, &str, &str, &str); 3] =
    [("high", "高", "高风险", "✘"), ("medium", "中", "中风险", "!"), ("low", "低", "低风险", "·")];

/// The message without its "项目 …：" / "Project …: " prefix, printed once as the group heading.
fn without_project<'a>(text: &'a str, project: Option<&str>) -> &'a str {
    let Some(p) = project else { return text };
    text.strip_prefix(&format!("项目 {p}：")).or_else(|| text.strip_prefix(&format!("Project {p}: "))).unwrap_or(text)
}

/// Findings grouped by severity, then by project; then what could not be evaluated, per check.
fn write_findings(out: &mut String, a: &Value, lang: Lang) -> std::fmt::Result {
    let t = |zh, en| lang.pick(zh, en);
    let findings = list(&a["findings"]);
    let count = |sev: &str| findings.iter().filter(|f| f["severity"] == sev).count();
    write!(out, "\n{}: {}", t("一致性检查发现", "findings"), findings.len())?;
    for (sev, zh, _, _) in SEVERITIES {
        write!(out, "  {} {}", lang.pick(zh, sev), count(sev))?;
    }
    writeln!(out)?;
    let names: BTreeMap<&str, &str> =
        list(&a["projects"]).iter().filter_map(|p| Some((p["project"].as_str()?, p["name"].as_str()?))).collect();
    for (sev, _, heading_zh, mark) in SEVERITIES {
        let mut by_project: BTreeMap<Option<&str>, Vec<&Value>> = BTreeMap::new();
        for f in findings.iter().filter(|f| f["severity"] == sev) {
            by_project.entry(f["project"].as_str()).or_default().push(f);
        }
        if by_project.is_empty() {
            continue;
        }
        writeln!(out, "\n{mark} {}", lang.pick(heading_zh, sev))?;
        for (project, group) in by_project {
            match (project, project.and_then(|p| names.get(p))) {
                (Some(p), Some(n)) => writeln!(out, "  {} {p}  {n}", t("项目", "project"))?,
                (Some(p), None) => writeln!(out, "  {} {p}", t("项目", "project"))?,
                (None, _) => writeln!(out, "  {}", t("（不属于某一项目）", "(no project)"))?,
            }
            for f in group {
                let tender = f["tender"].as_str().map(|x| format!("  [{x}]")).unwrap_or_default();
                writeln!(out, "    {:<12} {}{tender}", str_of(&f["check"]), lang.text(&f["title"]))?;
                writeln!(out, "      {}", without_project(lang.text(&f["message"]), project))?;
                let evidence: Vec<String> = list(&f["evidence"])
                    .iter()
                    .map(|e| format!("{} {}#{}", str_of(&e["role"]), str_of(&e["log"]), num(&e["seq"])))
                    .collect();
                if !evidence.is_empty() {
                    writeln!(out, "      {}{}", t("依据：", "evidence: "), evidence.join(", "))?;
                }
            }
        }
    }
    let checks = list(&a["checks"]);
    let blocked: Vec<&Value> = checks.iter().filter(|r| !list(&r["not_evaluated"]).is_empty()).collect();
    if !blocked.is_empty() {
        writeln!(out, "\n{}", t("无法评估（日志未被证明完整）", "cannot evaluate (logs not proven complete)"))?;
        for r in blocked {
            let not = list(&r["not_evaluated"]);
            let projects: BTreeSet<Option<&str>> = not.iter().map(|n| n["project"].as_str()).collect();
            writeln!(
                out,
                "  {:<12} {} {}  {}",
                str_of(&r["id"]),
                projects.len(),
                t("个项目", "projects"),
                lang.text(&not[0]["reason"])
            )?;
        }
    }
    let disabled: Vec<&str> = checks.iter().filter(|r| r["status"] == "disabled").map(|r| str_of(&r["id"])).collect();
    if !disabled.is_empty() {
        writeln!(out, "\n{}: {}", t("已关闭的检查", "checks turned off"), disabled.join(", "))?;
    }
    Ok(())
}
