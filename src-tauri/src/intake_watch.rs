//! The intake folder while the app runs: the api's loop
//! ([`watch_intake_folder`], its timings documented there) on the desk's session.
//! Background passes are not activity: the idle lock still fires, and a lock
//! stops a pass before it writes. What a pass filed shows in the window without a
//! click and in a discreet notice ("New report: EMB-2026-0043", no title unless
//! allowed); files it could not import are listed in Settings, with why.

use std::sync::Mutex;
use std::time::Duration;

use embargo_api::{FolderEventWakeups, IntakeWatchEvent, watch_intake_folder};
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{CasesChanged, ChangeSource, Desk, NotifierNudge};

/// How long the notification server may take to accept a notice.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the last intake pass failed (the folder is gone, unreadable), for
/// Settings; cleared by the next pass that reads the folder.
#[derive(Debug, Default)]
pub struct IntakeFailure(Mutex<Option<String>>);

impl IntakeFailure {
    /// The last pass's failure, if it failed.
    pub fn get(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn set(&self, failure: Option<String>) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = failure;
    }
}

/// Start the intake thread.
pub(crate) fn watch(app: AppHandle) {
    let _ = std::thread::Builder::new()
        .name("intake".into())
        .spawn(move || {
            let desk = app.state::<Desk>();
            let desk: &Desk = desk.inner();
            let failure = app.state::<IntakeFailure>();
            let (mut wakeups, nudge) = FolderEventWakeups::new();
            desk.set_intake_waker(nudge);
            let ended = watch_intake_folder(&mut { desk }, &mut wakeups, |event| match event {
                IntakeWatchEvent::Checked(report) => {
                    failure.set(None);
                    if report.imported.is_empty() {
                        return;
                    }
                    let _ = CasesChanged {
                        source: ChangeSource::Intake,
                    }
                    .emit(&app);
                    // A report that waited in the folder may already be due.
                    app.state::<NotifierNudge>().nudge();
                    tell(desk, &report.imported);
                }
                IntakeWatchEvent::Failed(error) => failure.set(Some(error.to_string())),
            });
            if let Err(error) = ended {
                crate::warn(&format!(
                    "the intake folder is not watched any more: {error}"
                ));
            }
        });
}

/// A discreet notice. No server, no notice: the window still shows the case.
fn tell(desk: &Desk, imported: &[embargo_api::IntakeImport]) {
    // Locked meanwhile: discreet.
    let show_titles = desk
        .with_session_quietly(|session, _| embargo_notify::show_titles(session))
        .and_then(Result::ok)
        .unwrap_or(false);
    let sink = embargo_notify::DesktopSink::new(NOTIFY_TIMEOUT);
    let _ = embargo_notify::tell_intake(imported, show_titles, &sink);
}
