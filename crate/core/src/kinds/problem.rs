//! 问题 problem found by supervision.

use super::fields::{self, str_enum, Actor, Ident, ProjectCode, Text};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 严重程度
    pub enum Severity ("a severity", "严重程度") {
        Low = "low" "轻微",
        Medium = "medium" "一般",
        High = "high" "严重",
    }
}

str_enum! {
    /// 问题类别 (the city's review families)
    pub enum ProblemCategory ("a problem category", "问题类别") {
        /// 造价
        Cost = "cost" "造价",
        /// 围标串标
        Bidding = "bidding" "围标串标",
        /// 证书业绩/虚假投标
        Certificates = "certificates" "证书业绩/虚假投标",
        /// 合同签订
        Contract = "contract" "合同签订",
        /// 用地和施工手续
        Permits = "permits" "用地和施工手续",
        /// 施工管理
        ConstructionManagement = "construction_management" "施工管理",
        /// 资金拨付
        Payment = "payment" "资金拨付",
        /// 其他
        Other = "other" "其他",
    }
}

impl ProblemCategory {
    /// Names for the board and the bulletins (the seed's five common classes, and ours).
    pub fn name(self) -> crate::checks::Bilingual {
        let (zh, en) = match self {
            Self::Cost => ("造价", "cost"),
            Self::Bidding => ("围标串标", "bid rigging"),
            Self::Certificates => ("证书业绩/虚假投标", "certificates and performance"),
            Self::Contract => ("合同签订", "contracts"),
            Self::Permits => ("用地和施工手续", "land and construction procedures"),
            Self::ConstructionManagement => ("施工管理", "construction management"),
            Self::Payment => ("资金拨付", "payments"),
            Self::Other => ("其他", "other"),
        };
        crate::checks::Bilingual { zh, en }
    }
}

impl Severity {
    pub fn name(self) -> crate::checks::Bilingual {
        let (zh, en) = match self {
            Self::Low => ("轻微", "low"),
            Self::Medium => ("一般", "medium"),
            Self::High => ("严重", "high"),
        };
        crate::checks::Bilingual { zh, en }
    }
}

/// 问题线索/检查发现的问题 a problem found by supervision, with who must rectify it and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// 问题编号: rectifications cite it
    pub problem_id: Ident,
    /// 所属联合监管任务
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<Ident>,
    /// 发现日期
    #[serde(with = "fields::date")]
    pub found_date: Date,
    /// 整改责任单位或部门
    pub responsible: Actor,
    pub category: ProblemCategory,
    pub severity: Severity,
    pub description: Text,
    /// 整改期限
    #[serde(with = "fields::date")]
    pub due_date: Date,
    /// 发现该问题的一致性检查, e.g. BID-07
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_id: Option<Ident>,
    /// 比对的数值 the values the finding compared, as the raiser states them
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared: Option<Text>,
    /// 整改建议
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Text>,
    /// 涉及的其他项目 (a finding across tenders or projects; the record's own project comes first)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectCode>,
}

read_struct!(Problem {
    problem_id = "问题编号",
    task_id = "所属联合监管任务",
    found_date = "发现日期",
    responsible = "整改责任单位或部门",
    category = "问题类别",
    severity = "严重程度",
    description = "问题描述",
    due_date = "整改期限",
    check_id = "发现该问题的一致性检查",
    compared = "比对的数值",
    suggestion = "整改建议",
    projects: or_empty = "涉及的其他项目",
});

impl Validate for Problem {
    fn validate(&self) -> Result<(), BodyError> {
        super::not_before(self.due_date, self.found_date, "$.due_date", "found_date")
    }
}
