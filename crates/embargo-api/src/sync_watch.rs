//! The folder-watching sync loop, one for every front end: the CLI's
//! `sync --watch`, the desktop app's background sync and the `embargo unlock`
//! agent all call [`watch_team_folder`] with their own session source, progress
//! and wakeups.
//!
//! The loop is the one folder loop (`crate::folder_watch`, its timings explained
//! there): a pass at once, soon after a teammate's segment lands, when the host
//! asks (after unlock, after a team was created or joined), and at least every
//! [`SYNC_EVERY`] so that changes made here leave soon. Only while the vault is in
//! a team. Any lock stops a pass between steps (the source's progress), which
//! left nothing half-merged and is not a failure; a failed pass (a folder gone,
//! read-only, full) is reported and retried, never fatal.

use std::path::PathBuf;
use std::time::Duration;

use embargo_domain::Progress;
use embargo_sync::{SyncError, SyncReport};

use crate::folder_watch::{FolderWakeups, Step, watch_folder};
use crate::session_source::Joined;
use crate::{ApiError, Session, SessionSource, TeammateChange};

/// A pass at least this often, for changes made here to reach the folder.
pub const SYNC_EVERY: Duration = Duration::from_secs(30);

/// What a pass of the loop found, for the host to show.
#[derive(Debug)]
pub enum SyncWatchEvent {
    /// A pass completed.
    Synced {
        /// What it merged and wrote.
        report: SyncReport,
        /// Cases this user handles that teammates changed (for a discreet notice).
        mine: Vec<TeammateChange>,
    },
    /// A pass failed (the folder is unavailable, read-only, full…); the loop
    /// carries on and retries.
    Failed(ApiError),
}

/// Run sync passes until `wakeups` says stop. `progress` is the front end's (a
/// terminal bar, or nothing); the source's own progress stops a pass when the
/// session is being taken away. Ends with `Err` only when the source cannot
/// provide a session at all.
pub fn watch_team_folder(
    source: &mut impl SessionSource,
    wakeups: &mut impl FolderWakeups,
    progress: &mut dyn Progress,
    mut report: impl FnMut(SyncWatchEvent),
) -> Result<(), ApiError> {
    watch_folder(
        source,
        wakeups,
        SYNC_EVERY,
        |session, claimed| {
            pass(
                session,
                &mut Joined {
                    shown: &mut *progress,
                    source: claimed,
                },
            )
        },
        |outcome| report(outcome.unwrap_or_else(SyncWatchEvent::Failed)),
    )
}

/// One pass, if the vault is in a team.
fn pass(
    session: &mut Session,
    progress: &mut dyn Progress,
) -> Result<Step<SyncWatchEvent>, ApiError> {
    if !session.in_team()? {
        return Ok(Step::Idle);
    }
    // From the vault, not the folder: a share that stopped answering must not
    // hold the session before the pass, which a lock can stop, has even begun.
    let folder: PathBuf = session.team_folder()?;
    let outcome = session.sync_watched(progress).and_then(|report| {
        let mine = session.my_cases_among(&report.changed_cases)?;
        Ok(SyncWatchEvent::Synced { report, mine })
    });
    let outcome = match outcome {
        Err(error) if is_cancelled(&error) => None,
        other => Some(other),
    };
    Ok(Step::Watched { folder, outcome })
}

/// A pass stopped because the session was being taken away.
fn is_cancelled(error: &ApiError) -> bool {
    matches!(error, ApiError::Sync(SyncError::Cancelled))
}
