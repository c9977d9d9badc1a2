//! 资质/注册证书 qualification or registration certificate.

use super::fields::{self, str_enum, DocNo, Name, Party, Uscc};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 证书类别
    pub enum CertType ("a certificate type", "证书类别") {
        /// 建筑业企业资质
        ConstructionEnterprise = "construction_enterprise" "建筑业企业资质",
        /// 工程设计资质
        Design = "design" "工程设计资质",
        /// 工程勘察资质
        Survey = "survey" "工程勘察资质",
        /// 工程监理资质
        Supervision = "supervision" "工程监理资质",
        /// 工程造价咨询
        CostConsulting = "cost_consulting" "工程造价咨询",
        /// 安全生产许可证
        SafetyLicence = "safety_licence" "安全生产许可证",
        /// 注册建造师
        RegisteredConstructor = "registered_constructor" "注册建造师",
        /// 注册造价工程师
        RegisteredCostEngineer = "registered_cost_engineer" "注册造价工程师",
        /// 注册监理工程师
        RegisteredSupervisor = "registered_supervisor" "注册监理工程师",
        /// 安全生产考核合格证 (三类人员)
        SafetyAssessment = "safety_assessment" "安全生产考核合格证",
        /// 其他
        Other = "other" "其他",
    }
}

/// 资质证书/执业注册证书 a company qualification or a person's professional registration, with its
/// validity. Bids cite certificates by `certificate_no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Qualification {
    /// 持证单位或个人
    pub holder: Party,
    /// 证书编号
    pub certificate_no: DocNo,
    pub cert_type: CertType,
    /// 专业, e.g. 市政公用工程
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specialty: Option<Name>,
    /// 等级, e.g. 一级, 甲级
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Name>,
    /// 注册单位 (for a person's registration: the firm it is registered with)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer: Option<Uscc>,
    /// 发证机关
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Name>,
    #[serde(with = "fields::date")]
    pub valid_from: Date,
    /// 有效期至 (inclusive)
    #[serde(with = "fields::date")]
    pub valid_to: Date,
    /// 撤销/注销日期
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub revoked_date: Option<Date>,
}

read_struct!(Qualification {
    holder = "持证单位或个人",
    certificate_no = "证书编号",
    cert_type = "证书类型",
    specialty = "专业",
    grade = "等级",
    employer = "注册单位",
    issuer = "发证机关",
    valid_from = "有效期起",
    valid_to = "有效期至",
    revoked_date = "撤销/注销日期",
});

impl Qualification {
    /// Whether the certificate was in force on `date` (within its validity and not yet revoked).
    pub fn is_valid_on(&self, date: Date) -> bool {
        self.valid_from <= date && date <= self.valid_to && self.revoked_date.is_none_or(|r| date < r)
    }
}

impl Validate for Qualification {
    fn validate(&self) -> Result<(), BodyError> {
        super::not_before(self.valid_to, self.valid_from, "$.valid_to", "valid_from")
    }
}
