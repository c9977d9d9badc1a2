//! PROC-05 规避招标: works, goods or services at or above the must-tender threshold (施工 400 万元,
//! 货物 200 万元, 服务 100 万元) contracted without a tender and without a lawful exemption, or split
//! into several untendered contracts just below the threshold (必须招标的工程项目规定 第5条;
//! 招标投标法 第4条).

use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::approval::{Approval, Funding};
use crate::kinds::contract::{Contract, TenderExemption};
use crate::kinds::tender::Category;
use crate::verify::VerifiedRecord;
use serde_json::json;
use std::collections::BTreeMap;

pub struct MustTender;

static META: CheckMeta = CheckMeta {
    id: "PROC-05",
    family: Family::Procedure,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "应招未招或化整为零", en: "Contract above the tender threshold not tendered, or split" },
    rule: Bilingual {
        zh: "达到必须招标规模标准的合同未经招标且无法定例外，或将同类未招标合同拆分为多个略低于标准的合同",
        en: "A contract at or above the must-tender threshold was let without a tender or lawful exemption, or untendered contracts of one kind were split just below the threshold",
    },
    source: "必须招标的工程项目规定 第5条; 招标投标法 第4条",
    params: &[
        Param {
            name: "works_fen",
            default: 400_000_000.0,
            unit: "fen",
            description: Bilingual { zh: "施工单项合同必须招标的金额（400 万元）", en: "works contract threshold (4,000,000 yuan)" },
        },
        Param {
            name: "goods_fen",
            default: 200_000_000.0,
            unit: "fen",
            description: Bilingual { zh: "货物单项合同必须招标的金额（200 万元）", en: "goods contract threshold (2,000,000 yuan)" },
        },
        Param {
            name: "services_fen",
            default: 100_000_000.0,
            unit: "fen",
            description: Bilingual { zh: "服务单项合同必须招标的金额（100 万元）", en: "services contract threshold (1,000,000 yuan)" },
        },
        Param {
            name: "split_band",
            default: 0.2,
            unit: "ratio",
            description: Bilingual {
                zh: "“略低于标准”的范围（标准的 80% 至 100%）",
                en: "how far below the threshold counts as just below (80%–100% of it)",
            },
        },
    ],
    needs_completeness: false,
};

fn category_label(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Works => ("施工", "works"),
        Category::Goods => ("货物", "goods"),
        Category::Services => ("服务", "services"),
    }
}

impl Check for MustTender {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let threshold = |c: Category| {
            fmt::fen_param(settings.get(match c {
                Category::Works => "works_fen",
                Category::Goods => "goods_fen",
                Category::Services => "services_fen",
            }))
        };
        let band = settings.get("split_band");
        // Latest contract record per number, grouped by project.
        let mut by_project: BTreeMap<Option<&str>, BTreeMap<&str, (&VerifiedRecord, &Contract)>> = BTreeMap::new();
        for (r, c) in data.all::<Contract>() {
            by_project.entry(r.record.project.as_deref()).or_default().insert(c.contract_no.as_str(), (r, c));
        }
        for (code, contracts) in by_project {
            // A privately funded project that its approval exempts from tendering is out of scope.
            let exempt = code
                .and_then(|c| data.in_project::<Approval>(c).next_back())
                .is_some_and(|(_, a)| !a.must_tender && a.funding == Funding::Private);
            if exempt {
                continue;
            }
            let untendered: Vec<(&VerifiedRecord, &Contract)> =
                contracts.values().copied().filter(|(_, c)| c.tender_id.is_none()).collect();
            for &(r, c) in &untendered {
                let limit = threshold(c.category);
                let lawful = c.no_tender_reason.is_some_and(|x| x != TenderExemption::BelowThreshold);
                if lawful || i128::from(c.amount_fen.get()) < limit {
                    continue;
                }
                let (cz, ce) = category_label(c.category);
                let reason = match c.no_tender_reason {
                    Some(_) => ("，却以“未达到规模标准”为由", ", citing \"below the threshold\""),
                    None => ("，且未说明不招标的理由", ", with no reason given"),
                };
                out.report(
                    code,
                    about(
                        code,
                        format!(
                            "{cz}合同 {} 金额 {} 达到必须招标标准 {}，未经招标直接发包给 {}{}",
                            c.contract_no,
                            fmt::money(c.amount_fen),
                            fmt::yuan(limit),
                            fmt::firm(data, &c.contractor).zh,
                            reason.0
                        ),
                        format!(
                            "the {ce} contract {} of {} reaches the must-tender threshold of {} but was let to {} without a tender{}",
                            c.contract_no,
                            fmt::money(c.amount_fen),
                            fmt::yuan(limit),
                            fmt::firm(data, &c.contractor).en,
                            reason.1
                        ),
                    ),
                    vec![Evidence::of(r, "contract")],
                    json!({"contract_fen": c.amount_fen.get(), "threshold_fen": limit as i64, "category": c.category.as_str(), "pattern": "not_tendered"}),
                );
            }
            for cat in [Category::Works, Category::Goods, Category::Services] {
                let limit = threshold(cat);
                let floor = limit - (limit as f64 * band).round() as i128;
                let split: Vec<_> = untendered
                    .iter()
                    .filter(|(_, c)| {
                        c.category == cat && c.no_tender_reason.is_none_or(|x| x == TenderExemption::BelowThreshold)
                    })
                    .filter(|(_, c)| (floor..limit).contains(&i128::from(c.amount_fen.get())))
                    .collect();
                let total: i128 = split.iter().map(|(_, c)| i128::from(c.amount_fen.get())).sum();
                if split.len() < 2 || total < limit {
                    continue;
                }
                let (cz, ce) = category_label(cat);
                let nos: Vec<&str> = split.iter().map(|(_, c)| c.contract_no.as_str()).collect();
                let f = out.report(
                    code,
                    about(
                        code,
                        format!(
                            "{} 份未招标的{cz}合同（{}）金额均略低于必须招标标准 {}，合计 {}，疑似化整为零规避招标",
                            split.len(),
                            nos.join("、"),
                            fmt::yuan(limit),
                            fmt::yuan(total)
                        ),
                        format!(
                            "{} untendered {ce} contracts ({}) each fall just below the must-tender threshold of {} and total {}: the work looks split to avoid a tender",
                            split.len(),
                            nos.join(", "),
                            fmt::yuan(limit),
                            fmt::yuan(total)
                        ),
                    ),
                    split.iter().map(|(r, _)| Evidence::of(r, "contract")).collect(),
                    json!({
                        "contracts": nos,
                        "amounts_fen": split.iter().map(|(_, c)| c.amount_fen.get()).collect::<Vec<_>>(),
                        "total_fen": total as i64,
                        "threshold_fen": limit as i64,
                        "category": cat.as_str(),
                        "pattern": "split",
                    }),
                );
                // Splitting is inferred from amounts: a strong indicator, not a broken rule on its face.
                f.severity = FindingSeverity::Medium;
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

    fn direct(no: &str, fen: i64) -> serde_json::Value {
        json!({"contract_no": no, "tender_id": null, "amount_fen": fen, "performance_bond_fen": null})
    }

    #[test]
    fn fires_on_an_untendered_contract_at_the_threshold() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, direct("ZJ-1", 400_000_000));
        let m = fired(&b.run(&MustTender), 1);
        assert!(m[0].contains("¥4,000,000.00") && m[0].contains("no reason given"), "{}", m[0]);
    }

    #[test]
    fn fires_on_split_contracts() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, direct("ZJ-1", 390_000_000));
        b.add(Kind::Contract, direct("ZJ-2", 380_000_000));
        let out = b.run(&MustTender);
        let m = fired(&out, 1);
        assert!(m[0].contains("ZJ-1, ZJ-2") && m[0].contains("¥7,700,000.00"), "{}", m[0]);
        assert_eq!(out.findings()[0].severity, FindingSeverity::Medium);
    }

    #[test]
    fn quiet_below_the_threshold_or_with_an_exemption() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, direct("ZJ-1", 399_999_999));
        b.add(Kind::Contract, direct("ZJ-2", 200_000_000));
        let mut emergency = direct("ZJ-3", 900_000_000);
        emergency["no_tender_reason"] = json!("emergency");
        b.add(Kind::Contract, emergency);
        b.add(Kind::Contract, json!({}));
        quiet(&b.run(&MustTender));
    }
}
