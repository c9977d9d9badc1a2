//! Native rates for the workloads of bench/core.mjs, printed as one JSON object:
//! `qinglian-bench-native [--signatures N] [--bytes M] [--message-bytes B]`.
//!
//! Messages, keys and the grouping into runs are defined exactly as in bench/core.mjs, so the
//! native row measures the same work as the wasm rows.
use qinglian_core::crypto::{Digest, SecretKey};
use qinglian_core::verify::{SignatureJob, SignatureVerifier};
use std::time::Instant;

/// Byte `j` of message `i` (bench/core.mjs `messageByte`).
fn message(i: usize, len: usize) -> Vec<u8> {
    (0..len).map(|j| (((i * 131 + j * 7) ^ (j >> 5)) & 0xff) as u8).collect()
}

/// Key `k`'s seed: 32 bytes of k + 1 (bench/core.mjs `keySeed`).
fn key(k: usize) -> SecretKey {
    SecretKey::from_seed(&[(k + 1) as u8; 32])
}

struct Workload {
    keys: Vec<SecretKey>,
    messages: Vec<Vec<u8>>,
    signatures: Vec<[u8; 64]>,
}

fn workload(n: usize, keys: usize, len: usize) -> Workload {
    let keys: Vec<SecretKey> = (0..keys).map(key).collect();
    let messages: Vec<Vec<u8>> = (0..n).map(|i| message(i, len)).collect();
    let signatures = messages.iter().enumerate().map(|(i, m)| keys[i % keys.len()].sign(m)).collect();
    Workload { keys, messages, signatures }
}

fn strict(w: &Workload) -> usize {
    let k = w.keys.len();
    w.messages
        .iter()
        .zip(&w.signatures)
        .enumerate()
        .filter(|(i, (m, s))| w.keys[i % k].public().verify_strict(m, s))
        .count()
}

/// Signatures grouped by key into runs of 256 (as the verifier cuts them), one fresh
/// SignatureVerifier per measurement so building the per-key tables is paid each time.
fn fast(w: &Workload) -> usize {
    let mut verifier = SignatureVerifier::new();
    let k = w.keys.len();
    let mut pending: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut ok = 0;
    let mut next_id = 0;
    let mut flush = |verifier: &mut SignatureVerifier, key: usize, run: &mut Vec<usize>| {
        if run.is_empty() {
            return 0;
        }
        let mut job = SignatureJob {
            id: next_id,
            public_key: w.keys[key].public().bytes,
            messages: Vec::new(),
            ends: Vec::new(),
            signatures: Vec::new(),
        };
        next_id += 1;
        for &i in run.iter() {
            job.messages.extend_from_slice(&w.messages[i]);
            job.ends.push(job.messages.len() as u32);
            job.signatures.extend_from_slice(&w.signatures[i]);
        }
        run.clear();
        verifier.verify(&job).into_iter().filter(|v| *v).count()
    };
    for i in 0..w.messages.len() {
        let key = i % k;
        pending[key].push(i);
        if pending[key].len() == 256 {
            ok += flush(&mut verifier, key, &mut pending[key]);
        }
    }
    for (key, run) in pending.iter_mut().enumerate() {
        ok += flush(&mut verifier, key, run);
    }
    ok
}

fn rate(n: usize, f: &dyn Fn() -> usize) -> (f64, usize) {
    let t = Instant::now();
    let ok = f();
    (n as f64 / t.elapsed().as_secs_f64(), ok)
}

fn main() {
    let mut n = 4000usize;
    let mut bytes = 64usize << 20;
    let mut len = 600usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let v = pair.get(1).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("bad value for {}", pair[0]));
        match pair[0].as_str() {
            "--signatures" => n = v,
            "--bytes" => bytes = v,
            "--message-bytes" => len = v,
            other => panic!("unknown argument {other}"),
        }
    }
    let mut out = Vec::new();
    for keys in [1usize, 12] {
        let w = workload(n, keys, len);
        let (s, s_ok) = rate(n, &|| strict(&w));
        let (f, f_ok) = rate(n, &|| fast(&w));
        assert_eq!((s_ok, f_ok), (n, n), "every signature must verify");
        out.push(format!("\"strict_{keys}\":{s:.1},\"fast_{keys}\":{f:.1}"));
    }
    let data: Vec<u8> = (0..bytes).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let t = Instant::now();
    let d = Digest::of(&[&data]);
    let mbs = bytes as f64 / 1e6 / t.elapsed().as_secs_f64();
    out.push(format!("\"sha256_mbs\":{mbs:.1},\"sha256_hex\":\"{}\"", d.to_hex()));
    println!("{{\"signatures\":{n},\"message_bytes\":{len},{}}}", out.join(","));
}
