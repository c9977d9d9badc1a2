//! Qinglian table import: the road from the spreadsheets departments keep to signed records.
//!
//! - [`table`]: reading CSV (UTF-8, GBK/GB18030) and xlsx / xls / ods files into cells.
//! - [`columns`]: each kind's body flattened into columns and list sheets, from the core's schema.
//! - [`cell`]: converting a cell into a member's value exactly (amounts into fen, dates, labels).
//! - [`keys`]: natural keys, references by natural key, and column aliases.
//! - [`plan`]: all-or-nothing validation of the tables against the log and context; signing.
//! - [`problem`]: the per-cell problem report and its stable codes.
//! - [`template`]: xlsx and CSV templates (feature `templates` for xlsx) and tables of records.
//! - [`dictionary`]: the column dictionary of docs/import.md, generated.
//!
//! Every rule of the import lives here and in the core; the CLI, the npm package and the page
//! call it.

pub mod cell;
pub mod columns;
pub mod dictionary;
pub mod keys;
pub mod plan;
pub mod problem;
pub mod table;
pub mod template;

pub use plan::{plan, sign, Context, Options, Plan};
pub use problem::Problem;
pub use table::{read_file, Workbook};

/// Read every file; a file that is no table becomes a `FILE_UNREADABLE` problem, so the report
/// still covers the others (the CLI and the npm package both start here).
pub fn read_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> (Vec<(String, Workbook)>, Vec<Problem>) {
    let mut books = Vec::new();
    let mut unreadable = Vec::new();
    for (name, bytes) in files {
        match read_file(name, bytes) {
            Ok(book) => books.push((name.to_owned(), book)),
            Err(e) => unreadable.push(Problem {
                code: "FILE_UNREADABLE",
                sheet: name.to_owned(),
                cell: None,
                column: None,
                value: None,
                en: e.en,
                zh: e.zh,
            }),
        }
    }
    (books, unreadable)
}

/// Read and validate in one step: [`read_files`] then [`plan`], unreadable files first in the report.
pub fn plan_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    context: &Context,
    log: &str,
    options: &Options,
) -> Plan {
    let (books, unreadable) = read_files(files);
    let mut result = plan(&books, context, log, options);
    result.problems.splice(0..0, unreadable);
    result
}
