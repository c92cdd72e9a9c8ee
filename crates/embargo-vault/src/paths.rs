use std::path::{Path, PathBuf};

/// Where each file of a vault lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultPaths {
    dir: PathBuf,
}

impl VaultPaths {
    /// The vault in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The vault directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Public identity and format version (plaintext, nothing secret).
    pub fn identity(&self) -> PathBuf {
        self.dir.join("identity.json")
    }

    /// Passphrase-encrypted secret keys.
    pub fn keys(&self) -> PathBuf {
        self.dir.join("keys.age")
    }

    /// Database key wrapped to the user's age identity.
    pub fn db_key(&self) -> PathBuf {
        self.dir.join("db.key.age")
    }

    /// The SQLCipher database.
    pub fn database(&self) -> PathBuf {
        self.dir.join("vault.db")
    }

    /// The count of the database's changes at its last commit, authenticated:
    /// an older database put back in place has fewer.
    pub fn last_change(&self) -> PathBuf {
        self.dir.join("last-change")
    }

    /// Lock file held while the vault is open.
    pub fn lock(&self) -> PathBuf {
        self.dir.join("vault.lock")
    }
}
