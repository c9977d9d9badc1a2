use super::examples::{BIDDER_A, BIDDER_B, PROJECT};
use super::fields::{contains_resident_id, uscc_check_char};
use super::*;
use serde_json::{json, Value};

/// `example_body(kind)` with `edit` applied to it.
fn edited(kind: Kind, edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
    let mut v = example_body(kind);
    if let Value::Object(m) = &mut v {
        edit(m);
    }
    v
}

fn err(kind: Kind, body: &Value) -> BodyError {
    match parse_body(kind, body) {
        Ok(b) => panic!("expected an error, parsed {b:?}"),
        Err(e) => e,
    }
}

const FEN_EN: &str = "an integer amount in fen (分)";
const RESIDENT_EN: &str =
    "persons are identified by registration number or pseudonym, never a national ID number in clear (decision 13)";

#[test]
fn every_example_parses_and_round_trips() {
    for &kind in Kind::ALL {
        let v = example_body(kind);
        let body = parse_body(kind, &v).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(body.kind(), Some(kind));
        // The typed body serializes back to exactly the example (field order aside).
        assert_eq!(body.to_value(), v, "{kind}");
        // Serialize carries the kind tag under its wire name.
        let tagged = serde_json::to_value(&body).expect("serialize");
        assert_eq!(tagged["kind"], json!(kind.as_str()));
        let _ = body.event_date();
    }
}

#[test]
fn kind_table_is_consistent() {
    let mut names = std::collections::BTreeSet::new();
    for &kind in Kind::ALL {
        assert!(names.insert(kind.as_str()), "duplicate {kind}");
        assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        assert_eq!(serde_json::to_value(kind).expect("kind"), json!(kind.as_str()));
        assert!(!kind.title_zh().is_empty() && !kind.title_en().is_empty());
        assert!(!kind.default_department().is_empty());
        assert_eq!(kind.needs_project(), kind.stage() > 0, "{kind}");
    }
    assert_eq!(Kind::parse("nope"), None);
    let stages: Vec<u8> = Kind::ALL.iter().map(|k| k.stage()).filter(|&s| s > 0).collect();
    assert!(stages.windows(2).all(|w| w[0] < w[1]), "lifecycle kinds are listed in stage order");
    assert_eq!(Kind::DesignEstimate.as_str(), "design_estimate");
    assert_eq!(Kind::Bid.default_department(), "jyzx");
}

#[test]
fn body_must_be_an_object() {
    for bad in [json!([]), json!("x"), json!(null), json!(1)] {
        let e = err(Kind::Approval, &bad);
        assert_eq!(e.path, "$");
    }
}

#[test]
fn uscc_check_digit() {
    assert_eq!(uscc_check_char("91350100M000100Y4"), Some('3')); // the GB 32100-2015 example
    assert_eq!(Uscc::with_check_digit("91440300708461136").map(|u| u.to_string()), Ok("91440300708461136T".into()));
    assert!(Uscc::with_check_digit("9144030070846113").is_err());
    assert_eq!(Uscc::parse(BIDDER_A).map(|u| u.admin_code().to_owned()), Ok("429005".into()));

    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("bidder".into(), json!("91429005MA49DEF341"));
        }),
    );
    assert_eq!(e.path, "$.bidder");
    assert!(e.expected_en.contains("check character") && e.expected_en.contains("'0', not '1'"), "{e}");
    assert!(e.expected_zh.contains("校验位"), "{e}");

    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("bidder".into(), json!("91429005ma49def340"));
        }),
    );
    assert!(e.expected_en.contains("upper-case"), "{e}");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("bidder".into(), json!("91429005MA49DEF34"));
        }),
    );
    assert!(e.expected_en.contains("18-character"), "{e}");
    // I, O, S, V, Z are not in the charset.
    assert!(Uscc::parse("91429005MA49DEFI40").is_err());
}

#[test]
fn uscc_in_nested_list_has_its_path() {
    let e = err(
        Kind::Award,
        &edited(Kind::Award, |m| {
            m.insert("candidates".into(), json!([BIDDER_A, BIDDER_B, "91429005MA49LMN782"]));
        }),
    );
    assert_eq!(e.path, "$.candidates[2]");
    let e = err(
        Kind::Opening,
        &edited(Kind::Opening, |m| {
            m["ranking"][1]["bidder"] = json!("x");
        }),
    );
    assert_eq!(e.path, "$.ranking[1].bidder");
}

#[test]
fn fen_must_be_an_integer() {
    for bad in [json!(1.5), json!("100"), json!(true), json!(null), json!([1]), json!(1e3)] {
        let e = err(
            Kind::Bid,
            &edited(Kind::Bid, |m| {
                m.insert("price_fen".into(), bad.clone());
            }),
        );
        assert_eq!(e.path, "$.price_fen", "{bad}");
        assert_eq!(e.expected_en, FEN_EN, "{bad}");
        assert_eq!(e.expected_zh, "以分为单位的整数金额");
    }
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("price_fen".into(), json!(-1));
        }),
    );
    assert!(e.expected_en.contains("non-negative"), "{e}");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("price_fen".into(), json!(9_007_199_254_740_992_i64));
        }),
    );
    assert!(e.expected_en.contains("no larger than"), "{e}");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["bond"]["amount_fen"] = json!(0.5);
        }),
    );
    assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.bond.amount_fen", FEN_EN));
}

#[test]
fn fen_delta_is_signed() {
    let body = edited(Kind::ChangeOrder, |m| {
        m.insert("amount_delta_fen".into(), json!(-1_250_000));
    });
    match parse_body(Kind::ChangeOrder, &body) {
        Ok(Body::ChangeOrder(c)) => {
            assert_eq!(c.amount_delta_fen.get(), -1_250_000);
            assert_eq!(c.amount_delta_fen.to_string(), "-¥12,500.00");
        }
        other => panic!("{other:?}"),
    }
    let e = err(
        Kind::ChangeOrder,
        &edited(Kind::ChangeOrder, |m| {
            m.insert("amount_delta_fen".into(), json!("-5"));
        }),
    );
    assert_eq!(e.path, "$.amount_delta_fen");
}

#[test]
fn money_formats_as_yuan() {
    assert_eq!(Fen::new(1_240_000_000).map(|f| f.to_string()), Some("¥12,400,000.00".into()));
    assert_eq!(Fen::new(5).map(|f| f.to_string()), Some("¥0.05".into()));
    assert_eq!(Fen::new(100_000).map(|f| f.to_string()), Some("¥1,000.00".into()));
    assert_eq!(Fen::new(-1), None);
    assert_eq!(Fen::from_yuan(4_000_000).map(Fen::get), Some(400_000_000));
    assert_eq!(BasisPoints::new(1234).map(|b| b.to_string()), Some("12.34%".into()));
    assert_eq!(BasisPoints::new(10_001), None);
}

#[test]
fn dates_and_instants() {
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("submitted_at".into(), json!("2021-08-09T16:20:00"));
        }),
    );
    assert_eq!(e.path, "$.submitted_at");
    assert!(e.expected_en.contains("RFC 3339") && e.expected_en.contains("offset"), "{e}");
    let e = err(
        Kind::Tender,
        &edited(Kind::Tender, |m| {
            m.insert("bid_deadline".into(), json!("2021-08-10"));
        }),
    );
    assert_eq!(e.path, "$.bid_deadline");
    let e = err(
        Kind::Award,
        &edited(Kind::Award, |m| {
            m.insert("notice_date".into(), json!("2021-02-30"));
        }),
    );
    assert_eq!(e.path, "$.notice_date");
    assert!(e.expected_en.contains("2021-02-30 does not exist"), "{e}");
    for bad in [json!("2021-8-18"), json!("2021-08-18T00:00:00+08:00"), json!(20210818)] {
        let e = err(
            Kind::Award,
            &edited(Kind::Award, |m| {
                m.insert("notice_date".into(), bad.clone());
            }),
        );
        assert_eq!(e.path, "$.notice_date", "{bad}");
        assert!(e.expected_en.contains("YYYY-MM-DD"), "{e}");
    }
    let e = err(
        Kind::Tender,
        &edited(Kind::Tender, |m| {
            m["clarifications"][0]["extended_deadline"] = json!("2021-08-20 09:30");
        }),
    );
    assert_eq!(e.path, "$.clarifications[0].extended_deadline");
    let ok = edited(Kind::Tender, |m| {
        m["clarifications"][0]["extended_deadline"] = json!("2021-08-20T09:30:00+08:00");
    });
    match parse_body(Kind::Tender, &ok) {
        Ok(Body::Tender(t)) => assert_eq!(t.effective_deadline().to_string(), "2021-08-20T09:30:00+08:00"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn resident_id_numbers_are_rejected() {
    for id in ["420102199003071234", "42010219900307123X", "鄂420102199003071234", "42010219900307123x"] {
        let e = err(
            Kind::Bid,
            &edited(Kind::Bid, |m| {
                m.insert("project_manager".into(), json!(id));
            }),
        );
        assert_eq!(e.path, "$.project_manager", "{id}");
        assert_eq!(e.expected_en, RESIDENT_EN, "{id}");
        assert!(e.expected_zh.contains("身份证"), "{id}");
    }
    // Also in nested persons and free text.
    let e = err(
        Kind::Company,
        &edited(Kind::Company, |m| {
            m["shareholders"][0]["holder"] = json!({"person": "420102199003071234"});
        }),
    );
    assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.shareholders[0].holder.person", RESIDENT_EN));
    let e = err(
        Kind::Problem,
        &edited(Kind::Problem, |m| {
            m.insert("description".into(), json!("项目经理 张某（身份证 420102199003071232）长期不在岗"));
        }),
    );
    assert_eq!(e.path, "$.description");
    assert!(e.expected_en.contains("decision 13"), "{e}");
    // Free text and document numbers keep other 18-digit numbers, such as 施工许可证编号 (region +
    // issue date + serial), which have the shape of an ID number.
    let ok = edited(Kind::Problem, |m| {
        m.insert("description".into(), json!("施工许可证 429005202109100106 逾期未开工，账号 420102199003071234"));
    });
    assert!(parse_body(Kind::Problem, &ok).is_ok());
    assert!(fields::contains_likely_resident_id("420102199003071232"));
    assert!(!fields::contains_likely_resident_id("420102199003071234")); // wrong check character
    assert!(!fields::contains_likely_resident_id("429005202109100106")); // 2021: a permit, not a person

    assert!(contains_resident_id("420102199003071234"));
    assert!(!contains_resident_id("4201021990030712345")); // 19 digits: a bank account, not an ID
    assert!(!contains_resident_id("420102199013071234")); // month 13: no birth date
    assert!(!contains_resident_id("鄂142181900123"));
    assert!(PersonId::parse("鄂142181900123").is_ok());
    assert!(PersonId::parse("pid:3f9a0c1b2d4e5f60").is_ok_and(|p| p.is_pseudonym()));
    assert!(PersonId::parse("pid:3F9A0C1B2D4E5F60").is_err());
    assert!(PersonId::parse("pid:3f9a").is_err());
    assert!(PersonId::parse("张三").is_err());
}

#[test]
fn unknown_and_missing_fields() {
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("bidder_name".into(), json!("x"));
        }),
    );
    assert_eq!(e.path, "$.bidder_name");
    assert!(e.expected_en.starts_with("no field `bidder_name` here (allowed: tender_id, bidder"), "{e}");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["bond"]["bank"] = json!("x");
        }),
    );
    assert_eq!(e.path, "$.bond.bank");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("kind".into(), json!("bid"));
        }),
    );
    assert_eq!(e.path, "$.kind");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            if let Some(Value::Object(bond)) = m.get_mut("bond") {
                bond.remove("payer");
            }
        }),
    );
    assert_eq!(e.path, "$.bond.payer");
    assert_eq!(e.expected_en, "the required field `payer`");
    assert_eq!(e.expected_zh, "必填字段 `payer`");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.remove("document_hash");
        }),
    );
    assert_eq!(e.path, "$.document_hash");
}

#[test]
fn optional_fields_may_be_absent_or_null() {
    let minimal = edited(Kind::Bid, |m| {
        for k in ["bond", "machine", "pricing_lock_id", "qualifications", "claimed_performance", "project_team"] {
            m.remove(k);
        }
        m.insert("agent".into(), Value::Null);
    });
    match parse_body(Kind::Bid, &minimal) {
        Ok(Body::Bid(b)) => {
            assert!(b.agent.is_none() && b.bond.is_none() && b.qualifications.is_empty());
            let v = Body::Bid(b).to_value();
            assert!(v.get("agent").is_none() && v.get("qualifications").is_none(), "{v}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn structs_must_be_objects() {
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("bond".into(), json!(["transfer", BIDDER_A, "42001234567890123456", 20_000_000]));
        }),
    );
    assert_eq!(e.path, "$.bond");
    assert!(e.expected_en.starts_with("a JSON object with fields method, payer"), "{e}");
    let e = err(
        Kind::Award,
        &edited(Kind::Award, |m| {
            m.insert("candidates".into(), json!(BIDDER_A));
        }),
    );
    assert_eq!(e.path, "$.candidates");
    assert!(e.expected_en.starts_with("a list (JSON array)"), "{e}");
    let e = err(
        Kind::ChangeOrder,
        &edited(Kind::ChangeOrder, |m| {
            m.insert("approved".into(), json!("yes"));
        }),
    );
    assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.approved", "true or false"));
    let e = err(
        Kind::Award,
        &edited(Kind::Award, |m| {
            m.insert("duration_days".into(), json!(-3));
        }),
    );
    assert_eq!((e.path.as_str(), e.expected_en.as_str()), ("$.duration_days", "a non-negative integer"));
}

#[test]
fn closed_value_sets() {
    let e = err(
        Kind::Tender,
        &edited(Kind::Tender, |m| {
            m.insert("method".into(), json!("negotiated"));
        }),
    );
    assert_eq!(e.path, "$.method");
    assert_eq!(e.expected_en, "a tender method: one of open, invited");
    assert!(e.expected_zh.contains("招标方式"));
    let e = err(
        Kind::Payment,
        &edited(Kind::Payment, |m| {
            m.insert("payment_type".into(), json!(1));
        }),
    );
    assert_eq!(e.path, "$.payment_type");
    assert!(e.expected_en.contains("advance, progress, final, retention"), "{e}");
}

#[test]
fn party_and_actor() {
    for bad in [json!({"unit": BIDDER_A, "person": "pid:3f9a0c1b2d4e5f60"}), json!({}), json!(BIDDER_A)] {
        let e = err(
            Kind::Bid,
            &edited(Kind::Bid, |m| {
                m.insert("compiler".into(), bad.clone());
            }),
        );
        assert_eq!(e.path, "$.compiler", "{bad}");
    }
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("compiler".into(), json!({"org": BIDDER_A}));
        }),
    );
    assert_eq!(e.path, "$.compiler.org");
    let ok = edited(Kind::Bid, |m| {
        m.insert("agent".into(), json!({"unit": BIDDER_B}));
    });
    match parse_body(Kind::Bid, &ok) {
        Ok(Body::Bid(b)) => assert_eq!(b.agent.as_ref().and_then(Party::unit).map(Uscc::as_str), Some(BIDDER_B)),
        other => panic!("{other:?}"),
    }
    let e = err(
        Kind::Problem,
        &edited(Kind::Problem, |m| {
            m.insert("responsible".into(), json!({"dept": "ZJJ"}));
        }),
    );
    assert_eq!(e.path, "$.responsible.dept");
}

#[test]
fn machine_fields_have_one_spelling() {
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["machine"]["mac"] = json!("00-1A-2B-3C-4D-5E");
        }),
    );
    assert_eq!(e.path, "$.machine.mac");
    assert!(e.expected_en.contains("write 00:1a:2b:3c:4d:5e"), "{e}");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["machine"]["mac"] = json!("00:1a:2b:3c:4d");
        }),
    );
    assert_eq!(e.path, "$.machine.mac");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["machine"]["ip"] = json!("2001:DB8:0:0:0:0:0:1");
        }),
    );
    assert!(e.expected_en.contains("write 2001:db8::1"), "{e}");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["machine"]["ip"] = json!("10.20.30");
        }),
    );
    assert_eq!(e.path, "$.machine.ip");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["machine"]["disk_serial"] = json!(" WD-1");
        }),
    );
    assert_eq!(e.path, "$.machine.disk_serial");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("document_hash".into(), json!("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"));
        }),
    );
    assert_eq!(e.path, "$.document_hash");
    assert!(MacAddr::parse("00:00:00:00:00:00").is_ok_and(|m| m.is_placeholder()));
    assert!(Serial::parse("To be filled by O.E.M.").is_ok_and(|s| s.is_placeholder()));
    assert!(Serial::parse("BFEBFBFF000906EA").is_ok_and(|s| !s.is_placeholder()));
    let h = Hash256::parse("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").map(|h| h.to_bytes());
    assert_eq!(h.map(|b| (b[0], b[31])), Ok((0x9f, 0x08)));
}

#[test]
fn project_code() {
    let p = ProjectCode::parse(PROJECT).expect("code");
    assert_eq!(
        (p.year(), p.admin_code(), p.industry(), p.type_code(), p.serial()),
        (2021, "429005", "48", "01", "000123")
    );
    for bad in
        ["2021-429005-48-01-00012", "2021/429005/48/01/000123", "1021-429005-48-01-000123", "２021-429005-48-01-000123"]
    {
        assert!(ProjectCode::parse(bad).is_err(), "{bad}");
    }
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m["claimed_performance"][0]["project_code"] = json!("2018-429005-48-01");
        }),
    );
    assert_eq!(e.path, "$.claimed_performance[0].project_code");
    assert!(e.expected_en.contains("国家投资项目代码"), "{e}");
}

#[test]
fn cross_field_rules() {
    let e = err(
        Kind::Contract,
        &edited(Kind::Contract, |m| {
            m.insert("period_end".into(), json!("2021-09-19"));
        }),
    );
    assert_eq!(e.path, "$.period_end");
    assert!(e.expected_en.contains("not before `period_start`"), "{e}");
    let e = err(
        Kind::Company,
        &edited(Kind::Company, |m| {
            m["shareholders"][1]["share_bp"] = json!(4_001);
        }),
    );
    assert_eq!(e.path, "$.shareholders[1].share_bp");
    let e = err(
        Kind::Company,
        &edited(Kind::Company, |m| {
            m["shareholders"][0]["share_bp"] = json!(10_001);
        }),
    );
    assert_eq!(e.path, "$.shareholders[0].share_bp");
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            if let Some(Value::Object(bond)) = m.get_mut("bond") {
                bond.remove("account");
            }
        }),
    );
    assert_eq!(e.path, "$.bond.account");
    let e = err(
        Kind::CompletionAcceptance,
        &edited(Kind::CompletionAcceptance, |m| {
            m.insert("contractors".into(), json!([]));
        }),
    );
    assert_eq!(e.path, "$.contractors");
    let e = err(
        Kind::Candidates,
        &edited(Kind::Candidates, |m| {
            m.insert("publicity_end".into(), json!("2021-08-11"));
        }),
    );
    assert_eq!(e.path, "$.publicity_end");
}

#[test]
fn helpers_for_checks() {
    match parse_body(Kind::Qualification, &example_body(Kind::Qualification)) {
        Ok(Body::Qualification(q)) => {
            assert!(q.is_valid_on(crate::time::Date::parse("2021-08-09").expect("date")));
            assert!(!q.is_valid_on(crate::time::Date::parse("2024-06-01").expect("date")));
        }
        other => panic!("{other:?}"),
    }
    let opening = edited(Kind::Opening, |m| {
        m.insert("disqualified".into(), json!([{"bidder": BIDDER_B, "reason": "above_ceiling"}]));
    });
    match parse_body(Kind::Opening, &opening) {
        Ok(Body::Opening(o)) => assert_eq!(o.valid_bidders().len(), 2),
        other => panic!("{other:?}"),
    }
    let award = parse_body(Kind::Award, &example_body(Kind::Award)).expect("award");
    assert_eq!(award.tender_id().map(Ident::as_str), Some("QJ-JS-2021-017-01"));
    assert_eq!(award.event_date().to_string(), "2021-08-18");
    let pay = parse_body(Kind::Payment, &example_body(Kind::Payment)).expect("payment");
    assert_eq!(pay.contract_no().map(DocNo::as_str), Some("QJCT-SG-2021-0088"));
}

#[test]
fn errors_display_in_both_languages() {
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("price_fen".into(), json!(1.5));
        }),
    );
    assert_eq!(
        e.to_string(),
        "at $.price_fen: expected an integer amount in fen (分) / $.price_fen 处应为以分为单位的整数金额"
    );
    // Keys that are not plain identifiers are quoted in the path.
    let e = err(
        Kind::Bid,
        &edited(Kind::Bid, |m| {
            m.insert("价格".into(), json!(1));
        }),
    );
    assert_eq!(e.path, "$[\"价格\"]");
}

/// Replace every leaf and container in every example with hostile values: parsing must never panic
/// and must either succeed or name a path that exists in the input (or a missing field under one).
#[test]
fn hostile_values_never_panic() {
    let hostile = [
        Value::Null,
        json!(true),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!(" "),
        json!("é\u{0}"),
        json!("鄂"),
        json!("x".repeat(3000)),
        json!([]),
        json!([null]),
        json!({}),
        json!({"unit": null}),
    ];
    fn paths(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| paths(c, format!("{at}/{k}"), out)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| paths(c, format!("{at}/{i}"), out)),
            _ => {}
        }
    }
    let mut count = 0;
    for &kind in Kind::ALL {
        let base = example_body(kind);
        let mut ptrs = Vec::new();
        paths(&base, String::new(), &mut ptrs);
        for ptr in ptrs.iter().filter(|p| !p.is_empty()) {
            for h in &hostile {
                let mut v = base.clone();
                if let Some(slot) = v.pointer_mut(ptr) {
                    *slot = h.clone();
                }
                if let Err(e) = parse_body(kind, &v) {
                    assert!(e.path.starts_with('$') && !e.expected_en.is_empty() && !e.expected_zh.is_empty());
                }
                count += 1;
            }
        }
        for other in Kind::ALL {
            let _ = parse_body(*other, &base);
        }
    }
    assert!(count > 1000);
}

/// With several problems, the one reported is an unknown member if any, else the first member in
/// declaration order (the order of the "allowed" list), whatever the order in the document.
#[test]
fn the_first_problem_in_declaration_order_is_reported() {
    let two_bad = edited(Kind::Bid, |m| {
        m.insert("price_fen".into(), json!("many"));
        m.insert("bidder".into(), json!("x"));
    });
    assert_eq!(err(Kind::Bid, &two_bad).path, "$.bidder");
    let with_unknown = edited(Kind::Bid, |m| {
        m.insert("bidder".into(), json!("x"));
        m.insert("zz_extra".into(), json!(1));
    });
    assert_eq!(err(Kind::Bid, &with_unknown).path, "$.zz_extra");
    let nested = edited(Kind::Bid, |m| {
        m["bond"]["amount_fen"] = json!(-1);
        m.remove("tender_id");
    });
    assert_eq!(err(Kind::Bid, &nested).path, "$.tender_id");
}
