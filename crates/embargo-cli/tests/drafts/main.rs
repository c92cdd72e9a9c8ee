//! Black-box tests of drafting and exporting: the real `embargo` binary on real
//! encrypted vaults. The done-when flow first, then exports of the demo
//! vault checked against the official schemas, then every bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

#[path = "../../../embargo-drafts/tests/support/schemas.rs"]
mod schemas;

mod bad_input;
mod done_when;
mod editor;
mod exports;
mod templates;

/// The time every command pretends it is.
pub const NOW: &str = "2026-11-03T15:30:00Z";
