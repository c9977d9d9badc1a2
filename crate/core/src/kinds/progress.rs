//! 施工进度/计量 progress report.

use super::fields::{self, BasisPoints, DocNo, Fen, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 工程进度及计量报告 a progress report with the value of work completed so far (已完工程价值),
/// as measured by the supervisor (监理). Checks read it for payments against completed value and
/// for works continuing after a stop order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// 报告日期
    #[serde(with = "fields::date")]
    pub report_date: Date,
    /// 合同编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_no: Option<DocNo>,
    /// 累计完成工程价值 (cumulative)
    pub completed_value_fen: Fen,
    /// 形象进度
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<BasisPoints>,
    /// 计量单位 (usually the supervisor 监理单位)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<Uscc>,
}

read_struct!(Progress {
    report_date = "报告日期",
    contract_no = "合同编号",
    completed_value_fen = "累计完成工程价值",
    percent_complete = "形象进度",
    measured_by = "计量单位",
});

impl Validate for Progress {}
