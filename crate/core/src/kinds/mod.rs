//! Record kinds: the body schema of every kind of record a department signs.
//!
//! Each kind has its own module with one body struct (`approval::Approval`, `bid::Bid`, …). Bodies
//! are JSON objects with snake_case field names; every struct denies unknown fields; money is integer
//! fen in fields ending in `_fen`; dates are `YYYY-MM-DD` and instants RFC 3339 with an offset.
//! Field values are validated by the types in [`fields`] (统一社会信用代码 with its check character,
//! 国家投资项目代码, person ids that are never resident ID numbers, …).
//!
//! [`parse_body`] turns an envelope's kind and body into a typed [`Body`], or a [`BodyError`] with the
//! JSON path of the first problem and what was expected there, in English and Chinese.
//! [`example_body`] gives a valid, realistic body for every kind.

pub mod fields;
#[cfg(feature = "schema")]
pub mod schema;

pub mod approval;
pub mod audit;
pub mod award;
pub mod bid;
pub mod candidates;
pub mod change_order;
pub mod company;
pub mod completion_acceptance;
pub mod completion_filing;
pub mod construction_permit;
pub mod contract;
pub mod design_estimate;
pub mod final_accounts;
pub mod inspection;
pub mod land_permit;
pub mod opening;
pub mod payment;
pub mod planning_permit;
pub mod problem;
pub mod progress;
pub mod qualification;
pub mod rectification;
pub mod rectification_review;
pub mod registration;
pub mod settlement;
pub mod supervision_task;
pub mod tender;
pub mod works_start;

pub mod examples;
#[cfg(test)]
mod tests;

pub use examples::example_body;
pub use fields::{
    Account, Actor, BasisPoints, DeptId, DocNo, Fen, FenDelta, FieldError, Hash256, Ident, Ip, MacAddr, Name, Party,
    PersonId, ProjectCode, Serial, Text, Uscc,
};

use crate::time::Date;
use serde_json::Value;
use std::fmt;

/// Declares [`Kind`], [`Body`] and the parser dispatch from one table, so that they cannot drift.
/// The kind's wire name is its module name.
macro_rules! kinds {
    ($(
        $(#[$doc:meta])*
        $variant:ident => $module:ident :: $ty:ident,
        $zh:literal, $en:literal, stage $stage:literal, project $project:literal, dept $dept:literal;
    )+) => {
        /// A record kind. The order of the variants is the lifecycle order (registry kinds last).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $($(#[$doc])* $variant,)+
        }

        impl Kind {
            /// Every kind, in lifecycle order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),+];

            /// The wire name (`"approval"`, `"design_estimate"`, …).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Kind::$variant => stringify!($module),)+
                }
            }

            /// The Chinese title (`"立项"`).
            pub fn title_zh(self) -> &'static str {
                match self {
                    $(Kind::$variant => $zh,)+
                }
            }

            /// The English title (`"Project approval"`).
            pub fn title_en(self) -> &'static str {
                match self {
                    $(Kind::$variant => $en,)+
                }
            }

            /// Position in the project lifecycle, for timelines; 0 for registry and supervision
            /// kinds that are not a lifecycle stage.
            pub fn stage(self) -> u8 {
                match self {
                    $(Kind::$variant => $stage,)+
                }
            }

            /// Whether the record envelope must carry a project code. For the other kinds a
            /// project code is optional (a problem may concern a project or a department).
            pub fn needs_project(self) -> bool {
                match self {
                    $(Kind::$variant => $project,)+
                }
            }

            /// The department that usually signs this kind (the federation root decides who may).
            pub fn default_department(self) -> &'static str {
                match self {
                    $(Kind::$variant => $dept,)+
                }
            }
        }

        /// A typed record body. Serializes as the body's fields plus `"kind"`.
        // Boxed: the verifier retains one body per record, and an unboxed enum would cost its largest
        // variant (488 bytes) for every record, however small.
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Body {
            $($variant(Box<$module::$ty>),)+
            /// Validated, then dropped: a verifier run without checks keeps only what the integrity
            /// analysis reads (see [`crate::statement::Record::omit_body`]). Checks never see it.
            Omitted,
            /// A sealed body (密封, docs/format.md §4.2) not opened in this run: integrity is verified,
            /// the content is not readable here, so checks skip it.
            Sealed(Box<crate::sealed::SealedBody>),
        }

        impl Body {
            /// The kind of a typed body (`None` for [`Body::Omitted`]).
            pub fn kind(&self) -> Option<Kind> {
                match self {
                    $(Body::$variant(_) => Some(Kind::$variant),)+
                    Body::Omitted | Body::Sealed(_) => None,
                }
            }

            /// The body as a JSON object without the `"kind"` tag: what a producer puts in the
            /// record envelope, and what [`parse_body`] accepts back.
            pub fn to_value(&self) -> Value {
                let v = match self {
                    $(Body::$variant(b) => serde_json::to_value(b),)+
                    Body::Omitted => Ok(Value::Null),
                    Body::Sealed(s) => Ok(s.to_value()),
                };
                // Bodies hold only strings, integers, booleans, lists and objects: this cannot fail.
                v.unwrap_or(Value::Null)
            }
        }

        #[cfg(feature = "schema")]
        impl Kind {
            /// The shape of this kind's body, from its struct's declaration.
            pub(crate) fn body_shape(self) -> schema::Shape {
                match self {
                    $(Kind::$variant => <$module::$ty as schema::Describe>::shape(),)+
                }
            }
        }

        fn parse_typed(kind: Kind, body: &Value) -> Result<Body, BodyError> {
            match kind {
                $(Kind::$variant => typed::<$module::$ty>(body).map(|b| Body::$variant(Box::new(b))),)+
            }
        }
    };
}

kinds! {
    /// 立项 project approval (估算)
    Approval => approval::Approval, "立项", "Project approval", stage 1, project true, dept "fgw";
    /// 初步设计概算 preliminary design estimate (概算)
    DesignEstimate => design_estimate::DesignEstimate,
        "初步设计概算", "Preliminary design estimate", stage 2, project true, dept "fgw";
    /// 建设用地规划许可 land-use planning permit
    LandPermit => land_permit::LandPermit,
        "建设用地规划许可", "Land-use planning permit", stage 3, project true, dept "zrzy";
    /// 建设工程规划许可 construction planning permit
    PlanningPermit => planning_permit::PlanningPermit,
        "建设工程规划许可", "Construction planning permit", stage 4, project true, dept "zrzy";
    /// 报建 construction registration
    Registration => registration::Registration,
        "报建", "Construction registration", stage 5, project true, dept "zjj";
    /// 招标 tender (控制价)
    Tender => tender::Tender, "招标", "Tender", stage 6, project true, dept "jyzx";
    /// 投标 bid
    Bid => bid::Bid, "投标", "Bid", stage 7, project true, dept "jyzx";
    /// 开标评标 bid opening and evaluation
    Opening => opening::Opening, "开标评标", "Bid opening and evaluation", stage 8, project true, dept "jyzx";
    /// 中标候选人公示 publicity of the winning candidates
    Candidates => candidates::Candidates,
        "中标候选人公示", "Publicity of winning candidates", stage 9, project true, dept "jyzx";
    /// 中标通知 award notice
    Award => award::Award, "中标通知", "Award notice", stage 10, project true, dept "jyzx";
    /// 合同备案 contract filing
    Contract => contract::Contract, "合同备案", "Contract filing", stage 11, project true, dept "zjj";
    /// 施工许可 construction permit
    ConstructionPermit => construction_permit::ConstructionPermit,
        "施工许可", "Construction permit", stage 12, project true, dept "zjj";
    /// 开工 start of works
    WorksStart => works_start::WorksStart, "开工", "Start of works", stage 13, project true, dept "owner";
    /// 施工进度 progress report (已完工程价值)
    Progress => progress::Progress, "施工进度", "Progress report", stage 14, project true, dept "owner";
    /// 设计变更/签证 change order
    ChangeOrder => change_order::ChangeOrder, "工程变更", "Change order", stage 15, project true, dept "owner";
    /// 质量/安全监督 inspection
    Inspection => inspection::Inspection,
        "质量安全监督", "Quality or safety inspection", stage 16, project true, dept "zjz";
    /// 资金拨付 fund disbursement
    Payment => payment::Payment, "资金拨付", "Fund disbursement", stage 17, project true, dept "czj";
    /// 竣工验收 completion acceptance
    CompletionAcceptance => completion_acceptance::CompletionAcceptance,
        "竣工验收", "Completion acceptance", stage 18, project true, dept "owner";
    /// 竣工验收备案 completion filing
    CompletionFiling => completion_filing::CompletionFiling,
        "竣工验收备案", "Completion filing", stage 19, project true, dept "zjj";
    /// 结算 settlement
    Settlement => settlement::Settlement, "工程结算", "Settlement", stage 20, project true, dept "owner";
    /// 决算 final accounts
    FinalAccounts => final_accounts::FinalAccounts, "竣工决算", "Final accounts", stage 21, project true, dept "czj";
    /// 审计 audit
    Audit => audit::Audit, "审计", "Audit", stage 22, project true, dept "sjj";
    /// 资质/注册证书 qualification or registration certificate
    Qualification => qualification::Qualification,
        "资质/注册证书", "Qualification or registration", stage 0, project false, dept "zjj";
    /// 企业登记 company registry entry
    Company => company::Company, "企业登记", "Company registration", stage 0, project false, dept "scjg";
    /// 联合监管任务 joint supervision task
    SupervisionTask => supervision_task::SupervisionTask,
        "联合监管任务", "Joint supervision task", stage 0, project false, dept "jw";
    /// 问题 problem found by supervision
    Problem => problem::Problem, "问题", "Problem found", stage 0, project false, dept "jw";
    /// 整改 rectification
    Rectification => rectification::Rectification, "整改", "Rectification", stage 0, project false, dept "owner";
    /// 整改复核 confirmation or reopening of a rectification by the raising department
    RectificationReview => rectification_review::RectificationReview,
        "整改复核", "Rectification review", stage 0, project false, dept "jw";
}

impl Kind {
    /// The kind with this wire name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Body {
    /// The date the record is about (approval date, bid submission day, signing date, payment
    /// date …), for timelines and ordering. Instants give their local calendar date.
    pub fn event_date(&self) -> Date {
        match self {
            Body::Approval(b) => b.approval_date,
            Body::DesignEstimate(b) => b.approval_date,
            Body::LandPermit(b) => b.issue_date,
            Body::PlanningPermit(b) => b.issue_date,
            Body::Registration(b) => b.registration_date,
            Body::Tender(b) => b.published_date,
            Body::Bid(b) => b.submitted_at.local_date(),
            Body::Opening(b) => b.opened_at.local_date(),
            Body::Candidates(b) => b.publicity_start,
            Body::Award(b) => b.notice_date,
            Body::Contract(b) => b.signing_date,
            Body::ConstructionPermit(b) => b.issue_date,
            Body::WorksStart(b) => b.start_date,
            Body::Progress(b) => b.report_date,
            Body::ChangeOrder(b) => b.change_date,
            Body::Inspection(b) => b.inspection_date,
            Body::Payment(b) => b.paid_date,
            Body::CompletionAcceptance(b) => b.acceptance_date,
            Body::CompletionFiling(b) => b.filing_date,
            Body::Settlement(b) => b.settlement_date,
            Body::FinalAccounts(b) => b.report_date,
            Body::Audit(b) => b.report_date,
            Body::Qualification(b) => b.valid_from,
            Body::Company(b) => b.snapshot_date,
            Body::SupervisionTask(b) => b.start_date,
            Body::Problem(b) => b.found_date,
            Body::Rectification(b) => b.rectification_date,
            Body::RectificationReview(b) => b.review_date,
            Body::Omitted | Body::Sealed(_) => Date(0),
        }
    }

    /// The tender (招标编号) the record belongs to, for the kinds that cite one.
    pub fn tender_id(&self) -> Option<&Ident> {
        match self {
            Body::Tender(b) => Some(&b.tender_id),
            Body::Bid(b) => Some(&b.tender_id),
            Body::Opening(b) => Some(&b.tender_id),
            Body::Candidates(b) => Some(&b.tender_id),
            Body::Award(b) => Some(&b.tender_id),
            Body::Contract(b) => b.tender_id.as_ref(),
            _ => None,
        }
    }

    /// The contract (合同编号) the record belongs to, for the kinds that cite one.
    pub fn contract_no(&self) -> Option<&DocNo> {
        match self {
            Body::Contract(b) => Some(&b.contract_no),
            Body::WorksStart(b) => b.contract_no.as_ref(),
            Body::Progress(b) => b.contract_no.as_ref(),
            Body::ChangeOrder(b) => b.contract_no.as_ref(),
            Body::Payment(b) => b.contract_no.as_ref(),
            Body::Settlement(b) => b.contract_no.as_ref(),
            _ => None,
        }
    }
}

/// A body that does not match its kind's schema: where, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    /// JSON path from the body's root, e.g. `$.bidders[2].uscc` (`$` is the body itself).
    pub path: String,
    /// What was expected, in English (a noun phrase such as "an integer amount in fen (分)").
    pub expected_en: String,
    /// What was expected, in Chinese.
    pub expected_zh: String,
}

impl BodyError {
    pub fn new(path: impl Into<String>, expected_en: impl Into<String>, expected_zh: impl Into<String>) -> Self {
        BodyError { path: path.into(), expected_en: expected_en.into(), expected_zh: expected_zh.into() }
    }

    /// "at $.price_fen: expected an integer amount in fen (分)"
    pub fn message_en(&self) -> String {
        format!("at {}: expected {}", self.path, self.expected_en)
    }

    /// "$.price_fen 处应为以分为单位的整数金额"
    pub fn message_zh(&self) -> String {
        format!("{} 处应为{}", self.path, self.expected_zh)
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_en(), self.message_zh())
    }
}

impl std::error::Error for BodyError {}

/// Rules that relate several fields of one body (a period that ends before it starts, shares above
/// 100%). Rules across records are consistency checks, not schema.
pub trait Validate {
    fn validate(&self) -> Result<(), BodyError> {
        Ok(())
    }
}

/// `later` must not be before `earlier` (the field named `earlier_field`).
pub(crate) fn not_before(later: Date, earlier: Date, path: &str, earlier_field: &str) -> Result<(), BodyError> {
    if later >= earlier {
        Ok(())
    } else {
        Err(BodyError::new(
            path,
            format!("a date not before `{earlier_field}` ({earlier})"),
            format!("不早于 `{earlier_field}`（{earlier}）的日期"),
        ))
    }
}

fn typed<T: crate::read::FromJson + Validate>(body: &Value) -> Result<T, BodyError> {
    let t = T::from_json(body).map_err(crate::read::ReadError::into_body_error)?;
    t.validate()?;
    Ok(t)
}

/// Parse and validate the body of a record of `kind`. Never panics; the error names the JSON path
/// of the first problem found.
pub fn parse_body(kind: Kind, body: &Value) -> Result<Body, BodyError> {
    if !body.is_object() {
        return Err(BodyError::new("$", "a JSON object (the record body)", "JSON 对象（记录正文）"));
    }
    parse_typed(kind, body)
}
