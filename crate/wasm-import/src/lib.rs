//! The producer module for JavaScript: a second module, separate from the verifier, so that pages
//! and portals that only verify never download what producing needs. It holds the table import
//! (every rule in `qinglian-import`), signing (`producer.rs`: `LogWriter`, `cosign`,
//! `exportBundle`, `keyFromSeed`), key files (`keys.rs`), creating and signing trust roots and
//! what a key may sign (`roots.rs`), sealing records (`sealing.rs`), and the texts drawn from a report (the terminal summary, the
//! bulletins). Each function converts arguments and results; the rules are in the core.

mod keys;
mod producer;
mod roots;
mod sealing;

use qinglian_core::kinds::Kind;
use qinglian_import::{Context, Options};
use qinglian_wasm_shared::js_error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Read and validate tables (all or nothing): `files` is `[{name, bytes}]`, `context` the log
/// file being extended and any bundles whose records rows may cite (NDJSON, gzip or not). Returns
/// the plan report (`ok`, `sheets`, `rows`, `problems` with `message` in `lang`) and, when clean,
/// `statements` for `LogWriter.appendBatch`.
#[wasm_bindgen(js_name = importTable)]
pub fn import_table(
    files: js_sys::Array,
    log: String,
    kind: Option<String>,
    ignore_unknown_columns: bool,
    context: js_sys::Array,
    lang: String,
) -> Result<JsValue, JsValue> {
    let kind = match kind {
        Some(k) => Some(Kind::parse(&k).ok_or_else(|| {
            js_error("UNKNOWN_KIND", &format!("unknown record kind {}", qinglian_core::read::quoted(&k)))
        })?),
        None => None,
    };
    let options = Options { kind, ignore_unknown_columns };
    let mut read = Vec::with_capacity(files.length() as usize);
    for (i, file) in files.iter().enumerate() {
        let name = js_sys::Reflect::get(&file, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .ok_or_else(|| js_error("INVALID_ARGUMENT", &format!("files[{i}].name: expected a string")))?;
        let bytes = js_sys::Reflect::get(&file, &JsValue::from_str("bytes"))
            .ok()
            .filter(|b| b.is_instance_of::<js_sys::Uint8Array>())
            .ok_or_else(|| js_error("INVALID_ARGUMENT", &format!("files[{i}].bytes: expected a Uint8Array")))?;
        read.push((name, js_sys::Uint8Array::from(bytes).to_vec()));
    }
    let mut ctx = Context::default();
    for (i, c) in context.iter().enumerate() {
        if !c.is_instance_of::<js_sys::Uint8Array>() {
            return Err(js_error("INVALID_ARGUMENT", &format!("context[{i}]: expected a Uint8Array")));
        }
        let bytes = js_sys::Uint8Array::from(c).to_vec();
        ctx.add_file(&bytes)
            .map_err(|e| js_error(qinglian_core::report::Code::GzipCorrupt.as_str(), &format!("context[{i}]: {e}")))?;
    }
    let plan = qinglian_import::plan_files(read.iter().map(|(n, b)| (n.as_str(), b.as_slice())), &ctx, &log, &options);
    let zh = lang != "en";
    let mut report = plan.to_json();
    if let Some(problems) = report.get_mut("problems").and_then(serde_json::Value::as_array_mut) {
        for (json, problem) in problems.iter_mut().zip(&plan.problems) {
            json["message"] = problem.line(zh).into();
        }
    }
    report["statements"] = if plan.is_clean() { plan.statements_json() } else { serde_json::Value::Array(Vec::new()) };
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error("INTERNAL", &e.to_string()))
}

/// The terminal summary of a verification report (given as its JSON text) in `lang` (`zh` or
/// `en`): the bytes `qinglian verify` prints, rendered by the core. Here rather than in the
/// verifier module, which pages load and which does not need it.
#[wasm_bindgen(js_name = summaryText)]
pub fn summary_text(report_json: &str, lang: &str) -> Result<String, JsValue> {
    use qinglian_core::report::text::{render, Lang};
    let lang = Lang::parse(lang).ok_or_else(|| js_error("INVALID_ARGUMENT", "lang: expected zh or en"))?;
    let report: serde_json::Value = serde_json::from_str(report_json)
        .map_err(|e| js_error("INVALID_ARGUMENT", &format!("report: not JSON ({e})")))?;
    if report["format"] != "qinglian-report" {
        return Err(js_error("INVALID_ARGUMENT", "report: expected a verification report (format qinglian-report)"));
    }
    Ok(render(&report, lang))
}

/// The weekly dispatch list or the monthly bulletin (`kind`: `weekly` | `monthly`) for the period
/// ending on `period_end` (YYYY-MM-DD), from a verification report given as its JSON text, in
/// `lang`: `{kind, title, period, as_of, recipients, columns, rows, counts, csv}` (see
/// crate/core/src/report/bulletin.rs). Throws NO_SUPERVISION_BOARD for a report without checks.
#[wasm_bindgen(js_name = supervisionBulletin)]
pub fn supervision_bulletin(report_json: &str, kind: &str, period_end: &str, lang: &str) -> Result<JsValue, JsValue> {
    use qinglian_core::report::bulletin::{build, BulletinKind};
    use qinglian_core::report::text::Lang;
    let lang = Lang::parse(lang).ok_or_else(|| js_error("INVALID_ARGUMENT", "lang: expected zh or en"))?;
    let kind =
        BulletinKind::parse(kind).ok_or_else(|| js_error("INVALID_ARGUMENT", "kind: expected weekly or monthly"))?;
    let end = qinglian_core::time::Date::parse(period_end)
        .map_err(|_| js_error("INVALID_ARGUMENT", "periodEnd: expected a date YYYY-MM-DD"))?;
    let report: serde_json::Value = serde_json::from_str(report_json)
        .map_err(|e| js_error("INVALID_ARGUMENT", &format!("report: not JSON ({e})")))?;
    let bulletin = build(&report, kind, end, lang).map_err(|e| js_error(e.code(), &e.to_string()))?;
    bulletin
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error("INTERNAL", &e.to_string()))
}
