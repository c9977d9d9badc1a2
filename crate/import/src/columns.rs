//! A kind's body flattened into table columns, the way Flatten Tool flattens OCDS: nested members
//! as `bond/payer` (Chinese `投标保证金/缴纳单位`), lists of scalars in one cell, lists of objects on
//! a sheet of their own (投标项目班子) whose rows repeat the parent's natural key.
//!
//! The layout is derived from the core's body shapes ([`body_members`]), so templates, the import
//! and the column dictionary always agree with what the verifier accepts.

use crate::cell::AmountUnit;
use crate::keys::{self, PROJECT, TIME};
use qinglian_core::kinds::schema::{body_members, Describe, Member, Scalar, Shape, ValueClass};
use qinglian_core::kinds::{Kind, ProjectCode};
use qinglian_core::time::Timestamp;

/// One column of a sheet.
#[derive(Debug, Clone)]
pub struct Column {
    /// Member names from the sheet's object (the body, or one list item) down to the value;
    /// `["project"]` is the envelope's project code.
    pub path: Vec<&'static str>,
    /// The English header, the path joined by `/` (`bond/payer`).
    pub en: String,
    /// The Chinese header without marks (`投标保证金/缴纳单位`).
    pub zh: String,
    pub scalar: Scalar,
    /// A list of scalars written in one cell, separated by `;`, `；` or line breaks.
    pub list: bool,
    /// Must be filled whenever the object holding it is present.
    pub required: bool,
    /// On a child sheet: this column repeats the parent's natural key.
    pub parent_key: bool,
    /// Other names accepted on import.
    pub aliases: &'static [&'static str],
}

impl Column {
    /// The header a template writes: `投标报价(元)*`.
    pub fn header_zh(&self) -> String {
        let unit = match self.scalar.class {
            ValueClass::Amount | ValueClass::SignedAmount => "(元)",
            ValueClass::BasisPoints => "(%)",
            _ => "",
        };
        let mark = if self.required { "*" } else { "" };
        format!("{}{unit}{mark}", self.zh)
    }

    /// The path of the optional object that holds this column, if any (`bond` for `bond/payer`).
    pub fn group(&self) -> Option<&'static str> {
        (self.path.len() > 1).then(|| self.path[0])
    }
}

/// One sheet: a kind's main sheet, or the sheet of one of its lists of objects.
#[derive(Debug, Clone)]
pub struct SheetLayout {
    pub kind: Kind,
    /// `None` for the main sheet; the list member for a child sheet (`project_team`).
    pub list: Option<&'static str>,
    /// The sheet's Chinese name: the kind's title, or title + list name (`投标项目班子`).
    pub name_zh: String,
    /// The sheet's English name: `bid`, `bid.project_team`.
    pub name_en: String,
    pub columns: Vec<Column>,
    /// Optional nested objects on this sheet: present when any of their columns is filled.
    pub optional_groups: Vec<&'static str>,
}

impl SheetLayout {
    /// Whether the name of a table names this sheet (Chinese or English, any case).
    pub fn is_named(&self, name: &str) -> bool {
        let n = name.trim();
        n == self.name_zh
            || n.eq_ignore_ascii_case(&self.name_en)
            || n.eq_ignore_ascii_case(&self.name_en.replace('.', "-"))
    }
}

/// Every sheet of a kind.
#[derive(Debug, Clone)]
pub struct KindLayout {
    pub kind: Kind,
    pub main: SheetLayout,
    pub children: Vec<SheetLayout>,
}

impl KindLayout {
    pub fn sheets(&self) -> impl Iterator<Item = &SheetLayout> {
        std::iter::once(&self.main).chain(&self.children)
    }
}

fn scalar_of<T: Describe>() -> Scalar {
    match T::shape() {
        Shape::Scalar(s) => s,
        // Every type used here is a scalar type.
        _ => unreachable!("not a scalar type"),
    }
}

/// The layout of every kind, in lifecycle order.
pub fn all_layouts() -> Vec<KindLayout> {
    Kind::ALL.iter().map(|&k| layout(k)).collect()
}

/// The layout of one kind.
pub fn layout(kind: Kind) -> KindLayout {
    let project = Column {
        path: vec![PROJECT],
        en: PROJECT.to_owned(),
        zh: "项目代码".to_owned(),
        scalar: scalar_of::<ProjectCode>(),
        list: false,
        required: kind.needs_project(),
        parent_key: false,
        aliases: keys::aliases(kind, PROJECT),
    };
    let members = body_members(kind);
    let mut main = SheetLayout {
        kind,
        list: None,
        name_zh: sheet_name(kind.title_zh()),
        name_en: kind.as_str().to_owned(),
        columns: vec![project, column(kind, vec![TIME], "记录时间".to_owned(), scalar_of::<Timestamp>(), false, false)],
        optional_groups: Vec::new(),
    };
    let mut lists = Vec::new();
    flatten(kind, &members, &mut main, &mut lists);
    let key: Vec<Column> = keys::natural_key(kind)
        .iter()
        .filter_map(|k| main.columns.iter().find(|c| c.path == [*k]))
        .map(|c| Column { parent_key: true, required: true, ..c.clone() })
        .collect();
    let children = lists
        .into_iter()
        .map(|m: &Member| {
            let mut sheet = SheetLayout {
                kind,
                list: Some(m.name),
                name_zh: sheet_name(&format!("{}{}", kind.title_zh(), m.zh)),
                name_en: format!("{}.{}", kind.as_str(), m.name),
                columns: key.clone(),
                optional_groups: Vec::new(),
            };
            if let Shape::List(item) = &m.shape {
                if let Shape::Object(item_members) = item.as_ref() {
                    let mut nested = Vec::new();
                    flatten(kind, item_members, &mut sheet, &mut nested);
                }
            }
            sheet
        })
        .collect();
    KindLayout { kind, main, children }
}

/// Members of one object as columns of `sheet`; lists of objects are collected into `lists`.
/// A sheet name Excel accepts: `/ \ ? * [ ] :` are not allowed in one (资质/注册证书 → 资质-注册证书).
pub fn sheet_name(title: &str) -> String {
    title.chars().map(|c| if matches!(c, '/' | '\\' | '?' | '*' | '[' | ']' | ':') { '-' } else { c }).collect()
}

fn flatten<'m>(kind: Kind, members: &'m [Member], sheet: &mut SheetLayout, lists: &mut Vec<&'m Member>) {
    for m in members {
        let required = m.required();
        match (m.shape.required_part(), &m.shape) {
            (Shape::Scalar(s), _) => {
                sheet.columns.push(column(kind, vec![m.name], m.zh.to_owned(), *s, false, required))
            }
            (Shape::List(item), _) => match item.as_ref() {
                Shape::Scalar(s) => {
                    sheet.columns.push(column(kind, vec![m.name], m.zh.to_owned(), *s, true, false));
                }
                _ => lists.push(m),
            },
            (Shape::Object(inner), outer) => {
                if matches!(outer, Shape::Optional(_)) {
                    sheet.optional_groups.push(m.name);
                }
                for im in inner {
                    if let Shape::Scalar(s) = im.shape.required_part() {
                        let zh = format!("{}/{}", m.zh, im.zh);
                        sheet.columns.push(column(kind, vec![m.name, im.name], zh, *s, false, im.required()));
                    }
                }
            }
            (Shape::Optional(_), _) => {}
        }
    }
}

fn column(kind: Kind, path: Vec<&'static str>, zh: String, scalar: Scalar, list: bool, required: bool) -> Column {
    let en = path.join("/");
    let aliases = keys::aliases(kind, &en);
    Column { path, en, zh, scalar, list, required, parent_key: false, aliases }
}

/// A header as written, reduced to what is compared: no spaces or `*` marks, ASCII parentheses,
/// lower-case; a trailing unit `(元)`, `(万元)` or `(%)` is split off.
pub fn normalize_header(text: &str) -> (String, Option<AmountUnit>) {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let mut unit = None;
    for (suffix, u) in [("(万元)", Some(AmountUnit::TenThousandYuan)), ("(元)", Some(AmountUnit::Yuan)), ("(%)", None)]
    {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_owned();
            unit = u;
            break;
        }
    }
    (s, unit)
}

/// Whether a normalized header names `column`.
pub fn header_matches(column: &Column, normalized: &str) -> bool {
    let n = |s: &str| normalize_header(s).0;
    n(&column.zh) == normalized
        || n(&column.en) == normalized
        || column.aliases.iter().any(|a| n(a) == normalized)
        // A merged group header over its members (投标保证金 | 缴纳单位) or a dotted path.
        || n(&column.en.replace('/', ".")) == normalized
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bid_layout_flattens_like_flatten_tool() {
        let l = layout(Kind::Bid);
        let en: Vec<&str> = l.main.columns.iter().map(|c| c.en.as_str()).collect();
        assert_eq!(&en[..5], ["project", "time", "tender_id", "bidder", "consortium"]);
        assert!(en.contains(&"bond/payer") && en.contains(&"machine/mac"), "{en:?}");
        let bond = l.main.columns.iter().find(|c| c.en == "bond/payer").unwrap();
        assert_eq!(bond.zh, "投标保证金/缴纳单位");
        assert!(bond.required, "required once the bond is given");
        assert_eq!(l.main.optional_groups, ["bond", "machine"]);
        let team = l.children.iter().find(|s| s.list == Some("project_team")).unwrap();
        assert_eq!(team.name_zh, "投标项目班子");
        let team_cols: Vec<&str> = team.columns.iter().map(|c| c.en.as_str()).collect();
        assert_eq!(team_cols, ["tender_id", "bidder", "person", "role"]);
        assert!(team.columns[0].parent_key && !team.columns[2].parent_key);
        let price = l.main.columns.iter().find(|c| c.en == "price_fen").unwrap();
        assert_eq!(price.header_zh(), "投标报价(元)*");
    }

    #[test]
    fn every_kind_has_columns_and_unique_headers() {
        for l in all_layouts() {
            let mut names = std::collections::BTreeSet::new();
            for sheet in l.sheets() {
                assert!(sheet.name_zh.chars().count() <= 31, "Excel sheet names: {}", sheet.name_zh);
                let mut seen = std::collections::BTreeSet::new();
                for c in &sheet.columns {
                    assert!(!c.zh.contains('?'), "{}: {}", sheet.name_en, c.en);
                    assert!(seen.insert(normalize_header(&c.zh).0), "{}: {} twice", sheet.name_en, c.zh);
                }
                assert!(names.insert(sheet.name_zh.clone()));
            }
        }
    }

    #[test]
    fn headers_are_normalized() {
        assert_eq!(normalize_header("投标报价（万元）*"), ("投标报价".to_owned(), Some(AmountUnit::TenThousandYuan)));
        assert_eq!(normalize_header(" Price_Fen "), ("price_fen".to_owned(), None));
        let l = layout(Kind::Bid);
        let price = l.main.columns.iter().find(|c| c.en == "price_fen").unwrap();
        assert!(header_matches(price, &normalize_header("投标总价(元)").0));
        assert!(!header_matches(price, "投标人"));
    }
}
