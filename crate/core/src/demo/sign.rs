//! From record drafts to bundle lines: order the drafts in time, chain them into one log per
//! department, add half-yearly checkpoints with witness cosignatures (纪委监委 and 审计局 witness the
//! other departments), and sign. Statement ids do not depend on signatures, so the chains are built
//! in one sequential pass and the Ed25519 signing (the cost) runs on every core.

use super::city::{Keys, ROTATING};
use super::model::Event;
use crate::canonical;
use crate::crypto::{Digest, SecretKey};
use crate::kinds::{self, ProjectCode};
use crate::statement::{self, StatementType};
use crate::time::Timestamp;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Clone, Copy)]
enum KeyRef {
    Dept(usize),
    Rotated,
}

struct Pending {
    signed: Vec<u8>,
    tag_len: usize,
    key: KeyRef,
}

pub struct Signed {
    /// Bundle lines (records, checkpoints, cosignatures) in time order, without newlines.
    pub lines: Vec<Vec<u8>>,
    pub records: u64,
    pub checkpoints: u64,
    pub cosignatures: u64,
    /// Drafts the verifier would refuse (a generator bug; expected to stay empty).
    pub rejected: Vec<String>,
    /// The rotating department's first log position under its new key.
    pub rotation_seq: u64,
    /// Log → number of records.
    pub logs: BTreeMap<String, u64>,
}

struct Head {
    seq: u64,
    head: Option<Digest>,
    checkpointed: u64,
}

const WITNESSES: &[&str] = &["jw", "sjj"];

fn pending(kind: StatementType, stmt: &Map<String, Value>, key: KeyRef) -> (Pending, Digest) {
    let (signed, id) = statement::signed_bytes_of(kind, stmt);
    (Pending { signed, tag_len: kind.tag().len(), key }, id)
}

/// Chain and sign every event; `checkpoints` are the times of the periodic checkpoints (the last
/// one closes the export).
pub fn sign_all(events: &[Event], keys: &Keys, rotation: Timestamp, checkpoints: &[Timestamp]) -> Signed {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].time.unix, i));
    let mut heads: BTreeMap<&'static str, Head> = BTreeMap::new();
    let mut ids: Vec<Option<Digest>> = vec![None; events.len()];
    let mut out: Vec<Pending> = Vec::with_capacity(events.len() + 1024);
    let mut rejected = Vec::new();
    let mut rotation_seq: Option<u64> = None;
    let key_for = |dept: &str, seq: u64, rotation_seq: Option<u64>| {
        if dept == ROTATING && rotation_seq.is_some_and(|n| seq >= n) {
            KeyRef::Rotated
        } else {
            KeyRef::Dept(Keys::index(dept))
        }
    };
    // Validate and encode every body on all cores (the bulk of the work before signing).
    let bodies: Vec<Result<Vec<u8>, String>> = par_map(events, |e| {
        let project_ok = match &e.project {
            Some(p) => ProjectCode::parse(p).is_ok(),
            None => !e.kind.needs_project(),
        };
        if !project_ok {
            return Err("project code".into());
        }
        kinds::parse_body(e.kind, &e.body).map_err(|err| err.to_string())?;
        Ok(canonical::encode(&e.body))
    });
    let (mut n_records, mut n_cp, mut n_cosig) = (0u64, 0u64, 0u64);
    let mut next_cp = 0;

    let emit_checkpoints = |time: Timestamp,
                            heads: &mut BTreeMap<&'static str, Head>,
                            out: &mut Vec<Pending>,
                            rotation_seq: Option<u64>,
                            n_cp: &mut u64,
                            n_cosig: &mut u64| {
        for (dept, h) in heads.iter_mut() {
            let Some(head) = h.head else { continue };
            if h.checkpointed == h.seq {
                continue;
            }
            h.checkpointed = h.seq;
            let log = format!("{dept}/main");
            let stmt = statement::checkpoint_statement(&log, h.seq, head, time, None);
            if statement::parse_checkpoint(&stmt, false).is_err() {
                continue;
            }
            out.push(pending(StatementType::Checkpoint, &stmt, key_for(dept, h.seq, rotation_seq)).0);
            *n_cp += 1;
            for (k, w) in WITNESSES.iter().filter(|w| *w != dept).enumerate() {
                // Each witness cosigns when it sees the checkpoint.
                let t = Timestamp { unix: time.unix + 3600 * (k as i64 + 1), ..time };
                let stmt = statement::checkpoint_statement(&log, h.seq, head, t, Some(w));
                out.push(pending(StatementType::Cosignature, &stmt, KeyRef::Dept(Keys::index(w))).0);
                *n_cosig += 1;
            }
        }
    };

    for &i in &order {
        let e = &events[i];
        while next_cp < checkpoints.len().saturating_sub(1) && checkpoints[next_cp].unix < e.time.unix {
            emit_checkpoints(checkpoints[next_cp], &mut heads, &mut out, rotation_seq, &mut n_cp, &mut n_cosig);
            next_cp += 1;
        }
        let body = match &bodies[i] {
            Ok(b) => b,
            Err(err) => {
                rejected.push(format!("{}/main {} {:?}: {err}", e.dept, e.kind.as_str(), e.project));
                continue;
            }
        };
        let h = heads.entry(e.dept).or_insert(Head { seq: 0, head: None, checkpointed: 0 });
        let seq = h.seq + 1;
        if e.dept == ROTATING && rotation_seq.is_none() && e.time.unix >= rotation.unix {
            rotation_seq = Some(seq);
        }
        // The canonical statement, written member by member in JCS order (every member but the
        // body is ASCII that needs no escaping: kind and log names, ids, hex, the time).
        let tag = StatementType::Record.tag();
        let mut b = Vec::with_capacity(tag.len() + body.len() + 160 + 67 * e.refs.len());
        b.extend_from_slice(tag);
        b.extend_from_slice(b"{\"body\":");
        b.extend_from_slice(body);
        b.extend_from_slice(b",\"kind\":\"");
        b.extend_from_slice(e.kind.as_str().as_bytes());
        b.extend_from_slice(b"\",\"log\":\"");
        b.extend_from_slice(e.dept.as_bytes());
        b.extend_from_slice(b"/main\"");
        if let Some(prev) = h.head {
            b.extend_from_slice(b",\"prev\":\"");
            b.extend_from_slice(prev.to_hex().as_bytes());
            b.push(b'"');
        }
        if let Some(p) = &e.project {
            b.extend_from_slice(b",\"project\":\"");
            b.extend_from_slice(p.as_bytes());
            b.push(b'"');
        }
        let mut first = true;
        for d in e.refs.iter().filter_map(|&r| ids.get(r).copied().flatten()) {
            b.extend_from_slice(if first { b",\"refs\":[\"" } else { b",\"" });
            first = false;
            b.extend_from_slice(d.to_hex().as_bytes());
            b.push(b'"');
        }
        if !first {
            b.push(b']');
        }
        b.extend_from_slice(b",\"seq\":");
        b.extend_from_slice(seq.to_string().as_bytes());
        b.extend_from_slice(b",\"time\":\"");
        b.extend_from_slice(e.time.to_string().as_bytes());
        b.extend_from_slice(b"\",\"type\":\"record\",\"v\":");
        b.extend_from_slice(statement::FORMAT_VERSION.to_string().as_bytes());
        b.push(b'}');
        let id = Digest::of(&[&b]);
        out.push(Pending { signed: b, tag_len: tag.len(), key: key_for(e.dept, seq, rotation_seq) });
        n_records += 1;
        ids[i] = Some(id);
        h.seq = seq;
        h.head = Some(id);
    }
    while next_cp < checkpoints.len() {
        emit_checkpoints(checkpoints[next_cp], &mut heads, &mut out, rotation_seq, &mut n_cp, &mut n_cosig);
        next_cp += 1;
    }
    let rotation_seq = rotation_seq.unwrap_or_else(|| heads.get(ROTATING).map_or(1, |h| h.seq + 1));
    let logs = heads.iter().map(|(d, h)| (format!("{d}/main"), h.seq)).collect();
    let lines = sign_parallel(&out, keys);
    Signed { lines, records: n_records, checkpoints: n_cp, cosignatures: n_cosig, rejected, rotation_seq, logs }
}

/// `{"sigs":[{"key":K,"sig":S}],"stmt":<canonical stmt>}`: the canonical encoding of the envelope,
/// written directly (members in JCS order, hex strings need no escaping).
fn line(p: &Pending, key: &SecretKey) -> Vec<u8> {
    let sig = key.sign(&p.signed);
    let stmt = &p.signed[p.tag_len..];
    let mut l = Vec::with_capacity(stmt.len() + 220);
    l.extend_from_slice(b"{\"sigs\":[{\"key\":\"");
    l.extend_from_slice(key.public().id.to_hex().as_bytes());
    l.extend_from_slice(b"\",\"sig\":\"");
    l.extend_from_slice(hex::encode(sig).as_bytes());
    l.extend_from_slice(b"\"}],\"stmt\":");
    l.extend_from_slice(stmt);
    l.push(b'}');
    l
}

/// `f` over `items` on every core, results in order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    if threads == 1 || items.len() < 2_000 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    let mut parts: Vec<Option<Vec<R>>> = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>())).collect();
        parts = handles.into_iter().map(|h| h.join().ok()).collect();
    });
    let mut out = Vec::with_capacity(items.len());
    for (part, c) in parts.into_iter().zip(items.chunks(chunk)) {
        // A worker cannot fail short of a bug; redo its share here if it did.
        out.extend(part.unwrap_or_else(|| c.iter().map(f).collect()));
    }
    out
}

fn sign_parallel(items: &[Pending], keys: &Keys) -> Vec<Vec<u8>> {
    let key = |k: KeyRef| match k {
        KeyRef::Dept(i) => &keys.v1[i.min(keys.v1.len() - 1)],
        KeyRef::Rotated => &keys.rotated,
    };
    par_map(items, |p| line(p, key(p.key)))
}

/// Check that a line is exactly what the canonical encoder would write.
#[cfg(test)]
pub fn is_canonical(line: &[u8]) -> bool {
    crate::canonical::parse_canonical(line, 64).is_ok()
}
