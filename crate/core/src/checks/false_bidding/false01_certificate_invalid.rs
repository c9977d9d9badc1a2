//! FALSE-01 证书无效: a qualification or registration certificate (资质证书/注册证书) a bid relies on
//! is not valid on the bid date, is held by another firm, or is not in the registry at all
//! (招标投标法 第33条; 招标投标法实施条例 第42条).

use crate::checks::format::{about, firm};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;
use crate::kinds::qualification::{CertType, Qualification};
use crate::kinds::{Kind, Party};
use crate::report::Message;
use crate::verify::VerifiedRecord;
use serde_json::json;

pub struct CertificateInvalid;

static META: CheckMeta = CheckMeta {
    id: "FALSE-01",
    family: Family::FalseBidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "投标证书无效", en: "Certificate invalid on the bid date" },
    rule: Bilingual {
        zh: "投标引用的资质证书或注册证书在投标日不在有效期内、已撤销、属于其他单位，或在资质记录中不存在；拟派项目经理的注册建造师证书在投标日无效",
        en: "A qualification or registration certificate invoked by a bid is not valid on the bid date, revoked, held by another firm, or absent from the registry; or the proposed project manager's registration is not valid on the bid date",
    },
    source: "招标投标法 第33条; 招标投标法实施条例 第42条",
    params: &[],
    needs_completeness: true,
};

fn validity(q: &Qualification) -> Message {
    match q.revoked_date {
        Some(r) => Message::new(
            format!("有效期 {} 至 {}，{} 已撤销", q.valid_from, q.valid_to, r),
            format!("valid {} to {}, revoked on {}", q.valid_from, q.valid_to, r),
        ),
        None => Message::new(
            format!("有效期 {} 至 {}", q.valid_from, q.valid_to),
            format!("valid {} to {}", q.valid_from, q.valid_to),
        ),
    }
}

impl Check for CertificateInvalid {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, b) in data.all::<Bid>() {
            let date = b.submitted_at.local_date();
            let project = r.record.project.as_deref();
            let who = firm(data, &b.bidder);
            let ours = |u: &crate::kinds::Uscc| u == &b.bidder || b.consortium.contains(u);
            for no in &b.qualifications {
                let certs: Vec<(&VerifiedRecord, &Qualification)> = data.certificates(no.as_str()).collect();
                let (zh, en, problem, evidence) = if certs.is_empty() {
                    if !out.absence_proven(data, project, Kind::Qualification, r.record.time) {
                        continue;
                    }
                    (
                        "资质记录中没有该证书".to_owned(),
                        "no such certificate is in the registry".to_owned(),
                        "not_found",
                        vec![Evidence::of(r, "bid")],
                    )
                } else if let Some(&(qr, q)) = certs.iter().rev().find(|(_, q)| q.is_valid_on(date)) {
                    // Valid: it must also belong to the bidder (for a unit) or be registered with it (a person).
                    let foreign = match &q.holder {
                        Party::Unit(u) => (!ours(u)).then(|| u.clone()),
                        Party::Person(_) => q.employer.as_ref().filter(|e| !ours(e)).cloned(),
                    };
                    let Some(other) = foreign else { continue };
                    let o = firm(data, &other);
                    (
                        format!("该证书属于或注册于其他单位 {}", o.zh),
                        format!("the certificate is held by or registered with another firm, {}", o.en),
                        "other_holder",
                        vec![Evidence::of(r, "bid"), Evidence::of(qr, "qualification")],
                    )
                } else {
                    let Some(&(qr, q)) = certs.last() else { continue };
                    let v = validity(q);
                    (
                        format!("该证书在投标日无效（{}）", v.zh),
                        format!("the certificate was not valid on the bid date ({})", v.en),
                        "not_valid",
                        vec![Evidence::of(r, "bid"), Evidence::of(qr, "qualification")],
                    )
                };
                let f = out.report(
                    project,
                    about(
                        project,
                        format!("标段 {} 中 {} 于 {date} 投标引用的证书 {no}：{zh}", b.tender_id, who.zh),
                        format!("in tender {}, the bid of {} on {date} invokes certificate {no}: {en}", b.tender_id, who.en),
                    ),
                    evidence,
                    json!({"bidder": b.bidder.as_str(), "certificate_no": no.as_str(), "bid_date": date.to_string(), "problem": problem}),
                );
                f.tender = Some(b.tender_id.as_str().to_owned());
            }
            // The proposed project manager's registration (注册建造师), when the registry has it.
            let regs: Vec<_> = data
                .qualifications_of(b.project_manager.as_str())
                .filter(|(_, q)| q.cert_type == CertType::RegisteredConstructor)
                .collect();
            // A registration the bid also lists among its certificates was judged above.
            let listed = regs.iter().any(|(_, q)| b.qualifications.contains(&q.certificate_no));
            if listed || regs.is_empty() || regs.iter().any(|(_, q)| q.is_valid_on(date)) {
                continue;
            }
            let Some(&(qr, q)) = regs.last() else { continue };
            let v = validity(q);
            let f = out.report(
                project,
                about(
                    project,
                    format!(
                        "标段 {} 中 {} 拟派项目经理 {} 的注册建造师证书 {} 在投标日 {date} 无效（{}）",
                        b.tender_id, who.zh, b.project_manager, q.certificate_no, v.zh
                    ),
                    format!(
                        "in tender {}, the registration {} of {}'s proposed project manager {} was not valid on the bid date {date} ({})",
                        b.tender_id, q.certificate_no, who.en, b.project_manager, v.en
                    ),
                ),
                vec![Evidence::of(r, "bid"), Evidence::of(qr, "qualification")],
                json!({"bidder": b.bidder.as_str(), "certificate_no": q.certificate_no.as_str(), "person": b.project_manager.as_str(), "bid_date": date.to_string(), "problem": "manager_not_registered"}),
            );
            f.tender = Some(b.tender_id.as_str().to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    #[test]
    fn fires_on_an_expired_certificate() {
        let mut b = TestBundle::new();
        b.add_in(Kind::Qualification, None, None, json!({"valid_to": "2021-08-08"}));
        b.add(Kind::Bid, json!({}));
        let m = fired(&b.run(&CertificateInvalid), 1);
        assert!(m[0].contains("D242123456") && m[0].contains("2021-08-08") && m[0].contains("2021-08-09"), "{}", m[0]);
    }

    #[test]
    fn fires_on_a_certificate_of_another_firm_and_on_an_invalid_manager_registration() {
        let mut b = TestBundle::new();
        b.add_in(Kind::Qualification, None, None, json!({"holder": {"unit": BIDDER_B}}));
        b.add_in(
            Kind::Qualification,
            None,
            None,
            json!({"holder": {"person": PM}, "certificate_no": "鄂1422019202000123", "cert_type": "registered_constructor",
                   "valid_from": "2019-01-01", "valid_to": "2024-01-01", "revoked_date": "2021-01-01"}),
        );
        b.add(Kind::Bid, json!({}));
        let m = fired(&b.run(&CertificateInvalid), 2);
        assert!(m[0].contains(BIDDER_B), "{}", m[0]);
        assert!(m[1].contains("revoked on 2021-01-01"), "{}", m[1]);
    }

    #[test]
    fn a_manager_registration_also_listed_by_the_bid_is_reported_once() {
        let mut b = TestBundle::new();
        b.add_in(
            Kind::Qualification,
            None,
            None,
            json!({"holder": {"person": PM}, "certificate_no": PM, "cert_type": "registered_constructor",
                   "valid_from": "2019-01-01", "valid_to": "2021-01-01"}),
        );
        b.add(Kind::Bid, json!({"qualifications": [PM]}));
        fired(&b.run(&CertificateInvalid), 1);
    }

    #[test]
    fn quiet_on_the_last_valid_day() {
        let mut b = TestBundle::new();
        b.add_in(Kind::Qualification, None, None, json!({"valid_to": "2021-08-09"}));
        b.add(Kind::Bid, json!({}));
        quiet(&b.run(&CertificateInvalid));
    }

    #[test]
    fn a_missing_certificate_needs_complete_registry_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::Bid, json!({}));
        let m = fired(&b.run(&CertificateInvalid), 1);
        assert!(m[0].contains("no such certificate"), "{}", m[0]);
        b.incomplete();
        cannot(&b.run(&CertificateInvalid));
    }
}
