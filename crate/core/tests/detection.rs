//! Measured detection on the demo city (潜江, 429005).
//!
//! 1. The demo bundle verifies intact (no integrity errors or warnings), and with the checks on at
//!    the default configuration every case of the answer key is found by its check on its project
//!    (recall 100%), while no clean project gets a high-severity finding. The recall table is
//!    printed (`cargo test -p qinglian-core --test detection -- --nocapture`).
//! 2. A population of competitive and rigged tenders, drawn with the demo's price models, is
//!    scored with BID-10's public screens at the default fences: detection and false-alarm rates
//!    are printed; only their sanity is asserted.
//! 3. A grown city (more projects, same generators) still verifies intact.

use qinglian_core::checks::bidding::screens::{bundle_fences, screen_tender, FenceSource, Fences, Screens};
use qinglian_core::checks::{Analysis, CheckMeta, FindingSeverity};
use qinglian_core::demo::{generate, synthetic_tender, Demo, DemoOptions};
use qinglian_core::federation::TrustRoot;
use qinglian_core::verify::{Report, TrustAnchor, VerifyOptions};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const SEED: u64 = 2026;

fn verify_with_checks(demo: &Demo) -> Report {
    let root = TrustRoot::from_line(&demo.root).expect("the demo root loads");
    let options = VerifyOptions { checks: Some(Default::default()), ..Default::default() };
    qinglian_core::verify_bytes(&demo.bundle, TrustAnchor::Root(Box::new(root)), options)
}

fn assert_intact(report: &Report, demo: &Demo) {
    let problems: Vec<String> =
        report.problems.iter().map(|p| format!("{} line {:?}: {}", p.code.as_str(), p.line, p.message.en)).collect();
    assert!(report.summary.intact, "bundle not intact: {problems:#?}");
    assert_eq!(report.summary.errors, 0, "{problems:#?}");
    assert_eq!(report.summary.warnings, 0, "{problems:#?}");
    assert_eq!(report.summary.rejected, 0);
    assert_eq!(report.summary.duplicates, 0);
    assert!(report.problems.is_empty(), "{problems:#?}");
    assert_eq!(report.summary.verified, demo.statements, "every statement verified");
    assert_eq!(report.root.as_ref().map(|r| r.version), Some(2), "the bundle carries root v2 (key rotation)");
    for l in &report.logs {
        let complete = l.complete_to.as_ref().map(|c| c.seq);
        assert_eq!(complete, Some(l.last_seq), "{} is proven complete to its head", l.log);
        assert!(l.witnesses.iter().any(|w| w == "jw" || w == "sjj"), "{} is witnessed", l.log);
    }
    assert_eq!(demo.answer_key["stats"]["rejected_drafts"], 0, "{}", demo.answer_key["stats"]);
}

fn catalogue_meta(id: &str) -> Option<&'static CheckMeta> {
    qinglian_core::checks::catalogue().into_iter().find(|m| m.id == id)
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

#[test]
fn demo_city_every_injected_case_is_found() {
    let demo = generate(&DemoOptions { seed: SEED, min_records: 0 });
    let report = verify_with_checks(&demo);
    assert_intact(&report, &demo);
    let analysis: &Analysis = report.analysis.as_ref().expect("checks ran");
    let key = &demo.answer_key;
    let cases = key["cases"].as_array().cloned().unwrap_or_default();
    let clean: BTreeSet<String> =
        key["clean_projects"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    assert!(cases.len() >= 40, "the answer key lists the injected cases ({})", cases.len());
    assert!(clean.len() >= 15, "the base city has clean projects ({})", clean.len());

    // Recall, case by case.
    println!("\n{:<12} {:<26} {:<20} {:<6} why", "check", "project", "tender", "found");
    let mut per_check: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    for c in &cases {
        let check = c["check"].as_str().unwrap_or_default().to_owned();
        let project = c["project"].as_str().unwrap_or_default().to_owned();
        let tender = c["tender"].as_str().unwrap_or("—");
        let found =
            analysis.findings.iter().any(|f| f.check == check && f.project.as_deref() == Some(project.as_str()));
        let e = per_check.entry(check.clone()).or_default();
        e.0 += 1;
        if found {
            e.1 += 1;
        } else {
            missed.push(format!("{check} {project} {tender}"));
        }
        println!(
            "{:<12} {:<26} {:<20} {:<6} {}",
            check,
            project,
            tender,
            if found { "yes" } else { "NO" },
            short(c["why"]["en"].as_str().unwrap_or_default(), 90)
        );
        expected.insert((check, project));
    }
    println!("\n{:<12} {:>5} {:>6} {:>7}  severity", "check", "cases", "found", "recall");
    let (mut total, mut hit) = (0, 0);
    for (check, (n, f)) in &per_check {
        total += n;
        hit += f;
        let sev = catalogue_meta(check)
            .map(|m| format!("{:?}", m.severity).to_ascii_lowercase())
            .unwrap_or("(no check)".into());
        println!("{:<12} {:>5} {:>6} {:>6.0}%  {sev}", check, n, f, 100.0 * *f as f64 / *n as f64);
    }
    println!("{:<12} {:>5} {:>6} {:>6.1}%", "all", total, hit, 100.0 * hit as f64 / total.max(1) as f64);

    // Findings beyond the answer key (informative), and high findings on clean projects (errors).
    let mut false_alarms = Vec::new();
    let mut extra: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for f in &analysis.findings {
        let project = f.project.clone().unwrap_or_default();
        if clean.contains(&project) && f.severity == FindingSeverity::High {
            false_alarms.push(format!(
                "{} {} {}: {}",
                f.check,
                project,
                f.tender.as_deref().unwrap_or(""),
                f.message.en
            ));
        }
        if !expected.contains(&(f.check.to_owned(), project.clone())) {
            *extra.entry((project, f.check)).or_default() += 1;
        }
    }
    if !extra.is_empty() {
        println!("\nfindings outside the answer key (project, check, count, on a clean project?):");
        for ((p, c), n) in &extra {
            println!("  {p} {c} ×{n} {}", if clean.contains(p) { "clean" } else { "" });
        }
    }
    let high_on_clean = clean
        .iter()
        .filter(|p| {
            analysis.findings.iter().any(|f| f.project.as_ref() == Some(*p) && f.severity == FindingSeverity::High)
        })
        .count();
    println!(
        "\nclean projects: {}, with a high-severity finding: {high_on_clean}; findings in all: {}",
        clean.len(),
        analysis.findings.len()
    );
    assert!(missed.is_empty(), "cases not found ({} of {total}): {missed:#?}", missed.len());
    assert!(false_alarms.is_empty(), "high-severity findings on clean projects: {false_alarms:#?}");
}

fn bid10_default(name: &str) -> f64 {
    catalogue_meta("BID-10")
        .and_then(|m| m.params.iter().find(|p| p.name == name))
        .map(|p| p.default)
        .unwrap_or(f64::NAN)
}

fn rates(fences: &Fences, competitive: &[Screens], rigged: &[Screens]) -> (f64, f64) {
    let share = |v: &[Screens]| v.iter().filter(|s| fences.flags(s).flagged).count() as f64 / v.len().max(1) as f64;
    (share(rigged), share(competitive))
}

#[test]
fn screens_separate_rigged_from_competitive_tenders() {
    const N: u64 = 500;
    let screen = |collusive: bool| -> Vec<Screens> {
        (0..N).filter_map(|i| screen_tender(&synthetic_tender(SEED, i, collusive).1)).collect()
    };
    let competitive = screen(false);
    let rigged = screen(true);
    assert_eq!(competitive.len() as u64, N, "every synthetic tender has at least 5 bids");
    assert_eq!(rigged.len() as u64, N);

    let k = bid10_default("iqr_k");
    let log = bid10_default("log_fences") >= 0.5;
    // Fences as BID-10 computes them over a bundle: a city's tenders are mostly competitive, so the
    // fences come from the competitive population (and, for comparison, from the mixed one).
    let comp_refs: Vec<&Screens> = competitive.iter().collect();
    let mixed_refs: Vec<&Screens> = competitive.iter().chain(&rigged).collect();
    let competitive_fences = bundle_fences(&comp_refs, k, log).expect("fences over 500 tenders");
    let mixed_fences = bundle_fences(&mixed_refs, k, log).expect("fences over 1000 tenders");
    let fixed = Fences::fixed(
        bid10_default("cv_max_fixed"),
        bid10_default("spread_max_fixed"),
        bid10_default("rd_min_fixed"),
        bid10_default("cv_median_fixed"),
        FenceSource::Fixed,
    );
    println!("\nBID-10 screens on {N} competitive and {N} rigged synthetic tenders (5–12 bids each)");
    println!("{:<34} {:>9} {:>12}   fences (CV <, spread <, RD > with CV <)", "fences", "detection", "false alarm");
    let mut results = Vec::new();
    for (label, f) in [
        ("IQR over competitive tenders", &competitive_fences),
        ("IQR over the mixed population", &mixed_fences),
        ("fixed benchmark values", &fixed),
    ] {
        let (det, fa) = rates(f, &competitive, &rigged);
        println!(
            "{:<34} {:>8.1}% {:>11.1}%   {:.4}, {:.4}, {:.2} with {:.4}",
            label,
            100.0 * det,
            100.0 * fa,
            f.cv_low,
            f.spread_low,
            f.rd_high,
            f.cv_median
        );
        results.push((label, det, fa));
    }
    // By screen, with the competitive-population fences.
    for (name, pick) in [
        ("CV low", (|fl: qinglian_core::checks::bidding::screens::ScreenFlags| fl.cv_low) as fn(_) -> bool),
        ("spread low", |fl| fl.spread_low),
        ("RD high", |fl| fl.rd_high),
    ] {
        let r = rigged.iter().filter(|s| pick(competitive_fences.flags(s))).count();
        let c = competitive.iter().filter(|s| pick(competitive_fences.flags(s))).count();
        println!("  {name:<12} rigged {r:>4}/{N}  competitive {c:>4}/{N}");
    }
    for (label, det, fa) in &results {
        assert!(det > fa, "{label}: detection {det} should exceed false alarms {fa}");
    }
    let (_, det, fa) = results[0];
    assert!(det >= 0.5, "the screens catch at least half of the rigged tenders ({det})");
    assert!(fa <= 0.25, "false alarms stay moderate ({fa})");
}

#[test]
fn grown_city_still_verifies() {
    let demo = generate(&DemoOptions { seed: 11, min_records: 12_000 });
    let records = demo.answer_key["stats"]["records"].as_u64().unwrap_or(0);
    assert!(records >= 12_000, "at least the requested records ({records})");
    let root = TrustRoot::from_line(&demo.root).expect("root");
    let report = qinglian_core::verify_bytes(&demo.bundle, TrustAnchor::Root(Box::new(root)), VerifyOptions::default());
    assert_intact(&report, &demo);
    let projects = demo.answer_key["stats"]["projects"].as_u64().unwrap_or(0);
    assert!(projects > 48, "the city grew ({projects} projects)");
    let _: &Value = &demo.answer_key;
}

/// Without checks the verifier keeps a compact form of each record (no body, no project code);
/// the integrity part of the report must not change.
#[test]
fn integrity_report_is_the_same_with_and_without_checks() {
    let demo = generate(&DemoOptions { seed: SEED, min_records: 0 });
    let with_checks = verify_with_checks(&demo);
    let root = TrustRoot::from_line(&demo.root).expect("root");
    let without =
        qinglian_core::verify_bytes(&demo.bundle, TrustAnchor::Root(Box::new(root)), VerifyOptions::default());
    assert!(without.analysis.is_none());
    assert!(with_checks.analysis.is_some());
    let integrity = |r: &Report| {
        let mut v = serde_json::to_value(r).expect("report");
        v.as_object_mut().expect("object").remove("analysis");
        v
    };
    assert_eq!(integrity(&without), integrity(&with_checks));
    assert!(without.summary.records > 1000);
    assert!(without
        .records
        .iter()
        .all(|r| r.record.body == qinglian_core::kinds::Body::Omitted && r.record.project.is_none()));
    assert!(with_checks.records.iter().all(|r| r.record.body.kind() == Some(r.record.kind)));
}
