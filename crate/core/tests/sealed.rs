//! Sealed records (docs/format.md §4.2): integrity verifies for everyone, the content only for the
//! recipients, and the supervision board and checks say what they could not read.

mod common;

use common::*;
use qinglian_core::crypto::age_keys;
use qinglian_core::kinds::{example_body, Kind};
use qinglian_core::report::Code;
use qinglian_core::sealed;
use serde_json::json;

/// A stand-in for an age ciphertext: the core never decrypts, it only checks the form.
const AGE: &str = "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBBQUFB";

fn root() -> qinglian_core::produce::SignedStatement {
    let age = |n: u8| json!({"age": age_keys::recipient(&key(n).seed())});
    let mut depts = departments_v1(json!({}));
    depts[2] = department("zjj", &[Kind::Contract, Kind::Rectification], &[(3, age(3))]);
    depts[3] = department("sjj", &[Kind::Audit, Kind::Problem], &[(4, age(4))]);
    root_with(1, None, 2, depts, &[1, 2, 3, 4])
}

#[test]
fn a_sealed_problem_verifies_and_the_board_says_it_could_not_read_it() {
    let root = root();
    let body = example_body(Kind::Problem);
    let plain = sealed::plaintext(Kind::Problem, &body, &[9; 32]).unwrap();
    let sealed = sealed::seal(vec!["sjj".into(), "zjj".into()], &plain, AGE.into()).unwrap();
    let mut sjj = Log::new("sjj/main", 4);
    let problem = sjj.append_with(Kind::Problem, "2024-03-01T09:00:00+08:00", sealed.to_value(), vec![]);
    let lines: Vec<Vec<u8>> = sjj.lines.iter().map(|s| s.line.clone()).collect();
    let options = qinglian_core::verify::VerifyOptions { checks: Some(Default::default()), ..Default::default() };
    let r = qinglian_core::verify_bytes(&bundle_of(&lines), trust(&root), options);

    assert_eq!(r.records.len(), 1, "{:#?}", r.problems);
    assert_eq!(r.records[0].id, problem.id);
    assert!(r.problems.is_empty(), "{:#?}", r.problems);

    let analysis = r.analysis.as_ref().expect("checks ran");
    let board = &analysis.supervision;
    assert!(board.problems.is_empty(), "an unread problem is not on the board as if read");
    assert_eq!(board.sealed.len(), 1);
    assert_eq!(board.sealed[0].to, ["sjj", "zjj"]);
    assert_eq!(board.sealed[0].kind, "problem");
    for run in analysis.checks.iter().filter(|c| c.id.starts_with("SUP-")) {
        assert!(
            run.not_evaluated.iter().any(|n| n.reason.en.starts_with("1 sealed record")),
            "{} does not say what it could not read: {run:?}",
            run.id
        );
    }
    assert!(analysis
        .checks
        .iter()
        .filter(|c| c.id.starts_with("COST-"))
        .all(|c| !c.not_evaluated.iter().any(|n| n.reason.en.contains("sealed"))));

    // A recipient's plaintext opens against the signed commitment; anyone can check a disclosure.
    let qinglian_core::kinds::Body::Sealed(signed) = &r.records[0].record.body else { panic!("not sealed") };
    assert_eq!(sealed::open(Kind::Problem, signed, &plain).unwrap().to_value(), body);
    let forged = sealed::plaintext(Kind::Problem, &example_body(Kind::Problem), &[8; 32]).unwrap();
    assert_eq!(sealed::open(Kind::Problem, signed, &forged).unwrap_err().code(), Code::SealedCommitmentMismatch);
}

#[test]
fn a_root_with_a_malformed_recipient_is_refused() {
    let mut depts = departments_v1(json!({}));
    depts[3] = department("sjj", &[Kind::Audit], &[(4, json!({"age": "age1notarecipient"}))]);
    let bad = root_with(1, None, 2, depts, &[1, 2, 3, 4]);
    let line = bad.line.clone();
    let e = qinglian_core::federation::TrustRoot::from_line(&line).unwrap_err();
    assert_eq!(e.code(), Code::RootInvalid, "{e:?}");
}

#[test]
fn sealers_encrypt_to_every_published_recipient_of_the_named_departments() {
    let root = qinglian_core::federation::TrustRoot::from_line(&root().line).unwrap();
    let both = sealed::recipients(&root, &["zjj".into(), "sjj".into()]).unwrap();
    let mut want = vec![age_keys::recipient(&key(3).seed()), age_keys::recipient(&key(4).seed())];
    want.sort();
    assert_eq!(both, want);
    // A department without a published recipient cannot be sealed to: better refused than unreadable.
    let e = sealed::recipients(&root, &["sjj".into(), "fgw".into()]).unwrap_err();
    assert_eq!((e.code(), e.to_string().contains("fgw")), ("SEALED_NO_RECIPIENT", true));
    assert_eq!(sealed::recipients(&root, &["nobody".into()]).unwrap_err().code(), "SEALED_NO_RECIPIENT");
}
