//! 中标通知 award notice.

use super::fields::{self, Fen, Ident, PersonId, Uscc};
use super::opening::Disqualification;
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 中标通知书 award notice: the winner, the winning price and the field it was chosen from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Award {
    /// 招标编号
    pub tender_id: Ident,
    /// 中标人
    pub winner: Uscc,
    /// 中标价
    pub price_fen: Fen,
    /// 中标通知书发出日期
    #[serde(with = "fields::date")]
    pub notice_date: Date,
    /// 中标候选人, in rank order
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Uscc>,
    /// 被否决的投标 and the reasons
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disqualified: Vec<Disqualification>,
    /// 项目经理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_manager: Option<PersonId>,
    /// 工期 in calendar days
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<u32>,
}

read_struct!(Award {
    tender_id = "招标编号",
    winner = "中标人",
    price_fen = "中标价",
    notice_date = "中标通知书发出日期",
    candidates: or_empty = "中标候选人",
    disqualified: or_empty = "被否决的投标",
    project_manager = "项目经理",
    duration_days = "工期（日历天）",
});

impl Validate for Award {}
