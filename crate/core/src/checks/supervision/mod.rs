//! 整改 supervision follow-up checks, one per file.

mod sup01_rectification_overdue;
mod sup02_rectified_by_other;

pub use sup01_rectification_overdue::RectificationOverdue;
pub use sup02_rectified_by_other::RectifiedByOther;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[&RectificationOverdue, &RectifiedByOther];
