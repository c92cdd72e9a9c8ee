//! Reopening a case that ended: the one move against the workflow's direction.
//!
//! A reopen is recorded as an ordinary [`Change::StatusMoved`] from the end state
//! back to a working status, so devices on an older release fold it the same way
//! (their `apply` sets the status it names); only the check before writing is new.

use crate::{Case, Change, DomainError, Event, Status};

impl Case {
    /// The status a reopen of this case moves it to, or why it cannot be reopened.
    ///
    /// A triage outcome (not a vulnerability, duplicate, third party) goes back to
    /// triaging. A closed case goes back to where it was closed from: published when
    /// it was closed after its advisory (a follow-up needs the published state, not a
    /// second triage), triaging otherwise. `events` are the case's events in fold
    /// order; the last move into closed says where it came from.
    pub fn reopen_target(&self, events: &[Event]) -> Result<Status, DomainError> {
        match self.status {
            Status::NotAVulnerability | Status::Duplicate | Status::ThirdParty => {
                Ok(Status::Triaging)
            }
            Status::Closed => {
                let closed_from = events.iter().rev().find_map(|event| match event.change {
                    Change::StatusMoved {
                        from,
                        to: Status::Closed,
                    } => Some(from),
                    _ => None,
                });
                Ok(match closed_from {
                    Some(Status::Published) => Status::Published,
                    _ => Status::Triaging,
                })
            }
            other => Err(DomainError::NotReopenable(other)),
        }
    }
}

/// Whether a recorded move from `from` to `to` was a reopen rather than a step
/// forward (for the timeline's words).
pub(crate) fn is_reopening(from: Status, to: Status) -> bool {
    from.is_end_state() && !to.is_end_state()
}
