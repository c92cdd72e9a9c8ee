//! Detecting an older `vault.db` put back in place.
//!
//! The database counts its own changes (triggers bump `vault_changes.count` in
//! the same transaction as every event, attachment and setting written), and
//! after each commit the vault records that count outside the database, in
//! `last-change`, authenticated with a key derived from the database key so no
//! one without the vault's keys can write a smaller number into it. At open, a
//! database whose count is below the recorded one is older than the vault's last
//! change: restored from a backup or swapped. A count above the recorded one is
//! a crash between the commit and the record, and is simply caught up.
//!
//! What this cannot see: every file of the vault rolled back together (the
//! record is in the vault's folder too). Detecting that needs state outside the
//! vault; see `docs/THREAT-MODEL.md`.

use hmac::{Hmac, Mac};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::atomic_file::write_atomically;
use crate::keys::DbKey;
use crate::{VaultError, VaultPaths};

type HmacSha256 = Hmac<Sha256>;

/// Format of the `last-change` file.
const FORMAT: u32 = 1;
/// The record is a few dozen bytes; anything longer is not one.
const MAX_RECORD_BYTES: u64 = 4096;

/// What `last-change` holds (plaintext: a number of changes is no case content).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    format: u32,
    changes: u64,
    /// HMAC-SHA256 over the device id and the count, hex.
    mac: String,
}

/// How the database's change count stands against the recorded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Standing {
    /// The database is where the record says.
    Current,
    /// The database is ahead of the record (a crash between a commit and its
    /// record, or a vault made before the record existed): catch the record up.
    Ahead,
    /// The database is older than the vault's last change.
    Older { database: u64, recorded: u64 },
    /// The database has changes but the record is missing.
    Missing { database: u64 },
    /// The record does not parse or its MAC fails.
    Damaged(String),
}

/// Authenticates the record for one vault.
pub(crate) struct RecordKey {
    key: Zeroizing<[u8; 32]>,
    device: String,
}

impl std::fmt::Debug for RecordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordKey(<redacted>)")
    }
}

impl RecordKey {
    /// A key of its own, derived from the database key, so the record's MAC
    /// reveals nothing about the key that decrypts the database.
    pub(crate) fn derive(db_key: &DbKey, device: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"embargo last-change record v1\0");
        hasher.update(db_key.bytes());
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&hasher.finalize());
        Self {
            key,
            device: device.to_owned(),
        }
    }

    fn mac(&self, changes: u64) -> HmacSha256 {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.key[..])
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(self.device.as_bytes());
        mac.update(b"\0");
        mac.update(&changes.to_be_bytes());
        mac
    }
}

/// The database's change count.
pub(crate) fn database_count(conn: &Connection) -> rusqlite::Result<u64> {
    let count: i64 = conn.query_row(
        "SELECT count FROM vault_changes WHERE singleton = 1",
        [],
        |row| row.get(0),
    )?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Record `changes` as the vault's last change, atomically.
pub(crate) fn record(paths: &VaultPaths, key: &RecordKey, changes: u64) -> Result<(), VaultError> {
    let record = Record {
        format: FORMAT,
        changes,
        mac: hex::encode(key.mac(changes).finalize().into_bytes()),
    };
    let json = serde_json::to_vec(&record)
        .map_err(|e| VaultError::io("encoding the last-change record")(e.into()))?;
    write_atomically(&paths.last_change(), &json)
}

/// Compare the database's count with the record.
pub(crate) fn standing(
    paths: &VaultPaths,
    key: &RecordKey,
    database: u64,
) -> Result<Standing, VaultError> {
    let path = paths.last_change();
    let bytes = match read_bounded(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A vault made before the record existed starts at zero changes.
            return Ok(if database == 0 {
                Standing::Ahead
            } else {
                Standing::Missing { database }
            });
        }
        Err(e) => return Err(VaultError::io(format!("reading {}", path.display()))(e)),
    };
    let Ok(record) = serde_json::from_slice::<Record>(&bytes) else {
        return Ok(Standing::Damaged("not a last-change record".into()));
    };
    if record.format != FORMAT {
        return Ok(Standing::Damaged(format!(
            "unknown format {}",
            record.format
        )));
    }
    let authentic = hex::decode(&record.mac)
        .ok()
        .is_some_and(|mac| key.mac(record.changes).verify_slice(&mac).is_ok());
    if !authentic {
        return Ok(Standing::Damaged(
            "its authentication code does not match this vault's keys".into(),
        ));
    }
    Ok(match database.cmp(&record.changes) {
        std::cmp::Ordering::Less => Standing::Older {
            database,
            recorded: record.changes,
        },
        std::cmp::Ordering::Equal => Standing::Current,
        std::cmp::Ordering::Greater => Standing::Ahead,
    })
}

/// The recorded count, if the record is there and authentic.
pub(crate) fn recorded_count(paths: &VaultPaths, key: &RecordKey) -> Option<u64> {
    let bytes = read_bounded(&paths.last_change()).ok()?;
    let record: Record = serde_json::from_slice(&bytes).ok()?;
    let mac = hex::decode(&record.mac).ok()?;
    key.mac(record.changes).verify_slice(&mac).ok()?;
    Some(record.changes)
}

/// Accepting a restored database: its count moves past everything recorded,
/// so any copy older than the one accepted is still refused afterwards.
pub(crate) fn move_past(conn: &Connection, recorded: u64) -> rusqlite::Result<u64> {
    conn.execute(
        "UPDATE vault_changes SET count = max(count, ?1) + 1 WHERE singleton = 1",
        [i64::try_from(recorded).unwrap_or(i64::MAX - 1)],
    )?;
    database_count(conn)
}

fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_RECORD_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}
