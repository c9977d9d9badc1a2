//! BID-03 不同投标人的投标文件载明的项目管理成员为同一人 (条例 第40条(三)).
//!
//! Fires when the same person is named in the project-management team (project manager or any
//! other member) of two or more bidders of one tender.

use super::common::{self, Shared, SharedFinding, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;

pub struct SameTeamMember;

static META: CheckMeta = CheckMeta {
    id: "BID-03",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "不同投标人载明的项目管理成员为同一人", en: "The same project-team member named by different bidders" },
    rule: Bilingual {
        zh: "同一标段中，两个以上投标人的投标文件载明的项目经理或项目管理机构成员为同一人，视为串通投标",
        en: "In one tender, the same person is named as project manager or project-team member by two or more bidders: deemed collusion",
    },
    source: "条例 第40条(三)",
    params: &[],
    needs_completeness: false,
};

fn keys(b: &Bid) -> Vec<String> {
    let mut k = vec![b.project_manager.to_string()];
    k.extend(b.project_team.iter().map(|m| m.person.to_string()));
    k
}

fn groups<'a>(t: &TenderView<'a>) -> Vec<Shared<'a>> {
    common::shared_by(t, &keys)
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    common::links_of(tenders, groups, Reason::SharedPerson, META.id)
}

/// "项目经理" / "project manager" or the team role of `person` in `b`.
fn role_of(b: &Bid, person: &str) -> (&'static str, &'static str) {
    if b.project_manager.as_str() == person {
        return ("项目经理", "project manager");
    }
    use crate::kinds::bid::TeamRole as R;
    match b.project_team.iter().find(|m| m.person.as_str() == person).map(|m| m.role) {
        Some(R::TechnicalLead) => ("技术负责人", "technical lead"),
        Some(R::ConstructionOfficer) => ("施工员", "construction officer"),
        Some(R::QualityOfficer) => ("质量员", "quality officer"),
        Some(R::SafetyOfficer) => ("安全员", "safety officer"),
        Some(R::CostEngineer) => ("造价员", "cost engineer"),
        Some(R::MaterialsOfficer) => ("材料员", "materials officer"),
        Some(R::Documentation) => ("资料员", "documentation officer"),
        Some(R::Other) | None => ("项目管理机构成员", "team member"),
    }
}

impl Check for SameTeamMember {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        common::report_shared(data, out, groups, "persons", &|t, g, firms| {
            // Who, and in which role for each bidder.
            let mut zh = Vec::new();
            let mut en = Vec::new();
            for person in &g.keys {
                let roles: Vec<(String, String)> = g
                    .bids
                    .iter()
                    .map(|&i| {
                        let b = t.bids[i].1;
                        let (rz, re) = role_of(b, person);
                        let firm = crate::checks::format::firm(data, &b.bidder);
                        (format!("{}的{rz}", firm.zh), format!("{re} of {}", firm.en))
                    })
                    .collect();
                zh.push(format!("{person}（{}）", roles.iter().map(|r| r.0.as_str()).collect::<Vec<_>>().join("；")));
                en.push(format!("{person} ({})", roles.iter().map(|r| r.1.as_str()).collect::<Vec<_>>().join("; ")));
            }
            SharedFinding::new(
                format!(
                    "{}的项目管理机构成员为同一人：{}，依《招标投标法实施条例》第四十条第（三）项视为串通投标",
                    firms.zh,
                    zh.join("，")
                ),
                format!(
                    "{} name the same project-team member: {}; deemed collusion under Art. 40(3) of the Regulations implementing the Bidding Law",
                    firms.en,
                    en.join(", ")
                ),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    const T: &str = "QJ-JS-2021-017-01";

    #[test]
    fn fires_when_a_manager_of_one_is_on_the_team_of_another() {
        let mut f = Fixture::new();
        let b1 = bid(T, 1, 1_045_000_000);
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["project_team"] = json!([{"person": b1["project_manager"], "role": "safety_officer"}]);
        f.rec(Kind::Bid, b1).rec(Kind::Bid, b2).rec(Kind::Bid, bid(T, 3, 1_098_000_000));
        let out = f.run(&SameTeamMember);
        let x = single(&out);
        mentions(x, &[T, &firm(1), &firm(2), "pid:0000000010000001", "项目经理", "安全员", "safety officer"]);
    }

    #[test]
    fn quiet_when_the_same_person_bids_on_another_tender() {
        let mut f = Fixture::new();
        let b1 = bid(T, 1, 1_045_000_000);
        let mut other = bid("QJ-JS-2021-018-01", 2, 1_071_000_000);
        other["project_manager"] = b1["project_manager"].clone();
        f.rec(Kind::Bid, b1).rec(Kind::Bid, other).rec(Kind::Bid, bid(T, 3, 1_098_000_000));
        quiet(&f.run(&SameTeamMember));
    }
}
