//! BID-07 同一台电脑或同一计价软件加密锁制作、上传不同投标人的投标文件 (local e-bidding rules,
//! e.g. Fujian 2018).
//!
//! Compares the upload fingerprints of the bids of one tender. The same machine (MAC address, CPU
//! and disk serials all equal) or the same pricing-software lock is high; some but not all of MAC,
//! CPU and disk equal is medium; a shared IP address alone (an office network, a hotel, a print
//! shop) is only low. Placeholder values written by firmware or collection tools (all-zero MACs,
//! "To be filled by O.E.M." …) and unspecified or loopback IPs never match.

use super::common::{self, Shared, SharedFinding, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Family, FindingSeverity, Findings};
use crate::kinds::bid::Bid;

pub struct SameMachine;

static META: CheckMeta = CheckMeta {
    id: "BID-07",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual {
        zh: "不同投标人的投标文件由同一台电脑或同一加密锁制作上传",
        en: "Bids of different bidders made on the same machine or pricing-software lock",
    },
    rule: Bilingual {
        zh: "同一标段中，两个以上投标人的上传机器特征码（MAC 地址、CPU 序列号、硬盘序列号）全部相同或计价软件加密锁号相同为高；部分相同为中；仅 IP 地址相同为低。占位值不参与比对",
        en: "In one tender, two or more bidders' upload fingerprints match on MAC, CPU and disk serials, or their pricing-software lock ids match: high; some of MAC/CPU/disk match: medium; only the IP address matches: low. Placeholder values are ignored",
    },
    source: "地方电子招投标规则（福建省 2018）",
    params: &[],
    needs_completeness: false,
};

fn keys(b: &Bid) -> Vec<String> {
    let mut k = Vec::new();
    if let Some(m) = &b.machine {
        if !m.mac.is_placeholder() {
            k.push(format!("mac:{}", m.mac));
        }
        if !m.cpu_serial.is_placeholder() {
            k.push(format!("cpu:{}", m.cpu_serial));
        }
        if !m.disk_serial.is_placeholder() {
            k.push(format!("disk:{}", m.disk_serial));
        }
        let ip = m.ip.0;
        if !ip.is_unspecified() && !ip.is_loopback() {
            k.push(format!("ip:{ip}"));
        }
    }
    if let Some(l) = &b.pricing_lock_id {
        if !l.is_placeholder() {
            k.push(format!("lock:{l}"));
        }
    }
    k
}

fn groups<'a>(t: &TenderView<'a>) -> Vec<Shared<'a>> {
    common::shared_by(t, &keys)
}

/// How strong the match of a group is, from the kinds of keys it shares.
fn strength(keys: &[String]) -> FindingSeverity {
    let has = |p: &str| keys.iter().any(|k| k.starts_with(p));
    if has("lock:") || (has("mac:") && has("cpu:") && has("disk:")) {
        FindingSeverity::High
    } else if has("mac:") || has("cpu:") || has("disk:") {
        FindingSeverity::Medium
    } else {
        FindingSeverity::Low
    }
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    let machine = common::links_of(
        tenders,
        |t| groups(t).into_iter().filter(|g| strength(&g.keys) > FindingSeverity::Low).collect(),
        Reason::SharedMachine,
        META.id,
    );
    let ip = common::links_of(
        tenders,
        |t| groups(t).into_iter().filter(|g| strength(&g.keys) == FindingSeverity::Low).collect(),
        Reason::SharedIp,
        META.id,
    );
    machine.into_iter().chain(ip).collect()
}

fn show(keys: &[String]) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let rank =
        |k: &String| ["mac:", "cpu:", "disk:", "lock:", "ip:"].iter().position(|p| k.starts_with(p)).unwrap_or(5);
    let mut keys: Vec<&String> = keys.iter().collect();
    crate::order::sort_by_key(&mut keys, |k| rank(k));
    for k in keys {
        let (p, v) = k.split_once(':').unwrap_or(("", k));
        let (z, e) = match p {
            "mac" => ("MAC 地址", "MAC address"),
            "cpu" => ("CPU 序列号", "CPU serial"),
            "disk" => ("硬盘序列号", "disk serial"),
            "lock" => ("计价软件加密锁号", "pricing-software lock"),
            "ip" => ("IP 地址", "IP address"),
            _ => ("", ""),
        };
        zh.push(format!("{z} {v}"));
        en.push(format!("{e} {v}"));
    }
    (zh.join("、"), en.join(", "))
}

impl Check for SameMachine {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        common::report_shared(data, out, groups, "shared", &|_, g, firms| {
            let severity = strength(&g.keys);
            let (zh, en) = show(&g.keys);
            let (cz, ce) = match severity {
                FindingSeverity::High => {
                    ("可认定为同一台电脑或同一加密锁制作上传", "the same machine or lock made and uploaded them")
                }
                FindingSeverity::Medium => {
                    ("部分机器特征相同，需核实", "part of the machine fingerprint matches; to be verified")
                }
                FindingSeverity::Low => ("仅 IP 地址相同，属弱信号", "only the IP address matches, a weak signal"),
            };
            SharedFinding {
                severity: Some(severity),
                ..SharedFinding::new(
                    format!("{}的投标文件上传特征相同：{zh}；{cz}", firms.zh),
                    format!("the bids of {} share upload fingerprints: {en}; {ce}", firms.en),
                )
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::kinds::Kind;
    use serde_json::json;

    const T: &str = "QJ-JS-2021-017-01";

    #[test]
    fn same_machine_is_high_and_shared_ip_alone_is_low() {
        let mut f = Fixture::new();
        let b1 = bid(T, 1, 1_045_000_000);
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["machine"] = b1["machine"].clone();
        let mut b3 = bid(T, 3, 1_098_000_000);
        let mut b4 = bid(T, 4, 1_099_000_000);
        b4["machine"]["ip"] = b3["machine"]["ip"].clone();
        b3["pricing_lock_id"] = json!("GLD-0000009");
        f.rec(Kind::Bid, b1).rec(Kind::Bid, b2).rec(Kind::Bid, b3).rec(Kind::Bid, b4);
        let out = f.run(&SameMachine);
        let found = out.findings();
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].severity, FindingSeverity::High);
        mentions(&found[0], &[&firm(1), &firm(2), "00:1a:2b:3c:00:01", "BFEBFBFF00000001", "WD-WCC4E0000001"]);
        assert_eq!(found[1].severity, FindingSeverity::Low);
        mentions(&found[1], &[&firm(3), &firm(4), "10.0.3.7", "weak signal"]);
    }

    #[test]
    fn same_lock_is_high_and_partial_fingerprint_is_medium() {
        let mut f = Fixture::new();
        let b1 = bid(T, 1, 1_045_000_000);
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["pricing_lock_id"] = b1["pricing_lock_id"].clone();
        let b3 = bid(T, 3, 1_098_000_000);
        let mut b4 = bid(T, 4, 1_099_000_000);
        b4["machine"]["disk_serial"] = b3["machine"]["disk_serial"].clone();
        f.rec(Kind::Bid, b1).rec(Kind::Bid, b2).rec(Kind::Bid, b3).rec(Kind::Bid, b4);
        let out = f.run(&SameMachine);
        let sev: Vec<FindingSeverity> = out.findings().iter().map(|x| x.severity).collect();
        assert_eq!(sev, vec![FindingSeverity::High, FindingSeverity::Medium]);
    }

    #[test]
    fn quiet_on_placeholder_fingerprints() {
        let mut f = Fixture::new();
        for n in 1..=3 {
            let mut b = bid(T, n, 1_000_000_000 + i64::from(n) * 10_000_000);
            b["machine"]["mac"] = json!("00:00:00:00:00:00");
            b["machine"]["cpu_serial"] = json!("To be filled by O.E.M.");
            b["machine"]["disk_serial"] = json!("0000000000");
            b["pricing_lock_id"] = json!("None");
            b["machine"]["ip"] = json!("0.0.0.0");
            f.rec(Kind::Bid, b);
        }
        quiet(&f.run(&SameMachine));
    }
}
