use std::path::PathBuf;

use embargo_vault::VaultError;

/// Why a sync operation could not be carried out. Problems with single files in the
/// folder are never errors: they are reported in the status and sync carries on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// From the vault.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// This vault has no team yet.
    #[error("this vault is not in a team yet; create a team or join one")]
    NoTeam,
    /// This vault is in a team already (a vault belongs to one team).
    #[error("this vault is already in a team")]
    AlreadyInTeam,
    /// The folder given for a new team holds one already.
    #[error("{} already holds a team; join it instead", .0.display())]
    FolderHoldsTeam(PathBuf),
    /// The team's roster does not list this device's member yet.
    #[error(
        "you are not on the roster of team {0:?} yet: send your member bundle to an admin, who adds you"
    )]
    NotOnRoster(String),
    /// No member of the roster matches what was typed.
    #[error("no member matches {0:?}")]
    NoSuchMember(String),
    /// The request is refused (not an admin, unknown member, bad bundle, ...).
    #[error("{0}")]
    Refused(String),
    /// The pass was stopped because the app is locking, as soon as it asked, even
    /// while the folder was not answering. Nothing is left half-merged: a pass
    /// stopped while reading merged nothing; one stopped later (fetching
    /// attachments, writing its own segments) kept only whole results, and the
    /// next pass carries on.
    #[error("sync was stopped because the vault is locking; nothing was left half-merged")]
    Cancelled,
    /// The shared folder cannot be read or written.
    #[error("{path}: {reason}")]
    Folder {
        /// What was being read or written.
        path: PathBuf,
        /// The OS error.
        reason: std::io::Error,
    },
}

impl SyncError {
    pub(crate) fn folder(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |reason| Self::Folder { path, reason }
    }
}
