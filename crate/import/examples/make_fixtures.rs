//! Writes the import test fixtures in tests/fixtures/import (committed; the tests read the files,
//! they do not regenerate them). Run: `cargo run -p qinglian-import --example make_fixtures`.
//!
//! Each fixture is the kind of file departments really send: Excel with serial dates, formulas,
//! merged two-row headers and hidden sheets; CSV saved by Excel as GBK or as UTF-8 with a BOM.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::Path;

const OWNER: &str = "91429005MA49ABC12R";
const AGENT: &str = "91420100MA4KPQR90F";
const BIDDER_A: &str = "91429005MA49DEF340";
const BIDDER_B: &str = "91429005MA49GHK56U";
const PROJECT: &str = "2021-429005-48-01-000123";
const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import");
    std::fs::create_dir_all(&dir)?;
    tender_workbook(&dir.join("tender-and-bids.xlsx"))?;
    bids_gbk(&dir.join("bids-gbk.csv"))?;
    bids_bom(&dir.join("bids-bom.csv"))?;
    println!("fixtures written to {}", dir.display());
    Ok(())
}

/// 招标 with Excel serial dates and a formula ceiling price; 投标 with a merged two-row header
/// (投标保证金 over its four members), 万元 amounts and empty trailing rows; a hidden sheet.
fn tender_workbook(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let merged = Format::new().set_bold().set_align(rust_xlsxwriter::FormatAlign::Center);

    let ws = wb.add_worksheet();
    ws.set_name("招标")?;
    let headers = [
        "项目代码",
        "招标编号",
        "招标项目名称",
        "招标类别",
        "招标方式",
        "评标办法",
        "招标人",
        "招标代理机构",
        "最高投标限价(元)",
        "招标文件开始发出之日",
        "投标截止时间",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    ws.write_string(1, 0, PROJECT)?;
    ws.write_string(1, 1, "QJ-JS-2021-017-01")?;
    ws.write_string(1, 2, "潜江市园林路东延道路工程施工")?;
    ws.write_string(1, 3, "施工")?;
    ws.write_string(1, 4, "公开招标")?;
    ws.write_string(1, 5, "综合评估法")?;
    ws.write_string(1, 6, OWNER)?;
    ws.write_string(1, 7, AGENT)?;
    // =8000000*1.375 with its cached result 11000000, as Excel saves it.
    ws.write_formula(1, 8, Formula::new("=8000000*1.375").set_result("11000000"))?;
    ws.write_datetime_with_format(1, 9, ExcelDateTime::from_ymd(2021, 7, 15)?, &date)?;
    ws.write_datetime_with_format(1, 10, ExcelDateTime::from_ymd(2021, 8, 10)?.and_hms(9, 30, 0)?, &datetime)?;

    let ws = wb.add_worksheet();
    ws.set_name("投标")?;
    let single = [
        "项目代码",
        "招标编号",
        "投标人",
        "投标报价(万元)",
        "递交时间",
        "拟派项目经理",
        "投标文件编制人",
        "投标文件哈希",
    ];
    for (c, h) in single.iter().enumerate() {
        ws.merge_range(0, c as u16, 1, c as u16, h, &merged)?;
    }
    ws.merge_range(0, 8, 0, 11, "投标保证金", &merged)?;
    for (c, h) in ["缴纳形式", "缴纳单位", "缴纳账户", "保证金金额(元)"].iter().enumerate() {
        ws.write_string(1, 8 + c as u16, *h)?;
    }
    let rows = [
        [
            PROJECT,
            "QJ-JS-2021-017-01",
            BIDDER_A,
            "1045.678912",
            "2021/8/9 16:20",
            "鄂142181900123",
            "pid:8c1d2e3f40516273",
            HASH,
            "银行转账",
            BIDDER_A,
            "42001234567890123456",
            "200,000.00",
        ],
        [
            PROJECT,
            "QJ-JS-2021-017-01",
            BIDDER_B,
            "1071.2",
            "2021年8月9日 17时05分",
            "鄂142181900456",
            "pid:8c1d2e3f40516274",
            HASH,
            "",
            "",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write_string(2 + r as u32, c as u16, *v)?;
        }
    }
    // Formatted but empty trailing rows, as a sheet often has after rows were deleted.
    for r in 4..8 {
        ws.write_blank(r, 0, &date)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("辅助数据")?;
    ws.write_string(0, 0, "这张隐藏表不是数据")?;
    ws.set_hidden(true);
    wb.save(path)?;
    Ok(())
}

/// A GBK CSV as Excel on a Chinese Windows saves it, with one problem per row after the first.
fn bids_gbk(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let text = format!(
        "项目代码,招标编号,投标人,投标报价(元),递交时间,拟派项目经理,投标文件编制人,投标文件哈希\r\n\
         {PROJECT},QJ-JS-2021-017-01,{BIDDER_A},\"１，０４５，６７８，９１２.００\",2021-08-09 16:20,鄂142181900123,pid:8c1d2e3f40516273,{HASH}\r\n\
         {PROJECT},QJ-JS-2021-017-01,{BIDDER_A},\"1,045,678,912.00\",2021-08-09 16:20,鄂142181900123,pid:8c1d2e3f40516273,{HASH}\r\n\
         {PROJECT},QJ-JS-2021-099-01,{BIDDER_B},1071200000,2021-08-09 17:05,鄂142181900456,pid:8c1d2e3f40516274,{HASH}\r\n\
         {PROJECT},QJ-JS-2021-017-01,91429005MA49GHK560,1071200000,2021-08-09 17:05,鄂142181900456,pid:8c1d2e3f40516274,{HASH}\r\n\
         {PROJECT},QJ-JS-2021-017-01,91429005MA49LMN781,1098350000.123,2021-08-32 09:00,鄂142181900789,,{HASH}\r\n"
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(path, bytes)?;
    Ok(())
}

/// A UTF-8 CSV with a BOM: English headers in another order, an unknown column, empty lines.
fn bids_bom(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let text = format!(
        "\u{feff}bidder,tender_id,project,price_fen,submitted_at,project_manager,compiler,document_hash,备注\r\n\
         {BIDDER_B},QJ-JS-2021-017-01,{PROJECT},\"10,712,000\",2021-08-09T17:05:00+08:00,鄂142181900456,pid:8c1d2e3f40516274,{HASH},复核\r\n\
         ,,,,,,,,\r\n\
         \r\n"
    );
    std::fs::write(path, text)?;
    Ok(())
}
