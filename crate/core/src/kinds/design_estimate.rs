//! 初步设计概算 preliminary design estimate.

use super::fields::{self, DeptId, DocNo, Fen, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 初步设计及概算批复 approval of the preliminary design and its estimate (概算). A revised estimate
/// (调整概算) names the approval it replaces in `supersedes_no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DesignEstimate {
    /// 概算总投资
    pub estimate_fen: Fen,
    /// 其中建筑安装工程费 (the works part, which a tender's ceiling price is compared with)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub construction_cost_fen: Option<Fen>,
    /// 审批部门
    pub approver_dept: DeptId,
    /// 批复文号
    pub approval_no: DocNo,
    #[serde(with = "fields::date")]
    pub approval_date: Date,
    /// 设计单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub design_unit: Option<Uscc>,
    /// 被替代的概算批复文号 (for a revised estimate)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supersedes_no: Option<DocNo>,
}

read_struct!(DesignEstimate {
    estimate_fen = "概算总投资",
    construction_cost_fen = "其中建筑安装工程费",
    approver_dept = "审批部门",
    approval_no = "批复文号",
    approval_date = "概算批复日期",
    design_unit = "设计单位",
    supersedes_no = "被替代的概算批复文号",
});

impl Validate for DesignEstimate {}
