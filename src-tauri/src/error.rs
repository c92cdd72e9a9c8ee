use embargo_api::sync::SyncError;
use embargo_api::{ApiError, ErrorCode};
use serde::Serialize;

/// The one error type that crosses to the UI: a stable code the UI branches on, and
/// a sentence for the person. Never a bare string.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    /// What kind of failure (the UI switches on this, never on the message).
    pub code: ErrorCode,
    /// What happened and what to do, in the user's words.
    pub message: String,
}

impl From<ApiError> for IpcError {
    fn from(error: ApiError) -> Self {
        // Only a lock cancels work in the app, so the work's answer is that the
        // vault is locked (the window is on its unlock screen already).
        if is_cancelled(&error) {
            return Self::not_unlocked();
        }
        Self {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl IpcError {
    /// The vault is locked (idle lock, or never unlocked).
    pub fn not_unlocked() -> Self {
        Self {
            code: ErrorCode::NotUnlocked,
            message: "the vault is locked; unlock it first".into(),
        }
    }

    /// Something outside the vault failed (e.g. the desktop would not open a URL).
    pub fn internal(message: String) -> Self {
        Self {
            code: ErrorCode::Internal,
            message,
        }
    }
}

/// Whether `error` is work that stopped because the vault is locking.
pub(crate) fn is_cancelled(error: &ApiError) -> bool {
    matches!(error, ApiError::Sync(SyncError::Cancelled))
}
