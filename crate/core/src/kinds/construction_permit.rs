//! 施工许可 construction permit.

use super::fields::{self, DocNo, Fen, PersonId, Uscc};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 建筑工程施工许可证 construction permit (建筑法 第7–9条). It cites the land-use and planning
/// permits it rests on; an extension (延期) is recorded as a new record with the same `permit_no`
/// and `extension_until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConstructionPermit {
    /// 施工许可证编号
    pub permit_no: DocNo,
    #[serde(with = "fields::date")]
    pub issue_date: Date,
    /// 建设单位
    pub owner: Uscc,
    /// 施工单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contractor: Option<Uscc>,
    /// 项目经理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_manager: Option<PersonId>,
    /// 合同价格
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_amount_fen: Option<Fen>,
    /// 建设用地规划许可证号 (absent = none was presented)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land_permit_no: Option<DocNo>,
    /// 建设工程规划许可证号 (absent = none was presented)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning_permit_no: Option<DocNo>,
    /// 延期至 (建筑法 第9条: start within 3 months or apply for an extension)
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub extension_until: Option<Date>,
}

read_struct!(ConstructionPermit {
    permit_no = "施工许可证编号",
    issue_date = "发证日期",
    owner = "建设单位",
    contractor = "施工单位",
    project_manager = "项目经理",
    contract_amount_fen = "合同价格",
    land_permit_no = "建设用地规划许可证号",
    planning_permit_no = "建设工程规划许可证号",
    extension_until = "延期至",
});

impl Validate for ConstructionPermit {
    fn validate(&self) -> Result<(), BodyError> {
        match self.extension_until {
            Some(until) => super::not_before(until, self.issue_date, "$.extension_until", "issue_date"),
            None => Ok(()),
        }
    }
}
