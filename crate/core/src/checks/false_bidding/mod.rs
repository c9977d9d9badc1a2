//! 虚假投标 false bidding checks, one per file.

mod false01_certificate_invalid;
mod false02_manager_busy;
mod false03_performance_unverified;

pub use false01_certificate_invalid::CertificateInvalid;
pub use false02_manager_busy::ManagerBusy;
pub use false03_performance_unverified::PerformanceUnverified;

use super::Check;

pub const CHECKS: &[&dyn Check] = &[&CertificateInvalid, &ManagerBusy, &PerformanceUnverified];
