//! WebAssembly binding of `qinglian-core`.
//!
//! This crate stays thin: every rule lives in the core, and each function here only converts
//! between JavaScript values and core types. Each failure becomes a real JavaScript `Error` named
//! `QinglianError` whose `code` property is a stable code (the same string the verifier reports, or
//! an API code such as `INVALID_ARGUMENT`), with `path` when the core knows where the problem is, so
//! callers can branch on `err.code` instead of parsing messages. Untrusted bundle data never throws:
//! it ends up in the report.
//!
//! The npm wrapper in `js/` is the public API; the names exported here are its building blocks,
//! one file per surface:
//!
//! - `verify.rs`: the streaming `Verifier` (progress, signature jobs, fork proofs, report) and
//!   `memoryBytes`;
//! - `signatures.rs`: `SignatureWorker` and the JS shape of a signature job;
//! - `roots.rs`: `parseRoot`, `checkRootSuccessor`;
//! - `meta.rs`: `version`, `catalogue`, `codes`, `vocabulary`, `validateCheckConfig`, `canonicalize`.
//!
//! Producing (signing records, key files, creating roots) is in the producer module
//! (`qinglian-wasm-import`), loaded only by callers that sign: the verifier stays within its size
//! budget. The conversions both share are in `qinglian-wasm-shared::convert`.
//! - `bench.rs`: the hooks of `npm run bench`, only with the `bench` feature (never in the
//!   shipped module; `node scripts/build-wasm.mjs --bench` builds them into `pkg-bench/`).

#[cfg(feature = "bench")]
mod bench;
mod meta;
mod roots;
mod signatures;
mod verify;
