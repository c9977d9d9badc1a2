//! 结算 settlement.

use super::fields::{self, DocNo, Fen};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 工程结算 the settled price of a contract after completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    /// 合同编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_no: Option<DocNo>,
    /// 送审金额 (as submitted by the contractor)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_fen: Option<Fen>,
    /// 结算金额 (as agreed)
    pub amount_fen: Fen,
    /// 预留质量保证金 (财建〔2022〕183号: at most 3% of the settlement)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_fen: Option<Fen>,
    /// 结算日期
    #[serde(with = "fields::date")]
    pub settlement_date: Date,
}

read_struct!(Settlement {
    contract_no = "合同编号",
    submitted_fen = "送审金额",
    amount_fen = "结算金额",
    retention_fen = "预留质量保证金",
    settlement_date = "结算日期",
});

impl Validate for Settlement {}
