//! Triage at volume (SPEC §2.2): which earlier cases a report most resembles, marking
//! a duplicate, what a report is missing, the reporter's history, the team's known
//! non-issues and the triage queue. The ranking itself is `embargo-triage` (pure).

mod case_triage;
mod drafting;
mod duplicate;
mod non_issues;
mod queue;
mod report_gaps;
mod reporter;
mod similar;
mod similarity_cache;

pub use case_triage::CaseTriage;
pub use non_issues::{NonIssueMatch, NonIssueView};
pub use queue::QueueEntry;
pub use report_gaps::ReportCheck;
pub use reporter::{HistoryEntry, Outcome, ReporterHistory, SameReporter};
pub use similar::{DEFAULT_SIMILAR, SimilarCase};
pub(crate) use similarity_cache::SimilarityCache;

/// The built-in template that asks the reporter for more information.
pub(crate) const REQUEST_INFO_TEMPLATE: &str = "request-info";
