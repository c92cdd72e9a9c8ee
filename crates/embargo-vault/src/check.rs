use std::collections::HashSet;

use rusqlite::Connection;
use serde::Serialize;

use crate::VaultError;
use crate::attachments::missing;
use crate::projection::{decode_case, fold_all};

/// What `embargo check` found. `problems` is empty when the vault is healthy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Events in the log.
    pub events: usize,
    /// Cases in the projection.
    pub cases: usize,
    /// Stored attachments.
    pub attachments: usize,
    /// Teammates' attachments whose bytes have not arrived from the team folder
    /// yet: a normal state while the file-sync tool delivers them, not a problem.
    pub awaiting_attachments: usize,
    /// Each problem in words.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Run every check; a damaged page found along the way becomes a problem in the
/// report (exit 6 in the CLI) rather than an error, so the user sees what is wrong.
pub(crate) fn run(conn: &Connection, own_device: &str) -> Result<CheckReport, VaultError> {
    let mut report = CheckReport::default();
    match run_checks(conn, own_device, &mut report) {
        Ok(()) => Ok(report),
        Err(VaultError::Database(e)) if is_damage(&e) => {
            report
                .problems
                .push(format!("the database is damaged: {e}"));
            Ok(report)
        }
        Err(e) => Err(e),
    }
}

fn is_damage(e: &rusqlite::Error) -> bool {
    use rusqlite::ffi::ErrorCode;
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

fn run_checks(
    conn: &Connection,
    own_device: &str,
    report: &mut CheckReport,
) -> Result<(), VaultError> {
    // SQLCipher verifies every page's HMAC; any row returned is a damaged page.
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let cipher_errors: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    report.problems.extend(
        cipher_errors
            .into_iter()
            .map(|e| format!("encryption check: {e}")),
    );
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if integrity != ["ok"] {
        report.problems.extend(
            integrity
                .into_iter()
                .map(|e| format!("integrity check: {e}")),
        );
    }
    report.events = count(conn, "events")?;
    report.attachments = count(conn, "blobs")?;
    // An attachment added on this device is stored in the same transaction as its
    // event, so its absence is damage; a teammate's may simply not have arrived.
    let own_missing: HashSet<String> = missing(conn, Some(own_device))?.into_iter().collect();
    report.awaiting_attachments = missing(conn, None)?
        .iter()
        .filter(|sha256| !own_missing.contains(*sha256))
        .count();

    let folded = fold_all(conn)?;
    let mut stored = conn.prepare("SELECT id, state, last_event FROM cases ORDER BY id")?;
    let stored: Vec<(String, String, String)> = stored
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    report.cases = stored.len();
    if stored.len() != folded.len() {
        report.problems.push(format!(
            "projection holds {} cases but the event log folds to {}",
            stored.len(),
            folded.len()
        ));
    }
    for (case, last) in &folded {
        match stored.iter().find(|(id, _, _)| *id == case.id.to_string()) {
            None => report.problems.push(format!(
                "{} is in the event log but not in the projection",
                case.human_id
            )),
            Some((_, state, stored_last)) => {
                if decode_case(state)? != *case || stored_last != last {
                    report.problems.push(format!(
                        "{} differs from a rebuild from its events",
                        case.human_id
                    ));
                }
            }
        }
        for attachment in &case.attachments {
            if own_missing.contains(&attachment.sha256) {
                report.problems.push(format!(
                    "{}: attachment {} has no stored content",
                    case.human_id, attachment.name
                ));
            }
        }
    }
    let search_rows = count(conn, "case_search")?;
    if search_rows != report.cases {
        report.problems.push(format!(
            "search index holds {search_rows} cases, projection {}",
            report.cases
        ));
    }
    let mut ids =
        conn.prepare("SELECT human_id, count(*) FROM cases GROUP BY human_id HAVING count(*) > 1")?;
    let duplicates: Vec<String> = ids
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    report.problems.extend(
        duplicates
            .into_iter()
            .map(|id| format!("two cases share the id {id}")),
    );
    Ok(())
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<usize> {
    let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(usize::try_from(rows).unwrap_or_default())
}
