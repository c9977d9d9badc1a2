//! The written specification stays in step with the code: every problem code is documented.

use qinglian_core::report::Code;

#[test]
fn format_spec_lists_every_problem_code() {
    let spec =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/format.md")).expect("docs/format.md");
    for code in Code::ALL {
        let (zh, en) = code.meaning();
        let row = format!("| `{}` |", code.as_str());
        let line = spec
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{} missing from docs/format.md", code.as_str()));
        assert!(line.contains(zh) && line.contains(en), "docs/format.md row for {} is out of date", code.as_str());
    }
}

#[test]
fn checks_doc_lists_every_check() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/checks.md")).expect("docs/checks.md");
    for meta in qinglian_core::checks::catalogue() {
        let row = format!("| `{}` | ", meta.id);
        let line = doc
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{} missing from docs/checks.md", meta.id));
        assert!(
            line.contains(meta.title.zh) && line.contains(meta.title.en),
            "docs/checks.md row for {} is out of date",
            meta.id
        );
    }
}
