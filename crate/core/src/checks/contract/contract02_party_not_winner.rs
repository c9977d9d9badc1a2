//! CONTRACT-02 合同相对人非中标人: the contractor of a tendered contract is not the winning bidder
//! (nor a member of its consortium) (招标投标法 第46条).

use crate::checks::format::{about, firm};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::award::Award;
use crate::kinds::bid::Bid;
use crate::kinds::contract::Contract;
use serde_json::json;

pub struct PartyNotWinner;

static META: CheckMeta = CheckMeta {
    id: "CONTRACT-02",
    family: Family::Contract,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "合同承包人不是中标人", en: "Contractor is not the winning bidder" },
    rule: Bilingual {
        zh: "招标项目的合同承包人不是中标人（或中标联合体成员）",
        en: "The contractor of a tendered contract is not the winning bidder (or a member of its consortium)",
    },
    source: "招标投标法 第46条",
    params: &[],
    needs_completeness: false,
};

impl Check for PartyNotWinner {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (c_r, c) in data.all::<Contract>() {
            let Some(tender) = &c.tender_id else { continue };
            let awards: Vec<_> = data.for_tender::<Award>(tender.as_str()).collect();
            let Some(&(a_r, a)) = awards.last() else { continue };
            let is_winner = awards.iter().any(|(_, a)| a.winner == c.contractor)
                || data.for_tender::<Bid>(tender.as_str()).any(|(_, b)| {
                    awards.iter().any(|(_, a)| a.winner == b.bidder) && b.consortium.contains(&c.contractor)
                });
            if is_winner {
                continue;
            }
            let party = firm(data, &c.contractor);
            let winner = firm(data, &a.winner);
            let project = c_r.record.project.as_deref();
            let f = out.report(
                project,
                about(
                    project,
                    format!("合同 {} 的承包人 {} 不是标段 {tender} 的中标人 {}", c.contract_no, party.zh, winner.zh),
                    format!(
                        "the contractor of contract {}, {}, is not the winner of tender {tender}, {}",
                        c.contract_no, party.en, winner.en
                    ),
                ),
                vec![Evidence::of(c_r, "contract"), Evidence::of(a_r, "award")],
                json!({"contractor": c.contractor.as_str(), "winner": a.winner.as_str()}),
            );
            f.tender = Some(tender.as_str().to_owned());
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
    fn fires_when_another_firm_signs() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({}));
        b.add(Kind::Contract, json!({"contractor": BIDDER_B}));
        let m = fired(&b.run(&PartyNotWinner), 1);
        assert!(m[0].contains(BIDDER_B) && m[0].contains(BIDDER_A), "{}", m[0]);
    }

    #[test]
    fn quiet_for_the_winner_or_a_consortium_member() {
        let mut b = TestBundle::new();
        b.add(Kind::Award, json!({}));
        b.add(Kind::Contract, json!({}));
        quiet(&b.run(&PartyNotWinner));
        let mut b = TestBundle::new();
        b.add(Kind::Bid, json!({"consortium": [BIDDER_C]}));
        b.add(Kind::Award, json!({}));
        b.add(Kind::Contract, json!({"contractor": BIDDER_C}));
        quiet(&b.run(&PartyNotWinner));
    }
}
