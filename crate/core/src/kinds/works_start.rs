//! 开工 start of works.

use super::fields::{self, DocNo, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 开工报告 the actual start of works on site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorksStart {
    /// 实际开工日期
    #[serde(with = "fields::date")]
    pub start_date: Date,
    /// 施工单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contractor: Option<Uscc>,
    /// 施工许可证编号 relied on
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permit_no: Option<DocNo>,
    /// 合同编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_no: Option<DocNo>,
}

read_struct!(WorksStart {
    start_date = "实际开工日期",
    contractor = "施工单位",
    permit_no = "施工许可证编号",
    contract_no = "合同编号",
});

impl Validate for WorksStart {}
