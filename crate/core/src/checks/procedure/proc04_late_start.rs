//! PROC-04 逾期开工: works started more than 3 months after the construction permit without an
//! extension (延期) covering the start (建筑法 第9条).

use crate::checks::format::{self as fmt, about_project, end_of_day};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::construction_permit::ConstructionPermit;
use crate::kinds::works_start::WorksStart;
use crate::kinds::Kind;
use serde_json::json;

pub struct LateStart;

static META: CheckMeta = CheckMeta {
    id: "PROC-04",
    family: Family::Procedure,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "逾期开工未延期", en: "Late start without an extension" },
    rule: Bilingual {
        zh: "领取施工许可证后超过 3 个月才开工，且没有覆盖开工日期的延期",
        en: "Works started more than 3 months after the construction permit without an extension covering the start",
    },
    source: "建筑法 第9条",
    params: &[Param {
        name: "months",
        default: 3.0,
        unit: "months",
        description: Bilingual { zh: "领证后应开工的期限", en: "months allowed between permit and start" },
    }],
    needs_completeness: true,
};

impl Check for LateStart {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let months = settings.get("months");
        for code in data.projects() {
            let permits: Vec<_> = data.in_project::<ConstructionPermit>(code).collect();
            let Some(&(p_r, p)) = permits
                .iter()
                .filter(|(_, p)| p.extension_until.is_none())
                .min_by_key(|(r, p)| (p.issue_date, r.record.time))
            else {
                continue;
            };
            // Starts before the permit are PROC-02's.
            let Some((s_r, s)) = data
                .in_project::<WorksStart>(code)
                .filter(|(_, s)| s.start_date >= p.issue_date)
                .min_by_key(|(r, s)| (s.start_date, r.record.time))
            else {
                continue;
            };
            let deadline = p.issue_date.add_months(fmt::whole(months) as i32);
            if s.start_date <= deadline {
                continue;
            }
            let extension =
                permits.iter().filter_map(|(r, x)| x.extension_until.map(|u| (r, u))).max_by_key(|(_, u)| *u);
            let (zh, en) = match extension {
                Some((_, until)) if until >= s.start_date => continue,
                Some((_, until)) => (format!("延期仅至 {until}"), format!("the extension ran only to {until}")),
                None => {
                    if !out.absence_proven(data, Some(code), Kind::ConstructionPermit, end_of_day(deadline)) {
                        continue;
                    }
                    ("且没有延期".to_owned(), "with no extension".to_owned())
                }
            };
            let m = fmt::months(months);
            let mut evidence = vec![Evidence::of(p_r, "construction_permit"), Evidence::of(s_r, "works_start")];
            evidence.extend(extension.map(|(r, _)| Evidence::of(r, "extension")));
            out.report(
                Some(code),
                about_project(
                    code,
                    format!(
                        "施工许可证 {} 于 {} 核发，{} 才开工，超过 {}（应于 {deadline} 前开工），{zh}",
                        p.permit_no, p.issue_date, s.start_date, m.zh
                    ),
                    format!(
                        "construction permit {} was issued on {} but works started only on {}, more than {} later (due by {deadline}), {en}",
                        p.permit_no, p.issue_date, s.start_date, m.en
                    ),
                ),
                evidence,
                json!({
                    "permit_date": p.issue_date.to_string(),
                    "start_date": s.start_date.to_string(),
                    "deadline": deadline.to_string(),
                    "extension_until": extension.map(|(_, u)| u.to_string()),
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    #[test]
    fn fires_after_three_months_without_extension() {
        let mut b = TestBundle::new();
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-06-19"}));
        b.add(Kind::WorksStart, json!({}));
        let m = fired(&b.run(&LateStart), 1);
        assert!(m[0].contains("due by 2021-09-19") && m[0].contains("no extension"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_the_last_day_or_with_an_extension() {
        let mut b = TestBundle::new();
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-06-20"}));
        b.add(Kind::WorksStart, json!({}));
        quiet(&b.run(&LateStart));
        let mut b = TestBundle::new();
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-05-01"}));
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-05-01", "extension_until": "2021-11-01"}));
        b.add(Kind::WorksStart, json!({}));
        quiet(&b.run(&LateStart));
    }

    #[test]
    fn without_an_extension_record_it_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-05-01"}));
        b.add(Kind::WorksStart, json!({}));
        b.incomplete();
        cannot(&b.run(&LateStart));
    }
}
