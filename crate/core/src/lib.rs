//! Qinglian (清廉) core: verify signed, hash-chained lifecycle records of public construction
//! projects, and run the consistency checks over them.
//!
//! This crate holds every rule. It has no WebAssembly dependency: the wasm binding, the npm package,
//! the web page and the CLI are thin surfaces over it (docs/decisions.md §12).
//!
//! Map of the crate (see docs/architecture.md):
//! - [`canonical`]: the strict JSON profile (RFC 8785).
//! - [`crypto`]: SHA-256 ids, key ids, strict Ed25519.
//! - [`statement`]: the envelope and the four statement types.
//! - [`kinds`]: record kinds and their validated bodies.
//! - [`federation`]: the trust root, rotation and authorisation.
//! - [`bundle`]: reading NDJSON / gzip bundles line by line under limits.
//! - [`verify`]: the streaming verifier and its report.
//! - [`checks`]: the consistency checks over verified records.
//! - [`keyfile`]: the department key file and its codes (decryption is the surface's).
//! - [`produce`]: signing records, checkpoints, cosignatures and roots; exporting bundles.
//! - [`report`]: codes, messages and report types.

pub mod bundle;
pub mod canonical;
pub mod checks;
pub mod crypto;
#[cfg(feature = "demo")]
pub mod demo;
pub mod federation;
pub mod gzip;
pub mod keyfile;
pub mod kinds;
pub mod order;
pub mod produce;
pub mod read;
pub mod report;
pub mod sealed;
pub mod statement;
pub mod time;
pub mod verify;
pub mod vocabulary;

pub use verify::{verify_bytes, Report, TrustAnchor, Verifier, VerifyOptions};
