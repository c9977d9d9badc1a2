//! Strict Ed25519 verification with a per-key fixed-base table: exactly `verify_strict`, faster.
//!
//! `verify_strict` accepts (S, R) under key A when S < L, R and A are not of small order, and
//! `R == compress([S]B − [H(R‖A‖M)]A)` byte for byte (which also refuses non-canonical R). Root
//! loading already refuses small-order and non-canonical keys, and a key is only given a table
//! when it is torsion-free (every honestly generated key is). Then R' = [S]B − [h]A is
//! torsion-free, so an R equal to it is torsion-free too, and the only small-order R it can equal
//! is the identity. Hence, for a torsion-free key:
//!
//! ```text
//! verify_strict(A, M, (R, S))  ⇔  S < L  ∧  R ≠ encode(identity)  ∧  R == compress([S]B + [h](−A))
//! ```
//!
//! The right-hand side needs no point decompression and no doublings of a variable point: both
//! multiplications use variable-time fixed-base tables ([`VartimeTable`]: B's is built once per
//! process, −A's once per department key), and a run of signatures shares one field inversion for
//! compression. The equivalence is pinned
//! on the RFC 8032, Wycheproof, CCTV and speccheck vectors in `tests/vectors.rs`.
//!
//! Batch verification (one random linear combination for many signatures) is deliberately not the
//! accept path: with a cofactorless equation, signatures whose R carries a small-order component
//! can cancel within a batch, so a batch can accept what `verify_strict` rejects ("Taming the
//! many EdDSAs", Chalkias et al. 2020). A batch is only used as a screen in the benchmark.

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use sha2::{Digest as _, Sha512};
use std::sync::OnceLock;

use super::fixed_base::VartimeTable;
use super::PublicKey;

/// B's table, shared by every key and thread.
fn basepoint_table() -> &'static VartimeTable {
    static TABLE: OnceLock<VartimeTable> = OnceLock::new();
    TABLE.get_or_init(|| VartimeTable::new(&ED25519_BASEPOINT_POINT))
}

/// The canonical encoding of the identity point (small order, refused as R).
const IDENTITY: [u8; 32] = {
    let mut b = [0u8; 32];
    b[0] = 1;
    b
};

/// A public key with a fixed-base table for −A (about 220 KB), for keys that sign many statements.
pub struct PrecomputedKey {
    bytes: [u8; 32],
    neg_a: VartimeTable,
}

impl PrecomputedKey {
    /// Build the table; `None` for a key with a small-order component (verify those with
    /// [`PublicKey::verify_strict`]).
    pub fn new(key: &PublicKey) -> Option<PrecomputedKey> {
        let a = curve25519_dalek::edwards::CompressedEdwardsY(key.bytes).decompress()?;
        if !a.is_torsion_free() || a.is_small_order() {
            return None;
        }
        Some(PrecomputedKey { bytes: key.bytes, neg_a: VartimeTable::new(&-a) })
    }

    /// R' = [S]B − [h]A for one signature, or None when S is not canonical or R is the identity.
    fn expected_r(&self, message: &[u8], signature: &[u8; 64]) -> Option<EdwardsPoint> {
        let mut r = [0u8; 32];
        r.copy_from_slice(&signature[..32]);
        let mut s = [0u8; 32];
        s.copy_from_slice(&signature[32..]);
        let s = Option::<Scalar>::from(Scalar::from_canonical_bytes(s))?;
        if r == IDENTITY {
            return None;
        }
        let mut h = Sha512::new();
        h.update(r);
        h.update(self.bytes);
        h.update(message);
        let h = Scalar::from_bytes_mod_order_wide(&h.finalize().into());
        Some(self.neg_a.mul_add(&h, basepoint_table().mul(&s)))
    }

    /// Exactly `verify_strict` (see the module documentation).
    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        self.expected_r(message, signature).is_some_and(|p| p.compress().as_bytes()[..] == signature[..32])
    }

    /// Verify many signatures by this key, sharing one inversion for all compressions.
    pub fn verify_many(&self, items: &[(&[u8], &[u8; 64])]) -> Vec<bool> {
        let points: Vec<Option<EdwardsPoint>> = items.iter().map(|(m, s)| self.expected_r(m, s)).collect();
        let present: Vec<EdwardsPoint> = points.iter().flatten().copied().collect();
        let mut compressed = EdwardsPoint::compress_batch_alloc(&present).into_iter();
        points
            .iter()
            .zip(items)
            .map(|(p, (_, sig))| p.is_some() && compressed.next().is_some_and(|c| c.as_bytes()[..] == sig[..32]))
            .collect()
    }
}

impl std::fmt::Debug for PrecomputedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrecomputedKey({})", hex::encode(&self.bytes[..8]))
    }
}
