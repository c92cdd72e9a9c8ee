//! Settings of this device.

use serde::Serialize;
use tauri::State;

use crate::{Desk, IpcError};

/// The settings screen's values.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeskSettings {
    /// Idle minutes before the vault locks.
    pub idle_lock_minutes: u32,
    /// The shortest idle lock allowed.
    pub idle_lock_min: u32,
    /// The longest idle lock allowed.
    pub idle_lock_max: u32,
}

fn settings(idle_lock_minutes: u32) -> DeskSettings {
    DeskSettings {
        idle_lock_minutes,
        idle_lock_min: *embargo_api::IDLE_LOCK_RANGE.start(),
        idle_lock_max: *embargo_api::IDLE_LOCK_RANGE.end(),
    }
}

/// Current settings.
#[tauri::command]
#[specta::specta]
pub async fn get_settings(desk: State<'_, Desk>) -> Result<DeskSettings, IpcError> {
    desk.with_session(|session| session.idle_lock_minutes())
        .map(settings)
}

/// Change the idle lock (minutes); takes effect at once.
#[tauri::command]
#[specta::specta]
pub async fn set_idle_lock(desk: State<'_, Desk>, minutes: u32) -> Result<DeskSettings, IpcError> {
    desk.set_idle_lock(minutes)?;
    Ok(settings(minutes))
}
