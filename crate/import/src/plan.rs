//! From tables to a plan of records: every row validated, every reference resolved, every row
//! compared with what the log already holds, before anything is signed (all or nothing).
//!
//! [`plan`] never fails: whatever is wrong becomes a [`Problem`] with the sheet and cell, and the
//! plan is signed only when it has none ([`Plan::is_clean`], [`sign`]).

use crate::cell::{self, AmountUnit};
use crate::columns::{all_layouts, header_matches, normalize_header, Column, KindLayout, SheetLayout};
use crate::keys::{self, PROJECT, TIME};
use crate::problem::Problem;
use crate::table::{Cell, Table, Workbook};
use qinglian_core::canonical;
use qinglian_core::crypto::{Digest, SecretKey};
use qinglian_core::gzip::{inflate_if_gzip, GzipError};

/// Most bytes a gzip context file may inflate to: it is held in memory whole (and a wasm32
/// module has 4 GiB at most).
const MAX_INFLATED_CONTEXT: u64 = 2 << 30;
use qinglian_core::kinds::{parse_body, Kind};
use qinglian_core::produce::{self, BatchDraft, BatchError, BatchRef, LogHead, ProduceError, SignedStatement};
use qinglian_core::statement::{self, StatementType};
use qinglian_core::time::Timestamp;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// How to read the tables.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only sheets of this kind (and its list sheets); otherwise the kind is found from the sheet
    /// name or its headers.
    pub kind: Option<Kind>,
    /// Columns that no member has are left out instead of refused.
    pub ignore_unknown_columns: bool,
}

/// A record already signed: in the log being extended, or in a bundle given as context.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: Digest,
    pub log: String,
    pub kind: Kind,
    pub project: Option<String>,
    pub time: Timestamp,
    pub body: Value,
}

/// The records that rows may cite or may already be: the log's own and the context bundles'.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub records: Vec<Existing>,
    /// The federation named by the first bundle header among the lines, so the new records can be
    /// written as a bundle of the same federation.
    pub federation: Option<String>,
}

impl Context {
    /// Add the records among `lines` (log or bundle lines). Headers, roots, checkpoints and lines
    /// that do not read as records are passed over: the verifier, not the import, judges them.
    pub fn add_lines<'a>(&mut self, lines: impl IntoIterator<Item = &'a [u8]>) {
        for line in lines {
            let Ok(value) = canonical::parse_canonical(line, 64) else { continue };
            if statement::is_header(&value) {
                if self.federation.is_none() {
                    self.federation = value.get("federation").and_then(Value::as_str).map(str::to_owned);
                }
                continue;
            }
            let Ok(env) = statement::open_envelope(line, value) else { continue };
            if env.kind != StatementType::Record {
                continue;
            }
            let Ok(rec) = statement::parse_record(&env.stmt) else { continue };
            let body = env.stmt.get("body").cloned().unwrap_or(Value::Null);
            self.records.push(Existing {
                id: env.id,
                log: rec.log,
                kind: rec.kind,
                project: rec.project,
                time: rec.time,
                body,
            });
        }
    }

    /// Add the lines of a log or bundle file (plain NDJSON or gzip). Lines that are not signed
    /// records are skipped: the verifier, not the import, reports on them.
    pub fn add_file(&mut self, bytes: &[u8]) -> Result<(), GzipError> {
        let plain = inflate_if_gzip(bytes, MAX_INFLATED_CONTEXT)?;
        self.add_lines(qinglian_core::bundle::lines(&plain).filter(|l| !l.is_empty()));
        Ok(())
    }
}

/// Whether a row is to be signed or is already in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    New,
    Unchanged(Digest),
}

/// A record that a row cites: already signed, or another row of this plan (always an earlier one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefTarget {
    Signed(Digest),
    Row(usize),
}

/// One record of the plan: a main-sheet row with its list rows gathered in.
#[derive(Debug, Clone)]
pub struct Row {
    pub sheet: String,
    /// The row's first cell (`A12`).
    pub cell: String,
    pub kind: Kind,
    pub project: Option<String>,
    /// The 记录时间 column, when the table has one.
    pub time: Option<Timestamp>,
    pub body: Value,
    pub status: RowStatus,
    pub refs: Vec<RefTarget>,
}

/// How one table was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SheetSummary {
    pub file: String,
    pub sheet: String,
    /// The kind, or `null` when the sheet was not recognised.
    pub kind: Option<&'static str>,
    /// The list member for a list sheet (`project_team`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<&'static str>,
    /// Data rows read (empty rows are not counted).
    pub rows: usize,
}

/// Everything the import found: the records in signing order, and every problem.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub sheets: Vec<SheetSummary>,
    pub hidden_sheets: Vec<String>,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    /// The context's federation (see [`Context::federation`]).
    pub federation: Option<String>,
}

impl Plan {
    /// Nothing is wrong: the plan may be signed.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn new_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.status == RowStatus::New).count()
    }

    /// The report as JSON (the CLI's `--json`, the npm package's result).
    /// The new rows as a batch for [`produce::sign_batch`], with the plan row of each draft.
    pub fn batch(&self) -> (Vec<BatchDraft>, Vec<usize>) {
        let rows: Vec<usize> = (0..self.rows.len()).filter(|&i| self.rows[i].status == RowStatus::New).collect();
        let mut draft_of = vec![None; self.rows.len()];
        for (d, &i) in rows.iter().enumerate() {
            draft_of[i] = Some(d);
        }
        let drafts = rows
            .iter()
            .map(|&i| {
                let r = &self.rows[i];
                let refs = r
                    .refs
                    .iter()
                    .map(|t| match *t {
                        RefTarget::Signed(id) => BatchRef::Signed(id),
                        RefTarget::Row(j) => match (self.rows[j].status, draft_of[j]) {
                            (RowStatus::Unchanged(id), _) => BatchRef::Signed(id),
                            (RowStatus::New, d) => BatchRef::Draft(d.unwrap_or(usize::MAX)),
                        },
                    })
                    .collect();
                BatchDraft { kind: r.kind, project: r.project.clone(), time: r.time, body: r.body.clone(), refs }
            })
            .collect();
        (drafts, rows)
    }

    /// The batch as JSON, for the npm package's `LogWriter.appendBatch`: `{kind, project?, time?,
    /// body, refs: [id | {statement: k}], sheet, cell}`.
    pub fn statements_json(&self) -> Value {
        let (drafts, rows) = self.batch();
        drafts
            .iter()
            .zip(&rows)
            .map(|(d, &i)| {
                let mut o = json!({"kind": d.kind.as_str(), "body": d.body, "sheet": self.rows[i].sheet, "cell": self.rows[i].cell});
                if let Some(p) = &d.project {
                    o["project"] = p.clone().into();
                }
                if let Some(t) = d.time {
                    o["time"] = t.to_string().into();
                }
                o["refs"] = d
                    .refs
                    .iter()
                    .map(|r| match r {
                        BatchRef::Signed(id) => Value::from(id.to_hex()),
                        BatchRef::Draft(k) => json!({"statement": k}),
                    })
                    .collect();
                o
            })
            .collect()
    }

    pub fn to_json(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                let mut o = json!({"sheet": r.sheet, "cell": r.cell, "kind": r.kind.as_str(), "body": r.body});
                if let Some(p) = &r.project {
                    o["project"] = p.clone().into();
                }
                o["status"] = match r.status {
                    RowStatus::New => "new".into(),
                    RowStatus::Unchanged(_) => "unchanged".into(),
                };
                if let RowStatus::Unchanged(id) = r.status {
                    o["id"] = id.to_hex().into();
                }
                o
            })
            .collect();
        json!({
            "ok": self.is_clean(),
            "sheets": self.sheets,
            "hidden_sheets": self.hidden_sheets,
            "new": self.new_rows(),
            "unchanged": self.rows.len() - self.new_rows(),
            "rows": rows,
            "problems": self.problems,
            "federation": self.federation,
        })
    }
}

/// A table matched to a sheet layout: where its header is and which column each cell is.
struct Matched<'l> {
    layout: &'l SheetLayout,
    /// Row index of the first data row.
    data_start: usize,
    /// For each table column, the layout column it holds and the amount unit its header names.
    columns: Vec<Option<(usize, AmountUnit)>>,
}

/// The header text of each cell of row `r`, and the same prefixed by the merged group header
/// above it (`投标保证金/缴纳单位`), both normalized.
fn header_candidates(table: &Table, r: usize) -> Vec<(String, Option<String>, Option<AmountUnit>)> {
    let row = &table.rows[r];
    let mut group: Option<String> = None;
    let above = r.checked_sub(1).map(|a| &table.rows[a]);
    (0..row.len())
        .map(|c| {
            if let Some(cell) = above.and_then(|a| a.get(c)).filter(|x| !x.is_empty()) {
                group = Some(normalize_header(&cell.text()).0);
            }
            let (text, unit) = normalize_header(&row[c].text());
            let grouped = group.as_ref().filter(|_| !text.is_empty()).map(|g| format!("{g}/{text}"));
            (text, grouped, unit)
        })
        .collect()
}

fn column_for(layout: &SheetLayout, text: &str, grouped: Option<&str>) -> Option<usize> {
    layout
        .columns
        .iter()
        .position(|c| header_matches(c, text))
        .or_else(|| grouped.and_then(|g| layout.columns.iter().position(|c| header_matches(c, g))))
}

/// How well `layout` explains row `r` by itself: (matched, unmatched) non-empty cells.
fn own_score(table: &Table, r: usize, layout: &SheetLayout) -> (usize, usize) {
    let mut score = (0, 0);
    for (text, grouped, _) in header_candidates(table, r) {
        if text.is_empty() {
            continue;
        }
        if column_for(layout, &text, grouped.as_deref()).is_some() {
            score.0 += 1;
        } else {
            score.1 += 1;
        }
    }
    score
}

/// One header cell: the layout column it names (if any), the unit it names, its text as written
/// and the row it is on.
struct HeaderCell {
    column: Option<usize>,
    unit: AmountUnit,
    text: String,
    row: usize,
}

/// The header of row `r`, column by column. A two-row header is read as one: a merged group cell
/// over its members (投标保证金 above 缴纳形式 | 缴纳单位), or a template's English row under the
/// Chinese one; a cell of row `r` that names no column may be named by the cell under it.
fn resolve_header(table: &Table, r: usize, layout: &SheetLayout) -> Vec<Option<HeaderCell>> {
    let this = header_candidates(table, r);
    let next = r + 1;
    let next_is_header = next < table.rows.len() && {
        let (m, u) = own_score(table, next, layout);
        m > 0 && m >= u
    };
    let below = if next_is_header { header_candidates(table, next) } else { Vec::new() };
    let width = this.len().max(below.len());
    (0..width)
        .map(|c| {
            let named = |cands: &[(String, Option<String>, Option<AmountUnit>)], row: usize| {
                let (text, grouped, unit) = cands.get(c).filter(|t| !t.0.is_empty())?;
                let raw = table.rows[row].get(c).map(Cell::text).unwrap_or_default();
                let column = column_for(layout, text, grouped.as_deref());
                Some(HeaderCell { column, unit: unit.unwrap_or_default(), text: raw, row })
            };
            let own = named(&this, r);
            let sub = if next_is_header { named(&below, next) } else { None };
            match (own, sub) {
                (Some(o), _) if o.column.is_some() => Some(o),
                (_, Some(s)) if s.column.is_some() => Some(s),
                (Some(o), _) => Some(o),
                (None, s) => s,
            }
        })
        .collect()
}

/// How well `layout` explains row `r` as the header: (matched, unmatched) header cells.
fn header_score(table: &Table, r: usize, layout: &SheetLayout) -> (usize, usize) {
    resolve_header(table, r, layout).iter().flatten().fold((0, 0), |(m, u), h| {
        if h.column.is_some() {
            (m + 1, u)
        } else {
            (m, u + 1)
        }
    })
}

/// The header row of `table` under `layout`: the first row, among the first ten, that most of
/// whose cells are columns of the layout.
fn find_header(table: &Table, layout: &SheetLayout) -> Option<(usize, (usize, usize))> {
    let mut best: Option<(usize, (usize, usize))> = None;
    for r in 0..table.rows.len().min(10) {
        let s = header_score(table, r, layout);
        if s.0 > 0 && s.0 >= s.1 && best.is_none_or(|(_, b)| s.0 > b.0) {
            best = Some((r, s));
        }
    }
    best
}

fn match_table<'l>(
    table: &Table,
    candidates: &[&'l SheetLayout],
    options: &Options,
    problems: &mut Vec<Problem>,
) -> Option<Matched<'l>> {
    let named: Vec<&&SheetLayout> = candidates.iter().filter(|l| l.is_named(&table.name)).collect();
    let chosen = if let [one] = named.as_slice() {
        find_header(table, one).map(|h| (**one, h))
    } else {
        // The layout that explains the most header cells; the main sheet wins a tie with its lists.
        candidates
            .iter()
            .filter_map(|l| find_header(table, l).map(|h| (*l, h)))
            .filter(|(_, (_, s))| s.0 >= 2 || s.1 == 0)
            .max_by_key(|(l, (_, s))| (s.0 as i64 - s.1 as i64, l.list.is_none()))
    };
    let Some((layout, (header_row, _))) = chosen else {
        let (code, en, zh) = if named.is_empty() {
            (
                "SHEET_UNKNOWN",
                "no record kind has these headers (name the kind with --kind, or use the template's headers)",
                "表头不属于任何记录类型（可用 --kind 指定类型，或使用模板的表头）",
            )
        } else {
            ("HEADER_MISSING", "no header row among the first ten rows", "前十行中未找到表头行")
        };
        problems.push(sheet_problem(code, &table.name, None, en, zh));
        return None;
    };

    // Rows right under the header that are headers too (the English names of a template).
    let mut data_start = header_row + 1;
    while data_start < table.rows.len() {
        let (m, u) = own_score(table, data_start, layout);
        if m == 0 || m < u {
            break;
        }
        data_start += 1;
    }

    let mut columns = Vec::new();
    let mut mapped = vec![false; layout.columns.len()];
    for (c, header) in resolve_header(table, header_row, layout).into_iter().enumerate() {
        let Some(HeaderCell { column, unit, text: header, row }) = header else {
            columns.push(None);
            continue;
        };
        let cell = Some(table.cell_ref(row, c));
        match column {
            Some(i) if mapped[i] => {
                problems.push(Problem {
                    value: Some(header),
                    column: Some(layout.columns[i].en.clone()),
                    ..sheet_problem(
                        "COLUMN_DUPLICATE",
                        &table.name,
                        cell,
                        "this column appears twice",
                        "该列出现了两次",
                    )
                });
                columns.push(None);
            }
            Some(i) => {
                mapped[i] = true;
                columns.push(Some((i, unit)));
            }
            None => {
                if !options.ignore_unknown_columns {
                    problems.push(Problem {
                        value: Some(header),
                        ..sheet_problem(
                            "COLUMN_UNKNOWN",
                            &table.name,
                            cell,
                            format!(
                                "no member of {} has this column (leave it out with --ignore-column)",
                                layout.name_en
                            ),
                            format!("“{}”没有这一列（可用 --ignore-column 忽略）", layout.name_zh),
                        )
                    });
                }
                columns.push(None);
            }
        }
    }
    // Required columns; a group's required members only when some member of the group is given.
    let groups_given: Vec<&str> =
        layout.columns.iter().zip(&mapped).filter(|(_, m)| **m).filter_map(|(c, _)| c.group()).collect();
    for (col, _) in layout.columns.iter().zip(&mapped).filter(|(_, m)| !**m) {
        let needed = col.required && col.group().is_none_or(|g| groups_given.contains(&g));
        if needed {
            problems.push(Problem {
                column: Some(col.en.clone()),
                ..sheet_problem(
                    "COLUMN_MISSING",
                    &table.name,
                    Some(table.cell_ref(header_row, 0)),
                    format!("the required column {} ({}) is missing", col.header_zh(), col.en),
                    format!("缺少必填列“{}”（{}）", col.header_zh(), col.en),
                )
            });
        }
    }
    Some(Matched { layout, data_start, columns })
}

fn sheet_problem(
    code: &'static str,
    sheet: &str,
    cell: Option<String>,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> Problem {
    Problem { code, sheet: sheet.to_owned(), cell, column: None, value: None, en: en.into(), zh: zh.into() }
}

/// One data row converted: the values by layout column, and where each came from.
struct RowValues<'l> {
    layout: &'l SheetLayout,
    sheet: String,
    /// Row index in the table (for cell references).
    row: usize,
    table_index: usize,
    values: Vec<(usize, Value)>,
    /// Table column of each layout column that has a value (for problems found later).
    cells: HashMap<usize, usize>,
    clean: bool,
}

impl RowValues<'_> {
    fn get(&self, path: &[&str]) -> Option<&Value> {
        self.values.iter().find(|(c, _)| self.layout.columns[*c].path == path).map(|(_, v)| v)
    }

    /// The natural key as text, from the columns named in `keys::natural_key`.
    fn key(&self, kind: Kind) -> Vec<String> {
        keys::natural_key(kind).iter().map(|k| self.get(&[k]).map(key_text).unwrap_or_default()).collect()
    }
}

fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Split a list cell into its items: `;`, `；`, `、` or line breaks.
fn list_items(text: &str) -> Vec<String> {
    text.split([';', '；', '\n', '\r']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn read_rows<'l>(
    table: &Table,
    table_index: usize,
    m: &Matched<'l>,
    problems: &mut Vec<Problem>,
) -> Vec<RowValues<'l>> {
    let mut out = Vec::new();
    for r in m.data_start..table.rows.len() {
        let row = &table.rows[r];
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let mut rv = RowValues {
            layout: m.layout,
            sheet: table.name.clone(),
            row: r,
            table_index,
            values: Vec::new(),
            cells: HashMap::new(),
            clean: true,
        };
        let bad = |code, col: &Column, c: usize, cell: &Cell, en: String, zh: String| Problem {
            code,
            sheet: table.name.clone(),
            cell: Some(table.cell_ref(r, c)),
            column: Some(col.en.clone()),
            value: (!cell.is_empty()).then(|| cell.text()),
            en,
            zh,
        };
        let mut groups_present = Vec::new();
        let mut errored = Vec::new();
        for (c, slot) in m.columns.iter().enumerate() {
            let Some((i, unit)) = *slot else { continue };
            let col = &m.layout.columns[i];
            let cell = row.get(c).unwrap_or(&Cell::Empty);
            rv.cells.insert(i, c);
            if cell.is_empty() {
                continue;
            }
            let converted = if col.list {
                let mut items = Vec::new();
                let mut err = None;
                for item in list_items(&cell.text()) {
                    match cell::convert(&Cell::Text(item), &col.scalar, unit) {
                        Ok(Some(v)) => items.push(v),
                        Ok(None) => {}
                        Err(e) => err = err.or(Some(e)),
                    }
                }
                err.map_or(Ok(Some(Value::Array(items))), Err)
            } else {
                cell::convert(cell, &col.scalar, unit)
            };
            match converted {
                Ok(Some(v)) => {
                    if let Some(g) = col.group() {
                        groups_present.push(g);
                    }
                    rv.values.push((i, v));
                }
                Ok(None) => {}
                Err(e) => {
                    if let Some(g) = col.group() {
                        groups_present.push(g);
                    }
                    problems.push(bad(e.code, col, c, cell, e.en, e.zh));
                    errored.push(i);
                    rv.clean = false;
                }
            }
        }
        for (i, col) in m.layout.columns.iter().enumerate() {
            let needed = col.required && col.group().is_none_or(|g| groups_present.contains(&g));
            let given = rv.values.iter().any(|(c, _)| *c == i);
            if needed && !given && !errored.contains(&i) {
                if let Some(&c) = rv.cells.get(&i) {
                    problems.push(bad(
                        "CELL_REQUIRED",
                        col,
                        c,
                        &Cell::Empty,
                        format!("{} ({}) is required", col.zh, col.en),
                        format!("“{}”为必填项", col.zh),
                    ));
                }
                rv.clean = false;
            }
        }
        out.push(rv);
    }
    out
}

/// Insert `value` at `path` in `object`, creating nested objects on the way.
fn insert_at(object: &mut Map<String, Value>, path: &[&str], value: Value) {
    match path {
        [] => {}
        [last] => {
            object.insert((*last).to_owned(), value);
        }
        [first, rest @ ..] => {
            let entry = object.entry((*first).to_owned()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = entry {
                insert_at(inner, rest, value);
            }
        }
    }
}

/// Where a body path (`$.project_team[1].person`) was written: sheet and cell.
fn locate(
    path: &str,
    main: &RowValues<'_>,
    children: &[(&'static str, &RowValues<'_>)],
    tables: &[&Table],
) -> (String, String, Option<String>) {
    let p = path.trim_start_matches('$').trim_start_matches('.');
    let (first, rest) = p.split_once('.').unwrap_or((p, ""));
    let (name, index) = match first.split_once('[') {
        Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (first, None),
    };
    // A path into a list inside a list item names the item's column.
    let rest = rest.split_once('[').map_or(rest, |(r, _)| r).to_owned();
    let (rv, column) = match index {
        Some(i) => match children.iter().filter(|(list, _)| *list == name).nth(i) {
            Some((_, child)) => (*child, rest.replace('.', "/")),
            None => (main, name.to_owned()),
        },
        None if rest.is_empty() => (main, name.to_owned()),
        None => (main, format!("{name}/{}", rest.replace('.', "/"))),
    };
    let table = tables[rv.table_index];
    let cell = rv
        .layout
        .columns
        .iter()
        .position(|c| c.en == column)
        .and_then(|i| rv.cells.get(&i))
        .map(|&c| table.cell_ref(rv.row, c))
        .unwrap_or_else(|| table.cell_ref(rv.row, 0));
    let known = rv.layout.columns.iter().any(|c| c.en == column);
    (rv.sheet.clone(), cell, known.then_some(column))
}

/// Plan an import of `files` (file name and its tables) into `log`, given what is already signed.
/// The 说明 sheet a template carries: a filled-in template imports without taking it out.
fn is_template_readme(table: &Table) -> bool {
    table.name == crate::template::README_SHEET
        && table.rows.first().and_then(|r| r.first()).is_some_and(|c| c.text() == crate::template::README_TITLE)
}

pub fn plan(files: &[(String, Workbook)], context: &Context, log: &str, options: &Options) -> Plan {
    let layouts: Vec<KindLayout> = all_layouts();
    let candidates: Vec<&SheetLayout> =
        layouts.iter().filter(|l| options.kind.is_none_or(|k| k == l.kind)).flat_map(KindLayout::sheets).collect();
    let mut out = Plan { federation: context.federation.clone(), ..Plan::default() };
    let tables: Vec<&Table> = files.iter().flat_map(|(_, w)| &w.tables).collect();
    let mut rows: Vec<RowValues<'_>> = Vec::new();
    let mut t = 0;
    for (file, book) in files {
        out.hidden_sheets.extend(book.hidden_sheets.iter().cloned());
        for table in &book.tables {
            let index = t;
            t += 1;
            if table.rows.iter().all(|r| r.iter().all(Cell::is_empty)) || is_template_readme(table) {
                continue;
            }
            let matched = match_table(table, &candidates, options, &mut out.problems);
            let read = matched.as_ref().map(|m| read_rows(table, index, m, &mut out.problems)).unwrap_or_default();
            out.sheets.push(SheetSummary {
                file: file.clone(),
                sheet: table.name.clone(),
                kind: matched.as_ref().map(|m| m.layout.kind.as_str()),
                list: matched.as_ref().and_then(|m| m.layout.list),
                rows: read.len(),
            });
            rows.extend(read);
        }
    }

    // Main rows, in kind order (what a record cites is of an earlier kind, so is signed first).
    let mut mains: Vec<&RowValues<'_>> = rows.iter().filter(|r| r.layout.list.is_none()).collect();
    mains.sort_by_key(|r| r.layout.kind);
    let mut by_key: HashMap<(Kind, Vec<String>), usize> = HashMap::new();
    let mut duplicate = vec![false; mains.len()];
    for (i, r) in mains.iter().enumerate() {
        let key = (r.layout.kind, r.key(r.layout.kind));
        if let Some(&first) = by_key.get(&key) {
            duplicate[i] = true;
            let first_cell = tables[mains[first].table_index].cell_ref(mains[first].row, 0);
            let (sheet, cell, _) = locate("$", r, &[], &tables);
            out.problems.push(Problem {
                code: "ROW_DUPLICATE",
                sheet: sheet.clone(),
                cell: Some(cell),
                column: None,
                value: Some(key.1.join(" | ")),
                en: format!(
                    "the same record as {}!{first_cell} (same {})",
                    mains[first].sheet,
                    keys::natural_key(key.0).join(", ")
                ),
                zh: format!(
                    "与 {}!{first_cell} 是同一记录（{} 相同）",
                    mains[first].sheet,
                    key_names_zh(r.layout, key.0)
                ),
            });
        } else {
            by_key.insert(key, i);
        }
    }

    // List rows join their parent by the parent's natural key.
    let mut children: Vec<Vec<(&'static str, &RowValues<'_>)>> = vec![Vec::new(); mains.len()];
    for child in rows.iter().filter(|r| r.layout.list.is_some()) {
        let kind = child.layout.kind;
        match by_key.get(&(kind, child.key(kind))) {
            Some(&parent) => children[parent].push((child.layout.list.unwrap_or_default(), child)),
            None if child.clean => {
                let table = tables[child.table_index];
                out.problems.push(Problem {
                    code: "ROW_ORPHAN",
                    sheet: child.sheet.clone(),
                    cell: Some(table.cell_ref(child.row, 0)),
                    column: None,
                    value: Some(child.key(kind).join(" | ")),
                    en: format!("no {} row has this {}", kind.as_str(), keys::natural_key(kind).join(", ")),
                    zh: format!("“{}”表中没有{}相同的行", kind.title_zh(), key_names_zh(child.layout, kind)),
                });
            }
            None => {}
        }
    }

    // Existing records of this log by natural key; every record by (kind, member, value) for references.
    let key_of = |kind: Kind, project: &Option<String>, body: &Value| -> Vec<String> {
        keys::natural_key(kind)
            .iter()
            .map(|k| {
                if *k == PROJECT {
                    project.clone().unwrap_or_default()
                } else {
                    body.get(*k).map(key_text).unwrap_or_default()
                }
            })
            .collect()
    };
    let mut signed_by_key: HashMap<(Kind, Vec<String>), &Existing> = HashMap::new();
    for e in context.records.iter().filter(|e| e.log == log) {
        signed_by_key.insert((e.kind, key_of(e.kind, &e.project, &e.body)), e);
    }

    for (i, main) in mains.iter().enumerate() {
        let kind = main.layout.kind;
        let mut body = Map::new();
        let mut project = None;
        let mut time = None;
        for (c, v) in &main.values {
            let path = &main.layout.columns[*c].path;
            if path.as_slice() == [PROJECT] {
                project = v.as_str().map(str::to_owned);
            } else if path.as_slice() == [TIME] {
                time = v.as_str().and_then(|t| Timestamp::parse(t).ok());
            } else {
                insert_at(&mut body, path, v.clone());
            }
        }
        for (list, child) in &children[i] {
            let mut item = Map::new();
            for (c, v) in &child.values {
                let col = &child.layout.columns[*c];
                if !col.parent_key {
                    insert_at(&mut item, &col.path, v.clone());
                }
            }
            if let Value::Array(items) = body.entry((*list).to_owned()).or_insert_with(|| Value::Array(Vec::new())) {
                items.push(Value::Object(item));
            }
        }
        let body = Value::Object(body);
        let clean = main.clean && children[i].iter().all(|(_, c)| c.clean) && !duplicate[i];
        if clean {
            if let Err(e) = parse_body(kind, &body) {
                let (sheet, cell, column) = locate(&e.path, main, &children[i], &tables);
                out.problems.push(Problem {
                    code: "ROW_INVALID",
                    sheet,
                    cell: Some(cell),
                    column,
                    value: None,
                    en: e.message_en(),
                    zh: e.message_zh(),
                });
            }
        }
        let table = tables[main.table_index];
        out.rows.push(Row {
            sheet: main.sheet.clone(),
            cell: table.cell_ref(main.row, 0),
            kind,
            project,
            time,
            body,
            status: RowStatus::New,
            refs: Vec::new(),
        });
    }

    // References by natural key, and what the log already holds. Both sides are indexed once by
    // (kind, member, value): a half-year table cites thousands of records.
    let planned_index = TargetIndex::new(out.rows.iter().map(|o| (o.kind, &o.body)));
    let context_index = TargetIndex::new(context.records.iter().map(|e| (e.kind, &e.body)));
    for i in 0..out.rows.len() {
        let (kind, body, project) = (out.rows[i].kind, out.rows[i].body.clone(), out.rows[i].project.clone());
        let mut refs = Vec::new();
        for r in keys::references(kind) {
            let Some(value) = body.get(r.member).and_then(Value::as_str) else { continue };
            let same_project = |p: &Option<String>| p.is_none() || project.is_none() || *p == project;
            // The latest row or record with that value, in the same project when both name one.
            let planned = planned_index.latest(r, value, |j| same_project(&out.rows[j].project));
            let target = match planned {
                Some(j) => match out.rows[j].status {
                    RowStatus::Unchanged(id) => Some(RefTarget::Signed(id)),
                    RowStatus::New => Some(RefTarget::Row(j)),
                },
                None => context_index
                    .latest(r, value, |j| same_project(&context.records[j].project))
                    .map(|j| RefTarget::Signed(context.records[j].id)),
            };
            match target {
                Some(t) => refs.push(t),
                None => {
                    let (sheet, cell, column) = locate(&format!("$.{}", r.member), mains[i], &[], &tables);
                    out.problems.push(Problem {
                        code: "REF_UNRESOLVED",
                        sheet,
                        cell: Some(cell),
                        column,
                        value: Some(value.to_owned()),
                        en: format!(
                            "no {} record with {} {} in these tables, the log or the context bundles",
                            r.target.as_str(),
                            r.target_member,
                            json!(value)
                        ),
                        zh: format!(
                            "表格、日志和参考数据包中都没有{}为“{value}”的{}记录",
                            member_zh(r.target, r.target_member),
                            r.target.title_zh()
                        ),
                    });
                }
            }
        }
        out.rows[i].refs = refs;
        // A duplicate row is reported once, as a duplicate.
        let existing = signed_by_key.get(&(kind, key_of(kind, &project, &body))).filter(|_| !duplicate[i]);
        if let Some(existing) = existing {
            if existing.project == project && same_body(kind, &existing.body, &body) {
                out.rows[i].status = RowStatus::Unchanged(existing.id);
            } else {
                let (sheet, cell, _) = locate("$", mains[i], &[], &tables);
                let hint_en = if body.get("supersedes_no").is_some() || has_member(kind, "supersedes_no") {
                    " A revision is a new row with its own number that names this one in supersedes_no."
                } else {
                    ""
                };
                let hint_zh = if hint_en.is_empty() {
                    ""
                } else {
                    "修订应作为新的一行，使用新的文号，并在“被替代的批复文号”中填写本行文号。"
                };
                out.problems.push(Problem {
                    code: "ROW_CHANGED",
                    sheet,
                    cell: Some(cell),
                    column: None,
                    value: Some(key_of(kind, &project, &body).join(" | ")),
                    en: format!(
                        "this record is already signed in {log} as {} with different content; signed records are never changed.{hint_en}",
                        existing.id
                    ),
                    zh: format!("该记录已在 {log} 中签名（{}），内容与本行不同；已签名的记录不能修改。{hint_zh}", existing.id),
                });
            }
        }
    }
    in_signing_order(&mut out.rows);
    out
}

/// Positions of rows or records by what references cite: (target kind, member, value).
struct TargetIndex {
    by_value: HashMap<(Kind, &'static str, String), Vec<usize>>,
}

impl TargetIndex {
    fn new<'a>(items: impl Iterator<Item = (Kind, &'a Value)>) -> Self {
        let mut by_value: HashMap<(Kind, &'static str, String), Vec<usize>> = HashMap::new();
        let cited: Vec<&keys::Reference> = Kind::ALL.iter().flat_map(|k| keys::references(*k)).collect();
        for (i, (kind, body)) in items.enumerate() {
            for r in cited.iter().filter(|r| r.target == kind) {
                if let Some(v) = body.get(r.target_member).and_then(Value::as_str) {
                    let positions = by_value.entry((kind, r.target_member, v.to_owned())).or_default();
                    if positions.last() != Some(&i) {
                        positions.push(i);
                    }
                }
            }
        }
        TargetIndex { by_value }
    }

    /// The last position that `r` may cite with `value` and that `accept` takes.
    fn latest(&self, r: &keys::Reference, value: &str, accept: impl Fn(usize) -> bool) -> Option<usize> {
        self.by_value.get(&(r.target, r.target_member, value.to_owned()))?.iter().rev().copied().find(|&i| accept(i))
    }
}

/// Rows in the order their records are signed: by 记录时间 (so a back-filled log reads forward in
/// time), then by kind. References keep pointing at the same rows; [`sign`] signs a cited row
/// before the row that cites it whatever the order.
fn in_signing_order(rows: &mut Vec<Row>) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (rows[i].time.map(|t| t.unix), rows[i].kind, i));
    let mut new_index = vec![0; rows.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut taken: Vec<Option<Row>> = std::mem::take(rows).into_iter().map(Some).collect();
    for &old in &order {
        if let Some(mut row) = taken[old].take() {
            for r in &mut row.refs {
                if let RefTarget::Row(j) = r {
                    *j = new_index[*j];
                }
            }
            rows.push(row);
        }
    }
}

/// Two bodies say the same thing when the core reads them as equal (an empty list written or left
/// out, members in any order).
fn same_body(kind: Kind, a: &Value, b: &Value) -> bool {
    a == b || matches!((parse_body(kind, a), parse_body(kind, b)), (Ok(x), Ok(y)) if x == y)
}

fn has_member(kind: Kind, name: &str) -> bool {
    qinglian_core::kinds::schema::body_members(kind).iter().any(|m| m.name == name)
}

fn member_zh(kind: Kind, name: &str) -> &'static str {
    if name == PROJECT {
        return "项目代码";
    }
    qinglian_core::kinds::schema::body_members(kind).iter().find(|m| m.name == name).map(|m| m.zh).unwrap_or("")
}

fn key_names_zh(_layout: &SheetLayout, kind: Kind) -> String {
    keys::natural_key(kind).iter().map(|k| member_zh(kind, k)).collect::<Vec<_>>().join("、")
}

/// Why signing a plan failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SignError {
    /// The plan has problems: nothing was signed.
    NotClean(usize),
    /// The core refused a record (cannot happen for a clean plan; kept as an error, not a panic).
    Refused { sheet: String, cell: String, error: ProduceError },
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::NotClean(n) => write!(f, "the import has {n} problems; nothing was signed"),
            SignError::Refused { sheet, cell, error } => write!(f, "{sheet}!{cell}: {error} [{}]", error.code()),
        }
    }
}

impl std::error::Error for SignError {}

/// Sign the plan's new rows into the log at `head`, in plan order, at `time` unless a row has
/// its own 记录时间. All or nothing: on an error
/// no statement is returned and `head` is left as it was.
pub fn sign(
    plan: &Plan,
    key: &SecretKey,
    head: &mut LogHead,
    time: Timestamp,
) -> Result<Vec<SignedStatement>, SignError> {
    if !plan.is_clean() {
        return Err(SignError::NotClean(plan.problems.len()));
    }
    let (drafts, rows) = plan.batch();
    let signed = produce::sign_batch(key, head, &drafts, time).map_err(|e| match e {
        BatchError::Refused { index, error } => SignError::Refused {
            sheet: plan.rows[rows[index]].sheet.clone(),
            cell: plan.rows[rows[index]].cell.clone(),
            error,
        },
        BatchError::Unsignable { index } => SignError::Refused {
            sheet: plan.rows[rows[index]].sheet.clone(),
            cell: plan.rows[rows[index]].cell.clone(),
            error: ProduceError::Invalid(qinglian_core::statement::StatementError::Field {
                path: "$.stmt.refs".into(),
                expected: "records that can be signed before this one",
            }),
        },
    })?;
    Ok(signed.into_iter().map(|(_, s)| s).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use qinglian_core::time::Timestamp;

    #[test]
    fn the_context_names_the_first_bundle_headers_federation() {
        let mut context = Context::default();
        context.add_lines([&b"not a line"[..]]);
        assert_eq!(context.federation, None);
        let created = Timestamp { unix: 1_700_000_000, offset_minutes: 480 };
        let first = qinglian_core::produce::bundle_header("city-a", created, None);
        let second = qinglian_core::produce::bundle_header("city-b", created, None);
        context.add_lines([first.as_slice(), second.as_slice()]);
        assert_eq!(context.federation.as_deref(), Some("city-a"));
        let plan = plan(&[], &context, "jyzx/main", &Options::default());
        assert_eq!(plan.to_json()["federation"], "city-a");
    }
}
