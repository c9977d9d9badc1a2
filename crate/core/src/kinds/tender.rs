//! 招标 tender.

use super::fields::{self, str_enum, Fen, Hash256, Ident, Name, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::{Date, Timestamp};
use serde::Serialize;

str_enum! {
    /// 采购类别 what is procured (the must-tender thresholds differ per category).
    pub enum Category ("a procurement category", "采购类别") {
        /// 施工
        Works = "works" "施工",
        /// 与工程建设有关的货物
        Goods = "goods" "与工程建设有关的货物",
        /// 勘察、设计、监理等服务
        Services = "services" "勘察、设计、监理等服务",
    }
}

str_enum! {
    /// 招标方式
    pub enum TenderMethod ("a tender method", "招标方式") {
        /// 公开招标
        Open = "open" "公开招标",
        /// 邀请招标
        Invited = "invited" "邀请招标",
    }
}

str_enum! {
    /// 评标办法
    pub enum Evaluation ("an evaluation method", "评标办法") {
        /// 经评审的最低投标价法
        PriceOnly = "price_only" "经评审的最低投标价法",
        /// 综合评估法
        Comprehensive = "comprehensive" "综合评估法",
    }
}

/// 澄清或者修改 a clarification or amendment of the tender documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clarification {
    /// 发出日期
    #[serde(with = "fields::date")]
    pub date: Date,
    /// 顺延后的投标截止时间, if the deadline was extended
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_timestamp")]
    pub extended_deadline: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_hash: Option<Hash256>,
}

read_struct!(Clarification {
    date = "发出日期",
    extended_deadline = "顺延后的投标截止时间",
    document_hash = "澄清文件哈希",
});

/// 招标公告/招标文件 a tender (one lot 标段), published through the trading centre (公共资源交易中心).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tender {
    /// 招标编号/标段编号: bids, opening, candidates, award and contract cite it
    pub tender_id: Ident,
    /// 招标项目名称
    pub title: Name,
    /// 标段名称
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lot_name: Option<Name>,
    pub category: Category,
    pub method: TenderMethod,
    pub evaluation: Evaluation,
    /// 招标人
    pub owner: Uscc,
    /// 招标代理机构
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<Uscc>,
    /// 最高投标限价/招标控制价
    pub ceiling_price_fen: Fen,
    /// 施工图预算
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_fen: Option<Fen>,
    /// 投标保证金 required of each bidder
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bid_bond_fen: Option<Fen>,
    /// 招标文件开始发出之日
    #[serde(with = "fields::date")]
    pub published_date: Date,
    /// 投标截止时间 (as first published; clarifications may extend it)
    #[serde(with = "fields::timestamp")]
    pub bid_deadline: Timestamp,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clarifications: Vec<Clarification>,
    /// 受邀投标人 (invited tenders)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invited: Vec<Uscc>,
    /// 招标文件 hash
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_hash: Option<Hash256>,
}

read_struct!(Tender {
    tender_id = "招标编号",
    title = "招标项目名称",
    lot_name = "标段名称",
    category = "招标类别",
    method = "招标方式",
    evaluation = "评标办法",
    owner = "招标人",
    agent = "招标代理机构",
    ceiling_price_fen = "最高投标限价/招标控制价",
    budget_fen = "施工图预算",
    bid_bond_fen = "投标保证金",
    published_date = "招标文件开始发出之日",
    bid_deadline = "投标截止时间",
    clarifications: or_empty = "澄清修改",
    invited: or_empty = "受邀投标人",
    document_hash = "招标文件哈希",
});

impl Tender {
    /// The deadline after the last extension (投标截止时间).
    pub fn effective_deadline(&self) -> Timestamp {
        self.clarifications.iter().filter_map(|c| c.extended_deadline).fold(self.bid_deadline, Ord::max)
    }
}

impl Validate for Tender {}
