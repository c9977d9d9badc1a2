//! 合同备案 contract filing.

use super::fields::{self, str_enum, Account, DocNo, Fen, Ident, Name, PersonId, Uscc};
use super::tender::Category;
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 可以不进行招标的情形 why a contract was awarded without a tender (法 第66条; 条例 第9条).
    pub enum TenderExemption ("a reason for not tendering", "可以不招标的情形") {
        /// 涉及国家安全、国家秘密
        NationalSecurity = "national_security" "涉及国家安全、国家秘密",
        /// 抢险救灾
        Emergency = "emergency" "抢险救灾",
        /// 以工代赈、需要使用农民工
        WorkRelief = "work_relief" "以工代赈、需要使用农民工",
        /// 需要采用不可替代的专利或者专有技术
        Patent = "patent" "需要采用不可替代的专利或者专有技术",
        /// 采购人依法能够自行建设、生产或者提供
        SelfSupply = "self_supply" "采购人依法能够自行建设、生产或者提供",
        /// 特许经营项目投资人依法能够自行建设、生产或者提供
        Concessionaire = "concessionaire" "特许经营项目投资人依法能够自行建设、生产或者提供",
        /// 需要向原中标人采购，否则将影响施工或者功能配套要求
        FollowOn = "follow_on" "需要向原中标人采购，否则将影响施工或者功能配套要求",
        /// 未达到必须招标的规模标准
        BelowThreshold = "below_threshold" "未达到必须招标的规模标准",
        /// 国家规定的其他特殊情形
        Other = "other" "国家规定的其他特殊情形",
    }
}

/// 分包 a subcontract let by the contractor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subcontract {
    pub subcontractor: Uscc,
    pub amount_fen: Fen,
    /// 分包内容
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Name>,
}

read_struct!(Subcontract {
    subcontractor = "分包单位",
    amount_fen = "分包金额",
    scope = "分包内容",
});

/// 合同备案 a contract as filed with housing and construction (住建). A contract without `tender_id`
/// was awarded directly; it should then say why in `no_tender_reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    /// 合同编号: payments, change orders and settlements cite it
    pub contract_no: DocNo,
    /// 招标编号 (absent = awarded without a tender)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tender_id: Option<Ident>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_tender_reason: Option<TenderExemption>,
    pub category: Category,
    /// 发包人
    pub employer: Uscc,
    /// 承包人
    pub contractor: Uscc,
    /// 合同价款
    pub amount_fen: Fen,
    /// 签订日期
    #[serde(with = "fields::date")]
    pub signing_date: Date,
    /// 计划开工日期
    #[serde(with = "fields::date")]
    pub period_start: Date,
    /// 计划竣工日期
    #[serde(with = "fields::date")]
    pub period_end: Date,
    /// 备案日期
    #[serde(with = "fields::date")]
    pub filing_date: Date,
    /// 履约保证金
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_bond_fen: Option<Fen>,
    /// 项目经理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_manager: Option<PersonId>,
    /// 承包人收款账户 as agreed in the contract
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contractor_account: Option<Account>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subcontracts: Vec<Subcontract>,
}

read_struct!(Contract {
    contract_no = "合同编号",
    tender_id = "招标编号",
    no_tender_reason = "不招标理由",
    category = "合同类别",
    employer = "发包人",
    contractor = "承包人",
    amount_fen = "合同价款",
    signing_date = "签订日期",
    period_start = "计划开工日期",
    period_end = "计划竣工日期",
    filing_date = "备案日期",
    performance_bond_fen = "履约保证金",
    project_manager = "项目经理",
    contractor_account = "承包人收款账户",
    subcontracts: or_empty = "分包",
});

impl Validate for Contract {
    fn validate(&self) -> Result<(), BodyError> {
        super::not_before(self.period_end, self.period_start, "$.period_end", "period_start")
    }
}
