//! The case list's rows with each case's most urgent deadline, computed in the
//! core for the rows a screen shows (never for the whole vault, never in the UI).

use chrono::{DateTime, Utc};
use embargo_domain::deadlines::{DeadlineEngine, DeadlineState, most_urgent};
use embargo_vault::CaseSummary;
use serde::Serialize;

use crate::{ApiError, Session};

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseRow {
    /// What the vault lists about the case.
    #[serde(flatten)]
    pub summary: CaseSummary,
    /// Its most pressing open deadline; `None` when nothing is open.
    pub deadline: Option<DeadlineBadge>,
}

/// The deadline a row shows: "Acknowledgment due in 3 h".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeadlineBadge {
    /// The rule id (`ack`).
    pub rule: String,
    /// The rule's label (`Acknowledgment`).
    pub label: String,
    /// `overdue`, `due_soon`, `upcoming` or `paused`.
    pub state: DeadlineState,
    /// The deadline (while paused: the deadline if the wait ended now).
    pub due_at: DateTime<Utc>,
}

impl Session {
    /// Each summary with its most urgent deadline under the active policy at `now`.
    pub fn with_deadlines(
        &self,
        summaries: Vec<CaseSummary>,
        now: DateTime<Utc>,
    ) -> Result<Vec<CaseRow>, ApiError> {
        let settings = self.policy_settings()?;
        let engine = DeadlineEngine::new(settings.active())?;
        summaries
            .into_iter()
            .map(|summary| {
                let facts = self.case_facts(summary.case_id)?;
                let states = engine.evaluate(&facts, now);
                let deadline = most_urgent(&states).and_then(|s| {
                    Some(DeadlineBadge {
                        rule: s.rule.id.clone(),
                        label: s.rule.label.clone(),
                        state: s.state,
                        due_at: s.due_at?,
                    })
                });
                Ok(CaseRow { summary, deadline })
            })
            .collect()
    }
}
