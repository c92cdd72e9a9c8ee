//! The agent's background work: the deadline notifier and the team sync watch,
//! each ONE function over the held session, taking it only for the length of a
//! pass so served commands are never kept waiting behind a watch. (When the
//! api grows its own notifier and sync loops, these two functions call them.)

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use embargo_domain::Progress;
use embargo_notify::{DesktopSink, notify_once};
use notify::{RecursiveMode, Watcher as _};

use crate::agent::Held;

/// A notifier pass a minute, like `embargo notify --watch`'s default.
const NOTIFY_EVERY: Duration = Duration::from_secs(60);
/// How long a notification server may take to answer.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);
/// Re-scan the team folder this often even without file events (network shares
/// do not notify), and look for a team created since.
const SYNC_POLL: Duration = Duration::from_secs(30);
/// Let a burst of file events settle before merging.
const SETTLE: Duration = Duration::from_millis(150);

/// Send deadline notifications until the agent stops.
pub(crate) fn run_notifier(held: Arc<Held>) {
    spawn("embargo-notifier", move || {
        let sink = DesktopSink::new(NOTIFY_TIMEOUT);
        loop {
            // A failed pass (no notification server) is tried again next time.
            let _ = held.with_session(|session| notify_once(session, &sink, &[]));
            if held.wait(NOTIFY_EVERY) {
                return;
            }
        }
    });
}

/// Merge the team folder when it changes (and every [`SYNC_POLL`]) until the
/// agent stops; nothing to do while the vault has no team.
pub(crate) fn run_team_sync(held: Arc<Held>) {
    spawn("embargo-team-sync", move || {
        let (tx, rx) = mpsc::channel();
        let mut watching = None;
        loop {
            if watching.is_none()
                && let Some(Ok(folder)) = held.with_session(|session| session.team_folder())
            {
                let tx = tx.clone();
                // Never follow links: a planted link to `/` would make the watch walk the disk.
                let watcher = notify::RecommendedWatcher::new(
                    move |event| {
                        let _ = tx.send(event);
                    },
                    notify::Config::default().with_follow_symlinks(false),
                )
                .and_then(|mut watcher| {
                    watcher.watch(&folder, RecursiveMode::Recursive)?;
                    Ok(watcher)
                });
                // Without file events, the poll still merges.
                watching = Some(watcher.ok());
            }
            if watching.is_some() {
                let stopping = StopWhenLocking(&held);
                let _ = held.with_session(|session| session.sync_watched(&mut { stopping }));
            }
            match rx.recv_timeout(SYNC_POLL) {
                Ok(_) => while rx.recv_timeout(SETTLE).is_ok() {},
                Err(mpsc::RecvTimeoutError::Timeout | mpsc::RecvTimeoutError::Disconnected) => {}
            }
            if held.stopping() {
                return;
            }
        }
    });
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    // Without the thread the agent still serves commands; nothing to report to.
    let _ = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work);
}

/// A sync pass stops as soon as `embargo lock` or the expiry asks.
struct StopWhenLocking<'a>(&'a Held);

impl Progress for StopWhenLocking<'_> {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        self.0.stopping()
    }
}
