//! PAY-03 超进度付款: cumulative progress payments (进度款) exceed the value of work completed
//! (已完工程价值); or the retention (质量保证金) withheld at settlement is above 3% (财建〔2022〕183号;
//! 建设工程质量保证金管理办法 第7条).

use super::common::contracts_with_payments;
use crate::checks::format::{self as fmt, about};
use crate::checks::{
    Bilingual, Check, CheckMeta, CheckSettings, Dataset, Evidence, Family, FindingSeverity, Findings, Param,
};
use crate::kinds::payment::PaymentType;
use crate::kinds::progress::Progress;
use crate::kinds::settlement::Settlement;
use crate::kinds::Kind;
use serde_json::json;

pub struct ProgressOverCompleted;

static META: CheckMeta = CheckMeta {
    id: "PAY-03",
    family: Family::Payment,
    severity: FindingSeverity::Medium,
    title: Bilingual { zh: "超进度付款或质保金超 3%", en: "Progress payments above completed value; retention above 3%" },
    rule: Bilingual {
        zh: "累计进度款超过已完工程价值；或结算预留的质量保证金超过结算金额的 3%",
        en: "Cumulative progress payments exceed the value of work completed; or the retention withheld at settlement exceeds 3% of it",
    },
    source: "财建〔2022〕183号; 建设工程质量保证金管理办法 第7条",
    params: &[
        Param {
            name: "tolerance",
            default: 0.0,
            unit: "ratio",
            description: Bilingual { zh: "进度款可超过已完工程价值的比例", en: "how far progress payments may exceed completed value" },
        },
        Param {
            name: "retention_max",
            default: 0.03,
            unit: "ratio",
            description: Bilingual { zh: "质量保证金占结算金额的上限", en: "highest retention as a share of the settlement" },
        },
    ],
    needs_completeness: true,
};

impl Check for ProgressOverCompleted {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings) {
        let tolerance = settings.get("tolerance");
        for cp in contracts_with_payments(data) {
            let c = cp.contract;
            let project = cp.record.record.project.as_deref();
            let reports: Vec<_> = data.for_contract::<Progress>(c.contract_no.as_str()).collect();
            let mut cumulative = 0i128;
            for &(p_r, p) in cp.payments.iter().filter(|(_, p)| p.payment_type == PaymentType::Progress) {
                cumulative += i128::from(p.amount_fen.get());
                // The payment's own statement of completed value, else the latest progress report.
                let (completed, report) = match p.completed_value_fen {
                    Some(v) => (v, None),
                    None => match reports
                        .iter()
                        .filter(|(_, r)| r.report_date <= p.paid_date)
                        .max_by_key(|(r, x)| (x.report_date, r.record.time))
                    {
                        Some(&(rr, x)) => (x.completed_value_fen, Some(rr)),
                        None => continue,
                    },
                };
                if !fmt::exceeds_by(cumulative, i128::from(completed.get()), tolerance) {
                    continue;
                }
                if report.is_some() && !out.absence_proven(data, project, Kind::Progress, p_r.record.time) {
                    break;
                }
                let over = fmt::relative_change(cumulative, i128::from(completed.get())).unwrap_or(f64::INFINITY);
                let mut evidence = vec![Evidence::of(p_r, "payment"), Evidence::of(cp.record, "contract")];
                evidence.extend(report.map(|r| Evidence::of(r, "progress")));
                out.report(
                    project,
                    about(
                        project,
                        format!(
                            "合同 {} 截至 {} 累计进度款 {} 超过已完工程价值 {}（{}）",
                            c.contract_no,
                            p.paid_date,
                            fmt::yuan(cumulative),
                            fmt::money(completed),
                            fmt::signed_percent(over)
                        ),
                        format!(
                            "by {}, progress payments under contract {} total {}, above the value of work completed, {} ({})",
                            p.paid_date,
                            c.contract_no,
                            fmt::yuan(cumulative),
                            fmt::money(completed),
                            fmt::signed_percent(over)
                        ),
                    ),
                    evidence,
                    json!({"progress_paid_fen": cumulative as i64, "completed_value_fen": completed.get(), "excess_ratio": over, "problem": "above_completed_value"}),
                );
                break;
            }
        }
        let max = settings.get("retention_max");
        for (r, s) in data.all::<Settlement>() {
            let Some(retention) = s.retention_fen else { continue };
            if !fmt::above_share(i128::from(retention.get()), i128::from(s.amount_fen.get()), max) {
                continue;
            }
            let share =
                fmt::ratio(i128::from(retention.get()), i128::from(s.amount_fen.get())).unwrap_or(f64::INFINITY);
            let project = r.record.project.as_deref();
            let which =
                s.contract_no.as_ref().map(|n| (format!("合同 {n} "), format!(" of contract {n}"))).unwrap_or_default();
            out.report(
                project,
                about(
                    project,
                    format!(
                        "{}结算预留质量保证金 {}，占结算金额 {} 的 {}，超过 {}",
                        which.0,
                        fmt::money(retention),
                        fmt::money(s.amount_fen),
                        fmt::percent(share),
                        fmt::percent(max)
                    ),
                    format!(
                        "the settlement{} withholds a retention of {}, {} of the settled {}, above {}",
                        which.1,
                        fmt::money(retention),
                        fmt::percent(share),
                        fmt::money(s.amount_fen),
                        fmt::percent(max)
                    ),
                ),
                vec![Evidence::of(r, "settlement")],
                json!({"retention_fen": retention.get(), "settlement_fen": s.amount_fen.get(), "share": share, "problem": "retention_above_limit"}),
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
    fn fires_when_progress_payments_pass_completed_value() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Progress, json!({}));
        b.add(Kind::Payment, json!({"payment_type": "progress", "amount_fen": 380_000_001, "paid_date": "2022-02-10"}));
        let m = fired(&b.run(&ProgressOverCompleted), 1);
        assert!(m[0].contains("¥3,800,000.01") && m[0].contains("¥3,800,000.00"), "{}", m[0]);
    }

    #[test]
    fn fires_on_retention_above_3_percent() {
        let mut b = TestBundle::new();
        b.add(Kind::Settlement, json!({"amount_fen": 1_000_000_000_i64, "retention_fen": 30_000_001}));
        let m = fired(&b.run(&ProgressOverCompleted), 1);
        assert!(m[0].contains("retention"), "{}", m[0]);
    }

    #[test]
    fn quiet_at_the_limits() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Payment, json!({"payment_type": "progress", "amount_fen": 300_000_000, "completed_value_fen": 300_000_000, "paid_date": "2022-02-10"}));
        b.add(Kind::Settlement, json!({"amount_fen": 1_000_000_000_i64, "retention_fen": 30_000_000}));
        quiet(&b.run(&ProgressOverCompleted));
    }

    #[test]
    fn a_progress_report_basis_needs_complete_logs() {
        let mut b = TestBundle::new();
        b.add(Kind::Contract, json!({}));
        b.add(Kind::Progress, json!({}));
        b.add(Kind::Payment, json!({"payment_type": "progress", "amount_fen": 380_000_001, "paid_date": "2022-02-10"}));
        b.incomplete();
        cannot(&b.run(&ProgressOverCompleted));
    }
}
