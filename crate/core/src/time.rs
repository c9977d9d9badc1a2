//! Strict RFC 3339 timestamps (with a numeric offset, whole seconds) and calendar dates.
//!
//! The profile is deliberately narrow (`2021-03-04T09:30:00+08:00`, `2021-03-04`) so that every
//! producer writes the same text for the same instant, and the arithmetic stays a few lines.

use std::fmt;

/// Seconds since 1970-01-01T00:00:00Z, plus the offset the producer wrote (for display).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub unix: i64,
    pub offset_minutes: i16,
}

/// A calendar date as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError(pub &'static str);

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn parse_ymd(b: &[u8]) -> Result<Date, TimeError> {
    const BAD: TimeError = TimeError("expected a date YYYY-MM-DD");
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(BAD);
    }
    let y = digits(b, 0, 4).ok_or(BAD)? as i32;
    let m = digits(b, 5, 2).ok_or(BAD)?;
    let d = digits(b, 8, 2).ok_or(BAD)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(TimeError("no such calendar date"));
    }
    Ok(Date(days_from_civil(y, m, d)))
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, TimeError> {
        if s.len() != 10 {
            return Err(TimeError("expected a date YYYY-MM-DD"));
        }
        parse_ymd(s.as_bytes())
    }
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }
    /// Add calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29).
    pub fn add_months(self, months: i32) -> Date {
        let (y, m, d) = self.ymd();
        let total = y * 12 + (m as i32 - 1) + months;
        let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
        Date(days_from_civil(ny, nm, d.min(days_in_month(ny, nm))))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Timestamp {
    /// Parse `YYYY-MM-DDTHH:MM:SS±HH:MM` (a `Z` offset is accepted; fractions are not).
    pub fn parse(s: &str) -> Result<Timestamp, TimeError> {
        const BAD: TimeError = TimeError("expected RFC 3339 time with offset, e.g. 2021-03-04T09:30:00+08:00");
        let b = s.as_bytes();
        if b.len() != 25 && b.len() != 20 {
            return Err(BAD);
        }
        let date = parse_ymd(b)?;
        if b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return Err(BAD);
        }
        let hh = digits(b, 11, 2).ok_or(BAD)?;
        let mm = digits(b, 14, 2).ok_or(BAD)?;
        let ss = digits(b, 17, 2).ok_or(BAD)?;
        if hh > 23 || mm > 59 || ss > 59 {
            return Err(TimeError("time of day out of range"));
        }
        let offset_minutes: i32 = match (b.len(), b[19]) {
            (20, b'Z') => 0,
            (25, sign @ (b'+' | b'-')) if b[22] == b':' => {
                let oh = digits(b, 20, 2).ok_or(BAD)?;
                let om = digits(b, 23, 2).ok_or(BAD)?;
                if oh > 23 || om > 59 {
                    return Err(BAD);
                }
                let v = (oh * 60 + om) as i32;
                if sign == b'-' {
                    -v
                } else {
                    v
                }
            }
            _ => return Err(BAD),
        };
        let local = i64::from(date.0) * 86_400 + i64::from(hh * 3600 + mm * 60 + ss);
        Ok(Timestamp { unix: local - i64::from(offset_minutes) * 60, offset_minutes: offset_minutes as i16 })
    }

    /// The calendar date in the producer's own offset (what a civil servant reads on the document).
    pub fn local_date(self) -> Date {
        Date((self.unix + i64::from(self.offset_minutes) * 60).div_euclid(86_400) as i32)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.unix + i64::from(self.offset_minutes) * 60;
        let date = Date(local.div_euclid(86_400) as i32);
        let secs = local.rem_euclid(86_400);
        let off = self.offset_minutes;
        let sign = if off < 0 { '-' } else { '+' };
        write!(
            f,
            "{date}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            off.unsigned_abs() / 60,
            off.unsigned_abs() % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_orders() {
        let t = Timestamp::parse("2021-03-04T09:30:00+08:00").unwrap();
        assert_eq!(t.unix, 1_614_821_400);
        assert_eq!(t.to_string(), "2021-03-04T09:30:00+08:00");
        assert_eq!(Timestamp::parse("2021-03-04T01:30:00Z").unwrap().unix, t.unix);
        assert_eq!(t.local_date().to_string(), "2021-03-04");
    }

    #[test]
    fn rejects_sloppy_times() {
        for bad in [
            "2021-03-04 09:30:00+08:00",
            "2021-03-04T09:30:00",
            "2021-02-30T09:30:00+08:00",
            "2021-03-04T09:30:00.5+08:00",
            "2021-03-04T24:00:00+08:00",
            "２021-03-04T09:30:00+08:00",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_and_months() {
        let d = Date::parse("2024-01-31").unwrap();
        assert_eq!(d.add_months(1).to_string(), "2024-02-29");
        assert_eq!(d.add_months(-13).to_string(), "2022-12-31");
        assert!(Date::parse("2023-02-29").is_err());
        for z in [-800_000, -1, 0, 1, 19_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, dd), z);
        }
    }
}
