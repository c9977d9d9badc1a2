//! 建设用地规划许可 land-use planning permit.

use super::fields::{self, DocNo, Name, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 建设用地规划许可证 land-use planning permit, issued by 自然资源和规划.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LandPermit {
    /// 证书编号, e.g. 地字第429005202100012号
    pub permit_no: DocNo,
    #[serde(with = "fields::date")]
    pub issue_date: Date,
    /// 用地单位
    pub holder: Uscc,
    /// 用地面积 in square metres
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_m2: Option<u64>,
    /// 用地性质
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land_use: Option<Name>,
    /// 用地位置
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Name>,
}

read_struct!(LandPermit {
    permit_no = "证书编号",
    issue_date = "发证日期",
    holder = "用地单位",
    area_m2 = "用地面积（平方米）",
    land_use = "用地性质",
    location = "用地位置",
});

impl Validate for LandPermit {}
