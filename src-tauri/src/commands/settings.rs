//! Settings: this device's (idle lock, notifications, intake folder), the vault's passphrase and
//! the team's policy profile.

use std::path::Path;

use embargo_api::{IntakeProblem, PassphraseChange, PolicyScreen};
use secrecy::SecretString;
use serde::Serialize;
use tauri::State;

use crate::intake_watch::IntakeFailure;
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
    /// Whether notifications may show case titles (off: discreet).
    pub notify_show_titles: bool,
}

fn settings(desk: &Desk) -> Result<DeskSettings, IpcError> {
    desk.with_session(|session| {
        Ok(DeskSettings {
            idle_lock_minutes: session.idle_lock_minutes()?,
            idle_lock_min: *embargo_api::IDLE_LOCK_RANGE.start(),
            idle_lock_max: *embargo_api::IDLE_LOCK_RANGE.end(),
            notify_show_titles: embargo_notify::show_titles(session)?,
        })
    })
}

/// Current settings.
#[tauri::command]
#[specta::specta]
pub async fn get_settings(desk: State<'_, Desk>) -> Result<DeskSettings, IpcError> {
    settings(&desk)
}

/// Change the idle lock (minutes); takes effect at once.
#[tauri::command]
#[specta::specta]
pub async fn set_idle_lock(desk: State<'_, Desk>, minutes: u32) -> Result<DeskSettings, IpcError> {
    desk.set_idle_lock(minutes)?;
    settings(&desk)
}

/// Notifications discreet (`false`) or with case titles (`true`).
#[tauri::command]
#[specta::specta]
pub async fn set_notify_titles(desk: State<'_, Desk>, on: bool) -> Result<DeskSettings, IpcError> {
    desk.with_session(|session| embargo_notify::set_show_titles(session, on))?;
    settings(&desk)
}

/// Change the vault's passphrase (the new one typed twice); the vault stays
/// unlocked, and the next unlock takes the new passphrase.
#[tauri::command]
#[specta::specta]
pub async fn change_passphrase(
    desk: State<'_, Desk>,
    current: String,
    new_passphrase: String,
    repeated: String,
) -> Result<(), IpcError> {
    desk.change_passphrase(&PassphraseChange {
        current: SecretString::from(current),
        new: SecretString::from(new_passphrase),
        repeated: SecretString::from(repeated),
    })
}

/// The team's policy profiles and the rules of one (the active one by default).
#[tauri::command]
#[specta::specta]
pub async fn policy_screen(
    desk: State<'_, Desk>,
    id: Option<String>,
) -> Result<PolicyScreen, IpcError> {
    desk.with_session(|session| session.policy_screen(id.as_deref()))
}

/// Compute deadlines with profile `id` from now on (a team setting; it syncs).
#[tauri::command]
#[specta::specta]
pub async fn use_policy(desk: State<'_, Desk>, id: String) -> Result<PolicyScreen, IpcError> {
    desk.with_session(|session| {
        session.policy_use(&id)?;
        session.policy_screen(None)
    })
}

/// Change one setting of profile `id`, validated as `embargo policy set` does.
#[tauri::command]
#[specta::specta]
pub async fn edit_policy(
    desk: State<'_, Desk>,
    id: String,
    key: String,
    value: String,
) -> Result<PolicyScreen, IpcError> {
    desk.with_session(|session| session.policy_edit(&id, &key, &value))
}

/// The intake folder as Settings shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IntakeSettings {
    /// The folder watched on this device, if any.
    pub folder: Option<String>,
    /// Files of it that were not imported, and why.
    pub problems: Vec<IntakeProblem>,
    /// Why the last pass could not read the folder, if it could not.
    pub failure: Option<String>,
}

fn intake(desk: &Desk, failure: &IntakeFailure) -> Result<IntakeSettings, IpcError> {
    let status = desk.with_session(|session| session.intake_status())?;
    Ok(IntakeSettings {
        // A failure is about the folder set now only.
        failure: status.folder.as_ref().and_then(|_| failure.get()),
        folder: status.folder,
        problems: status.problems,
    })
}

/// The intake folder, the files it could not import and why.
#[tauri::command]
#[specta::specta]
pub async fn intake_settings(
    desk: State<'_, Desk>,
    failure: State<'_, IntakeFailure>,
) -> Result<IntakeSettings, IpcError> {
    intake(&desk, &failure)
}

/// Watch `folder` for new reports (this device), or stop watching (`null`); a
/// pass runs at once.
#[tauri::command]
#[specta::specta]
pub async fn set_intake_folder(
    desk: State<'_, Desk>,
    failure: State<'_, IntakeFailure>,
    folder: Option<String>,
) -> Result<IntakeSettings, IpcError> {
    desk.with_session(|session| match &folder {
        Some(folder) => session.set_intake_folder(Path::new(folder)),
        None => session.clear_intake_folder(),
    })?;
    desk.wake_intake();
    intake(&desk, &failure)
}
