//! Time each per-line stage of verification over a demo bundle (run with --release).
use qinglian_core::{canonical, statement};
use std::time::Instant;

fn main() {
    let demo = qinglian_core::demo::generate(&qinglian_core::demo::DemoOptions { seed: 2026, min_records: 0 });
    let lines: Vec<&[u8]> = qinglian_core::bundle::lines(&demo.bundle).filter(|l| !l.is_empty()).skip(1).collect();
    let n = lines.len() as f64;
    let time = |label: &str, f: &dyn Fn()| {
        let t = Instant::now();
        f();
        let s = t.elapsed().as_secs_f64();
        println!("{label:<32} {:>8.1} µs/line  {:>9.0} lines/s", s * 1e6 / n, n / s);
    };
    time("parse_strict", &|| {
        for l in &lines {
            let _ = canonical::parse_strict(l, 32);
        }
    });
    let values: Vec<serde_json::Value> = lines.iter().map(|l| canonical::parse_strict(l, 32).unwrap()).collect();
    time("encode (serde_jcs)", &|| {
        for v in &values {
            let _ = canonical::encode(v);
        }
    });
    time("open_envelope (+sha256)", &|| {
        for (l, v) in lines.iter().zip(&values) {
            let _ = statement::open_envelope(l, v.clone());
        }
    });
    let envs: Vec<_> =
        lines.iter().zip(&values).map(|(l, v)| statement::open_envelope(l, v.clone()).unwrap()).collect();
    time("parse_record (body)", &|| {
        for e in &envs {
            if e.kind == statement::StatementType::Record {
                let _ = statement::parse_record(&e.stmt);
            }
        }
    });
    println!("{} lines, {:.0} bytes/line", lines.len(), demo.bundle.len() as f64 / n);
}
