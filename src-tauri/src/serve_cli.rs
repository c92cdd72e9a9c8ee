//! `embargo …` in a terminal beside the open app: the app carries the command out
//! on its unlocked session, over the same-user channel (`embargo-serve`), with the
//! CLI's own code (`embargo_cli::serve_request`), so there is one implementation.
//!
//! The channel listens for as long as the app runs, so that while the app is
//! locked the CLI hears "locked" (and says so) instead of guessing; it carries a
//! command out only while the person's own vault (not the demo) is unlocked.
//! A served command holds the session for its duration only, is not activity
//! (a script polling `embargo due` does not keep the app unlocked), and any lock
//! still wins: the command's long work is stopped, the window is told first.

use std::sync::Arc;

use embargo_api::domain::Progress as _;
use embargo_serve::{Request, Response, Server};
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{CasesChanged, ChangeSource, Desk, LockReason};

/// The running server, kept in the app's state for as long as the app runs.
#[derive(Debug)]
struct Serving(#[expect(dead_code, reason = "held, not read: dropping it stops serving")] Server);

/// Start serving (a warning, and the CLI opens the vault itself, if it cannot).
pub fn start(app: &AppHandle) {
    let home = app.state::<Desk>().home_dir().to_path_buf();
    let handle = app.clone();
    let handler: embargo_serve::Handler = Arc::new(move |request| answer(&handle, request));
    match embargo_serve::socket_path(&home).and_then(|path| Server::bind(&path, handler)) {
        Ok(server) => {
            app.manage(Serving(server));
        }
        Err(error) => crate::warn(&format!("not serving the command line: {error}")),
    }
}

fn answer(app: &AppHandle, request: Request) -> Response {
    let desk = app.state::<Desk>();
    match request {
        Request::Lock => {
            desk.lock(LockReason::Requested);
            Response::LockedNow
        }
        Request::Run(command) => {
            let home = desk.home_dir().to_path_buf();
            if desk.active_dir() != home {
                return Response::Locked;
            }
            let served = desk.with_session_quietly(|session, progress| {
                let until_locked = &*progress;
                let cancelled = || until_locked.cancelled();
                Ok(embargo_cli::serve_request(
                    session, &home, command, &cancelled,
                ))
            });
            match served {
                Some(Ok(response)) => {
                    if matches!(response, Response::Done { exit: 0, .. }) {
                        let _ = CasesChanged {
                            source: ChangeSource::Terminal,
                        }
                        .emit(app);
                    }
                    response
                }
                Some(Err(_)) | None => Response::Locked,
            }
        }
    }
}
