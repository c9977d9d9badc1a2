//! What a verification comes to as one number: the exit status of `qinglian verify`, of
//! `npx qinglian verify`, and the page's verdict line. Computed here once, from the report's
//! JSON form, so every surface agrees (docs/format.md §9).

use super::Summary;
use crate::checks::{Analysis, FindingSeverity};

/// Every statement verified, every log consistent, and no finding at or above `--fail-on`.
pub const EXIT_INTACT: u8 = 0;
/// An integrity problem of error severity, or a finding at or above `--fail-on`.
pub const EXIT_PROBLEMS: u8 = 1;
/// Nothing was verified: bad usage, an unreadable input, or a pinned root that was refused.
pub const EXIT_REFUSED: u8 = 2;

/// A `--fail-on` level: `high`, `medium` or `low`.
pub fn parse_fail_on(level: &str) -> Option<FindingSeverity> {
    match level {
        "high" => Some(FindingSeverity::High),
        "medium" => Some(FindingSeverity::Medium),
        "low" => Some(FindingSeverity::Low),
        _ => None,
    }
}

/// [`EXIT_INTACT`] or [`EXIT_PROBLEMS`]: what the report's `summary.exit_status` says.
pub fn exit_status(summary: &Summary, analysis: Option<&Analysis>, fail_on: Option<FindingSeverity>) -> u8 {
    let failing = fail_on.is_some_and(|level| analysis.is_some_and(|a| a.findings.iter().any(|f| f.severity >= level)));
    if summary.intact && summary.errors == 0 && !failing {
        EXIT_INTACT
    } else {
        EXIT_PROBLEMS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intact_unless_errors_or_findings_at_the_level() {
        let clean = Summary { intact: true, ..Summary::default() };
        assert_eq!(exit_status(&clean, None, None), EXIT_INTACT);
        assert_eq!(exit_status(&clean, None, Some(FindingSeverity::High)), EXIT_INTACT, "no analysis, no finding");
        let broken = Summary { intact: false, errors: 2, ..Summary::default() };
        assert_eq!(exit_status(&broken, None, None), EXIT_PROBLEMS);
        // No root: not intact even without a listed error.
        assert_eq!(exit_status(&Summary::default(), None, None), EXIT_PROBLEMS);
        assert_eq!(parse_fail_on("medium"), Some(FindingSeverity::Medium));
        assert_eq!(parse_fail_on("severe"), None);
    }
}
