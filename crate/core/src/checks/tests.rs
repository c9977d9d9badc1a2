//! Engine tests: the catalogue's shape, the example project staying clean under every check,
//! `min_severity`, and the page's project view.

use super::testing::*;
use super::*;
use crate::kinds::Kind;
use serde_json::json;
use std::collections::BTreeSet;

/// The non-bidding checks of the design's checks.md, which this crate must implement.
const CATALOGUE: &[&str] = &[
    "COST-01",
    "COST-02",
    "COST-03",
    "COST-04",
    "COST-05",
    "COST-06",
    "FALSE-01",
    "FALSE-02",
    "FALSE-03",
    "CONTRACT-01",
    "CONTRACT-02",
    "CONTRACT-03",
    "CONTRACT-04",
    "PROC-01",
    "PROC-02",
    "PROC-03",
    "PROC-04",
    "PROC-05",
    "PROC-06",
    "PROC-07",
    "SITE-01",
    "SITE-02",
    "PAY-01",
    "PAY-02",
    "PAY-03",
    "PAY-04",
    "PAY-05",
    "SUP-01",
    "SUP-02",
];

fn family_prefix(f: Family) -> &'static str {
    match f {
        Family::Cost => "COST",
        Family::Bidding => "BID",
        Family::FalseBidding => "FALSE",
        Family::Contract => "CONTRACT",
        Family::Procedure => "PROC",
        Family::Site => "SITE",
        Family::Payment => "PAY",
        Family::Supervision => "SUP",
    }
}

#[test]
fn catalogue_ids_params_and_texts_are_well_formed() {
    let catalogue = catalogue();
    let mut ids = BTreeSet::new();
    for m in &catalogue {
        assert!(ids.insert(m.id), "duplicate id {}", m.id);
        let (prefix, num) = m.id.split_once('-').unwrap_or(("", ""));
        assert!(!prefix.is_empty() && prefix.bytes().all(|c| c.is_ascii_uppercase()), "{}", m.id);
        assert!(num.len() == 2 && num.bytes().all(|c| c.is_ascii_digit()), "{}", m.id);
        assert_eq!(prefix, family_prefix(m.family), "{} is in the wrong family", m.id);
        for text in [m.title.zh, m.title.en, m.rule.zh, m.rule.en, m.source] {
            assert!(!text.trim().is_empty(), "{} has an empty text", m.id);
        }
        let mut names = BTreeSet::new();
        for p in m.params {
            assert!(names.insert(p.name), "{} declares {} twice", m.id, p.name);
            assert!(p.default.is_finite() && p.default >= 0.0, "{}.{}", m.id, p.name);
            assert!(!p.description.zh.is_empty() && !p.description.en.is_empty(), "{}.{}", m.id, p.name);
            assert!(!p.unit.is_empty(), "{}.{}", m.id, p.name);
            if CATALOGUE.contains(&m.id) {
                let units = ["ratio", "days", "months", "fen", "count"];
                assert!(units.contains(&p.unit), "{}.{} unit {}", m.id, p.name, p.unit);
            }
        }
    }
    for id in CATALOGUE {
        assert!(ids.contains(id), "{id} of checks.md is missing");
    }
    // Families appear in catalogue order.
    let families: Vec<Family> = catalogue.iter().map(|m| m.family).collect();
    let mut sorted = families.clone();
    sorted.sort();
    assert_eq!(families, sorted);
}

#[test]
fn checks_that_fire_on_absence_declare_it() {
    let absence = [
        "COST-01", "FALSE-01", "FALSE-02", "FALSE-03", "PROC-01", "PROC-02", "PROC-03", "PROC-04", "PROC-06",
        "PROC-07", "SITE-01", "SITE-02", "PAY-01", "PAY-03", "PAY-05", "SUP-01",
    ];
    for m in catalogue().into_iter().filter(|m| CATALOGUE.contains(&m.id)) {
        assert_eq!(m.needs_completeness, absence.contains(&m.id), "{}", m.id);
    }
}

#[test]
fn configuration_refers_to_catalogue_params() {
    let mut cfg = CheckConfig::default();
    cfg.params.insert("COST-01".into(), [("ratio".to_owned(), 0.15)].into_iter().collect());
    cfg.disabled.push("PAY-04".into());
    assert!(cfg.validate().is_ok());
    cfg.params.insert("COST-01".into(), [("ratoi".to_owned(), 0.15)].into_iter().collect());
    assert!(cfg.validate().is_err());
}

/// Every kind's example body, one consistent project.
fn example_project() -> TestBundle {
    let mut b = TestBundle::new();
    for &k in Kind::ALL {
        let project =
            if k.needs_project() || matches!(k, Kind::Problem | Kind::Rectification) { Some(P) } else { None };
        b.add_in(k, project, None, json!({}));
    }
    b
}

#[test]
fn the_example_project_is_clean_under_every_check() {
    let b = example_project();
    for check in all().into_iter().filter(|c| CATALOGUE.contains(&c.meta().id)) {
        let out = b.run(check);
        assert!(out.findings().is_empty(), "{} fired: {:#?}", check.meta().id, out.findings());
    }
}

fn analyse_bundle(b: &TestBundle, config: &CheckConfig) -> Analysis {
    analyse(&b.records, &b.logs(), &b.root, config)
}

/// The example project with a contract amount that differs from the winning bid (COST-04, high)
/// and an audit that cuts the submitted amount by more than 15% (COST-06, medium).
fn project_with_two_findings() -> TestBundle {
    let mut b = example_project();
    b.add(Kind::Contract, json!({"contract_no": "QJCT-SG-2021-0099", "amount_fen": 1_100_000_000_i64}));
    b.add(Kind::Audit, json!({"report_no": "潜审投报〔2023〕9号", "audited_amount_fen": 900_000_000}));
    b
}

#[test]
fn min_severity_drops_lower_findings() {
    let b = project_with_two_findings();
    let all = analyse_bundle(&b, &CheckConfig::default());
    let ids: BTreeSet<&str> = all.findings.iter().map(|f| f.check).collect();
    assert!(ids.contains("COST-04") && ids.contains("COST-06"), "{ids:?}");
    let high = analyse_bundle(&b, &CheckConfig { min_severity: Some(FindingSeverity::High), ..Default::default() });
    assert!(high.findings.iter().all(|f| f.severity == FindingSeverity::High));
    assert!(high.findings.iter().any(|f| f.check == "COST-04"));
    let run = high.checks.iter().find(|r| r.id == "COST-06").map(|r| r.findings);
    assert_eq!(run, Some(0));
    // Findings are ordered by severity, then project.
    let order: Vec<FindingSeverity> = all.findings.iter().map(|f| f.severity).collect();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted);
}

#[test]
fn the_project_view_holds_what_the_page_shows() {
    let mut b = example_project();
    b.add(
        Kind::Payment,
        json!({"payment_no": "GK-2", "payment_type": "progress", "amount_fen": 300_000_000, "paid_date": "2022-02-10"}),
    );
    let a = analyse_bundle(&b, &CheckConfig::default());
    let v = a.projects.iter().find(|p| p.project == P).unwrap_or_else(|| panic!("no view of {P}"));
    assert_eq!(v.name.as_deref(), Some("潜江市园林路东延道路工程"));
    assert_eq!(v.owner.as_ref().map(|o| o.uscc.as_str()), Some(OWNER));
    assert_eq!(v.project_type, Some("municipal"));
    assert_eq!(v.status.code, "audited");
    let stages: Vec<&str> = v.cost_chain.iter().map(|s| s.stage).collect();
    assert_eq!(
        stages,
        [
            "estimate",
            "design_estimate",
            "ceiling",
            "award",
            "contract",
            "contract_with_changes",
            "settlement",
            "final_accounts",
            "audited"
        ]
    );
    let with_changes = v.cost_chain.iter().find(|s| s.stage == "contract_with_changes").map(|s| s.amount_fen);
    assert_eq!(with_changes, Some(1_045_678_912 + 23_500_000));
    let dates: Vec<&str> = v.timeline.iter().map(|t| t.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(v.timeline.iter().any(|t| t.kind == "award" && t.title.zh.contains("¥10,456,789.12")));
    assert_eq!(v.tenders.len(), 1);
    let t = &v.tenders[0];
    assert_eq!(t.ceiling_fen, Some(1_100_000_000));
    assert_eq!(t.bids.len(), 3);
    assert!(t.bids.iter().any(|b| b.winner && b.bidder == BIDDER_A && b.name.is_some()));
    assert_eq!(t.award.as_ref().map(|a| a.price_fen), Some(1_045_678_912));
    let series: Vec<i64> = v.payments.series.iter().map(|p| p.cumulative_fen).collect();
    assert_eq!(series, [209_135_782, 509_135_782]);
    assert_eq!(v.payments.contract_fen, Some(1_045_678_912));
    assert_eq!(v.supervision.len(), 1);
    assert_eq!(v.supervision[0].status, "rectified");
    assert_eq!(v.supervision[0].rectifications.len(), 1);
    assert_eq!(v.findings.total, a.findings.iter().filter(|f| f.project.as_deref() == Some(P)).count() as u64);
    // The view serialises for the page.
    let json = serde_json::to_value(v).unwrap_or_default();
    assert_eq!(json["payments"]["series"][0]["type"], "advance");
}

#[test]
fn the_cost_chain_counts_the_latest_record_of_each_contract_and_tender() {
    let mut b = example_project();
    // The contract refiled with a new amount, and a second contract under another number.
    let refiled = b.add(Kind::Contract, json!({"amount_fen": 1_050_000_000}));
    b.add(Kind::Contract, json!({"contract_no": "QJCT-SG-2021-0099", "amount_fen": 1_000}));
    let a = analyse_bundle(&b, &CheckConfig::default());
    let v = a.projects.iter().find(|p| p.project == P).unwrap_or_else(|| panic!("no view of {P}"));
    let contract = v.cost_chain.iter().find(|s| s.stage == "contract").unwrap_or_else(|| panic!("no contract stage"));
    assert_eq!(contract.amount_fen, 1_050_000_000 + 1_000);
    assert_eq!(contract.records.len(), 2);
    assert!(contract.records.contains(&refiled.to_hex()));
}

#[test]
fn indices_find_records_by_their_keys() {
    let b = example_project();
    b.with_data(|d| {
        assert!(d.tender(TENDER).is_some());
        assert_eq!(d.for_tender::<crate::kinds::bid::Bid>(TENDER).count(), 1);
        assert!(d.contract(CONTRACT, Some(P)).is_some());
        assert_eq!(d.for_contract::<crate::kinds::payment::Payment>(CONTRACT).count(), 1);
        assert_eq!(d.firm_name(BIDDER_A), Some("潜江市某某路桥建设有限公司"));
        assert_eq!(d.certificates("D242123456").count(), 1);
        assert_eq!(d.qualifications_of(BIDDER_A).count(), 1);
        assert!(d.problem("JW-WT-2024-017").is_some());
        assert_eq!(d.rectifications("JW-WT-2024-017").count(), 1);
        assert_eq!(d.permits::<crate::kinds::land_permit::LandPermit>("地字第429005202100012号").count(), 1);
        assert!(d.managed_by(PM).count() >= 3);
        assert!(d.firm_records(BIDDER_A).count() >= 4);
        assert_eq!(d.as_of_date().map(|x| x.to_string()).as_deref(), Some("2099-12-31"));
        // Lifecycle order, whatever the order of lines.
        let dates: Vec<_> = d.project(P).map(|r| r.record.body.event_date()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    });
    // Walking back gives the same records in reverse; typed lookups keep only their kind.
    let mut b = example_project();
    b.add_in(Kind::Payment, Some(P), None, json!({}));
    b.add_in(Kind::Payment, Some(P), None, json!({}));
    b.with_data(|d| {
        let ids = |it: &mut dyn Iterator<Item = &VerifiedRecord>| it.map(|r| r.id).collect::<Vec<_>>();
        let mut back = ids(&mut d.project(P).rev());
        back.reverse();
        assert_eq!(back, ids(&mut d.project(P)));
        let all_kinds = d.project(P).count();
        let payments: Vec<_> = d.in_project::<crate::kinds::payment::Payment>(P).map(|(r, _)| r.id).collect();
        assert!(payments.len() == 3 && payments.len() < all_kinds);
        let mut payments_back: Vec<_> =
            d.in_project::<crate::kinds::payment::Payment>(P).rev().map(|(r, _)| r.id).collect();
        payments_back.reverse();
        assert_eq!(payments_back, payments);
        assert_eq!(
            d.in_project::<crate::kinds::payment::Payment>(P).next_back().map(|(r, _)| r.id),
            payments.last().copied()
        );
        assert_eq!(d.project("no-such-project").count(), 0);
    });
}

#[test]
fn finding_ids_are_stable_unique_and_follow_the_evidence() {
    let b = project_with_two_findings();
    let first = analyse_bundle(&b, &CheckConfig::default());
    assert!(first.findings.len() >= 2);
    let ids: Vec<&str> = first.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.iter().all(|id| id.len() >= 16 && id[..16].bytes().all(|c| c.is_ascii_hexdigit())), "{ids:?}");
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "unique: {ids:?}");
    // The same records give the same ids in another run…
    let again = analyse_bundle(&b, &CheckConfig::default());
    assert_eq!(ids, again.findings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>());
    // …whatever order the evidence is listed in, and another record gives another id.
    let mut f = first.findings[0].clone();
    assert_eq!(crate::checks::finding::finding_id(&f), f.id[..16]);
    f.evidence.reverse();
    assert_eq!(crate::checks::finding::finding_id(&f), first.findings[0].id[..16]);
    f.evidence[0].id = "00".repeat(32);
    assert_ne!(crate::checks::finding::finding_id(&f), first.findings[0].id[..16]);
}

/// Hostile but well-formed records: a department may sign anything its schema accepts. Each value
/// of each kind's example body is replaced in turn by extremes of its JSON type (zero, ±(2^53−1),
/// the first and last dates, empty text, an empty or doubled list); each variant the reader
/// accepts goes, next to the whole example project, through every check and the page views. None
/// may panic, and none may overflow (tests are built with overflow checks; the wasm is not, so an
/// overflow there would be a wrong number rather than a crash).
#[test]
fn hostile_values_reach_every_check_without_a_panic() {
    fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, format!("{path}/{k}"), out)),
            serde_json::Value::Array(a) => {
                out.push(path.clone());
                a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{path}/{i}"), out));
            }
            _ => out.push(path),
        }
    }
    fn extremes(v: &serde_json::Value) -> Vec<serde_json::Value> {
        const MAX: i64 = 9_007_199_254_740_991;
        match v {
            serde_json::Value::Number(_) => vec![json!(0), json!(1), json!(-1), json!(MAX), json!(-MAX)],
            serde_json::Value::String(_) => vec![
                json!(""),
                json!("0001-01-01"),
                json!("9999-12-31"),
                json!("0001-01-01T00:00:00+00:00"),
                json!("9999-12-31T23:59:59+14:00"),
            ],
            serde_json::Value::Bool(b) => vec![json!(!b)],
            serde_json::Value::Array(a) => vec![json!([]), json!([a.clone(), a.clone()].concat())],
            serde_json::Value::Null => vec![json!(0), json!("")],
            serde_json::Value::Object(_) => vec![],
        }
    }
    let config = CheckConfig::default();
    let mut failures = Vec::new();
    let mut variants = 0;
    for &kind in Kind::ALL {
        let example = crate::kinds::examples::example_body(kind);
        let mut paths = Vec::new();
        leaves(&example, String::new(), &mut paths);
        for path in paths {
            let Some(original) = example.pointer(&path) else { continue };
            for value in extremes(original) {
                let mut body = example.clone();
                if let Some(slot) = body.pointer_mut(&path) {
                    *slot = value.clone();
                }
                if crate::kinds::parse_body(kind, &body).is_err() {
                    continue;
                }
                variants += 1;
                let mut b = example_project();
                let project = kind.needs_project() || matches!(kind, Kind::Problem | Kind::Rectification);
                // Twice: a hostile record also meets its own copy (same tender, contract, firm).
                b.add_in(kind, project.then_some(P), None, body.clone());
                b.add_in(kind, project.then_some(P), None, body);
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let a = analyse_bundle(&b, &config);
                    serde_json::to_string(&a).map(|s| s.len())
                }));
                match run {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => {
                        failures.push(format!("{kind}{path} = {value}: the analysis does not serialise: {e}"))
                    }
                    Err(panic) => {
                        let why = panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                            .unwrap_or_default();
                        failures.push(format!("{kind}{path} = {value}: {why}"));
                    }
                }
            }
        }
    }
    assert!(variants > 300, "only {variants} hostile variants were accepted by the readers");
    assert!(failures.is_empty(), "{} of {variants} hostile variants failed:\n{}", failures.len(), failures.join("\n"));
}
