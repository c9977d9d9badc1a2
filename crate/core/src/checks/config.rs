//! Check configuration (JSON): switch checks off, change thresholds. Unknown ids or parameter
//! names are refused, so a typo never silently leaves a default in force.

use super::{CheckMeta, FindingSeverity};
use crate::read::{FromJson, Object, ReadError};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every member may be left out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckConfig {
    /// Check ids to turn off, e.g. ["BID-10"].
    pub disabled: Vec<String>,
    /// Threshold overrides by check id and parameter name, e.g. {"COST-01": {"ratio": 0.15}}.
    pub params: BTreeMap<String, BTreeMap<String, f64>>,
    /// Drop findings below this severity.
    pub min_severity: Option<FindingSeverity>,
}

impl FromJson for CheckConfig {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        let object = Object::new(value, &["disabled", "params", "min_severity"])?;
        let built = CheckConfig {
            disabled: object.field_or_empty(0),
            params: object.field_or(1, BTreeMap::new()),
            min_severity: object.field(2),
        };
        object.finish(built)
    }

    fn placeholder() -> Self {
        Self::default()
    }
}

/// A configuration that names a check or parameter that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    UnknownCheck(String),
    UnknownParam { check: String, param: String },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownCheck(id) => write!(f, "no check with id {}", crate::read::quoted(id)),
            Self::UnknownParam { check, param } => {
                write!(f, "check {check} has no parameter {}", crate::read::quoted(param))
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The stable code every surface reports a refused configuration with.
    pub const CODE: &'static str = "CONFIG_INVALID";
}

impl CheckConfig {
    /// Refuse ids and parameter names the catalogue does not know.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let catalogue = super::catalogue();
        let find = |id: &str| catalogue.iter().find(|m| m.id == id).copied();
        for id in &self.disabled {
            find(id).ok_or_else(|| ConfigError::UnknownCheck(id.clone()))?;
        }
        for (id, params) in &self.params {
            let meta = find(id).ok_or_else(|| ConfigError::UnknownCheck(id.clone()))?;
            for name in params.keys() {
                if !meta.params.iter().any(|p| p.name == name) {
                    return Err(ConfigError::UnknownParam { check: id.clone(), param: name.clone() });
                }
            }
        }
        Ok(())
    }

    /// The settings a check runs with, or None when it is turned off.
    pub fn settings_for(&self, meta: &'static CheckMeta) -> Option<CheckSettings> {
        if self.disabled.iter().any(|d| d == meta.id) {
            return None;
        }
        let overrides = self.params.get(meta.id);
        let values = meta
            .params
            .iter()
            .map(|p| (p.name, overrides.and_then(|o| o.get(p.name)).copied().unwrap_or(p.default)))
            .collect();
        Some(CheckSettings { values, min_severity: self.min_severity })
    }
}

/// The thresholds in force for one check.
#[derive(Debug, Clone)]
pub struct CheckSettings {
    /// (name, value) in declaration order: a check declares a handful at most.
    values: Vec<(&'static str, f64)>,
    pub min_severity: Option<FindingSeverity>,
}

impl CheckSettings {
    /// A declared parameter's value (its default unless configured). Asking for an undeclared
    /// name is a bug in the check, caught by the catalogue test; it reads as 0.
    pub fn get(&self, name: &str) -> f64 {
        self.values.iter().find(|(n, _)| *n == name).map_or(0.0, |(_, v)| *v)
    }
    /// Settings with every parameter at its default (for tests).
    pub fn defaults(meta: &'static CheckMeta) -> CheckSettings {
        CheckSettings { values: meta.params.iter().map(|p| (p.name, p.default)).collect(), min_severity: None }
    }
}
