//! The advisory panel: readiness of each export, previews, saving, and the team's
//! export settings.

use embargo_api::domain::ExportSettings;
use embargo_api::drafts::ExportKind;
use embargo_api::{ExportCheck, ExportOutput, ExportSettingKey, Session};
use serde::Deserialize;
use tauri::State;

use crate::{Desk, IpcError};

/// One export setting to change; an empty value clears it.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ExportSettingValue {
    /// The key, e.g. `vendor`.
    pub key: String,
    /// Its new value.
    pub value: String,
}

/// What each export (advisory, CVE, OSV, CSAF) of the case still lacks.
#[tauri::command]
#[specta::specta]
pub async fn export_readiness(
    desk: State<'_, Desk>,
    case_id: String,
) -> Result<Vec<ExportCheck>, IpcError> {
    desk.with_session(|session| session.export_readiness(&case_id))
}

/// The export's text (Markdown or JSON) as it would be saved.
#[tauri::command]
#[specta::specta]
pub async fn preview_export(
    desk: State<'_, Desk>,
    case_id: String,
    kind: ExportKind,
) -> Result<ExportOutput, IpcError> {
    desk.with_session(|session| session.export(&case_id, kind))
}

/// Write the export to `destination`; `replace` only when the save dialog asked.
#[tauri::command]
#[specta::specta]
pub async fn save_export(
    desk: State<'_, Desk>,
    case_id: String,
    kind: ExportKind,
    destination: String,
    replace: bool,
) -> Result<u32, IpcError> {
    desk.with_session(|session| session.save_export(&case_id, kind, destination.as_ref(), replace))
        .map(|bytes| u32::try_from(bytes).unwrap_or(u32::MAX))
}

/// The file name the save dialog suggests for an export.
#[tauri::command]
#[specta::specta]
pub fn export_file_name(case_id: String, kind: ExportKind) -> String {
    embargo_api::export_file_name(&case_id, kind)
}

/// The team's export settings.
#[tauri::command]
#[specta::specta]
pub async fn export_settings(desk: State<'_, Desk>) -> Result<ExportSettings, IpcError> {
    desk.with_session(|session| session.export_settings())
}

/// The export settings a person can change, with what each takes.
#[tauri::command]
#[specta::specta]
pub fn export_setting_keys() -> Vec<ExportSettingKey> {
    Session::export_setting_help()
}

/// Change export settings; all are checked before any is saved.
#[tauri::command]
#[specta::specta]
pub async fn set_export_settings(
    desk: State<'_, Desk>,
    values: Vec<ExportSettingValue>,
) -> Result<ExportSettings, IpcError> {
    desk.with_session(|session| {
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|v| (v.key.as_str(), v.value.as_str()))
            .collect();
        session.set_export_settings(&pairs)
    })
}
