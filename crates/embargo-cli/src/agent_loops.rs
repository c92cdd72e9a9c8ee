//! The agent's background work: the deadline notifier, the folder-watching team
//! sync and the intake folder, the very loops `notify --watch`, `sync --watch`,
//! `intake --watch` and the desktop app run (`embargo_notify::watch`,
//! `embargo_api::watch_team_folder`, `embargo_api::watch_intake_folder`), on the
//! held session. Each takes it only for one pass, so served commands never wait behind a
//! watch, and gets nothing once the agent is locking.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use embargo_api::{
    ApiError, IntakeWatchEvent, Session, SessionSource, SystemClock, TeamFolderWakeups,
    watch_intake_folder, watch_team_folder,
};
use embargo_domain::{Progress, Unwatched};
use embargo_notify::{DesktopSink, NoticeAction, NotifierSource, WatchOptions, watch};

use crate::agent::Held;

/// A notifier pass a minute, like `embargo notify --watch`'s default.
const NOTIFY_EVERY: Duration = Duration::from_secs(60);
/// How long a notification server may take to answer.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

/// Send deadline notifications until the agent ends.
pub(crate) fn run_notifier(held: Arc<Held>) {
    spawn("embargo-notifier", move || {
        let (wake, mut wakeups) = mpsc::channel();
        let sink = DesktopSink::new(NOTIFY_TIMEOUT).with_actions(wake);
        let options = WatchOptions {
            interval: NOTIFY_EVERY,
            passes: None,
            linger: Duration::ZERO,
            actions: vec![NoticeAction::SnoozeOneHour],
        };
        // The agent has no terminal to report to: a failed pass (no notification
        // server) is simply tried again at the next one.
        let _ = watch(
            &mut &*held,
            &sink,
            &mut wakeups,
            &SystemClock,
            &options,
            |_| {},
        );
    });
}

/// Merge the team folder when it changes (and at the loop's poll interval) until
/// the agent ends; nothing to do while the vault has no team.
pub(crate) fn run_team_sync(held: Arc<Held>) {
    spawn("embargo-team-sync", move || {
        // The nudge sender must outlive the loop: dropping it would end the loop.
        let (mut wakeups, _nudge) = TeamFolderWakeups::new();
        let _ = watch_team_folder(&mut &*held, &mut wakeups, &mut Unwatched, |_| {});
    });
}

/// Import what lands in the intake folder until the agent ends, with a discreet
/// notice per pass that filed something; nothing to do while no folder is set.
/// Files that could not be imported are listed by `embargo intake status`.
pub(crate) fn run_intake(held: Arc<Held>) {
    spawn("embargo-intake", move || {
        // The nudge sender must outlive the loop: dropping it would end the loop.
        let (mut wakeups, _nudge) = TeamFolderWakeups::new();
        let sink = DesktopSink::new(NOTIFY_TIMEOUT);
        let _ = watch_intake_folder(&mut &*held, &mut wakeups, |event| {
            if let IntakeWatchEvent::Checked(report) = event {
                // Locked meanwhile: discreet.
                let show_titles = held
                    .with_session(|session| session.show_titles())
                    .and_then(Result::ok)
                    .unwrap_or(false);
                // No notification server: `embargo case list` still shows the case.
                let _ = embargo_notify::tell_intake(&report.imported, show_titles, &sink);
            }
        });
    });
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    // Without the thread the agent still serves commands; nothing to report to.
    let _ = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work);
}

/// The loops' session: the agent's, one pass at a time, none once it is locking.
impl SessionSource for &Held {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        let held: &Held = self;
        Ok(held.with_session(|session| work(session, &mut StopWhenLocking(held))))
    }
}

/// The agent keeps no schedule while locked: it ends at lock.
impl NotifierSource for &Held {}

/// A pass stops as soon as `embargo lock` or the expiry asks.
struct StopWhenLocking<'a>(&'a Held);

impl Progress for StopWhenLocking<'_> {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        self.0.stopping()
    }
}
