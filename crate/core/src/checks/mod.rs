//! Consistency checks over verified records (the catalogue in docs/checks.md).
//! Placeholder interface until the check engine lands: it runs nothing yet.

use crate::report::LogSummary;
use crate::verify::VerifiedRecord;
use serde::{Deserialize, Serialize};

/// Thresholds and switches for the checks (JSON).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckConfig {}

/// What the checks found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    pub findings: Vec<serde_json::Value>,
}

pub fn analyse(records: &[VerifiedRecord], logs: &[LogSummary], config: &CheckConfig) -> Analysis {
    let _ = (records, logs, config);
    Analysis::default()
}

/// Every check with its metadata (empty until the engine lands).
pub fn catalogue() -> serde_json::Value {
    serde_json::Value::Array(Vec::new())
}
