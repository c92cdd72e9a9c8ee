//! The engine at every boundary. Each test builds a real event history (the same
//! events the vault stores) and asks the engine at chosen instants.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod anchors;
mod board;
mod boundaries;
mod business_days;
mod dst;
mod pauses;

use chrono::{DateTime, Utc};

use super::{DeadlineState, evaluate};
use crate::policy::PolicyProfile;
use crate::{
    AuthorId, Case, CaseField, CaseId, Change, DeviceId, Event, EventContext, HlcTimestamp,
    HumanId, Reporter, Status,
};

/// An RFC 3339 instant.
pub fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .with_timezone(&Utc)
}

/// A case's history, built event by event at the times they happened.
#[derive(Clone)]
pub struct History {
    events: Vec<Event>,
    context: EventContext,
    case_id: CaseId,
    status: Status,
}

impl History {
    /// A case whose report arrived (and was opened) at `received`.
    pub fn received(received: &str) -> Self {
        let history = Self {
            events: Vec::new(),
            context: EventContext {
                author: AuthorId("tester".into()),
                device: DeviceId::random(),
            },
            case_id: CaseId::random(),
            status: Status::Received,
        };
        history.at(
            received,
            Change::CaseOpened {
                human_id: HumanId {
                    year: 2026,
                    number: 1,
                },
                title: "t".into(),
                reporter: Reporter::default(),
                received_at: t(received),
                channel: "e-mail".into(),
            },
        )
    }

    /// Record `change` at `when`.
    pub fn at(mut self, when: &str, change: Change) -> Self {
        let at = HlcTimestamp {
            wall_ms: t(when).timestamp_millis(),
            counter: self.events.len() as u32,
        };
        self.events
            .push(self.context.event(self.case_id, at, change));
        self
    }

    /// `embargo case log ID RULE --at WHEN`, logged at that time.
    pub fn met(self, rule: &str, when: &str) -> Self {
        self.at(
            when,
            Change::DeadlineMet {
                rule: rule.into(),
                at: t(when),
            },
        )
    }

    /// Move along the workflow.
    pub fn moved(mut self, when: &str, to: Status) -> Self {
        let from = self.status;
        self.status = to;
        self.at(when, Change::StatusMoved { from, to })
    }

    /// Start or stop waiting on the reporter.
    pub fn waiting(self, when: &str, waiting: bool) -> Self {
        self.at(when, Change::ReporterWait { waiting })
    }

    /// Set (or clear) the CVE id.
    pub fn cve(self, when: &str, id: Option<&str>) -> Self {
        self.at(
            when,
            Change::FieldSet {
                field: CaseField::CveId(id.map(str::to_owned)),
            },
        )
    }

    /// Set the embargo date.
    pub fn embargo(self, when: &str, date: &str) -> Self {
        self.at(
            when,
            Change::FieldSet {
                field: CaseField::EmbargoAt(Some(t(date))),
            },
        )
    }

    /// The folded case.
    pub fn case(&self) -> Case {
        Case::fold(&self.events).expect("opened")
    }

    /// `(state, due_at)` of `rule` under `profile` at `now`.
    pub fn rule_in(
        &self,
        profile: &PolicyProfile,
        rule: &str,
        now: &str,
    ) -> (DeadlineState, Option<DateTime<Utc>>) {
        let case = self.case();
        let states = evaluate(&case, &self.events, profile, t(now)).expect("valid profile");
        let state = states
            .iter()
            .find(|s| s.rule.id == rule)
            .unwrap_or_else(|| panic!("no rule {rule}"));
        (state.state, state.due_at)
    }

    /// `(state, due_at)` of `rule` under the seed policy at `now`.
    pub fn rule(&self, rule: &str, now: &str) -> (DeadlineState, Option<DateTime<Utc>>) {
        self.rule_in(&PolicyProfile::seed(), rule, now)
    }

    /// The state alone.
    pub fn state(&self, rule: &str, now: &str) -> DeadlineState {
        self.rule(rule, now).0
    }

    /// When `rule` was met, under the seed policy.
    pub fn met_at(&self, rule: &str, now: &str) -> Option<DateTime<Utc>> {
        let case = self.case();
        let profile = PolicyProfile::seed();
        let states = evaluate(&case, &self.events, &profile, t(now)).expect("valid");
        states
            .iter()
            .find(|s| s.rule.id == rule)
            .and_then(|s| s.met_at)
    }
}

/// A copy of the seed policy with edits applied.
pub fn profile_with(edits: &[(&str, &str)]) -> PolicyProfile {
    let mut profile = PolicyProfile::copy_of_seed("test", "Test");
    for (key, value) in edits {
        profile
            .edit(key, value)
            .unwrap_or_else(|e| panic!("{key}={value}: {e}"));
    }
    profile
}
