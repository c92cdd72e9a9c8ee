//! The tray icon: the app keeps running (and notifying) with its window closed.
//! Menu: Open Embargo, Lock now, Quit. Where no tray host exists (a bare X server
//! in CI, some desktops) the app logs a warning and works without it; closing the
//! window then quits, since nothing could bring it back.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::menu::{MenuBuilder, MenuItemBuilder};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager as _};
use tauri_specta::Event as _;

use crate::{Desk, LockReason, VaultLocked};

/// Whether the tray icon exists (closing the window hides it only then).
#[derive(Debug, Default)]
pub struct TrayPresent(AtomicBool);

impl TrayPresent {
    /// Whether closing the window should hide it rather than quit.
    pub fn hides_on_close(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Build the tray icon, or warn and go on without it.
pub(crate) fn install(app: &AppHandle) {
    match build(app) {
        Ok(()) => app.state::<TrayPresent>().0.store(true, Ordering::Relaxed),
        Err(error) => crate::warn(&format!(
            "no tray icon ({error}); closing the window quits Embargo"
        )),
    }
}

fn build(app: &AppHandle) -> tauri::Result<()> {
    let open = MenuItemBuilder::with_id("open", "Open Embargo").build(app)?;
    let lock = MenuItemBuilder::with_id("lock", "Lock now").build(app)?;
    let quit = MenuItemBuilder::with_id("quit", "Quit").build(app)?;
    let menu = MenuBuilder::new(app)
        .items(&[&open, &lock])
        .separator()
        .item(&quit)
        .build()?;
    let mut tray = TrayIconBuilder::with_id("embargo")
        .tooltip("Embargo")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_window(app),
            "lock" if app.state::<Desk>().lock_if_open() => {
                let _ = VaultLocked {
                    reason: LockReason::Requested,
                }
                .emit(app);
            }
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// Show, unminimize and focus the main window.
pub(crate) fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}
