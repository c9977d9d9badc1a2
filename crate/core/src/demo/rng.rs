//! A small deterministic generator (SplitMix64): the demo needs reproducibility from a seed, not
//! cryptographic randomness, and no RNG crate. Only additions and multiplications of `f64` are used
//! (the normal deviate is the Irwin–Hall sum of twelve uniforms), so results are bit-identical on
//! every IEEE-754 platform.

#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5155_494e_474c_4941)
    }

    /// An independent stream for one concern (firms, projects, bids …), so that adding draws to
    /// one generator does not shift the others.
    pub fn fork(&self, label: &str) -> Rng {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        for b in label.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut r = Rng(h);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; 0 gives 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Approximately standard normal (Irwin–Hall with 12 terms: mean 0, variance 1, |x| ≤ 6).
    pub fn normal(&mut self) -> f64 {
        let mut s = 0.0;
        for _ in 0..12 {
            s += self.unit();
        }
        s - 6.0
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.index(xs.len())]
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.index(i + 1);
            xs.swap(i, j);
        }
    }

    /// `n` lower-case hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        (0..n).map(|_| char::from(HEX[self.index(16)])).collect()
    }

    /// `n` upper-case hex digits.
    pub fn hex_upper(&mut self, n: usize) -> String {
        self.hex(n).to_ascii_uppercase()
    }

    /// `n` decimal digits (the first may be 0).
    pub fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    /// A pseudonymous person id `pid:<16 hex>` (docs/decisions.md §13: never a resident ID number).
    pub fn pid(&mut self) -> String {
        format!("pid:{}", self.hex(16))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_spread() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        let mut f = a.fork("x");
        let mut g = b.fork("x");
        assert_eq!(f.next_u64(), g.next_u64());
        assert_ne!(a.fork("y").next_u64(), a.fork("x").next_u64());
        let n = 20_000;
        let mean: f64 = (0..n).map(|_| a.normal()).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.05);
        assert!((0..1000).all(|_| (3..=5).contains(&a.range(3, 5))));
    }
}
