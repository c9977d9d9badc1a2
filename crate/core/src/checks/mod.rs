//! Consistency checks over verified records (catalogue: docs/checks.md, from the design's checks.md).
//!
//! One check per file, behind the small [`Check`] trait (the cardinal-rs pattern): a check declares
//! its metadata once and reads the [`Dataset`]; the engine handles configuration, ordering and
//! reporting. Checks see only records whose signatures, bodies and authorisation verified
//! (forked records are excluded), and a check that relies on a record being *absent* may fire only
//! when the responsible logs are proven complete (docs/decisions.md §10); otherwise it reports
//! "cannot evaluate".
//!
//! Folders are the families of the catalogue: cost (造价), bidding (围标串标), false_bidding
//! (虚假投标), contract (合同), procedure (手续), site (施工管理), payment (资金拨付),
//! supervision (整改).

mod config;
mod dataset;
mod finding;
pub mod format;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub mod bidding;
pub mod contract;
pub mod cost;
pub mod false_bidding;
pub mod payment;
pub mod procedure;
pub mod site;
pub mod supervision;

pub use config::{CheckConfig, CheckSettings, ConfigError};
pub use dataset::{party_key, Completeness, Dataset, KindBody};
pub use finding::{Analysis, CheckRun, CheckStatus, Evidence, Finding, Findings, NotEvaluated};

use crate::federation::TrustRoot;
use crate::report::LogSummary;
use crate::verify::VerifiedRecord;
use serde::Serialize;

/// How serious a finding is (checks.md): high = a rule is broken on the face of the records;
/// medium = a strong indicator a person must look at; low = a statistical or weak signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSeverity {
    Low,
    Medium,
    High,
}

impl crate::read::FromJson for FindingSeverity {
    fn from_json(value: &serde_json::Value) -> Result<Self, crate::read::ReadError> {
        match value.as_str() {
            Some("low") => Ok(Self::Low),
            Some("medium") => Ok(Self::Medium),
            Some("high") => Ok(Self::High),
            _ => Err(crate::read::ReadError::expected(
                "a severity: one of low, medium, high",
                "严重程度，取值为以下之一：low, medium, high",
            )),
        }
    }

    fn placeholder() -> Self {
        Self::Low
    }
}

/// The catalogue's families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// 造价 cost chain
    Cost,
    /// 围标串标 bidding and collusion
    Bidding,
    /// 虚假投标 false bidding
    FalseBidding,
    /// 合同签订 contracts
    Contract,
    /// 用地和施工手续 procedures and permits
    Procedure,
    /// 施工管理 construction management
    Site,
    /// 资金拨付 payments
    Payment,
    /// 整改 supervision follow-up
    Supervision,
}

impl Family {
    /// Every family, in the catalogue's order.
    pub const ALL: &'static [Family] = &[
        Family::Cost,
        Family::Bidding,
        Family::FalseBidding,
        Family::Contract,
        Family::Procedure,
        Family::Site,
        Family::Payment,
        Family::Supervision,
    ];

    /// The wire name (`cost`, `false_bidding`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Cost => "cost",
            Family::Bidding => "bidding",
            Family::FalseBidding => "false_bidding",
            Family::Contract => "contract",
            Family::Procedure => "procedure",
            Family::Site => "site",
            Family::Payment => "payment",
            Family::Supervision => "supervision",
        }
    }

    /// The name the page and reports show.
    pub fn name(self) -> Bilingual {
        let (zh, en) = match self {
            Family::Cost => ("造价", "Cost"),
            Family::Bidding => ("围标串标", "Bidding"),
            Family::FalseBidding => ("虚假投标", "False bidding"),
            Family::Contract => ("合同签订", "Contracts"),
            Family::Procedure => ("用地和施工手续", "Procedures & permits"),
            Family::Site => ("施工管理", "Construction"),
            Family::Payment => ("资金拨付", "Payments"),
            Family::Supervision => ("整改", "Rectification"),
        };
        Bilingual { zh, en }
    }
}

/// A configurable threshold of a check, with its default.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Param {
    pub name: &'static str,
    pub default: f64,
    /// e.g. "ratio", "days", "months", "fen", "count".
    pub unit: &'static str,
    pub description: Bilingual,
}

/// A `Message` usable in statics.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Bilingual {
    pub zh: &'static str,
    pub en: &'static str,
}

/// What a check is, declared once.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckMeta {
    /// Stable id, e.g. "COST-01".
    pub id: &'static str,
    pub family: Family,
    pub severity: FindingSeverity,
    pub title: Bilingual,
    pub rule: Bilingual,
    /// Legal or literature source, e.g. "政府投资条例 第12条".
    pub source: &'static str,
    pub params: &'static [Param],
    /// True when the check relies on a record being absent (docs/decisions.md §10).
    pub needs_completeness: bool,
}

/// One consistency check.
pub trait Check: Sync {
    fn meta(&self) -> &'static CheckMeta;
    /// Examine the dataset and report findings (or projects it cannot evaluate) into `out`.
    fn run(&self, data: &Dataset, settings: &CheckSettings, out: &mut Findings);
}

/// Every check, in catalogue order.
pub fn all() -> Vec<&'static dyn Check> {
    let mut v: Vec<&'static dyn Check> = Vec::new();
    v.extend_from_slice(cost::CHECKS);
    v.extend_from_slice(bidding::CHECKS);
    v.extend_from_slice(false_bidding::CHECKS);
    v.extend_from_slice(contract::CHECKS);
    v.extend_from_slice(procedure::CHECKS);
    v.extend_from_slice(site::CHECKS);
    v.extend_from_slice(payment::CHECKS);
    v.extend_from_slice(supervision::CHECKS);
    v
}

/// The catalogue: every check's metadata (for `qinglian catalogue`, the npm package and the page).
pub fn catalogue() -> Vec<&'static CheckMeta> {
    all().into_iter().map(|c| c.meta()).collect()
}

/// Run every enabled check over the verified records.
pub fn analyse(records: &[VerifiedRecord], logs: &[LogSummary], root: &TrustRoot, config: &CheckConfig) -> Analysis {
    let data = Dataset::new(records, logs, root);
    // Sealed records are only ever supervision kinds: those checks say what they could not read.
    let sealed = data.sealed().count();
    let mut runs = Vec::new();
    let mut findings = Vec::new();
    for check in all() {
        let meta = check.meta();
        let Some(settings) = config.settings_for(meta) else {
            runs.push(CheckRun::disabled(meta));
            continue;
        };
        let mut out = Findings::new(meta);
        check.run(&data, &settings, &mut out);
        if sealed > 0 && meta.family == Family::Supervision {
            out.cannot_evaluate(None, format::sealed_unread(sealed));
        }
        let (mut f, mut run) = out.finish();
        // A check may raise or lower a finding's severity, so the floor applies per finding.
        if let Some(min) = config.min_severity {
            f.retain(|x| x.severity >= min);
            run.findings = f.len() as u64;
        }
        findings.append(&mut f);
        runs.push(run);
    }
    crate::order::sort_by(&mut findings, |a, b| {
        (b.severity, &a.project, a.check).cmp(&(a.severity, &b.project, b.check))
    });
    let projects = dataset::project_views(&data, &findings);
    let supervision = crate::report::supervision_board::build(&data);
    Analysis { findings, checks: runs, graph: bidding::graph::build(&data), projects, supervision }
}
