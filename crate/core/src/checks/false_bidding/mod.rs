//! Checks of this family, one per file.

use super::Check;

pub const CHECKS: &[&dyn Check] = &[];
