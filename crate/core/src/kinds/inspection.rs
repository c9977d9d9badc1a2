//! 质量监督/安全监督 inspection.

use super::fields::{self, str_enum, DocNo, Text, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 监督类型
    pub enum InspectionType ("an inspection type", "监督检查类型") {
        /// 质量监督 (质监站)
        Quality = "quality" "质量监督",
        /// 安全监督 (安监站)
        Safety = "safety" "安全监督",
    }
}

str_enum! {
    /// 检查结论
    pub enum InspectionResult ("an inspection result", "检查结论") {
        /// 合格/同意复工
        Pass = "pass" "合格/同意复工",
        /// 不合格，限期整改
        Fail = "fail" "不合格，限期整改",
        /// 停工整改
        StopOrder = "stop_order" "停工整改",
    }
}

/// 监督检查记录 a quality or safety inspection by the supervision station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    pub inspection_type: InspectionType,
    #[serde(with = "fields::date")]
    pub inspection_date: Date,
    pub result: InspectionResult,
    /// 受检单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspected_unit: Option<Uscc>,
    /// 整改通知书/停工通知书编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_no: Option<DocNo>,
    /// 检查发现的问题
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Text>,
    /// 整改期限
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub rectify_by: Option<Date>,
}

read_struct!(Inspection {
    inspection_type = "监督类型",
    inspection_date = "检查日期",
    result = "检查结论",
    inspected_unit = "受检单位",
    notice_no = "整改通知书/停工通知书编号",
    items: or_empty = "检查发现的问题",
    rectify_by = "整改期限",
});

impl Validate for Inspection {}
