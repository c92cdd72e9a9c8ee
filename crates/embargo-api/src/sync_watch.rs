//! The folder-watching sync loop, one for every front end: the CLI's
//! `sync --watch`, the desktop app's background sync and the `embargo unlock`
//! agent all call [`watch_team_folder`] with their own session source, progress
//! and wakeups.
//!
//! A pass runs at once, then again soon after a file lands in the team folder (a
//! teammate's segment), when the host asks (after unlock, after a team was
//! created or joined), and at least every [`SYNC_EVERY`] so that changes made here
//! leave soon (network shares send no file events). Only while the source has a
//! session and the vault is in a team. Any lock stops a pass between steps (the
//! source's progress), which left nothing half-merged and is not a failure; a
//! failed pass (a folder gone, read-only, full) is reported and retried, never
//! fatal.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use embargo_domain::Progress;
use embargo_sync::{SyncError, SyncReport};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::session_source::Joined;
use crate::{ApiError, Session, SessionSource, TeammateChange, Wake, Wakeups};

/// A pass at least this often, for changes made here to reach the folder.
pub const SYNC_EVERY: Duration = Duration::from_secs(30);
/// After a file event, wait until the folder has been quiet this long: a segment
/// lands as a temp file and a rename, with a few events around them.
pub const SETTLE: Duration = Duration::from_millis(300);

/// Wakeups that can also follow the team folder.
pub trait FolderWakeups: Wakeups {
    /// Wake for changes under `folder` from now on (instead of any folder
    /// followed before: a team may be created or joined while the loop runs).
    fn follow(&mut self, folder: &Path);
}

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
    loop {
        let found = source.with_session(|session, claimed| {
            pass(
                session,
                &mut Joined {
                    shown: progress,
                    source: claimed,
                },
            )
        })?;
        match found {
            Some(Ok(Some((folder, outcome)))) => {
                wakeups.follow(&folder);
                match outcome {
                    Ok(event) => report(event),
                    Err(error) if is_cancelled(&error) => {}
                    Err(error) => report(SyncWatchEvent::Failed(error)),
                }
            }
            Some(Err(error)) => report(SyncWatchEvent::Failed(error)),
            // Locked, or not in a team: nothing to do until the next wakeup.
            Some(Ok(None)) | None => {}
        }
        match wakeups.wait(SYNC_EVERY) {
            Wake::Due => {}
            Wake::Woken(()) => loop {
                match wakeups.wait(SETTLE) {
                    Wake::Woken(()) => {}
                    Wake::Due => break,
                    Wake::Stop => return Ok(()),
                }
            },
            Wake::Stop => return Ok(()),
        }
    }
}

/// The folder and the outcome of one pass, if the vault is in a team.
type Pass = Option<(PathBuf, Result<SyncWatchEvent, ApiError>)>;

/// One pass, if the vault is in a team.
fn pass(session: &mut Session, progress: &mut dyn Progress) -> Result<Pass, ApiError> {
    if !session.in_team()? {
        return Ok(None);
    }
    // From the vault, not the folder: a share that stopped answering must not
    // hold the session before the pass, which a lock can stop, has even begun.
    let folder = session.team_folder()?;
    let outcome = session.sync_watched(progress).and_then(|report| {
        let mine = session.my_cases_among(&report.changed_cases)?;
        Ok(SyncWatchEvent::Synced { report, mine })
    });
    Ok(Some((folder, outcome)))
}

/// A pass stopped because the session was being taken away.
fn is_cancelled(error: &ApiError) -> bool {
    matches!(error, ApiError::Sync(SyncError::Cancelled))
}

/// The production wakeups: file events under the team folder (the `notify`
/// crate) and the host's nudges, on one channel.
pub struct TeamFolderWakeups {
    events: Receiver<()>,
    watcher: Option<RecommendedWatcher>,
    watched: Option<PathBuf>,
}

impl TeamFolderWakeups {
    /// New wakeups, and the sender the host nudges a pass with (dropping every
    /// clone of it ends the loop).
    pub fn new() -> (Self, Sender<()>) {
        let (nudge, events) = mpsc::channel();
        let files = nudge.clone();
        // Never follow links: a planted link to `/` would make the watch walk the
        // disk. Without a watcher (no inotify left) the loop still polls.
        let watcher = RecommendedWatcher::new(
            move |_event| {
                let _ = files.send(());
            },
            notify::Config::default().with_follow_symlinks(false),
        )
        .ok();
        (
            Self {
                events,
                watcher,
                watched: None,
            },
            nudge,
        )
    }
}

impl std::fmt::Debug for TeamFolderWakeups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamFolderWakeups")
            .field("watched", &self.watched)
            .finish_non_exhaustive()
    }
}

impl Wakeups for TeamFolderWakeups {
    fn wait(&mut self, longest: Duration) -> Wake {
        self.events.wait(longest)
    }
}

impl FolderWakeups for TeamFolderWakeups {
    fn follow(&mut self, folder: &Path) {
        let Some(watcher) = self.watcher.as_mut() else {
            return;
        };
        if self.watched.as_deref() == Some(folder) {
            return;
        }
        if let Some(old) = self.watched.take() {
            let _ = watcher.unwatch(&old);
        }
        // A folder that is not there (yet) is tried again after the next pass.
        if watcher.watch(folder, RecursiveMode::Recursive).is_ok() {
            self.watched = Some(folder.to_path_buf());
        }
    }
}
