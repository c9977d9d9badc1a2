//! 资金拨付 fund disbursement.

use super::fields::{self, str_enum, Account, DocNo, Fen, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 款项类型
    pub enum PaymentType ("a payment type", "款项类型") {
        /// 预付款
        Advance = "advance" "预付款",
        /// 进度款
        Progress = "progress" "进度款",
        /// 结算款
        Final = "final" "结算款",
        /// 质量保证金返还
        Retention = "retention" "质量保证金返还",
    }
}

/// 资金拨付 a payment to a contractor or supplier (国库集中支付 or the owner's own payment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    /// 支付凭证号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_no: Option<DocNo>,
    /// 合同编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_no: Option<DocNo>,
    /// 付款单位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer: Option<Uscc>,
    /// 收款单位
    pub payee: Uscc,
    /// 收款账户
    pub payee_account: Account,
    pub amount_fen: Fen,
    pub payment_type: PaymentType,
    /// 截至本次累计已完工程价值 (for progress payments)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_value_fen: Option<Fen>,
    /// 支付日期
    #[serde(with = "fields::date")]
    pub paid_date: Date,
}

read_struct!(Payment {
    payment_no = "支付凭证号",
    contract_no = "合同编号",
    payer = "付款单位",
    payee = "收款单位",
    payee_account = "收款账户",
    amount_fen = "支付金额",
    payment_type = "款项类型",
    completed_value_fen = "截至本次累计已完工程价值",
    paid_date = "支付日期",
});

impl Validate for Payment {}
