//! The one folder-watching loop: the team sync ([`crate::watch_team_folder`]) and
//! the intake folder ([`crate::watch_intake_folder`]) are this loop with their own
//! pass.
//!
//! A pass runs at once, then again soon after a file lands in the folder, when the
//! host asks (after unlock, after a setting changed), and at least every `every`
//! (network shares send no file events, and a watch on a folder that disappeared
//! is gone). After a file event the loop waits until the folder has been quiet for
//! [`SETTLE`]: a file lands as a temp file and a rename, or is written in pieces,
//! with a few events around them. Only while the source has a session. A failed
//! pass (a folder gone, unreadable) is reported and retried, never fatal; a pass
//! stopped by a lock is not a failure.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use embargo_domain::Progress;
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::{ApiError, Session, SessionSource, Wake, Wakeups};

/// After a file event, wait until the folder has been quiet this long.
pub const SETTLE: Duration = Duration::from_millis(300);

/// Wakeups that can also follow a folder.
pub trait FolderWakeups: Wakeups {
    /// Wake for changes under `folder` from now on (instead of any folder
    /// followed before: the folder may be set or changed while the loop runs).
    fn follow(&mut self, folder: &Path);
}

/// What one pass of a folder loop did.
pub(crate) enum Step<E> {
    /// Nothing to watch (no team, no intake folder set).
    Idle,
    /// A pass over `folder`; `None` when a lock stopped it.
    Watched {
        folder: PathBuf,
        outcome: Option<Result<E, ApiError>>,
    },
}

/// Run `pass` until `wakeups` says stop, handing each outcome to `report`. Ends
/// with `Err` only when the source cannot provide a session at all.
pub(crate) fn watch_folder<E>(
    source: &mut impl SessionSource,
    wakeups: &mut impl FolderWakeups,
    every: Duration,
    mut pass: impl FnMut(&mut Session, &mut dyn Progress) -> Result<Step<E>, ApiError>,
    mut report: impl FnMut(Result<E, ApiError>),
) -> Result<(), ApiError> {
    loop {
        match source.with_session(&mut pass)? {
            Some(Ok(Step::Watched { folder, outcome })) => {
                wakeups.follow(&folder);
                if let Some(outcome) = outcome {
                    report(outcome);
                }
            }
            Some(Err(error)) => report(Err(error)),
            // Locked, or nothing to watch: nothing to do until the next wakeup.
            Some(Ok(Step::Idle)) | None => {}
        }
        match wakeups.wait(every) {
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

/// The production wakeups: file events under the followed folder (the `notify`
/// crate) and the host's nudges, on one channel.
pub struct FolderEventWakeups {
    events: Receiver<()>,
    watcher: Option<RecommendedWatcher>,
    watched: Option<PathBuf>,
}

/// The team sync's wakeups (the same kind as every folder loop's).
pub type TeamFolderWakeups = FolderEventWakeups;

impl FolderEventWakeups {
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

impl std::fmt::Debug for FolderEventWakeups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderEventWakeups")
            .field("watched", &self.watched)
            .finish_non_exhaustive()
    }
}

impl Wakeups for FolderEventWakeups {
    fn wait(&mut self, longest: Duration) -> Wake {
        self.events.wait(longest)
    }
}

impl FolderWakeups for FolderEventWakeups {
    fn follow(&mut self, folder: &Path) {
        let Some(watcher) = self.watcher.as_mut() else {
            return;
        };
        // A folder that went away took its watch with it: forget it, so that the
        // folder is watched again once it is back.
        if !folder.is_dir() {
            if let Some(old) = self.watched.take() {
                let _ = watcher.unwatch(&old);
            }
            return;
        }
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
