//! 围标串标 bidding and collusion checks, one per file, and the co-bidding graph.
//!
//! BID-01..08 compare the bids of one tender (Art. 40 / 34 patterns), BID-09 and BID-12..15 read
//! one tender's procedure, BID-10 screens price distributions against fences over the bundle
//! ([`screens`]), BID-11 looks across tenders for rotation and cover bidding. [`graph`] is the
//! co-bidding network for the page. [`screen_tender`] and [`price_patterns`] are public for
//! scoring generated populations of tenders.

mod common;
pub mod graph;
mod rotation;
pub mod screens;
pub mod stats;
#[cfg(test)]
mod testing;

mod bid01_same_compiler;
mod bid02_same_agent;
mod bid03_same_team_member;
mod bid04_price_pattern;
mod bid05_same_document;
mod bid06_bond_account;
mod bid07_same_machine;
mod bid08_common_control;
mod bid09_few_bidders;
mod bid10_screens;
mod bid11_rotation;
mod bid12_near_ceiling;
mod bid13_disqualification;
mod bid14_bidding_period;
mod bid15_publicity;

pub use bid04_price_pattern::{price_patterns, PricePattern};
pub use screens::{screen_tender, tender_screens, Screens};

use super::Check;

pub const CHECKS: &[&dyn Check] = &[
    &bid01_same_compiler::SameCompiler,
    &bid02_same_agent::SameAgent,
    &bid03_same_team_member::SameTeamMember,
    &bid04_price_pattern::PricePatternCheck,
    &bid05_same_document::SameDocument,
    &bid06_bond_account::BondAccount,
    &bid07_same_machine::SameMachine,
    &bid08_common_control::CommonControl,
    &bid09_few_bidders::FewBidders,
    &bid10_screens::StatisticalScreens,
    &bid11_rotation::Rotation,
    &bid12_near_ceiling::NearCeiling,
    &bid13_disqualification::Disqualifications,
    &bid14_bidding_period::BiddingPeriod,
    &bid15_publicity::Publicity,
];
