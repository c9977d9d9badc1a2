//! The committed fixtures (tests/fixtures/import, written by examples/make_fixtures.rs) give
//! exactly these cells, codes and values; re-imports append nothing, changed rows are refused.

use qinglian_core::crypto::SecretKey;
use qinglian_core::produce::LogHead;
use qinglian_core::time::Timestamp;
use qinglian_import::plan::RowStatus;
use qinglian_import::{plan, read_file, sign, Context, Options, Plan, Workbook};
use serde_json::json;

const LOG: &str = "jyzx/main";

fn fixture(name: &str) -> (String, Workbook) {
    let path = format!("{}/../../tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (name.to_owned(), read_file(name, &bytes).expect("fixture reads"))
}

fn problems(p: &Plan) -> Vec<(String, &'static str)> {
    p.problems.iter().map(|x| (x.location(), x.code)).collect()
}

fn time() -> Timestamp {
    Timestamp::parse("2026-12-01T09:00:00+08:00").unwrap()
}

/// Sign a clean plan into `log`, returning the log's lines as context for the next import.
fn sign_into(p: &Plan, key: &SecretKey, head: &mut LogHead, lines: &mut Vec<Vec<u8>>) -> usize {
    assert!(p.is_clean(), "{:#?}", p.problems);
    let signed = sign(p, key, head, time()).expect("signs");
    lines.extend(signed.iter().map(|s| s.line.clone()));
    signed.len()
}

fn context(lines: &[Vec<u8>]) -> Context {
    let mut c = Context::default();
    c.add_lines(lines.iter().map(Vec::as_slice));
    c
}

#[test]
fn xlsx_with_serial_dates_formulas_merged_headers_and_hidden_sheets() {
    let book = fixture("tender-and-bids.xlsx");
    assert_eq!(book.1.format, "xlsx");
    assert_eq!(book.1.hidden_sheets, ["辅助数据"]);
    let p = plan(&[book], &Context::default(), LOG, &Options::default());
    assert_eq!(problems(&p), []);
    let sheets: Vec<(&str, Option<&str>, usize)> =
        p.sheets.iter().map(|s| (s.sheet.as_str(), s.kind, s.rows)).collect();
    assert_eq!(sheets, [("招标", Some("tender"), 1), ("投标", Some("bid"), 2)], "trailing formatted rows are not rows");
    let tender = &p.rows[0].body;
    // A formula's cached value; Excel serial date and date-time.
    assert_eq!(tender["ceiling_price_fen"], json!(1_100_000_000));
    assert_eq!(tender["published_date"], json!("2021-07-15"));
    assert_eq!(tender["bid_deadline"], json!("2021-08-10T09:30:00+08:00"));
    assert_eq!((tender["category"].clone(), tender["method"].clone()), (json!("works"), json!("open")));
    let a = &p.rows.iter().find(|r| r.body["bidder"] == "91429005MA49DEF340").unwrap().body;
    // 万元 in the header: 1045.678912 万元 is exactly 1,045,678,912 fen.
    assert_eq!(a["price_fen"], json!(1_045_678_912));
    assert_eq!(a["submitted_at"], json!("2021-08-09T16:20:00+08:00"));
    // The merged 投标保证金 header over its members.
    assert_eq!(
        a["bond"],
        json!({"method": "transfer", "payer": "91429005MA49DEF340", "account": "42001234567890123456", "amount_fen": 20_000_000})
    );
    let b = &p.rows.iter().find(|r| r.body["bidder"] == "91429005MA49GHK56U").unwrap().body;
    assert_eq!(b["submitted_at"], json!("2021-08-09T17:05:00+08:00"), "2021年8月9日 17时05分");
    assert!(b.get("bond").is_none(), "an empty group is left out");
    // Bids cite the tender of the same import, which is signed first.
    assert_eq!(p.rows[0].kind.as_str(), "tender");
    assert!(p.rows[1..].iter().all(|r| r.refs == [qinglian_import::plan::RefTarget::Row(0)]));
}

#[test]
fn gbk_csv_reports_every_bad_cell_and_signs_nothing() {
    let key = SecretKey::from_seed(&[7; 32]);
    let mut head = LogHead::empty(LOG);
    let mut lines = Vec::new();
    let p = plan(&[fixture("tender-and-bids.xlsx")], &Context::default(), LOG, &Options::default());
    assert_eq!(sign_into(&p, &key, &mut head, &mut lines), 3);

    let book = fixture("bids-gbk.csv");
    assert_eq!(book.1.format, "csv/gb18030");
    let p = plan(&[book], &context(&lines), LOG, &Options::default());
    assert_eq!(
        problems(&p),
        [
            ("bids-gbk!C5".to_owned(), "CELL_FORMAT"),    // wrong USCC check digit
            ("bids-gbk!D6".to_owned(), "CELL_PRECISION"), // 1098350000.123 yuan
            ("bids-gbk!E6".to_owned(), "CELL_TYPE"),      // 2021-08-32
            ("bids-gbk!G6".to_owned(), "CELL_REQUIRED"),  // no compiler
            ("bids-gbk!A3".to_owned(), "ROW_DUPLICATE"),  // row 2 again
            ("bids-gbk!A2".to_owned(), "ROW_CHANGED"),    // bidder A was signed with its bond
            ("bids-gbk!B4".to_owned(), "REF_UNRESOLVED"), // a tender nobody signed
        ]
    );
    let uscc = &p.problems[0];
    assert_eq!(uscc.value.as_deref(), Some("91429005MA49GHK560"));
    assert!(uscc.zh.contains("第 18 位应为“U”"), "{}", uscc.zh);
    assert!(uscc.en.contains("should be 'U'"), "{}", uscc.en);
    // Full-width digits and separators in row 2 were read exactly (no problem on D2).
    assert_eq!(p.rows.iter().find(|r| r.cell == "A2").unwrap().body["price_fen"], json!(104_567_891_200_i64));
    assert_eq!(
        sign(&p, &key, &mut head, time()).unwrap_err().to_string(),
        "the import has 7 problems; nothing was signed"
    );
    assert_eq!(head.seq, 3, "the log is untouched");
}

#[test]
fn reimports_append_only_new_rows_and_refuse_changes() {
    let key = SecretKey::from_seed(&[8; 32]);
    let mut head = LogHead::empty(LOG);
    let mut lines = Vec::new();
    let first = plan(&[fixture("tender-and-bids.xlsx")], &Context::default(), LOG, &Options::default());
    assert_eq!(sign_into(&first, &key, &mut head, &mut lines), 3);

    // The same workbook again: nothing new.
    let again = plan(&[fixture("tender-and-bids.xlsx")], &context(&lines), LOG, &Options::default());
    assert!(again.is_clean() && again.new_rows() == 0, "{:#?}", again.problems);
    assert!(again.rows.iter().all(|r| matches!(r.status, RowStatus::Unchanged(_))));
    assert_eq!(sign_into(&again, &key, &mut head, &mut lines), 0);

    // The same bid in another file, format and header language: unchanged; its extra column is
    // refused unless ignored.
    let bom = plan(&[fixture("bids-bom.csv")], &context(&lines), LOG, &Options::default());
    assert_eq!(problems(&bom), [("bids-bom!I1".to_owned(), "COLUMN_UNKNOWN")]);
    let options = Options { ignore_unknown_columns: true, ..Options::default() };
    let bom = plan(&[fixture("bids-bom.csv")], &context(&lines), LOG, &options);
    assert!(bom.is_clean() && bom.new_rows() == 0, "{:#?}", bom.problems);

    // Next half-year's table: one row already signed, one new.
    let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let csv = format!(
        "招标编号,投标人,项目代码,投标报价(元),递交时间,拟派项目经理,投标文件编制人,投标文件哈希\n\
         QJ-JS-2021-017-01,91429005MA49GHK56U,2021-429005-48-01-000123,10712000,2021-08-09 17:05,鄂142181900456,pid:8c1d2e3f40516274,{hash}\n\
         QJ-JS-2021-017-01,91429005MA49LMN781,2021-429005-48-01-000123,10983500,2021-08-09 18:00,鄂142181900789,pid:8c1d2e3f40516275,{hash}\n"
    );
    let next = plan(
        &[("next.csv".into(), read_file("next.csv", csv.as_bytes()).unwrap())],
        &context(&lines),
        LOG,
        &Options::default(),
    );
    assert_eq!(next.new_rows(), 1, "{:#?}", next.problems);
    assert_eq!(sign_into(&next, &key, &mut head, &mut lines), 1);
    assert_eq!(head.seq, 4);

    // A changed price for a signed bid is refused.
    let changed = csv.replace("10712000,", "10712001,");
    let p = plan(
        &[("changed.csv".into(), read_file("changed.csv", changed.as_bytes()).unwrap())],
        &context(&lines),
        LOG,
        &Options::default(),
    );
    assert_eq!(problems(&p), [("changed!A2".to_owned(), "ROW_CHANGED")]);
}
