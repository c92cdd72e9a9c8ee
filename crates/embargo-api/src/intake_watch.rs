//! The intake folder's loop, one for every front end: the desktop app, the
//! `embargo unlock` agent and `embargo intake --watch` call
//! [`watch_intake_folder`] with their own session source and wakeups. It is the
//! folder loop of `crate::folder_watch` (a pass at once, soon after a file lands,
//! when the host asks, and at least every [`INTAKE_EVERY`]) with the intake pass.

use std::time::Duration;

use crate::folder_watch::{FolderWakeups, watch_folder};
use crate::{ApiError, IntakeReport, SessionSource};

/// A pass at least this often: a folder on a share sends no file events, and a
/// folder that disappeared and came back has lost its watch.
pub const INTAKE_EVERY: Duration = Duration::from_secs(30);

/// What a pass of the loop found, for the host to show.
#[derive(Debug)]
pub enum IntakeWatchEvent {
    /// A pass completed (perhaps finding nothing new: see
    /// [`IntakeReport::is_empty`]).
    Checked(IntakeReport),
    /// A pass failed (the folder is gone or unreadable); the loop carries on and
    /// retries.
    Failed(ApiError),
}

/// Run intake passes until `wakeups` says stop. Only while the source has a
/// session and an intake folder is set; any lock stops a pass before it writes.
/// Ends with `Err` only when the source cannot provide a session at all.
pub fn watch_intake_folder(
    source: &mut impl SessionSource,
    wakeups: &mut impl FolderWakeups,
    mut report: impl FnMut(IntakeWatchEvent),
) -> Result<(), ApiError> {
    watch_folder(
        source,
        wakeups,
        INTAKE_EVERY,
        |session, claimed| session.intake_step(claimed),
        |outcome| {
            report(match outcome {
                Ok(found) => IntakeWatchEvent::Checked(found),
                Err(error) => IntakeWatchEvent::Failed(error),
            });
        },
    )
}
