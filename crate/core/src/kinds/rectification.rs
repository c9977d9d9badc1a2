//! 整改 rectification.

use super::fields::{self, str_enum, Actor, Hash256, Ident, Text};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 整改状态
    pub enum RectificationStatus ("a rectification status", "整改状态") {
        /// 已整改到位
        Completed = "completed" "已整改到位",
        /// 整改中
        InProgress = "in_progress" "整改中",
    }
}

/// 整改情况 the rectification of a problem, reported by the unit that did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rectification {
    /// 问题编号
    pub problem_id: Ident,
    /// 整改单位或部门
    pub rectified_by: Actor,
    #[serde(with = "fields::date")]
    pub rectification_date: Date,
    pub status: RectificationStatus,
    pub description: Text,
    /// 整改佐证材料 hash
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_hash: Option<Hash256>,
}

read_struct!(Rectification {
    problem_id = "问题编号",
    rectified_by = "整改单位或部门",
    rectification_date = "整改日期",
    status = "整改状态",
    description = "整改情况",
    evidence_hash = "整改佐证材料哈希",
});

impl Validate for Rectification {}
