//! CONTRACT-01 合同签订时限: the contract was signed more than 30 days after the award notice
//! (中标通知书), or before it (招标投标法 第46条).

use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::award::Award;
use crate::kinds::contract::Contract;
use serde_json::json;

pub struct SigningDeadline;

static META: CheckMeta = CheckMeta {
    id: "CONTRACT-01",
    family: Family::Contract,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "合同签订超期或早于中标通知", en: "Contract signed late or before the award" },
    rule: Bilingual {
        zh: "合同在中标通知书发出之日起 30 日后签订，或早于中标通知书签订",
        en: "The contract was signed more than 30 days after the award notice, or before it",
    },
    source: "招标投标法 第46条",
    params: &[Param {
        name: "days",
        default: 30.0,
        unit: "days",
        description: Bilingual {
            zh: "中标通知后签订合同的期限", en: "days allowed between award notice and signing"
        },
    }],
    needs_completeness: false,
};

impl Check for SigningDeadline {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let limit = fmt::whole(settings.get("days"));
        for (c_r, c) in data.all::<Contract>() {
            let Some(tender) = &c.tender_id else { continue };
            let awards: Vec<_> = data.for_tender::<Award>(tender.as_str()).collect();
            let Some(&(a_r, a)) = awards.iter().rev().find(|(_, a)| a.winner == c.contractor).or(awards.last()) else {
                continue;
            };
            let days = fmt::days_between(a.notice_date, c.signing_date);
            let (zh, en) = if days < 0 {
                let d = fmt::days(-days);
                (
                    format!("早于中标通知书（{}）{}", a.notice_date, d.zh),
                    format!("{} before the award notice ({})", d.en, a.notice_date),
                )
            } else if days > limit {
                let d = fmt::days(days);
                let l = fmt::days(limit);
                (
                    format!("在中标通知书（{}）发出 {}后，超过 {}的期限", a.notice_date, d.zh, l.zh),
                    format!("{} after the award notice ({}), beyond the {} allowed", d.en, a.notice_date, l.en),
                )
            } else {
                continue;
            };
            let project = c_r.record.project.as_deref();
            let f = out.report(
                project,
                about(
                    project,
                    format!("合同 {} 于 {} 签订，{zh}", c.contract_no, c.signing_date),
                    format!("contract {} was signed on {}, {en}", c.contract_no, c.signing_date),
                ),
                vec![Evidence::of(c_r, "contract"), Evidence::of(a_r, "award")],
                json!({
                    "signing_date": c.signing_date.to_string(),
                    "notice_date": a.notice_date.to_string(),
                    "days": days,
                    "limit_days": limit,
                }),
            );
            f.tender = Some(tender.as_str().to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::kinds::Kind;
    use serde_json::json;

    #[test]
    fn fires_after_31_days_and_before_the_award() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({"notice_date": "2021-08-01"}));
        b.add(Kind::Contract, json!({"signing_date": "2021-09-01"}));
        let m = fired(&b.run(&SigningDeadline), 1);
        assert!(m[0].contains("31 days after"), "{}", m[0]);

        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({"notice_date": "2021-09-02"}));
        b.add(Kind::Contract, json!({"signing_date": "2021-09-01"}));
        let m = fired(&b.run(&SigningDeadline), 1);
        assert!(m[0].contains("1 day before"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_day_30() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({"notice_date": "2021-08-02"}));
        b.add(Kind::Contract, json!({"signing_date": "2021-09-01"}));
        quiet(&b.run(&SigningDeadline));
    }
}
