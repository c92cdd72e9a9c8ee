//! Embargo's encrypted vault.
//!
//! A vault is a directory (see `docs/VAULT-FORMAT.md`):
//!
//! | file | holds | protected by |
//! |---|---|---|
//! | `identity.json` | format version, device id, the user's *public* identity | nothing (public) |
//! | `keys.age` | the user's age X25519 identity and Ed25519 signing key | the passphrase (age scrypt) |
//! | `db.key.age` | the random 256-bit database key | age, to the user's own X25519 identity |
//! | `vault.db` (+ `-wal`) | events, the case projection, search index, attachments | SQLCipher, with the raw database key |
//! | `last-change` | how many changes the database had at its last commit, to detect an older copy put back | an HMAC keyed from the database key |
//! | `vault.lock` | an OS lock held while a process has the vault open (the folder itself is locked too) | — |
//!
//! [`Vault::create`] makes one, [`Vault::open`] unlocks one. Every change is an
//! [`embargo_domain::Event`] appended with [`Vault::append`], which updates the case
//! projection in the same transaction; [`Vault::check`] verifies that a rebuild
//! from the log gives the same cases.
#![deny(missing_docs)]

mod atomic_file;
mod attachments;
mod check;
mod database;
mod error;
mod identity;
mod kdf_limit;
mod keys;
mod last_change;
mod lock;
mod merge;
mod migrations;
mod paths;
mod projection;
mod search;
mod sync_support;
mod vault;

pub use check::CheckReport;
pub use error::{IdentityDifference, IdentitySource, VaultError};
pub use keys::{
    KeyFileRefusal, PublicIdentity, SCRYPT_MAX_LOG_N, VAULT_FORMAT_VERSION, open_passphrase_file,
    open_sealed_to,
};
pub use merge::Merge;
pub use paths::VaultPaths;
pub use projection::{CaseSummary, TimelineEntry};
pub use vault::{MergeOutcome, NewAttachment, Vault};
