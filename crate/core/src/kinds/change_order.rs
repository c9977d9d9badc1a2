//! 变更 change order.

use super::fields::{self, Actor, DocNo, FenDelta, Text};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 工程变更/签证 a change order and its effect on the contract amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeOrder {
    /// 变更编号
    pub change_no: DocNo,
    /// 合同编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_no: Option<DocNo>,
    /// 变更金额 (signed)
    pub amount_delta_fen: FenDelta,
    /// 是否经批准
    pub approved: bool,
    /// 审批单位/部门
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approver: Option<Actor>,
    /// 变更日期
    #[serde(with = "fields::date")]
    pub change_date: Date,
    /// 批准日期
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub approval_date: Option<Date>,
    /// 变更原因
    pub reason: Text,
}

read_struct!(ChangeOrder {
    change_no = "变更编号",
    contract_no = "合同编号",
    amount_delta_fen = "变更金额",
    approved = "是否经批准",
    approver = "审批单位/部门",
    change_date = "变更日期",
    approval_date = "批准日期",
    reason = "变更原因",
});

impl Validate for ChangeOrder {}
