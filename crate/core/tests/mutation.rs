//! Seeded, randomised robustness test of the verifier (stable Rust, no cargo-fuzz): a realistic
//! bundle (the head of the demo federation: header, roots v1 and v2, records, checkpoints and
//! cosignatures of several logs) is mutated 1–3 times per case (bit flips, byte sets, truncation,
//! splices, duplicated / swapped / deleted lines, inserted bytes, `\r\n` and `\r` line ends, and
//! ranges re-gzipped next to plain or gzipped rest, sometimes with a corrupt byte inside the gzip
//! data), then verified with the consistency checks on. Every case must return a report (a panic
//! is a bug), the report must serialise, every problem code must round-trip through
//! `Code::parse`, `summary.errors` must cover the error-severity problems listed, and a report
//! with an error is never `intact`.
//!
//! ```sh
//! cargo test -p qinglian-core --test mutation -- --nocapture        # default: 2000 cases
//! QINGLIAN_MUTATION_CASES=100000 cargo test --release -p qinglian-core --test mutation -- --nocapture
//! QINGLIAN_SEED=0x5eed QINGLIAN_MUTATION_CASES=5000 cargo test -p qinglian-core --test mutation -- --nocapture
//! QINGLIAN_SEED=<seed> QINGLIAN_MUTATION_CASE=<n> cargo test -p qinglian-core --test mutation -- --nocapture
//! ```
//!
//! `QINGLIAN_SEED` (decimal or 0x-hex; the default is fixed) is printed at the start. Each case
//! draws from its own generator derived from (seed, case number), so `QINGLIAN_MUTATION_CASE`
//! replays exactly one case of a run. A failing case prints the seed, its number and its mutation
//! list, and its input is written to the temporary directory.

use flate2::write::GzEncoder;
use flate2::Compression;
use qinglian_core::demo::{generate, DemoOptions};
use qinglian_core::federation::TrustRoot;
use qinglian_core::report::{Code, Severity};
use qinglian_core::{verify_bytes, Report, TrustAnchor, VerifyOptions};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const DEFAULT_SEED: u64 = 0x5147_4c49_414e_0001;
const DEFAULT_CASES: u64 = 2000;
/// Lines of the demo bundle kept (header included): a few hundred statements.
const BASE_LINES: usize = 300;
/// Failures listed in full before the test gives up.
const MAX_FAILURES: usize = 20;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn for_case(seed: u64, case: u64) -> Rng {
        let mut r = Rng(seed ^ case.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes that matter to the line reader, the JSON parser or the canonical form.
const INTERESTING_BYTES: &[u8] =
    b"\0\n\r\t \"\\{}[]:,0129-+.eEtfnu\x7f\x80\xbf\xc0\xc3\xe4\xed\xef\xf0\xf4\xf5\xfe\xff";

/// Short insertions: JSON edge cases, invalid or unusual UTF-8, gzip magic.
const TOKENS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"{}",
    b"[]",
    b"null",
    b"\"\"",
    b"\\u0000",
    b"\\ud800",
    b"\\\"",
    b"-0",
    b"1e400",
    b"0.1",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"99999999999999999999999999999999",
    b",\"x\":1",
    b"\"sig\":\"",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    b"\xc0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x80\xa8",
    b"\x1f\x8b\x08\x00",
    b"\x1f\x8b",
];

/// What was done, with the positions drawn: printed (Debug) for a failing case.
#[derive(Debug)]
#[allow(dead_code)] // the fields are read only through Debug
enum Mutation {
    FlipBit {
        at: usize,
        bit: u8,
    },
    SetByte {
        at: usize,
        value: u8,
    },
    Truncate {
        at: usize,
    },
    Splice {
        from: usize,
        len: usize,
        to: usize,
        overwrite: bool,
    },
    DuplicateLine {
        line: usize,
        to: usize,
    },
    SwapLines {
        a: usize,
        b: usize,
    },
    DeleteLine {
        line: usize,
    },
    InsertBytes {
        at: usize,
        bytes: Vec<u8>,
    },
    /// `line: None` changes every line end.
    LineEnd {
        line: Option<usize>,
        ending: &'static str,
    },
    /// `data[start..end]` gzipped (`level`), between the head and the tail, each plain or gzipped;
    /// `corrupt` xors one byte of the middle member at that offset.
    Regzip {
        start: usize,
        end: usize,
        level: u32,
        head_gz: bool,
        tail_gz: bool,
        corrupt: Option<(usize, u8)>,
    },
}

/// Byte ranges of the lines, each with its `\n` (the last one may have none).
fn line_spans(data: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &b) in data.iter().enumerate() {
        if b == b'\n' {
            spans.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < data.len() {
        spans.push((start, data.len()));
    }
    spans
}

/// A line's bytes with a `\n` at the end, so that moved lines stay lines.
fn line_with_newline(data: &[u8], (s, e): (usize, usize)) -> Vec<u8> {
    let mut l = data[s..e].to_vec();
    if l.last() != Some(&b'\n') {
        l.push(b'\n');
    }
    l
}

fn gzip(data: &[u8], level: u32) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::new(level));
    enc.write_all(data).expect("gzip into memory");
    enc.finish().expect("gzip into memory")
}

/// Draw one mutation for `data` and apply it.
fn mutate(rng: &mut Rng, data: Vec<u8>) -> (Mutation, Vec<u8>) {
    let mut data = data;
    let len = data.len();
    let spans = line_spans(&data);
    // Operators that need bytes or lines fall back to an insertion on empty input.
    let op = if len == 0 { 7 } else { rng.below(10) };
    let m = match op {
        0 => {
            let (at, bit) = (rng.below(len), rng.below(8) as u8);
            data[at] ^= 1 << bit;
            Mutation::FlipBit { at, bit }
        }
        1 => {
            let at = rng.below(len);
            let value = if rng.one_in(2) { rng.byte() } else { *rng.pick(INTERESTING_BYTES) };
            data[at] = value;
            Mutation::SetByte { at, value }
        }
        2 => {
            // Near a line end half of the time: cut lines are more interesting than a cut header.
            let at = if rng.one_in(2) {
                let (s, e) = *rng.pick(&spans);
                (e - rng.below(3).min(e - s)).min(len)
            } else {
                rng.below(len)
            };
            data.truncate(at);
            Mutation::Truncate { at }
        }
        3 => {
            let from = rng.below(len);
            let max = (len - from).min(if rng.one_in(4) { 1 << 16 } else { 2048 });
            let len_s = rng.between(1, max);
            let to = rng.below(len + 1);
            let overwrite = rng.one_in(2);
            let piece = data[from..from + len_s].to_vec();
            if overwrite {
                let end = (to + len_s).min(data.len());
                data.splice(to..end, piece);
            } else {
                data.splice(to..to, piece);
            }
            Mutation::Splice { from, len: len_s, to, overwrite }
        }
        4 => {
            let line = rng.below(spans.len());
            let to = rng.below(spans.len() + 1);
            let copy = line_with_newline(&data, spans[line]);
            let at = spans.get(to).map_or(len, |s| s.0);
            if at == len && data.last().is_some_and(|&b| b != b'\n') {
                data.push(b'\n');
            }
            let at = at.min(data.len());
            data.splice(at..at, copy);
            Mutation::DuplicateLine { line, to }
        }
        5 => {
            let (mut a, mut b) = (rng.below(spans.len()), rng.below(spans.len()));
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            if a != b {
                let (la, lb) = (line_with_newline(&data, spans[a]), line_with_newline(&data, spans[b]));
                let mut out = Vec::with_capacity(data.len() + 2);
                out.extend_from_slice(&data[..spans[a].0]);
                out.extend_from_slice(&lb);
                out.extend_from_slice(&data[spans[a].1..spans[b].0]);
                out.extend_from_slice(&la);
                out.extend_from_slice(&data[spans[b].1..]);
                data = out;
            }
            Mutation::SwapLines { a, b }
        }
        6 => {
            let line = rng.below(spans.len());
            data.drain(spans[line].0..spans[line].1);
            Mutation::DeleteLine { line }
        }
        7 => {
            let at = rng.below(len + 1);
            let bytes: Vec<u8> = if rng.one_in(2) {
                rng.pick(TOKENS).to_vec()
            } else {
                let n = rng.between(1, 32);
                (0..n).map(|_| rng.byte()).collect()
            };
            data.splice(at..at, bytes.iter().copied());
            Mutation::InsertBytes { at, bytes }
        }
        8 => {
            let ending: &'static str = if rng.one_in(2) { "\r\n" } else { "\r" };
            let line = if rng.one_in(3) { None } else { Some(rng.below(spans.len())) };
            let mut out = Vec::with_capacity(data.len() + spans.len());
            for (i, &(s, e)) in spans.iter().enumerate() {
                let ends_nl = data[e - 1] == b'\n';
                if ends_nl && line.is_none_or(|l| l == i) {
                    out.extend_from_slice(&data[s..e - 1]);
                    out.extend_from_slice(ending.as_bytes());
                } else {
                    out.extend_from_slice(&data[s..e]);
                }
            }
            data = out;
            Mutation::LineEnd { line, ending }
        }
        _ => {
            let (start, end) = if rng.one_in(4) {
                (0, len)
            } else {
                // Often on line boundaries, as a producer splitting its output would cut.
                let (a, b) = if rng.one_in(2) {
                    let a = rng.below(spans.len());
                    let b = rng.between(a, spans.len() - 1);
                    (spans[a].0, spans[b].1)
                } else {
                    let a = rng.below(len + 1);
                    (a, rng.between(a, len))
                };
                (a, b)
            };
            let level = rng.below(10) as u32;
            let (head_gz, tail_gz) = (rng.one_in(2), rng.one_in(2));
            let mut middle = gzip(&data[start..end], level);
            let corrupt = if rng.one_in(3) {
                let at = rng.below(middle.len());
                let x = rng.between(1, 255) as u8;
                middle[at] ^= x;
                Some((at, x))
            } else {
                None
            };
            let part =
                |bytes: &[u8], gz: bool| if gz && !bytes.is_empty() { gzip(bytes, level) } else { bytes.to_vec() };
            let mut out = part(&data[..start], head_gz);
            out.extend_from_slice(&middle);
            out.extend_from_slice(&part(&data[end..], tail_gz));
            data = out;
            Mutation::Regzip { start, end, level, head_gz, tail_gz, corrupt }
        }
    };
    (m, data)
}

/// The report's invariants; `Err` names the first one broken.
fn check(report: &Report) -> Result<(), String> {
    let json = serde_json::to_value(report).map_err(|e| format!("report does not serialise: {e}"))?;
    let listed = json["problems"].as_array().ok_or("serialised report has no problems array")?;
    if listed.len() != report.problems.len() {
        return Err(format!("{} problems serialised, {} in the report", listed.len(), report.problems.len()));
    }
    let mut errors = 0u64;
    for (p, j) in report.problems.iter().zip(listed) {
        let text = p.code.as_str();
        if Code::parse(text) != Some(p.code) || !Code::ALL.contains(&p.code) {
            return Err(format!("code {:?} ({text}) does not round-trip through Code::parse", p.code));
        }
        if j["code"].as_str() != Some(text) {
            return Err(format!("code {text} serialised as {}", j["code"]));
        }
        if p.severity != p.code.severity() {
            return Err(format!("{text} has severity {:?}, its code says {:?}", p.severity, p.code.severity()));
        }
        if p.severity == Severity::Error {
            errors += 1;
        }
    }
    let s = &report.summary;
    if s.errors < errors {
        return Err(format!("summary.errors = {} but {errors} error problems are listed", s.errors));
    }
    if s.intact && (errors > 0 || s.errors > 0) {
        return Err(format!("intact although {errors} error problems are listed (summary.errors = {})", s.errors));
    }
    Ok(())
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim().replace('_', "");
    let parsed = match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => v.parse(),
    };
    Some(parsed.unwrap_or_else(|e| panic!("{name}={v}: not a number ({e})")))
}

/// The panic of the last case (message and location), recorded by the hook set in the test.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

struct Failure {
    case: u64,
    mutations: Vec<Mutation>,
    what: String,
    input: String,
}

#[test]
fn mutated_bundles_never_panic_and_reports_stay_consistent() {
    let seed = env_u64("QINGLIAN_SEED").unwrap_or(DEFAULT_SEED);
    let cases = env_u64("QINGLIAN_MUTATION_CASES").unwrap_or(DEFAULT_CASES);
    let only = env_u64("QINGLIAN_MUTATION_CASE");
    println!("mutation: QINGLIAN_SEED={seed:#x} cases={cases}{}", only.map_or(String::new(), |c| format!(" only={c}")));

    let started = Instant::now();
    let demo = generate(&DemoOptions { seed: 2026, min_records: 0 });
    let spans = line_spans(&demo.bundle);
    let base = demo.bundle[..spans[BASE_LINES.min(spans.len()) - 1].1].to_vec();
    let anchor = TrustAnchor::Root(Box::new(TrustRoot::from_line(&demo.root).expect("demo root")));
    let options = || VerifyOptions { checks: Some(Default::default()), ..Default::default() };
    let clean = verify_bytes(&base, anchor.clone(), options());
    let mut clean_codes: Vec<&str> = clean.problems.iter().map(|p| p.code.as_str()).collect();
    clean_codes.dedup();
    println!(
        "mutation: base bundle {} lines, {} bytes, {} verified, intact={}, problems {:?} (built in {:.1?})",
        line_spans(&base).len(),
        base.len(),
        clean.summary.verified,
        clean.summary.intact,
        clean_codes,
        started.elapsed()
    );
    assert!(clean.summary.intact, "the unmutated base bundle verifies: {:#?}", clean.problems);
    check(&clean).expect("the clean report is consistent");
    assert!(clean.analysis.is_some(), "checks ran");

    panic::set_hook(Box::new(|info| {
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.to_string());
    }));
    let mut histogram: BTreeMap<&'static str, u64> = BTreeMap::new();
    let (mut intact, mut ran) = (0u64, 0u64);
    let mut failures: Vec<Failure> = Vec::new();
    let mut slowest = (Duration::ZERO, 0u64);
    let t0 = Instant::now();
    let range = match only {
        Some(c) => c..c + 1,
        None => 0..cases,
    };
    for case in range {
        let mut rng = Rng::for_case(seed, case);
        let mut input = base.clone();
        let mut mutations = Vec::new();
        for _ in 0..rng.between(1, 3) {
            let (m, out) = mutate(&mut rng, input);
            mutations.push(m);
            input = out;
        }
        let t = Instant::now();
        let result = panic::catch_unwind(AssertUnwindSafe(|| verify_bytes(&input, anchor.clone(), options())));
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, case);
        }
        ran += 1;
        if cases >= 10_000 && only.is_none() && ran % (cases / 10) == 0 {
            println!("mutation: {ran} cases, {:.0} s", t0.elapsed().as_secs_f64());
        }
        let what = match result {
            Err(payload) => {
                let recorded = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                Some(format!("PANIC: {}", recorded.unwrap_or(message)))
            }
            Ok(report) => {
                intact += u64::from(report.summary.intact);
                let mut codes: Vec<&'static str> = report.problems.iter().map(|p| p.code.as_str()).collect();
                codes.sort_unstable();
                codes.dedup();
                for c in codes {
                    *histogram.entry(c).or_default() += 1;
                }
                check(&report).err().map(|e| format!("INCONSISTENT REPORT: {e}"))
            }
        };
        if let Some(what) = what {
            let path = std::env::temp_dir().join(format!("qinglian-mutation-{seed:x}-{case}.qlb"));
            let input_note = match std::fs::write(&path, &input) {
                Ok(()) => path.display().to_string(),
                Err(e) => format!("(not written: {e})"),
            };
            eprintln!(
                "mutation FAILURE: QINGLIAN_SEED={seed:#x} QINGLIAN_MUTATION_CASE={case}\n  mutations: {mutations:?}\n  {what}\n  input: {input_note}"
            );
            failures.push(Failure { case, mutations, what, input: input_note });
            if failures.len() >= MAX_FAILURES {
                break;
            }
        }
    }
    let elapsed = t0.elapsed();
    drop(panic::take_hook());

    println!(
        "mutation: {ran} cases in {:.1} s = {:.0} cases/s; {intact} still intact; slowest case {} ({:.1?}); {} failures",
        elapsed.as_secs_f64(),
        ran as f64 / elapsed.as_secs_f64().max(1e-9),
        slowest.1,
        slowest.0,
        failures.len()
    );
    let mut by_count: Vec<(&str, u64)> = histogram.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("mutation: cases per problem code:");
    for (code, n) in &by_count {
        println!("  {n:>8}  {code}");
    }
    if !failures.is_empty() {
        let list: Vec<String> = failures
            .iter()
            .map(|f| format!("case {}: {}\n    mutations: {:?}\n    input: {}", f.case, f.what, f.mutations, f.input))
            .collect();
        panic!(
            "{} failing case(s) with QINGLIAN_SEED={seed:#x} (replay one with QINGLIAN_MUTATION_CASE=<case>):\n{}",
            failures.len(),
            list.join("\n")
        );
    }
}
