//! BID-08 单位负责人为同一人或者存在控股、管理关系的不同单位参加同一标段投标 (条例 第34条).
//!
//! From the company registry (企业登记) snapshots in force on the bid date, for each pair of
//! bidders of one tender: the same legal representative, one holding a controlling share of the
//! other (at least `control_share`), the same actual controller, or one being the other's actual
//! controller is high. A minority stake of one in the other, or a common shareholder controlling
//! both (sister companies), is medium: not prohibited on its face, but a strong indicator.

use super::common::{self, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{
    format, Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::company::Company;
use crate::kinds::{Party, Uscc};
use crate::verify::VerifiedRecord;
use serde_json::json;

pub struct CommonControl;

static META: CheckMeta = CheckMeta {
    id: "BID-08",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual {
        zh: "存在控制关系或法定代表人相同的单位参加同一标段投标",
        en: "Bidders under common control or with the same legal representative bid the same tender",
    },
    rule: Bilingual {
        zh: "同一标段的两个投标人法定代表人相同、一方控股另一方、实际控制人相同或一方为另一方实际控制人（高）；一方参股另一方或同一股东同时控股双方（中）",
        en: "Two bidders of one tender share a legal representative, one holds a controlling stake in the other, they share an actual controller, or one controls the other (high); one holds a minority stake in the other, or one shareholder controls both (medium)",
    },
    source: "条例 第34条",
    params: &[Param {
        name: "control_share",
        default: 0.5,
        unit: "ratio",
        description: Bilingual { zh: "认定控股的最低持股比例", en: "Smallest share counted as control" },
    }],
    needs_completeness: false,
};

/// One relation between two companies.
struct Relation {
    severity: FindingSeverity,
    zh: String,
    en: String,
}

fn share_of(c: &Company, holder: &Party) -> Option<f64> {
    c.shareholders.iter().find(|s| &s.holder == holder).map(|s| f64::from(s.share_bp.get()) / 10_000.0)
}

fn relations(data: &Dataset, a: &Company, b: &Company, control: f64) -> Vec<Relation> {
    let mut out = Vec::new();
    let name = |u: &Uscc| format::firm(data, u);
    if a.legal_representative == b.legal_representative {
        let p = &a.legal_representative;
        out.push(Relation {
            severity: FindingSeverity::High,
            zh: format!("法定代表人同为 {p}"),
            en: format!("the same legal representative {p}"),
        });
    }
    for (x, y) in [(a, b), (b, a)] {
        if let Some(s) = share_of(y, &Party::Unit(x.uscc.clone())) {
            let (nx, ny) = (name(&x.uscc), name(&y.uscc));
            let pct = format::percent(s);
            if s >= control {
                out.push(Relation {
                    severity: FindingSeverity::High,
                    zh: format!("{} 持有 {} {pct} 股权（控股）", nx.zh, ny.zh),
                    en: format!("{} holds {pct} of {} (control)", nx.en, ny.en),
                });
            } else {
                out.push(Relation {
                    severity: FindingSeverity::Medium,
                    zh: format!("{} 持有 {} {pct} 股权（参股）", nx.zh, ny.zh),
                    en: format!("{} holds {pct} of {} (minority stake)", nx.en, ny.en),
                });
            }
        }
        if y.actual_controller.as_ref() == Some(&Party::Unit(x.uscc.clone())) {
            let (nx, ny) = (name(&x.uscc), name(&y.uscc));
            out.push(Relation {
                severity: FindingSeverity::High,
                zh: format!("{} 为 {} 的实际控制人", nx.zh, ny.zh),
                en: format!("{} is the actual controller of {}", nx.en, ny.en),
            });
        }
    }
    if let (Some(ca), Some(cb)) = (&a.actual_controller, &b.actual_controller) {
        if ca == cb {
            let who = common::show_party_key(data, &common::party_key(ca));
            out.push(Relation {
                severity: FindingSeverity::High,
                zh: format!("实际控制人同为 {}", who.zh),
                en: format!("the same actual controller {}", who.en),
            });
        }
    }
    for s in &a.shareholders {
        let sa = f64::from(s.share_bp.get()) / 10_000.0;
        let Some(sb) = share_of(b, &s.holder) else { continue };
        if sa >= control && sb >= control {
            // Already reported as the same actual controller?
            if a.actual_controller.as_ref() == Some(&s.holder) && b.actual_controller.as_ref() == Some(&s.holder) {
                continue;
            }
            let who = common::show_party_key(data, &common::party_key(&s.holder));
            out.push(Relation {
                severity: FindingSeverity::Medium,
                zh: format!("{} 同时控股双方（{} / {}）", who.zh, format::percent(sa), format::percent(sb)),
                en: format!("{} controls both ({} / {})", who.en, format::percent(sa), format::percent(sb)),
            });
        }
    }
    out
}

/// A related pair of bidders in a tender.
struct Hit<'a> {
    a: &'a Uscc,
    b: &'a Uscc,
    companies: [&'a VerifiedRecord; 2],
    relations: Vec<Relation>,
}

fn hits<'a>(data: &Dataset<'a>, t: &TenderView<'a>, control: f64) -> Vec<Hit<'a>> {
    let on = t.date();
    let bidders = t.bidders();
    let mut out = Vec::new();
    for (a, b) in common::pairs(&bidders) {
        let (Some((ra, ca)), Some((rb, cb))) = (common::company_on(data, a, on), common::company_on(data, b, on))
        else {
            continue;
        };
        let relations = relations(data, ca, cb, control);
        if !relations.is_empty() {
            out.push(Hit { a, b, companies: [ra, rb], relations });
        }
    }
    out
}

pub(super) fn links(data: &Dataset, tenders: &[TenderView]) -> Vec<Link> {
    let control = CheckSettings::defaults(&META).get("control_share");
    let mut out = Vec::new();
    for t in tenders {
        for h in hits(data, t, control) {
            out.push(Link {
                a: h.a.to_string(),
                b: h.b.to_string(),
                reason: Reason::Control,
                tenders: vec![t.tender_id.to_owned()],
                check: META.id,
            });
        }
    }
    out
}

impl Check for CommonControl {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let control = settings.get("control_share");
        for t in common::tenders(data) {
            for h in hits(data, &t, control) {
                let severity = h.relations.iter().map(|r| r.severity).max().unwrap_or(FindingSeverity::Medium);
                let firms = common::firms(data, &[h.a, h.b]);
                let label = t.label();
                let zh: Vec<&str> = h.relations.iter().map(|r| r.zh.as_str()).collect();
                let en: Vec<&str> = h.relations.iter().map(|r| r.en.as_str()).collect();
                let mut evidence = t.bid_evidence(&[h.a, h.b]);
                evidence.extend(h.companies.iter().map(|r| Evidence::of(r, "company")));
                common::report_tender(
                    out,
                    &t,
                    Some(severity),
                    format!(
                        "{} 中，{}同时投标，而二者存在关联：{}；《招标投标法实施条例》第三十四条规定单位负责人为同一人或者存在控股、管理关系的不同单位不得参加同一标段投标",
                        label.zh,
                        firms.zh,
                        zh.join("；")
                    ),
                    format!(
                        "in {}, {} both bid although they are related: {}; Art. 34 of the Regulations implementing the Bidding Law bars units with the same person in charge or in a control or management relation from bidding the same lot",
                        label.en,
                        firms.en,
                        en.join("; ")
                    ),
                    evidence,
                    json!({"tender_id": t.tender_id, "bidders": [h.a, h.b], "relations": en}),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    const T: &str = "QJ-JS-2021-017-01";

    fn tender_with_bids(f: &mut Fixture) {
        f.rec(Kind::Bid, bid(T, 1, 1_045_000_000))
            .rec(Kind::Bid, bid(T, 2, 1_071_000_000))
            .rec(Kind::Bid, bid(T, 3, 1_098_000_000));
    }

    #[test]
    fn fires_on_the_same_legal_representative() {
        let mut f = Fixture::new();
        tender_with_bids(&mut f);
        let c1 = company(1);
        let mut c3 = company(3);
        c3["legal_representative"] = c1["legal_representative"].clone();
        f.add(Kind::Company, None, c1).add(Kind::Company, None, company(2)).add(Kind::Company, None, c3);
        let out = f.run(&CommonControl);
        let x = single(&out);
        assert_eq!(x.severity, FindingSeverity::High);
        mentions(x, &["潜江市第1建设工程有限公司", "潜江市第3建设工程有限公司", "法定代表人同为 pid:0000000050000001"]);
        assert_eq!(x.evidence.iter().filter(|e| e.role == "company").count(), 2);
    }

    #[test]
    fn control_is_high_and_a_minority_stake_medium() {
        let mut f = Fixture::new();
        tender_with_bids(&mut f);
        let mut c2 = company(2);
        c2["shareholders"] = json!([{"holder": {"unit": firm(1)}, "share_bp": 5100}]);
        let mut c3 = company(3);
        c3["shareholders"] = json!([{"holder": {"unit": firm(1)}, "share_bp": 2000}]);
        f.add(Kind::Company, None, company(1)).add(Kind::Company, None, c2).add(Kind::Company, None, c3);
        let out = f.run(&CommonControl);
        let sev: Vec<FindingSeverity> = out.findings().iter().map(|x| x.severity).collect();
        assert_eq!(sev, vec![FindingSeverity::High, FindingSeverity::Medium], "{:#?}", out.findings());
        mentions(&out.findings()[0], &["51%", "control"]);
        mentions(&out.findings()[1], &["20%", "参股"]);
        // With control defined at 60%, the 51% stake is a minority stake.
        let out = f.run_with(&CommonControl, &[("control_share", 0.6)]);
        assert!(out.findings().iter().all(|x| x.severity == FindingSeverity::Medium));
    }

    #[test]
    fn quiet_for_unrelated_firms_or_a_related_firm_that_did_not_bid() {
        let mut f = Fixture::new();
        tender_with_bids(&mut f);
        let mut c9 = company(9);
        c9["legal_representative"] = company(1)["legal_representative"].clone();
        f.add(Kind::Company, None, company(1)).add(Kind::Company, None, company(2)).add(Kind::Company, None, c9);
        quiet(&f.run(&CommonControl));
    }
}
