//! 企业登记 company registry entry.

use super::fields::{self, str_enum, BasisPoints, Fen, Name, Party, PersonId, Uscc};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 登记状态
    pub enum CompanyStatus ("a registration status", "登记状态") {
        /// 存续
        Active = "active" "存续",
        /// 吊销
        Revoked = "revoked" "吊销",
        /// 注销
        Cancelled = "cancelled" "注销",
    }
}

/// 股东 a shareholder and its share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shareholder {
    pub holder: Party,
    /// 持股比例 in basis points (10000 = 100%)
    pub share_bp: BasisPoints,
}

read_struct!(Shareholder {
    holder = "股东",
    share_bp = "持股比例",
});

/// 企业登记信息 a snapshot of a company's registration (市场监管): legal representative and owners,
/// which the collusion checks use to find bidders under common control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Company {
    pub uscc: Uscc,
    /// 企业名称
    pub name: Name,
    /// 法定代表人
    pub legal_representative: PersonId,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shareholders: Vec<Shareholder>,
    /// 实际控制人
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_controller: Option<Party>,
    /// 注册资本
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_capital_fen: Option<Fen>,
    /// 成立日期
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub established_date: Option<Date>,
    pub status: CompanyStatus,
    /// 信息截至日期
    #[serde(with = "fields::date")]
    pub snapshot_date: Date,
}

read_struct!(Company {
    uscc = "统一社会信用代码",
    name = "企业名称",
    legal_representative = "法定代表人",
    shareholders: or_empty = "股东",
    actual_controller = "实际控制人",
    registered_capital_fen = "注册资本",
    established_date = "成立日期",
    status = "登记状态",
    snapshot_date = "信息截至日期",
});

impl Validate for Company {
    fn validate(&self) -> Result<(), BodyError> {
        let mut total = 0u32;
        for (i, s) in self.shareholders.iter().enumerate() {
            if self.shareholders[..i].iter().any(|t| t.holder == s.holder) {
                return Err(BodyError::new(
                    format!("$.shareholders[{i}].holder"),
                    "a shareholder not already listed (one entry per holder)",
                    "未重复列出的股东（每个股东仅一条）",
                ));
            }
            total += u32::from(s.share_bp.get());
            if total > 10_000 {
                return Err(BodyError::new(
                    format!("$.shareholders[{i}].share_bp"),
                    "shares adding up to at most 10000 basis points (100%)",
                    "合计不超过 10000 个基点（100%）的持股比例",
                ));
            }
        }
        Ok(())
    }
}
