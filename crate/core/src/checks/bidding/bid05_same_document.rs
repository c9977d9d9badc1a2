//! BID-05 不同投标人的投标文件异常一致或者混装 (条例 第40条(五)).
//!
//! Fires when the bids of two or more bidders of one tender share a document hash or a component
//! file hash. Files the tender itself handed out (the tender documents and clarifications, e.g. a
//! bill-of-quantities template) are not evidence and are ignored.

use super::common::{self, Shared, SharedFinding, TenderView};
use super::graph::{Link, Reason};
use crate::checks::{Bilingual, Check, CheckMeta, CheckSettings, Dataset, Family, FindingSeverity, Findings};
use crate::order::SortedSet;

pub struct SameDocument;

static META: CheckMeta = CheckMeta {
    id: "BID-05",
    family: Family::Bidding,
    severity: FindingSeverity::High,
    title: Bilingual { zh: "不同投标人的投标文件异常一致或混装", en: "Documents of different bidders identical or mixed" },
    rule: Bilingual {
        zh: "同一标段中，两个以上投标人的投标文件或其组成文件哈希值相同（招标人发出的文件除外），视为串通投标",
        en: "In one tender, the bid documents or component files of two or more bidders have the same hash (files issued by the tender itself excepted): deemed collusion",
    },
    source: "条例 第40条(五)",
    params: &[],
    needs_completeness: false,
};

fn groups<'a>(t: &TenderView<'a>) -> Vec<Shared<'a>> {
    let issued: SortedSet<&str> = match t.tender {
        Some((_, tender)) => tender
            .document_hash
            .iter()
            .chain(tender.clarifications.iter().filter_map(|c| c.document_hash.as_ref()))
            .map(|h| h.as_str())
            .collect(),
        None => SortedSet::new(),
    };
    common::shared_by(t, &|b| {
        std::iter::once(&b.document_hash)
            .chain(b.file_hashes.iter())
            .map(|h| h.as_str())
            .filter(|h| !issued.contains(h))
            .map(str::to_owned)
            .collect()
    })
}

pub(super) fn links(tenders: &[TenderView]) -> Vec<Link> {
    common::links_of(tenders, groups, Reason::SharedDocument, META.id)
}

/// A hash shortened for reading: the first 16 hex digits.
fn short(h: &str) -> String {
    format!("{}…", h.get(..16).unwrap_or(h))
}

impl Check for SameDocument {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn run(&self, data: &Dataset, _settings: &CheckSettings, out: &mut Findings) {
        common::report_shared(data, out, groups, "hashes", &|t, g, firms| {
            // Whether the whole bid document is the same, or only component files.
            let whole = g.keys.iter().any(|k| g.bids.iter().all(|&i| t.bids[i].1.document_hash.as_str() == k));
            let (what_zh, what_en) = if whole {
                ("投标文件哈希值相同", "identical bid documents")
            } else {
                ("组成文件哈希值相同", "identical component files")
            };
            let hashes = common::join(&g.keys.iter().map(|h| short(h)).collect::<Vec<_>>());
            SharedFinding {
                extra: Some(("whole_document", whole.into())),
                ..SharedFinding::new(
                    format!(
                        "{}的{what_zh}（SHA-256 {}），依《招标投标法实施条例》第四十条第（五）项视为串通投标",
                        firms.zh, hashes.zh
                    ),
                    format!(
                        "{} submitted {what_en} (SHA-256 {}); deemed collusion under Art. 40(5) of the Regulations implementing the Bidding Law",
                        firms.en, hashes.en
                    ),
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
    fn fires_on_identical_documents_and_mixed_files() {
        let mut f = Fixture::new();
        let b1 = bid(T, 1, 1_045_000_000);
        let mut b2 = bid(T, 2, 1_071_000_000);
        b2["document_hash"] = b1["document_hash"].clone();
        // Firm 3 carries one of firm 1's component files (混装).
        let mut b3 = bid(T, 3, 1_098_000_000);
        b3["file_hashes"] = json!([b1["file_hashes"][0].clone()]);
        f.rec(Kind::Bid, b1).rec(Kind::Bid, b2).rec(Kind::Bid, b3);
        let out = f.run(&SameDocument);
        assert_eq!(out.findings().len(), 2, "{:#?}", out.findings());
        mentions(&out.findings()[0], &[&firm(1), &firm(2), "identical bid documents"]);
        mentions(&out.findings()[1], &[&firm(1), &firm(3), "组成文件"]);
    }

    #[test]
    fn quiet_on_files_issued_by_the_tender() {
        let mut f = Fixture::new();
        let template = "ab".repeat(32);
        let mut t = tender(T, 1_100_000_000);
        t["clarifications"] = json!([{"date": "2021-07-20", "document_hash": template}]);
        f.rec(Kind::Tender, t);
        for n in 1..=3 {
            let mut b = bid(T, n, 1_000_000_000 + i64::from(n) * 31_000_000);
            b["file_hashes"] = json!([template, b["file_hashes"][0]]);
            f.rec(Kind::Bid, b);
        }
        quiet(&f.run(&SameDocument));
    }
}
