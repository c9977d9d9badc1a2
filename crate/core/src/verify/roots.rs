//! Following the trust root from the pinned version through newer versions carried by the bundle.

use crate::crypto::{Digest, KeyId, PublicKey};
use crate::federation::{RootError, TrustRoot};
use crate::report::{Code, Problem};
use crate::statement::Envelope;
use std::collections::{HashMap, HashSet};

use super::TrustAnchor;

pub(super) struct RootChain {
    /// Set while only a fingerprint is pinned and its root has not been seen yet.
    wanted: Option<Digest>,
    adopted: Vec<TrustRoot>,
    /// Newer roots that do not (yet) chain: their predecessor may come later in the bundle.
    newer: Vec<(u64, TrustRoot)>,
    /// Older roots (harmless history if they are ancestors of the pinned root, a rollback otherwise),
    /// and successors that were refused, with the reason.
    older: Vec<(u64, TrustRoot, Option<RootError>)>,
    keys: HashMap<KeyId, PublicKey>,
    /// Roots already read from this bundle (the pinned root may be carried once without being a duplicate).
    offered: HashSet<Digest>,
}

fn root_problem(e: &RootError, line: u64) -> Problem {
    let m = e.message();
    Problem::explained(e.code(), m.zh, m.en).at_line(line)
}

impl RootChain {
    pub fn new(anchor: TrustAnchor) -> RootChain {
        let mut chain = RootChain {
            wanted: None,
            adopted: Vec::new(),
            newer: Vec::new(),
            older: Vec::new(),
            keys: HashMap::new(),
            offered: HashSet::new(),
        };
        match anchor {
            TrustAnchor::Root(root) => chain.adopt(*root),
            TrustAnchor::Fingerprint(fp) => chain.wanted = Some(fp),
        }
        chain
    }

    fn adopt(&mut self, root: TrustRoot) {
        for d in &root.departments {
            for k in &d.keys {
                self.keys.insert(k.public.id, k.public.clone());
            }
        }
        self.adopted.push(root);
    }

    pub fn current(&self) -> Option<&TrustRoot> {
        self.adopted.last()
    }

    pub fn federation(&self) -> Option<&str> {
        self.adopted.first().map(|r| r.federation.as_str())
    }

    pub fn public_key(&self, id: &KeyId) -> Option<&PublicKey> {
        self.keys.get(id)
    }

    pub fn adopted_count(&self) -> u64 {
        self.adopted.len() as u64
    }

    pub fn chain_fingerprints(&self) -> Vec<String> {
        self.adopted.iter().map(|r| r.fingerprint.to_hex()).collect()
    }

    /// A root statement from the bundle. Returns false when the bundle already carried it.
    pub fn offer(&mut self, line: u64, bytes: &[u8], env: Envelope) -> Result<bool, Box<Problem>> {
        let root = TrustRoot::from_envelope(bytes, env).map_err(|e| Box::new(root_problem(&e, line)))?;
        let fp = root.fingerprint;
        if !self.offered.insert(fp) {
            return Ok(false);
        }
        if self.adopted.iter().any(|r| r.fingerprint == fp) {
            return Ok(true);
        }
        if self.wanted == Some(fp) {
            self.wanted = None;
            self.adopt(root);
            self.extend();
            return Ok(true);
        }
        match self.current() {
            Some(cur) if root.version <= cur.version => self.older.push((line, root, None)),
            _ => {
                self.newer.push((line, root));
                self.extend();
            }
        }
        Ok(true)
    }

    /// Adopt every waiting root that now chains from the current one.
    fn extend(&mut self) {
        while let Some((version, fingerprint)) = self.current().map(|c| (c.version, c.fingerprint)) {
            let Some(pos) =
                self.newer.iter().position(|(_, r)| r.version == version + 1 && r.prev == Some(fingerprint))
            else {
                break;
            };
            let (line, candidate) = self.newer.swap_remove(pos);
            let verdict = self.current().map(|cur| cur.accepts_successor(&candidate));
            match verdict.unwrap_or(Ok(())) {
                Ok(()) => self.adopt(candidate),
                // Report it at the end: it names the right predecessor but lacks its signatures.
                Err(e) => self.older.push((line, candidate, Some(e))),
            }
        }
    }

    /// Problems with roots that never joined the chain.
    pub fn finish(&mut self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(fp) = self.wanted {
            problems.push(Problem::explained(
                Code::RootChainBroken,
                format!("数据包中没有指纹为 {fp} 的信任根"),
                format!("no root with the pinned fingerprint {fp} in the bundle"),
            ));
        }
        let mut ancestors: HashSet<Digest> = self.adopted.iter().filter_map(|r| r.prev).collect();
        // Walk history backwards to a fixpoint: an ancestor's own prev is an ancestor too.
        loop {
            let before = ancestors.len();
            for (_, r, _) in &self.older {
                if ancestors.contains(&r.fingerprint) {
                    if let Some(p) = r.prev {
                        ancestors.insert(p);
                    }
                }
            }
            if ancestors.len() == before {
                break;
            }
        }
        let current = self.current().map(|r| (r.version, r.fingerprint));
        for (line, r, refused) in self.older.drain(..) {
            if refused.is_none() && ancestors.contains(&r.fingerprint) {
                continue;
            }
            let err = refused.unwrap_or(match current {
                Some((v, _)) => RootError::VersionRollback { pinned: v, offered: r.version },
                None => RootError::ChainBroken { version: r.version },
            });
            problems.push(root_problem(&err, line));
        }
        for (line, r) in self.newer.drain(..) {
            problems.push(root_problem(&RootError::ChainBroken { version: r.version }, line));
        }
        problems
    }
}
