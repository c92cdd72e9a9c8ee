//! Embargo's desktop shell. It owns the unlocked [`embargo_api::Session`] (the webview
//! never sees a key), locks it after an idle time, and exposes the api's use cases
//! as Tauri commands: each one a few lines that take typed input, call the api and
//! map the error to the one wire type [`IpcError`]. The TypeScript side of every
//! command and event is generated into `ui/src/lib/ipc/bindings.ts` by the
//! `export-bindings` example (`cargo run -p embargo-desk --example export-bindings`).

pub mod allocator;
mod clipboard_guard;
mod commands;
mod error;
mod events;
mod idle;
mod intake_watch;
mod ipc;
mod lock_gate;
mod notifier;
mod os_lock;
#[cfg(unix)]
mod serve_cli;
mod state;
mod team_watch;
mod tray;
mod webview_footprint;

pub use clipboard_guard::CopiedText;
pub use error::IpcError;
pub use events::{CasesChanged, ChangeSource, LockReason, OpenCase, TeamSynced, VaultLocked};
pub use idle::IdleClock;
pub use ipc::{BINDINGS_PATH, export_bindings, ipc_builder};
pub use lock_gate::{LockAnnouncer, UntilLocked};
pub use notifier::NotifierNudge;
pub use state::{ActiveVault, Desk};
pub use tray::TrayPresent;

use anyhow::Context as _;
use tauri::Manager as _;
use tauri_specta::Event as _;

/// Start the desktop app and run until its window closes.
pub fn run() -> anyhow::Result<()> {
    let desk = Desk::from_environment()?;
    let ipc = ipc_builder();
    let invoke_handler = ipc.invoke_handler();
    tauri::Builder::default()
        // First, so a second launch only focuses the running window (one vault, one lock holder).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tray::show_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only (copy, mailto:); the window gets no permission of its own for them.
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .manage(desk)
        .manage(CopiedText::default())
        .manage(NotifierNudge::idle())
        .manage(TrayPresent::default())
        .manage(intake_watch::IntakeFailure::default())
        .invoke_handler(invoke_handler)
        .on_window_event(|window, event| {
            // With a tray icon, closing hides the window: the notifier keeps running.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.state::<TrayPresent>().hides_on_close()
            {
                api.prevent_close();
                let _ = window.hide();
            }
        })
        .setup(move |app| {
            ipc.mount_events(app);
            if let Some(main) = app.get_webview_window("main") {
                webview_footprint::configure(&main);
            }
            let window = app.handle().clone();
            app.state::<Desk>()
                .set_lock_announcer(LockAnnouncer::new(move |reason| {
                    // Before the window hears of it: once it shows the unlock
                    // screen, nothing of the session is left on the clipboard.
                    clipboard_guard::clear_at_lock(&window);
                    let _ = VaultLocked { reason }.emit(&window);
                }));
            idle::watch(app.handle().clone());
            os_lock::watch(app.handle());
            tray::install(app.handle());
            notifier::start(app.handle());
            team_watch::watch(app.handle().clone());
            intake_watch::watch(app.handle().clone());
            #[cfg(unix)]
            serve_cli::start(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!())
        .context("running the Embargo window")
}

/// A warning for whoever runs the app from a terminal (there is no log file: logs
/// must never hold case data, and warnings here never do).
#[allow(clippy::print_stderr, reason = "the shell's only log is stderr")]
pub(crate) fn warn(message: &str) {
    eprintln!("embargo: warning: {message}");
}
