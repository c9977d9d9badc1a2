//! `qinglian template` and `qinglian import`: the department's own tables into its signed log.
//! Every rule is in `qinglian-import` and the core; this reads files and writes the log.

use crate::files::{self, CliResult};
use clap::Args;
use qinglian_core::kinds::Kind;
use qinglian_core::produce;
use qinglian_import::columns::{all_layouts, layout, KindLayout};
use qinglian_import::template::{self, SheetData};
use qinglian_import::{Context, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct TemplateArgs {
    /// The record kind (bid, tender, payment …).
    #[arg(long, required_unless_present_any = ["all", "dictionary"], conflicts_with = "all")]
    kind: Option<String>,
    /// Every kind: one sheet per kind and list, plus a 说明 (README) sheet.
    #[arg(long)]
    all: bool,
    /// An .xlsx file, or a folder for CSV files (one per sheet, UTF-8 with BOM).
    #[arg(long, required_unless_present = "dictionary")]
    out: Option<PathBuf>,
    /// Print the column dictionary (Markdown, as in docs/import.md) instead.
    #[arg(long)]
    dictionary: bool,
}

pub fn template(a: &TemplateArgs) -> CliResult {
    if a.dictionary {
        print!("{}", qinglian_import::dictionary::markdown());
        return Ok(());
    }
    let layouts: Vec<KindLayout> = match &a.kind {
        Some(k) => vec![layout(parse_kind(k)?)],
        None => all_layouts(),
    };
    let out = a.out.as_ref().ok_or("--out is required")?;
    let sheets: Vec<SheetData<'_>> =
        layouts.iter().flat_map(KindLayout::sheets).map(|s| SheetData { layout: s, rows: Vec::new() }).collect();
    let refs: Vec<&KindLayout> = layouts.iter().collect();
    write_tables(out, &sheets, Some(&refs))?;
    println!("{}: {} sheets", out.display(), sheets.len());
    Ok(())
}

/// Write sheets as one xlsx file (`.xlsx`) or as CSV files in a folder.
pub fn write_tables(out: &Path, sheets: &[SheetData<'_>], readme: Option<&[&KindLayout]>) -> CliResult {
    if out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        let bytes = template::xlsx_bytes(sheets, readme).map_err(|e| e.to_string())?;
        return files::write(out, &bytes);
    }
    for s in sheets {
        files::write(&out.join(format!("{}.csv", s.layout.name_zh)), &template::csv_bytes(s))?;
    }
    Ok(())
}

fn parse_kind(k: &str) -> CliResult<Kind> {
    Kind::parse(k).ok_or_else(|| format!("unknown record kind {}", qinglian_core::read::quoted(k)))
}

#[derive(Args)]
pub struct ImportArgs {
    /// The department's key file.
    #[arg(long)]
    key: PathBuf,
    /// The log to sign into, e.g. jyzx/main.
    #[arg(long)]
    log: String,
    /// The log file (NDJSON); created when absent, replaced atomically.
    #[arg(long)]
    file: PathBuf,
    /// The tables: .xlsx, .xls, .ods or .csv files (UTF-8 or GBK).
    #[arg(required = true)]
    tables: Vec<PathBuf>,
    /// Read every sheet as this kind (and its list sheets) instead of recognising it.
    #[arg(long)]
    kind: Option<String>,
    /// Bundles or other logs whose records rows may cite (repeat).
    #[arg(long)]
    context: Vec<PathBuf>,
    /// Leave out columns that no member has, instead of refusing the tables.
    #[arg(long)]
    ignore_column: bool,
    /// Validate and report; sign nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Time of the new records (RFC 3339); default now in +08:00.
    #[arg(long)]
    time: Option<String>,
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    lang: String,
}

/// Add a log or bundle file (gzip or not) to the records rows may cite.
fn add_context(context: &mut Context, path: &Path, bytes: &[u8]) -> CliResult {
    context.add_file(bytes).map_err(|e| format!("{}: not a readable gzip file: {e}", path.display()))
}

pub fn import(a: &ImportArgs) -> CliResult<ExitCode> {
    let key = crate::keys::read_for_log(&a.key, &a.log)?;
    let options =
        Options { kind: a.kind.as_deref().map(parse_kind).transpose()?, ignore_unknown_columns: a.ignore_column };
    let time = files::time_arg(a.time.as_deref())?;
    let existing = if a.file.exists() { files::read(&a.file)? } else { Vec::new() };
    let mut context = Context::default();
    add_context(&mut context, &a.file, &existing)?;
    for c in &a.context {
        add_context(&mut context, c, &files::read(c)?)?;
    }
    let mut read = Vec::new();
    for t in &a.tables {
        let name = t.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        read.push((name, files::read(t)?));
    }
    let result =
        qinglian_import::plan_files(read.iter().map(|(n, b)| (n.as_str(), b.as_slice())), &context, &a.log, &options);

    let mut head = produce::head_of(&a.log, qinglian_core::bundle::lines(&existing).filter(|l| !l.is_empty()))
        .map_err(|e| format!("{}: {e}", a.file.display()))?;
    let signed = if result.is_clean() && !a.dry_run {
        qinglian_import::sign(&result, &key.key, &mut head, time).map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    if !signed.is_empty() {
        let mut grown = existing.clone();
        if !grown.is_empty() && !grown.ends_with(b"\n") {
            grown.push(b'\n');
        }
        for s in &signed {
            grown.extend_from_slice(&s.line);
            grown.push(b'\n');
        }
        files::write_atomically(&a.file, &grown)?;
    }

    let zh = a.lang == "zh";
    if a.json {
        let mut report = result.to_json();
        report["signed"] = signed.iter().map(|s| serde_json::Value::from(s.id.to_hex())).collect();
        report["log"] = serde_json::json!({"log": head.log, "seq": head.seq, "head": head.head.map(|h| h.to_hex())});
        report["dry_run"] = a.dry_run.into();
        println!("{report}");
    } else {
        for s in &result.sheets {
            let kind = s.kind.map_or_else(|| "?".to_owned(), |k| s.list.map_or(k.to_owned(), |l| format!("{k}.{l}")));
            println!("{}: {} → {kind}, {} {}", s.file, s.sheet, s.rows, if zh { "行" } else { "rows" });
        }
        for h in &result.hidden_sheets {
            println!("{}", if zh { format!("已跳过隐藏工作表 {h}") } else { format!("hidden sheet {h} left out") });
        }
        for p in &result.problems {
            println!("{}", p.line(zh));
        }
        let unchanged = result.rows.len() - result.new_rows();
        let line = match (result.is_clean(), a.dry_run, zh) {
            (false, _, true) => format!("{} 个问题，未签名任何记录，日志未改动", result.problems.len()),
            (false, _, false) => {
                format!("{} problems: nothing was signed, the log is unchanged", result.problems.len())
            }
            (true, true, true) => {
                format!("校验通过：{} 条新记录，{unchanged} 条已签名（试运行，未签名）", result.new_rows())
            }
            (true, true, false) => format!(
                "valid: {} new records, {unchanged} already signed (dry run: nothing signed)",
                result.new_rows()
            ),
            (true, false, true) => format!(
                "已签名 {} 条新记录，{unchanged} 条已签名未变；{} 现为第 {} 条",
                signed.len(),
                head.log,
                head.seq
            ),
            (true, false, false) => format!(
                "signed {} new records, {unchanged} already signed; {} now at sequence {}",
                signed.len(),
                head.log,
                head.seq
            ),
        };
        println!("{line}");
    }
    Ok(if result.is_clean() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `qinglian demo --tables DIR`: each department's records as the spreadsheet it would keep.
pub fn demo_tables(dir: &Path, bundle: &[u8]) -> CliResult {
    let mut context = Context::default();
    context.add_file(bundle).map_err(|e| format!("the demo bundle: {e}"))?;
    let layouts = all_layouts();
    let mut by_dept: std::collections::BTreeMap<String, Vec<&qinglian_import::plan::Existing>> = Default::default();
    for r in &context.records {
        by_dept.entry(r.log.replace('/', "-")).or_default().push(r);
    }
    for (dept, records) in &by_dept {
        let mut sheets: Vec<SheetData<'_>> = Vec::new();
        for l in &layouts {
            let mut data: Vec<SheetData<'_>> = l.sheets().map(|s| SheetData { layout: s, rows: Vec::new() }).collect();
            for r in records.iter().filter(|r| r.kind == l.kind) {
                let record = template::RecordRef {
                    kind: r.kind,
                    project: r.project.as_deref(),
                    time: Some(r.time.to_string()),
                    body: &r.body,
                };
                for (sheet, row) in template::record_rows(l, record) {
                    data[sheet].rows.push(row);
                }
            }
            if !data[0].rows.is_empty() {
                sheets.extend(data.into_iter().filter(|d| !d.rows.is_empty()));
            }
        }
        write_tables(&dir.join(format!("{dept}.xlsx")), &sheets, None)?;
    }
    println!("{}: {} department workbooks", dir.display(), by_dept.len());
    Ok(())
}
