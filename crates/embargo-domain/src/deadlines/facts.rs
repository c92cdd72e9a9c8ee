use chrono::{DateTime, Utc};

use crate::{Case, CaseField, Change, Event, MetDeadline, Status};

/// A stretch of time the case waited on the reporter; `end` is `None` while it
/// still waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// When `needs-info` began.
    pub start: DateTime<Utc>,
    /// When the reporter's answer arrived, if it has.
    pub end: Option<DateTime<Utc>>,
}

/// What the engine needs from one case's history, read once from its events:
/// a few fields of the folded case plus the times that only the events know (when
/// the CVE id was set, when each status was reached, when the case waited on the
/// reporter). Owned and small (no case text), so a session can keep the facts of
/// many cases between screens and only the clock moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    /// Where the case stands.
    pub status: Status,
    /// When the report arrived.
    pub received_at: DateTime<Utc>,
    /// The case's embargo instant, if set.
    pub embargo_at: Option<DateTime<Utc>>,
    /// Policy steps logged as done, in the order recorded.
    pub met: Vec<MetDeadline>,
    /// When the case's current CVE id was set; `None` without a CVE id.
    pub cve_assigned_at: Option<DateTime<Utc>>,
    /// Stretches of `needs-info`, oldest first.
    pub waits: Vec<Wait>,
    reached: [Option<DateTime<Utc>>; Status::ALL.len()],
}

impl CaseFacts {
    /// Read the facts from a case and its events (in fold order). Event times are
    /// the events' clock times; a `DeadlineMet` carries its own `at`.
    pub fn new(case: &Case, events: &[Event]) -> Self {
        let mut cve: Option<(&str, DateTime<Utc>)> = None;
        let mut waits: Vec<Wait> = Vec::new();
        let mut reached = [None; Status::ALL.len()];
        for event in events {
            let at = event.at.instant();
            match &event.change {
                Change::FieldSet {
                    field: CaseField::CveId(id),
                } => {
                    cve = match (id.as_deref(), cve) {
                        // The same id again does not move the embargo.
                        (Some(id), Some((same, since))) if id == same => Some((same, since)),
                        (Some(id), _) => Some((id, at)),
                        (None, _) => None,
                    };
                }
                Change::StatusMoved { to, .. } => {
                    reached[status_index(*to)].get_or_insert(at);
                }
                Change::ReporterWait { waiting: true }
                    if waits.last().is_none_or(|w| w.end.is_some()) =>
                {
                    waits.push(Wait {
                        start: at,
                        end: None,
                    });
                }
                Change::ReporterWait { waiting: false } => {
                    if let Some(open) = waits.last_mut().filter(|w| w.end.is_none()) {
                        open.end = Some(at);
                    }
                }
                _ => {}
            }
        }
        reached[status_index(Status::Received)] = Some(case.received_at);
        Self {
            status: case.status,
            received_at: case.received_at,
            embargo_at: case.embargo_at,
            met: case.met.clone(),
            cve_assigned_at: cve.map(|(_, at)| at),
            waits,
            reached,
        }
    }

    /// When the case first reached `status`, if it has.
    pub fn reached(&self, status: Status) -> Option<DateTime<Utc>> {
        self.reached[status_index(status)]
    }
}

fn status_index(status: Status) -> usize {
    Status::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or_default()
}
