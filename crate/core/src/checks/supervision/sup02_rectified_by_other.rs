//! SUP-02 整改主体不符: a rectification is reported by a unit other than the one responsible for
//! the problem, or signed in another department's log.

use crate::checks::format::about;
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::rectification::Rectification;
use crate::kinds::Actor;
use crate::statement::log_department;
use serde_json::json;

pub struct RectifiedByOther;

static META: CheckMeta = CheckMeta {
    id: "SUP-02",
    family: Family::Supervision,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "整改主体与责任单位不符", en: "Rectified by someone other than the responsible unit" },
    rule: Bilingual {
        zh: "整改记录的整改单位不是问题的整改责任单位，或由其他部门的日志签发",
        en: "A rectification names a unit other than the one responsible for the problem, or is signed in another department's log",
    },
    source: "整改责任制 rectification responsibility",
    params: &[],
    needs_completeness: false,
};

impl Check for RectifiedByOther {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, x) in data.all::<Rectification>() {
            let Some((p_r, p)) = data.problem(x.problem_id.as_str()) else { continue };
            let signer = log_department(&r.record.log);
            let (zh, en, problem) = if x.rectified_by != p.responsible {
                (
                    format!("整改记录的整改单位为 {}，而整改责任单位是 {}", x.rectified_by, p.responsible),
                    format!("the rectification names {} but {} is responsible", x.rectified_by, p.responsible),
                    "other_unit",
                )
            } else if let Actor::Dept(d) = &p.responsible {
                if d.as_str() == signer {
                    continue;
                }
                (
                    format!("整改记录由 {signer} 的日志签发，而整改责任部门是 {d}"),
                    format!("the rectification is signed in the log of {signer}, but {d} is responsible"),
                    "other_signer",
                )
            } else {
                continue;
            };
            let project = r.record.project.as_deref().or(p_r.record.project.as_deref());
            out.report(
                project,
                about(
                    project,
                    format!("问题 {}（{}）{} 的整改：{zh}", p.problem_id, p.description, x.rectification_date),
                    format!(
                        "problem {} ({}), rectification of {}: {en}",
                        p.problem_id, p.description, x.rectification_date
                    ),
                ),
                vec![Evidence::of(r, "rectification"), Evidence::of(p_r, "problem")],
                json!({
                    "problem_id": p.problem_id.as_str(),
                    "responsible": p.responsible.to_string(),
                    "rectified_by": x.rectified_by.to_string(),
                    "signed_by": signer,
                    "problem": problem,
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
    fn fires_when_another_unit_rectifies() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({"rectified_by": {"unit": BIDDER_A}}));
        let m = fired(&b.run(&RectifiedByOther), 1);
        assert!(m[0].contains(BIDDER_A) && m[0].contains(OWNER), "{}", m[0]);
    }

    #[test]
    fn fires_when_another_department_signs_for_a_responsible_department() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({"responsible": {"dept": "zjj"}}));
        b.add(Kind::Rectification, json!({"rectified_by": {"dept": "zjj"}}));
        let m = fired(&b.run(&RectifiedByOther), 1);
        assert!(m[0].contains("signed in the log of owner"), "{}", m[0]);
    }

    #[test]
    fn quiet_for_the_responsible_unit() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({}));
        quiet(&b.run(&RectifiedByOther));
    }
}
