//! The tray icon: the app keeps running (and notifying) with its window closed.
//! Menu: Open Embargo, Lock now, Quit. Where no tray host exists (a bare X server
//! in CI, some desktops) the app logs a warning and works without it; closing the
//! window then quits, since nothing could bring it back.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::menu::{MenuBuilder, MenuItemBuilder};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager as _};

use crate::{Desk, LockReason};

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
    if !tray_host_present() {
        crate::warn(
            "no tray on this desktop (no StatusNotifierWatcher on the session bus); \
             closing the window quits Embargo",
        );
        return;
    }
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
            "lock" => lock_now(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// "Lock now", off the UI thread: the lock may wait for a sync pass to stop, and
/// the window must keep drawing (it switches to the unlock screen at once).
fn lock_now(app: &AppHandle) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("tray-lock".into())
        .spawn(move || {
            app.state::<Desk>().lock(LockReason::Requested);
        });
    if spawned.is_err() {
        crate::warn("could not lock from the tray; lock from the window");
    }
}

/// Show, unminimize and focus the main window.
pub(crate) fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Whether a StatusNotifier host is there to show the icon (Linux desktops with a
/// tray). Without one the icon would be invisible and a hidden window unreachable.
#[cfg(target_os = "linux")]
fn tray_host_present() -> bool {
    let has_watcher = || -> zbus::Result<bool> {
        let connection = zbus::blocking::Connection::session()?;
        let bus = zbus::blocking::fdo::DBusProxy::new(&connection)?;
        Ok(bus.name_has_owner("org.kde.StatusNotifierWatcher".try_into()?)?)
    };
    has_watcher().unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
fn tray_host_present() -> bool {
    true
}
