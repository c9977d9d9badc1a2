//! 潜江市 (Qianjiang, Hubei, 429005): its departments, their keys and the federation trust root
//! (version 1 in 2018, version 2 in 2023 when the housing bureau 住建局 rotated its key).

use super::model::{at, day};
use crate::crypto::{age_keys, Digest, SecretKey};
use crate::federation;
use crate::kinds::fields::Uscc;
use crate::kinds::Kind;
use crate::produce::{self, SignedStatement};
use serde_json::{json, Value};

pub const FEDERATION: &str = "qianjiang-429005";
pub const ADMIN_CODE: &str = "429005";

pub struct Dept {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub kinds: &'static [Kind],
}

use Kind::*;

const OWNER_KINDS: &[Kind] =
    &[WorksStart, Progress, ChangeOrder, CompletionAcceptance, Settlement, Payment, Rectification];

/// Every department of the federation, each writing one log `<id>/main`.
pub const DEPTS: &[Dept] = &[
    Dept {
        id: "fgw",
        zh: "潜江市发展和改革委员会",
        en: "Qianjiang Development and Reform Commission",
        kinds: &[Approval, DesignEstimate, Rectification],
    },
    Dept {
        id: "zrzy",
        zh: "潜江市自然资源和规划局",
        en: "Qianjiang Natural Resources and Planning Bureau",
        kinds: &[LandPermit, PlanningPermit, Rectification],
    },
    Dept {
        id: "zjj",
        zh: "潜江市住房和城乡建设局",
        en: "Qianjiang Housing and Urban-Rural Development Bureau",
        kinds: &[Registration, Contract, ConstructionPermit, CompletionFiling, Qualification, Rectification],
    },
    Dept {
        id: "jyzx",
        zh: "潜江市公共资源交易中心",
        en: "Qianjiang Public Resources Trading Centre",
        kinds: &[Tender, Bid, Opening, Candidates, Award, Rectification],
    },
    Dept {
        id: "czj",
        zh: "潜江市财政局",
        en: "Qianjiang Finance Bureau",
        kinds: &[Payment, FinalAccounts, Rectification],
    },
    Dept {
        id: "sjj",
        zh: "潜江市审计局",
        en: "Qianjiang Audit Bureau",
        kinds: &[Audit, SupervisionTask, Problem, RectificationReview],
    },
    Dept {
        id: "zjz",
        zh: "潜江市建设工程质量监督站",
        en: "Qianjiang Construction Quality Supervision Station",
        kinds: &[Inspection],
    },
    Dept {
        id: "ajz",
        zh: "潜江市建筑安全监督站",
        en: "Qianjiang Construction Safety Supervision Station",
        kinds: &[Inspection],
    },
    Dept {
        id: "scjg", zh: "潜江市市场监督管理局", en: "Qianjiang Market Regulation Bureau", kinds: &[Company]
    },
    Dept {
        id: "jw",
        zh: "中共潜江市纪律检查委员会 潜江市监察委员会",
        en: "Qianjiang Commission for Discipline Inspection and Supervisory Commission",
        kinds: &[SupervisionTask, Problem, RectificationReview],
    },
    Dept {
        id: "ctjt",
        zh: "潜江城市建设投资集团有限公司",
        en: "Qianjiang Urban Construction Investment Group",
        kinds: OWNER_KINDS,
    },
    Dept {
        id: "jtjt",
        zh: "潜江市交通投资建设有限公司",
        en: "Qianjiang Transport Investment and Construction Co.",
        kinds: OWNER_KINDS,
    },
    Dept { id: "swjt", zh: "潜江市水务集团有限公司", en: "Qianjiang Water Group", kinds: OWNER_KINDS },
    Dept {
        id: "cfzy", zh: "潜江城发置业有限公司", en: "Qianjiang Chengfa Real Estate Co.", kinds: OWNER_KINDS
    },
];

/// The department whose key rotates in root version 2.
pub const ROTATING: &str = "zjj";

/// A project owner (建设单位): a department of the federation that is also a company with a USCC.
#[derive(Debug, Clone)]
pub struct Owner {
    pub dept: &'static str,
    pub uscc: String,
    pub name: &'static str,
    /// Prefix of its contract numbers, e.g. QJCT
    pub prefix: &'static str,
}

pub fn owners() -> Vec<Owner> {
    let mk = |dept, org: &str, name, prefix| Owner {
        dept,
        uscc: Uscc::with_check_digit(&format!("91{ADMIN_CODE}{org}")).map(|u| u.to_string()).unwrap_or_default(),
        name,
        prefix,
    };
    vec![
        mk("ctjt", "MA49CT7Q2", "潜江城市建设投资集团有限公司", "QJCT"),
        mk("jtjt", "MA49JT3K8", "潜江市交通投资建设有限公司", "QJJT"),
        mk("swjt", "MA49HW5N1", "潜江市水务集团有限公司", "QJSW"),
        mk("cfzy", "MA49CF8R6", "潜江城发置业有限公司", "QJCF"),
    ]
}

/// Deterministic department keys: generation 0 is the 2018 key, generation 1 the rotated one.
pub fn dept_key(seed: u64, dept: &str, generation: u8) -> SecretKey {
    let d = Digest::of(&[b"qinglian-demo-key/v1", &seed.to_le_bytes(), dept.as_bytes(), &[generation]]);
    SecretKey::from_seed(&d.0)
}

pub struct Keys {
    /// Index = position in [`DEPTS`]; generation-0 keys.
    pub v1: Vec<SecretKey>,
    /// The rotating department's new key.
    pub rotated: SecretKey,
}

impl Keys {
    pub fn new(seed: u64) -> Keys {
        Keys { v1: DEPTS.iter().map(|d| dept_key(seed, d.id, 0)).collect(), rotated: dept_key(seed, ROTATING, 1) }
    }

    pub fn index(dept: &str) -> usize {
        DEPTS.iter().position(|d| d.id == dept).unwrap_or(0)
    }
}

fn dept_spec(d: &Dept, keys: Vec<Value>) -> Value {
    json!({
        "id": d.id,
        "keys": keys,
        "kinds": d.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "name": {"en": d.en, "zh": d.zh},
    })
}

pub const THRESHOLD: u64 = 3;

/// Root version 1 (2018), signed by every department.
pub fn root_v1(keys: &Keys) -> SignedStatement {
    let spec = DEPTS
        .iter()
        .zip(&keys.v1)
        .map(|(d, k)| dept_spec(d, vec![json!({"pub": hex::encode(k.public().bytes)})]))
        .collect();
    let stmt = federation::root_statement(FEDERATION, 1, None, THRESHOLD, at(day(2018, 1, 1), 9, 0), spec);
    produce::sign_root(&stmt, &keys.v1.iter().collect::<Vec<_>>())
}

/// Root version 2 (July 2023): the rotating department's old key is revoked in its log from
/// `from_seq` on, and the new key signs from there; every key in use publishes its age recipient
/// (sealed records, docs/format.md §4.2), so joint cases can be sealed from this version on.
/// Signed by every version-1 key and the new key.
pub fn root_v2(keys: &Keys, v1: &SignedStatement, from_seq: u64) -> SignedStatement {
    let log = format!("{ROTATING}/main");
    let spec = DEPTS
        .iter()
        .zip(&keys.v1)
        .map(|(d, k)| {
            if d.id == ROTATING {
                dept_spec(
                    d,
                    vec![
                        json!({"pub": hex::encode(k.public().bytes), "revoked": [{"log": log, "seq": from_seq}]}),
                        json!({"age": age_keys::recipient(&keys.rotated.seed()), "from": [{"log": log, "seq": from_seq}], "pub": hex::encode(keys.rotated.public().bytes)}),
                    ],
                )
            } else {
                dept_spec(d, vec![json!({"age": age_keys::recipient(&k.seed()), "pub": hex::encode(k.public().bytes)})])
            }
        })
        .collect();
    let stmt = federation::root_statement(FEDERATION, 2, Some(v1.id), THRESHOLD, at(rotation_date(), 9, 0), spec);
    let mut signers: Vec<&SecretKey> = keys.v1.iter().collect();
    signers.push(&keys.rotated);
    produce::sign_root(&stmt, &signers)
}

/// When the rotating department switched keys.
pub fn rotation_date() -> crate::time::Date {
    day(2023, 7, 1)
}
