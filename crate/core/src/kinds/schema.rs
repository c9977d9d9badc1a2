//! The shape of every record body, read from the body structs themselves (feature `schema`).
//!
//! The table import, its templates and the column dictionary need each kind's members, their
//! Chinese names, their value types and which are required. All of it comes from the declarations
//! that the verifier reads bodies with: `read_struct!` (members, in order, with their Chinese
//! names), `str_enum!` (values and their Chinese labels) and the field types in [`super::fields`].
//! There is no second list of fields to keep in step. The verifier module is built without this
//! feature, so none of it reaches the browser's verifier.

use super::fields::FieldError;
use crate::read::{FromJson, ReadError};
use serde_json::Value;

/// How a scalar value is written in a body, which decides how a table cell is converted into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueClass {
    /// A string with a format of its own (统一社会信用代码, project code, document number …).
    String,
    /// Money in fen, 0 ≤ amount (`Fen`).
    Amount,
    /// A signed change of money in fen (`FenDelta`).
    SignedAmount,
    /// Basis points, 0..=10000 (`BasisPoints`); tables write percentages.
    BasisPoints,
    /// A non-negative integer (ranks, days, scores × 100).
    Count,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// An instant, RFC 3339 with offset.
    Timestamp,
    /// `true` / `false`.
    Bool,
    /// One of a closed set of snake_case values.
    Enum,
    /// `{"unit": 统一社会信用代码}` or `{"person": registration number}`.
    Party,
    /// `{"unit": 统一社会信用代码}` or `{"dept": department id}`.
    Actor,
}

/// One value of an enumeration: the wire value and its Chinese label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumValue {
    pub value: &'static str,
    pub zh: &'static str,
}

/// A scalar type: what it is called, what it looks like, and how to check a value of it.
#[derive(Debug, Clone, Copy)]
pub struct Scalar {
    /// The Rust type's name (`Uscc`, `Fen`, `TenderMethod` …), stable, for documentation.
    pub type_name: &'static str,
    pub class: ValueClass,
    /// What a value looks like, in English and Chinese.
    pub expected_en: &'static str,
    pub expected_zh: &'static str,
    /// The enumeration's values (empty for other classes).
    pub values: &'static [EnumValue],
    /// The verifier's own reader of this type, applied to a JSON value.
    pub check: fn(&Value) -> Result<(), ReadError>,
}

impl Scalar {
    /// Check `value` with the verifier's reader; the error says what was expected in both languages.
    pub fn validate(&self, value: &Value) -> Result<(), FieldError> {
        (self.check)(value).map_err(|e| {
            let b = e.into_body_error();
            FieldError::new(b.expected_en, b.expected_zh)
        })
    }
}

/// The reader of `T`, as a plain function pointer for [`Scalar::check`].
pub fn check_with<T: FromJson>(value: &Value) -> Result<(), ReadError> {
    T::from_json(value).map(drop)
}

/// The shape of a member's value.
#[derive(Debug, Clone)]
pub enum Shape {
    Scalar(Scalar),
    /// `Option<T>`: may be left out.
    Optional(Box<Shape>),
    /// `Vec<T>`: a list (left out = empty for the members that allow it).
    List(Box<Shape>),
    /// A struct: its members in declaration order.
    Object(Vec<Member>),
}

impl Shape {
    /// The shape with any `Optional` around it removed.
    pub fn required_part(&self) -> &Shape {
        match self {
            Shape::Optional(inner) => inner.required_part(),
            other => other,
        }
    }
}

/// One member of a struct.
#[derive(Debug, Clone)]
pub struct Member {
    /// The JSON member name (`tender_id`).
    pub name: &'static str,
    /// Its Chinese name (`招标编号`).
    pub zh: &'static str,
    pub shape: Shape,
    /// A list that may be left out (read as empty).
    pub or_empty: bool,
}

impl Member {
    /// Whether a body must carry this member.
    pub fn required(&self) -> bool {
        !self.or_empty && !matches!(self.shape, Shape::Optional(_))
    }
}

/// A type whose shape is known: every field type and every body struct.
pub trait Describe {
    fn shape() -> Shape;
}

impl<T: Describe> Describe for Option<T> {
    fn shape() -> Shape {
        Shape::Optional(Box::new(T::shape()))
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn shape() -> Shape {
        Shape::List(Box::new(T::shape()))
    }
}

/// Declares a plain scalar's shape.
macro_rules! describe_scalar {
    ($($ty:ty => $name:literal, $class:ident, $en:expr, $zh:expr;)+) => {$(
        impl Describe for $ty {
            fn shape() -> Shape {
                Shape::Scalar(Scalar {
                    type_name: $name,
                    class: ValueClass::$class,
                    expected_en: $en,
                    expected_zh: $zh,
                    values: &[],
                    check: check_with::<$ty>,
                })
            }
        }
    )+};
}

use super::fields::{Actor, BasisPoints, Fen, FenDelta, Ip, Party};
use crate::time::{Date, Timestamp};

describe_scalar! {
    Fen => "Fen", Amount, Fen::EXPECTED_EN, Fen::EXPECTED_ZH;
    FenDelta => "FenDelta", SignedAmount, FenDelta::EXPECTED_EN, FenDelta::EXPECTED_ZH;
    BasisPoints => "BasisPoints", BasisPoints, BasisPoints::EXPECTED_EN, BasisPoints::EXPECTED_ZH;
    u32 => "u32", Count, "a non-negative integer", "非负整数";
    u64 => "u64", Count, "a non-negative integer", "非负整数";
    bool => "bool", Bool, "yes or no (true/false)", "是或否";
    Date => "Date", Date, "a calendar date YYYY-MM-DD", "日期（YYYY-MM-DD）";
    Timestamp => "Timestamp", Timestamp, "a date and time with offset, e.g. 2021-09-05T09:30:00+08:00",
        "带时区的日期时间，如 2021-09-05T09:30:00+08:00";
    Ip => "Ip", String, Ip::EXPECTED_EN, Ip::EXPECTED_ZH;
    Party => "Party", Party, "a unit's unified social credit code or a person's registration number",
        "单位的统一社会信用代码或个人的注册证书编号";
    Actor => "Actor", Actor, "a unit's unified social credit code or a department id",
        "单位的统一社会信用代码或部门标识";
}

/// The shape of a kind's body.
pub fn body_shape(kind: super::Kind) -> Shape {
    kind.body_shape()
}

/// The members of a kind's body (every body is a struct).
pub fn body_members(kind: super::Kind) -> Vec<Member> {
    match body_shape(kind) {
        Shape::Object(members) => members,
        _ => Vec::new(),
    }
}
