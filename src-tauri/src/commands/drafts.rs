//! Drafts on a case: the template picker, the editor's live preview, and what a
//! person does with a finished draft (save as .eml, open in the mail app, mark sent).

use embargo_api::drafts::CatalogEntry;
use embargo_api::{DraftPreview, DraftView};
use tauri::State;
use tauri_plugin_opener::OpenerExt as _;

use crate::{Desk, IpcError};

/// Every template the team can draft from (built-in, edited, the team's own).
#[tauri::command]
#[specta::specta]
pub async fn list_templates(desk: State<'_, Desk>) -> Result<Vec<CatalogEntry>, IpcError> {
    desk.with_session(|session| session.templates())
}

/// Render `template` on the case as a new draft.
#[tauri::command]
#[specta::specta]
pub async fn new_draft(
    desk: State<'_, Desk>,
    case_id: String,
    template: String,
) -> Result<DraftView, IpcError> {
    desk.with_session(|session| session.new_draft(&case_id, &template))
}

/// Save a draft's subject and body (saving a competing version resolves a conflict).
#[tauri::command]
#[specta::specta]
pub async fn edit_draft(
    desk: State<'_, Desk>,
    draft: String,
    subject: String,
    body: String,
) -> Result<DraftView, IpcError> {
    desk.with_session(|session| session.edit_draft(&draft, Some(subject), Some(body)))
}

/// What the draft will be once exported, with the text as typed (nothing saved).
#[tauri::command]
#[specta::specta]
pub async fn preview_draft(
    desk: State<'_, Desk>,
    draft: String,
    subject: String,
    body: String,
) -> Result<DraftPreview, IpcError> {
    desk.with_session(|session| session.preview_draft(&draft, Some(subject), Some(body)))
}

/// Write the saved draft as an .eml file; `replace` only when the save dialog asked.
#[tauri::command]
#[specta::specta]
pub async fn save_draft_eml(
    desk: State<'_, Desk>,
    draft: String,
    destination: String,
    replace: bool,
) -> Result<u32, IpcError> {
    desk.with_session(|session| session.save_draft_eml(&draft, destination.as_ref(), replace))
        .map(|bytes| u32::try_from(bytes).unwrap_or(u32::MAX))
}

/// Hand the saved draft to the person's mail app as a `mailto:` URL (the app
/// itself sends nothing and opens no other kind of URL).
#[tauri::command]
#[specta::specta]
pub async fn open_draft_in_mail_app(
    app: tauri::AppHandle,
    desk: State<'_, Desk>,
    draft: String,
) -> Result<(), IpcError> {
    let url = desk.with_session(|session| session.draft_mailto(&draft))?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| IpcError::internal(format!("could not open the mail app: {e}")))
}

/// Record that the draft was sent now: it becomes outgoing correspondence and
/// meets its template's deadline.
#[tauri::command]
#[specta::specta]
pub async fn mark_draft_sent(desk: State<'_, Desk>, draft: String) -> Result<DraftView, IpcError> {
    desk.with_session(|session| session.mark_draft_sent(&draft, None))
}

/// Put text the person chose to copy (a draft's body, or subject and body) on the
/// clipboard. Through the shell because WebKitGTK's web clipboard API refuses.
/// The lock clears it again if it is still there (see `clipboard_guard`).
#[tauri::command]
#[specta::specta]
pub async fn copy_text(
    app: tauri::AppHandle,
    copied: State<'_, crate::CopiedText>,
    text: String,
) -> Result<(), IpcError> {
    use tauri_plugin_clipboard_manager::ClipboardExt as _;
    copied.remember(&text);
    app.clipboard()
        .write_text(text)
        .map_err(|e| IpcError::internal(format!("could not copy to the clipboard: {e}")))
}
