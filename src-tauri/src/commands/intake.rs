//! Files in and out: importing mail, saving an attachment the person asked for.

use std::path::PathBuf;

use embargo_api::ImportOutcome;
use tauri::State;

use crate::{Desk, IpcError, NotifierNudge};

/// Import `.eml`/mbox files (picked or dropped); all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    desk: State<'_, Desk>,
    nudge: State<'_, NotifierNudge>,
    paths: Vec<String>,
) -> Result<Vec<ImportOutcome>, IpcError> {
    let files: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let outcome = desk.with_session(|session| session.import(&files))?;
    // A report that arrived long ago may already be due.
    nudge.nudge();
    Ok(outcome)
}

/// Write an attachment to the file the person chose, replacing one there only
/// when `replace` says the save dialog asked; returns the bytes written.
#[tauri::command]
#[specta::specta]
pub async fn save_attachment(
    desk: State<'_, Desk>,
    id: String,
    name: String,
    destination: String,
    replace: bool,
) -> Result<u32, IpcError> {
    desk.with_session(|session| session.save_attachment(&id, &name, destination.as_ref(), replace))
        .map(|bytes| u32::try_from(bytes).unwrap_or(u32::MAX))
}
