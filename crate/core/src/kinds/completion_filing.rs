//! 竣工验收备案 completion filing.

use super::fields::{self, DocNo};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 竣工验收备案 filing of the completion acceptance with housing and construction (质量条例 第49条:
/// within 15 days of acceptance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletionFiling {
    /// 备案编号
    pub filing_no: DocNo,
    /// 备案日期
    #[serde(with = "fields::date")]
    pub filing_date: Date,
    /// 竣工验收日期 as stated in the filing
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub acceptance_date: Option<Date>,
}

read_struct!(CompletionFiling {
    filing_no = "备案编号",
    filing_date = "备案日期",
    acceptance_date = "竣工验收日期",
});

impl Validate for CompletionFiling {
    fn validate(&self) -> Result<(), BodyError> {
        match self.acceptance_date {
            Some(accepted) => super::not_before(self.filing_date, accepted, "$.filing_date", "acceptance_date"),
            None => Ok(()),
        }
    }
}
