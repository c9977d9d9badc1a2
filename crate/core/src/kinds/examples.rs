//! One valid, realistic body per kind, all about the same demo project in 潜江 (429005):
//! a municipal road project approved in March 2021, tendered in July–August 2021 and audited in 2023.
//! Taken together they are consistent (dates in order, amounts within limits, the same parties).

use super::Kind;
use serde_json::{json, Value};

/// 建设单位 (the city's construction investment company)
pub const OWNER: &str = "91429005MA49ABC12R";
/// 潜江市发展和改革委员会 (a government department also has a USCC)
pub const FGW: &str = "11429005MB1234567K";
/// Three bidders; the first wins.
pub const BIDDER_A: &str = "91429005MA49DEF340";
pub const BIDDER_B: &str = "91429005MA49GHK56U";
pub const BIDDER_C: &str = "91429005MA49LMN781";
/// 招标代理机构
pub const AGENT: &str = "91420100MA4KPQR90F";
/// 监理单位
pub const SUPERVISOR: &str = "91429005MA4A2B3C4W";
/// 设计单位
pub const DESIGNER: &str = "91429005MA4A5D6E7Y";
/// 审计中介机构
pub const AUDITOR: &str = "91429005MA4AX1Y2TQ";
/// 国家投资项目代码 of the demo project
pub const PROJECT: &str = "2021-429005-48-01-000123";
/// 招标编号
pub const TENDER: &str = "QJ-JS-2021-017-01";
/// 合同编号
pub const CONTRACT: &str = "QJCT-SG-2021-0088";
/// 注册建造师 of the winning bidder's project manager
pub const PM: &str = "鄂142181900123";

/// A valid, minimal-but-realistic body for `kind` (a JSON object, without the `kind` tag).
pub fn example_body(kind: Kind) -> Value {
    match kind {
        Kind::Approval => json!({
            "project_name": "潜江市园林路东延道路工程",
            "project_type": "municipal",
            "approval_stage": "feasibility_study",
            "approver_dept": "fgw",
            "approval_no": "潜发改审批〔2021〕12号",
            "approval_date": "2021-03-04",
            "owner": OWNER,
            "estimate_fen": 1_200_000_000_i64,
            "funding": "government",
            "government_funds_fen": 1_200_000_000_i64,
            "must_tender": true,
            "location": "潜江市园林街道"
        }),
        Kind::DesignEstimate => json!({
            "estimate_fen": 1_260_000_000_i64,
            "construction_cost_fen": 1_120_000_000_i64,
            "approver_dept": "fgw",
            "approval_no": "潜发改审批〔2021〕31号",
            "approval_date": "2021-05-10",
            "design_unit": DESIGNER
        }),
        Kind::LandPermit => json!({
            "permit_no": "地字第429005202100012号",
            "issue_date": "2021-06-01",
            "holder": OWNER,
            "area_m2": 38_500,
            "land_use": "城市道路用地"
        }),
        Kind::PlanningPermit => json!({
            "permit_no": "建字第429005202100034号",
            "issue_date": "2021-06-20",
            "holder": OWNER,
            "land_permit_no": "地字第429005202100012号"
        }),
        Kind::Registration => json!({
            "registration_no": "BJ-429005-2021-0456",
            "registration_date": "2021-07-01",
            "owner": OWNER,
            "investment_fen": 1_260_000_000_i64
        }),
        Kind::Tender => json!({
            "tender_id": TENDER,
            "title": "潜江市园林路东延道路工程施工",
            "category": "works",
            "method": "open",
            "evaluation": "comprehensive",
            "owner": OWNER,
            "agent": AGENT,
            "ceiling_price_fen": 1_100_000_000_i64,
            "bid_bond_fen": 20_000_000,
            "published_date": "2021-07-15",
            "bid_deadline": "2021-08-10T09:30:00+08:00",
            "clarifications": [{"date": "2021-07-22"}]
        }),
        Kind::Bid => json!({
            "tender_id": TENDER,
            "bidder": BIDDER_A,
            "price_fen": 1_045_678_912_i64,
            "submitted_at": "2021-08-09T16:20:00+08:00",
            "project_manager": PM,
            "project_team": [{"person": "pid:3f9a0c1b2d4e5f60", "role": "technical_lead"}],
            "compiler": {"person": "pid:8c1d2e3f40516273"},
            "bond": {"method": "transfer", "payer": BIDDER_A, "account": "42001234567890123456", "amount_fen": 20_000_000},
            "document_hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "machine": {
                "mac": "00:1a:2b:3c:4d:5e",
                "cpu_serial": "BFEBFBFF000906EA",
                "disk_serial": "WD-WCC4E1234567",
                "ip": "10.20.30.40"
            },
            "pricing_lock_id": "GLD-7712345",
            "qualifications": ["D242123456"],
            "claimed_performance": [{"project_code": "2018-429005-48-01-000045", "role": "contractor"}]
        }),
        Kind::Opening => json!({
            "tender_id": TENDER,
            "opened_at": "2021-08-10T09:30:00+08:00",
            "evaluation_date": "2021-08-10",
            "bids": [
                {"bidder": BIDDER_A, "price_fen": 1_045_678_912_i64},
                {"bidder": BIDDER_B, "price_fen": 1_071_200_000_i64},
                {"bidder": BIDDER_C, "price_fen": 1_098_350_000_i64}
            ],
            "ranking": [
                {"rank": 1, "bidder": BIDDER_A, "score_centi": 9_235},
                {"rank": 2, "bidder": BIDDER_B, "score_centi": 8_870},
                {"rank": 3, "bidder": BIDDER_C, "score_centi": 8_412}
            ]
        }),
        Kind::Candidates => json!({
            "tender_id": TENDER,
            "candidates": [
                {"rank": 1, "bidder": BIDDER_A, "price_fen": 1_045_678_912_i64, "project_manager": PM},
                {"rank": 2, "bidder": BIDDER_B, "price_fen": 1_071_200_000_i64},
                {"rank": 3, "bidder": BIDDER_C, "price_fen": 1_098_350_000_i64}
            ],
            "publicity_start": "2021-08-12",
            "publicity_end": "2021-08-15"
        }),
        Kind::Award => json!({
            "tender_id": TENDER,
            "winner": BIDDER_A,
            "price_fen": 1_045_678_912_i64,
            "notice_date": "2021-08-18",
            "candidates": [BIDDER_A, BIDDER_B, BIDDER_C],
            "project_manager": PM,
            "duration_days": 365
        }),
        Kind::Contract => json!({
            "contract_no": CONTRACT,
            "tender_id": TENDER,
            "category": "works",
            "employer": OWNER,
            "contractor": BIDDER_A,
            "amount_fen": 1_045_678_912_i64,
            "signing_date": "2021-09-01",
            "period_start": "2021-09-20",
            "period_end": "2022-09-19",
            "filing_date": "2021-09-05",
            "performance_bond_fen": 52_283_945,
            "project_manager": PM,
            "contractor_account": "42001234567890123456"
        }),
        Kind::ConstructionPermit => json!({
            "permit_no": "429005202109100101",
            "issue_date": "2021-09-10",
            "owner": OWNER,
            "contractor": BIDDER_A,
            "project_manager": PM,
            "contract_amount_fen": 1_045_678_912_i64,
            "land_permit_no": "地字第429005202100012号",
            "planning_permit_no": "建字第429005202100034号"
        }),
        Kind::WorksStart => json!({
            "start_date": "2021-09-20",
            "contractor": BIDDER_A,
            "permit_no": "429005202109100101",
            "contract_no": CONTRACT
        }),
        Kind::Progress => json!({
            "report_date": "2022-01-31",
            "contract_no": CONTRACT,
            "completed_value_fen": 380_000_000,
            "percent_complete": 3_634,
            "measured_by": SUPERVISOR
        }),
        Kind::ChangeOrder => json!({
            "change_no": "BG-2022-003",
            "contract_no": CONTRACT,
            "amount_delta_fen": 23_500_000,
            "approved": true,
            "approver": {"unit": OWNER},
            "change_date": "2022-03-01",
            "approval_date": "2022-03-08",
            "reason": "雨水管网改线，增加检查井 12 座"
        }),
        Kind::Inspection => json!({
            "inspection_type": "quality",
            "inspection_date": "2022-04-12",
            "result": "pass",
            "inspected_unit": BIDDER_A,
            "items": ["路基压实度抽检合格"]
        }),
        Kind::Payment => json!({
            "payment_no": "GK-2021-09-0173",
            "contract_no": CONTRACT,
            "payer": OWNER,
            "payee": BIDDER_A,
            "payee_account": "42001234567890123456",
            "amount_fen": 209_135_782,
            "payment_type": "advance",
            "paid_date": "2021-09-25"
        }),
        Kind::CompletionAcceptance => json!({
            "acceptance_date": "2022-09-15",
            "result": "pass",
            "contractors": [BIDDER_A],
            "supervisor": SUPERVISOR,
            "designer": DESIGNER
        }),
        Kind::CompletionFiling => json!({
            "filing_no": "JB-429005-2022-0311",
            "filing_date": "2022-09-25",
            "acceptance_date": "2022-09-15"
        }),
        Kind::Settlement => json!({
            "contract_no": CONTRACT,
            "submitted_fen": 1_150_000_000_i64,
            "amount_fen": 1_080_000_000_i64,
            "retention_fen": 30_000_000,
            "settlement_date": "2022-11-30"
        }),
        Kind::FinalAccounts => json!({
            "amount_fen": 1_190_000_000_i64,
            "report_date": "2022-12-10",
            "completion_date": "2022-09-15"
        }),
        Kind::Audit => json!({
            "report_no": "潜审投报〔2023〕8号",
            "report_date": "2023-04-10",
            "scope": "settlement",
            "submitted_amount_fen": 1_150_000_000_i64,
            "audited_amount_fen": 1_080_000_000_i64,
            "findings": ["部分工程量重复计算，审减 70 万元"],
            "auditor": AUDITOR
        }),
        Kind::Qualification => json!({
            "holder": {"unit": BIDDER_A},
            "certificate_no": "D242123456",
            "cert_type": "construction_enterprise",
            "specialty": "市政公用工程施工总承包",
            "grade": "二级",
            "issuer": "湖北省住房和城乡建设厅",
            "valid_from": "2019-06-01",
            "valid_to": "2024-05-31"
        }),
        Kind::Company => json!({
            "uscc": BIDDER_A,
            "name": "潜江市某某路桥建设有限公司",
            "legal_representative": "pid:5b7e9a1c3d2f4e60",
            "shareholders": [
                {"holder": {"person": "pid:5b7e9a1c3d2f4e60"}, "share_bp": 6_000},
                {"holder": {"unit": "91429005MA4A5D6E7Y"}, "share_bp": 4_000}
            ],
            "registered_capital_fen": 5_000_000_000_i64,
            "established_date": "2012-04-18",
            "status": "active",
            "snapshot_date": "2021-08-01"
        }),
        Kind::SupervisionTask => json!({
            "task_id": "JW-LH-2024-003",
            "title": "市政工程项目招投标专项检查",
            "lead_dept": "jw",
            "participating_depts": ["sjj", "zjj", "jyzx"],
            "scope": "2018 年以来市政工程项目招投标及合同履约情况",
            "projects": [PROJECT],
            "start_date": "2024-03-01",
            "due_date": "2024-06-30"
        }),
        Kind::Problem => json!({
            "problem_id": "JW-WT-2024-017",
            "task_id": "JW-LH-2024-003",
            "found_date": "2024-03-20",
            "responsible": {"unit": OWNER},
            "category": "construction_management",
            "severity": "medium",
            "description": "项目经理未按投标承诺常驻施工现场",
            "due_date": "2024-05-20"
        }),
        Kind::Rectification => json!({
            "problem_id": "JW-WT-2024-017",
            "rectified_by": {"unit": OWNER},
            "rectification_date": "2024-05-10",
            "status": "completed",
            "description": "已约谈施工单位，项目经理恢复驻场并建立考勤台账"
        }),
        Kind::RectificationReview => json!({
            "problem_id": "JW-WT-2024-017",
            "decision": "reopened",
            "review_date": "2024-05-15",
            "note": "考勤台账缺 4 月记录，请补齐后再报",
            "new_due_date": "2024-06-15"
        }),
    }
}
