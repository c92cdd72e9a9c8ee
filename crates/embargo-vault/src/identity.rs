//! Checking the plaintext `identity.json` against what an attacker at the laptop
//! cannot edit: the secret keys in `keys.age` and the copy of the public identity
//! inside the encrypted database.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{IdentityDifference, IdentitySource};
use crate::keys::SecretKeys;
use crate::{PublicIdentity, VaultError, VaultPaths};

/// The recipient and signing key must be the ones the secret keys give: they are
/// what teammates encrypt to and verify against.
pub(crate) fn check_against_keys(
    paths: &VaultPaths,
    public: &PublicIdentity,
    keys: &SecretKeys,
) -> Result<(), VaultError> {
    let derived = keys.public(&public.name, &public.email, public.device_id);
    let differences = [
        ("recipient", &public.recipient, &derived.recipient),
        ("signing_key", &public.signing_key, &derived.signing_key),
    ]
    .into_iter()
    .filter(|(_, in_file, in_vault)| in_file != in_vault)
    .map(|(field, in_file, in_vault)| IdentityDifference {
        field,
        in_file: in_file.clone(),
        in_vault: in_vault.clone(),
        source: IdentitySource::SecretKeys,
    })
    .collect();
    mismatch(paths, differences)
}

/// Record the public identity in the database (at create, and at the first open
/// of a vault made before the database kept it).
pub(crate) fn record(conn: &Connection, public: &PublicIdentity) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO vault_identity (singleton, device_id, name, email, recipient, signing_key)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![
            public.device_id.to_string(),
            public.name,
            public.email,
            public.recipient,
            public.signing_key,
        ],
    )?;
    Ok(())
}

/// Every field of `identity.json` must equal the database's copy; a vault that
/// has no copy yet gets this one (trust on first use: the recipient and signing
/// key were already checked against the secret keys).
pub(crate) fn check_against_database(
    paths: &VaultPaths,
    conn: &Connection,
    public: &PublicIdentity,
) -> Result<(), VaultError> {
    let stored: Option<[String; 5]> = conn
        .query_row(
            "SELECT device_id, name, email, recipient, signing_key FROM vault_identity WHERE singleton = 1",
            [],
            |row| {
                Ok([
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ])
            },
        )
        .optional()?;
    let Some(stored) = stored else {
        return record(conn, public);
    };
    let in_file = [
        public.device_id.to_string(),
        public.name.clone(),
        public.email.clone(),
        public.recipient.clone(),
        public.signing_key.clone(),
    ];
    let differences = ["device_id", "name", "email", "recipient", "signing_key"]
        .into_iter()
        .zip(in_file.into_iter().zip(stored))
        .filter(|(_, (in_file, in_vault))| in_file != in_vault)
        .map(|(field, (in_file, in_vault))| IdentityDifference {
            field,
            in_file,
            in_vault,
            source: IdentitySource::Database,
        })
        .collect();
    mismatch(paths, differences)
}

fn mismatch(paths: &VaultPaths, differences: Vec<IdentityDifference>) -> Result<(), VaultError> {
    if differences.is_empty() {
        Ok(())
    } else {
        Err(VaultError::IdentityMismatch {
            path: paths.identity(),
            differences,
        })
    }
}
