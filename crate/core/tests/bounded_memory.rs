//! Memory on hostile compressed input is bounded (docs/format.md §7): a gzip member that inflates
//! to 256 MiB of one line costs no more than a normal run. Measured with a counting allocator, so
//! this file holds one test (its own process) and nothing else allocates meanwhile.

mod common;

use common::*;
use flate2::{write::GzEncoder, Compression};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Peak bytes allocated while verifying `bundle` (above what was live before).
fn peak_of(bundle: &[u8], root: &qinglian_core::produce::SignedStatement) -> (usize, qinglian_core::Report) {
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let report = verify(bundle, root);
    (PEAK.load(Relaxed) - before, report)
}

#[test]
fn a_gzip_line_of_256_mib_costs_no_more_memory_than_a_normal_run() {
    let s = scenario();
    let lines = s.statement_lines();
    let tail: Vec<u8> = lines[4..].iter().flat_map(|l| [l.as_slice(), b"\n"].concat()).collect();
    let normal = [gzip(&bundle_of(&lines[..4])), gzip(&tail)].concat();

    let mut bomb = GzEncoder::new(Vec::new(), Compression::best());
    let block = vec![b'a'; 1 << 20];
    for _ in 0..256 {
        bomb.write_all(&block).unwrap();
    }
    bomb.write_all(b"\n").unwrap();
    let bomb = bomb.finish().unwrap();
    let hostile = [gzip(&bundle_of(&lines[..4])), bomb, gzip(&tail)].concat();

    let (normal_peak, normal_report) = peak_of(&normal, &s.root);
    assert!(normal_report.summary.intact, "{:#?}", normal_report.problems);
    let (hostile_peak, hostile_report) = peak_of(&hostile, &s.root);
    assert_eq!(codes(&hostile_report), ["LINE_TOO_LONG"]);
    assert_eq!(hostile_report.records.len(), normal_report.records.len());
    eprintln!(
        "peak allocated: normal {normal_peak} B, with a 256 MiB line {hostile_peak} B (input {} B)",
        hostile.len()
    );
    // A skipped line holds at most the line limit (1 MiB) before it is known to be too long; with
    // the buffer's growth and a copy while it grows, ~2 MiB. "A few MB", not 256.
    assert!(
        hostile_peak <= normal_peak + (3 << 20),
        "peak {hostile_peak} B with the long line vs {normal_peak} B without"
    );
}
