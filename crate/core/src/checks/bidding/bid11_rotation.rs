//! BID-11 轮流中标与陪标 (OECD Guidelines for fighting bid rigging in public procurement).
//!
//! Across the tenders of the bundle: a group of firms that keeps bidding together and takes turns
//! winning, and firms that always lose to the same winner (see [`super::rotation`] for how groups
//! are found and when they are distinctive enough to report). One finding per tender of a group or
//! pair, each naming the whole group, its tenders and the win sequence.

use super::common::{self, TenderView};
use super::graph::{self, Link, Reason};
use super::rotation::{self, Basis, Cover, Group, RotationSettings};
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::Uscc;
use serde_json::json;

pub struct Rotation;

static META: CheckMeta = CheckMeta {
    id: "BID-11",
    family: Family::Bidding,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "轮流中标与陪标", en: "Bid rotation and cover bidding" },
    rule: Bilingual {
        zh: "同一组企业（至少 3 家）在至少 3 个标段中同场投标，组内企业轮流中标；或某企业从未中标，却在至少 3 个标段中陪同同一中标人投标。仅在另有围标串标证据、仅该组企业投标或偶然发生的概率极低时报告",
        en: "A group of at least 3 firms bids together in at least 3 tenders and its members take turns winning; or a firm that never wins bids in at least 3 tenders all won by the same firm. Reported only when corroborated by other collusion evidence, when the group's firms were the only bidders, or when chance is very unlikely",
    },
    source: "OECD 政府采购反围标指南 / OECD Guidelines for fighting bid rigging",
    params: &[
        Param {
            name: "min_tenders",
            default: 3.0,
            unit: "count",
            description: Bilingual { zh: "同场投标的最少标段数", en: "Fewest tenders bid together" },
        },
        Param {
            name: "min_firms",
            default: 3.0,
            unit: "count",
            description: Bilingual { zh: "轮流中标组的最少企业数", en: "Fewest firms in a rotating group" },
        },
        Param {
            name: "min_win_share",
            default: 0.8,
            unit: "ratio",
            description: Bilingual { zh: "组内企业中标的最低占比", en: "Smallest share of the group's tenders won by a member" },
        },
        Param {
            name: "max_chance",
            default: 1e-6,
            unit: "ratio",
            description: Bilingual {
                zh: "无其他证据时，偶然发生概率不超过此值才报告",
                en: "Without other evidence, report only when the chance is at most this",
            },
        },
    ],
    needs_completeness: false,
};

fn settings_of(s: &CheckSettings) -> RotationSettings {
    let count = |v: f64, min: f64| if v.is_finite() { v.round().clamp(min, 1e6) as usize } else { min as usize };
    RotationSettings {
        min_tenders: count(s.get("min_tenders"), 2.0),
        min_firms: count(s.get("min_firms"), 2.0),
        min_win_share: s.get("min_win_share"),
        max_chance: s.get("max_chance"),
    }
}

/// Groups and covers with default settings, for the graph.
pub(super) fn links(data: &Dataset, tenders: &[TenderView], evidence: &[Link]) -> Vec<Link> {
    let _ = data;
    let (groups, covers) = rotation::find(tenders, evidence, &settings_of(&CheckSettings::defaults(&META)));
    let mut out = Vec::new();
    for g in &groups {
        let ids: Vec<String> = g.tenders.iter().map(|&i| tenders[i].tender_id.to_owned()).collect();
        for (a, b) in common::pairs(&g.firms) {
            out.push(Link {
                a: a.to_string(),
                b: b.to_string(),
                reason: Reason::Rotation,
                tenders: ids.clone(),
                check: META.id,
            });
        }
    }
    for c in &covers {
        let ids: Vec<String> = c.tenders.iter().map(|&i| tenders[i].tender_id.to_owned()).collect();
        out.push(Link {
            a: c.loser.to_string(),
            b: c.winner.to_string(),
            reason: Reason::Rotation,
            tenders: ids,
            check: META.id,
        });
    }
    out
}

fn short(data: &Dataset, u: &Uscc) -> String {
    data.firm_name(u.as_str()).map(str::to_owned).unwrap_or_else(|| u.to_string())
}

fn basis_text(
    basis: &[Basis],
    expected: f64,
    chance: f64,
    exclusive: usize,
    k: usize,
    checks: &[&str],
) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for b in basis {
        match b {
            Basis::Corroborated => {
                let c = checks.join("、");
                zh.push(format!("成员之间在这些标段中另有围标串标证据（{c}）"));
                en.push(format!(
                    "members are linked in these tenders by other collusion evidence ({})",
                    checks.join(", ")
                ));
            }
            Basis::Exclusive => {
                zh.push(format!("其中 {exclusive} 个标段仅有这些企业投标"));
                en.push(format!("in {exclusive} of them these firms were the only bidders"));
            }
            Basis::Improbable => {
                zh.push(format!(
                    "若各企业独立选择投标，同场 {k} 次的期望次数仅 {expected:.2}，连同中标分布偶然出现的概率约 {chance:.1e}"
                ));
                en.push(format!(
                    "had the firms chosen their tenders independently, they would be expected to meet {expected:.2} times, not {k}; with the wins, a chance of about {chance:.1e}"
                ));
            }
        }
    }
    (zh.join("；"), en.join("; "))
}

/// "2021-05-10 QJ-JS-2021-017-01：甲 → …" in both languages.
fn sequence(data: &Dataset, tenders: &[TenderView], list: &[usize], winners: &[Option<&Uscc>]) -> (String, String) {
    let parts: Vec<(String, String)> = list
        .iter()
        .zip(winners)
        .map(|(&i, w)| {
            let t = &tenders[i];
            let d = t.date().map(|d| format!("{d} ")).unwrap_or_default();
            let who = w.map(|u| short(data, u));
            (
                format!("{d}{}：{}", t.tender_id, who.clone().unwrap_or_else(|| "中标人未知".into())),
                format!("{d}{}: {}", t.tender_id, who.unwrap_or_else(|| "winner unknown".into())),
            )
        })
        .collect();
    (
        parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(" → "),
        parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(" → "),
    )
}

fn report_group(data: &Dataset, tenders: &[TenderView], g: &Group, out: &mut Findings) {
    let firms = common::firms(data, &g.firms);
    let (sz, se) = sequence(data, tenders, &g.tenders, &g.winners);
    let (bz, be) = basis_text(&g.basis, g.expected, g.chance, g.exclusive, g.tenders.len(), &g.linked_by);
    let (nz, ne) = if g.never_won.is_empty() {
        (String::new(), String::new())
    } else {
        let n = common::firms(data, &g.never_won);
        (format!("；{}始终陪标、从未中标", n.zh), format!("; {} always lost", n.en))
    };
    let winners: Vec<Evidence> =
        g.tenders.iter().filter_map(|&i| tenders[i].winner_record()).map(|r| Evidence::of(r, "award")).collect();
    let values = json!({
        "pattern": "rotation",
        "firms": common::uscc_list(&g.firms),
        "tenders": g.tenders.iter().zip(&g.winners).map(|(&i, w)| json!({
            "project": tenders[i].project, "tender_id": tenders[i].tender_id,
            "date": tenders[i].date().map(|d| d.to_string()), "winner": w,
        })).collect::<Vec<_>>(),
        "never_won": common::uscc_list(&g.never_won),
        "basis": g.basis,
        "linked_by": g.linked_by,
        "expected_meetings": g.expected,
        "chance": g.chance,
        "exclusive_tenders": g.exclusive,
    });
    for (pos, &i) in g.tenders.iter().enumerate() {
        let t = &tenders[i];
        let here = g.winners[pos].map(|w| short(data, w));
        let (hz, he) = match here {
            Some(w) => (format!("本标段由 {w} 中标"), format!("this tender went to {w}")),
            None => ("本标段中标人未知".to_owned(), "this tender's winner is unknown".to_owned()),
        };
        let mut evidence = winners.clone();
        evidence.extend(t.bid_evidence(&g.firms));
        common::report_tender(
            out,
            t,
            None,
            format!(
                "{}在 {} 个标段中同场投标并轮流中标（第 {}/{} 个，{hz}）：{sz}{nz}。依据：{bz}",
                firms.zh,
                g.tenders.len(),
                pos + 1,
                g.tenders.len()
            ),
            format!(
                "{} bid together in {} tenders and took turns winning ({} of {}, {he}): {se}{ne}. Basis: {be}",
                firms.en,
                g.tenders.len(),
                pos + 1,
                g.tenders.len()
            ),
            evidence,
            values.clone(),
        );
    }
}

fn report_cover(data: &Dataset, tenders: &[TenderView], c: &Cover, out: &mut Findings) {
    let loser = format::firm(data, c.loser);
    let winner = format::firm(data, c.winner);
    let winners: Vec<Option<&Uscc>> = c.tenders.iter().map(|&i| tenders[i].winner()).collect();
    let (sz, se) = sequence(data, tenders, &c.tenders, &winners);
    let (bz, be) = basis_text(&c.basis, c.expected, c.chance, 0, c.tenders.len(), &c.linked_by);
    let records: Vec<Evidence> =
        c.tenders.iter().filter_map(|&i| tenders[i].winner_record()).map(|r| Evidence::of(r, "award")).collect();
    let values = json!({
        "pattern": "cover_bidding",
        "loser": c.loser,
        "winner": c.winner,
        "tenders": c.tenders.iter().map(|&i| json!({"project": tenders[i].project, "tender_id": tenders[i].tender_id})).collect::<Vec<_>>(),
        "basis": c.basis,
        "linked_by": c.linked_by,
        "expected_meetings": c.expected,
        "chance": c.chance,
    });
    for &i in &c.tenders {
        let t = &tenders[i];
        let mut evidence = records.clone();
        evidence.extend(t.bid_evidence(&[c.loser, c.winner]));
        common::report_tender(
            out,
            t,
            None,
            format!(
                "{}在本数据包中从未中标，却在 {} 个标段中陪同 {}投标，且均由后者中标：{sz}。依据：{bz}",
                loser.zh,
                c.tenders.len(),
                winner.zh
            ),
            format!(
                "{} never won a tender in the bundle, yet bid in {} tenders alongside {}, which won every one: {se}. Basis: {be}",
                loser.en,
                c.tenders.len(),
                winner.en
            ),
            evidence,
            values.clone(),
        );
    }
}

impl Check for Rotation {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let tenders = common::tenders(data);
        let evidence = graph::evidence_links(data, &tenders);
        let (groups, covers) = rotation::find(&tenders, &evidence, &settings_of(settings));
        for g in &groups {
            report_group(data, &tenders, g, out);
        }
        for c in &covers {
            report_cover(data, &tenders, c, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    /// Add a tender `id` in `project` opened on `day` with `bids` (firm, price), awarded to `winner`.
    fn tender_round(f: &mut Fixture, project: &str, id: &str, day: &str, bids: &[(u32, i64)], winner: u32) {
        let mut o = opening(id, bids);
        o["opened_at"] = json!(format!("{day}T09:30:00+08:00"));
        f.add(Kind::Opening, Some(project), o);
        let price = bids.iter().find(|b| b.0 == winner).map(|b| b.1).unwrap_or(0);
        let mut a = award(id, winner, price);
        a["notice_date"] = json!(day);
        f.add(Kind::Award, Some(project), a);
    }

    /// A market of firms 1..=12 bidding in 12 competitive tenders (8 bidders each, varying).
    fn market(f: &mut Fixture) {
        for k in 0..12u32 {
            let bids: Vec<(u32, i64)> = (0..8u32)
                .map(|j| {
                    (1 + (k * 5 + j * 5) % 12, 1_000_000_000 + i64::from(j) * 9_000_000 + i64::from(k * j) * 77_777)
                })
                .collect();
            let mut uniq: Vec<(u32, i64)> = Vec::new();
            for b in bids {
                if !uniq.iter().any(|u| u.0 == b.0) {
                    uniq.push(b);
                }
            }
            let winner = uniq[0].0;
            tender_round(f, PROJECT_B, &format!("QJ-M-{k:02}"), &format!("2021-{:02}-10", 1 + k % 12), &uniq, winner);
        }
    }

    #[test]
    fn fires_on_an_exclusive_group_taking_turns() {
        let mut f = Fixture::new();
        market(&mut f);
        // Firms 21, 22, 23, 24 are the only bidders of four tenders; 21, 22, 23 win in turn and 24
        // always loses.
        for (k, w) in [21u32, 22, 23, 21].iter().enumerate() {
            let bids: Vec<(u32, i64)> = (21..=24)
                .map(|n| (n, if n == *w { 990_000_000 } else { 1_020_000_000 + i64::from(n * n) * 37_000 }))
                .collect();
            tender_round(&mut f, PROJECT, &format!("QJ-R-{k}"), &format!("2022-0{}-15", k + 2), &bids, *w);
        }
        let out = f.run(&Rotation);
        assert_eq!(out.findings().len(), 4, "{:#?}", out.findings().iter().map(|x| &x.message.en).collect::<Vec<_>>());
        let x = &out.findings()[0];
        mentions(x, &[&firm(21), &firm(24), "QJ-R-0", "QJ-R-3", "always lost", "only bidders", "1 of 4"]);
        assert_eq!(x.tender.as_deref(), Some("QJ-R-0"));
        assert_eq!(x.values["never_won"][0], firm(24));
    }

    #[test]
    fn fires_on_a_corroborated_group_among_outsiders() {
        let mut f = Fixture::new();
        market(&mut f);
        // Ring 21–24 with outsiders; the ring's bids share one compiler (BID-01 evidence).
        for (k, w) in [21u32, 22, 23].iter().enumerate() {
            let id = format!("QJ-L-{k}");
            let mut bids: Vec<(u32, i64)> = (21..=24)
                .map(|n| (n, if n == *w { 990_000_000 } else { 1_020_000_000 + i64::from(n * n) * 37_000 }))
                .collect();
            bids.push((1 + k as u32, 1_040_000_000));
            bids.push((5 + k as u32, 1_050_000_000));
            tender_round(&mut f, PROJECT, &id, "2022-03-15", &bids, *w);
            for &(n, p) in &bids {
                let mut b = bid(&id, n, p);
                if n >= 21 {
                    b["compiler"] = json!({"person": "pid:00000000deadbeef"});
                }
                f.rec(Kind::Bid, b);
            }
        }
        let out = f.run(&Rotation);
        assert_eq!(out.findings().len(), 3, "{:#?}", out.findings().iter().map(|x| &x.message.en).collect::<Vec<_>>());
        mentions(&out.findings()[0], &["BID-01", &firm(24), "always lost"]);
    }

    #[test]
    fn quiet_on_the_same_pattern_without_distinction() {
        let mut f = Fixture::new();
        market(&mut f);
        // The same ring with outsiders but no other evidence: firms meet this often by chance in a
        // small market, so it is not reported.
        for (k, w) in [21u32, 22, 23].iter().enumerate() {
            let id = format!("QJ-L-{k}");
            let mut bids: Vec<(u32, i64)> = (21..=24)
                .map(|n| (n, if n == *w { 990_000_000 } else { 1_020_000_000 + i64::from(n * n) * 37_000 }))
                .collect();
            bids.push((1 + k as u32, 1_040_000_000));
            bids.push((5 + k as u32, 1_050_000_000));
            tender_round(&mut f, PROJECT, &id, "2022-03-15", &bids, *w);
        }
        quiet(&f.run(&Rotation));
    }

    #[test]
    fn fires_on_a_cover_bidder_linked_to_the_winner() {
        let mut f = Fixture::new();
        market(&mut f);
        // Firm 31 never wins and bids three times behind firm 30, paying its bond from 30's account.
        for k in 0..3 {
            let id = format!("QJ-C-{k}");
            let bids = [(30u32, 990_000_000i64), (31, 1_030_000_000), (2 + k, 1_040_000_000)];
            tender_round(&mut f, PROJECT, &id, &format!("2023-0{}-01", k + 3), &bids, 30);
            let w = bid(&id, 30, 990_000_000);
            let mut c = bid(&id, 31, 1_030_000_000);
            c["bond"]["account"] = w["bond"]["account"].clone();
            f.rec(Kind::Bid, w).rec(Kind::Bid, c);
        }
        let out = f.run(&Rotation);
        assert_eq!(out.findings().len(), 3, "{:#?}", out.findings().iter().map(|x| &x.message.en).collect::<Vec<_>>());
        mentions(&out.findings()[0], &[&firm(31), &firm(30), "never won", "BID-06"]);
    }
}
