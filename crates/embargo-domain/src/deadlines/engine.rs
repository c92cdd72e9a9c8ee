use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::policy::{Anchor, PolicyProfile, Rule};
use crate::{Case, DomainError, Event, MetDeadline, Status};

use super::{CaseFacts, ClockEnd, WorkingCalendar, run_clock};

/// Where one rule of one case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// Done (see `met_at`).
    Met,
    /// Running, not yet inside its lead time.
    Upcoming,
    /// Inside its lead time: `due_at - lead <= now < due_at`.
    DueSoon,
    /// Not met and `now >= due_at` (at the deadline instant itself it is overdue).
    Overdue,
    /// The clock is stopped while the case waits on the reporter.
    Paused,
    /// The rule does not apply: disabled, its anchor has not happened (no CVE
    /// yet), the case moved past `stops_at`, or the case is closed / a side outcome.
    NotApplicable,
}

impl DeadlineState {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineState::Met => "met",
            DeadlineState::Upcoming => "upcoming",
            DeadlineState::DueSoon => "due_soon",
            DeadlineState::Overdue => "overdue",
            DeadlineState::Paused => "paused",
            DeadlineState::NotApplicable => "not_applicable",
        }
    }

    /// Whether something is still to be done by a deadline.
    pub fn is_open(self) -> bool {
        !matches!(self, DeadlineState::Met | DeadlineState::NotApplicable)
    }
}

/// One rule's state for one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleState<'p> {
    /// The policy rule.
    pub rule: &'p Rule,
    /// Where it stands.
    pub state: DeadlineState,
    /// The deadline (while paused: the deadline if the wait ended now). `None`
    /// when the rule's anchor has not happened.
    pub due_at: Option<DateTime<Utc>>,
    /// When it enters its lead time (`due_at - lead`).
    pub warn_at: Option<DateTime<Utc>>,
    /// When it was met (for a recurring rule: the last time its clock restarted).
    pub met_at: Option<DateTime<Utc>>,
    /// What met it (for a recurring rule: what last restarted its clock).
    pub met_by: Option<MetBy>,
}

/// What met a rule: a step logged as done, or the case reaching a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MetBy {
    /// A logged step: this rule's own, or one that also meets it (a detailed
    /// response also acknowledges).
    Logged {
        /// The rule id that was logged.
        rule: String,
    },
    /// The case reached this status (the announcement meets `announce`).
    Status {
        /// The status.
        status: Status,
    },
}

/// A profile made ready for evaluating many cases (the calendar parsed once).
#[derive(Debug, Clone)]
pub struct DeadlineEngine<'p> {
    profile: &'p PolicyProfile,
    calendar: WorkingCalendar,
}

/// Every rule's state for one case: the pure function (case history, policy, now).
pub fn evaluate<'p>(
    case: &Case,
    events: &[Event],
    profile: &'p PolicyProfile,
    now: DateTime<Utc>,
) -> Result<Vec<RuleState<'p>>, DomainError> {
    let engine = DeadlineEngine::new(profile)?;
    Ok(engine.evaluate(&CaseFacts::new(case, events), now))
}

impl<'p> DeadlineEngine<'p> {
    /// Prepare `profile` (refused if its calendar zone is unknown).
    pub fn new(profile: &'p PolicyProfile) -> Result<Self, DomainError> {
        Ok(Self {
            profile,
            calendar: WorkingCalendar::of(profile)?,
        })
    }

    /// The profile's working calendar (its zone is where deadlines are shown).
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    /// Every rule's state for one case, in the profile's rule order.
    pub fn evaluate(&self, facts: &CaseFacts, now: DateTime<Utc>) -> Vec<RuleState<'p>> {
        let mut states: Vec<RuleState<'p>> = Vec::with_capacity(self.profile.rules.len());
        for rule in &self.profile.rules {
            let end = self.deadline(rule, facts, &states, now);
            states.push(self.state_of(rule, facts, end, now));
        }
        states
    }

    fn deadline(
        &self,
        rule: &Rule,
        facts: &CaseFacts,
        earlier: &[RuleState<'p>],
        now: DateTime<Utc>,
    ) -> Option<ClockEnd> {
        let case = facts;
        let start = match &rule.anchor {
            Anchor::Received => case.received_at,
            Anchor::LatestMet { rules } => latest_met(case, rules).unwrap_or(case.received_at),
            Anchor::Embargo => match case.embargo_at {
                Some(date) => return Some(ClockEnd::Due(date)),
                None => facts.cve_assigned_at?,
            },
            Anchor::Deadline { rule: other } => {
                earlier.iter().find(|s| &s.rule.id == other)?.due_at?
            }
            Anchor::StatusReached { status } => facts.reached(*status)?,
        };
        let calendar = rule.business_days.then_some(&self.calendar);
        let waits = if rule.pauses_while_waiting {
            facts.waits.as_slice()
        } else {
            &[]
        };
        Some(run_clock(
            start,
            rule.after.as_chrono(),
            calendar,
            waits,
            now,
        ))
    }

    fn state_of(
        &self,
        rule: &'p Rule,
        facts: &CaseFacts,
        end: Option<ClockEnd>,
        now: DateTime<Utc>,
    ) -> RuleState<'p> {
        let case = facts;
        let due_at = end.map(ClockEnd::instant);
        let warn_at = due_at.map(|due| due - rule.lead.as_chrono());
        let recurs = rule.anchor.recurs();
        let (met_at, met_by) = if recurs {
            let at = match &rule.anchor {
                Anchor::LatestMet { rules } => latest_met(case, rules),
                _ => None,
            };
            let by = at.and_then(|at| {
                case.met
                    .iter()
                    .rev()
                    .find(|m| m.at == at)
                    .map(|m| MetBy::Logged {
                        rule: m.rule.clone(),
                    })
            });
            (at, by)
        } else {
            first_met(rule, facts).unzip()
        };
        let finished = is_finished(case.status)
            || rule
                .stops_at
                .is_some_and(|stop| reached_on_main_path(case.status, stop));
        let state = match (end, met_at) {
            _ if !rule.enabled => DeadlineState::NotApplicable,
            (_, Some(_)) if !recurs => DeadlineState::Met,
            _ if finished => DeadlineState::NotApplicable,
            (None, _) => DeadlineState::NotApplicable,
            (Some(ClockEnd::Paused { .. }), _) => DeadlineState::Paused,
            (Some(ClockEnd::Due(due)), _) if now >= due => DeadlineState::Overdue,
            (Some(ClockEnd::Due(_)), _) if warn_at.is_some_and(|warn| now >= warn) => {
                DeadlineState::DueSoon
            }
            (Some(ClockEnd::Due(_)), _) => DeadlineState::Upcoming,
        };
        RuleState {
            rule,
            state,
            due_at,
            warn_at,
            met_at,
            met_by,
        }
    }
}

/// Closed, or ended on a side outcome: no deadline runs any more.
fn is_finished(status: Status) -> bool {
    matches!(
        status,
        Status::Closed | Status::NotAVulnerability | Status::Duplicate | Status::ThirdParty
    )
}

/// Whether a case on the main path (received → … → published) is at or past `stop`.
fn reached_on_main_path(status: Status, stop: Status) -> bool {
    status >= stop
}

fn latest_met(case: &CaseFacts, rules: &[String]) -> Option<DateTime<Utc>> {
    case.met
        .iter()
        .filter(|m| rules.iter().any(|r| r == &m.rule))
        .map(|m| m.at)
        .max()
}

fn first_met(rule: &Rule, facts: &CaseFacts) -> Option<(DateTime<Utc>, MetBy)> {
    let logged = facts
        .met
        .iter()
        .filter(|m| m.rule == rule.id || rule.also_met_by.contains(&m.rule))
        .min_by_key(|m| m.at)
        .map(|m: &MetDeadline| {
            (
                m.at,
                MetBy::Logged {
                    rule: m.rule.clone(),
                },
            )
        });
    let by_status = rule
        .met_by_status
        .and_then(|s| facts.reached(s).map(|at| (at, MetBy::Status { status: s })));
    logged
        .into_iter()
        .chain(by_status)
        .min_by_key(|(at, _)| *at)
}
