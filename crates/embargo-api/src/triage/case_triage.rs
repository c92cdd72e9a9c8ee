//! Everything the case view's triage panel shows, in one call.

use serde::Serialize;

use super::similar::DEFAULT_SIMILAR;
use super::{NonIssueMatch, ReportCheck, ReporterHistory, SimilarCase};
use crate::{ApiError, Session};

/// Similar cases, what the report lacks, the reporter's history, known non-issues.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseTriage {
    /// The most similar cases, best first.
    pub similar: Vec<SimilarCase>,
    /// What the report states and lacks.
    pub report: ReportCheck,
    /// The reporter's other cases (none without an address).
    pub reporter: Option<ReporterHistory>,
    /// Known non-issues the report matches, best first.
    pub non_issues: Vec<NonIssueMatch>,
}

impl Session {
    /// The triage panel of case `id`.
    pub fn case_triage(&self, id: &str) -> Result<CaseTriage, ApiError> {
        let case_id = self.resolve(id)?;
        Ok(CaseTriage {
            similar: self.similar_to(case_id, DEFAULT_SIMILAR)?,
            report: self.report_check(id)?,
            reporter: self.case_reporter_history(id)?,
            non_issues: self.case_non_issues(id)?,
        })
    }
}
