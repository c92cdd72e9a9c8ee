use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::keys::DbKey;
use crate::{VaultError, migrations};

/// Open (or, with `create`, make) the SQLCipher database with the raw key, and
/// refuse to go on unless encryption is really on.
pub(crate) fn open(path: &Path, key: &DbKey, create: bool) -> Result<Connection, VaultError> {
    if !create && !path.exists() {
        return Err(VaultError::MissingDatabase(path.to_path_buf()));
    }
    if create {
        // Made here, owner-only, so SQLite's WAL and shared-memory files inherit the mode.
        crate::atomic_file::private_file(path)
            .map_err(VaultError::io(format!("creating {}", path.display())))?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let damaged = |e: rusqlite::Error| VaultError::DamagedDatabase {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut conn = Connection::open_with_flags(path, flags).map_err(damaged)?;
    // SQLCipher logs HMAC failures to stderr by default; we report damage ourselves,
    // in one clear line.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .map_err(damaged)?;
    conn.execute_batch(&key.pragma()).map_err(damaged)?;
    let cipher_version: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |row| row.get(0))
        .map_err(damaged)?;
    if cipher_version.unwrap_or_default().is_empty() {
        return Err(VaultError::NotEncrypted);
    }
    // The first real read is where a wrong key or a damaged first page shows.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(damaged)?;
    // SQLCipher's memory security (mlock and a random fill of every SQLite
    // allocation) stays off: it guards only SQLite's own heap while the same
    // plaintext sits in Rust's and the web view's, and it cost half of every large
    // write (docs/THREAT-MODEL.md, "Memory of the running program").
    conn.execute_batch("PRAGMA cipher_memory_security = OFF;")
        .map_err(damaged)?;
    conn.execute_batch(CONNECTION_PRAGMAS).map_err(damaged)?;
    conn.execute_batch(EVERYDAY_CACHE).map_err(damaged)?;
    let temp_store: i64 = conn.query_row("PRAGMA temp_store", [], |row| row.get(0))?;
    if temp_store != 2 {
        return Err(VaultError::NotEncrypted);
    }
    migrations::migrate(&mut conn).map_err(|e| match e {
        VaultError::Database(e) => damaged(e),
        other => other,
    })?;
    Ok(conn)
}

/// Shared with the in-memory test database, so the projection is never tested
/// under settings a vault does not run with.
const CONNECTION_PRAGMAS: &str = "PRAGMA temp_store = MEMORY;
     PRAGMA journal_mode = WAL;
     PRAGMA synchronous = FULL;
     PRAGMA foreign_keys = ON;";

/// The page cache outside bulk work: 8 MiB. The desktop app keeps its session open
/// all day, and a cache the size of a large vault's working set stayed resident
/// after a single listing (BENCHMARKS.md, "Desktop app").
pub(crate) const EVERYDAY_CACHE: &str = "PRAGMA cache_size = -8192;";

/// The page cache while a merge stores a sync pass: 32 MiB, so that a long history's
/// B-tree pages are decrypted once rather than once per batch (BENCHMARKS.md, "Sync").
pub(crate) const MERGE_CACHE: &str = "PRAGMA cache_size = -32768;";

/// A database that lives only in this process's memory, with the same schema and
/// settings as a vault's file (see `Vault::create_in_memory`). It holds no secret
/// and never reaches the disk, so it has no key, and it skips SQLCipher's memory
/// security: an `mlock` and a wipe per allocation made the convergence property,
/// which creates thousands of these, several times slower.
#[cfg(feature = "test-support")]
pub(crate) fn open_in_memory() -> Result<Connection, VaultError> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch(CONNECTION_PRAGMAS)?;
    conn.execute_batch(EVERYDAY_CACHE)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

/// Classify an error from a read or write of an open database: a page that fails
/// its HMAC or structure check is damage, not a programming error.
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> VaultError {
    use rusqlite::ffi::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => VaultError::DamagedDatabase {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        _ => VaultError::Database(e),
    }
}
