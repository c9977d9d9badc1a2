//! What is wrong with an import, cell by cell, with stable codes (Frictionless Data style: every
//! bad cell is reported, not the first one only).

use serde::Serialize;

/// The stable codes of import problems, with their meaning (listed in docs/import.md).
pub const CODES: &[(&str, &str, &str)] = &[
    ("FILE_UNREADABLE", "文件无法读取为表格", "the file cannot be read as a table"),
    ("SHEET_UNKNOWN", "工作表的表头不属于任何记录类型", "the sheet's headers match no record kind"),
    ("HEADER_MISSING", "未找到表头行", "no header row was found"),
    ("COLUMN_UNKNOWN", "未知的列", "a column that no member of the kind has"),
    ("COLUMN_DUPLICATE", "同一列出现两次", "the same column appears twice"),
    ("COLUMN_MISSING", "缺少必填列", "a required column is missing"),
    ("CELL_REQUIRED", "必填单元格为空", "a required cell is empty"),
    ("CELL_TYPE", "单元格的值类型不对", "the cell's value is not of the column's type"),
    ("CELL_PRECISION", "金额超出两位小数（精确到分）", "an amount with more decimals than fen allow"),
    ("CELL_ENUM", "不在可选值之中", "not one of the column's values"),
    ("CELL_FORMAT", "格式或校验位不符", "the value's format or check digit is wrong"),
    ("ROW_INVALID", "行内各字段之间的规则不满足", "a rule between the row's members is broken"),
    ("ROW_DUPLICATE", "同一记录（相同的业务编号）出现两次", "the same record (same natural key) appears twice"),
    ("ROW_CHANGED", "已签名的记录内容被改动", "a row whose record is already signed, with different content"),
    ("ROW_ORPHAN", "明细行找不到所属的主表行", "a detail row whose parent row is not in the tables"),
    (
        "REF_UNRESOLVED",
        "引用的记录不存在",
        "the record the row cites is in neither the tables, the log nor the context",
    ),
];

/// One problem: where (sheet and cell), the code, the value, and why in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    /// The sheet (or CSV file) name.
    pub sheet: String,
    /// The cell in A1 notation (`C12`), or the row's first cell for row problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The column's English header (`bond/payer`), when the problem is one column's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The cell's text as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub zh: String,
    pub en: String,
}

impl Problem {
    /// `投标!C12`, or the sheet name alone.
    pub fn location(&self) -> String {
        match &self.cell {
            Some(c) => format!("{}!{c}", self.sheet),
            None => self.sheet.clone(),
        }
    }

    /// One line of text in the chosen language: `投标!C12 CELL_TYPE "abc": 应为…`.
    pub fn line(&self, zh: bool) -> String {
        let value =
            self.value.as_ref().map(|v| format!(" {}", serde_json::Value::from(v.as_str()))).unwrap_or_default();
        let why = if zh { &self.zh } else { &self.en };
        format!("{} {}{value}: {why}", self.location(), self.code)
    }
}
