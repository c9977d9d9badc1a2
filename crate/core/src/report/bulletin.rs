//! The weekly dispatch list (周调度清单) and the monthly bulletin (月通报) drawn from the supervision
//! board of a report (`analysis.supervision`, [`super::supervision_board`]). Like the terminal
//! summary ([`super::text`]) they read the report's JSON, so the CLI, npm and the page (through the
//! import module) print the same table from the same report.
//!
//! Statuses are those of the board, as of the data's own date (`as_of`); the period decides which
//! events count as "in the period" and, for the monthly bulletin, which problems are listed.

use super::text::Lang;
use crate::kinds::problem::{ProblemCategory, Severity};
use crate::time::Date;
use serde::Serialize;
use serde_json::Value;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulletinKind {
    /// 周调度: the seven days ending on the period end; every problem not yet confirmed.
    Weekly,
    /// 月通报: the calendar month of the period end; problems found, rectified or confirmed in it,
    /// and every one still open.
    Monthly,
}

impl BulletinKind {
    pub fn parse(s: &str) -> Option<BulletinKind> {
        match s {
            "weekly" => Some(BulletinKind::Weekly),
            "monthly" => Some(BulletinKind::Monthly),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BulletinKind::Weekly => "weekly",
            BulletinKind::Monthly => "monthly",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BulletinCounts {
    pub found_in_period: u64,
    pub rectified_in_period: u64,
    pub confirmed_in_period: u64,
    pub open_at_end: u64,
    pub overdue_at_end: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    pub kind: &'static str,
    pub title: String,
    pub period: Period,
    pub as_of: Option<String>,
    /// 主送: the responsible parties of the listed problems, in order of first appearance, by the
    /// names the trust root gives departments (units by their USCC).
    pub recipients: Vec<String>,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub counts: BulletinCounts,
    /// The table as CSV (UTF-8 with BOM, CRLF line ends: what spreadsheet programs here open).
    pub csv: String,
}

/// Why a bulletin could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulletinError {
    /// The report has no supervision board (checks were off, or an older report).
    NoBoard,
}

impl BulletinError {
    pub fn code(&self) -> &'static str {
        "NO_SUPERVISION_BOARD"
    }
}

impl std::fmt::Display for BulletinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the report has no supervision board (run the checks to get analysis.supervision)")
    }
}

impl std::error::Error for BulletinError {}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn date(v: &Value, k: &str) -> Option<Date> {
    Date::parse(s(v, k)).ok()
}

fn month_start(d: Date) -> Date {
    let (y, m, _) = d.ymd();
    Date(crate::time::days_from_civil(y, m, 1))
}

fn month_end(d: Date) -> Date {
    let (y, m, _) = d.ymd();
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Date(crate::time::days_from_civil(ny, nm, 1) - 1)
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn status_name(status: &str, lang: Lang) -> &'static str {
    use super::supervision_board::ProblemStatus;
    ProblemStatus::ALL
        .iter()
        .find(|x| x.as_str() == status)
        .map(|x| {
            let n = x.name();
            pick(lang, n.zh, n.en)
        })
        .unwrap_or("")
}

fn category_name(c: &str, lang: Lang) -> String {
    ProblemCategory::parse(c).map_or(c.to_owned(), |c| pick(lang, c.name().zh, c.name().en).to_owned())
}

fn severity_name(c: &str, lang: Lang) -> String {
    Severity::parse(c).map_or(c.to_owned(), |c| pick(lang, c.name().zh, c.name().en).to_owned())
}

/// Counted history entries of a problem of one state, with their dates.
fn counted<'a>(p: &'a Value, state: &'a str) -> impl Iterator<Item = Date> + 'a {
    p.get("history").and_then(Value::as_array).into_iter().flatten().filter_map(move |h| {
        let ok = h.get("counted").and_then(Value::as_bool) == Some(true) && s(h, "state") == state;
        if ok {
            date(h, "date")
        } else {
            None
        }
    })
}

/// The latest step of a problem, as "date text".
fn latest(p: &Value) -> String {
    p.get("history")
        .and_then(Value::as_array)
        .and_then(|h| h.last())
        .map(|h| format!("{} {}", s(h, "date"), s(h, "text")))
        .unwrap_or_default()
}

fn csv_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

fn to_csv(columns: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

/// The bulletin of `kind` for the period ending on `period_end`, from a report's JSON.
pub fn build(report: &Value, kind: BulletinKind, period_end: Date, lang: Lang) -> Result<Bulletin, BulletinError> {
    let board = report.pointer("/analysis/supervision").filter(|b| b.is_object()).ok_or(BulletinError::NoBoard)?;
    let (from, to) = match kind {
        BulletinKind::Weekly => (Date(period_end.0 - 6), period_end),
        BulletinKind::Monthly => (month_start(period_end), month_end(period_end)),
    };
    let within = |d: Date| from <= d && d <= to;
    let problems = board.get("problems").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let as_of = board.get("as_of").and_then(Value::as_str).and_then(|d| Date::parse(d).ok());

    let mut counts = BulletinCounts::default();
    let mut listed: Vec<&Value> = Vec::new();
    for p in problems {
        let status = s(p, "status");
        let open = status != "confirmed";
        let found = date(p, "found_date").is_some_and(within);
        let rectified = counted(p, "completed").any(within);
        let confirmed = counted(p, "confirmed").any(within);
        counts.found_in_period += u64::from(found);
        counts.rectified_in_period += u64::from(rectified);
        counts.confirmed_in_period += u64::from(confirmed);
        counts.open_at_end += u64::from(open);
        let overdue = p.get("overdue").and_then(Value::as_bool) == Some(true);
        counts.overdue_at_end += u64::from(overdue);
        let list = match kind {
            BulletinKind::Weekly => open,
            BulletinKind::Monthly => open || found || rectified || confirmed,
        };
        if list {
            listed.push(p);
        }
    }
    // Overdue first (longest overdue first), then by due date and id: what the dispatch meeting
    // goes through in order.
    listed.sort_by_key(|p| {
        let overdue = p.get("overdue").and_then(Value::as_bool) == Some(true);
        (!overdue, s(p, "due_date").to_owned(), s(p, "problem_id").to_owned())
    });

    let columns: Vec<&'static str> = [
        ("序号", "No."),
        ("问题编号", "Problem"),
        ("项目代码", "Project"),
        ("整改责任单位", "Responsible"),
        ("问题类别", "Category"),
        ("严重程度", "Severity"),
        ("问题描述", "Description"),
        ("发现日期", "Found"),
        ("整改期限", "Due"),
        ("状态", "Status"),
        ("逾期天数", "Days overdue"),
        ("最新进展", "Latest"),
    ]
    .iter()
    .map(|(zh, en)| pick(lang, zh, en))
    .collect();
    // Department names from the report's trust root; units stay as their USCC.
    let name_of = |id: &str| -> String {
        report
            .pointer("/root/departments")
            .and_then(Value::as_array)
            .and_then(|ds| ds.iter().find(|d| s(d, "id") == id))
            .and_then(|d| d.pointer(if lang == Lang::Zh { "/name/zh" } else { "/name/en" }))
            .and_then(Value::as_str)
            .unwrap_or(id)
            .to_owned()
    };
    let mut recipients: Vec<String> = Vec::new();
    let rows: Vec<Vec<String>> = listed
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let responsible = name_of(s(p, "responsible"));
            if !recipients.contains(&responsible) {
                recipients.push(responsible.clone());
            }
            let overdue = p.get("overdue").and_then(Value::as_bool) == Some(true);
            let days = match (overdue, as_of, date(p, "due_date")) {
                (true, Some(t), Some(d)) => (t.0 - d.0).to_string(),
                _ => String::new(),
            };
            vec![
                (i + 1).to_string(),
                s(p, "problem_id").to_owned(),
                s(p, "project").to_owned(),
                responsible,
                category_name(s(p, "category"), lang),
                severity_name(s(p, "severity"), lang),
                s(p, "description").to_owned(),
                s(p, "found_date").to_owned(),
                s(p, "due_date").to_owned(),
                status_name(s(p, "status"), lang).to_owned(),
                days,
                latest(p),
            ]
        })
        .collect();
    let title = match (kind, lang) {
        (BulletinKind::Weekly, Lang::Zh) => format!("问题整改周调度清单（{from} 至 {to}）"),
        (BulletinKind::Weekly, Lang::En) => format!("Weekly rectification dispatch list ({from} to {to})"),
        (BulletinKind::Monthly, Lang::Zh) => {
            let (y, m, _) = to.ymd();
            format!("{y} 年 {m} 月问题整改情况通报")
        }
        (BulletinKind::Monthly, Lang::En) => {
            let (y, m, _) = to.ymd();
            format!("Monthly bulletin on problem rectification, {y}-{m:02}")
        }
    };
    let csv = to_csv(&columns, &rows);
    Ok(Bulletin {
        kind: kind.as_str(),
        title,
        period: Period { from: from.to_string(), to: to.to_string() },
        as_of: as_of.map(|d| d.to_string()),
        recipients,
        columns,
        rows,
        counts,
        csv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(id: &str, status: &str, found: &str, due: &str, overdue: bool, history: Value) -> Value {
        json!({"problem_id": id, "status": status, "overdue": overdue, "responsible": "zjj", "category": "contract",
               "severity": "medium", "description": "合同条款不明确", "found_date": found, "due_date": due,
               "project": "P1", "history": history})
    }

    fn report() -> Value {
        let h = |date: &str, state: Value| json!({"date": date, "state": state, "counted": true, "text": "x"});
        json!({"root": {"departments": [{"id": "zjj", "name": {"zh": "市住建局", "en": "Housing Bureau"}}]},
               "analysis": {"supervision": {"as_of": "2024-06-20", "problems": [
            problem("A", "confirmed", "2024-05-02", "2024-05-30", false,
                    json!([h("2024-05-02", Value::Null), h("2024-05-20", json!("completed")), h("2024-06-03", json!("confirmed"))])),
            problem("B", "overdue", "2024-05-10", "2024-06-10", true, json!([h("2024-05-10", Value::Null)])),
            problem("C", "rectified", "2024-06-01", "2024-06-30", false,
                    json!([h("2024-06-01", Value::Null), h("2024-06-18", json!("completed"))])),
            problem("D", "confirmed", "2024-03-01", "2024-03-30", false,
                    json!([h("2024-03-01", Value::Null), h("2024-03-20", json!("completed")), h("2024-03-25", json!("confirmed"))])),
        ]}}})
    }

    #[test]
    fn monthly_lists_the_months_events_and_everything_open() {
        let b = build(&report(), BulletinKind::Monthly, Date::parse("2024-06-15").unwrap(), Lang::Zh).unwrap();
        assert_eq!((b.period.from.as_str(), b.period.to.as_str()), ("2024-06-01", "2024-06-30"));
        let ids: Vec<&str> = b.rows.iter().map(|r| r[1].as_str()).collect();
        // B overdue first; A confirmed in June; C found and rectified in June; D is March's.
        assert_eq!(ids, ["B", "A", "C"]);
        assert_eq!(b.rows[0][10], "10");
        let c = &b.counts;
        assert_eq!(
            (c.found_in_period, c.rectified_in_period, c.confirmed_in_period, c.open_at_end, c.overdue_at_end),
            (1, 1, 1, 2, 1)
        );
        assert_eq!(b.title, "2024 年 6 月问题整改情况通报");
        assert_eq!(b.recipients, ["市住建局"]);
        assert_eq!(b.rows[0][3], "市住建局");
        assert!(b.csv.starts_with("\u{feff}序号,问题编号"));
        assert_eq!(b.csv.matches("\r\n").count(), 4);
    }

    #[test]
    fn weekly_lists_what_is_not_confirmed() {
        let b = build(&report(), BulletinKind::Weekly, Date::parse("2024-06-20").unwrap(), Lang::En).unwrap();
        assert_eq!(b.period.from, "2024-06-14");
        let ids: Vec<&str> = b.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(ids, ["B", "C"]);
        assert_eq!(b.counts.rectified_in_period, 1);
        assert_eq!(b.rows[0][9], "overdue");
    }

    #[test]
    fn no_board_is_an_error_and_cells_are_quoted() {
        assert_eq!(
            build(&json!({}), BulletinKind::Weekly, Date(0), Lang::Zh).unwrap_err().code(),
            "NO_SUPERVISION_BOARD"
        );
        let mut out = String::new();
        csv_cell(&mut out, "a,\"b\"");
        assert_eq!(out, "\"a,\"\"b\"\"\"");
    }
}
