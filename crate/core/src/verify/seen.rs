//! The statements kept so far, to recognise a line seen before.
//!
//! Keyed by a 64-bit fingerprint of (statement id, key id) instead of the pair itself: a million
//! entries of the pair cost 120 bytes each in a hash map, the fingerprint and a slot 52. The slot
//! says where the kept statement is, so a fingerprint match is confirmed against its real id and
//! key; two different statements with one fingerprint (possible only if someone grinds ids) fall
//! back to an exact map.

use crate::crypto::{Digest, KeyId};
use std::collections::HashMap;

/// Where a kept statement is: its index among the verifier's records or checkpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Record(u32),
    Checkpoint(u32),
}

#[derive(Default)]
pub(super) struct Seen {
    /// fingerprint → (slot, signature tag)
    by_fingerprint: HashMap<u64, (Slot, u64)>,
    /// Statements whose fingerprint was already taken by another statement.
    collided: HashMap<(Digest, KeyId), u64>,
}

fn fingerprint(id: &Digest, key: &KeyId) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&id.0[..8]);
    let mut b = [0u8; 8];
    b.copy_from_slice(&key.0[..8]);
    u64::from_le_bytes(a) ^ u64::from_le_bytes(b).rotate_left(29)
}

impl Seen {
    /// The signature tag of the kept statement (`id`, `key`), if there is one. `stored` gives the
    /// id and key of the statement in a slot.
    pub fn tag(&self, id: &Digest, key: &KeyId, stored: impl Fn(Slot) -> Option<(Digest, KeyId)>) -> Option<u64> {
        if let Some(&(slot, tag)) = self.by_fingerprint.get(&fingerprint(id, key)) {
            if stored(slot) == Some((*id, *key)) {
                return Some(tag);
            }
        }
        self.collided.get(&(*id, *key)).copied()
    }

    /// Remember (`id`, `key`) kept at `slot`; false (and nothing changes) if it was kept before.
    pub fn insert(
        &mut self,
        id: &Digest,
        key: &KeyId,
        tag: u64,
        slot: Slot,
        stored: impl Fn(Slot) -> Option<(Digest, KeyId)>,
    ) -> bool {
        use std::collections::hash_map::Entry;
        match self.by_fingerprint.entry(fingerprint(id, key)) {
            Entry::Vacant(v) => {
                v.insert((slot, tag));
                true
            }
            Entry::Occupied(o) if stored(o.get().0) == Some((*id, *key)) => false,
            Entry::Occupied(_) => match self.collided.entry((*id, *key)) {
                Entry::Vacant(v) => {
                    v.insert(tag);
                    true
                }
                Entry::Occupied(_) => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_fingerprints_stay_distinct() {
        // Two statements built to share a fingerprint: same first 8 id bytes, same key.
        let key = KeyId([7; 16]);
        let a = Digest([1; 32]);
        let mut b = Digest([1; 32]);
        b.0[31] = 2;
        assert_eq!(fingerprint(&a, &key), fingerprint(&b, &key));
        let kept = [(a, key), (b, key)];
        let stored = |slot: Slot| match slot {
            Slot::Record(i) => kept.get(i as usize).copied(),
            Slot::Checkpoint(_) => None,
        };
        let mut seen = Seen::default();
        assert_eq!(seen.tag(&a, &key, stored), None);
        assert!(seen.insert(&a, &key, 10, Slot::Record(0), stored));
        assert!(seen.insert(&b, &key, 20, Slot::Record(1), stored));
        assert!(!seen.insert(&a, &key, 11, Slot::Record(2), stored));
        assert!(!seen.insert(&b, &key, 21, Slot::Record(3), stored));
        assert_eq!(seen.tag(&a, &key, stored), Some(10));
        assert_eq!(seen.tag(&b, &key, stored), Some(20));
        let other_key = KeyId([8; 16]);
        assert_eq!(seen.tag(&a, &other_key, stored), None);
    }
}
