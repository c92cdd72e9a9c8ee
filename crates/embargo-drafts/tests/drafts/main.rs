//! embargo-drafts: every built-in template rendered on a realistic case, the
//! .eml and mailto forms, every export (snapshotted and validated against the
//! official schemas, offline), and the errors a user meets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/schemas.rs"]
mod schemas;

mod errors;
mod exports;
mod fixture;
mod mail;
mod templates;
