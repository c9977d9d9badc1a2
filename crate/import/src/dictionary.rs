//! The column dictionary (数据字典) of docs/import.md, generated from the layouts so that the
//! document cannot drift from what the import accepts (a test compares them).

use crate::columns::{all_layouts, Column};
use crate::keys;
use crate::problem::CODES;
use crate::template::{rule_en, rule_zh};
use std::fmt::Write;

/// The line before the generated part of docs/import.md.
pub const BEGIN: &str = "<!-- BEGIN GENERATED: qinglian template --dictionary -->";
/// The line after it.
pub const END: &str = "<!-- END GENERATED -->";

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn names(col: &Column) -> String {
    let mut s = format!("`{}`", col.en);
    if !col.aliases.is_empty() {
        let _ = write!(s, "<br>别名 aliases: {}", col.aliases.join("、"));
    }
    s
}

/// The dictionary in Markdown: the problem codes, then every kind's sheets and columns.
pub fn markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{BEGIN}\n");
    let _ = writeln!(out, "### Problem codes 问题代码\n\n| code | 含义 | meaning |\n|---|---|---|");
    for (code, zh, en) in CODES {
        let _ = writeln!(out, "| `{code}` | {zh} | {en} |");
    }
    for layout in all_layouts() {
        let kind = layout.kind;
        let _ = writeln!(out, "\n### {} {} (`{}`)\n", kind.title_zh(), kind.title_en(), kind.as_str());
        let key: Vec<String> = keys::natural_key(kind).iter().map(|k| format!("`{k}`")).collect();
        let _ = writeln!(out, "Natural key 业务编号: {}.", key.join(" + "));
        let refs: Vec<String> = keys::references(kind)
            .iter()
            .map(|r| format!("`{}` → {} `{}`", r.member, r.target.title_zh(), r.target_member))
            .collect();
        if !refs.is_empty() {
            let _ = writeln!(out, "Cites 引用: {}.", refs.join("; "));
        }
        for sheet in layout.sheets() {
            let what = if sheet.list.is_some() { "list sheet 明细表" } else { "main sheet 主表" };
            let _ = writeln!(out, "\nSheet 工作表 **{}** (`{}`, {what})\n", sheet.name_zh, sheet.name_en);
            let _ = writeln!(out, "| 列名 | column | 类型 type | 规则 | rule |\n|---|---|---|---|---|");
            for col in &sheet.columns {
                let _ = writeln!(
                    out,
                    "| {} | {} | `{}`{} | {} | {} |",
                    cell(&col.header_zh()),
                    names(col),
                    col.scalar.type_name,
                    if col.list { " list" } else { "" },
                    cell(&rule_zh(col)),
                    cell(&rule_en(col)),
                );
            }
        }
    }
    let _ = writeln!(out, "\n{END}");
    out
}
