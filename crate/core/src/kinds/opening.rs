//! 开标/评标 bid opening and evaluation.

use super::fields::{self, str_enum, Fen, Ident, Text, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::{Date, Timestamp};
use serde::Serialize;

str_enum! {
    /// 否决投标理由 why a bid was rejected (条例 第51条 and the tender documents).
    pub enum DisqualificationReason ("a disqualification reason code", "否决投标理由代码") {
        /// 投标报价高于最高投标限价 (条例 第51条(五))
        AboveCeiling = "above_ceiling" "投标报价高于最高投标限价",
        /// 报价低于成本 (条例 第51条(五))
        BelowCost = "below_cost" "报价低于成本",
        /// 未经投标单位盖章和单位负责人签字 (条例 第51条(一))
        NotSigned = "not_signed" "未经投标单位盖章和单位负责人签字",
        /// 联合体未提交共同投标协议 (条例 第51条(二))
        ConsortiumAgreement = "consortium_agreement" "联合体未提交共同投标协议",
        /// 不符合资格条件 (条例 第51条(三))
        Qualification = "qualification" "不符合资格条件",
        /// 同一投标人提交两个以上不同的投标报价 (条例 第51条(四))
        MultiplePrices = "multiple_prices" "同一投标人提交两个以上不同的投标报价",
        /// 未实质性响应 (条例 第51条(六))
        NonResponsive = "non_responsive" "未实质性响应",
        /// 串通投标、弄虚作假、行贿 (条例 第51条(七))
        Misconduct = "misconduct" "串通投标、弄虚作假、行贿",
        /// 投标保证金不符合要求
        Bond = "bond" "投标保证金不符合要求",
        /// 逾期送达
        Late = "late" "逾期送达",
        /// 其他
        Other = "other" "其他",
    }
}

/// 否决投标 a rejected bid and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disqualification {
    pub bidder: Uscc,
    pub reason: DisqualificationReason,
    /// 理由说明
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
}

read_struct!(Disqualification {
    bidder = "投标人",
    reason = "否决理由",
    detail = "理由说明",
});

/// 唱标 a bid as opened and read out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenedBid {
    pub bidder: Uscc,
    pub price_fen: Fen,
}

read_struct!(OpenedBid {
    bidder = "投标人",
    price_fen = "开标报价",
});

/// 评标排序 the committee's ranking of a valid bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankedBid {
    /// 1 = first
    pub rank: u32,
    pub bidder: Uscc,
    /// 综合得分 × 100 (comprehensive evaluation)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_centi: Option<u32>,
    /// 评标价 (price-only evaluation)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluated_price_fen: Option<Fen>,
}

read_struct!(RankedBid {
    rank = "排名",
    bidder = "投标人",
    score_centi = "综合得分×100",
    evaluated_price_fen = "评标价",
});

/// 开标记录及评标报告 the opening record and the evaluation committee's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opening {
    /// 招标编号
    pub tender_id: Ident,
    /// 开标时间
    #[serde(with = "fields::timestamp")]
    pub opened_at: Timestamp,
    /// 评标完成日期
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub evaluation_date: Option<Date>,
    /// 开标的全部投标 (all bids opened, with the prices read out)
    pub bids: Vec<OpenedBid>,
    /// 被否决的投标
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disqualified: Vec<Disqualification>,
    /// 评标排序 of the valid bids
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<RankedBid>,
}

read_struct!(Opening {
    tender_id = "招标编号",
    opened_at = "开标时间",
    evaluation_date = "评标完成日期",
    bids = "开标的全部投标",
    disqualified: or_empty = "被否决的投标",
    ranking: or_empty = "评标排序",
});

impl Opening {
    /// Bidders whose bids were opened and not rejected (有效投标), in opening order.
    pub fn valid_bidders(&self) -> Vec<&Uscc> {
        self.bids.iter().map(|b| &b.bidder).filter(|u| !self.disqualified.iter().any(|d| &d.bidder == *u)).collect()
    }
}

impl Validate for Opening {}
