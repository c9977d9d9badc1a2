//! SUP-03 复核主体不符: a rectification is confirmed or reopened (整改复核) in the log of a
//! department other than the one that raised the problem. Only the raiser closes its own problem.

use crate::checks::format::about;
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::rectification_review::{RectificationReview, ReviewDecision};
use crate::statement::log_department;
use serde_json::json;

pub struct ReviewedByOther;

static META: CheckMeta = CheckMeta {
    id: "SUP-03",
    family: Family::Supervision,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "整改复核主体与立案部门不符", en: "Rectification reviewed by someone other than the raiser" },
    rule: Bilingual {
        zh: "确认或退回整改的复核记录不是由提出该问题的部门的日志签发",
        en: "A review confirming or reopening a rectification is not signed in the log of the department that raised the problem",
    },
    source: "谁立案、谁复核 the raiser confirms its own problem (city joint-supervision practice)",
    params: &[],
    needs_completeness: false,
};

impl Check for ReviewedByOther {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, x) in data.all::<RectificationReview>() {
            let Some((p_r, p)) = data.problem(x.problem_id.as_str()) else { continue };
            let raiser = log_department(&p_r.record.log);
            let reviewer = log_department(&r.record.log);
            if raiser == reviewer {
                continue;
            }
            let project = r.record.project.as_deref().or(p_r.record.project.as_deref());
            out.report(
                project,
                about(
                    project,
                    format!(
                        "问题 {}（{}）{} 的复核（{}）由 {reviewer} 签发，而立案部门是 {raiser}",
                        p.problem_id,
                        p.description,
                        x.review_date,
                        match x.decision {
                            ReviewDecision::Confirmed => "确认整改到位",
                            ReviewDecision::Reopened => "重新整改",
                        }
                    ),
                    format!(
                        "problem {} ({}): the review of {} ({}) is signed by {reviewer}, but {raiser} raised it",
                        p.problem_id,
                        p.description,
                        x.review_date,
                        x.decision.as_str()
                    ),
                ),
                vec![Evidence::of(r, "review"), Evidence::of(p_r, "problem")],
                json!({
                    "problem_id": p.problem_id.as_str(),
                    "raised_by": raiser,
                    "reviewed_by": reviewer,
                    "decision": x.decision.as_str(),
                }),
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

    #[test]
    fn fires_when_another_department_reviews() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({}));
        b.add_in_log(Kind::RectificationReview, "sjj/main", json!({"decision": "confirmed", "new_due_date": null}));
        let m = fired(&b.run(&ReviewedByOther), 1);
        assert!(m[0].contains("signed by sjj") && m[0].contains("jw raised it"), "{}", m[0]);
    }

    #[test]
    fn quiet_when_the_raiser_reviews() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({}));
        b.add(Kind::RectificationReview, json!({}));
        quiet(&b.run(&ReviewedByOther));
    }
}
