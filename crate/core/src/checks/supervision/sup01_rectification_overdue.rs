//! SUP-01 逾期未整改: a problem found by supervision (问题) has no completed rectification (整改)
//! by its due date (the city's weekly dispatch and monthly report, 周调度、月通报).

use crate::checks::format::{about, end_of_day};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::problem::Problem;
use crate::kinds::rectification::RectificationStatus;
use crate::kinds::Kind;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct RectificationOverdue;

static META: CheckMeta = CheckMeta {
    id: "SUP-01",
    family: Family::Supervision,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "问题逾期未整改", en: "Problem not rectified by its due date" },
    rule: Bilingual {
        zh: "监督发现的问题在整改期限前没有整改到位的记录",
        en: "A problem found by supervision has no record of completed rectification by its due date",
    },
    source: "周调度、月通报 weekly dispatch and monthly report",
    params: &[],
    needs_completeness: true,
};

impl Check for RectificationOverdue {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        let Some(today) = data.as_of_date() else { return };
        // A restated problem (new due date) replaces the earlier record.
        let mut problems: BTreeMap<&str, (&VerifiedRecord, &Problem)> = BTreeMap::new();
        for (r, p) in data.all::<Problem>() {
            problems.insert(p.problem_id.as_str(), (r, p));
        }
        for (id, (r, p)) in problems {
            if today <= p.due_date {
                continue;
            }
            let rects: Vec<_> = data.rectifications(id).collect();
            let completed: Vec<_> = rects.iter().filter(|(_, x)| x.status == RectificationStatus::Completed).collect();
            if completed.iter().any(|(_, x)| x.rectification_date <= p.due_date) {
                continue;
            }
            let late = completed.first().copied().copied();
            let project = r.record.project.as_deref();
            // A completion the unit itself dates after the deadline is proof enough; otherwise the
            // finding rests on no completed rectification being in the logs (docs/decisions.md §10).
            if late.is_none() && !out.absence_proven(data, project, Kind::Rectification, end_of_day(p.due_date)) {
                continue;
            }
            let (zh, en, status) = match (late, rects.last()) {
                (Some((_, x)), _) => (
                    format!("至 {} 才整改到位", x.rectification_date),
                    format!("was rectified only on {}", x.rectification_date),
                    "rectified_late",
                ),
                (None, Some((_, x))) => (
                    format!("仅有 {} 的“整改中”记录", x.rectification_date),
                    format!("has only an in-progress report of {}", x.rectification_date),
                    "in_progress",
                ),
                (None, None) => ("没有整改记录".to_owned(), "has no rectification record".to_owned(), "none"),
            };
            let mut evidence = vec![Evidence::of(r, "problem")];
            evidence.extend(rects.iter().map(|(rr, _)| Evidence::of(rr, "rectification")));
            out.report(
                project,
                about(
                    project,
                    format!("问题 {id}（{}）整改期限 {}，责任单位 {}，{zh}", p.description, p.due_date, p.responsible),
                    format!(
                        "problem {id} ({}), due {} and assigned to {}, {en}",
                        p.description, p.due_date, p.responsible
                    ),
                ),
                evidence,
                json!({
                    "problem_id": id,
                    "due_date": p.due_date.to_string(),
                    "responsible": p.responsible.to_string(),
                    "rectified_date": late.map(|(_, x)| x.rectification_date.to_string()),
                    "status": status,
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
    fn fires_when_late_or_missing() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({"rectification_date": "2024-05-21"}));
        let m = fired(&b.run(&RectificationOverdue), 1);
        assert!(m[0].contains("JW-WT-2024-017") && m[0].contains("2024-05-21"), "{}", m[0]);

        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({"status": "in_progress", "rectification_date": "2024-05-01"}));
        let m = fired(&b.run(&RectificationOverdue), 1);
        assert!(m[0].contains("in-progress"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_the_due_date_or_before_it_falls() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({"rectification_date": "2024-05-20"}));
        quiet(&b.run(&RectificationOverdue));
        let mut b = TestBundle::new();
        b.complete_to("2024-05-01T00:00:00+08:00");
        b.add(Kind::Problem, json!({}));
        quiet(&b.run(&RectificationOverdue));
    }

    #[test]
    fn no_rectification_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        let m = fired(&b.run(&RectificationOverdue), 1);
        assert!(m[0].contains("no rectification record"), "{}", m[0]);
        b.incomplete();
        b.add(Kind::Audit, json!({"report_date": "2024-07-01"}));
        cannot(&b.run(&RectificationOverdue));
    }
}
