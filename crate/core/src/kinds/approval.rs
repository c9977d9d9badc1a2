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
        Municipal = "municipal" "市政工程",
        /// 房屋建筑工程
        Housing = "housing" "房屋建筑工程",
        /// 房地产开发
        RealEstate = "real_estate" "房地产开发",
        /// 交通工程
        Transport = "transport" "交通工程",
        /// 水利工程
        Water = "water" "水利工程",
        /// 能源工程
        Energy = "energy" "能源工程",
        /// 园林绿化工程
        Landscaping = "landscaping" "园林绿化工程",
        /// 其他
        Other = "other" "其他",
    }
}

str_enum! {
    /// 审批文件 which document the approval is of.
    pub enum ApprovalStage ("an approval document type", "审批文件类型") {
        /// 项目建议书批复
        Proposal = "proposal" "项目建议书批复",
        /// 可行性研究报告批复
        FeasibilityStudy = "feasibility_study" "可行性研究报告批复",
        /// 核准 (enterprise investment)
        Verification = "verification" "核准",
        /// 备案 (enterprise investment)
        Filing = "filing" "备案",
        /// 调整/重新审批 a re-approval, e.g. after the design estimate exceeded the estimate (政府投资条例 第12条)
        Reapproval = "reapproval" "调整/重新审批",
    }
}

str_enum! {
    /// 资金来源 where the money comes from.
    pub enum Funding ("a funding source", "资金来源") {
        /// 财政资金
        Government = "government" "财政资金",
        /// 国有企事业单位资金
        StateOwned = "state_owned" "国有企事业单位资金",
        /// 国有与非国有混合
        Mixed = "mixed" "国有与非国有混合",
        /// 非国有资金
        Private = "private" "非国有资金",
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
    project_name = "项目名称",
    project_type = "项目类型",
    approval_stage = "审批阶段",
    approver_dept = "审批部门",
    approval_no = "批复文号",
    approval_date = "批复日期",
    owner = "项目单位/建设单位",
    estimate_fen = "估算总投资",
    funding = "资金来源",
    government_funds_fen = "其中财政性资金",
    must_tender = "依法必须招标",
    supersedes_no = "被替代的批复文号",
    location = "建设地点",
    scale = "建设规模及内容",
});

impl Validate for Approval {}
