//! Variable-time fixed-base scalar multiplication, for verification only.
//!
//! curve25519-dalek's basepoint tables are constant-time: every lookup scans all entries of a row
//! with conditional moves, because signing multiplies secret scalars. A verifier multiplies public
//! scalars (S and H(R‖A‖M)), so it may index the row directly. Measured in wasm, the scans were
//! most of the cost of a fixed-base multiplication; without them [k]P is 43 point additions.
//!
//! The scalar is written in signed radix 2^6, k = Σ d_i·64^i with d_i ∈ [−32, 32), and row i holds
//! j·64^i·P for j = 1..=32, so each digit costs one addition (or subtraction) of a table entry.
//! A table takes 43 × 32 points × 160 bytes ≈ 220 KB (wasm) and about as much work to build as
//! twenty verifications, so it is only built for keys that sign many statements.

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::Identity;

const WINDOW_BITS: usize = 6;
const HALF: i16 = 1 << (WINDOW_BITS - 1);
/// ⌈256 / 6⌉ digits cover any 256-bit scalar (the last one absorbs the final carry).
const DIGITS: usize = 256_usize.div_ceil(WINDOW_BITS);

/// Row i: [j·64^i]P for j = 1..=32.
pub struct VartimeTable {
    rows: Vec<[EdwardsPoint; HALF as usize]>,
}

impl VartimeTable {
    pub fn new(point: &EdwardsPoint) -> VartimeTable {
        let mut rows = Vec::with_capacity(DIGITS);
        let mut base = *point;
        for _ in 0..DIGITS {
            let mut row = [base; HALF as usize];
            for j in 1..row.len() {
                row[j] = row[j - 1] + base;
            }
            rows.push(row);
            // [64]base = 2·[32]base; the doubling itself is not public in curve25519-dalek.
            base = row[row.len() - 1] + row[row.len() - 1];
        }
        VartimeTable { rows }
    }

    /// `accumulator + [scalar]P`, in variable time.
    pub fn mul_add(&self, scalar: &Scalar, mut accumulator: EdwardsPoint) -> EdwardsPoint {
        for (row, digit) in self.rows.iter().zip(signed_digits(scalar)) {
            match digit {
                0 => {}
                d if d > 0 => accumulator += row[d as usize - 1],
                d => accumulator -= row[(-d) as usize - 1],
            }
        }
        accumulator
    }

    /// `[scalar]P`, in variable time.
    pub fn mul(&self, scalar: &Scalar) -> EdwardsPoint {
        self.mul_add(scalar, EdwardsPoint::identity())
    }
}

/// Signed radix-64 digits of `scalar`, least significant first, each in [−32, 32) except possibly
/// the last, which takes the final carry (small for reduced scalars, which are below 2^253).
fn signed_digits(scalar: &Scalar) -> [i16; DIGITS] {
    let bytes = scalar.as_bytes();
    let bit = |i: usize| -> i16 { bytes.get(i / 8).map_or(0, |b| ((b >> (i % 8)) & 1) as i16) };
    let mut digits = [0i16; DIGITS];
    let mut carry = 0i16;
    for (i, digit) in digits.iter_mut().enumerate() {
        let mut window = carry;
        for k in 0..WINDOW_BITS {
            window += bit(i * WINDOW_BITS + k) << k;
        }
        if i + 1 < DIGITS && window >= HALF {
            *digit = window - 2 * HALF;
            carry = 1;
        } else {
            *digit = window;
            carry = 0;
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;

    fn scalar(seed: u64) -> Scalar {
        let mut wide = [0u8; 64];
        let mut state = seed;
        for b in wide.iter_mut() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            *b = (state >> 56) as u8;
        }
        Scalar::from_bytes_mod_order_wide(&wide)
    }

    #[test]
    fn equals_the_constant_time_multiplication() {
        let point = ED25519_BASEPOINT_POINT * scalar(99);
        let table = VartimeTable::new(&point);
        for seed in 0..64 {
            let k = scalar(seed);
            assert_eq!(table.mul(&k), point * k, "seed {seed}");
        }
        // Edge scalars: zero, one, L − 1, and every digit at the boundary value.
        let all_32 = Scalar::from_bytes_mod_order([0x82; 32]);
        for k in [Scalar::ZERO, Scalar::ONE, -Scalar::ONE, all_32] {
            assert_eq!(table.mul(&k), point * k);
        }
        let offset = ED25519_BASEPOINT_POINT;
        assert_eq!(table.mul_add(&scalar(7), offset), offset + point * scalar(7));
    }

    #[test]
    fn digits_reconstruct_the_scalar() {
        for seed in 0..200 {
            let k = scalar(seed);
            let digits = signed_digits(&k);
            let mut sum = Scalar::ZERO;
            let mut weight = Scalar::ONE;
            for (i, &d) in digits.iter().enumerate() {
                let limit = if i + 1 < DIGITS { HALF } else { 4 };
                assert!((-HALF..limit).contains(&d), "digit {i} = {d}");
                let magnitude = Scalar::from(d.unsigned_abs() as u64);
                sum += if d < 0 { -magnitude * weight } else { magnitude * weight };
                weight *= Scalar::from(64u64);
            }
            assert_eq!(sum, k);
        }
    }
}
