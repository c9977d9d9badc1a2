//! SITE-01 带病验收: completion was accepted while a failed quality or safety inspection (质量/安全
//! 监督) had no later passing inspection of the same kind (建设工程质量管理条例 第16条, 第49条).

use crate::checks::format::about;
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::completion_acceptance::{AcceptanceResult, CompletionAcceptance};
use crate::kinds::inspection::{Inspection, InspectionResult, InspectionType};
use crate::kinds::Kind;
use crate::verify::VerifiedRecord;
use serde_json::json;

pub struct AcceptanceWithFailedInspection;

static META: CheckMeta = CheckMeta {
    id: "SITE-01",
    family: Family::Site,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "监督检查不合格仍竣工验收", en: "Accepted despite a failed inspection" },
    rule: Bilingual {
        zh: "竣工验收合格时，此前不合格或停工整改的质量、安全监督检查没有后续的合格复查",
        en: "Completion was accepted while a failed quality or safety inspection had no later passing inspection of the same kind",
    },
    source: "建设工程质量管理条例 第16条, 第49条",
    params: &[],
    needs_completeness: true,
};

pub(crate) fn type_label(t: InspectionType) -> (&'static str, &'static str) {
    match t {
        InspectionType::Quality => ("质量", "quality"),
        InspectionType::Safety => ("安全", "safety"),
    }
}

/// Whether `later` comes after `earlier` (by date, then by log time on the same day).
pub(crate) fn after(later: (&VerifiedRecord, &Inspection), earlier: (&VerifiedRecord, &Inspection)) -> bool {
    (later.1.inspection_date, later.0.record.time.unix) > (earlier.1.inspection_date, earlier.0.record.time.unix)
}

impl Check for AcceptanceWithFailedInspection {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for code in data.projects() {
            let Some((a_r, a)) = data
                .in_project::<CompletionAcceptance>(code)
                .filter(|(_, a)| a.result == AcceptanceResult::Pass)
                .min_by_key(|(r, a)| (a.acceptance_date, r.record.time))
            else {
                continue;
            };
            let inspections: Vec<_> = data.in_project::<Inspection>(code).collect();
            let mut open = Vec::new();
            let mut needs_absence = false;
            for &failed in inspections
                .iter()
                .filter(|(_, i)| i.result != InspectionResult::Pass && i.inspection_date <= a.acceptance_date)
            {
                let passes: Vec<_> = inspections
                    .iter()
                    .filter(|&&p| {
                        p.1.result == InspectionResult::Pass
                            && p.1.inspection_type == failed.1.inspection_type
                            && after(p, failed)
                    })
                    .collect();
                if passes.iter().any(|(_, p)| p.inspection_date <= a.acceptance_date) {
                    continue;
                }
                // A pass after the acceptance is itself proof that the acceptance came too early.
                needs_absence |= passes.is_empty();
                open.push((failed, passes.first().map(|(_, p)| p.inspection_date)));
            }
            if open.is_empty()
                || (needs_absence && !out.absence_proven(data, Some(code), Kind::Inspection, a_r.record.time))
            {
                continue;
            }
            let zh: Vec<String> = open
                .iter()
                .map(|((_, i), pass)| {
                    let (t, _) = type_label(i.inspection_type);
                    let n = i.notice_no.as_ref().map(|n| format!("（{n}）")).unwrap_or_default();
                    match pass {
                        Some(d) => format!("{} {t}监督检查不合格{n}，{d} 才复查合格", i.inspection_date),
                        None => format!("{} {t}监督检查不合格{n}，此后没有合格复查", i.inspection_date),
                    }
                })
                .collect();
            let en: Vec<String> = open
                .iter()
                .map(|((_, i), pass)| {
                    let (_, t) = type_label(i.inspection_type);
                    let n = i.notice_no.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
                    match pass {
                        Some(d) => {
                            format!("the {t} inspection of {} failed{n} and passed only on {d}", i.inspection_date)
                        }
                        None => format!(
                            "the {t} inspection of {} failed{n} with no passing inspection since",
                            i.inspection_date
                        ),
                    }
                })
                .collect();
            let mut evidence = vec![Evidence::of(a_r, "completion_acceptance")];
            evidence.extend(open.iter().map(|((r, _), _)| Evidence::of(r, "failed_inspection")));
            let code = Some(code);
            out.report(
                code,
                about(
                    code,
                    format!("{} 竣工验收合格，但{}", a.acceptance_date, zh.join("；")),
                    format!("completion was accepted on {}, but {}", a.acceptance_date, en.join("; ")),
                ),
                evidence,
                json!({
                    "acceptance_date": a.acceptance_date.to_string(),
                    "open_failures": open.iter().map(|((_, i), pass)| json!({
                        "date": i.inspection_date.to_string(),
                        "type": i.inspection_type.as_str(),
                        "result": i.result.as_str(),
                        "passed_on": pass.map(|d| d.to_string()),
                    })).collect::<Vec<_>>(),
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

    fn failed(b: &mut TestBundle) {
        b.add(Kind::Inspection, json!({"inspection_date": "2022-08-01", "result": "fail", "notice_no": "ZG-2022-18", "rectify_by": "2022-08-20"}));
        b.add(Kind::CompletionAcceptance, json!({}));
    }

    #[test]
    fn fires_without_a_later_pass() {
        let mut b = TestBundle::new();
        failed(&mut b);
        b.add(Kind::Inspection, json!({"inspection_date": "2022-08-10", "inspection_type": "safety"}));
        let m = fired(&b.run(&AcceptanceWithFailedInspection), 1);
        assert!(m[0].contains("2022-08-01") && m[0].contains("ZG-2022-18") && m[0].contains("no passing"), "{}", m[0]);
        let mut b = TestBundle::new();
        failed(&mut b);
        b.add(Kind::Inspection, json!({"inspection_date": "2022-10-01"}));
        b.incomplete();
        let m = fired(&b.run(&AcceptanceWithFailedInspection), 1);
        assert!(m[0].contains("passed only on 2022-10-01"), "{}", m[0]);
    }

    #[test]
    fn quiet_with_a_pass_before_acceptance() {
        let mut b = TestBundle::new();
        failed(&mut b);
        b.add(Kind::Inspection, json!({"inspection_date": "2022-09-15"}));
        quiet(&b.run(&AcceptanceWithFailedInspection));
    }

    #[test]
    fn no_pass_at_all_needs_complete_logs() {
        let mut b = TestBundle::new();
        failed(&mut b);
        b.incomplete();
        cannot(&b.run(&AcceptanceWithFailedInspection));
    }
}
