//! The case tables as a projection of the event log: written in the same
//! transaction as the events, and rebuildable from them at any time.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use embargo_domain::{AuthorId, Case, CaseId, DeviceId, Event, EventId, HlcTimestamp};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::VaultError;

/// One row of the case list: cheap to read for thousands of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseSummary {
    /// `EMB-YYYY-NNNN`.
    pub id: String,
    /// Internal id.
    pub case_id: CaseId,
    /// Short title.
    pub title: String,
    /// Status name.
    pub status: String,
    /// When the report arrived (RFC 3339, UTC).
    pub received_at: String,
    /// Primary handler.
    pub handler: Option<String>,
    /// When the case last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// One line of a case's history, straight from the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimelineEntry {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who (signing key id).
    pub author: AuthorId,
    /// From which device.
    pub device: DeviceId,
    /// The kind of change.
    pub kind: String,
    /// What happened, in words.
    pub summary: String,
}

/// A sortable text form of an event's position in the fold order.
fn order_text(event: &Event) -> String {
    let (at, device, id) = event.order_key();
    format!("{:020}.{:010}.{device}.{id}", at.wall_ms, at.counter)
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "human_id, id, title, status, received_at, handler, updated_at";

pub(crate) fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CaseSummary> {
    let case_id: String = row.get(1)?;
    Ok(CaseSummary {
        id: row.get(0)?,
        case_id: case_id.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        title: row.get(2)?,
        status: row.get(3)?,
        received_at: row.get(4)?,
        handler: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

/// What [`append`] did with a batch.
#[derive(Debug, Default)]
pub(crate) struct Appended<'e> {
    /// Events new to the log, in batch order.
    pub inserted: Vec<&'e Event>,
    /// Events refused because their id already names other content (or, for a
    /// content-derived id, is not the id of their content), with the reason.
    pub refused: Vec<(EventId, String)>,
}

/// Append events to the log and bring the projection up to date. An event whose
/// id is already stored is compared with the stored one: the same event is
/// skipped (so appending is idempotent), a different one is refused and reported.
/// Within a batch the first event under an id is the one stored.
pub(crate) fn append<'e>(
    tx: &Transaction<'_>,
    events: &'e [Event],
) -> Result<Appended<'e>, VaultError> {
    let stored = insert(tx, events)?;
    let inserted: Vec<&Event> = stored.positions.iter().map(|&i| &events[i]).collect();
    project(tx, &inserted)?;
    Ok(Appended {
        inserted,
        refused: stored.refused,
    })
}

/// What [`insert`] did with a batch.
#[derive(Debug, Default)]
pub(crate) struct Stored {
    /// Positions in the batch of the events new to the log, in order.
    pub positions: Vec<usize>,
    /// Events refused, with the reason (see [`Appended::refused`]).
    pub refused: Vec<(EventId, String)>,
}

/// Store events in the log, as [`append`] does, without projecting them: the
/// caller calls [`project`] with the new ones before committing.
pub(crate) fn insert(tx: &Transaction<'_>, events: &[Event]) -> Result<Stored, VaultError> {
    let mut stored = Stored::default();
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (id, case_id, kind, version, author, device, hlc_wall, hlc_counter, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO NOTHING",
    )?;
    for (position, event) in events.iter().enumerate() {
        // Checked before storing, so a forged id can never squat the id its
        // rightful content will arrive under.
        if event.id.is_content_derived() && !event.has_content_id() {
            stored.refused.push((
                event.id,
                format!(
                    "its id claims to be derived from its content, but that content derives {}",
                    event.content_id()
                ),
            ));
            continue;
        }
        let payload = serde_json::to_string(&event.change)
            .map_err(|e| VaultError::io("encoding an event")(e.into()))?;
        let inserted = insert.execute(params![
            event.id.to_string(),
            event.case_id.to_string(),
            event.change.kind(),
            event.version,
            event.author.0,
            event.device.to_string(),
            event.at.wall_ms,
            event.at.counter,
            payload,
        ])?;
        if inserted == 1 {
            stored.positions.push(position);
        } else if let Some(reason) = differs_from_stored(tx, event, &payload)? {
            stored.refused.push((event.id, reason));
        }
    }
    Ok(stored)
}

/// Bring the projection up to date with events just stored in the log (in this
/// transaction): each case they touch is folded and written once.
pub(crate) fn project(tx: &Transaction<'_>, inserted: &[&Event]) -> Result<(), VaultError> {
    let mut touched: BTreeMap<CaseId, Vec<&Event>> = BTreeMap::new();
    for event in inserted.iter().filter(|e| !e.case_id.is_team()) {
        touched.entry(event.case_id).or_default().push(event);
    }
    for (case_id, new_events) in touched {
        let stored = load_case_with_order(tx, case_id)?;
        let in_order = match &stored {
            Some((_, last)) => new_events.iter().all(|e| order_text(e) > *last),
            None => false,
        };
        let (case, last) = if in_order {
            let (mut case, _) = stored.expect("in_order implies a stored case");
            let mut sorted = new_events;
            sorted.sort_by_key(|e| e.order_key());
            for event in &sorted {
                case.apply(event);
            }
            // Everything new sorts after what was folded: the newest is the last.
            let last = sorted.last().map(|e| order_text(e)).unwrap_or_default();
            (Some(case), last)
        } else if stored.is_none() && logged_events(tx, case_id)? == new_events.len() {
            // A case first seen in this batch (a sync pass brings whole cases): its
            // log is exactly these events, so fold them without reading them back.
            let mut sorted = new_events;
            sorted.sort_by_key(|e| e.order_key());
            let last = sorted.last().map(|e| order_text(e)).unwrap_or_default();
            (Case::fold(sorted), last)
        } else {
            // An event that sorts before what is already folded (or a case whose
            // opening arrives after other events): fold the whole case from its log.
            let events = events_of(tx, case_id)?;
            let last = events.last().map(order_text).unwrap_or_default();
            (Case::fold(&events), last)
        };
        if let Some(case) = case {
            write_case(tx, &case, &last)?;
        }
    }
    Ok(())
}

/// Why `event` is not the event already stored under its id, in words, or `None`
/// when it is the same event.
fn differs_from_stored(
    tx: &Transaction<'_>,
    event: &Event,
    payload: &str,
) -> Result<Option<String>, VaultError> {
    let (case_id, author, device, wall_ms, counter, version, stored_payload): (
        String,
        String,
        String,
        i64,
        u32,
        u16,
        String,
    ) = tx
        .prepare_cached(
            "SELECT case_id, author, device, hlc_wall, hlc_counter, version, payload
             FROM events WHERE id = ?1",
        )?
        .query_row([event.id.to_string()], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
            ))
        })?;
    let mut differences = Vec::new();
    if case_id != event.case_id.to_string() {
        differences.push("case");
    }
    if author != event.author.0 {
        differences.push("author");
    }
    if device != event.device.to_string() {
        differences.push("device");
    }
    if (wall_ms, counter) != (event.at.wall_ms, event.at.counter) {
        differences.push("clock");
    }
    if version != event.version {
        differences.push("format version");
    }
    // An older build may have spelled the same change differently; only a
    // different meaning counts.
    if stored_payload != payload
        && serde_json::from_str::<embargo_domain::Change>(&stored_payload)
            .ok()
            .as_ref()
            != Some(&event.change)
    {
        differences.push("change");
    }
    Ok((!differences.is_empty()).then(|| {
        format!(
            "its id already names another event in this vault (they differ in {})",
            differences.join(", ")
        )
    }))
}

fn logged_events(conn: &Connection, case_id: CaseId) -> Result<usize, VaultError> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM events WHERE case_id = ?1",
        [case_id.to_string()],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

fn load_case_with_order(
    conn: &Connection,
    case_id: CaseId,
) -> Result<Option<(Case, String)>, VaultError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT state, last_event FROM cases WHERE id = ?1",
            [case_id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(state, last)| Ok((decode_case(&state)?, last)))
        .transpose()
}

pub(crate) fn decode_case(state: &str) -> Result<Case, VaultError> {
    serde_json::from_str(state).map_err(|e| VaultError::DamagedDatabase {
        path: "vault.db".into(),
        reason: format!("unreadable case state: {e}"),
    })
}

/// Every event of one case, in fold order.
pub(crate) fn events_of(conn: &Connection, case_id: CaseId) -> Result<Vec<Event>, VaultError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, author, device, hlc_wall, hlc_counter, version, payload FROM events
         WHERE case_id = ?1 ORDER BY hlc_wall, hlc_counter, device, id",
    )?;
    let rows = stmt.query_map([case_id.to_string()], event_from_row)?;
    rows.map(|row| row?).collect()
}

/// Every event in the vault, in fold order.
pub(crate) fn all_events(conn: &Connection) -> Result<Vec<Event>, VaultError> {
    let mut stmt = conn.prepare(
        "SELECT id, case_id, author, device, hlc_wall, hlc_counter, version, payload FROM events
         ORDER BY hlc_wall, hlc_counter, device, id",
    )?;
    let rows = stmt.query_map([], event_from_row)?;
    rows.map(|row| row?).collect()
}

pub(crate) fn event_from_row(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<Result<Event, VaultError>> {
    let id: String = row.get(0)?;
    let case_id: String = row.get(1)?;
    let author: String = row.get(2)?;
    let device: String = row.get(3)?;
    let wall_ms: i64 = row.get(4)?;
    let counter: u32 = row.get(5)?;
    let version: u16 = row.get(6)?;
    let payload: String = row.get(7)?;
    let damaged = |what: &str| VaultError::DamagedDatabase {
        path: "vault.db".into(),
        reason: format!("unreadable event {id}: {what}"),
    };
    Ok((|| {
        Ok(Event {
            id: id.parse().map_err(|_| damaged("id"))?,
            case_id: case_id.parse().map_err(|_| damaged("case id"))?,
            author: AuthorId(author),
            device: device.parse().map_err(|_| damaged("device"))?,
            at: HlcTimestamp { wall_ms, counter },
            version,
            change: serde_json::from_str(&payload).map_err(|e| damaged(&e.to_string()))?,
        })
    })())
}

/// Write one folded case into the projection tables (case row, search, threading).
pub(crate) fn write_case(
    tx: &Transaction<'_>,
    case: &Case,
    last_event: &str,
) -> Result<(), VaultError> {
    let state =
        serde_json::to_string(case).map_err(|e| VaultError::io("encoding a case")(e.into()))?;
    tx.prepare_cached(
        "INSERT INTO cases (id, human_id, year, number, title, status, received_at, handler, updated_at, last_event, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET human_id = ?2, year = ?3, number = ?4, title = ?5, status = ?6,
             received_at = ?7, handler = ?8, updated_at = ?9, last_event = ?10, state = ?11",
    )?
    .execute(params![
        case.id.to_string(),
        case.human_id.to_string(),
        case.human_id.year,
        case.human_id.number,
        case.title,
        case.status.as_str(),
        rfc3339(case.received_at),
        case.handler,
        rfc3339(case.updated_at),
        last_event,
        state,
    ])?;
    let rowid: i64 = tx.query_row(
        "SELECT rowid FROM cases WHERE id = ?1",
        [case.id.to_string()],
        |r| r.get(0),
    )?;
    crate::search::index_case(tx, rowid, case)?;
    let mut thread = tx.prepare_cached(
        "INSERT OR IGNORE INTO message_ids (message_id, case_id) VALUES (?1, ?2)",
    )?;
    for message_id in case.messages.iter().filter_map(|m| m.message_id.as_deref()) {
        thread.execute(params![message_id, case.id.to_string()])?;
    }
    Ok(())
}

/// Timestamps in the projection are stored in one fixed format so they sort as text.
pub(crate) fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Drop the projection and fold it again from the log.
pub(crate) fn rebuild(tx: &Transaction<'_>) -> Result<usize, VaultError> {
    tx.execute_batch("DELETE FROM cases; DELETE FROM case_search; DELETE FROM message_ids;")?;
    let folded = fold_all(tx)?;
    for (case, last) in &folded {
        write_case(tx, case, last)?;
    }
    Ok(folded.len())
}

/// Fold every case from the log, with the order key of its last event.
pub(crate) fn fold_all(conn: &Connection) -> Result<Vec<(Case, String)>, VaultError> {
    let mut by_case: BTreeMap<CaseId, Vec<Event>> = BTreeMap::new();
    for event in all_events(conn)?
        .into_iter()
        .filter(|e| !e.case_id.is_team())
    {
        by_case.entry(event.case_id).or_default().push(event);
    }
    Ok(by_case
        .into_values()
        .filter_map(|events| {
            let last = events.last().map(order_text).unwrap_or_default();
            Case::fold(&events).map(|case| (case, last))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use embargo_domain::{Change, HumanId, Reporter};
    use secrecy::SecretString;

    use crate::Vault;

    /// The log keeps whatever spelling the build that stored an event used; the
    /// same event arriving again in today's spelling is still the same event.
    #[test]
    fn a_stored_event_spelled_differently_is_still_the_same_event() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::create(
            &dir.path().join("v"),
            "Dana",
            "dana@example.org",
            &SecretString::from("projection unit test"),
        )
        .unwrap();
        let received = chrono::DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
            .unwrap()
            .to_utc();
        let event = vault.event_context().event(
            embargo_domain::CaseId::random(),
            vault.next_timestamp(received),
            Change::CaseOpened {
                human_id: HumanId {
                    year: 2026,
                    number: 1,
                },
                title: "Spelling".into(),
                reporter: Reporter::default(),
                received_at: received,
                channel: "e-mail".into(),
            },
        );
        vault.append(std::slice::from_ref(&event), &[]).unwrap();
        // Keys in another order, other whitespace, an escaped character: the
        // same change in an older encoder's words.
        let older = r#"{ "channel": "e-mail", "received_at": "2026-11-24T12:00:00Z", "kind": "case_opened",
            "title": "Spellin\u0067", "reporter": {"name": null, "email": null, "credit": null},
            "human_id": "EMB-2026-0001" }"#;
        let changed = vault
            .conn
            .execute(
                "UPDATE events SET payload = ?1 WHERE id = ?2",
                [older, &event.id.to_string()],
            )
            .unwrap();
        assert_eq!(changed, 1);

        vault.append(std::slice::from_ref(&event), &[]).unwrap();
        let outcome = vault.merge(vec![event], &[], received).unwrap();
        assert_eq!(outcome.inserted, 0);
        assert!(outcome.refused.is_empty(), "{:?}", outcome.refused);
    }
}
