//! 整改 supervision follow-up checks, one per file: who may rectify (SUP-02), who may review
//! (SUP-03), no confirmation before a rectification (SUP-04), and deadlines (SUP-01).

mod sup01_rectification_overdue;
mod sup02_rectified_by_other;
mod sup03_reviewed_by_other;
mod sup04_confirmed_without_rectification;

pub use sup01_rectification_overdue::RectificationOverdue;
pub use sup02_rectified_by_other::RectifiedByOther;
pub use sup03_reviewed_by_other::ReviewedByOther;
pub use sup04_confirmed_without_rectification::ConfirmedWithoutRectification;

use super::Check;

pub const CHECKS: &[&dyn Check] =
    &[&RectificationOverdue, &RectifiedByOther, &ReviewedByOther, &ConfirmedWithoutRectification];
