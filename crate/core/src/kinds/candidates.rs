//! 中标候选人公示 publicity of the winning candidates.

use super::fields::{self, Fen, Ident, PersonId, Uscc};
use super::opening::Disqualification;
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 中标候选人 one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// 排名, 1 = first
    pub rank: u32,
    pub bidder: Uscc,
    pub price_fen: Fen,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_manager: Option<PersonId>,
}

read_struct!(Candidate {
    rank = "排名",
    bidder = "投标人",
    price_fen = "投标报价",
    project_manager = "项目经理",
});

/// 中标候选人公示 the publicity of the ranked candidates (条例 第54条: at least 3 days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidates {
    /// 招标编号
    pub tender_id: Ident,
    pub candidates: Vec<Candidate>,
    /// 公示开始日期
    #[serde(with = "fields::date")]
    pub publicity_start: Date,
    /// 公示结束日期 (inclusive)
    #[serde(with = "fields::date")]
    pub publicity_end: Date,
    /// 被否决的投标 as publicised
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disqualified: Vec<Disqualification>,
}

read_struct!(Candidates {
    tender_id = "招标编号",
    candidates = "中标候选人",
    publicity_start = "公示开始日期",
    publicity_end = "公示结束日期",
    disqualified: or_empty = "被否决的投标",
});

impl Validate for Candidates {
    fn validate(&self) -> Result<(), BodyError> {
        super::not_before(self.publicity_end, self.publicity_start, "$.publicity_end", "publicity_start")
    }
}
