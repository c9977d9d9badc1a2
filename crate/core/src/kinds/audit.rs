//! 审计 audit.

use super::fields::{self, str_enum, DocNo, Fen, Text, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 审计对象
    pub enum AuditScope ("an audit scope", "审计对象") {
        /// 结算审计
        Settlement = "settlement" "结算审计",
        /// 竣工决算审计
        FinalAccounts = "final_accounts" "竣工决算审计",
        /// 跟踪审计
        Tracking = "tracking" "跟踪审计",
        /// 其他
        Other = "other" "其他",
    }
}

/// 审计报告 an audit of the settlement or final accounts: what was submitted (送审) and what the
/// auditor accepted (审定); the difference is the audit reduction (审减).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// 审计报告文号
    pub report_no: DocNo,
    #[serde(with = "fields::date")]
    pub report_date: Date,
    pub scope: AuditScope,
    /// 送审金额
    pub submitted_amount_fen: Fen,
    /// 审定金额
    pub audited_amount_fen: Fen,
    /// 审计发现的问题
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Text>,
    /// 受托中介机构
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auditor: Option<Uscc>,
}

read_struct!(Audit {
    report_no = "审计报告文号",
    report_date = "审计报告日期",
    scope = "审计类型",
    submitted_amount_fen = "送审金额",
    audited_amount_fen = "审定金额",
    findings: or_empty = "审计发现的问题",
    auditor = "受托中介机构",
});

impl Validate for Audit {}
