//! SITE-02 停工令后继续施工: works progressed after an inspection ordered a stop (停工整改) and
//! before a passing inspection allowed them to resume (安全监督 practice; 建设工程安全生产管理条例 第55条).

use super::site01_acceptance_with_failed_inspection::{after, type_label};
use crate::checks::format::{self as fmt, about};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::inspection::{Inspection, InspectionResult};
use crate::kinds::progress::Progress;
use crate::kinds::Kind;
use serde_json::json;

pub struct WorksAfterStopOrder;

static META: CheckMeta = CheckMeta {
    id: "SITE-02",
    family: Family::Site,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "停工整改期间继续施工", en: "Works continued after a stop order" },
    rule: Bilingual {
        zh: "监督检查责令停工整改后、复查合格前，完成的工程量仍在增加",
        en: "The value of work completed kept rising after an inspection ordered a stop and before a passing inspection allowed work to resume",
    },
    source: "建设工程安全生产管理条例 第55条; 安全监督实务",
    params: &[],
    needs_completeness: true,
};

impl Check for WorksAfterStopOrder {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for code in data.projects() {
            let inspections: Vec<_> = data.in_project::<Inspection>(code).collect();
            let progress: Vec<_> = data.in_project::<Progress>(code).collect();
            for &stop in inspections.iter().filter(|(_, i)| i.result == InspectionResult::StopOrder) {
                let s = stop.1;
                let resumed = inspections
                    .iter()
                    .filter(|&&p| {
                        p.1.result == InspectionResult::Pass
                            && p.1.inspection_type == s.inspection_type
                            && after(p, stop)
                    })
                    .min_by_key(|(r, p)| (p.inspection_date, r.record.time))
                    .copied();
                // The value completed when the stop was ordered, then the first report above it.
                let at_stop = progress
                    .iter()
                    .filter(|(_, p)| p.report_date <= s.inspection_date)
                    .map(|(_, p)| p.completed_value_fen)
                    .max()
                    .unwrap_or_default();
                let Some(&(p_r, p)) = progress.iter().find(|(_, p)| {
                    p.report_date > s.inspection_date
                        && resumed.is_none_or(|(_, r)| p.report_date < r.inspection_date)
                        && p.completed_value_fen > at_stop
                }) else {
                    continue;
                };
                if resumed.is_none() && !out.absence_proven(data, Some(code), Kind::Inspection, p_r.record.time) {
                    continue;
                }
                let (tz, te) = type_label(s.inspection_type);
                let n = s.notice_no.as_ref().map(|n| n.as_str().to_owned());
                let (rz, re) = match resumed {
                    Some((_, r)) => (
                        format!("{} 复查合格前", r.inspection_date),
                        format!("before the passing inspection of {}", r.inspection_date),
                    ),
                    None => ("此后未见复查合格".to_owned(), "with no passing inspection since".to_owned()),
                };
                let grew = i128::from(p.completed_value_fen.get()) - i128::from(at_stop.get());
                let mut evidence = vec![Evidence::of(stop.0, "stop_order"), Evidence::of(p_r, "progress")];
                evidence.extend(resumed.map(|(r, _)| Evidence::of(r, "resumption")));
                let code = Some(code);
                out.report(
                    code,
                    about(
                        code,
                        format!(
                            "{} {tz}监督检查责令停工整改{}，{rz}，{} 进度报告累计完成工程价值由 {} 增至 {}（{}）",
                            s.inspection_date,
                            n.as_ref().map(|n| format!("（{n}）")).unwrap_or_default(),
                            p.report_date,
                            fmt::money(at_stop),
                            fmt::money(p.completed_value_fen),
                            fmt::delta(grew)
                        ),
                        format!(
                            "a {te} inspection ordered a stop on {}{}, yet the progress report of {} shows completed value rising from {} to {} ({}) {re}",
                            s.inspection_date,
                            n.as_ref().map(|n| format!(" ({n})")).unwrap_or_default(),
                            p.report_date,
                            fmt::money(at_stop),
                            fmt::money(p.completed_value_fen),
                            fmt::delta(grew)
                        ),
                    ),
                    evidence,
                    json!({
                        "stop_date": s.inspection_date.to_string(),
                        "resumed_date": resumed.map(|(_, r)| r.inspection_date.to_string()),
                        "progress_date": p.report_date.to_string(),
                        "value_at_stop_fen": at_stop.get(),
                        "value_after_fen": p.completed_value_fen.get(),
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use serde_json::json;

    fn stopped(b: &mut TestBundle) {
        b.add(Kind::Progress, json!({"report_date": "2022-01-31", "completed_value_fen": 380_000_000}));
        b.add(Kind::Inspection, json!({"inspection_type": "safety", "inspection_date": "2022-02-10", "result": "stop_order", "notice_no": "TG-2022-03"}));
    }

    #[test]
    fn fires_on_progress_before_resumption() {
        let mut b = TestBundle::new();
        stopped(&mut b);
        b.add(Kind::Progress, json!({"report_date": "2022-02-28", "completed_value_fen": 450_000_000}));
        b.add(Kind::Inspection, json!({"inspection_type": "safety", "inspection_date": "2022-03-15"}));
        let m = fired(&b.run(&WorksAfterStopOrder), 1);
        assert!(
            m[0].contains("TG-2022-03") && m[0].contains("+¥700,000.00") && m[0].contains("2022-03-15"),
            "{}",
            m[0]
        );
    }

    #[test]
    fn quiet_when_progress_resumes_after_the_pass_or_stays_flat() {
        let mut b = TestBundle::new();
        stopped(&mut b);
        b.add(Kind::Progress, json!({"report_date": "2022-02-28", "completed_value_fen": 380_000_000}));
        b.add(Kind::Inspection, json!({"inspection_type": "safety", "inspection_date": "2022-03-15"}));
        b.add(Kind::Progress, json!({"report_date": "2022-03-31", "completed_value_fen": 500_000_000}));
        quiet(&b.run(&WorksAfterStopOrder));
    }

    #[test]
    fn without_any_resumption_it_needs_complete_logs() {
        let mut b = TestBundle::new();
        stopped(&mut b);
        b.add(Kind::Progress, json!({"report_date": "2022-02-28", "completed_value_fen": 450_000_000}));
        fired(&b.run(&WorksAfterStopOrder), 1);
        b.incomplete();
        cannot(&b.run(&WorksAfterStopOrder));
    }
}
