//! A department's encryption key for sealed records (docs/format.md §4.2): an age X25519 identity
//! derived from its Ed25519 signing seed, and the recipient (`age1…`) the trust root publishes.
//!
//! Derived, not stored, so every existing key file can read what is sealed to it and the root's
//! recipient always belongs to the key next to it. The derivation is a domain-separated hash, so the
//! X25519 scalar is independent of the Ed25519 one (no key is used for two algorithms).
//! Only the encoding lives here (Bech32, BIP 173, as age uses it); encryption and decryption are
//! age's, in the CLI (`age` crate) and in JavaScript (`age-encryption`).

use curve25519_dalek::montgomery::MontgomeryPoint;
use sha2::{Digest as _, Sha256};

const DERIVE_TAG: &[u8] = b"qinglian/v1/age-x25519\n";
const RECIPIENT_HRP: &str = "age";
const IDENTITY_HRP: &str = "age-secret-key-";

/// The X25519 secret for `seed` (age clamps it when used).
pub fn x25519_secret(seed: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(DERIVE_TAG);
    h.update(seed);
    h.finalize().into()
}

/// The age identity string (`AGE-SECRET-KEY-1…`, upper case as age writes it) for `seed`.
pub fn identity(seed: &[u8; 32]) -> String {
    bech32_encode(IDENTITY_HRP, &x25519_secret(seed)).to_ascii_uppercase()
}

/// The age recipient (`age1…`) of `seed`'s identity: what the trust root publishes.
pub fn recipient(seed: &[u8; 32]) -> String {
    let public = MontgomeryPoint::mul_base_clamped(x25519_secret(seed));
    bech32_encode(RECIPIENT_HRP, &public.0)
}

/// The 32-byte X25519 public key of a recipient string, if it is one (lower case, valid checksum).
pub fn parse_recipient(s: &str) -> Option<[u8; 32]> {
    let data = bech32_decode(RECIPIENT_HRP, s)?;
    data.try_into().ok()
}

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> impl Iterator<Item = u8> + '_ {
    hrp.bytes().map(|b| b >> 5).chain(std::iter::once(0)).chain(hrp.bytes().map(|b| b & 31))
}

/// 8-bit bytes to 5-bit groups (padded), or back (`false`: refusing non-zero padding).
fn regroup(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    let max = (1u32 << to) - 1;
    for &v in data {
        if u32::from(v) >> from != 0 {
            return None;
        }
        acc = (acc << from) | u32::from(v);
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & max) as u8);
        }
    }
    if pad {
        if bits > 0 {
            out.push(((acc << (to - bits)) & max) as u8);
        }
    } else if bits >= from || ((acc << (to - bits)) & max) != 0 {
        return None;
    }
    Some(out)
}

fn bech32_encode(hrp: &str, data: &[u8]) -> String {
    let groups = regroup(data, 8, 5, true).unwrap_or_default();
    let chk = polymod(hrp_expand(hrp).chain(groups.iter().copied()).chain([0u8; 6])) ^ 1;
    let mut s = String::with_capacity(hrp.len() + 1 + groups.len() + 6);
    s.push_str(hrp);
    s.push('1');
    for g in &groups {
        s.push(char::from(CHARSET[usize::from(*g)]));
    }
    for i in 0..6 {
        s.push(char::from(CHARSET[((chk >> (5 * (5 - i))) & 31) as usize]));
    }
    s
}

fn bech32_decode(hrp: &str, s: &str) -> Option<Vec<u8>> {
    let rest = s.strip_prefix(hrp)?.strip_prefix('1')?;
    if rest.len() < 6 {
        return None;
    }
    let groups: Vec<u8> =
        rest.bytes().map(|b| CHARSET.iter().position(|&c| c == b).map(|p| p as u8)).collect::<Option<_>>()?;
    if polymod(hrp_expand(hrp).chain(groups.iter().copied())) != 1 {
        return None;
    }
    regroup(&groups[..groups.len() - 6], 5, 8, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bip173_valid_checksum() {
        // BIP 173's test vector "a12uel5l": empty data under hrp "a".
        assert_eq!(bech32_encode("a", &[]), "a12uel5l");
        assert_eq!(bech32_decode("a", "a12uel5l"), Some(vec![]));
    }

    #[test]
    fn recipient_round_trips_and_refuses_damage() {
        let seed = [7u8; 32];
        let r = recipient(&seed);
        assert!(r.starts_with("age1") && r.len() == 62, "{r}");
        let public = parse_recipient(&r).expect("own recipient parses");
        assert_eq!(public, MontgomeryPoint::mul_base_clamped(x25519_secret(&seed)).0);
        // One changed character breaks the checksum; upper case and other prefixes are refused.
        let mut damaged = r.clone().into_bytes();
        damaged[10] = if damaged[10] == b'q' { b'p' } else { b'q' };
        assert_eq!(parse_recipient(std::str::from_utf8(&damaged).unwrap()), None);
        assert_eq!(parse_recipient(&r.to_ascii_uppercase()), None);
        assert_eq!(parse_recipient("age1"), None);
        assert!(identity(&seed).starts_with("AGE-SECRET-KEY-1"));
        assert_ne!(recipient(&[8u8; 32]), r);
    }
}
