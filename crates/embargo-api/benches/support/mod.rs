//! Helpers for the vault benchmark: deterministic text and a vault generator.

pub mod corpus;
pub mod generate;
