//! The injected cases: which base project carries which violation, and the collusion rings.
//!
//! The base city has 48 projects (42 municipal, 6 real-estate) from 2018 to 2026, like the 48
//! projects the city's discipline commission spot-checked. About half carry injected cases (often
//! several on one problem project, as in reality); the rest are clean, with a few near misses that
//! a check must not flag (a re-approved estimate, a bid above the ceiling that was rejected, a failed
//! inspection followed by a pass, a small contract legitimately not tendered …).

use super::plan::Category;

/// One injected violation or one deliberate near miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Case {
    /// 概算超估算 10% 以上且未重新报批
    Cost01,
    /// 控制价超概算
    Cost02,
    /// 决算超概算 / 结算超合同加批准变更
    Cost03,
    /// 合同金额与中标价不一致
    Cost04,
    /// 超控制价投标未被否决
    Cost05,
    /// 审减率过高
    Cost06,
    /// 中标通知后逾期签约
    Contract01,
    /// 合同相对人不是中标人
    Contract02,
    /// 中标人分包给同标段未中标人
    Contract03,
    /// 履约保证金超过 10%
    Contract04,
    /// 未批先建
    Proc01,
    /// 先开工后办施工许可
    Proc02,
    /// 无用地、规划许可办理施工许可
    Proc03,
    /// 领证后逾期开工未延期
    Proc04,
    /// 应招未招（直接发包）
    Proc05Direct,
    /// 化整为零规避招标
    Proc05Split,
    /// 竣工验收备案逾期
    Proc06,
    /// 决算编报逾期
    Proc07,
    /// 质量问题未整改即验收
    Site01,
    /// 停工指令后继续施工
    Site02,
    /// 超合同支付
    Pay01,
    /// 向非合同相对人账户支付
    Pay02,
    /// 进度款超已完工程价值
    Pay03Progress,
    /// 质保金比例超 3%
    Pay03Retention,
    /// 预付款比例超出 10%–30%
    Pay04,
    /// 合同备案前付款
    Pay05,
    /// 投标人少于 3 家仍开标定标
    Bid09,
    /// 价格评审中最低价被否决
    Bid13,
    /// 投标期不足 20 日；澄清晚于截止前 15 日且未顺延
    Bid14,
    /// 中标候选人公示不足 3 日
    Bid15,
    /// 投标引用的注册证书已过期
    False01,
    /// 拟派项目经理在建未完
    False02,
    /// 虚构业绩
    False03,
    /// 问题逾期未整改
    Sup01,
    /// 整改记录单位与责任单位不符
    Sup02,
    /// Member tender of collusion ring 0..=3.
    Ring(u8),
    // Near misses on clean projects: records that look like a case but are lawful.
    /// 概算超估算 >10% but re-approved
    NearReapproval,
    /// a small works contract below the tender threshold, not tendered
    NearDirectSmall,
    /// a failed quality inspection followed by a pass
    NearFailThenPass,
    /// a stop order followed by a pass before works resume
    NearStopThenPass,
    /// start more than 3 months after the permit, with an extension
    NearPermitExtension,
    /// a bid above the ceiling, rejected
    NearAboveCeilingRejected,
    /// an unapproved change order that is not paid
    NearUnapprovedChange,
    /// the tender is split in two lots (标段)
    TwoLots,
    /// the tender is split in three lots (标段)
    ThreeLots,
}

/// One base project: approval year and months, category, cases.
pub struct BaseSpec {
    pub year: i32,
    pub months: (u32, u32),
    pub category: Category,
    pub cases: &'static [Case],
}

use Case::*;
use Category::*;

const fn spec(year: i32, months: (u32, u32), category: Category, cases: &'static [Case]) -> BaseSpec {
    BaseSpec { year, months, category, cases }
}

/// The 48 base projects (42 municipal, 6 real-estate).
pub const BASE: &[BaseSpec] = &[
    // 2018
    spec(2018, (3, 5), Road, &[]),
    spec(2018, (4, 6), Drainage, &[Cost04, Contract04]),
    spec(2018, (5, 8), School, &[]),
    spec(2018, (7, 10), Park, &[NearFailThenPass]),
    // 2019
    spec(2019, (2, 4), Road, &[Ring(0), ThreeLots]),
    spec(2019, (3, 6), Lighting, &[Bid09, Contract01]),
    spec(2019, (4, 6), RealEstate, &[Cost03, Proc06]),
    spec(2019, (5, 8), Park, &[Proc03, Site01]),
    spec(2019, (6, 9), Drainage, &[NearFailThenPass]),
    spec(2019, (8, 11), WaterSupply, &[]),
    // 2020
    spec(2020, (2, 4), School, &[Ring(1)]),
    spec(2020, (3, 5), Road, &[Ring(3)]),
    spec(2020, (4, 6), Drainage, &[Bid13, Cost01]),
    spec(2020, (5, 7), RealEstate, &[Cost05, Pay02]),
    spec(2020, (6, 8), River, &[Proc05Direct, Pay03Retention]),
    spec(2020, (8, 10), Hospital, &[]),
    // 2021
    spec(2021, (2, 4), School, &[Ring(1)]),
    spec(2021, (3, 5), Drainage, &[Ring(2)]),
    spec(2021, (4, 6), Bridge, &[Ring(3)]),
    spec(2021, (3, 6), School, &[False03, Cost06, Proc07]),
    spec(2021, (5, 8), Road, &[Contract02, Site02]),
    spec(2021, (7, 9), RealEstate, &[NearUnapprovedChange]),
    // 2022
    spec(2022, (2, 4), Drainage, &[Ring(2)]),
    spec(2022, (3, 5), Road, &[Ring(3)]),
    spec(2022, (4, 6), Park, &[Bid14, Bid15, Proc04]),
    spec(2022, (4, 7), Road, &[False01, Pay04, Sup01]),
    spec(2022, (5, 8), OldCommunity, &[Proc05Split]),
    spec(2022, (7, 9), Sewage, &[]),
    // 2023
    spec(2023, (2, 4), Road, &[Ring(3)]),
    spec(2023, (3, 5), Drainage, &[False02, Proc02]),
    spec(2023, (3, 6), School, &[Proc01, Pay03Progress]),
    spec(2023, (4, 7), Road, &[NearReapproval]),
    spec(2023, (5, 8), Lighting, &[NearDirectSmall]),
    spec(2023, (6, 9), RealEstate, &[NearAboveCeilingRejected]),
    // 2024
    spec(2024, (2, 4), Drainage, &[Contract03, Pay01, Sup02]),
    spec(2024, (3, 5), Road, &[TwoLots, NearStopThenPass]),
    spec(2024, (4, 6), School, &[NearPermitExtension]),
    spec(2024, (5, 7), OldCommunity, &[]),
    spec(2024, (6, 8), RealEstate, &[]),
    // 2025
    spec(2025, (1, 3), Road, &[Cost02, Pay05]),
    spec(2025, (2, 4), Drainage, &[]),
    spec(2025, (3, 5), RealEstate, &[]),
    spec(2025, (4, 6), Bridge, &[NearAboveCeilingRejected]),
    spec(2025, (6, 8), Road, &[]),
    // 2026
    spec(2026, (1, 2), Road, &[]),
    spec(2026, (4, 5), School, &[]),
    spec(2026, (7, 8), Park, &[]),
    spec(2026, (10, 10), Drainage, &[]),
];

/// The Art. 40 / screening pattern each ring uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RingPattern {
    /// 同一人编制投标文件 + 投标文件雷同 (same file hash), lots won in turn (BID-01, BID-05, BID-11)
    CompilerAndDocuments,
    /// 同一代理人 + 保证金同一账户 + 同一电脑/加密锁 (BID-02, BID-06, BID-07)
    AgentBondMachine,
    /// 法定代表人相同/控股关系 + 项目管理人员相同 + 报价等差 (BID-08, BID-03, BID-04)
    ControlTeamPrices,
    /// 陪标报价紧贴中标价 + 轮流中标 + 中标价贴近控制价 (BID-10, BID-11, BID-12)
    CoverBidsRotation,
}

pub struct RingSpec {
    pub pattern: RingPattern,
    pub members: usize,
    pub trade: super::firms::Trade,
}

pub const RINGS: &[RingSpec] = &[
    RingSpec { pattern: RingPattern::CompilerAndDocuments, members: 4, trade: super::firms::Trade::Municipal },
    RingSpec { pattern: RingPattern::AgentBondMachine, members: 3, trade: super::firms::Trade::Building },
    RingSpec { pattern: RingPattern::ControlTeamPrices, members: 3, trade: super::firms::Trade::Municipal },
    RingSpec { pattern: RingPattern::CoverBidsRotation, members: 5, trade: super::firms::Trade::Municipal },
];

impl Case {
    /// The check that must find this case (None for near misses and ring membership, whose
    /// checks depend on the ring's pattern).
    pub fn check(self) -> Option<&'static str> {
        Some(match self {
            Cost01 => "COST-01",
            Cost02 => "COST-02",
            Cost03 => "COST-03",
            Cost04 => "COST-04",
            Cost05 => "COST-05",
            Cost06 => "COST-06",
            Contract01 => "CONTRACT-01",
            Contract02 => "CONTRACT-02",
            Contract03 => "CONTRACT-03",
            Contract04 => "CONTRACT-04",
            Proc01 => "PROC-01",
            Proc02 => "PROC-02",
            Proc03 => "PROC-03",
            Proc04 => "PROC-04",
            Proc05Direct | Proc05Split => "PROC-05",
            Proc06 => "PROC-06",
            Proc07 => "PROC-07",
            Site01 => "SITE-01",
            Site02 => "SITE-02",
            Pay01 => "PAY-01",
            Pay02 => "PAY-02",
            Pay03Progress | Pay03Retention => "PAY-03",
            Pay04 => "PAY-04",
            Pay05 => "PAY-05",
            Bid09 => "BID-09",
            Bid13 => "BID-13",
            Bid14 => "BID-14",
            Bid15 => "BID-15",
            False01 => "FALSE-01",
            False02 => "FALSE-02",
            False03 => "FALSE-03",
            Sup01 => "SUP-01",
            Sup02 => "SUP-02",
            _ => return None,
        })
    }
}
