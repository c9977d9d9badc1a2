//! SUP-04 未整改先确认: a rectification is confirmed (确认整改到位) although no completed
//! rectification of the problem was logged before the confirmation.

use crate::checks::format::about;
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::rectification::RectificationStatus;
use crate::kinds::rectification_review::{RectificationReview, ReviewDecision};
use serde_json::json;

pub struct ConfirmedWithoutRectification;

static META: CheckMeta = CheckMeta {
    id: "SUP-04",
    family: Family::Supervision,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "未见整改即确认整改到位", en: "Confirmed before any completed rectification" },
    rule: Bilingual {
        zh: "问题被确认整改到位，但确认之前没有已整改到位的整改记录",
        en: "A problem is confirmed as rectified, but no completed rectification was logged before the confirmation",
    },
    source: "整改销号 closing a problem needs its rectification (city joint-supervision practice)",
    params: &[],
    needs_completeness: false,
};

impl Check for ConfirmedWithoutRectification {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, x) in data.all::<RectificationReview>() {
            if x.decision != ReviewDecision::Confirmed {
                continue;
            }
            let Some((p_r, p)) = data.problem(x.problem_id.as_str()) else { continue };
            // Before in the logs' own time: a rectification signed after the confirmation cannot
            // have been what was confirmed, whatever date it gives itself.
            let before = data
                .rectifications(x.problem_id.as_str())
                .any(|(rr, rx)| rx.status == RectificationStatus::Completed && rr.record.time <= r.record.time);
            if before {
                continue;
            }
            let project = r.record.project.as_deref().or(p_r.record.project.as_deref());
            out.report(
                project,
                about(
                    project,
                    format!("问题 {}（{}）于 {} 被确认整改到位，此前没有已整改到位的整改记录", p.problem_id, p.description, x.review_date),
                    format!(
                        "problem {} ({}) was confirmed as rectified on {} with no completed rectification logged before",
                        p.problem_id, p.description, x.review_date
                    ),
                ),
                vec![Evidence::of(r, "review"), Evidence::of(p_r, "problem")],
                json!({ "problem_id": p.problem_id.as_str(), "review_date": x.review_date.to_string() }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::kinds::Kind;
    use serde_json::json;

    fn confirmed() -> serde_json::Value {
        json!({"decision": "confirmed", "new_due_date": null, "review_date": "2024-05-12"})
    }

    #[test]
    fn fires_without_a_rectification_or_with_one_only_in_progress() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::RectificationReview, confirmed());
        let m = fired(&b.run(&ConfirmedWithoutRectification), 1);
        assert!(m[0].contains("2024-05-12"), "{}", m[0]);

        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({"status": "in_progress"}));
        b.add(Kind::RectificationReview, confirmed());
        fired(&b.run(&ConfirmedWithoutRectification), 1);
    }

    #[test]
    fn fires_when_the_rectification_is_logged_after_the_confirmation() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::RectificationReview, confirmed());
        b.add_in(
            Kind::Rectification,
            None,
            Some("2024-05-30T10:00:00+08:00"),
            json!({"rectification_date": "2024-05-10"}),
        );
        fired(&b.run(&ConfirmedWithoutRectification), 1);
    }

    #[test]
    fn quiet_after_a_completed_rectification_and_for_a_reopening() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({}));
        b.add(Kind::RectificationReview, confirmed());
        quiet(&b.run(&ConfirmedWithoutRectification));
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::RectificationReview, json!({}));
        quiet(&b.run(&ConfirmedWithoutRectification));
    }
}
