//! 建设用地规划许可 land-use planning permit.

use super::fields::{self, DocNo, Name, Uscc};
use super::Validate;
use crate::time::Date;
use serde::{Deserialize, Serialize};

/// 建设用地规划许可证 land-use planning permit, issued by 自然资源和规划.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LandPermit {
    /// 证书编号, e.g. 地字第429005202100012号
    pub permit_no: DocNo,
    #[serde(with = "fields::date")]
    pub issue_date: Date,
    /// 用地单位
    pub holder: Uscc,
    /// 用地面积 in square metres
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_m2: Option<u64>,
    /// 用地性质
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_use: Option<Name>,
    /// 用地位置
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Name>,
}

impl Validate for LandPermit {}
