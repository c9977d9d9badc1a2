//! `qinglian problem raise|rectify|confirm|reopen` (joint supervision from the command line, as the
//! page does it) and `qinglian bulletin` (the weekly dispatch list and the monthly bulletin).
//!
//! Each action signs one record into the department's log file. With `--bundle` (the verified
//! bundle and any segments) it first verifies them as one, refuses a stale head (HEAD_STALE: the
//! log is further on than the file), refuses what the trust root would not authorise, and takes
//! the problem's project and the record it answers from the supervision board, reading with its
//! own key what was sealed to its department. With `--seal-to` the record's body is sealed.

use crate::commands::{verify_stream, Input};
use crate::files::{self, CliResult};
use crate::keys;
use clap::{Args, Subcommand};
use qinglian_core::crypto::Digest;
use qinglian_core::federation::TrustRoot;
use qinglian_core::keyfile::KeyFile;
use qinglian_core::kinds::Kind;
use qinglian_core::produce::{self, RecordDraft};
use qinglian_core::report::bulletin::{self, BulletinKind};
use qinglian_core::report::supervision_board::BoardProblem;
use qinglian_core::report::text::Lang;
use qinglian_core::report::KnownHead;
use qinglian_core::time::Date;
use qinglian_core::verify::{TrustAnchor, VerifyOptions};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

/// Who signs, where, and what the signer knows of the federation's current state.
#[derive(Args)]
pub struct Signer {
    /// The department's key file.
    #[arg(long)]
    key: PathBuf,
    /// Log id, e.g. jw/main.
    #[arg(long)]
    log: String,
    /// The department's log file (NDJSON); created if absent.
    #[arg(long)]
    file: PathBuf,
    /// The bundle and segments that show where things stand (repeat; verified as one, needs --root).
    #[arg(long = "bundle")]
    bundles: Vec<PathBuf>,
    /// The pinned trust root file: the signer's key must be authorised for the log and kind.
    #[arg(long)]
    root: Option<PathBuf>,
    /// Time of the record (RFC 3339); default now in +08:00.
    #[arg(long)]
    time: Option<String>,
    /// Record project code (default: the problem's, from --bundle).
    #[arg(long)]
    project: Option<String>,
    /// Statement ids the record cites (repeat; default: what it answers, from --bundle).
    #[arg(long = "ref")]
    refs: Vec<String>,
    /// 密封: seal the record to this department (repeat; the signer's own is added). Only they
    /// can read the body; everyone still verifies its signature and chain. Needs --root, whose
    /// newest version (from --bundle) publishes the departments' age recipients.
    #[arg(long = "seal-to")]
    seal_to: Vec<String>,
}

#[derive(Subcommand)]
pub enum ProblemCommand {
    /// 联合监管任务 / 案件联办: start a joint supervision task (or, with --case, a joint case).
    Task {
        #[command(flatten)]
        signer: Signer,
        /// 任务编号 (e.g. JW-LH-2026-007).
        #[arg(long)]
        id: String,
        #[arg(long)]
        title: String,
        /// 牵头部门 (default: the log's department).
        #[arg(long)]
        lead: Option<String>,
        /// 参与部门 (repeat).
        #[arg(long = "participant")]
        participants: Vec<String>,
        /// 监管范围.
        #[arg(long)]
        scope: String,
        /// Project codes the task covers (repeat).
        #[arg(long = "covers")]
        projects: Vec<String>,
        /// 开始日期 (default: the record's date).
        #[arg(long)]
        start: Option<String>,
        /// 完成期限.
        #[arg(long)]
        due: Option<String>,
        /// A joint case (案件联办) rather than a supervision task.
        #[arg(long)]
        case: bool,
    },
    /// 立案: raise a problem against a responsible department or unit.
    Raise {
        #[command(flatten)]
        signer: Signer,
        /// 问题编号, unique in the federation (e.g. JW-WT-2026-031).
        #[arg(long)]
        id: String,
        /// Responsible party: dept:ID (e.g. dept:zjj) or unit:USCC.
        #[arg(long)]
        responsible: String,
        #[arg(long, value_parser = ["cost", "bidding", "certificates", "contract", "permits", "construction_management", "payment", "other"])]
        category: String,
        #[arg(long, value_parser = ["low", "medium", "high"], default_value = "medium")]
        severity: String,
        #[arg(long)]
        description: String,
        /// 整改期限 (YYYY-MM-DD).
        #[arg(long)]
        due: String,
        /// 发现日期 (default: the record's date).
        #[arg(long)]
        found: Option<String>,
        /// The check whose finding this is (e.g. BID-07).
        #[arg(long)]
        check: Option<String>,
        /// The values the finding compared, as text.
        #[arg(long)]
        compared: Option<String>,
        /// 整改建议.
        #[arg(long)]
        suggestion: Option<String>,
        /// The joint task or case (任务编号) it belongs to.
        #[arg(long)]
        task: Option<String>,
        /// Further project codes the finding spans (repeat).
        #[arg(long = "also-project")]
        also_projects: Vec<String>,
    },
    /// 整改: the responsible side reports its rectification.
    Rectify {
        #[command(flatten)]
        signer: Signer,
        /// 问题编号.
        #[arg(long)]
        problem: String,
        #[arg(long)]
        description: String,
        #[arg(long, value_parser = ["completed", "in_progress"], default_value = "completed")]
        status: String,
        /// Who rectified: dept:ID or unit:USCC (default: the log's department).
        #[arg(long)]
        by: Option<String>,
        /// The evidence file (its SHA-256 goes into the record; the file stays with you).
        #[arg(long)]
        evidence: Option<PathBuf>,
        /// 整改日期 (default: the record's date).
        #[arg(long)]
        date: Option<String>,
    },
    /// 确认: the raising department confirms the rectification (销号).
    Confirm {
        #[command(flatten)]
        signer: Signer,
        #[arg(long)]
        problem: String,
        /// 复核意见.
        #[arg(long)]
        note: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 退回: the raising department reopens it with a new due date.
    Reopen {
        #[command(flatten)]
        signer: Signer,
        #[arg(long)]
        problem: String,
        #[arg(long)]
        note: String,
        /// 重新整改期限 (YYYY-MM-DD).
        #[arg(long)]
        due: String,
        #[arg(long)]
        date: Option<String>,
    },
}

fn actor(s: &str) -> CliResult<Value> {
    match s.split_once(':') {
        Some(("dept", d)) => Ok(json!({ "dept": d })),
        Some(("unit", u)) => Ok(json!({ "unit": u })),
        _ => Err(format!("{s:?}: expected dept:ID or unit:USCC")),
    }
}

fn date_or(arg: Option<&str>, default: Date) -> CliResult<String> {
    match arg {
        Some(d) => Date::parse(d).map(|d| d.to_string()).map_err(|e| format!("{d:?}: {e}")),
        None => Ok(default.to_string()),
    }
}

/// The signer's key, and where things stand from `--bundle`: the newest root, the heads and the
/// board.
struct Known {
    key: KeyFile,
    root: Option<TrustRoot>,
    heads: Vec<KnownHead>,
    problems: Vec<BoardProblem>,
}

fn known(s: &Signer) -> CliResult<Known> {
    // Read once: an encrypted key file costs a passphrase and a scrypt run.
    let key = keys::read_for_log(&s.key, &s.log)?;
    let pinned = s.root.as_ref().map(|p| files::read_root(p)).transpose()?;
    if s.bundles.is_empty() {
        return Ok(Known { key, root: pinned, heads: Vec::new(), problems: Vec::new() });
    }
    let root = pinned.ok_or("--bundle needs --root (the pinned trust root)")?;
    let bytes: Vec<(String, Vec<u8>)> =
        s.bundles.iter().map(|p| Ok((p.display().to_string(), files::read(p)?))).collect::<CliResult<_>>()?;
    let inputs: Vec<(&str, &[u8])> = bytes.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let options = VerifyOptions { checks: Some(Default::default()), ..VerifyOptions::default() };
    // The signer's key opens what was sealed to its department, so a sealed problem is on its board.
    let inputs = inputs
        .iter()
        .map(|(name, bytes)| Input { name: (*name).to_owned(), reader: Box::new(std::io::Cursor::new(bytes.to_vec())) })
        .collect();
    let report = verify_stream(
        inputs,
        true,
        TrustAnchor::Root(Box::new(root)),
        options,
        0,
        std::slice::from_ref(&key),
        &mut |_| {},
    )?;
    let heads =
        report.logs.iter().map(|l| KnownHead { log: l.log.clone(), seq: l.last_seq, head: l.head.clone() }).collect();
    let problems = report.analysis.map(|a| a.supervision.problems).unwrap_or_default();
    Ok(Known { key, root: report.trust_root, heads, problems })
}

/// Sign one record of `kind` after the guards; print its id.
fn sign(s: &Signer, known: &Known, kind: Kind, project: Option<String>, body: Value, refs: Vec<String>) -> CliResult {
    let key = &known.key;
    let existing = files::lines(&s.file)?;
    let mut head = produce::head_of(&s.log, existing.iter().map(Vec::as_slice))
        .map_err(|e| format!("{}: {e}", s.file.display()))?;
    let refs = refs
        .iter()
        .map(|r| Digest::from_hex(r).ok_or_else(|| format!("--ref {r}: not a statement id")))
        .collect::<CliResult<_>>()?;
    let body = if s.seal_to.is_empty() {
        body
    } else {
        let root = known.root.as_ref().ok_or("--seal-to needs --root (the trust root publishes the recipients)")?;
        crate::sealing::seal(root, kind, &body, &s.seal_to, &key.department)?
    };
    let draft = RecordDraft { kind, project, time: files::time_arg(s.time.as_deref())?, body, refs };
    let refuse = |e: produce::ProduceError| format!("{e} [{}]", e.code());
    produce::check_current(&head, &known.heads).map_err(refuse)?;
    if let Some(root) = &known.root {
        produce::check_authorised(root, key.key.public(), &head, &draft).map_err(refuse)?;
    }
    let signed = produce::sign_record(&key.key, &mut head, &draft).map_err(refuse)?;
    files::append_line(&s.file, &signed.line)?;
    println!("{} {} {}", head.log, head.seq, signed.id);
    Ok(())
}

fn board_problem<'a>(known: &'a Known, id: &str, s: &Signer) -> CliResult<Option<&'a BoardProblem>> {
    let found = known.problems.iter().find(|p| p.problem_id == id);
    if found.is_none() && !s.bundles.is_empty() {
        return Err(format!("problem {id} is not in the given bundle and segments"));
    }
    Ok(found)
}

pub fn run(command: &ProblemCommand) -> CliResult {
    match command {
        ProblemCommand::Task { signer, id, title, lead, participants, scope, projects, start, due, case } => {
            let known = known(signer)?;
            let today = files::time_arg(signer.time.as_deref())?.local_date();
            let lead = lead.clone().unwrap_or_else(|| qinglian_core::statement::log_department(&signer.log).to_owned());
            let mut body = json!({
                "task_id": id,
                "title": title,
                "lead_dept": lead,
                "participating_depts": participants,
                "scope": scope,
                "projects": projects,
                "start_date": date_or(start.as_deref(), today)?,
                "mode": if *case { "case" } else { "task" },
            });
            if let Some(d) = due {
                body["due_date"] = date_or(Some(d), today)?.into();
            }
            sign(signer, &known, Kind::SupervisionTask, signer.project.clone(), body, signer.refs.clone())
        }
        ProblemCommand::Raise {
            signer,
            id,
            responsible,
            category,
            severity,
            description,
            due,
            found,
            check,
            compared,
            suggestion,
            task,
            also_projects,
        } => {
            let known = known(signer)?;
            let today = files::time_arg(signer.time.as_deref())?.local_date();
            let mut body = Map::new();
            body.insert("problem_id".into(), id.as_str().into());
            body.insert("found_date".into(), date_or(found.as_deref(), today)?.into());
            body.insert("responsible".into(), actor(responsible)?);
            body.insert("category".into(), category.as_str().into());
            body.insert("severity".into(), severity.as_str().into());
            body.insert("description".into(), description.as_str().into());
            body.insert("due_date".into(), date_or(Some(due), today)?.into());
            for (k, v) in [("check_id", check), ("compared", compared), ("suggestion", suggestion), ("task_id", task)] {
                if let Some(v) = v {
                    body.insert(k.into(), v.as_str().into());
                }
            }
            if !also_projects.is_empty() {
                body.insert("projects".into(), also_projects.clone().into());
            }
            sign(signer, &known, Kind::Problem, signer.project.clone(), Value::Object(body), signer.refs.clone())
        }
        ProblemCommand::Rectify { signer, problem, description, status, by, evidence, date } => {
            let known = known(signer)?;
            let p = board_problem(&known, problem, signer)?;
            let today = files::time_arg(signer.time.as_deref())?.local_date();
            let by = match by {
                Some(b) => actor(b)?,
                None => json!({ "dept": qinglian_core::statement::log_department(&signer.log) }),
            };
            let mut body = json!({
                "problem_id": problem,
                "rectified_by": by,
                "rectification_date": date_or(date.as_deref(), today)?,
                "status": status,
                "description": description,
            });
            if let Some(path) = evidence {
                use sha2::Digest as _;
                body["evidence_hash"] = hex::encode(sha2::Sha256::digest(files::read(path)?)).into();
            }
            let project = signer.project.clone().or_else(|| p.and_then(|p| p.project.clone()));
            let refs = if signer.refs.is_empty() {
                p.map(|p| vec![p.id.clone()]).unwrap_or_default()
            } else {
                signer.refs.clone()
            };
            sign(signer, &known, Kind::Rectification, project, body, refs)
        }
        ProblemCommand::Confirm { signer, problem, note, date } => review(signer, problem, note, date.as_deref(), None),
        ProblemCommand::Reopen { signer, problem, note, due, date } => {
            review(signer, problem, note, date.as_deref(), Some(due))
        }
    }
}

fn review(s: &Signer, problem: &str, note: &str, date: Option<&str>, new_due: Option<&str>) -> CliResult {
    let known = known(s)?;
    let p = board_problem(&known, problem, s)?;
    let today = files::time_arg(s.time.as_deref())?.local_date();
    let mut body = json!({
        "problem_id": problem,
        "decision": if new_due.is_some() { "reopened" } else { "confirmed" },
        "review_date": date_or(date, today)?,
        "note": note,
    });
    if let Some(d) = new_due {
        body["new_due_date"] = date_or(Some(d), today)?.into();
    }
    let project = s.project.clone().or_else(|| p.and_then(|p| p.project.clone()));
    // The rectification reviewed: the latest one the board counted.
    let answered =
        p.and_then(|p| p.history.iter().rev().find(|h| h.kind == "rectification" && h.counted).map(|h| h.id.clone()));
    let refs = if s.refs.is_empty() { answered.into_iter().collect() } else { s.refs.clone() };
    sign(s, &known, Kind::RectificationReview, project, body, refs)
}

#[derive(Args)]
pub struct BulletinArgs {
    /// A verification report (`qinglian verify --json` output).
    report: PathBuf,
    /// weekly (周调度) or monthly (月通报).
    #[arg(long, value_parser = ["weekly", "monthly"])]
    kind: String,
    /// Last day of the period (YYYY-MM-DD); the month of this day for a monthly bulletin.
    #[arg(long)]
    period_end: String,
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    lang: String,
    /// Also write the table as CSV (UTF-8 with BOM) to this file.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Print the bulletin as JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn bulletin(a: &BulletinArgs) -> CliResult {
    let report: Value =
        serde_json::from_slice(&files::read(&a.report)?).map_err(|e| format!("{}: {e}", a.report.display()))?;
    let kind = BulletinKind::parse(&a.kind).ok_or("--kind: weekly or monthly")?;
    let end = Date::parse(&a.period_end).map_err(|e| format!("--period-end {:?}: {e}", a.period_end))?;
    let lang = Lang::parse(&a.lang).unwrap_or(Lang::Zh);
    let b = bulletin::build(&report, kind, end, lang).map_err(|e| format!("{e} ({})", e.code()))?;
    if let Some(path) = &a.csv {
        files::write(path, b.csv.as_bytes())?;
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&b).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let zh = lang == Lang::Zh;
    println!("{}", b.title);
    println!("{} {} – {}", if zh { "期间" } else { "Period" }, b.period.from, b.period.to);
    println!("{} {}", if zh { "主送：" } else { "To:" }, b.recipients.join(if zh { "、" } else { ", " }));
    let c = &b.counts;
    if zh {
        println!(
            "本期新发现问题 {} 个，整改到位 {} 个，确认销号 {} 个；期末未销号 {} 个，其中逾期 {} 个。",
            c.found_in_period, c.rectified_in_period, c.confirmed_in_period, c.open_at_end, c.overdue_at_end
        );
    } else {
        println!(
            "Found in the period {}, rectified {}, confirmed {}; open at the end {}, of which overdue {}.",
            c.found_in_period, c.rectified_in_period, c.confirmed_in_period, c.open_at_end, c.overdue_at_end
        );
    }
    println!("{}", b.columns.join("\t"));
    for row in &b.rows {
        println!("{}", row.join("\t"));
    }
    Ok(())
}
