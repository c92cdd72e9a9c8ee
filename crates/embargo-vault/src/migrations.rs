use rusqlite::Connection;

use crate::VaultError;

/// Each entry moves the schema one version up; never edit a released entry,
/// append a new one. `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: the event log, the case projection, search, attachments, settings.
    r#"
    CREATE TABLE events (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        case_id     TEXT NOT NULL,
        kind        TEXT NOT NULL,
        version     INTEGER NOT NULL,
        author      TEXT NOT NULL,
        device      TEXT NOT NULL,
        hlc_wall    INTEGER NOT NULL,
        hlc_counter INTEGER NOT NULL,
        payload     TEXT NOT NULL
    );
    CREATE INDEX events_by_case ON events (case_id, hlc_wall, hlc_counter, device, id);

    CREATE TABLE cases (
        id          TEXT PRIMARY KEY,
        human_id    TEXT NOT NULL,
        year        INTEGER NOT NULL,
        number      INTEGER NOT NULL,
        title       TEXT NOT NULL,
        status      TEXT NOT NULL,
        received_at TEXT NOT NULL,
        handler     TEXT,
        updated_at  TEXT NOT NULL,
        last_event  TEXT NOT NULL,
        state       TEXT NOT NULL
    );
    CREATE INDEX cases_by_human_id ON cases (human_id);
    CREATE INDEX cases_by_received ON cases (received_at);

    CREATE TABLE message_ids (
        message_id  TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL
    );

    CREATE TABLE blobs (
        sha256      TEXT PRIMARY KEY,
        data        BLOB NOT NULL
    );

    CREATE TABLE settings (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL
    );

    -- rowid = cases.rowid, so an update replaces one row without a scan.
    CREATE VIRTUAL TABLE case_search USING fts5 (
        title, reporter, messages, notes, other,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
    // 2: indexes the 10,000-case benchmark showed missing (docs/BENCHMARKS.md):
    // the case list reads only this covering index, never the large `state`
    // column; opening finds the latest clock without scanning the log; a new
    // case finds the next number of its year without scanning the cases.
    r#"
    CREATE INDEX cases_list ON cases (received_at DESC, human_id DESC, id, title, status, handler, updated_at);
    CREATE INDEX events_by_clock ON events (hlc_wall, hlc_counter);
    CREATE INDEX cases_by_year_number ON cases (year, number);
    "#,
    // 3: the public identity, where no one can edit it without the keys, to check
    // the plaintext identity.json against at every open. The clock resumes after
    // this device's own events only, so the latest-clock index leads with device
    // and author (replacing, not adding to, an index every insert maintains) and
    // covers the query: open reads no event row, so a damaged page among them is
    // left for `check` to report.
    r#"
    CREATE TABLE vault_identity (
        singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id   TEXT NOT NULL,
        name        TEXT NOT NULL,
        email       TEXT NOT NULL,
        recipient   TEXT NOT NULL,
        signing_key TEXT NOT NULL
    );
    DROP INDEX events_by_clock;
    CREATE INDEX events_by_device_clock ON events (device, author, hlc_wall, hlc_counter);
    "#,
    // 4: a count of the database's changes, bumped in the same transaction as
    // each write, which the vault records outside the database after every
    // commit: an older copy of the database put back has a smaller count.
    r#"
    CREATE TABLE vault_changes (
        singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
        count       INTEGER NOT NULL
    );
    INSERT INTO vault_changes (singleton, count) VALUES (1, 0);
    CREATE TRIGGER count_new_event AFTER INSERT ON events
        BEGIN UPDATE vault_changes SET count = count + 1 WHERE singleton = 1; END;
    CREATE TRIGGER count_new_blob AFTER INSERT ON blobs
        BEGIN UPDATE vault_changes SET count = count + 1 WHERE singleton = 1; END;
    CREATE TRIGGER count_new_setting AFTER INSERT ON settings
        BEGIN UPDATE vault_changes SET count = count + 1 WHERE singleton = 1; END;
    CREATE TRIGGER count_changed_setting AFTER UPDATE ON settings
        BEGIN UPDATE vault_changes SET count = count + 1 WHERE singleton = 1; END;
    "#,
];

/// The schema version this build writes.
pub(crate) const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Bring the schema up to date, or refuse a database from a newer Embargo.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), VaultError> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(VaultError::NewerFormat {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name",
            )
            .expect("query");
        stmt.query_map([], |row| row.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("names")
    }

    #[test]
    fn every_earlier_version_migrates_to_the_same_schema() {
        let mut fresh = Connection::open_in_memory().expect("db");
        migrate(&mut fresh).expect("from empty");
        let target = table_names(&fresh);
        for start in 0..=SCHEMA_VERSION as usize {
            let mut conn = Connection::open_in_memory().expect("db");
            for (index, sql) in MIGRATIONS.iter().enumerate().take(start) {
                conn.execute_batch(sql).expect("old migration");
                conn.pragma_update(None, "user_version", index as u32 + 1)
                    .expect("version");
            }
            migrate(&mut conn).expect("upgrade");
            assert_eq!(table_names(&conn), target, "from version {start}");
            let version: u32 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("version");
            assert_eq!(version, SCHEMA_VERSION);
        }
    }

    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan");
        let rows: Vec<String> = stmt
            .query_map([], |row| row.get(3))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("plan rows");
        rows.join("; ")
    }

    /// The 10,000-case benchmark found the list reading every full case row and
    /// new cases scanning the table (docs/BENCHMARKS.md); pin the plans.
    #[test]
    fn hot_queries_are_served_by_indexes() {
        let mut conn = Connection::open_in_memory().expect("db");
        migrate(&mut conn).expect("migrate");
        let list = plan(&conn, &crate::vault::list_sql());
        assert!(list.contains("USING COVERING INDEX cases_list"), "{list}");
        let next = plan(&conn, "SELECT max(number) FROM cases WHERE year = 2026");
        assert!(next.contains("cases_by_year_number"), "{next}");
        let own_latest = crate::vault::OWN_LATEST_CLOCK_SQL
            .replace("?1", "'device'")
            .replace("?2", "'author'");
        let latest = plan(&conn, &own_latest);
        assert!(
            latest.contains("COVERING INDEX events_by_device_clock"),
            "{latest}"
        );
        assert!(!latest.contains("TEMP B-TREE"), "no sort: {latest}");
    }

    #[test]
    fn a_database_from_a_newer_embargo_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().expect("db");
        migrate(&mut conn).expect("migrate");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump");
        let err = migrate(&mut conn).expect_err("newer must be refused");
        assert!(
            matches!(err, VaultError::NewerFormat { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
            "{err}"
        );
        assert!(
            err.to_string().contains("written by a newer Embargo"),
            "{err}"
        );
    }
}
