//! Reading a department's file into plain tables of cells: CSV in UTF-8 (with or without BOM) or
//! GBK/GB18030, and xlsx / xls / ods workbooks (one table per visible sheet).
//!
//! Nothing here knows about record kinds; [`crate::plan`] matches the tables to kinds.

use std::fmt;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell. Spreadsheets store numbers as binary doubles; the value is kept as the
    /// shortest decimal text that reads back as the same double (what Excel shows), and is only
    /// ever converted from that text, never through floating-point arithmetic.
    Number(String),
    Bool(bool),
    /// A cell formatted as a date or time: the Excel serial day number (1900 date system), as the
    /// shortest decimal text of the stored double.
    Serial(String),
    /// A formula error (`#DIV/0!`, `#REF!` …) as its text.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for reports and for string members.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) | Cell::Serial(n) => n.clone(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// The shortest decimal text of a double that reads back as the same double (no exponent).
pub fn number_text(value: f64) -> String {
    // Rust's Display for f64 is the shortest round-trip representation and never uses an exponent.
    format!("{value}")
}

/// A table: a CSV file or one sheet of a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet name, or the CSV file's name without its extension.
    pub name: String,
    /// Rows of cells; `rows[0][0]` is the cell at `origin`.
    pub rows: Vec<Vec<Cell>>,
    /// Zero-based (row, column) of `rows[0][0]` in the sheet, for A1 references.
    pub origin: (u32, u32),
}

impl Table {
    /// The A1 reference of the cell at `rows[row][col]` (`C12`).
    pub fn cell_ref(&self, row: usize, col: usize) -> String {
        a1(self.origin.0 as usize + row, self.origin.1 as usize + col)
    }
}

/// `a1(11, 2)` = `C12` (zero-based row and column).
pub fn a1(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A file's tables, and the sheets left out because they are hidden.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workbook {
    pub tables: Vec<Table>,
    pub hidden_sheets: Vec<String>,
    /// How the file was read: `xlsx`, `xls`, `ods`, `csv/utf-8`, `csv/gb18030`.
    pub format: String,
}

/// A file that cannot be read as a table at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub en: String,
    pub zh: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.en, self.zh)
    }
}

impl std::error::Error for TableError {}

/// What a file's bytes are, from their first bytes (never from the file name alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// A zip container: xlsx or ods.
    Zip,
    /// An OLE compound file: xls.
    Ole,
    Csv,
}

pub fn sniff(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(b"PK\x03\x04") {
        FileFormat::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        FileFormat::Ole
    } else {
        FileFormat::Csv
    }
}

/// Read a file: a workbook or a CSV table. `name` is the file name (its stem names a CSV table).
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Workbook, TableError> {
    match sniff(bytes) {
        FileFormat::Csv => {
            let (table, encoding) = read_csv(stem(name), bytes)?;
            Ok(Workbook { tables: vec![table], hidden_sheets: Vec::new(), format: format!("csv/{encoding}") })
        }
        FileFormat::Zip | FileFormat::Ole => read_spreadsheet(bytes),
    }
}

/// The file name without folders and extension.
pub fn stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    }
}

/// Decode CSV bytes: a UTF-8 BOM or valid UTF-8 is UTF-8; anything else is GB18030 (a superset of
/// GBK and GB2312, which is what Excel on a Chinese Windows writes as "CSV").
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "utf-8");
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), "utf-8");
    }
    let (text, _, _) = encoding_rs::GB18030.decode(bytes);
    (text.into_owned(), "gb18030")
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<(Table, &'static str), TableError> {
    let (text, encoding) = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| TableError {
            en: format!("line {} of the CSV file cannot be read: {e}", i + 1),
            zh: format!("CSV 文件第 {} 行无法读取：{e}", i + 1),
        })?;
        rows.push(record.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_owned()) }).collect());
    }
    Ok((Table { name: name.to_owned(), rows, origin: (0, 0) }, encoding))
}

#[cfg(feature = "spreadsheets")]
fn read_spreadsheet(bytes: &[u8]) -> Result<Workbook, TableError> {
    use calamine::{Data, Reader, SheetVisible};
    let unreadable = |e: &dyn fmt::Display| TableError {
        en: format!("not a readable xlsx, xls or ods workbook: {e}"),
        zh: format!("无法读取的 xlsx、xls 或 ods 工作簿：{e}"),
    };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let format = match &book {
        calamine::Sheets::Xls(_) => "xls",
        calamine::Sheets::Xlsx(_) => "xlsx",
        calamine::Sheets::Xlsb(_) => "xlsb",
        calamine::Sheets::Ods(_) => "ods",
    };
    let sheets = book.sheets_metadata().to_vec();
    let mut out = Workbook { format: format.to_owned(), ..Workbook::default() };
    for sheet in sheets {
        if sheet.visible != SheetVisible::Visible {
            out.hidden_sheets.push(sheet.name);
            continue;
        }
        let range = book.worksheet_range(&sheet.name).map_err(|e| unreadable(&e))?;
        let origin = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|d| match d {
                        Data::Empty => Cell::Empty,
                        Data::String(s) => Cell::Text(s.clone()),
                        Data::Int(i) => Cell::Number(i.to_string()),
                        Data::Float(f) => Cell::Number(number_text(*f)),
                        Data::Bool(b) => Cell::Bool(*b),
                        Data::DateTime(dt) => Cell::Serial(number_text(dt.as_f64())),
                        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                        Data::Error(e) => Cell::Error(e.to_string()),
                    })
                    .collect()
            })
            .collect();
        out.tables.push(Table { name: sheet.name, rows, origin });
    }
    Ok(out)
}

#[cfg(not(feature = "spreadsheets"))]
fn read_spreadsheet(_: &[u8]) -> Result<Workbook, TableError> {
    Err(TableError {
        en: "this build reads CSV only; save the workbook as CSV".into(),
        zh: "此版本只能读取 CSV 文件，请将工作簿另存为 CSV".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 2), "C12");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn encodings_are_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode("招标编号,投标人\n");
        assert_eq!(decode_text(&gbk), ("招标编号,投标人\n".to_owned(), "gb18030"));
        assert_eq!(decode_text("\u{feff}招标编号".as_bytes()).0, "招标编号");
        assert_eq!(decode_text("招标编号".as_bytes()), ("招标编号".to_owned(), "utf-8"));
    }

    #[test]
    fn numbers_keep_their_decimal_text() {
        assert_eq!(number_text(1234.56), "1234.56");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(44444.0), "44444");
        assert_eq!(number_text(1e21), "1000000000000000000000");
    }

    #[test]
    fn names_and_formats() {
        assert_eq!(stem("dir/投标.csv"), "投标");
        assert_eq!(stem("C:\\x\\bid.template.csv"), "bid.template");
        assert_eq!(sniff(b"PK\x03\x04rest"), FileFormat::Zip);
        assert_eq!(sniff("招标编号".as_bytes()), FileFormat::Csv);
    }
}
