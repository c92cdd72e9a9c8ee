//! Team sync while the app runs: the api's folder-watching loop
//! ([`watch_team_folder`], its timings documented there) on the desk's session.
//! Background passes are not activity: the idle lock still fires, and any lock
//! stops a pass at once, even one waiting on a share that stopped answering (a
//! stopped pass left nothing half-merged and is not a failure). When teammates
//! changed cases I handle, a discreet notification says which (ids only, unless
//! I allowed titles).

use std::time::Duration;

use embargo_api::domain::Unwatched;
use embargo_api::{SyncWatchEvent, TeamFolderWakeups, TeammateChange, watch_team_folder};
use embargo_notify::{NoticeStyle, NotificationSink as _};
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{Desk, TeamSynced};

/// How long the notification server may take to accept a notice.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

/// Start the background sync thread.
pub(crate) fn watch(app: AppHandle) {
    let _ = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || {
            let desk = app.state::<Desk>();
            let desk: &Desk = desk.inner();
            let (mut wakeups, nudge) = TeamFolderWakeups::new();
            desk.set_team_sync_waker(nudge);
            let ended = watch_team_folder(&mut { desk }, &mut wakeups, &mut Unwatched, |event| {
                if let Some(event) = to_window(desk, event) {
                    let _ = event.emit(&app);
                }
            });
            if let Err(error) = ended {
                crate::warn(&format!("team sync stopped: {error}"));
            }
        });
}

/// What the window hears of a pass (a pass stopped by a lock never gets here);
/// my cases that teammates changed also get a discreet notice.
fn to_window(desk: &Desk, event: SyncWatchEvent) -> Option<TeamSynced> {
    if let SyncWatchEvent::Synced { mine, .. } = &event {
        tell(desk, mine);
    }
    TeamSynced::of(&event)
}

/// A discreet notification about my cases that teammates changed. No server, no
/// notice: the window still shows the changes.
fn tell(desk: &Desk, mine: &[TeammateChange]) {
    if mine.is_empty() {
        return;
    }
    // Locked meanwhile: discreet.
    let show_titles = desk
        .with_session_quietly(|session, _| embargo_notify::show_titles(session))
        .and_then(Result::ok)
        .unwrap_or(false);
    let style = NoticeStyle {
        show_titles,
        zone: chrono_tz::UTC,
        actions: Vec::new(),
    };
    if let Some(notice) = embargo_notify::teammate_notice(mine, &style) {
        let _ = embargo_notify::DesktopSink::new(NOTIFY_TIMEOUT).deliver(&notice);
    }
}
