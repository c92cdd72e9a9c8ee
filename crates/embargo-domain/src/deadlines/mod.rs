//! The deadline engine: a pure function of (a case and its events, a policy
//! profile, now) to every rule's state — met (when), upcoming, due soon, overdue,
//! paused or not applicable.
//!
//! How time is counted:
//! - A rule's clock starts at its anchor and runs for `after` of *running time*.
//!   Plain rules count elapsed time exactly (`5d` is 120 hours, whatever the
//!   display zone's clocks do); business-day rules count only the time that falls
//!   on working days, where a day is a calendar day of the profile's zone, so a
//!   weekend DST change does not shift the wall-clock time of the deadline.
//! - A rule that pauses while waiting stops its clock during each `needs-info`
//!   stretch; while the case still waits the rule is `paused` and its due time is
//!   what it would be if the answer came now. A deadline that had already passed
//!   when the wait began stays passed.
//! - `due_soon` from `due_at - lead` (elapsed time), `overdue` from `due_at` itself.
//!
//! Which rules stop applying: a closed case or a side outcome (not a
//! vulnerability, duplicate, third party) has no open deadline; otherwise an unmet
//! rule stops at its `stops_at` status (the seed's `ack` at `triaging`,
//! `response` at `fixing`, `update` at `announced`). Moving a case to
//! `acknowledged` does not meet `ack`: only a logged acknowledgment (or a logged
//! response or update, which are replies too) does.

mod calendar;
mod clock_run;
mod engine;
mod facts;
mod urgent;

#[cfg(test)]
mod tests;

pub use calendar::WorkingCalendar;
pub use clock_run::{ClockEnd, run_clock};
pub use engine::{DeadlineEngine, DeadlineState, MetBy, RuleState, evaluate};
pub use facts::{CaseFacts, Wait};
pub use urgent::most_urgent;
