//! 报建 construction registration.

use super::fields::{self, DocNo, Fen, Text, Uscc};
use super::Validate;
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

/// 工程报建 registration of the project with housing and construction (住建) before tendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// 报建编号
    pub registration_no: DocNo,
    #[serde(with = "fields::date")]
    pub registration_date: Date,
    /// 建设单位
    pub owner: Uscc,
    /// 报建投资额
    #[serde(skip_serializing_if = "Option::is_none")]
    pub investment_fen: Option<Fen>,
    /// 建设规模
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Text>,
}

read_struct!(Registration {
    registration_no = "报建编号",
    registration_date = "报建日期",
    owner = "建设单位",
    investment_fen = "报建投资额",
    scale = "建设规模",
});

impl Validate for Registration {}
