//! Templates (empty tables with the right headers, rules and dropdowns) and tables of records
//! (the demo's spreadsheets): the import's layouts written out, CSV always, xlsx with the
//! `templates` feature.
//!
//! A table of records writes each value the way a department would type it (amounts in yuan,
//! enumerations by Chinese label), so importing it gives back the same bodies.

use crate::columns::{Column, KindLayout, SheetLayout};
use crate::keys;
use qinglian_core::kinds::schema::ValueClass;
use qinglian_core::kinds::Kind;
use serde_json::Value;

/// A record to write as table rows: its kind, project code and body.
#[derive(Debug, Clone)]
pub struct RecordRef<'a> {
    pub kind: Kind,
    pub project: Option<&'a str>,
    /// The record's time, written in the 记录时间 column.
    pub time: Option<String>,
    pub body: &'a Value,
}

/// One sheet's content: its layout and its data rows as text.
#[derive(Debug, Clone)]
pub struct SheetData<'l> {
    pub layout: &'l SheetLayout,
    pub rows: Vec<Vec<String>>,
}

/// The rule of a column in words, for the template's cell notes and the dictionary.
pub fn rule_zh(col: &Column) -> String {
    let mut s = match col.scalar.class {
        ValueClass::Amount => {
            "金额，单位元，至多两位小数；表头写“(万元)”时单位为万元；可写 1,234.56 或 12.3万元".to_owned()
        }
        ValueClass::SignedAmount => "金额（可为负数），单位元，至多两位小数".to_owned(),
        ValueClass::BasisPoints => "百分比，至多两位小数，如 12.5%".to_owned(),
        ValueClass::Date => "日期：2021-09-05、2021/9/5、2021年9月5日或 Excel 日期".to_owned(),
        ValueClass::Timestamp => "日期时间：2021-09-05 09:30（北京时间）或 Excel 日期时间".to_owned(),
        ValueClass::Bool => "是 / 否".to_owned(),
        ValueClass::Enum => {
            let labels: Vec<&str> = col.scalar.values.iter().map(|v| v.zh).collect();
            format!("取值：{}", labels.join("、"))
        }
        ValueClass::Party => "单位填统一社会信用代码，个人填注册证书编号".to_owned(),
        ValueClass::Actor => "单位填统一社会信用代码，部门填部门标识".to_owned(),
        _ => col.scalar.expected_zh.to_owned(),
    };
    if col.list {
        s.push_str("；可填多个，每行一个");
        if !is_free_text(col) {
            s.push_str("或用分号分隔");
        }
    }
    if col.required {
        s.insert_str(0, "必填。");
    }
    s
}

/// The same in English.
pub fn rule_en(col: &Column) -> String {
    let mut s = match col.scalar.class {
        ValueClass::Amount => {
            "amount in yuan, at most two decimals; a header with (万元) means 10,000 yuan; 1,234.56 or 12.3万元"
                .to_owned()
        }
        ValueClass::SignedAmount => "signed amount in yuan, at most two decimals".to_owned(),
        ValueClass::BasisPoints => "percentage with at most two decimals, e.g. 12.5%".to_owned(),
        ValueClass::Date => "date: 2021-09-05, 2021/9/5, 2021年9月5日 or an Excel date".to_owned(),
        ValueClass::Timestamp => {
            "date and time: 2021-09-05 09:30 (China Standard Time) or an Excel date-time".to_owned()
        }
        ValueClass::Bool => "是 / 否 (yes / no)".to_owned(),
        ValueClass::Enum => {
            let v: Vec<String> = col.scalar.values.iter().map(|v| format!("{} ({})", v.zh, v.value)).collect();
            format!("one of: {}", v.join(", "))
        }
        ValueClass::Party => "a unit's unified social credit code, or a person's registration number".to_owned(),
        ValueClass::Actor => "a unit's unified social credit code, or a department id".to_owned(),
        _ => col.scalar.expected_en.to_owned(),
    };
    if col.list {
        s.push_str(if is_free_text(col) {
            "; several: one per line"
        } else {
            "; several: one per line or separated by ;"
        });
    }
    if col.required {
        s.insert_str(0, "Required. ");
    }
    s
}

/// Lists of free text are split on line breaks only (the text may hold semicolons).
pub fn is_free_text(col: &Column) -> bool {
    matches!(col.scalar.type_name, "Text" | "Name")
}

/// A value as a department types it.
fn cell_text(col: &Column, value: &Value) -> String {
    match (col.scalar.class, value) {
        (_, Value::Array(items)) => items.iter().map(|v| cell_text(col, v)).collect::<Vec<_>>().join("\n"),
        (ValueClass::Amount | ValueClass::SignedAmount, Value::Number(n)) => {
            let fen = n.as_i64().unwrap_or(0);
            let sign = if fen < 0 { "-" } else { "" };
            let f = fen.unsigned_abs();
            format!("{sign}{}.{:02}", f / 100, f % 100)
        }
        (ValueClass::BasisPoints, Value::Number(n)) => {
            let bp = n.as_u64().unwrap_or(0);
            format!("{}.{:02}%", bp / 100, bp % 100)
        }
        (ValueClass::Bool, Value::Bool(b)) => if *b { "是" } else { "否" }.to_owned(),
        (ValueClass::Enum, Value::String(s)) => {
            col.scalar.values.iter().find(|v| v.value == s).map_or_else(|| s.clone(), |v| v.zh.to_owned())
        }
        (ValueClass::Party | ValueClass::Actor, Value::Object(o)) => {
            let (member, v) = o.iter().next().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or(""))).unwrap_or(("", ""));
            // A person or department id that happens to read as a credit code keeps its prefix.
            let looks_like_unit = qinglian_core::kinds::Uscc::parse(v).is_ok();
            match member {
                "person" if looks_like_unit => format!("个人:{v}"),
                "dept" if looks_like_unit => format!("部门:{v}"),
                _ => v.to_owned(),
            }
        }
        (_, Value::String(s)) => s.clone(),
        (_, Value::Null) => String::new(),
        (_, other) => other.to_string(),
    }
}

fn value_at<'v>(object: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(object, |v, k| v.get(*k))
}

/// The rows that `record` takes on each sheet of its kind's layout: one on the main sheet, one per
/// list item on the list sheets (repeating the main row's natural key).
pub fn record_rows(layout: &KindLayout, record: RecordRef<'_>) -> Vec<(usize, Vec<String>)> {
    let project = record.project.map(|p| Value::from(p.to_owned()));
    let time = record.time.as_ref().map(|t| Value::from(t.clone()));
    let value_of = |col: &Column, object: &Value| -> String {
        if col.path == [keys::PROJECT] {
            return project.as_ref().map(|p| cell_text(col, p)).unwrap_or_default();
        }
        if col.path == [keys::TIME] {
            return time.as_ref().map(|t| cell_text(col, t)).unwrap_or_default();
        }
        value_at(object, &col.path).map(|v| cell_text(col, v)).unwrap_or_default()
    };
    let mut out = vec![(0, layout.main.columns.iter().map(|c| value_of(c, record.body)).collect())];
    for (i, sheet) in layout.children.iter().enumerate() {
        let Some(list) = sheet.list else { continue };
        for item in record.body.get(list).and_then(Value::as_array).into_iter().flatten() {
            let row = sheet
                .columns
                .iter()
                .map(|c| if c.parent_key { value_of(c, record.body) } else { value_of(c, item) })
                .collect();
            out.push((i + 1, row));
        }
    }
    out
}

/// A CSV file: UTF-8 with a BOM (so that Excel opens it as UTF-8), the Chinese header row, the
/// English header row, then the rows.
pub fn csv_bytes(sheet: &SheetData<'_>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    let zh: Vec<String> = sheet.layout.columns.iter().map(Column::header_zh).collect();
    let en: Vec<&str> = sheet.layout.columns.iter().map(|c| c.en.as_str()).collect();
    // Writing into a Vec cannot fail.
    let _ = w.write_record(&zh);
    let _ = w.write_record(&en);
    for r in &sheet.rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// The 说明 (README) sheet's name and first cell, by which an import knows to pass over it.
pub const README_SHEET: &str = "说明";
pub const README_TITLE: &str = "清廉 Qinglian 数据导入模板 / import template";

/// The 说明 (README) sheet's lines: what the workbook is and how to fill it.
pub fn readme_lines(layouts: &[&KindLayout]) -> Vec<[String; 3]> {
    let mut lines = vec![
        [README_TITLE.to_owned(), String::new(), String::new()],
        ["第 1 行为中文列名（* 为必填），第 2 行为英文列名，从第 3 行起每行一条记录。".to_owned(), "Row 1: Chinese headers (* = required); row 2: English names; one record per row from row 3.".to_owned(), String::new()],
        ["列的顺序可以调整，表头可用中文名、英文名或常用别名；金额单位默认为元，表头写“(万元)”时为万元。".to_owned(), "Columns may be in any order, named in Chinese, English or a common alias; amounts are in yuan unless the header says (万元).".to_owned(), String::new()],
        ["明细表（如“投标项目班子”）的每行以主表的业务编号关联到主表的一行。".to_owned(), "Detail sheets (e.g. 投标项目班子) join their main sheet's row by its natural key.".to_owned(), String::new()],
        ["同一表格再次导入不会重复签名；已签名记录的内容改动将被拒绝（ROW_CHANGED）。".to_owned(), "Importing the same table again signs nothing new; a changed row that is already signed is refused (ROW_CHANGED).".to_owned(), String::new()],
        [String::new(), String::new(), String::new()],
        ["工作表 / sheet".to_owned(), "记录类型 / kind".to_owned(), "业务编号 / natural key".to_owned()],
    ];
    for l in layouts {
        for s in l.sheets() {
            lines.push([s.name_zh.clone(), s.name_en.clone(), keys::natural_key(l.kind).join(" + ")]);
        }
    }
    lines
}

#[cfg(feature = "templates")]
pub use xlsx::{xlsx_bytes, XlsxError};

#[cfg(feature = "templates")]
mod xlsx {
    use super::*;
    use rust_xlsxwriter::{DataValidation, Format, Note, Workbook, XlsxError as Inner};

    /// Writing the workbook failed (an xlsx limit was reached).
    #[derive(Debug)]
    pub struct XlsxError(pub String);

    impl std::fmt::Display for XlsxError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "cannot write the xlsx file: {}", self.0)
        }
    }

    impl std::error::Error for XlsxError {}

    impl From<Inner> for XlsxError {
        fn from(e: Inner) -> Self {
            XlsxError(e.to_string())
        }
    }

    /// Rows a dropdown covers below the headers.
    const VALIDATED_ROWS: u32 = 10_000;

    /// An xlsx workbook: a 说明 sheet (when `readme` is given), then one sheet per layout sheet with
    /// the two header rows frozen, a note per column with its rule, dropdowns for enumerations and
    /// yes/no columns, then the data rows.
    pub fn xlsx_bytes(sheets: &[SheetData<'_>], readme: Option<&[&KindLayout]>) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let required = Format::new().set_bold().set_font_color("#C00000");
        let english = Format::new().set_italic().set_font_color("#666666");
        let text = Format::new().set_num_format("@");
        if let Some(layouts) = readme {
            let ws = wb.add_worksheet();
            ws.set_name(README_SHEET)?;
            for (r, line) in readme_lines(layouts).iter().enumerate() {
                for (c, t) in line.iter().enumerate() {
                    ws.write_string(r as u32, c as u16, t)?;
                }
            }
            ws.set_column_width(0, 60)?;
            ws.set_column_width(1, 60)?;
        }
        for sheet in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(&sheet.layout.name_zh)?;
            for (c, col) in sheet.layout.columns.iter().enumerate() {
                let c16 = c as u16;
                ws.write_string_with_format(0, c16, col.header_zh(), if col.required { &required } else { &bold })?;
                ws.write_string_with_format(1, c16, &col.en, &english)?;
                let note = Note::new(format!("{}\n{}", rule_zh(col), rule_en(col))).set_width(360).set_height(140);
                ws.insert_note(0, c16, &note)?;
                ws.set_column_width(c16, (col.header_zh().chars().count() as f64 * 2.2).clamp(12.0, 40.0))?;
                let labels: Vec<String> = match col.scalar.class {
                    ValueClass::Enum => col.scalar.values.iter().map(|v| v.zh.to_owned()).collect(),
                    ValueClass::Bool => vec!["是".into(), "否".into()],
                    _ => Vec::new(),
                };
                // A list dropdown holds at most 255 characters in all; longer lists keep the note.
                let length: usize = labels.iter().map(|l| l.chars().count() + 1).sum();
                if !labels.is_empty() && !col.list && length <= 255 {
                    let dv = DataValidation::new().allow_list_strings(&labels)?;
                    ws.add_data_validation(2, c16, VALIDATED_ROWS + 1, c16, &dv)?;
                }
                if matches!(col.scalar.class, ValueClass::String) {
                    // Codes stay text: Excel would turn 000123 into 123 and long numbers into 1.2E+17.
                    ws.set_column_format(c16, &text)?;
                }
            }
            ws.set_freeze_panes(2, 0)?;
            for (r, row) in sheet.rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                    ws.write_string(r as u32 + 2, c as u16, v)?;
                }
            }
        }
        Ok(wb.save_to_buffer()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::layout;
    use crate::table::read_file;
    use qinglian_core::kinds::example_body;

    #[test]
    fn csv_template_reads_back_with_its_headers() {
        let l = layout(Kind::Bid);
        let bytes = csv_bytes(&SheetData { layout: &l.main, rows: Vec::new() });
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let book = read_file("投标.csv", &bytes).unwrap();
        assert_eq!(book.tables[0].rows[0][3].text(), "投标人*");
        assert_eq!(book.tables[0].rows[1][3].text(), "bidder");
    }

    #[test]
    fn example_records_become_rows() {
        for &kind in Kind::ALL {
            let body = example_body(kind);
            let l = layout(kind);
            let rows =
                record_rows(&l, RecordRef { kind, project: Some("2021-429005-48-01-000123"), time: None, body: &body });
            assert_eq!(rows.iter().filter(|(s, _)| *s == 0).count(), 1, "{kind}");
            for (s, row) in &rows {
                let sheet = l.sheets().nth(*s).unwrap();
                assert_eq!(row.len(), sheet.columns.len());
            }
        }
    }
}
