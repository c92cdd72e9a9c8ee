//! Case list and case view.

use embargo_api::domain::{FieldName, ReleaseLine, Status};
use embargo_api::{CaseFilter, CasePage, CaseView, NewCase};
use tauri::State;

use crate::{Desk, IpcError};

/// The first rows of the case list, narrowed by status, handler and words (full-text).
#[tauri::command]
#[specta::specta]
pub async fn list_cases(desk: State<'_, Desk>, filter: CaseFilter) -> Result<CasePage, IpcError> {
    desk.with_session(|session| session.case_page(&filter))
}

/// Everyone who handles a case, for the handler filter.
#[tauri::command]
#[specta::specta]
pub async fn list_handlers(desk: State<'_, Desk>) -> Result<Vec<String>, IpcError> {
    desk.with_session(|session| session.handlers())
}

/// One case, everything the case view shows.
#[tauri::command]
#[specta::specta]
pub async fn show_case(desk: State<'_, Desk>, id: String) -> Result<CaseView, IpcError> {
    desk.with_session(|session| session.show(&id))
}

/// Open a case by hand; returns its `EMB-YYYY-NNNN` id.
#[tauri::command]
#[specta::specta]
pub async fn new_case(desk: State<'_, Desk>, details: NewCase) -> Result<String, IpcError> {
    desk.with_session(|session| session.new_case(details).map(|id| id.to_string()))
}

/// Move a case along the workflow (refused with what is missing).
#[tauri::command]
#[specta::specta]
pub async fn move_case(
    desk: State<'_, Desk>,
    id: String,
    to: Status,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.move_case(&id, to)?;
        session.show(&id)
    })
}

/// Reopen a closed or end-state case (back to triaging, or to published).
#[tauri::command]
#[specta::specta]
pub async fn reopen_case(desk: State<'_, Desk>, id: String) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.reopen_case(&id)?;
        session.show(&id)
    })
}

/// Set one field from the text typed for it; an empty value clears it.
#[tauri::command]
#[specta::specta]
pub async fn set_field(
    desk: State<'_, Desk>,
    id: String,
    field: FieldName,
    value: String,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.set_field(&id, field, &value)?;
        session.show(&id)
    })
}

/// Add a private note.
#[tauri::command]
#[specta::specta]
pub async fn add_note(
    desk: State<'_, Desk>,
    id: String,
    text: String,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.add_note(&id, &text)?;
        session.show(&id)
    })
}

/// Add a checklist item.
#[tauri::command]
#[specta::specta]
pub async fn add_checklist_item(
    desk: State<'_, Desk>,
    id: String,
    text: String,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.add_checklist_item(&id, &text)?;
        session.show(&id)
    })
}

/// Tick or untick checklist item `position` (1-based, as listed).
#[tauri::command]
#[specta::specta]
pub async fn set_checklist_done(
    desk: State<'_, Desk>,
    id: String,
    position: u32,
    done: bool,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.set_checklist_done(&id, position as usize, done)?;
        session.show(&id)
    })
}

/// Add or replace a line of the release-line matrix.
#[tauri::command]
#[specta::specta]
pub async fn put_release_line(
    desk: State<'_, Desk>,
    id: String,
    line: ReleaseLine,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.put_release_line(&id, line)?;
        session.show(&id)
    })
}

/// Remove a line from the release-line matrix.
#[tauri::command]
#[specta::specta]
pub async fn remove_release_line(
    desk: State<'_, Desk>,
    id: String,
    line: String,
) -> Result<CaseView, IpcError> {
    desk.with_session(|session| {
        session.remove_release_line(&id, &line)?;
        session.show(&id)
    })
}
