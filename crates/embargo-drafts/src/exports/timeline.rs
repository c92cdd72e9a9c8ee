//! The public milestones of a case, read from its history: what an advisory's
//! timeline and the CVE record's `timeline` show.

use chrono::{DateTime, Utc};
use embargo_domain::{CaseField, Change, Status};

use super::ExportInput;

/// One milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Milestone {
    pub at: DateTime<Utc>,
    pub what: &'static str,
}

/// Milestones in time order, each at most once (the first time it happened).
pub(crate) fn milestones(input: &ExportInput<'_>) -> Vec<Milestone> {
    let case = input.case;
    let mut found = vec![Milestone {
        at: case.received_at,
        what: "Report received",
    }];
    let mut push = |at: DateTime<Utc>, what: &'static str| {
        if !found.iter().any(|m| m.what == what) {
            found.push(Milestone { at, what });
        }
    };
    for event in input.events {
        let at = event.at.instant();
        match &event.change {
            Change::DeadlineMet { rule, at } if rule == "ack" => {
                push(*at, "Report acknowledged");
            }
            Change::StatusMoved { to, .. } => match to {
                Status::Acknowledged => push(at, "Report acknowledged"),
                Status::Confirmed => push(at, "Vulnerability confirmed"),
                Status::FixReady => push(at, "Fixes ready"),
                _ => {}
            },
            Change::FieldSet {
                field: CaseField::CveId(Some(_)),
            } => push(at, "CVE identifier assigned"),
            _ => {}
        }
    }
    if let Some(embargo) = case.embargo_at {
        push(
            embargo,
            if super::is_public(case.status) {
                "Fixes released and advisory published"
            } else {
                "Planned disclosure"
            },
        );
    }
    found.sort_by_key(|m| m.at);
    found
}
