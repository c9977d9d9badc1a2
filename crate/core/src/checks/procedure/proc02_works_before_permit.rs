//! PROC-02 无证施工: construction started before the construction permit (施工许可证) was issued, or
//! without one (建筑法 第7条). Works below the permit threshold (30万元) are exempt.

use crate::checks::format::{self as fmt, about_project};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::construction_permit::ConstructionPermit;
use crate::kinds::contract::Contract;
use crate::kinds::works_start::WorksStart;
use crate::kinds::Kind;
use serde_json::json;

pub struct WorksBeforePermit;

static META: CheckMeta = CheckMeta {
    id: "PROC-02",
    family: Family::Procedure,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "未取得施工许可先开工", en: "Works started before the construction permit" },
    rule: Bilingual {
        zh: "实际开工早于施工许可证核发日期，或没有施工许可证（合同总额低于限额的工程除外）",
        en: "Works started before the construction permit was issued, or without one (works under the threshold excepted)",
    },
    source: "建筑法 第7条; 建筑工程施工许可管理办法 第2条",
    params: &[Param {
        name: "exempt_below_fen",
        default: 30_000_000.0,
        unit: "fen",
        description: Bilingual { zh: "无需施工许可的合同总额（30 万元）", en: "contract total below which no permit is needed (300,000 yuan)" },
    }],
    needs_completeness: true,
};

impl Check for WorksBeforePermit {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let exempt = fmt::fen_param(settings.get("exempt_below_fen"));
        for code in data.projects() {
            let Some((s_r, s)) = data.in_project::<WorksStart>(code).min_by_key(|(r, s)| (s.start_date, r.record.time))
            else {
                continue;
            };
            let contracts: Vec<_> = data.in_project::<Contract>(code).collect();
            let total: i128 = contracts.iter().map(|(_, c)| i128::from(c.amount_fen.get())).sum();
            if !contracts.is_empty() && total < exempt {
                continue;
            }
            let permit = data.in_project::<ConstructionPermit>(code).min_by_key(|(r, p)| (p.issue_date, r.record.time));
            let (zh, en) = match permit {
                Some((_, p)) if p.issue_date <= s.start_date => continue,
                Some((_, p)) => {
                    let d = fmt::days(fmt::days_between(s.start_date, p.issue_date));
                    (
                        format!("早于施工许可证 {} 核发日期 {}（提前 {}）", p.permit_no, p.issue_date, d.zh),
                        format!("{} before construction permit {} was issued on {}", d.en, p.permit_no, p.issue_date),
                    )
                }
                None => {
                    if !out.absence_proven(data, Some(code), Kind::ConstructionPermit, s_r.record.time) {
                        continue;
                    }
                    ("记录中没有施工许可证".to_owned(), "and the records hold no construction permit".to_owned())
                }
            };
            let mut evidence = vec![Evidence::of(s_r, "works_start")];
            evidence.extend(permit.map(|(r, _)| Evidence::of(r, "construction_permit")));
            out.report(
                Some(code),
                about_project(
                    code,
                    format!("于 {} 开工，{zh}", s.start_date),
                    format!("works started on {}, {en}", s.start_date),
                ),
                evidence,
                json!({
                    "start_date": s.start_date.to_string(),
                    "permit_date": permit.map(|(_, p)| p.issue_date.to_string()),
                    "contract_total_fen": total as i64,
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
    fn fires_on_a_start_before_the_permit() {
        let mut b = TestBundle::new();
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-09-21"}));
        b.add(Kind::WorksStart, json!({}));
        let m = fired(&b.run(&WorksBeforePermit), 1);
        assert!(m[0].contains("1 day before") && m[0].contains("2021-09-21"), "{}", m[0]);
    }

    #[test]
    fn quiet_on_the_permit_day_and_for_small_works() {
        let mut b = TestBundle::new();
        b.add(Kind::ConstructionPermit, json!({"issue_date": "2021-09-20"}));
        b.add(Kind::WorksStart, json!({}));
        quiet(&b.run(&WorksBeforePermit));
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({"amount_fen": 29_999_999, "performance_bond_fen": null}));
        b.add(Kind::WorksStart, json!({}));
        quiet(&b.run(&WorksBeforePermit));
    }

    #[test]
    fn no_permit_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::WorksStart, json!({}));
        fired(&b.run(&WorksBeforePermit), 1);
        b.incomplete();
        cannot(&b.run(&WorksBeforePermit));
    }
}
