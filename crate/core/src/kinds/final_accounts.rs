//! 决算 final accounts.

use super::fields::{self, DeptId, DocNo, Fen};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 竣工财务决算 the project's final accounts (财建〔2016〕503号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinalAccounts {
    /// 决算总投资
    pub amount_fen: Fen,
    /// 编报日期
    #[serde(with = "fields::date")]
    pub report_date: Date,
    /// 竣工日期 as stated
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub completion_date: Option<Date>,
    /// 批复文号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_no: Option<DocNo>,
    /// 批复日期
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub approval_date: Option<Date>,
    /// 批复部门
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approver_dept: Option<DeptId>,
}

read_struct!(FinalAccounts {
    amount_fen = "决算总投资",
    report_date = "编报日期",
    completion_date = "竣工日期",
    approval_no = "批复文号",
    approval_date = "批复日期",
    approver_dept = "批复部门",
});

impl Validate for FinalAccounts {}
