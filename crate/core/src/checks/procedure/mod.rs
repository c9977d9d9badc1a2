//! 用地和施工手续 procedure and permit checks, one per file.

mod proc01_works_before_approval;
mod proc02_works_before_permit;
mod proc03_permit_without_land_planning;
mod proc04_late_start;
mod proc05_must_tender;
mod proc06_late_completion_filing;
mod proc07_late_final_accounts;

pub use proc01_works_before_approval::WorksBeforeApproval;
pub use proc02_works_before_permit::WorksBeforePermit;
pub use proc03_permit_without_land_planning::PermitWithoutLandPlanning;
pub use proc04_late_start::LateStart;
pub use proc05_must_tender::MustTender;
pub use proc06_late_completion_filing::LateCompletionFiling;
pub use proc07_late_final_accounts::LateFinalAccounts;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[
    &WorksBeforeApproval,
    &WorksBeforePermit,
    &PermitWithoutLandPlanning,
    &LateStart,
    &MustTender,
    &LateCompletionFiling,
    &LateFinalAccounts,
];
