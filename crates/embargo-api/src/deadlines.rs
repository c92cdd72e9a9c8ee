use chrono::{DateTime, Utc};
use embargo_domain::deadlines::{DeadlineEngine, DeadlineState};
use embargo_domain::policy::{PolicyDuration, PolicyProfile};
use embargo_domain::{CaseId, Change};
use serde::Serialize;

use crate::{ApiError, Refusal, Session};

/// One deadline in `embargo due`. Its JSON is exactly
/// `{case_id, rule, due_at, state}`; the other fields serve the notifier and views.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueEntry {
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// The profile's rule id (`ack`, `response`, …).
    pub rule: String,
    /// The deadline (UTC); while paused, the deadline if the wait ended now.
    pub due_at: DateTime<Utc>,
    /// `met`, `upcoming`, `due_soon`, `overdue` or `paused`.
    pub state: DeadlineState,
    /// The case's internal id.
    #[serde(skip)]
    pub case: CaseId,
    /// The rule's label (`Acknowledgment`).
    #[serde(skip)]
    pub label: String,
    /// The case title: embargoed, shown only where the user allows it.
    #[serde(skip)]
    pub title: String,
    /// When it enters its warning lead time (`due_at - lead`).
    #[serde(skip)]
    pub warn_at: Option<DateTime<Utc>>,
}

/// Which deadlines `embargo due` lists.
#[derive(Debug, Clone, Default)]
pub struct DueQuery {
    /// Only those due within this time from now (overdue ones always).
    pub within: Option<PolicyDuration>,
    /// Include deadlines already met.
    pub include_met: bool,
}

/// One rule of one case, for the case's deadline board.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    /// The rule id.
    pub rule: String,
    /// The rule's label.
    pub label: String,
    /// Where it stands (including `not_applicable`).
    pub state: DeadlineState,
    /// The deadline, once its anchor has happened.
    pub due_at: Option<DateTime<Utc>>,
    /// When it was met (a recurring rule: when its clock last restarted).
    pub met_at: Option<DateTime<Utc>>,
}

impl Session {
    /// Every rule of one case, in the profile's order.
    pub fn case_deadlines(&self, id: &str) -> Result<Vec<DeadlineView>, ApiError> {
        let case_id = self.resolve(id)?;
        let facts = self.case_facts(case_id)?;
        let settings = self.policy_settings()?;
        let engine = DeadlineEngine::new(settings.active())?;
        Ok(engine
            .evaluate(&facts, self.now())
            .iter()
            .map(|s| DeadlineView {
                rule: s.rule.id.clone(),
                label: s.rule.label.clone(),
                state: s.state,
                due_at: s.due_at,
                met_at: s.met_at,
            })
            .collect())
    }

    /// Record that a policy step was done (`embargo case log ID ack [--at T]`).
    pub fn log_met(
        &mut self,
        id: &str,
        rule: &str,
        at: Option<DateTime<Utc>>,
    ) -> Result<Vec<DeadlineView>, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        let settings = self.policy_settings()?;
        let profile: &PolicyProfile = settings.active();
        let policy_rule = profile.rule(rule.trim())?;
        let now = self.now();
        let at = at.unwrap_or(now);
        if at > now {
            return Err(Refusal::DoneInFuture { at }.into());
        }
        if at < case.received_at {
            return Err(Refusal::DoneBeforeArrival {
                at,
                case: case.human_id.to_string(),
                arrived: case.received_at,
            }
            .into());
        }
        if !policy_rule.anchor.recurs()
            && let Some(done) = case.met.iter().find(|m| m.rule == policy_rule.id)
        {
            return Err(Refusal::AlreadyLogged {
                rule: policy_rule.id.clone(),
                case: case.human_id.to_string(),
                at: done.at,
            }
            .into());
        }
        let rule = policy_rule.id.clone();
        self.record(case_id, vec![Change::DeadlineMet { rule, at }])?;
        self.case_deadlines(&case_id.to_string())
    }

    /// Start (`true`) or stop waiting on the reporter (`needs-info`).
    pub fn set_waiting(&mut self, id: &str, waiting: bool) -> Result<Vec<DeadlineView>, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        if case.waiting_on_reporter == waiting {
            let case = case.human_id.to_string();
            return Err(if waiting {
                Refusal::AlreadyWaiting { case }
            } else {
                Refusal::NotWaiting { case }
            }
            .into());
        }
        self.record(case_id, vec![Change::ReporterWait { waiting }])?;
        self.case_deadlines(&case_id.to_string())
    }
}
