//! 竣工验收 completion acceptance.

use super::fields::{self, str_enum, Text, Uscc};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 验收结论
    pub enum AcceptanceResult ("an acceptance result", "验收结论") {
        /// 验收合格
        Pass = "pass" "验收合格",
        /// 验收不合格
        Fail = "fail" "验收不合格",
    }
}

/// 竣工验收 completion acceptance organised by the owner with the participating units
/// (质量条例 第16条). The units listed here are what claimed past performance is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletionAcceptance {
    /// 验收日期
    #[serde(with = "fields::date")]
    pub acceptance_date: Date,
    pub result: AcceptanceResult,
    /// 施工单位 (at least one)
    pub contractors: Vec<Uscc>,
    /// 监理单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<Uscc>,
    /// 设计单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub designer: Option<Uscc>,
    /// 勘察单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surveyor: Option<Uscc>,
    /// 验收意见
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<Text>,
}

read_struct!(CompletionAcceptance {
    acceptance_date = "验收日期",
    result = "验收结论",
    contractors = "施工单位",
    supervisor = "监理单位",
    designer = "设计单位",
    surveyor = "勘察单位",
    remarks = "验收意见",
});

impl Validate for CompletionAcceptance {
    fn validate(&self) -> Result<(), BodyError> {
        if self.contractors.is_empty() {
            return Err(BodyError::new(
                "$.contractors",
                "a list of at least one contractor (施工单位)",
                "至少包含一个施工单位的列表",
            ));
        }
        Ok(())
    }
}
