//! Signature work, separable from the rest of verification so it can run on other threads.
//!
//! The verifier groups statements by key into [`SignatureJob`]s. By default it verifies them
//! itself; with [`super::Verifier::external_signatures`] it hands them out instead (rayon in the
//! CLI, Web Workers or `worker_threads` in JavaScript) and settles the verdicts when they come
//! back. Every decision other than "does this signature hold" stays in the one verifier, so a
//! parallel run reports exactly what a sequential run reports.

use crate::crypto::{PrecomputedKey, PublicKey};
use std::collections::HashMap;

/// Signatures by one key, flattened for cheap transfer (three byte arrays cross to a worker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureJob {
    pub id: u64,
    pub public_key: [u8; 32],
    /// The signed messages, concatenated.
    pub messages: Vec<u8>,
    /// End offset of each message in `messages`.
    pub ends: Vec<u32>,
    /// 64 bytes per signature.
    pub signatures: Vec<u8>,
}

impl SignatureJob {
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// The (message, signature) pairs; malformed offsets yield no pair (and so a `false` verdict).
    fn items(&self) -> Vec<Option<(&[u8], &[u8; 64])>> {
        let mut start = 0usize;
        self.ends
            .iter()
            .enumerate()
            .map(|(i, &end)| {
                let end = end as usize;
                let msg = self.messages.get(start..end);
                start = end;
                let sig = self.signatures.get(i * 64..i * 64 + 64).and_then(|s| <&[u8; 64]>::try_from(s).ok());
                msg.zip(sig)
            })
            .collect()
    }
}

/// Verifies jobs, keeping a fixed-base table for each busy key (see `crypto::precomputed`).
#[derive(Default)]
pub struct SignatureVerifier {
    tables: HashMap<[u8; 32], Option<PrecomputedKey>>,
    counts: HashMap<[u8; 32], u64>,
}

/// Signatures a key must have made before a table is built for it: a table costs about as much
/// as a few dozen verifications.
const TABLE_THRESHOLD: u64 = 64;

impl SignatureVerifier {
    pub fn new() -> Self {
        Self::default()
    }

    /// One verdict per signature of the job, exactly as strict verification would give.
    pub fn verify(&mut self, job: &SignatureJob) -> Vec<bool> {
        let items = job.items();
        let Ok(key) = PublicKey::from_bytes(job.public_key) else {
            return vec![false; items.len()];
        };
        let seen = self.counts.entry(job.public_key).or_default();
        *seen += items.len() as u64;
        if *seen >= TABLE_THRESHOLD && !self.tables.contains_key(&job.public_key) {
            self.tables.insert(job.public_key, PrecomputedKey::new(&key));
        }
        match self.tables.get(&job.public_key) {
            Some(Some(table)) => {
                let present: Vec<(&[u8], &[u8; 64])> = items.iter().flatten().copied().collect();
                let mut verdicts = table.verify_many(&present).into_iter();
                items.iter().map(|i| i.is_some() && verdicts.next().unwrap_or(false)).collect()
            }
            _ => items.iter().map(|i| i.is_some_and(|(m, s)| key.verify_strict(m, s))).collect(),
        }
    }
}
