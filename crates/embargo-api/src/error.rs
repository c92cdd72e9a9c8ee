use std::path::PathBuf;

use embargo_domain::DomainError;
use embargo_drafts::DraftError;
use embargo_mail::MailError;
use embargo_vault::VaultError;

/// Stable codes that front ends branch on (never on message text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// Wrong passphrase.
    WrongPassphrase,
    /// Another process holds the vault.
    VaultLocked,
    /// No vault there.
    VaultNotFound,
    /// Key file or database damaged or missing.
    VaultDamaged,
    /// The database is older than the vault's last change (a backup put back,
    /// or a swap); nothing was changed. Its owner may accept it
    /// (`Session::open_accepting_restored`), losing the changes made after it.
    RolledBack,
    /// Written by a newer Embargo.
    NewerFormat,
    /// The request was refused by the policy or was malformed.
    InvalidInput,
    /// No such case, draft or template.
    NotFound,
    /// The case lacks what an export needs (the message lists what), or an
    /// attachment's content has not arrived from the team folder yet.
    NotReady,
    /// The vault is locked (e.g. after the desktop app's idle lock): unlock it first.
    NotUnlocked,
    /// Anything else.
    Internal,
}

/// Why a use case failed, in words for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// From the vault.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// Refused by the domain (policy, validation).
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// An e-mail file that cannot be imported.
    #[error("{file}: {reason}")]
    Mail {
        /// The file.
        file: PathBuf,
        /// Why (shown in the message itself, not as a separate cause).
        reason: MailError,
    },
    /// A file that cannot be read.
    #[error("{file}: {reason}")]
    File {
        /// The file.
        file: PathBuf,
        /// The OS error.
        reason: std::io::Error,
    },
    /// A save would have replaced a file the person did not ask to replace.
    #[error("{} already exists; choose another name (nothing was overwritten)", .0.display())]
    FileExists(PathBuf),
    /// No case matches.
    #[error("no case matches {0:?}")]
    CaseNotFound(String),
    /// More than one case matches a prefix.
    #[error("{prefix:?} matches several cases: {candidates}; type more of the id")]
    AmbiguousId {
        /// What was typed.
        prefix: String,
        /// The matches.
        candidates: String,
    },
    /// Malformed request.
    #[error("{0}")]
    Invalid(String),
    /// From drafting or exporting (templates, rendering, readiness).
    #[error(transparent)]
    Draft(#[from] DraftError),
    /// No draft matches.
    #[error("{0}")]
    DraftNotFound(String),
    /// From team sync (roster, folder).
    #[error(transparent)]
    Sync(embargo_sync::SyncError),
    /// A teammate's attachment whose content has not reached this vault yet.
    #[error(
        "{name} on {case} has not arrived yet from the team folder; it will after a sync once the file-sync tool has delivered it"
    )]
    NotArrived {
        /// `EMB-YYYY-NNNN`.
        case: String,
        /// The attachment's name.
        name: String,
    },
}

impl ApiError {
    /// The stable code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Vault(VaultError::WrongPassphrase(_)) => ErrorCode::WrongPassphrase,
            ApiError::Vault(VaultError::Locked(_)) => ErrorCode::VaultLocked,
            ApiError::Vault(VaultError::NotFound(_)) => ErrorCode::VaultNotFound,
            ApiError::Vault(VaultError::NewerFormat { .. }) => ErrorCode::NewerFormat,
            ApiError::Vault(
                VaultError::MissingKeyFile(_)
                | VaultError::DamagedKeyFile { .. }
                | VaultError::MissingDatabase(_)
                | VaultError::DamagedDatabase { .. }
                | VaultError::IdentityMismatch { .. },
            ) => ErrorCode::VaultDamaged,
            ApiError::Vault(VaultError::RolledBack { .. }) => ErrorCode::RolledBack,
            ApiError::Vault(_) => ErrorCode::Internal,
            ApiError::Domain(_)
            | ApiError::Mail { .. }
            | ApiError::File { .. }
            | ApiError::FileExists(_)
            | ApiError::Invalid(_) => ErrorCode::InvalidInput,
            ApiError::AmbiguousId { .. } => ErrorCode::InvalidInput,
            ApiError::CaseNotFound(_) | ApiError::DraftNotFound(_) => ErrorCode::NotFound,
            ApiError::Draft(DraftError::NotReady { .. }) | ApiError::NotArrived { .. } => {
                ErrorCode::NotReady
            }
            ApiError::Draft(DraftError::UnknownTemplate { .. }) => ErrorCode::NotFound,
            ApiError::Draft(_) => ErrorCode::InvalidInput,
            ApiError::Sync(_) => ErrorCode::InvalidInput,
        }
    }
}

impl From<embargo_sync::SyncError> for ApiError {
    /// Vault errors keep their own codes (wrong passphrase, damaged, …).
    fn from(error: embargo_sync::SyncError) -> Self {
        match error {
            embargo_sync::SyncError::Vault(e) => ApiError::Vault(e),
            other => ApiError::Sync(other),
        }
    }
}
