//! Team sync while the app runs: a pass soon after a file lands in the team
//! folder (a teammate's segment), and every `SYNC_EVERY` otherwise, so that my own
//! changes leave soon. Only while unlocked and in a team. Background passes are not
//! activity: the idle lock still fires, and any lock stops a pass at once, even one
//! waiting on a share that stopped answering (a stopped pass left nothing
//! half-merged and is not a failure). When teammates changed
//! cases I handle, a discreet notification says which (ids only, unless I allowed
//! titles).

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use embargo_api::{ApiError, Session, TeammateChange};
use embargo_notify::{NoticeStyle, NotificationSink as _};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{Desk, TeamSynced, UntilLocked};

/// A pass at least this often, for my own changes to reach the folder.
const SYNC_EVERY: Duration = Duration::from_secs(30);
/// Wait for a burst of file events to settle (a segment lands as temp + rename).
const SETTLE: Duration = Duration::from_millis(300);
/// How long the notification server may take to accept a notice.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

/// What one background pass found.
struct Pass {
    folder: PathBuf,
    outcome: Result<Synced, ApiError>,
}

struct Synced {
    imported_events: usize,
    changed_cases: Vec<String>,
    mine: Vec<TeammateChange>,
    show_titles: bool,
}

fn pass(session: &mut Session, progress: &mut UntilLocked) -> Result<Option<Pass>, ApiError> {
    if !session.in_team()? {
        return Ok(None);
    }
    // From the vault, not the folder: a share that stopped answering must not
    // hold the session before the pass, which a lock can stop, has even begun.
    let folder = session.team_folder()?;
    let outcome = session.sync_watched(progress).and_then(|report| {
        Ok(Synced {
            imported_events: report.imported_events,
            changed_cases: report
                .changed_cases
                .iter()
                .map(ToString::to_string)
                .collect(),
            mine: session.my_cases_among(&report.changed_cases)?,
            show_titles: embargo_notify::show_titles(session)?,
        })
    });
    Ok(Some(Pass { folder, outcome }))
}

/// Start the background sync thread.
pub(crate) fn watch(app: AppHandle) {
    let _ = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || run(&app));
}

fn run(app: &AppHandle) {
    let (tx, rx) = mpsc::channel();
    app.state::<Desk>().set_team_sync_waker(tx.clone());
    // Never follow links: a planted link to `/` would make the watch walk the disk.
    let Ok(mut watcher) = notify::RecommendedWatcher::new(
        move |_event| {
            let _ = tx.send(());
        },
        notify::Config::default().with_follow_symlinks(false),
    ) else {
        return;
    };
    let mut watched: Option<PathBuf> = None;
    loop {
        let desk = app.state::<Desk>();
        if let Some(Ok(Some(found))) = desk.with_session_quietly(pass) {
            follow(&mut watcher, &mut watched, found.folder);
            if let Some(event) = to_window(found.outcome) {
                let _ = event.emit(app);
            }
        }
        match rx.recv_timeout(SYNC_EVERY) {
            Ok(()) => while rx.recv_timeout(SETTLE).is_ok() {},
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// What the window hears of a pass: only that it merged something, or why it
/// failed. A pass stopped by a lock is no failure (the next one after unlock does
/// its work), and the window is on the unlock screen anyway.
fn to_window(outcome: Result<Synced, ApiError>) -> Option<TeamSynced> {
    let event = match outcome {
        Ok(synced) => {
            tell(&synced.mine, synced.show_titles);
            TeamSynced {
                imported_events: synced.imported_events,
                changed_cases: synced.changed_cases,
                error: None,
            }
        }
        Err(error) if crate::error::is_cancelled(&error) => return None,
        Err(error) => TeamSynced {
            imported_events: 0,
            changed_cases: Vec::new(),
            error: Some(error.to_string()),
        },
    };
    (event.imported_events > 0 || event.error.is_some()).then_some(event)
}

/// Watch the team folder (it changes when a team is created or joined).
fn follow(watcher: &mut RecommendedWatcher, watched: &mut Option<PathBuf>, folder: PathBuf) {
    if watched.as_ref() == Some(&folder) {
        return;
    }
    if let Some(old) = watched.take() {
        let _ = watcher.unwatch(&old);
    }
    // A folder that is not there (yet) is retried on the next pass.
    if watcher.watch(&folder, RecursiveMode::Recursive).is_ok() {
        *watched = Some(folder);
    }
}

/// A discreet notification about my cases that teammates changed. No server, no
/// notice: the window still shows the changes.
fn tell(mine: &[TeammateChange], show_titles: bool) {
    let style = NoticeStyle {
        show_titles,
        zone: chrono_tz::UTC,
        actions: Vec::new(),
    };
    if let Some(notice) = embargo_notify::teammate_notice(mine, &style) {
        let _ = embargo_notify::DesktopSink::new(NOTIFY_TIMEOUT).deliver(&notice);
    }
}
