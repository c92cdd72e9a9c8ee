use std::path::Path;

use chrono::{DateTime, Utc};
use embargo_domain::{Case, CaseId, Event, EventContext, EventId, Hlc, HlcTimestamp};
use rusqlite::{Connection, OptionalExtension, params};
use secrecy::SecretString;

use crate::keys::{DbKey, SecretKeys};
use crate::last_change::{self, RecordKey, Standing};
use crate::lock::VaultLock;
use crate::projection::{self, CaseSummary, SUMMARY_COLUMNS, TimelineEntry, summary_from_row};
use crate::{CheckReport, PublicIdentity, VaultError, VaultPaths, database, identity, search};

/// The bytes of an attachment to store with the events that reference it.
#[derive(Clone)]
pub struct NewAttachment {
    /// SHA-256 of `data`, hex.
    pub sha256: String,
    /// The content.
    pub data: Vec<u8>,
}

impl std::fmt::Debug for NewAttachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewAttachment({} bytes)", self.data.len())
    }
}

/// What [`Vault::merge`] did with a batch of teammates' events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    /// Events stored (new to this vault).
    pub inserted: usize,
    /// Events not stored because their id already names other content, each with
    /// the reason in words. Identical copies of stored events are neither.
    pub refused: Vec<(EventId, String)>,
}

/// An unlocked vault, held exclusively by this process until dropped.
#[derive(Debug)]
pub struct Vault {
    pub(crate) paths: VaultPaths,
    pub(crate) conn: Connection,
    pub(crate) public: PublicIdentity,
    pub(crate) keys: SecretKeys,
    pub(crate) hlc: Hlc,
    /// Authenticates `last-change`; `None` only for a vault made by
    /// `create_in_memory`, which has no files.
    pub(crate) record_key: Option<RecordKey>,
    /// The change count last written to `last-change`.
    pub(crate) recorded: u64,
    /// `None` only for a vault made by `create_in_memory`: it has no directory
    /// another process could open.
    _lock: Option<VaultLock>,
}

/// Whether opening accepts a database older than the vault's last change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Restored {
    Refuse,
    Accept,
}

impl Vault {
    /// Create a new vault in `dir` for the user `name <email>`.
    pub fn create(
        dir: &Path,
        name: &str,
        email: &str,
        passphrase: &SecretString,
    ) -> Result<Self, VaultError> {
        let paths = VaultPaths::new(dir);
        if [
            paths.identity(),
            paths.keys(),
            paths.db_key(),
            paths.database(),
        ]
        .iter()
        .any(|p| p.exists())
        {
            return Err(VaultError::AlreadyExists(dir.to_path_buf()));
        }
        create_private_dir(dir)?;
        let lock = VaultLock::acquire(&paths)?;
        let made = (|| {
            let keys = SecretKeys::generate()?;
            let db_key = DbKey::generate()?;
            keys.save(&paths, passphrase)?;
            keys.seal_db_key(&paths, &db_key)?;
            let conn = database::open(&paths.database(), &db_key, true)?;
            let public = keys.public(name, email, embargo_domain::DeviceId::random());
            identity::record(&conn, &public)?;
            let record_key = RecordKey::derive(&db_key, &public.device_id.to_string());
            let recorded = last_change::database_count(&conn)?;
            last_change::record(&paths, &record_key, recorded)?;
            // Written last: its presence marks a complete vault.
            public.write(&paths)?;
            Ok((keys, conn, public, record_key, recorded))
        })();
        match made {
            Ok((keys, conn, public, record_key, recorded)) => Ok(Self {
                paths,
                conn,
                public,
                keys,
                hlc: Hlc::default(),
                record_key: Some(record_key),
                recorded,
                _lock: Some(lock),
            }),
            Err(e) => {
                for leftover in [
                    paths.keys(),
                    paths.db_key(),
                    paths.database(),
                    paths.last_change(),
                    paths.identity(),
                ] {
                    let _ = std::fs::remove_file(leftover);
                }
                Err(e)
            }
        }
    }

    /// Unlock the vault in `dir`. Never creates anything. Refuses an
    /// `identity.json` that disagrees with the secret keys or with the identity
    /// kept in the database ([`VaultError::IdentityMismatch`]), and a database
    /// older than the vault's last change ([`VaultError::RolledBack`]).
    pub fn open(dir: &Path, passphrase: &SecretString) -> Result<Self, VaultError> {
        Self::open_with(dir, passphrase, Restored::Refuse)
    }

    /// [`Vault::open`], accepting a database older than the vault's last change
    /// because its owner put a backup back on purpose: from now on that database
    /// is the vault's state, and any copy older than the vault's last change is
    /// still refused afterwards. Everything else is checked as at `open`.
    pub fn open_accepting_restored(
        dir: &Path,
        passphrase: &SecretString,
    ) -> Result<Self, VaultError> {
        Self::open_with(dir, passphrase, Restored::Accept)
    }

    fn open_with(
        dir: &Path,
        passphrase: &SecretString,
        restored: Restored,
    ) -> Result<Self, VaultError> {
        let paths = VaultPaths::new(dir);
        let public = PublicIdentity::read(&paths)?;
        let lock = VaultLock::acquire(&paths)?;
        let keys = SecretKeys::load(&paths, passphrase)?;
        identity::check_against_keys(&paths, &public, &keys)?;
        let db_key = keys.open_db_key(&paths)?;
        let conn = database::open(&paths.database(), &db_key, false)?;
        identity::check_against_database(&paths, &conn, &public)
            .map_err(|e| reclassify(&paths.database(), e))?;
        let record_key = RecordKey::derive(&db_key, &public.device_id.to_string());
        let recorded = check_last_change(&paths, &conn, &record_key, restored)?;
        let mut vault = Self {
            paths,
            conn,
            public,
            keys,
            hlc: Hlc::default(),
            record_key: Some(record_key),
            recorded,
            _lock: Some(lock),
        };
        // Only this device's own events: a teammate's clock far ahead, already in
        // the log, must not drag ours along at every start.
        let last: Option<(i64, u32)> = vault
            .conn
            .query_row(
                OWN_LATEST_CLOCK_SQL,
                params![vault.public.device_id.to_string(), vault.public.signing_key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| vault.damage(e))?;
        if let Some((wall_ms, counter)) = last {
            vault.hlc = Hlc::resume_after(HlcTimestamp { wall_ms, counter });
        }
        Ok(vault)
    }

    /// Re-encrypt the key file of this open vault under a new passphrase, once
    /// `current` has opened it. Atomic: a crash leaves either the old or the new
    /// passphrase working. The database and its key are untouched, so the open
    /// vault carries on; the next open needs the new passphrase.
    pub fn change_passphrase(
        &self,
        current: &SecretString,
        new: &SecretString,
    ) -> Result<(), VaultError> {
        let on_disk = SecretKeys::load(&self.paths, current)?;
        // The file must still hold this vault's keys: re-wrapping someone else's
        // would lock the owner out of the database.
        if on_disk.age.to_public().to_string() != self.keys.age.to_public().to_string() {
            return Err(VaultError::DamagedKeyFile {
                path: self.paths.keys(),
                reason: "it holds another vault's keys".into(),
            });
        }
        self.keys.save(&self.paths, new)
    }

    /// A vault whose database lives only in this process's memory, for tests that
    /// need thousands of real vaults: the real schema and the same `merge`,
    /// `append`, `case`, `check` and `rebuild_projection` code as on disk, without
    /// the passphrase's scrypt derivation (about a second each in a debug build)
    /// that `create` and `open` cost. Nothing is written anywhere: no key files, no
    /// `identity.json`, no lock, and [`Vault::paths`] names no real directory.
    ///
    /// Only with the `test-support` feature, which no shipped build enables.
    #[cfg(feature = "test-support")]
    #[doc(hidden)]
    pub fn create_in_memory(name: &str, email: &str) -> Result<Self, VaultError> {
        let keys = SecretKeys::generate()?;
        let conn = database::open_in_memory()?;
        let public = keys.public(name, email, embargo_domain::DeviceId::random());
        identity::record(&conn, &public)?;
        Ok(Self {
            paths: VaultPaths::new(":memory:"),
            conn,
            public,
            keys,
            hlc: Hlc::default(),
            record_key: None,
            recorded: 0,
            _lock: None,
        })
    }

    /// Where the vault lives.
    pub fn paths(&self) -> &VaultPaths {
        &self.paths
    }

    /// The user's public identity.
    pub fn public_identity(&self) -> &PublicIdentity {
        &self.public
    }

    /// The user's signing key (for signing events that leave this device).
    pub fn signing_key(&self) -> &ed25519_dalek::SigningKey {
        &self.keys.signing
    }

    /// Author and device for new events.
    pub fn event_context(&self) -> EventContext {
        EventContext {
            author: self.public.author(),
            device: self.public.device_id,
        }
    }

    /// A clock value for a new event made at wall time `now`.
    pub fn next_timestamp(&mut self, now: DateTime<Utc>) -> HlcTimestamp {
        self.hlc.tick(now)
    }

    /// Store this device's new events (and the attachment bytes they reference)
    /// and update the projection, all in one transaction. Idempotent: an event
    /// already stored is skipped. An event whose id already names other content
    /// fails the whole call with [`VaultError::EventIdConflict`], writing nothing.
    ///
    /// Events from teammates go through [`Vault::merge`], which takes the time.
    pub fn append(
        &mut self,
        events: &[Event],
        attachments: &[NewAttachment],
    ) -> Result<(), VaultError> {
        self.append_and_set(events, attachments, &[])
    }

    /// [`Vault::append`] and device settings written in the same transaction:
    /// `Some(value)` stores a key, `None` removes it. What a use case remembers
    /// about its own work (which intake files it imported) then never disagrees
    /// with the events that work wrote, even after a crash.
    pub fn append_and_set(
        &mut self,
        events: &[Event],
        attachments: &[NewAttachment],
        settings: &[(String, Option<String>)],
    ) -> Result<(), VaultError> {
        let path = self.paths.database();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| database::classify(&path, e))?;
        store_attachments(&tx, attachments)?;
        let appended = projection::append(&tx, events).map_err(|e| reclassify(&path, e))?;
        if let Some((id, _)) = appended.refused.first() {
            return Err(VaultError::EventIdConflict { id: *id });
        }
        write_settings(&tx, settings).map_err(|e| database::classify(&path, e))?;
        tx.commit().map_err(|e| database::classify(&path, e))?;
        self.record_last_change()?;
        // Without a `now` here, a foreign event is bounded by our own latest
        // stamp: it cannot pull the clock more than the lead past our last edit.
        let reference = self.hlc.last().instant();
        observe(&mut self.hlc, &self.public, &appended.inserted, reference);
        Ok(())
    }

    /// Merge events from teammates (and the attachment bytes they reference) in
    /// one transaction: new events are stored and projected, ones already stored
    /// are skipped, and ones whose id already names other content (earlier in the
    /// log or earlier in `events`) are refused and listed, never stored.
    ///
    /// The clock takes the new events into account, but a stamp further than
    /// [`embargo_domain::MAX_CLOCK_LEAD`] past `now` pulls it only that far.
    pub fn merge(
        &mut self,
        events: Vec<Event>,
        attachments: &[NewAttachment],
        now: DateTime<Utc>,
    ) -> Result<MergeOutcome, VaultError> {
        let mut merge = self.begin_merge(now)?;
        merge.store_attachments(attachments)?;
        merge.add(events)?;
        merge.finish()
    }

    /// One case as currently projected.
    pub fn case(&self, id: CaseId) -> Result<Option<Case>, VaultError> {
        let state: Option<String> = self
            .conn
            .query_row(
                "SELECT state FROM cases WHERE id = ?1",
                [id.to_string()],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.damage(e))?;
        state.as_deref().map(projection::decode_case).transpose()
    }

    /// How many changes the database has had (events, attachments, settings),
    /// counted in the same transaction as each: equal counts mean nothing was
    /// written in between, by this session or a sync pass. One row, no scan.
    pub fn change_count(&self) -> Result<u64, VaultError> {
        last_change::database_count(&self.conn).map_err(|e| self.damage(e))
    }

    /// Every case, newest report first, as list rows.
    pub fn list(&self) -> Result<Vec<CaseSummary>, VaultError> {
        let mut stmt = self.conn.prepare_cached(&list_sql())?;
        let rows = stmt.query_map([], summary_from_row)?;
        rows.collect::<Result<_, _>>().map_err(|e| self.damage(e))
    }

    /// Every case, fully decoded (for deadlines and exports).
    pub fn cases(&self) -> Result<Vec<Case>, VaultError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT state FROM cases ORDER BY received_at, human_id")?;
        let states = stmt.query_map([], |row| row.get::<_, String>(0))?;
        states
            .map(|state| projection::decode_case(&state.map_err(|e| self.damage(e))?))
            .collect()
    }

    /// Cases whose human id starts with `prefix` (case-insensitive).
    pub fn cases_with_id_prefix(&self, prefix: &str) -> Result<Vec<CaseSummary>, VaultError> {
        let pattern = format!("{}%", prefix.to_ascii_uppercase().replace(['%', '_'], ""));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM cases WHERE human_id LIKE ?1 ORDER BY human_id"
        ))?;
        let rows = stmt.query_map([pattern], summary_from_row)?;
        rows.collect::<Result<_, _>>().map_err(|e| self.damage(e))
    }

    /// Cases numbered `number` in any year.
    pub fn cases_with_number(&self, number: u32) -> Result<Vec<CaseSummary>, VaultError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM cases WHERE number = ?1 ORDER BY human_id"
        ))?;
        let rows = stmt.query_map([number], summary_from_row)?;
        rows.collect::<Result<_, _>>().map_err(|e| self.damage(e))
    }

    /// The next free number for a case received in `year`.
    pub fn next_case_number(&self, year: i32) -> Result<u32, VaultError> {
        let max: Option<u32> = self
            .conn
            .query_row(
                "SELECT max(number) FROM cases WHERE year = ?1",
                [year],
                |row| row.get(0),
            )
            .map_err(|e| self.damage(e))?;
        Ok(max.unwrap_or(0) + 1)
    }

    /// The case that holds a message with this Message-ID, if any.
    pub fn case_for_message_id(&self, message_id: &str) -> Result<Option<CaseId>, VaultError> {
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT case_id FROM message_ids WHERE message_id = ?1",
                [message_id],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.damage(e))?;
        Ok(found.and_then(|id| id.parse().ok()))
    }

    /// A case's events in fold order.
    pub fn events(&self, id: CaseId) -> Result<Vec<Event>, VaultError> {
        projection::events_of(&self.conn, id).map_err(|e| reclassify(&self.paths.database(), e))
    }

    /// Team-wide events (policy, templates, export settings) in fold order; each
    /// feature folds its own settings from them.
    pub fn team_events(&self) -> Result<Vec<Event>, VaultError> {
        self.events(CaseId::TEAM)
    }

    /// A case's history, oldest first.
    pub fn timeline(&self, id: CaseId) -> Result<Vec<TimelineEntry>, VaultError> {
        Ok(self
            .events(id)?
            .into_iter()
            .map(|event| TimelineEntry {
                at: event.at.instant(),
                author: event.author.clone(),
                device: event.device,
                kind: event.change.kind().to_owned(),
                summary: event.change.describe(),
            })
            .collect())
    }

    /// Full-text search, best match first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<CaseSummary>, VaultError> {
        search::search(&self.conn, query, limit).map_err(|e| reclassify(&self.paths.database(), e))
    }

    /// The stored bytes of an attachment.
    pub fn attachment_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>, VaultError> {
        self.conn
            .query_row(
                "SELECT data FROM blobs WHERE sha256 = ?1",
                [sha256],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.damage(e))
    }

    /// A team or device setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, VaultError> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|e| self.damage(e))
    }

    /// Every setting whose key starts with `prefix`, in key order.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>, VaultError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
            )
            .map_err(|e| self.damage(e))?;
        let rows = statement
            .query_map([prefix], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(|e| self.damage(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.damage(e))
    }

    /// Store a device setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), VaultError> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, value],
            )
            .map_err(|e| self.damage(e))?;
        self.record_last_change()
    }

    /// Run SQLCipher's and SQLite's integrity checks and verify that the
    /// projection equals a fresh fold of the event log.
    pub fn check(&self) -> Result<CheckReport, VaultError> {
        crate::check::run(&self.conn, &self.public.device_id.to_string())
            .map_err(|e| reclassify(&self.paths.database(), e))
    }

    /// Drop the projection and fold it again from the log; returns the case count.
    pub fn rebuild_projection(&mut self) -> Result<usize, VaultError> {
        let path = self.paths.database();
        let tx = self.conn.transaction()?;
        let count = projection::rebuild(&tx).map_err(|e| reclassify(&path, e))?;
        tx.commit().map_err(|e| database::classify(&path, e))?;
        Ok(count)
    }

    /// After a commit: write the database's change count to `last-change`, so an
    /// older copy of the database put back is recognised. A crash before this
    /// leaves the record behind the database, which the next open catches up.
    pub(crate) fn record_last_change(&mut self) -> Result<(), VaultError> {
        let Some(key) = &self.record_key else {
            return Ok(());
        };
        let count = last_change::database_count(&self.conn)
            .map_err(|e| database::classify(&self.paths.database(), e))?;
        if count != self.recorded {
            last_change::record(&self.paths, key, count)?;
            self.recorded = count;
        }
        Ok(())
    }

    pub(crate) fn damage(&self, e: rusqlite::Error) -> VaultError {
        database::classify(&self.paths.database(), e)
    }
}

/// The latest stamp of this device's own events, read from the
/// `events_by_device_clock` index alone.
pub(crate) const OWN_LATEST_CLOCK_SQL: &str = "SELECT hlc_wall, hlc_counter FROM events
     WHERE device = ?1 AND author = ?2 ORDER BY hlc_wall DESC, hlc_counter DESC LIMIT 1";

/// Store (`Some`) or remove (`None`) each setting.
fn write_settings(
    tx: &rusqlite::Transaction<'_>,
    settings: &[(String, Option<String>)],
) -> rusqlite::Result<()> {
    for (key, value) in settings {
        match value {
            Some(value) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, value],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
    }
    Ok(())
}

pub(crate) fn store_attachments(
    tx: &rusqlite::Transaction<'_>,
    attachments: &[NewAttachment],
) -> Result<(), VaultError> {
    let mut blob =
        tx.prepare_cached("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?1, ?2)")?;
    for attachment in attachments {
        blob.execute(params![attachment.sha256, attachment.data])?;
    }
    Ok(())
}

/// Move the clock past newly stored events. Our own (same author and device) are
/// taken as they are, like at open; anyone else's only up to the lead past `now`.
pub(crate) fn observe(hlc: &mut Hlc, me: &PublicIdentity, inserted: &[&Event], now: DateTime<Utc>) {
    for event in inserted {
        let own = event.device == me.device_id && event.author.0 == me.signing_key;
        hlc.observe(event.at, if own { event.at.instant() } else { now });
    }
}

/// The case list, newest first; served from the `cases_list` covering index.
pub(crate) fn list_sql() -> String {
    format!("SELECT {SUMMARY_COLUMNS} FROM cases ORDER BY received_at DESC, human_id DESC")
}

/// Compare the database with `last-change` at open; returns the count now
/// recorded. Refuses an older database unless its owner accepts it.
fn check_last_change(
    paths: &VaultPaths,
    conn: &Connection,
    key: &RecordKey,
    restored: Restored,
) -> Result<u64, VaultError> {
    let classify = |e| database::classify(&paths.database(), e);
    let database = last_change::database_count(conn).map_err(classify)?;
    let detail = match last_change::standing(paths, key, database)? {
        Standing::Current => return Ok(database),
        Standing::Ahead => {
            last_change::record(paths, key, database)?;
            return Ok(database);
        }
        Standing::Older { database, recorded } => {
            format!("it holds {database} changes, the vault's last change was number {recorded}")
        }
        Standing::Missing { database } => format!(
            "it holds {database} changes, but the record of the vault's last change ({}) is missing",
            paths.last_change().display()
        ),
        Standing::Damaged(reason) => format!(
            "the record of the vault's last change ({}) is damaged: {reason}",
            paths.last_change().display()
        ),
    };
    if restored == Restored::Refuse {
        return Err(VaultError::RolledBack {
            path: paths.database(),
            detail,
        });
    }
    let recorded = last_change::recorded_count(paths, key).unwrap_or(0);
    let count = last_change::move_past(conn, recorded).map_err(classify)?;
    last_change::record(paths, key, count)?;
    Ok(count)
}

pub(crate) fn reclassify(path: &Path, e: VaultError) -> VaultError {
    match e {
        VaultError::Database(e) => database::classify(path, e),
        other => other,
    }
}

fn create_private_dir(dir: &Path) -> Result<(), VaultError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(VaultError::io(format!("creating {}", dir.display())))
}
