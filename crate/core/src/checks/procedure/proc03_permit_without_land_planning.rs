//! PROC-03 手续不全: a construction permit (施工许可证) was issued without the land-use planning permit
//! (建设用地规划许可证) or the construction planning permit (建设工程规划许可证) it rests on, or before
//! them (建筑法 第8条).

use crate::checks::format::about;
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::construction_permit::ConstructionPermit;
use crate::kinds::land_permit::LandPermit;
use crate::kinds::planning_permit::PlanningPermit;
use crate::kinds::{DocNo, Kind};
use crate::time::Date;
use crate::verify::VerifiedRecord;
use serde_json::json;

pub struct PermitWithoutLandPlanning;

static META: CheckMeta = CheckMeta {
    id: "PROC-03",
    family: Family::Procedure,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "施工许可手续不全", en: "Construction permit without land or planning permit" },
    rule: Bilingual {
        zh: "核发施工许可证时没有建设用地规划许可证或建设工程规划许可证，或其晚于施工许可证",
        en: "A construction permit was issued without the land-use planning permit or the construction planning permit, or before them",
    },
    source: "建筑法 第8条",
    params: &[],
    needs_completeness: true,
};

/// One prerequisite permit as found (or not) for a construction permit.
enum Found<'a> {
    Before,
    After(&'a VerifiedRecord, Date),
    Missing { cited: bool },
}

fn find<'a>(
    cited: Option<&DocNo>,
    by_no: impl Fn(&str) -> Vec<(&'a VerifiedRecord, Date)>,
    in_project: Vec<(&'a VerifiedRecord, Date)>,
    issued: Date,
) -> Found<'a> {
    let mut candidates = cited.map(|n| by_no(n.as_str())).unwrap_or_default();
    // A citation that matches no record, or none at all: any such permit of the project will do.
    if candidates.is_empty() {
        candidates = in_project;
    }
    crate::order::sort_by_key(&mut candidates, |(r, d)| (*d, r.record.time));
    match candidates.first() {
        Some(&(_, d)) if d <= issued => Found::Before,
        Some(&(r, d)) => Found::After(r, d),
        None => Found::Missing { cited: cited.is_some() },
    }
}

impl Check for PermitWithoutLandPlanning {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (r, p) in data.all::<ConstructionPermit>() {
            // An extension (延期) restates an existing permit; the original is what was checked.
            if p.extension_until.is_some() {
                continue;
            }
            let code = r.record.project.as_deref();
            let land = find(
                p.land_permit_no.as_ref(),
                |n| data.permits::<LandPermit>(n).map(|(r, l)| (r, l.issue_date)).collect(),
                code.map(|c| data.in_project::<LandPermit>(c).map(|(r, l)| (r, l.issue_date)).collect())
                    .unwrap_or_default(),
                p.issue_date,
            );
            let planning = find(
                p.planning_permit_no.as_ref(),
                |n| data.permits::<PlanningPermit>(n).map(|(r, l)| (r, l.issue_date)).collect(),
                code.map(|c| data.in_project::<PlanningPermit>(c).map(|(r, l)| (r, l.issue_date)).collect())
                    .unwrap_or_default(),
                p.issue_date,
            );
            let mut problems_zh = Vec::new();
            let mut problems_en = Vec::new();
            let mut evidence = vec![Evidence::of(r, "construction_permit")];
            let mut values = serde_json::Map::new();
            for (found, kind, zh, en, key) in [
                (land, Kind::LandPermit, "建设用地规划许可证", "land-use planning permit", "land_permit"),
                (
                    planning,
                    Kind::PlanningPermit,
                    "建设工程规划许可证",
                    "construction planning permit",
                    "planning_permit",
                ),
            ] {
                match found {
                    Found::Before => {}
                    Found::After(pr, d) => {
                        problems_zh.push(format!("{zh}于 {d} 才核发"));
                        problems_en.push(format!("the {en} was issued only on {d}"));
                        evidence.push(Evidence::of(pr, key));
                        values.insert(key.into(), json!({"status": "issued_after", "date": d.to_string()}));
                    }
                    // A permit that states none was presented is a finding on its face; a cited
                    // number that no record matches needs the permit logs to be complete.
                    Found::Missing { cited } => {
                        if cited && !out.absence_proven(data, code, kind, r.record.time) {
                            continue;
                        }
                        problems_zh.push(if cited {
                            format!("记录中没有所引{zh}")
                        } else {
                            format!("未提交{zh}")
                        });
                        problems_en.push(if cited {
                            format!("the cited {en} is not in the records")
                        } else {
                            format!("no {en} was presented")
                        });
                        values.insert(key.into(), json!({"status": if cited { "not_found" } else { "not_presented" }}));
                    }
                }
            }
            if problems_zh.is_empty() {
                continue;
            }
            values.insert("permit_date".into(), json!(p.issue_date.to_string()));
            out.report(
                code,
                about(
                    code,
                    format!("施工许可证 {}（{}）核发时手续不全：{}", p.permit_no, p.issue_date, problems_zh.join("；")),
                    format!(
                        "construction permit {} ({}) was issued without its prerequisites: {}",
                        p.permit_no,
                        p.issue_date,
                        problems_en.join("; ")
                    ),
                ),
                evidence,
                serde_json::Value::Object(values),
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
    fn fires_when_no_planning_permit_was_presented_and_land_came_later() {
        let mut b = TestBundle::new();
        b.add(Kind::LandPermit, json!({"issue_date": "2021-09-11"}));
        b.add(Kind::ConstructionPermit, json!({"planning_permit_no": null}));
        let m = fired(&b.run(&PermitWithoutLandPlanning), 1);
        assert!(
            m[0].contains("2021-09-11") && m[0].contains("no construction planning permit was presented"),
            "{}",
            m[0]
        );
    }

    #[test]
    fn quiet_with_both_permits_before() {
        let mut b = TestBundle::new();
        b.add(Kind::LandPermit, json!({}));
        b.add(Kind::PlanningPermit, json!({}));
        b.add(Kind::ConstructionPermit, json!({}));
        quiet(&b.run(&PermitWithoutLandPlanning));
    }

    #[test]
    fn a_cited_permit_not_in_the_records_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::PlanningPermit, json!({}));
        b.add(Kind::ConstructionPermit, json!({}));
        fired(&b.run(&PermitWithoutLandPlanning), 1);
        b.incomplete();
        cannot(&b.run(&PermitWithoutLandPlanning));
    }
}
