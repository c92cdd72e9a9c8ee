use std::path::PathBuf;

/// What went wrong with a vault, worded for the person who has to act on it.
/// Decryption failures are deliberately coarse: they never say which byte was wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// No vault in that directory.
    #[error("no vault at {0}; create one with `embargo init` (or `embargo demo`)")]
    NotFound(PathBuf),
    /// `create` was asked to overwrite an existing vault.
    #[error("a vault already exists at {0}; nothing was changed")]
    AlreadyExists(PathBuf),
    /// The passphrase does not decrypt the key file.
    #[error("wrong passphrase for the vault at {0}")]
    WrongPassphrase(PathBuf),
    /// A key file is missing; the vault cannot be opened (and is never re-created).
    #[error("the key file {0} is missing; restore it from a backup (the vault was not changed)")]
    MissingKeyFile(PathBuf),
    /// A key file does not decrypt or parse.
    #[error(
        "the key file {path} is damaged ({reason}); restore it from a backup (the vault was not changed)"
    )]
    DamagedKeyFile {
        /// The file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// The database file is missing although the keys are there.
    #[error("the database {0} is missing; restore it from a backup (no new database was created)")]
    MissingDatabase(PathBuf),
    /// The database does not decrypt, fails its integrity checks, or holds data we cannot read.
    #[error(
        "the database {path} is damaged or has been tampered with ({reason}); restore it from a backup"
    )]
    DamagedDatabase {
        /// The file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// Written by a newer Embargo.
    #[error(
        "this vault was written by a newer Embargo (format {found}, this version reads up to {supported}); upgrade Embargo"
    )]
    NewerFormat {
        /// Version on disk.
        found: u32,
        /// Newest version this build understands.
        supported: u32,
    },
    /// Another process holds the vault.
    #[error("vault is in use by another Embargo process ({0})")]
    Locked(PathBuf),
    /// SQLCipher did not engage: refusing to write plaintext.
    #[error("database encryption is not active (SQLCipher missing); refusing to continue")]
    NotEncrypted,
    /// An attachment or case that is not in the vault.
    #[error("{0} not found in the vault")]
    Missing(String),
    /// Attachment bytes offered under a SHA-256 they do not have.
    #[error("the bytes given for attachment {0} do not match that SHA-256; nothing was stored")]
    AttachmentMismatch(String),
    /// A file-system error.
    #[error("{context}: {reason}")]
    Io {
        /// What we were doing.
        context: String,
        /// The OS error (part of the message, not a separate cause, so it prints once).
        reason: std::io::Error,
    },
    /// An unexpected database error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl VaultError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VaultError {
        let context = context.into();
        move |reason| VaultError::Io { context, reason }
    }
}
