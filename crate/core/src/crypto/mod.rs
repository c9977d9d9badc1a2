//! Hashes, key ids and strict Ed25519.
//!
//! Verification accepts exactly what `ed25519_dalek::VerifyingKey::verify_strict` accepts
//! (docs/decisions.md §8). Faster paths must keep that accept/reject set; see `verify::batch`.

pub mod age_keys;
mod fixed_base;
mod precomputed;

pub use precomputed::PrecomputedKey;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest as _, Sha256};
use std::fmt;

/// A SHA-256 value: statement ids, log heads, root fingerprints.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(pub [u8; 32]);

impl Digest {
    pub fn of(parts: &[&[u8]]) -> Digest {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p);
        }
        Digest(h.finalize().into())
    }
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
    /// Parse exactly 64 lowercase hex digits (one spelling per value keeps encodings canonical).
    pub fn from_hex(s: &str) -> Option<Digest> {
        parse_lower_hex::<32>(s).map(Digest)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({})", &self.to_hex()[..16])
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

pub(crate) fn parse_lower_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

/// Domain tag for key ids: a key id can only be derived from the key it names.
const KEY_ID_TAG: &[u8] = b"qinglian/v1/key-id\n";

/// A key id: the first 16 bytes of SHA-256(tag ‖ public key), as 32 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 16]);

impl KeyId {
    pub fn of(public_key: &[u8; 32]) -> KeyId {
        let d = Digest::of(&[KEY_ID_TAG, public_key]);
        let mut id = [0u8; 16];
        id.copy_from_slice(&d.0[..16]);
        KeyId(id)
    }
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
    pub fn from_hex(s: &str) -> Option<KeyId> {
        parse_lower_hex::<16>(s).map(KeyId)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.to_hex())
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Why a public key is refused when a trust root is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicKeyError {
    /// Not a valid point encoding.
    Malformed,
    /// The encoding is valid but not the canonical one for its point.
    NonCanonical,
    /// A small-order point: every message "verifies" under some signature.
    Weak,
}

impl PublicKeyError {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Malformed => "不是有效的曲线点编码",
            Self::NonCanonical => "编码不规范",
            Self::Weak => "小阶点,任何消息的签名都可伪造",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Self::Malformed => "not a valid point encoding",
            Self::NonCanonical => "not the canonical encoding of its point",
            Self::Weak => "a small-order point: a signature can be forged for any message",
        }
    }
}

/// A public key accepted for use: canonical, decompressed once, not of small order.
#[derive(Clone, Debug)]
pub struct PublicKey {
    pub bytes: [u8; 32],
    pub id: KeyId,
    pub key: VerifyingKey,
}

impl PublicKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Result<PublicKey, PublicKeyError> {
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| PublicKeyError::Malformed)?;
        if key.to_bytes() != bytes {
            return Err(PublicKeyError::NonCanonical);
        }
        if key.is_weak() {
            return Err(PublicKeyError::Weak);
        }
        Ok(PublicKey { bytes, id: KeyId::of(&bytes), key })
    }

    /// Strict verification (no small-order R or A, canonical S and R).
    pub fn verify_strict(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let sig = Signature::from_bytes(signature);
        self.key.verify_strict(message, &sig).is_ok()
    }
}

/// Verify with the raw rules of `verify_strict` for any 32 bytes, for conformance vectors (no root
/// policy: a weak key is not refused here, so the vectors show exactly what the signature check does).
pub fn verify_strict_raw(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    match VerifyingKey::from_bytes(public_key) {
        Ok(key) => key.verify_strict(message, &Signature::from_bytes(signature)).is_ok(),
        Err(_) => false,
    }
}

/// A department's signing key. The seed comes from the caller (the OS in the CLI, `crypto.getRandomValues`
/// in JavaScript) so the core needs no randomness source of its own.
pub struct SecretKey {
    key: SigningKey,
    public: PublicKey,
}

impl SecretKey {
    pub fn from_seed(seed: &[u8; 32]) -> SecretKey {
        let key = SigningKey::from_bytes(seed);
        let bytes = key.verifying_key().to_bytes();
        let public = PublicKey { bytes, id: KeyId::of(&bytes), key: key.verifying_key() };
        SecretKey { key, public }
    }
    pub fn seed(&self) -> [u8; 32] {
        self.key.to_bytes()
    }
    pub fn public(&self) -> &PublicKey {
        &self.public
    }
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.public.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_key_ids() {
        let k = SecretKey::from_seed(&[7; 32]);
        let sig = k.sign(b"hello");
        assert!(k.public().verify_strict(b"hello", &sig));
        assert!(!k.public().verify_strict(b"hellp", &sig));
        assert_eq!(k.public().id, KeyId::of(&k.public().bytes));
        assert_ne!(KeyId::of(&[1; 32]), KeyId::of(&[2; 32]));
    }

    #[test]
    fn weak_and_noncanonical_keys_are_refused() {
        // The identity point (y = 1) has small order.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(PublicKey::from_bytes(identity).unwrap_err(), PublicKeyError::Weak);
        // y = p + 1 is a non-canonical encoding of the identity.
        let mut noncanon = [0xffu8; 32];
        noncanon[0] = 0xee;
        noncanon[31] = 0x7f;
        assert!(PublicKey::from_bytes(noncanon).is_err());
    }

    #[test]
    fn hex_is_strict() {
        assert!(Digest::from_hex(&"ab".repeat(32)).is_some());
        assert!(Digest::from_hex(&"AB".repeat(32)).is_none());
        assert!(Digest::from_hex("ab").is_none());
    }
}
