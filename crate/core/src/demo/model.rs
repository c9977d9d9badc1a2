//! Shared pieces of the generator: dates, money text, and the ledger of record drafts that the
//! signing stage turns into department logs.

use crate::kinds::Kind;
use crate::time::{days_from_civil, Date, Timestamp};
use serde_json::Value;

pub fn day(y: i32, m: u32, d: u32) -> Date {
    Date(days_from_civil(y, m, d))
}

/// A local (+08:00) time on a date.
pub fn at(d: Date, hour: i64, minute: i64) -> Timestamp {
    Timestamp { unix: i64::from(d.0) * 86_400 + hour * 3600 + minute * 60 - 8 * 3600, offset_minutes: 480 }
}

/// The date the project data stand at: no lifecycle record is later.
pub fn now() -> Date {
    day(2026, 11, 25)
}

/// The close of the half-yearly data update (数据更新): every department signs a last record on
/// 26–27 November (rectifications, the year-end inspection campaign, the registry refresh, new
/// supervision tasks), so that each log's signed head is later than every project record and the
/// checks that rely on absence can use the whole bundle.
pub fn close() -> Date {
    day(2026, 11, 27)
}

pub fn plus(d: Date, days: i64) -> Date {
    Date(d.0 + days as i32)
}

/// `¥12,400,000.00`
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    let y = (f / 100).to_string();
    let mut out = String::new();
    for (i, c) in y.chars().enumerate() {
        if i > 0 && (y.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}¥{out}.{:02}", f % 100)
}

/// `a` as a share of `b` in percent with one decimal, e.g. `18.2%`.
pub fn pct(a: i64, b: i64) -> String {
    if b == 0 {
        return "—".into();
    }
    let tenths = (a as i128 * 1000 + (b as i128) / 2) / b as i128;
    format!("{}.{}%", tenths / 10, (tenths % 10).abs())
}

/// Multiply fen by a factor, rounding to the fen.
pub fn scale(fen: i64, factor: f64) -> i64 {
    (fen as f64 * factor).round() as i64
}

/// One record to be signed into `<dept>/main`.
#[derive(Debug, Clone)]
pub struct Event {
    pub time: Timestamp,
    pub dept: &'static str,
    pub kind: Kind,
    pub project: Option<String>,
    pub body: Value,
    /// Earlier events this one cites (resolved to statement ids when signed; a reference to an
    /// event that is not earlier in its log order is dropped).
    pub refs: Vec<usize>,
}

/// Every record draft of the city, in creation order. Drafts dated after `now` are not made:
/// the bundle is an export of what the departments had signed by then.
pub struct Ledger {
    pub events: Vec<Event>,
    pub now: Date,
}

impl Ledger {
    pub fn new(now: Date) -> Ledger {
        Ledger { events: Vec::new(), now }
    }

    /// A record on `date`, at an office hour that follows the lifecycle order of its kind (so that
    /// same-day records of one project sort in lifecycle order).
    pub fn record(
        &mut self,
        date: Date,
        dept: &'static str,
        kind: Kind,
        project: Option<&str>,
        body: Value,
        refs: &[Option<usize>],
    ) -> Option<usize> {
        let salt = self.events.len() as i64;
        let minutes = if kind.stage() == 0 {
            8 * 60 + 10 + (salt * 7) % 50
        } else {
            8 * 60 + 30 + i64::from(kind.stage()) * 20 + (salt * 7) % 15
        };
        self.at_time(at(date, minutes / 60, minutes % 60), dept, kind, project, body, refs)
    }

    pub fn at_time(
        &mut self,
        time: Timestamp,
        dept: &'static str,
        kind: Kind,
        project: Option<&str>,
        body: Value,
        refs: &[Option<usize>],
    ) -> Option<usize> {
        if time.local_date() > self.now {
            return None;
        }
        self.events.push(Event {
            time,
            dept,
            kind,
            project: project.map(str::to_owned),
            body,
            refs: refs.iter().flatten().copied().collect(),
        });
        Some(self.events.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_dates() {
        assert_eq!(yuan(1_240_000_000), "¥12,400,000.00");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(pct(118, 100), "118.0%");
        assert_eq!(at(day(2021, 3, 4), 9, 30).to_string(), "2021-03-04T09:30:00+08:00");
        assert_eq!(plus(day(2021, 2, 27), 2).to_string(), "2021-03-01");
    }
}
