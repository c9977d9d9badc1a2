//! 资金拨付 payment checks, one per file.

mod common;
mod pay01_payments_over_contract;
mod pay02_payee_not_contractor;
mod pay03_progress_over_completed;
mod pay04_advance_out_of_range;
mod pay05_payment_before_filing;

pub use pay01_payments_over_contract::PaymentsOverContract;
pub use pay02_payee_not_contractor::PayeeNotContractor;
pub use pay03_progress_over_completed::ProgressOverCompleted;
pub use pay04_advance_out_of_range::AdvanceOutOfRange;
pub use pay05_payment_before_filing::PaymentBeforeFiling;

use super::Check;

pub const CHECKS: &[&dyn Check] =
    &[&PaymentsOverContract, &PayeeNotContractor, &ProgressOverCompleted, &AdvanceOutOfRange, &PaymentBeforeFiling];
