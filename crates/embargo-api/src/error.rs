use std::path::PathBuf;

use embargo_domain::{DomainError, StatusNeed};
use embargo_drafts::{DraftError, Missing};
use embargo_mail::MailError;
use embargo_sync::SyncError;
use embargo_vault::VaultError;

pub use crate::refusal::{Input, Refusal};

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
    /// Malformed input (the error names which [`Input`] when it is one field).
    InvalidInput,
    /// A well-formed request that the policy or the current state does not allow
    /// (an illegal status change, a step logged twice, a sent draft edited, …).
    Refused,
    /// No such case, draft, template, member or other named thing.
    NotFound,
    /// Something of that name is there already (a vault, a file, a template, a team).
    AlreadyExists,
    /// This vault is not in a team, or not on the team's roster.
    NotAMember,
    /// The team folder is gone, unreadable or not responding.
    FolderUnavailable,
    /// The case lacks what an export needs (the error lists [`Missing`](embargo_drafts::Missing)
    /// items), or an attachment's content has not arrived from the team folder yet.
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
    /// Malformed input: which one, and what is wrong with it (in words that name
    /// no front end's control: each front end names its own flag or field).
    #[error("{problem}")]
    Invalid {
        /// Which input.
        input: Input,
        /// What is wrong.
        problem: String,
    },
    /// A well-formed request the current state does not allow.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// A named thing that is not there (an attachment, a release line, a profile, …).
    #[error("{0}")]
    NotFound(String),
    /// From drafting or exporting (templates, rendering, readiness).
    #[error(transparent)]
    Draft(#[from] DraftError),
    /// No draft matches.
    #[error("{0}")]
    DraftNotFound(String),
    /// From team sync (roster, folder).
    #[error(transparent)]
    Sync(SyncError),
    /// An export that could not be encoded (a bug, not the person's input).
    #[error("encoding the export: {0}")]
    Encoding(String),
    /// A template id that the team's catalogue has already.
    #[error("a template {0} already exists")]
    TemplateExists(String),
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
            ApiError::Vault(VaultError::AlreadyExists(_)) => ErrorCode::AlreadyExists,
            ApiError::Vault(VaultError::Missing(_)) => ErrorCode::NotFound,
            ApiError::Vault(VaultError::AttachmentMismatch(_)) => ErrorCode::InvalidInput,
            ApiError::Vault(_) | ApiError::Encoding(_) => ErrorCode::Internal,
            ApiError::Domain(error) => domain_code(error),
            ApiError::Mail { .. }
            | ApiError::File { .. }
            | ApiError::Invalid { .. }
            | ApiError::AmbiguousId { .. } => ErrorCode::InvalidInput,
            ApiError::Refused(_) => ErrorCode::Refused,
            ApiError::FileExists(_) | ApiError::TemplateExists(_) => ErrorCode::AlreadyExists,
            ApiError::CaseNotFound(_) | ApiError::DraftNotFound(_) | ApiError::NotFound(_) => {
                ErrorCode::NotFound
            }
            ApiError::Draft(DraftError::NotReady { .. }) | ApiError::NotArrived { .. } => {
                ErrorCode::NotReady
            }
            ApiError::Draft(DraftError::UnknownTemplate { .. }) => ErrorCode::NotFound,
            ApiError::Draft(DraftError::NoRecipient(_) | DraftError::MissingField { .. }) => {
                ErrorCode::NotReady
            }
            ApiError::Draft(_) => ErrorCode::InvalidInput,
            ApiError::Sync(error) => sync_code(error),
        }
    }

    /// Malformed `input`, with what is wrong.
    pub fn invalid(input: Input, problem: impl Into<String>) -> Self {
        ApiError::Invalid {
            input,
            problem: problem.into(),
        }
    }

    /// What an export lacks, when that is why this failed.
    pub fn missing(&self) -> &[Missing] {
        match self {
            ApiError::Draft(DraftError::NotReady { missing, .. }) => missing,
            _ => &[],
        }
    }

    /// What the case lacks before the status it was moved to, when that is why.
    pub fn status_needs(&self) -> &[StatusNeed] {
        match self {
            ApiError::Domain(DomainError::MissingForStatus { missing, .. }) => missing,
            _ => &[],
        }
    }

    /// Which input was malformed, when that is why this failed.
    pub fn input(&self) -> Option<Input> {
        match self {
            ApiError::Invalid { input, .. } => Some(*input),
            _ => None,
        }
    }
}

fn domain_code(error: &DomainError) -> ErrorCode {
    match error {
        DomainError::IllegalTransition { .. }
        | DomainError::MissingForStatus { .. }
        | DomainError::NotReopenable(_)
        | DomainError::AlreadyInStatus(_) => ErrorCode::Refused,
        DomainError::UnknownRule { .. } => ErrorCode::NotFound,
        _ => ErrorCode::InvalidInput,
    }
}

fn sync_code(error: &SyncError) -> ErrorCode {
    match error {
        SyncError::Folder { .. } => ErrorCode::FolderUnavailable,
        SyncError::NoTeam | SyncError::NotOnRoster(_) => ErrorCode::NotAMember,
        SyncError::AlreadyInTeam | SyncError::FolderHoldsTeam(_) => ErrorCode::AlreadyExists,
        SyncError::NoSuchMember(_) => ErrorCode::NotFound,
        // Locking stopped it: the vault is locked by the time anyone reads this.
        SyncError::Cancelled => ErrorCode::NotUnlocked,
        SyncError::Refused(_) => ErrorCode::Refused,
        _ => ErrorCode::Internal,
    }
}

impl From<SyncError> for ApiError {
    /// Vault errors keep their own codes (wrong passphrase, damaged, …).
    fn from(error: SyncError) -> Self {
        match error {
            SyncError::Vault(e) => ApiError::Vault(e),
            other => ApiError::Sync(other),
        }
    }
}
