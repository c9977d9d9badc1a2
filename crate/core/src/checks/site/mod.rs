//! 施工管理 construction management checks, one per file.

mod site01_acceptance_with_failed_inspection;
mod site02_works_after_stop_order;

pub use site01_acceptance_with_failed_inspection::AcceptanceWithFailedInspection;
pub use site02_works_after_stop_order::WorksAfterStopOrder;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[&AcceptanceWithFailedInspection, &WorksAfterStopOrder];
