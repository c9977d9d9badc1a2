//! What identifies a row (its natural key), what a row cites by natural key, and the column names
//! departments' own tables use for the same members.
//!
//! These are import rules, not schema: the verifier cites records by statement id; a table cites
//! them by the numbers people write down (招标编号, 合同编号, 问题编号).

use qinglian_core::kinds::Kind;

/// The envelope member that carries the project code (项目代码), as a column path.
pub const PROJECT: &str = "project";

/// The envelope member that carries the record's time (记录时间), as a column path: optional,
/// for back-filling a department's history with the times it recorded; else the import's time.
pub const TIME: &str = "time";

/// The members whose values identify a record of `kind` among its log's records: importing a
/// row whose key is already signed either appends nothing (same content) or is `ROW_CHANGED`.
/// `project` is the envelope's project code.
pub fn natural_key(kind: Kind) -> &'static [&'static str] {
    // Document numbers (批复文号, 证书编号, 变更编号 …) are unique within a project, not across
    // the city: each owner numbers its own change orders from BG-2020-001.
    match kind {
        Kind::Approval | Kind::DesignEstimate => &[PROJECT, "approval_no"],
        Kind::LandPermit | Kind::PlanningPermit | Kind::ConstructionPermit => &[PROJECT, "permit_no"],
        Kind::Registration => &[PROJECT, "registration_no"],
        Kind::Tender | Kind::Opening | Kind::Candidates | Kind::Award => &["tender_id"],
        Kind::Bid => &["tender_id", "bidder"],
        Kind::Contract => &["contract_no"],
        Kind::WorksStart => &[PROJECT, "contract_no", "start_date"],
        Kind::Progress => &[PROJECT, "contract_no", "report_date"],
        Kind::ChangeOrder => &[PROJECT, "change_no"],
        Kind::Inspection => &[PROJECT, "inspection_type", "inspection_date", "notice_no"],
        Kind::Payment => &[PROJECT, "payment_no", "contract_no", "payee", "paid_date", "amount_fen", "payment_type"],
        Kind::CompletionAcceptance => &[PROJECT, "acceptance_date"],
        Kind::CompletionFiling => &[PROJECT, "filing_no"],
        Kind::Settlement => &[PROJECT, "contract_no", "settlement_date"],
        Kind::FinalAccounts => &[PROJECT, "report_date"],
        Kind::Audit => &[PROJECT, "report_no"],
        Kind::Qualification => &["certificate_no"],
        Kind::Company => &["uscc", "snapshot_date"],
        Kind::SupervisionTask => &["task_id"],
        Kind::Problem => &["problem_id"],
        Kind::Rectification => &["problem_id", "rectification_date", "status"],
        Kind::RectificationReview => &["problem_id", "review_date", "decision"],
    }
}

/// A member that names another record by its natural key; the import resolves it to that
/// record's statement id (the envelope's `refs`), or refuses the row with `REF_UNRESOLVED`.
/// When both records carry a project code, the target must be of the same project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub member: &'static str,
    pub target: Kind,
    pub target_member: &'static str,
}

const TENDER: Reference = Reference { member: "tender_id", target: Kind::Tender, target_member: "tender_id" };
const CONTRACT: Reference = Reference { member: "contract_no", target: Kind::Contract, target_member: "contract_no" };

/// What a record of `kind` cites. Every target kind comes earlier in [`Kind::ALL`] than the kinds
/// that cite it, so citations never form a cycle and [`crate::plan::sign`] can always sign a
/// cited row first.
pub fn references(kind: Kind) -> &'static [Reference] {
    match kind {
        Kind::Bid | Kind::Opening | Kind::Candidates | Kind::Award | Kind::Contract => &[TENDER],
        Kind::WorksStart | Kind::Progress | Kind::ChangeOrder | Kind::Payment | Kind::Settlement => &[CONTRACT],
        Kind::Problem => &[Reference { member: "task_id", target: Kind::SupervisionTask, target_member: "task_id" }],
        Kind::Rectification | Kind::RectificationReview => {
            &[Reference { member: "problem_id", target: Kind::Problem, target_member: "problem_id" }]
        }
        _ => &[],
    }
}

/// Other names for a column, as the national data specification and the trading platforms' exports
/// write them. Matched like the column's own names (spaces, `*`, units and case ignored).
pub fn aliases(kind: Kind, path: &str) -> &'static [&'static str] {
    match (kind, path) {
        (_, PROJECT) => &["项目编码", "国家投资项目代码", "项目统一代码", "投资项目统一代码", "project_code"],
        (_, "tender_id") => &["招标项目编号", "标段编号", "标段（包）编号", "招标编号/标段编号"],
        (_, "contract_no") => &["合同号"],
        (Kind::Bid, "bidder") => &["投标人统一社会信用代码", "投标单位", "投标单位统一社会信用代码"],
        (Kind::Bid, "price_fen") => &["投标价格", "投标总价", "投标报价金额"],
        (Kind::Tender, "ceiling_price_fen") => &["最高投标限价", "招标控制价", "控制价"],
        (Kind::Tender, "owner") => &["招标人统一社会信用代码", "招标单位"],
        (Kind::Award, "winner") => &["中标单位", "中标人统一社会信用代码"],
        (Kind::Award, "price_fen") => &["中标金额", "中标价格"],
        (Kind::Contract, "amount_fen") => &["合同金额"],
        (Kind::Payment, "payee") => &["收款人", "收款单位统一社会信用代码"],
        (Kind::Payment, "amount_fen") => &["拨付金额", "付款金额"],
        (Kind::Payment, "paid_date") => &["拨付日期", "付款日期"],
        (Kind::Approval, "estimate_fen") => &["总投资", "估算投资"],
        (Kind::DesignEstimate, "estimate_fen") => &["概算投资", "概算金额"],
        (Kind::FinalAccounts, "amount_fen") => &["决算金额"],
        (Kind::Settlement, "amount_fen") => &["结算价"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qinglian_core::kinds::schema::{body_members, Shape};

    fn has_member(kind: Kind, name: &str) -> bool {
        name == PROJECT || body_members(kind).iter().any(|m| m.name == name)
    }

    #[test]
    fn keys_and_references_name_real_members() {
        for &kind in Kind::ALL {
            for k in natural_key(kind) {
                assert!(has_member(kind, k), "{kind}: key member {k}");
            }
            for r in references(kind) {
                assert!(has_member(kind, r.member), "{kind}: reference member {}", r.member);
                assert!(natural_key(r.target).contains(&r.target_member), "{kind} cites {} by its key", r.target);
                assert!(r.target < kind, "{kind} cites {}, which must be signed first", r.target);
            }
        }
    }

    #[test]
    fn key_members_are_scalars() {
        // A key is read from single cells, so child sheets can repeat it.
        for &kind in Kind::ALL {
            for m in body_members(kind).iter().filter(|m| natural_key(kind).contains(&m.name)) {
                assert!(matches!(m.shape.required_part(), Shape::Scalar(_)), "{kind}.{}", m.name);
            }
        }
    }
}
