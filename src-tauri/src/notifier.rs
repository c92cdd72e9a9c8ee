//! The deadline notifier inside the app (embargo-notify's passes, hosted here):
//! while unlocked it runs `notify_once` on the open session; while locked, the
//! schedule kept at lock time (see `embargo_notify::LockedSchedule`). It runs
//! while the window is hidden in the tray. A notification's "Open" shows the
//! window and opens the case (after unlock if locked); "Snooze 1 h" snoozes.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use embargo_api::SystemClock;
use embargo_api::domain::Clock as _;
use embargo_notify::{ActionEvent, DesktopSink, NoticeAction, notify_once};
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{Desk, OpenCase};

/// Time between passes; lead times are hours, so a minute is plenty.
const INTERVAL: Duration = Duration::from_secs(60);
/// How long the notification server may take to accept a notice.
const SERVER_TIMEOUT: Duration = Duration::from_secs(5);
/// What a notification offers.
const ACTIONS: [NoticeAction; 2] = [NoticeAction::Open, NoticeAction::SnoozeOneHour];

/// Ask for a pass now (after unlock, after an import), instead of at the next tick.
#[derive(Debug)]
pub struct NotifierNudge(Mutex<Option<Sender<()>>>);

impl NotifierNudge {
    /// A nudge that goes nowhere until the notifier starts.
    pub fn idle() -> Self {
        Self(Mutex::new(None))
    }

    /// Run a pass soon.
    pub fn nudge(&self) {
        if let Some(sender) = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
        {
            let _ = sender.send(());
        }
    }
}

/// Start the notifier and the thread that acts on notification buttons.
pub(crate) fn start(app: &AppHandle) {
    let (action_tx, action_rx) = mpsc::channel::<ActionEvent>();
    let (nudge_tx, nudge_rx) = mpsc::channel::<()>();
    *app.state::<NotifierNudge>()
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(nudge_tx);
    let sink = DesktopSink::new(SERVER_TIMEOUT).with_actions(action_tx);
    let passes = app.clone();
    let started = std::thread::Builder::new()
        .name("notifier".into())
        .spawn(move || run(&passes, &sink, &nudge_rx));
    if started.is_err() {
        crate::warn("could not start the deadline notifier; `embargo due` still lists what is due");
    }
    let buttons = app.clone();
    let _ = std::thread::Builder::new()
        .name("notifier-actions".into())
        .spawn(move || {
            for event in action_rx {
                act(&buttons, event);
            }
        });
}

fn run(app: &AppHandle, sink: &DesktopSink, nudges: &Receiver<()>) {
    let mut warned = false;
    loop {
        let desk = app.state::<Desk>();
        let now = SystemClock.now();
        let report = desk.for_notifier(
            |session| notify_once(session, sink, &ACTIONS).map_err(|e| e.to_string()),
            |schedule| Ok(schedule.notify(sink, &ACTIONS, now)),
        );
        match report {
            Some(Ok(report)) => match report.warning {
                Some(warning) if !warned => {
                    warned = true;
                    crate::warn(&warning.to_string());
                }
                Some(_) => {}
                None => warned = false,
            },
            Some(Err(error)) => crate::warn(&format!("deadline notifier: {error}")),
            None => {}
        }
        match nudges.recv_timeout(INTERVAL) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(INTERVAL),
        }
    }
}

fn act(app: &AppHandle, event: ActionEvent) {
    let ActionEvent::Invoked { action, targets } = event else {
        return;
    };
    let desk = app.state::<Desk>();
    match action {
        NoticeAction::Open => {
            if let Some(first) = targets.into_iter().next() {
                desk.request_open(first.case_id.clone());
                crate::tray::show_window(app);
                let _ = OpenCase { id: first.case_id }.emit(app);
            }
        }
        NoticeAction::SnoozeOneHour => {
            let until = SystemClock.now() + chrono::Duration::hours(1);
            let result = desk.for_notifier(
                |session| {
                    targets
                        .iter()
                        .try_for_each(|t| session.snooze_until(t.case, &t.rule, until))
                        .map_err(|e| e.to_string())
                },
                |schedule| {
                    schedule.snooze(&targets, until);
                    Ok(())
                },
            );
            if let Some(Err(error)) = result {
                crate::warn(&format!("snoozing from a notification: {error}"));
            }
        }
    }
}
