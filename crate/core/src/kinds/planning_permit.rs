//! 建设工程规划许可 construction planning permit.

use super::fields::{self, DocNo, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 建设工程规划许可证 construction planning permit, issued by 自然资源和规划.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanningPermit {
    /// 证书编号, e.g. 建字第429005202100034号
    pub permit_no: DocNo,
    #[serde(with = "fields::date")]
    pub issue_date: Date,
    /// 建设单位
    pub holder: Uscc,
    /// 所依据的建设用地规划许可证号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land_permit_no: Option<DocNo>,
    /// 建设规模 (floor area) in square metres
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor_area_m2: Option<u64>,
}

read_struct!(PlanningPermit {
    permit_no = "证书编号",
    issue_date = "发证日期",
    holder = "建设单位",
    land_permit_no = "所依据的建设用地规划许可证号",
    floor_area_m2 = "建筑面积（平方米）",
});

impl Validate for PlanningPermit {}
