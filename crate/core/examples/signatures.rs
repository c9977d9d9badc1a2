//! Native signature-verification rates for the verifier's paths (run with --release).
use qinglian_core::crypto::{PrecomputedKey, SecretKey};
use std::time::Instant;

fn main() {
    let n = 20_000;
    let key = SecretKey::from_seed(&[3; 32]);
    let msgs: Vec<Vec<u8>> = (0..n).map(|i| format!("{i:0300}").into_bytes()).collect();
    let sigs: Vec<[u8; 64]> = msgs.iter().map(|m| key.sign(m)).collect();
    let rate = |label: &str, f: &dyn Fn() -> usize| {
        let t = Instant::now();
        let ok = f();
        let s = t.elapsed().as_secs_f64();
        println!("{label:<40} {:>9.0} signatures/s ({ok} ok)", n as f64 / s);
        n as f64 / s
    };
    let strict =
        rate("verify_strict", &|| msgs.iter().zip(&sigs).filter(|(m, s)| key.public().verify_strict(m, s)).count());
    let table = PrecomputedKey::new(key.public()).unwrap();
    let one = rate("precomputed, one by one", &|| msgs.iter().zip(&sigs).filter(|(m, s)| table.verify(m, s)).count());
    let many = rate("precomputed, runs of 256", &|| {
        let items: Vec<(&[u8], &[u8; 64])> = msgs.iter().map(Vec::as_slice).zip(sigs.iter()).collect();
        items.chunks(256).map(|c| table.verify_many(c).into_iter().filter(|x| *x).count()).sum()
    });
    let vk = key.public().key;
    let batch = rate("dalek verify_batch (64), screen only", &|| {
        let ed: Vec<ed25519_dalek::Signature> = sigs.iter().map(ed25519_dalek::Signature::from_bytes).collect();
        let m: Vec<&[u8]> = msgs.iter().map(Vec::as_slice).collect();
        let keys = vec![vk; 64];
        m.chunks(64)
            .zip(ed.chunks(64))
            .filter(|(m, s)| ed25519_dalek::verify_batch(m, s, &keys[..m.len()]).is_ok())
            .map(|(m, _)| m.len())
            .sum()
    });
    println!(
        "ratios vs verify_strict: precomputed {:.2}×, runs {:.2}×, batch {:.2}×",
        one / strict,
        many / strict,
        batch / strict
    );
}
