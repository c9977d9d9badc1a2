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
