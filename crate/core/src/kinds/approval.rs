//! 立项 project approval.

use super::fields::{self, str_enum, DeptId, DocNo, Fen, Name, Text, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 项目类型 the kind of project.
    pub enum ProjectType ("a project type", "项目类型") {
        /// 市政工程
        Municipal = "municipal",
        /// 房屋建筑工程
        Housing = "housing",
        /// 房地产开发
        RealEstate = "real_estate",
        /// 交通工程
        Transport = "transport",
        /// 水利工程
        Water = "water",
        /// 能源工程
        Energy = "energy",
        /// 园林绿化工程
        Landscaping = "landscaping",
        /// 其他
        Other = "other",
    }
}

str_enum! {
    /// 审批文件 which document the approval is of.
    pub enum ApprovalStage ("an approval document type", "审批文件类型") {
        /// 项目建议书批复
        Proposal = "proposal",
        /// 可行性研究报告批复
        FeasibilityStudy = "feasibility_study",
        /// 核准 (enterprise investment)
        Verification = "verification",
        /// 备案 (enterprise investment)
        Filing = "filing",
        /// 调整/重新审批 a re-approval, e.g. after the design estimate exceeded the estimate (政府投资条例 第12条)
        Reapproval = "reapproval",
    }
}

str_enum! {
    /// 资金来源 where the money comes from.
    pub enum Funding ("a funding source", "资金来源") {
        /// 财政资金
        Government = "government",
        /// 国有企事业单位资金
        StateOwned = "state_owned",
        /// 国有与非国有混合
        Mixed = "mixed",
        /// 非国有资金
        Private = "private",
    }
}

/// 立项批复 project approval: the approving department (usually 发改) approves the project and its
/// investment estimate (估算总投资). A re-approval (`approval_stage = reapproval`) names the approval
/// it replaces in `supersedes_no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Approval {
    /// 项目名称
    pub project_name: Name,
    pub project_type: ProjectType,
    pub approval_stage: ApprovalStage,
    /// 审批部门
    pub approver_dept: DeptId,
    /// 批复文号, e.g. 潜发改审批〔2021〕12号
    pub approval_no: DocNo,
    #[serde(with = "fields::date")]
    pub approval_date: Date,
    /// 项目单位/建设单位
    pub owner: Uscc,
    /// 估算总投资
    pub estimate_fen: Fen,
    pub funding: Funding,
    /// 其中财政性资金 (part of the estimate paid from government funds)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub government_funds_fen: Option<Fen>,
    /// 依法必须招标 (the approval's tender scheme 招标方案 requires tendering)
    pub must_tender: bool,
    /// 被替代的批复文号 (for a re-approval)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supersedes_no: Option<DocNo>,
    /// 建设地点
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Name>,
    /// 建设规模及内容
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Text>,
}

read_struct!(Approval {
    project_name,
    project_type,
    approval_stage,
    approver_dept,
    approval_no,
    approval_date,
    owner,
    estimate_fen,
    funding,
    government_funds_fen,
    must_tender,
    supersedes_no,
    location,
    scale
});

impl Validate for Approval {}
