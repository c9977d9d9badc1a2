//! 决算 final accounts.

use super::fields::{self, DeptId, DocNo, Fen};
use super::Validate;
use crate::time::Date;
use serde::{Deserialize, Serialize};

/// 竣工财务决算 the project's final accounts (财建〔2016〕503号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalAccounts {
    /// 决算总投资
    pub amount_fen: Fen,
    /// 编报日期
    #[serde(with = "fields::date")]
    pub report_date: Date,
    /// 竣工日期 as stated
    #[serde(default, skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub completion_date: Option<Date>,
    /// 批复文号
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_no: Option<DocNo>,
    /// 批复日期
    #[serde(default, skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub approval_date: Option<Date>,
    /// 批复部门
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver_dept: Option<DeptId>,
}

impl Validate for FinalAccounts {}
