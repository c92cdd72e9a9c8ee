//! The long-running notifier, one for every host: `embargo notify --watch`, the
//! desktop app (while unlocked and, from its locked schedule, while locked) and
//! the `embargo unlock` agent all call [`watch`] with their own session source,
//! sink, wakeups and clock.
//!
//! A pass runs at once and then every [`WatchOptions::interval`] ([`NOTIFY_EVERY`]
//! for the hosts that run until stopped), or sooner when the host asks
//! ([`NotifierWake::PassNow`]: after an unlock, after an import). Buttons pressed
//! on a notice arrive as [`NotifierWake::Action`] and are acted on between passes:
//! **Snooze 1 h** is recorded in the vault (or, while locked, in the schedule),
//! **Open** is handed to the host.

use std::time::Duration;

use chrono::{DateTime, Utc};
use embargo_api::domain::Clock;
use embargo_api::{ApiError, OpenEachStep, Session, SessionSource, Wake, Wakeups};

use crate::{
    ActionEvent, DeliveryError, LockedSchedule, NoticeAction, NotificationSink, Report, Target,
    notify_once,
};

/// Time between passes of a notifier that runs until stopped: lead times are
/// hours, so a minute is plenty.
pub const NOTIFY_EVERY: Duration = Duration::from_secs(60);

/// How snoozing from a notice's button silences a deadline.
const SNOOZE_FROM_NOTICE: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// How a notifier runs.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Time between passes.
    pub interval: Duration,
    /// Stop after this many passes (scripts and tests); `None` runs until stopped.
    pub passes: Option<u32>,
    /// After the last pass, how long to wait for the user's action on notices
    /// that offered some.
    pub linger: Duration,
    /// Buttons to offer.
    pub actions: Vec<NoticeAction>,
}

/// What wakes the notifier before its next pass is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifierWake {
    /// Run a pass now (the vault was unlocked, mail was imported).
    PassNow,
    /// The user acted on a notice.
    Action(ActionEvent),
}

impl From<ActionEvent> for NotifierWake {
    fn from(event: ActionEvent) -> Self {
        Self::Action(event)
    }
}

/// Where the notifier gets the session, and while there is none, the schedule a
/// host kept at lock time (only the desktop app keeps one).
pub trait NotifierSource: SessionSource {
    /// Run `work` on the locked schedule, if the host keeps one.
    fn with_locked_schedule<T>(
        &mut self,
        work: impl FnOnce(&mut LockedSchedule) -> T,
    ) -> Option<T> {
        drop(work);
        None
    }
}

impl NotifierSource for Session {}
impl NotifierSource for OpenEachStep {}
impl NotifierSource for &std::sync::Mutex<Option<Session>> {}
impl<S: NotifierSource> NotifierSource for &mut S {
    fn with_locked_schedule<T>(
        &mut self,
        work: impl FnOnce(&mut LockedSchedule) -> T,
    ) -> Option<T> {
        (**self).with_locked_schedule(work)
    }
}

/// What the notifier reports to its host (which prints or shows it).
#[derive(Debug)]
pub enum WatchEvent {
    /// A pass ran.
    Pass(Report),
    /// Notices cannot be shown (reported once until they can again).
    Warning(DeliveryError),
    /// No session and no schedule (another process holds the vault, or the app
    /// is locked with nothing scheduled): this step was skipped.
    NoSession,
    /// A pass or a snooze failed; the notifier carries on.
    Failed(ApiError),
    /// The user snoozed these deadlines from a notice.
    Snoozed(Vec<Target>, DateTime<Utc>),
    /// The user asked to open a case from a notice.
    Open(Target),
}

/// Run passes until `wakeups` says stop (or after `options.passes`). `clock` paces
/// the passes and is "now" for the locked schedule; a session's own clock is
/// "now" for its pass. Ends with `Err` only when the source cannot provide a
/// session at all (a wrong passphrase).
pub fn watch(
    source: &mut impl NotifierSource,
    sink: &dyn NotificationSink,
    wakeups: &mut impl Wakeups<NotifierWake>,
    clock: &dyn Clock,
    options: &WatchOptions,
    mut report: impl FnMut(WatchEvent),
) -> Result<(), ApiError> {
    let mut warned = false;
    let mut pending_actions = 0usize;
    let mut pass = 0u32;
    loop {
        pass += 1;
        match one_pass(source, sink, clock, &options.actions)? {
            Some(Ok(result)) => {
                match &result.warning {
                    Some(warning) if !warned => {
                        warned = true;
                        report(WatchEvent::Warning(warning.clone()));
                    }
                    Some(_) => {}
                    None => warned = false,
                }
                if result.sent.is_some() && !options.actions.is_empty() {
                    pending_actions += 1;
                }
                report(WatchEvent::Pass(result));
            }
            Some(Err(error)) => report(WatchEvent::Failed(error)),
            None => report(WatchEvent::NoSession),
        }
        let last = options.passes.is_some_and(|n| pass >= n);
        let wait = if last {
            options.linger
        } else {
            options.interval
        };
        let until =
            clock.now() + chrono::TimeDelta::from_std(wait).unwrap_or(chrono::TimeDelta::MAX);
        while !(last && pending_actions == 0) {
            let left = (until - clock.now()).to_std().unwrap_or_default();
            if left.is_zero() {
                break;
            }
            match wakeups.wait(left) {
                Wake::Due => break,
                Wake::Woken(NotifierWake::PassNow) if !last => break,
                Wake::Woken(NotifierWake::PassNow) => {}
                Wake::Woken(NotifierWake::Action(event)) => {
                    pending_actions = pending_actions.saturating_sub(1);
                    act(event, source, clock, &mut report)?;
                }
                Wake::Stop => return Ok(()),
            }
        }
        if last {
            return Ok(());
        }
    }
}

/// A pass on the session, else on the locked schedule; `None` if neither.
fn one_pass(
    source: &mut impl NotifierSource,
    sink: &dyn NotificationSink,
    clock: &dyn Clock,
    actions: &[NoticeAction],
) -> Result<Option<Result<Report, ApiError>>, ApiError> {
    if let Some(result) = source.with_session(|session, _| notify_once(session, sink, actions))? {
        return Ok(Some(result));
    }
    let now = clock.now();
    Ok(source.with_locked_schedule(|schedule| Ok(schedule.notify(sink, actions, now))))
}

fn act(
    event: ActionEvent,
    source: &mut impl NotifierSource,
    clock: &dyn Clock,
    report: &mut impl FnMut(WatchEvent),
) -> Result<(), ApiError> {
    let ActionEvent::Invoked { action, targets } = event else {
        return Ok(());
    };
    match action {
        NoticeAction::SnoozeOneHour => {
            let snoozed = source.with_session(|session, _| {
                let until = session.now() + SNOOZE_FROM_NOTICE;
                targets
                    .iter()
                    .try_for_each(|t| session.snooze_until(t.case, &t.rule, until))
                    .map(|()| until)
            })?;
            let snoozed = snoozed.or_else(|| {
                source.with_locked_schedule(|schedule| {
                    let until = clock.now() + SNOOZE_FROM_NOTICE;
                    schedule.snooze(&targets, until);
                    Ok(until)
                })
            });
            report(match snoozed {
                Some(Ok(until)) => WatchEvent::Snoozed(targets, until),
                Some(Err(error)) => WatchEvent::Failed(error),
                None => WatchEvent::NoSession,
            });
        }
        NoticeAction::Open => {
            if let Some(first) = targets.into_iter().next() {
                report(WatchEvent::Open(first));
            }
        }
    }
    Ok(())
}
