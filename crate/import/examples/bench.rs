//! Import throughput, native: a 100k-row bid table (1,000 tenders × 100 bidders, the tenders
//! already signed in the log) read as CSV and as xlsx, validated, and signed.
//!
//! Run: `cargo run --release -p qinglian-import --example bench [-- --rows N --rounds R]`.
//! With `--write DIR` it only writes the inputs (tenders.qlog, bids.csv, bids.xlsx) for the wasm
//! benchmark, bench/import.mjs, so that both measure the same bytes.
//! Prints rows/s per stage and, in the same run, the peers that bound each stage: the `csv` crate
//! and `calamine` reading the same bytes without interpreting them (the floor of reading), and
//! Ed25519 signing of messages of the same size (the floor of signing). Goals (issue 15): validate
//! ≥ 50k rows/s; signing bound by Ed25519. Nothing asserts: read the figures and the ratios.

use qinglian_core::crypto::SecretKey;
use qinglian_core::kinds::fields::Uscc;
use qinglian_core::produce::LogHead;
use qinglian_core::time::Timestamp;
use qinglian_import::{plan, read_file, sign, Context, Options};
use std::time::Instant;

const LOG: &str = "jyzx/main";
const BIDDERS_PER_TENDER: usize = 100;
const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn tender_id(t: usize) -> String {
    format!("QJ-JS-2021-{t:04}-01")
}

fn project(t: usize) -> String {
    format!("2021-429005-48-01-{t:06}")
}

fn tenders_csv(tenders: usize) -> String {
    let mut s = String::from("项目代码,招标编号,招标项目名称,招标类别,招标方式,评标办法,招标人,招标代理机构,最高投标限价(元),招标文件开始发出之日,投标截止时间\n");
    for t in 0..tenders {
        s += &format!(
            "{},{},潜江市道路工程施工第{t}标段,施工,公开招标,综合评估法,91429005MA49ABC12R,91420100MA4KPQR90F,\"11,000,000.00\",2021-07-15,2021-08-10 09:30\n",
            project(t),
            tender_id(t)
        );
    }
    s
}

const BID_HEADERS: [&str; 8] =
    ["项目代码", "招标编号", "投标人", "投标报价(元)", "递交时间", "拟派项目经理", "投标文件编制人", "投标文件哈希"];

/// One bid row's cells: thousands separators in the price, a date-time as a department types it.
fn bid_row(i: usize, bidders: &[String]) -> [String; 8] {
    let t = i / BIDDERS_PER_TENDER;
    let b = i % BIDDERS_PER_TENDER;
    let yuan = 10_000_000 + (i * 7919) % 900_000;
    [
        project(t),
        tender_id(t),
        bidders[b].clone(),
        format!("{},{:03},{:03}.{:02}", yuan / 1_000_000, yuan / 1000 % 1000, yuan % 1000, i % 100),
        format!("2021-08-09 {:02}:{:02}", 8 + b / 60, b % 60),
        format!("鄂1421819{b:05}"),
        format!("pid:{:016x}", 0x8c1d_2e3f_4051_0000_u64 + b as u64),
        HASH.to_owned(),
    ]
}

fn bids_csv(rows: usize, bidders: &[String]) -> String {
    let mut s = BID_HEADERS.join(",") + "\n";
    for i in 0..rows {
        let r = bid_row(i, bidders);
        for (c, v) in r.iter().enumerate() {
            if c > 0 {
                s.push(',');
            }
            if v.contains(',') {
                s += &format!("\"{v}\"");
            } else {
                s += v;
            }
        }
        s.push('\n');
    }
    s
}

fn bids_xlsx(rows: usize, bidders: &[String]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("投标").unwrap();
    for (c, h) in BID_HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        for (c, v) in bid_row(i, bidders).iter().enumerate() {
            ws.write_string(i as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Median seconds of `rounds` runs of `f`.
fn median_secs<T>(rounds: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..rounds {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed().as_secs_f64());
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one round"))
}

fn row(what: &str, rows: usize, secs: f64, note: &str) {
    println!("| {what:<52} | {:>10.0} | {:>8.3} | {note} |", rows as f64 / secs, secs);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let rows = arg("--rows", 100_000);
    let rounds = arg("--rounds", 3);
    let tenders = rows.div_ceil(BIDDERS_PER_TENDER);
    let bidders: Vec<String> = (0..BIDDERS_PER_TENDER)
        .map(|b| Uscc::with_check_digit(&format!("91429005MA4{b:06}")).unwrap().to_string())
        .collect();
    let key = SecretKey::from_seed(&[9; 32]);
    let time = Timestamp::parse("2026-12-01T09:00:00+08:00").unwrap();

    // The tenders, signed first: the log the bids are imported into.
    let tender_book = read_file("tenders.csv", tenders_csv(tenders).as_bytes()).unwrap();
    let tender_plan = plan(&[("tenders.csv".into(), tender_book)], &Context::default(), LOG, &Options::default());
    assert!(tender_plan.is_clean(), "{:?}", &tender_plan.problems[..tender_plan.problems.len().min(3)]);
    let mut head = LogHead::empty(LOG);
    let tender_lines: Vec<Vec<u8>> =
        sign(&tender_plan, &key, &mut head, time).unwrap().into_iter().map(|s| s.line).collect();
    let mut context = Context::default();
    context.add_lines(tender_lines.iter().map(Vec::as_slice));

    let csv = bids_csv(rows, &bidders);
    let xlsx = bids_xlsx(rows, &bidders);
    if let Some(dir) = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1)) {
        let dir = std::path::Path::new(dir);
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join("tenders.qlog"),
            tender_lines.iter().flat_map(|l| [l.as_slice(), b"\n"]).flatten().copied().collect::<Vec<u8>>(),
        )
        .unwrap();
        std::fs::write(dir.join("bids.csv"), &csv).unwrap();
        std::fs::write(dir.join("bids.xlsx"), &xlsx).unwrap();
        println!("wrote {} ({rows} bid rows, {tenders} tenders)", dir.display());
        return;
    }
    println!(
        "import benchmark: {rows} bid rows ({tenders} tenders in the log), CSV {:.1} MB, xlsx {:.1} MB, median of {rounds}",
        csv.len() as f64 / 1e6,
        xlsx.len() as f64 / 1e6
    );
    println!("| {:<52} | {:>10} | {:>8} | note |", "stage", "rows/s", "s");
    println!("|{:-<54}|{:->12}|{:->10}|------|", "", "", "");

    let (csv_floor, n) = median_secs(rounds, || {
        let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(csv.as_bytes());
        r.records().filter(|x| x.is_ok()).count()
    });
    assert_eq!(n, rows);
    row("peer: csv crate, records only", rows, csv_floor, "floor of reading CSV");
    let (csv_read, book) = median_secs(rounds, || read_file("bids.csv", csv.as_bytes()).unwrap());
    row("read CSV into cells (encoding detection)", rows, csv_read, &format!("{:.1}× the floor", csv_read / csv_floor));

    let (xlsx_floor, n) = median_secs(rounds, || {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.as_slice())).unwrap();
        wb.worksheet_range("投标").unwrap().height()
    });
    assert_eq!(n, rows + 1);
    row("peer: calamine, cells only", rows, xlsx_floor, "floor of reading xlsx");
    let (xlsx_read, xbook) = median_secs(rounds, || read_file("bids.xlsx", &xlsx).unwrap());
    row("read xlsx into cells", rows, xlsx_read, &format!("{:.1}× the floor", xlsx_read / xlsx_floor));

    let files = [("bids.csv".to_owned(), book)];
    let (validate, p) = median_secs(rounds, || plan(&files, &context, LOG, &Options::default()));
    assert!(p.is_clean() && p.new_rows() == rows, "{:?}", &p.problems[..p.problems.len().min(3)]);
    row("validate (headers, cells, keys, references)", rows, validate, "goal ≥ 50,000 rows/s");
    row("read CSV + validate", rows, csv_read + validate, "");
    let xfiles = [("bids.xlsx".to_owned(), xbook)];
    let (xvalidate, xp) = median_secs(1, || plan(&xfiles, &context, LOG, &Options::default()));
    assert!(xp.is_clean());
    row("read xlsx + validate", rows, xlsx_read + xvalidate, "");

    let mut signed_len = 0;
    let (signing, signed) = median_secs(rounds, || {
        let mut h = head.clone();
        sign(&p, &key, &mut h, time).unwrap()
    });
    assert_eq!(signed.len(), rows);
    signed_len += signed.iter().map(|s| s.line.len()).sum::<usize>();
    let message = vec![0x5a_u8; signed_len / rows];
    let (ed25519, _) = median_secs(rounds, || (0..rows).map(|_| key.sign(&message)[0]).fold(0u8, |a, b| a ^ b));
    row("peer: Ed25519 signing alone (same message size)", rows, ed25519, "floor of signing");
    row(
        "sign (canonical JSON, hash chain, Ed25519)",
        rows,
        signing,
        &format!("{:.2}× Ed25519 alone", signing / ed25519),
    );
    row("read CSV + validate + sign", rows, csv_read + validate + signing, "");

    // Idempotence at scale: the same table again against the grown log signs nothing.
    let mut grown = context.clone();
    grown.add_lines(signed.iter().map(|s| s.line.as_slice()));
    let (again, p2) = median_secs(1, || plan(&files, &grown, LOG, &Options::default()));
    assert!(p2.is_clean() && p2.new_rows() == 0);
    row("re-import: validate against the grown log, 0 new", rows, again, "");
    println!("peak resident memory: {:.0} MB", peak_rss_mb());
}
