//! The case list's rows with each case's most urgent deadline, computed in the
//! core for the rows a screen shows (never in the UI).

use chrono::{DateTime, Utc};
use embargo_domain::deadlines::{DeadlineEngine, DeadlineState, most_urgent};
use embargo_domain::{CaseId, CvssScore};
use embargo_vault::CaseSummary;
use serde::Serialize;

use crate::{AgendaGroup, ApiError, Session};

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseRow {
    /// What the vault lists about the case.
    #[serde(flatten)]
    pub summary: CaseSummary,
    /// Its most pressing open deadline; `None` when nothing is open.
    pub deadline: Option<DeadlineBadge>,
    /// How urgent it is (the agenda's group).
    pub group: AgendaGroup,
    /// Its highest-scoring CVSS vector, if scored.
    pub severity: Option<CvssScore>,
    /// The reporter's name, else address; `None` when unknown.
    pub reporter: Option<String>,
    /// Whether it waits on the reporter (needs info).
    pub waiting_on_reporter: bool,
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

/// A case's most urgent deadline and whether it waits on the reporter.
pub(crate) struct Urgency {
    pub deadline: Option<DeadlineBadge>,
    pub waiting: bool,
}

impl Session {
    /// A case's most urgent deadline under `engine` at `now` (facts cached).
    pub(crate) fn urgency(
        &self,
        engine: &DeadlineEngine<'_>,
        case: CaseId,
        now: DateTime<Utc>,
    ) -> Result<Urgency, ApiError> {
        let facts = self.case_facts(case)?;
        let states = engine.evaluate(&facts, now);
        let deadline = most_urgent(&states).and_then(|s| {
            Some(DeadlineBadge {
                rule: s.rule.id.clone(),
                label: s.rule.label.clone(),
                state: s.state,
                due_at: s.due_at?,
            })
        });
        let waiting = facts.waits.last().is_some_and(|w| w.end.is_none());
        Ok(Urgency { deadline, waiting })
    }

    /// The row a screen shows for `summary`, with what only the case itself knows
    /// (severity, reporter).
    pub(crate) fn row(
        &self,
        summary: CaseSummary,
        urgency: Urgency,
        group: AgendaGroup,
    ) -> Result<CaseRow, ApiError> {
        let case = self.case(summary.case_id)?;
        Ok(CaseRow {
            deadline: urgency.deadline,
            group,
            severity: highest(&case.cvss).cloned(),
            reporter: case.reporter.name.or(case.reporter.email),
            waiting_on_reporter: urgency.waiting,
            summary,
        })
    }
}

/// The score that says the most about a case: the highest base score.
pub(crate) fn highest(scores: &[CvssScore]) -> Option<&CvssScore> {
    scores
        .iter()
        .max_by(|a, b| a.base_score.total_cmp(&b.base_score))
}
