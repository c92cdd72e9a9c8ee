use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use embargo_api::{ApiError, ErrorCode, Session};

use crate::{
    ActionEvent, DeliveryError, NoticeAction, NotificationSink, Report, Target, notify_once,
};

/// How `notify --watch` runs.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Time between passes.
    pub interval: Duration,
    /// Stop after this many passes (scripts and tests); `None` runs until killed.
    pub passes: Option<u32>,
    /// After the last pass, how long to wait for the user's action on notices
    /// that offered some.
    pub linger: Duration,
    /// Buttons to offer.
    pub actions: Vec<NoticeAction>,
}

/// What the watcher reports to its host (which prints or shows it).
#[derive(Debug, Clone, PartialEq)]
pub enum WatchEvent {
    /// A pass ran.
    Pass(Report),
    /// Notices cannot be shown (reported once until they can again).
    Warning(DeliveryError),
    /// The vault is held by another process; this pass was skipped.
    VaultBusy,
    /// The user snoozed these deadlines from a notice.
    Snoozed(Vec<Target>, chrono::DateTime<chrono::Utc>),
    /// The user asked to open a case from a notice.
    Open(Target),
}

/// Run passes every `interval`, opening the vault only for the length of a pass
/// (so the CLI can use it in between) and acting on notice buttons as they come.
pub fn watch(
    mut open: impl FnMut() -> Result<Session, ApiError>,
    sink: &dyn NotificationSink,
    actions: &Receiver<ActionEvent>,
    options: &WatchOptions,
    mut report: impl FnMut(WatchEvent),
) -> Result<(), ApiError> {
    let mut warned = false;
    let mut pending_actions = 0usize;
    let mut pass = 0u32;
    loop {
        pass += 1;
        match open() {
            Ok(mut session) => {
                let result = notify_once(&mut session, sink, &options.actions)?;
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
            Err(error) if error.code() == ErrorCode::VaultLocked => report(WatchEvent::VaultBusy),
            Err(error) => return Err(error),
        }
        let last = options.passes.is_some_and(|n| pass >= n);
        let wait = if last {
            options.linger
        } else {
            options.interval
        };
        let deadline = Instant::now() + wait;
        while !(last && pending_actions == 0) {
            let left = deadline.saturating_duration_since(Instant::now());
            match actions.recv_timeout(left) {
                Ok(event) => {
                    pending_actions = pending_actions.saturating_sub(1);
                    handle(event, &mut open, &mut report)?;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    // Nobody reports actions: just wait out the interval.
                    std::thread::sleep(left);
                    break;
                }
            }
        }
        if last {
            return Ok(());
        }
    }
}

fn handle(
    event: ActionEvent,
    open: &mut impl FnMut() -> Result<Session, ApiError>,
    report: &mut impl FnMut(WatchEvent),
) -> Result<(), ApiError> {
    match event {
        ActionEvent::Invoked {
            action: NoticeAction::SnoozeOneHour,
            targets,
        } => {
            let mut session = open()?;
            let until = session.now() + chrono::Duration::hours(1);
            for target in &targets {
                session.snooze_until(target.case, &target.rule, until)?;
            }
            report(WatchEvent::Snoozed(targets, until));
        }
        ActionEvent::Invoked {
            action: NoticeAction::Open,
            targets,
        } => {
            if let Some(first) = targets.into_iter().next() {
                report(WatchEvent::Open(first));
            }
        }
        ActionEvent::Dismissed => {}
    }
    Ok(())
}
