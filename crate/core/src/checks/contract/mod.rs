//! 合同签订 contract checks, one per file.

mod contract01_signing_deadline;
mod contract02_party_not_winner;
mod contract03_subcontract_to_loser;
mod contract04_performance_bond;

pub use contract01_signing_deadline::SigningDeadline;
pub use contract02_party_not_winner::PartyNotWinner;
pub use contract03_subcontract_to_loser::SubcontractToLoser;
pub use contract04_performance_bond::PerformanceBond;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[&SigningDeadline, &PartyNotWinner, &SubcontractToLoser, &PerformanceBond];
