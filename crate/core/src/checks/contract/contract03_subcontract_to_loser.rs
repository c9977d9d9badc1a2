//! CONTRACT-03 分包给落标人: the winner subcontracts work to a firm that bid against it in the same
//! tender, a classic pay-off for cover bidding (OECD guidelines for fighting bid rigging).

use crate::checks::format::{self as fmt, about, firm};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;
use crate::kinds::contract::Contract;
use crate::kinds::opening::Opening;
use crate::kinds::Uscc;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct SubcontractToLoser;

static META: CheckMeta = CheckMeta {
    id: "CONTRACT-03",
    family: Family::Contract,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "中标人分包给落标人", en: "Winner subcontracts to a losing bidder" },
    rule: Bilingual {
        zh: "中标人将工程分包给同一标段的落标投标人",
        en: "The winner subcontracts work to a bidder that lost the same tender",
    },
    source: "OECD Guidelines for Fighting Bid Rigging in Public Procurement",
    params: &[],
    needs_completeness: false,
};

impl Check for SubcontractToLoser {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        for (c_r, c) in data.all::<Contract>() {
            let Some(tender) = &c.tender_id else { continue };
            if c.subcontracts.is_empty() {
                continue;
            }
            let mut bidders: BTreeMap<&Uscc, &VerifiedRecord> = BTreeMap::new();
            for (r, o) in data.for_tender::<Opening>(tender.as_str()) {
                bidders.extend(o.bids.iter().map(|b| (&b.bidder, r)));
            }
            for (r, b) in data.for_tender::<Bid>(tender.as_str()) {
                bidders.insert(&b.bidder, r);
            }
            for s in &c.subcontracts {
                if s.subcontractor == c.contractor {
                    continue;
                }
                let Some(bid_r) = bidders.get(&s.subcontractor) else { continue };
                let sub = firm(data, &s.subcontractor);
                let winner = firm(data, &c.contractor);
                let share = fmt::ratio(i128::from(s.amount_fen.get()), i128::from(c.amount_fen.get())).unwrap_or(0.0);
                let project = c_r.record.project.as_deref();
                let f = out.report(
                    project,
                    about(
                        project,
                        format!(
                            "中标人 {} 将合同 {} 中 {}（占 {}）分包给同一标段 {tender} 的落标人 {}",
                            winner.zh,
                            c.contract_no,
                            fmt::money(s.amount_fen),
                            fmt::percent(share),
                            sub.zh
                        ),
                        format!(
                            "the winner {} subcontracts {} ({} of contract {}) to {}, who lost the same tender {tender}",
                            winner.en,
                            fmt::money(s.amount_fen),
                            fmt::percent(share),
                            c.contract_no,
                            sub.en
                        ),
                    ),
                    vec![Evidence::of(c_r, "contract"), Evidence::of(bid_r, "losing_bid")],
                    json!({
                        "winner": c.contractor.as_str(),
                        "subcontractor": s.subcontractor.as_str(),
                        "subcontract_fen": s.amount_fen.get(),
                        "contract_fen": c.amount_fen.get(),
                        "share": share,
                    }),
                );
                f.tender = Some(tender.as_str().to_owned());
            }
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
    fn fires_on_a_subcontract_to_a_losing_bidder() {
        let mut b = TestBundle::new();
        b.add(Kind::Opening, json!({}));
        b.add(Kind::Contract, json!({"subcontracts": [{"subcontractor": BIDDER_B, "amount_fen": 300_000_000}]}));
        let m = fired(&b.run(&SubcontractToLoser), 1);
        assert!(m[0].contains(BIDDER_B) && m[0].contains("¥3,000,000.00"), "{}", m[0]);
    }

    #[test]
    fn quiet_for_a_firm_that_did_not_bid() {
        let mut b = TestBundle::new();
        b.add(Kind::Opening, json!({}));
        b.add(Kind::Contract, json!({"subcontracts": [{"subcontractor": SUPERVISOR_FIRM, "amount_fen": 300_000_000}]}));
        quiet(&b.run(&SubcontractToLoser));
    }

    const SUPERVISOR_FIRM: &str = crate::kinds::examples::SUPERVISOR;
}
