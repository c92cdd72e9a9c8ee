use embargo_api::domain::StatusNeed;
use embargo_api::drafts::Missing;
use embargo_api::sync::SyncError;
use embargo_api::{ApiError, ErrorCode, Input, Refusal};
use serde::Serialize;

/// The one error type that crosses to the UI: a stable code the UI branches on,
/// the refusal as data where there is one (which input, why, what is missing) for
/// the UI to word in the app's terms, and the core's sentence. Never a bare string.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    /// What kind of failure (the UI switches on this, never on the message).
    pub code: ErrorCode,
    /// What happened, in the core's words (which name no front end's controls).
    pub message: String,
    /// The malformed input, when one is.
    pub input: Option<Input>,
    /// Why a well-formed request was refused, when that is the failure (boxed:
    /// every command's `Result` carries this type).
    pub refusal: Option<Box<Refusal>>,
    /// What an export lacks (`not-ready`).
    pub missing: Vec<Missing>,
    /// What a case lacks before the status it was moved to (`refused`).
    pub status_needs: Vec<StatusNeed>,
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
            input: error.input(),
            refusal: match &error {
                ApiError::Refused(refusal) => Some(Box::new(refusal.clone())),
                _ => None,
            },
            missing: error.missing().to_vec(),
            status_needs: error.status_needs().to_vec(),
        }
    }
}

impl IpcError {
    /// The vault is locked (idle lock, or never unlocked).
    pub fn not_unlocked() -> Self {
        Self::plain(
            ErrorCode::NotUnlocked,
            "the vault is locked; unlock it first".into(),
        )
    }

    /// Something outside the vault failed (e.g. the desktop would not open a URL).
    pub fn internal(message: String) -> Self {
        Self::plain(ErrorCode::Internal, message)
    }

    fn plain(code: ErrorCode, message: String) -> Self {
        Self {
            code,
            message,
            input: None,
            refusal: None,
            missing: Vec::new(),
            status_needs: Vec::new(),
        }
    }
}

/// Whether `error` is work that stopped because the vault is locking.
pub(crate) fn is_cancelled(error: &ApiError) -> bool {
    matches!(error, ApiError::Sync(SyncError::Cancelled))
}
