//! Triage help that never leaves the laptop: which earlier reports a new one most
//! resembles and why ([`SimilarityIndex`]), and what a report fails to state
//! ([`ReportParts`]). Pure: no I/O, no clock, no model; the same input gives the
//! same ranking on every machine.
#![deny(missing_docs)]

mod entities;
mod index;
mod missing;
mod terms;
mod words;

pub use index::{LIKELY_DUPLICATE, Ranked, SharedTerm, SimilarityIndex};
pub use missing::{ReportPart, ReportParts};
pub use terms::{ReportText, TermKey, TermKind, TermUse, Terms};
