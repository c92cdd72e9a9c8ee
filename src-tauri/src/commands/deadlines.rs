//! The deadline board's actions, and opening the case a notification named.

use embargo_api::DeadlineBoard;
use tauri::State;

use crate::{Desk, IpcError};

/// Every rule of the active policy for one case.
#[tauri::command]
#[specta::specta]
pub async fn deadline_board(desk: State<'_, Desk>, id: String) -> Result<DeadlineBoard, IpcError> {
    desk.with_session(|session| session.deadline_board(&id))
}

/// "Waiting on reporter" (`true`) / "Info received" (`false`).
#[tauri::command]
#[specta::specta]
pub async fn set_waiting(
    desk: State<'_, Desk>,
    id: String,
    waiting: bool,
) -> Result<DeadlineBoard, IpcError> {
    desk.with_session(|session| {
        session.set_waiting(&id, waiting)?;
        session.deadline_board(&id)
    })
}

/// Log a policy step as done now (`ack`, `response`, `update`, …).
#[tauri::command]
#[specta::specta]
pub async fn log_met(
    desk: State<'_, Desk>,
    id: String,
    rule: String,
) -> Result<DeadlineBoard, IpcError> {
    desk.with_session(|session| {
        session.log_met(&id, &rule, None)?;
        session.deadline_board(&id)
    })
}

/// Silence one deadline's notifications on this device for `hours`.
#[tauri::command]
#[specta::specta]
pub async fn snooze_deadline(
    desk: State<'_, Desk>,
    id: String,
    rule: String,
    hours: u32,
) -> Result<DeadlineBoard, IpcError> {
    desk.with_session(|session| session.snooze_hours(&id, &rule, hours))
}

/// The case a notification asked to open, once (null when none).
#[tauri::command]
#[specta::specta]
pub async fn take_pending_open(desk: State<'_, Desk>) -> Result<Option<String>, IpcError> {
    if !desk.is_unlocked() {
        return Err(IpcError::not_unlocked());
    }
    Ok(desk.take_pending_open())
}
