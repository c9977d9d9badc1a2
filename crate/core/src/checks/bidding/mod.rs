//! 围标串标 bidding and collusion checks, one per file, and the co-bidding graph.

pub mod graph;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[];
