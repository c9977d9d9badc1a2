//! Whole-bundle decisions about department logs: authorisation under the final root, forks, gaps,
//! chain links, time order, checkpoints and witnesses, completeness (docs/decisions.md §10),
//! remembered heads (§5) and references. Everything here is a pure function of the verified
//! statements, so line order (and how the bundle was split for parallel verification) cannot change
//! the result.

use super::{SignedCheckpoint, VerifiedRecord};
use crate::crypto::Digest;
use crate::federation::{AuthError, TrustRoot};
use crate::report::{Code, CompleteHead, KnownHead, LogSummary, Problem};
use crate::statement::log_department;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub(super) struct Outcome {
    pub logs: Vec<LogSummary>,
    pub records: Vec<VerifiedRecord>,
    pub problems: Vec<Problem>,
    pub verified_checkpoints: u64,
}

/// A claim "log L has head H at seq N", by its owner (checkpoint) or a witness (cosignature).
struct Claim<'a> {
    cp: &'a SignedCheckpoint,
    department: String,
}

pub(super) fn analyse(
    root: &TrustRoot,
    mut records: Vec<VerifiedRecord>,
    checkpoints: Vec<SignedCheckpoint>,
    known: &[KnownHead],
) -> Outcome {
    let mut problems = Vec::new();

    // 1. Authorisation under the final root (docs/decisions.md §7). In place: a second vector of a
    //    million records would double the peak memory of the whole verification.
    records.retain(|r| {
        let rec = &r.record;
        match root.authorize(&r.key, &rec.log, rec.seq, rec.time, Some(rec.kind)) {
            Ok(()) => true,
            Err(e) => {
                let (zh, en) = e.explain();
                problems.push(
                    Problem::explained(e.code(), zh, en).at_line(r.line).with_id(&r.id).at_position(&rec.log, rec.seq),
                );
                false
            }
        }
    });
    let mut authorised = records;
    let mut claims: Vec<Claim> = Vec::new();
    for cp in &checkpoints {
        let c = &cp.checkpoint;
        let result = if cp.witness {
            root.authorize_witness(&cp.key, c.time).and_then(|dept| match c.witness.as_deref() {
                Some(named) if named != dept => {
                    Err(AuthError::WrongDepartment { key_department: dept, log_department: named.to_owned() })
                }
                _ => Ok((dept != log_department(&c.log)).then_some(dept)),
            })
        } else {
            root.authorize(&cp.key, &c.log, c.seq, c.time, None).map(|()| Some(log_department(&c.log).to_owned()))
        };
        match result {
            Ok(Some(department)) => claims.push(Claim { cp, department }),
            Ok(None) => problems.push(
                Problem::explained(Code::CosignatureSelf, "", "")
                    .at_line(cp.line)
                    .with_id(&cp.id)
                    .at_position(&c.log, c.seq),
            ),
            Err(e) => {
                let (zh, en) = e.explain();
                problems.push(
                    Problem::explained(e.code(), zh, en).at_line(cp.line).with_id(&cp.id).at_position(&c.log, c.seq),
                );
            }
        }
    }
    // The same statement signed by two authorised keys (across a key rotation) is one statement.
    // Found through an index sorted by id: 4 bytes per record, where a hash set of ids took 70.
    let mut first_of_id = vec![true; authorised.len()];
    let by_id = index_by_id(&authorised);
    for pair in by_id.windows(2) {
        if authorised[pair[0] as usize].id == authorised[pair[1] as usize].id {
            first_of_id[pair[1] as usize] = false;
        }
    }
    let mut position = 0;
    authorised.retain(|_| {
        position += 1;
        first_of_id[position - 1]
    });
    drop(first_of_id);
    let by_id = index_by_id(&authorised);
    let is_present = |id: &Digest| by_id.binary_search_by(|&i| authorised[i as usize].id.cmp(id)).is_ok();
    let mut claim_ids = HashSet::new();
    claims.retain(|c| claim_ids.insert(c.cp.id));
    let verified_checkpoints = claims.len() as u64;

    // 2. Per log: index records by sequence.
    let mut by_log: BTreeMap<String, BTreeMap<u64, Vec<usize>>> = BTreeMap::new();
    for (i, r) in authorised.iter().enumerate() {
        by_log.entry(r.record.log.clone()).or_default().entry(r.record.seq).or_default().push(i);
    }
    let mut claims_by_log: BTreeMap<&str, BTreeMap<u64, Vec<&Claim>>> = BTreeMap::new();
    for c in &claims {
        claims_by_log.entry(c.cp.checkpoint.log.as_str()).or_default().entry(c.cp.checkpoint.seq).or_default().push(c);
    }
    // Extended rather than collected: collecting into a B-tree compiles a sort of its own.
    let mut all_logs: BTreeSet<String> = BTreeSet::new();
    all_logs.extend(by_log.keys().cloned());
    all_logs.extend(claims_by_log.keys().map(|s| (*s).to_owned()));
    let empty_records = BTreeMap::new();
    let empty_claims = BTreeMap::new();

    let mut excluded: HashSet<usize> = HashSet::new();
    let mut logs = Vec::new();
    for log in &all_logs {
        let seqs = by_log.get(log).unwrap_or(&empty_records);
        let log_claims = claims_by_log.get(log.as_str()).unwrap_or(&empty_claims);
        let rec = |i: usize| &authorised[i];
        let single = |seq: u64| seqs.get(&seq).filter(|v| v.len() == 1).map(|v| rec(v[0]));

        // Forks: two valid records at one position. Both are kept out of the checks.
        let mut forks = Vec::new();
        for (&seq, idxs) in seqs {
            if idxs.len() > 1 {
                forks.push(seq);
                excluded.extend(idxs.iter().copied());
                let first = rec(idxs[0]);
                problems.push(
                    Problem::explained(Code::Fork, format!("序号 {seq} 有 {} 条记录", idxs.len()), format!("{} records at sequence {seq}", idxs.len()))
                        .at_line(rec(idxs[1]).line)
                        .with_id(&rec(idxs[1]).id)
                        .at_position(log, seq)
                        .with_detail(json!({
                            "records": idxs.iter().map(|&i| json!({"id": rec(i).id.to_hex(), "line": rec(i).line})).collect::<Vec<_>>(),
                            "first_line": first.line,
                        })),
                );
            }
        }

        // Gaps, chain links, time order.
        let mut gaps = Vec::new();
        let mut broken: BTreeSet<u64> = BTreeSet::new();
        let mut expected = 1u64;
        for (&seq, idxs) in seqs {
            if seq > expected {
                gaps.push([expected, seq - 1]);
            }
            expected = seq + 1;
            let Some(prev_idxs) = seq.checked_sub(1).and_then(|p| seqs.get(&p)) else {
                continue;
            };
            for &i in idxs {
                let r = rec(i);
                let links = prev_idxs.iter().any(|&p| Some(rec(p).id) == r.record.prev);
                if !links {
                    broken.insert(seq);
                    problems.push(
                        Problem::explained(Code::ChainBroken, "", "")
                            .at_line(r.line)
                            .with_id(&r.id)
                            .at_position(log, seq)
                            .with_detail(json!({
                                "prev": r.record.prev.map(|d| d.to_hex()),
                                "previous_record": prev_idxs.iter().map(|&p| rec(p).id.to_hex()).collect::<Vec<_>>(),
                            })),
                    );
                }
                if let Some(p) = prev_idxs.iter().map(|&p| rec(p)).find(|p| p.record.time.unix > r.record.time.unix) {
                    problems.push(
                        Problem::explained(
                            Code::TimeBackwards,
                            format!("{} 早于 {}", r.record.time, p.record.time),
                            format!("{} is before {}", r.record.time, p.record.time),
                        )
                        .at_line(r.line)
                        .with_id(&r.id)
                        .at_position(log, seq),
                    );
                }
            }
        }
        for g in &gaps {
            problems.push(
                Problem::explained(
                    Code::ChainGap,
                    format!("缺少序号 {}–{}", g[0], g[1]),
                    format!("sequences {}–{} missing", g[0], g[1]),
                )
                .at_position(log, g[0])
                .with_detail(json!({ "from": g[0], "to": g[1] })),
            );
        }
        let max_seq = seqs.keys().next_back().copied().unwrap_or(0);

        // Checkpoints and cosignatures.
        let mut witnesses = BTreeSet::new();
        let mut equivocal: BTreeSet<u64> = BTreeSet::new();
        let mut contradicted: BTreeSet<u64> = BTreeSet::new();
        let mut beyond = None;
        for (&seq, cs) in log_claims {
            for c in cs {
                if c.cp.witness {
                    witnesses.insert(c.department.clone());
                }
            }
            if cs.iter().any(|c| c.cp.checkpoint.head != cs[0].cp.checkpoint.head) {
                equivocal.insert(seq);
                let last = cs.iter().max_by_key(|c| c.cp.line).map(|c| c.cp);
                let mut p =
                    Problem::explained(Code::CheckpointEquivocation, format!("序号 {seq}"), format!("sequence {seq}"))
                        .at_position(log, seq);
                if let Some(last) = last {
                    p = p.at_line(last.line).with_id(&last.id);
                }
                problems.push(p.with_detail(json!({
                    "claims": cs.iter().map(|c| json!({"id": c.cp.id.to_hex(), "line": c.cp.line, "department": c.department, "head": c.cp.checkpoint.head.to_hex(), "witness": c.cp.witness})).collect::<Vec<_>>(),
                })));
            }
            for c in cs {
                let head = c.cp.checkpoint.head;
                let at = seqs.get(&seq).map(|v| v.iter().map(|&i| rec(i)).collect::<Vec<_>>()).unwrap_or_default();
                let next =
                    seqs.get(&(seq + 1)).map(|v| v.iter().map(|&i| rec(i)).collect::<Vec<_>>()).unwrap_or_default();
                let record_differs = !at.is_empty() && at.iter().all(|r| r.id != head);
                let successor_differs = next.iter().any(|r| r.record.prev != Some(head));
                if record_differs || successor_differs {
                    contradicted.insert(seq);
                    let evidence = if record_differs {
                        at[0]
                    } else {
                        next.iter().find(|r| r.record.prev != Some(head)).copied().unwrap_or(next[0])
                    };
                    problems.push(
                        Problem::explained(
                            Code::CheckpointContradicted,
                            format!("{} 签名的检查点在序号 {seq} 的头为 {}", c.department, &head.to_hex()[..16]),
                            format!("{} signed head {} at sequence {seq}", c.department, &head.to_hex()[..16]),
                        )
                        .at_line(evidence.line)
                        .with_id(&evidence.id)
                        .at_position(log, seq)
                        .with_detail(json!({"checkpoint": c.cp.id.to_hex(), "checkpoint_line": c.cp.line, "head": head.to_hex(), "record": evidence.id.to_hex()})),
                    );
                }
            }
            if seq > max_seq {
                beyond = Some(seq);
            }
        }
        if let Some(seq) = beyond {
            problems.push(
                Problem::explained(
                    Code::CheckpointBeyondRecords,
                    format!("检查点序号 {seq},数据包内最高序号 {max_seq}"),
                    format!("checkpoint at {seq}, highest record {max_seq}"),
                )
                .at_position(log, seq),
            );
        }

        // Completeness: the highest owner checkpoint that the records fully and consistently reach.
        let first_problem = forks
            .first()
            .copied()
            .into_iter()
            .chain(broken.iter().next().copied())
            .chain(gaps.first().map(|g| g[0]))
            .min();
        let complete_to = log_claims
            .iter()
            .rev()
            .filter(|(seq, _)| !equivocal.contains(seq) && !contradicted.contains(seq))
            .filter(|(seq, _)| first_problem.is_none_or(|p| p > **seq))
            .find_map(|(&seq, cs)| {
                let owner = cs.iter().find(|c| !c.cp.witness)?;
                let r = single(seq)?;
                (r.id == owner.cp.checkpoint.head).then(|| CompleteHead {
                    seq,
                    head: r.id.to_hex(),
                    time: r.record.time.to_string(),
                })
            });

        // Heads verified before (docs/decisions.md §5).
        for kh in known.iter().filter(|k| &k.log == log) {
            let Some(head) = Digest::from_hex(&kh.head) else {
                continue;
            };
            let at_seq = seqs.get(&kh.seq).into_iter().flatten().map(|&i| rec(i)).find(|r| r.id != head);
            let successor =
                seqs.get(&(kh.seq + 1)).into_iter().flatten().map(|&i| rec(i)).find(|r| r.record.prev != Some(head));
            let claim = log_claims.get(&kh.seq).into_iter().flatten().find(|c| c.cp.checkpoint.head != head);
            let evidence = at_seq.or(successor).map(|r| (r.line, r.id)).or_else(|| claim.map(|c| (c.cp.line, c.cp.id)));
            if let Some((line, id)) = evidence {
                problems.push(
                    Problem::explained(
                        Code::HeadRewritten,
                        format!("此前在序号 {} 验证的头为 {}", kh.seq, &kh.head[..16.min(kh.head.len())]),
                        format!(
                            "head {} was verified at sequence {} before",
                            &kh.head[..16.min(kh.head.len())],
                            kh.seq
                        ),
                    )
                    .at_line(line)
                    .with_id(&id)
                    .at_position(log, kh.seq)
                    .with_detail(json!({"known_head": kh.head, "known_seq": kh.seq})),
                );
            }
        }

        let (first_seq, head) = match (seqs.keys().next(), seqs.iter().next_back()) {
            (Some(&f), Some((_, idxs))) => (f, rec(idxs[0]).id.to_hex()),
            _ => (0, String::new()),
        };
        logs.push(LogSummary {
            log: log.clone(),
            department: log_department(log).to_owned(),
            records: seqs.values().map(|v| v.len() as u64).sum(),
            first_seq,
            last_seq: max_seq,
            head,
            gaps,
            forks,
            complete_to,
            witnesses: witnesses.into_iter().collect(),
        });
    }

    // References: to records present and verified, or outside the bundle (not an error: partial
    // bundles are normal, docs/decisions.md §9).
    for r in &authorised {
        let missing: Vec<String> = r.record.refs.iter().filter(|d| !is_present(d)).map(Digest::to_hex).collect();
        if !missing.is_empty() {
            problems.push(
                Problem::explained(
                    Code::ReferenceOutsideBundle,
                    format!("{} 个", missing.len()),
                    format!("{} of them", missing.len()),
                )
                .at_line(r.line)
                .with_id(&r.id)
                .at_position(&r.record.log, r.record.seq)
                .with_detail(json!({ "missing": missing })),
            );
        }
    }

    let mut records: Vec<VerifiedRecord> =
        authorised.into_iter().enumerate().filter(|(i, _)| !excluded.contains(i)).map(|(_, r)| r).collect();
    crate::order::sort_by_key(&mut records, |r| r.line);
    Outcome { logs, records, problems, verified_checkpoints }
}

/// Indices of `records` ordered by id, equal ids in record order (the sort is stable).
fn index_by_id(records: &[VerifiedRecord]) -> Vec<u32> {
    let mut index: Vec<u32> = (0..records.len() as u32).collect();
    crate::order::sort_by(&mut index, |&a, &b| records[a as usize].id.cmp(&records[b as usize].id));
    index
}
