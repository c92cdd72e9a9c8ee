use std::path::PathBuf;

use embargo_domain::EventId;

/// What went wrong with a vault, worded for the person who has to act on it.
/// Decryption failures are deliberately coarse: they never say which byte was wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// No vault in that directory.
    #[error("no vault at {0}; create one first")]
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
    /// The database is older than the vault's last change (or the record of
    /// that change is missing or damaged): an older copy put back, or a swap.
    /// Nothing was changed; `Vault::open_accepting_restored` accepts it.
    #[error(
        "{path}: this database is older than the vault's last change: restored from a backup or swapped? \
         ({detail}). Nothing was changed. If you put back a backup on purpose, accept it with \
         `embargo check --accept-restored` (changes made after that backup are lost)"
    )]
    RolledBack {
        /// The database.
        path: PathBuf,
        /// What the comparison found.
        detail: String,
    },
    /// Another process holds the vault.
    #[error("vault is in use by another Embargo process ({0})")]
    Locked(PathBuf),
    /// SQLCipher did not engage: refusing to write plaintext.
    #[error("database encryption is not active (SQLCipher missing); refusing to continue")]
    NotEncrypted,
    /// `identity.json` (plaintext, so anyone at the laptop can edit it) says
    /// something this vault's secret keys or its encrypted copy of the identity
    /// do not: a swapped recipient would have teammates encrypt to someone else.
    #[error(
        "{path} does not match this vault's keys: it was replaced or damaged. Nothing was changed. {}. \
         Restore identity.json from a backup (or put back the value this vault holds), then open the vault again; \
         do not give anyone a bundle printed from the changed file",
        describe_differences(.differences)
    )]
    IdentityMismatch {
        /// The file.
        path: PathBuf,
        /// Each field that differs: its name, the value in the file, the vault's value.
        differences: Vec<IdentityDifference>,
    },
    /// A local write would reuse an event id that already names other content.
    /// Nothing was written.
    #[error(
        "event {id} was not written: its id already names another event in this vault (nothing was changed)"
    )]
    EventIdConflict {
        /// The id.
        id: EventId,
    },
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

/// One field where `identity.json` and the vault disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityDifference {
    /// `recipient`, `signing_key`, `device_id`, `name` or `email`.
    pub field: &'static str,
    /// What `identity.json` says.
    pub in_file: String,
    /// What the vault's secret keys give, or its encrypted copy of the identity holds.
    pub in_vault: String,
    /// Which of the two the vault's value comes from.
    pub source: IdentitySource,
}

/// Where the vault's own value of an identity field comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentitySource {
    /// Derived from the secret keys in `keys.age`.
    SecretKeys,
    /// The copy of the public identity kept in the encrypted database.
    Database,
}

fn describe_differences(differences: &[IdentityDifference]) -> String {
    differences
        .iter()
        .map(|d| {
            let source = match d.source {
                IdentitySource::SecretKeys => "this vault's secret keys give",
                IdentitySource::Database => "this vault's database holds",
            };
            format!(
                "Its {} is {:?}, but {source} {:?}",
                d.field, d.in_file, d.in_vault
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl VaultError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VaultError {
        let context = context.into();
        move |reason| VaultError::Io { context, reason }
    }
}
