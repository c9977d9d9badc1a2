//! docs/import.md carries the column dictionary generated from the layouts; it must be current.
//! `UPDATE_DOCS=1 cargo test -p qinglian-import --test docs` rewrites it.

use qinglian_import::dictionary::{markdown, BEGIN, END};

#[test]
fn import_doc_has_the_current_column_dictionary() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/import.md");
    let doc = std::fs::read_to_string(path).expect("docs/import.md");
    let (Some(start), Some(end)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/import.md has no generated dictionary between {BEGIN} and {END}");
    };
    let current = &doc[start..end + END.len() + 1];
    let generated = markdown();
    if current != generated && std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, format!("{}{generated}{}", &doc[..start], &doc[end + END.len() + 1..])).unwrap();
        return;
    }
    assert!(
        current == generated,
        "docs/import.md is out of date: run UPDATE_DOCS=1 cargo test -p qinglian-import --test docs"
    );
}
