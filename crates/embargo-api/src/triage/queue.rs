//! The triage queue (`embargo triage`, the app's Triage screen): every case not yet
//! past triage, new reports first, each with its flags, so a handler walks it with
//! the keyboard and answers each in a few keys.

use chrono::{DateTime, Utc};
use embargo_domain::Status;
use embargo_domain::deadlines::DeadlineEngine;
use embargo_triage::ReportPart;
use serde::Serialize;

use super::non_issues::matches;
use super::{NonIssueMatch, ReportCheck, SimilarCase};
use crate::{ApiError, DeadlineBadge, Session};

/// One case in the queue and what a handler should know at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QueueEntry {
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// Its title.
    pub title: String,
    /// Where it stands (received, acknowledged or triaging).
    pub status: Status,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// Who sent it.
    pub reporter: Option<String>,
    /// The most similar case, when it is likely the same report.
    pub likely_duplicate_of: Option<SimilarCase>,
    /// The known non-issue it matches best.
    pub known_non_issue: Option<NonIssueMatch>,
    /// What the report does not state.
    pub missing: Vec<ReportPart>,
    /// Its most urgent open deadline.
    pub deadline: Option<DeadlineBadge>,
}

fn in_triage(status: Status) -> Option<u8> {
    match status {
        Status::Received => Some(0),
        Status::Acknowledged => Some(1),
        Status::Triaging => Some(2),
        _ => None,
    }
}

impl Session {
    /// Cases still to triage: received first, then acknowledged, then triaging;
    /// newest first within each.
    pub fn triage_queue(&self) -> Result<Vec<QueueEntry>, ApiError> {
        let now = self.now();
        let catalogue = self.non_issues()?;
        let summaries: Vec<_> = self
            .vault()
            .list()?
            .into_iter()
            .filter(|s| {
                s.status
                    .parse::<Status>()
                    .ok()
                    .and_then(in_triage)
                    .is_some()
            })
            .collect();
        let settings = self.policy_settings()?;
        let engine = DeadlineEngine::new(settings.active())?;
        let mut entries = Vec::new();
        for summary in summaries {
            let deadline = self.urgency(&engine, summary.case_id, now)?.deadline;
            let case = self.case(summary.case_id)?;
            let likely_duplicate_of = self
                .similar_to(case.id, 1)?
                .into_iter()
                .find(|s| s.likely_duplicate);
            entries.push(QueueEntry {
                case_id: case.human_id.to_string(),
                title: case.title.clone(),
                status: case.status,
                received_at: case.received_at,
                reporter: case.reporter.email.clone().or(case.reporter.name.clone()),
                likely_duplicate_of,
                known_non_issue: matches(&case, &catalogue).into_iter().next(),
                missing: ReportCheck::of(&case).missing,
                deadline,
            });
        }
        entries.sort_by(|a, b| {
            in_triage(a.status)
                .cmp(&in_triage(b.status))
                .then(b.received_at.cmp(&a.received_at))
                .then(a.case_id.cmp(&b.case_id))
        });
        Ok(entries)
    }
}
