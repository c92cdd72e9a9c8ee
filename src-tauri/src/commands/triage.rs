//! Triage: the case view's triage panel, marking a duplicate, asking for what a
//! report lacks, a known non-issue's reply, the triage queue.

use embargo_api::{CaseTriage, DraftView, QueueEntry};
use tauri::State;

use crate::{Desk, IpcError};

/// Similar cases, what the report lacks, the reporter's history, known non-issues.
#[tauri::command]
#[specta::specta]
pub async fn case_triage(desk: State<'_, Desk>, id: String) -> Result<CaseTriage, IpcError> {
    desk.with_session(|session| session.case_triage(&id))
}

/// Close `id` as a duplicate of `of`; returns the reply drafted on `id`.
#[tauri::command]
#[specta::specta]
pub async fn mark_duplicate(
    desk: State<'_, Desk>,
    id: String,
    of: String,
) -> Result<DraftView, IpcError> {
    desk.with_session(|session| session.mark_duplicate(&id, &of))
}

/// Draft the request for exactly what the report lacks.
#[tauri::command]
#[specta::specta]
pub async fn request_missing_info(
    desk: State<'_, Desk>,
    id: String,
) -> Result<DraftView, IpcError> {
    desk.with_session(|session| session.request_missing_info(&id))
}

/// Draft a known non-issue's reply on a case.
#[tauri::command]
#[specta::specta]
pub async fn draft_non_issue_reply(
    desk: State<'_, Desk>,
    id: String,
    entry: String,
) -> Result<DraftView, IpcError> {
    desk.with_session(|session| session.draft_non_issue_reply(&id, &entry))
}

/// Cases still to triage, new reports first, with their flags.
#[tauri::command]
#[specta::specta]
pub async fn triage_queue(desk: State<'_, Desk>) -> Result<Vec<QueueEntry>, IpcError> {
    desk.with_session(|session| session.triage_queue())
}
