//! The deadline notifier inside the app: embargo-notify's loop ([`watch`]) on the
//! desk, which lends it the session while unlocked and the schedule kept at lock
//! time while locked (see `embargo_notify::LockedSchedule`). It runs while the
//! window is hidden in the tray. A notification's "Open" shows the window and
//! opens the case (after unlock if locked); "Snooze 1 h" is recorded by the loop.

use std::sync::Mutex;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use embargo_notify::{
    DesktopSink, NOTIFY_EVERY, NoticeAction, NotifierWake, WatchEvent, WatchOptions, watch,
};
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{Desk, OpenCase};

/// How long the notification server may take to accept a notice.
const SERVER_TIMEOUT: Duration = Duration::from_secs(5);

/// Ask for a pass now (after unlock, after an import), instead of at the next tick.
#[derive(Debug)]
pub struct NotifierNudge(Mutex<Option<Sender<NotifierWake>>>);

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
            let _ = sender.send(NotifierWake::PassNow);
        }
    }
}

/// Start the notifier's thread: passes, and the buttons pressed on its notices.
pub(crate) fn start(app: &AppHandle) {
    let (wake, mut wakeups) = mpsc::channel::<NotifierWake>();
    *app.state::<NotifierNudge>()
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(wake.clone());
    let sink = DesktopSink::new(SERVER_TIMEOUT).with_actions(wake);
    let app = app.clone();
    let started = std::thread::Builder::new()
        .name("notifier".into())
        .spawn(move || {
            let desk = app.state::<Desk>();
            let desk: &Desk = desk.inner();
            let options = WatchOptions {
                interval: NOTIFY_EVERY,
                passes: None,
                linger: Duration::ZERO,
                actions: vec![NoticeAction::Open, NoticeAction::SnoozeOneHour],
            };
            let mut warned_of_failure = false;
            let ended = watch(
                &mut { desk },
                &sink,
                &mut wakeups,
                desk.clock(),
                &options,
                |event| match event {
                    WatchEvent::Warning(warning) => crate::warn(&warning.to_string()),
                    WatchEvent::Failed(error) if !warned_of_failure => {
                        warned_of_failure = true;
                        crate::warn(&format!("deadline notifier: {error}"));
                    }
                    WatchEvent::Open(target) => {
                        desk.request_open(target.case_id.clone());
                        crate::tray::show_window(&app);
                        let _ = OpenCase { id: target.case_id }.emit(&app);
                    }
                    WatchEvent::Pass(_) => warned_of_failure = false,
                    WatchEvent::Failed(_) | WatchEvent::NoSession | WatchEvent::Snoozed(..) => {}
                },
            );
            if let Err(error) = ended {
                crate::warn(&format!("deadline notifier stopped: {error}"));
            }
        });
    if started.is_err() {
        crate::warn("could not start the deadline notifier; `embargo due` still lists what is due");
    }
}
