//! 造价 cost chain checks (估算 ≥ 概算 ≥ 预算/控制价 ≥ 合同 ≥ 结算/决算, audited), one per file.

mod cost01_estimate_over_approval;
mod cost02_ceiling_over_estimate;
mod cost03_final_accounts_overrun;
mod cost04_contract_differs_from_award;
mod cost05_bid_above_ceiling;
mod cost06_audit_reduction;

pub use cost01_estimate_over_approval::EstimateOverApproval;
pub use cost02_ceiling_over_estimate::CeilingOverEstimate;
pub use cost03_final_accounts_overrun::FinalAccountsOverrun;
pub use cost04_contract_differs_from_award::ContractDiffersFromAward;
pub use cost05_bid_above_ceiling::BidAboveCeiling;
pub use cost06_audit_reduction::AuditReduction;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[
    &EstimateOverApproval,
    &CeilingOverEstimate,
    &FinalAccountsOverrun,
    &ContractDiffersFromAward,
    &BidAboveCeiling,
    &AuditReduction,
];
