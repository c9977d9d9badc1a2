//! 整改复核 review of a rectification by the department that raised the problem.

use super::fields::{self, str_enum, Ident, Text};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 复核结论
    pub enum ReviewDecision ("a review decision", "复核结论") {
        /// 确认整改到位
        Confirmed = "confirmed" "确认整改到位",
        /// 重新整改
        Reopened = "reopened" "重新整改",
    }
}

/// 整改复核 the raising department's answer to a rectification: confirmed, or reopened with a new
/// due date. Its `refs` cite the rectification reviewed; who may sign it is checked by SUP-03/04.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RectificationReview {
    /// 问题编号
    pub problem_id: Ident,
    pub decision: ReviewDecision,
    #[serde(with = "fields::date")]
    pub review_date: Date,
    /// 复核意见
    pub note: Text,
    /// 重新整改期限 (only when reopened)
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub new_due_date: Option<Date>,
}

read_struct!(RectificationReview {
    problem_id = "问题编号",
    decision = "复核结论",
    review_date = "复核日期",
    note = "复核意见",
    new_due_date = "重新整改期限",
});

impl Validate for RectificationReview {
    fn validate(&self) -> Result<(), BodyError> {
        match (self.decision, self.new_due_date) {
            (ReviewDecision::Confirmed, Some(_)) => Err(BodyError::new(
                "$.new_due_date",
                "a new due date only with decision reopened",
                "仅在重新整改时给出重新整改期限",
            )),
            (ReviewDecision::Reopened, Some(due)) => {
                super::not_before(due, self.review_date, "$.new_due_date", "review_date")
            }
            _ => Ok(()),
        }
    }
}
