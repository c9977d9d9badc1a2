//! 投标 bid.

use super::fields::{
    self, str_enum, Account, DocNo, Fen, Hash256, Ident, Ip, MacAddr, Party, PersonId, ProjectCode, Serial, Uscc,
};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::{Date, Timestamp};
use serde::Serialize;

str_enum! {
    /// 项目管理机构成员岗位 role in the proposed project-management team.
    pub enum TeamRole ("a project-team role", "项目管理机构岗位") {
        /// 技术负责人
        TechnicalLead = "technical_lead" "技术负责人",
        /// 施工员
        ConstructionOfficer = "construction_officer" "施工员",
        /// 质量员
        QualityOfficer = "quality_officer" "质量员",
        /// 安全员
        SafetyOfficer = "safety_officer" "安全员",
        /// 造价员
        CostEngineer = "cost_engineer" "造价员",
        /// 材料员
        MaterialsOfficer = "materials_officer" "材料员",
        /// 资料员
        Documentation = "documentation" "资料员",
        /// 其他
        Other = "other" "其他",
    }
}

/// 项目管理机构成员 a member of the proposed project-management team (besides the project manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamMember {
    pub person: PersonId,
    pub role: TeamRole,
}

read_struct!(TeamMember {
    person = "人员注册证书编号",
    role = "岗位",
});

str_enum! {
    /// 投标保证金形式
    pub enum BondMethod ("a bid bond form", "投标保证金形式") {
        /// 银行转账 (must come from the bidder's basic account, 条例 第26条)
        Transfer = "transfer" "银行转账",
        /// 银行保函
        BankGuarantee = "bank_guarantee" "银行保函",
        /// 保证保险
        Insurance = "insurance" "保证保险",
    }
}

/// 投标保证金 the bid bond and who paid it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BidBond {
    pub method: BondMethod,
    /// 缴纳单位 (should be the bidder itself)
    pub payer: Uscc,
    /// 缴纳账户 (required for a transfer)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
    pub amount_fen: Fen,
}

read_struct!(BidBond {
    method = "缴纳形式",
    payer = "缴纳单位",
    account = "缴纳账户",
    amount_fen = "保证金金额",
});

/// 投标文件上传/编制机器特征码 the fingerprint of the machine that uploaded the bid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Machine {
    pub mac: MacAddr,
    pub cpu_serial: Serial,
    pub disk_serial: Serial,
    pub ip: Ip,
}

read_struct!(Machine {
    mac = "MAC 地址",
    cpu_serial = "CPU 序列号",
    disk_serial = "硬盘序列号",
    ip = "IP 地址",
});

str_enum! {
    /// 业绩中的角色 the firm's role on a past project it claims as performance.
    pub enum PerformanceRole ("a role on a past project", "业绩中的角色") {
        /// 施工总承包/施工承包
        Contractor = "contractor" "施工总承包/施工承包",
        /// 专业分包
        Subcontractor = "subcontractor" "专业分包",
        /// 设计
        Designer = "designer" "设计",
        /// 监理
        Supervisor = "supervisor" "监理",
        /// 勘察
        Surveyor = "surveyor" "勘察",
    }
}

/// 类似工程业绩 past performance claimed by the bidder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimedPerformance {
    pub project_code: ProjectCode,
    pub role: PerformanceRole,
    /// 竣工日期 as claimed
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub completed_date: Option<Date>,
    /// 合同金额 as claimed
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<Fen>,
}

read_struct!(ClaimedPerformance {
    project_code = "业绩项目代码",
    role = "业绩中的角色",
    completed_date = "竣工日期",
    amount_fen = "合同金额",
});

/// 投标文件 a bid, as received by the trading centre's e-bidding system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bid {
    /// 招标编号
    pub tender_id: Ident,
    /// 投标人 (the lead member of a consortium)
    pub bidder: Uscc,
    /// 联合体其他成员
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consortium: Vec<Uscc>,
    /// 投标报价
    pub price_fen: Fen,
    /// 递交时间
    #[serde(with = "fields::timestamp")]
    pub submitted_at: Timestamp,
    /// 拟派项目经理 (注册建造师)
    pub project_manager: PersonId,
    /// 项目管理机构其他成员
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub project_team: Vec<TeamMember>,
    /// 投标文件编制人 (person or unit)
    pub compiler: Party,
    /// 投标事宜代理人 (a unit or person handling the bid on the bidder's behalf)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bond: Option<BidBond>,
    /// 投标文件 hash
    pub document_hash: Hash256,
    /// 组成文件 hashes (商务标, 技术标, 工程量清单计价文件 …)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_hashes: Vec<Hash256>,
    /// 上传机器特征码
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<Machine>,
    /// 计价软件加密锁号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pricing_lock_id: Option<Serial>,
    /// 资质证书/注册证书编号 invoked by the bid
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<DocNo>,
    /// 类似工程业绩
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claimed_performance: Vec<ClaimedPerformance>,
}

read_struct!(Bid {
    tender_id = "招标编号",
    bidder = "投标人",
    consortium: or_empty = "联合体其他成员",
    price_fen = "投标报价",
    submitted_at = "递交时间",
    project_manager = "拟派项目经理",
    project_team: or_empty = "项目班子",
    compiler = "投标文件编制人",
    agent = "投标事宜代理人",
    bond = "投标保证金",
    document_hash = "投标文件哈希",
    file_hashes: or_empty = "组成文件哈希",
    machine = "上传机器特征码",
    pricing_lock_id = "计价软件加密锁号",
    qualifications: or_empty = "资质证书/注册证书编号",
    claimed_performance: or_empty = "类似工程业绩",
});

impl Validate for Bid {
    fn validate(&self) -> Result<(), BodyError> {
        if let Some(bond) = &self.bond {
            if bond.method == BondMethod::Transfer && bond.account.is_none() {
                return Err(BodyError::new(
                    "$.bond.account",
                    "the paying bank account (required when the bond is paid by transfer)",
                    "缴纳账户（以转账方式缴纳保证金时必填）",
                ));
            }
        }
        Ok(())
    }
}
