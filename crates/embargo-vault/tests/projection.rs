//! The case tables are a projection of the event log: whatever order events
//! arrive in, the incremental state equals a rebuild from the log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use embargo_domain::{
    Affected, CaseField, CaseId, Change, DeviceId, Event, EventContext, FixState, HlcTimestamp,
    HumanId, ReleaseLine, Reporter, Status,
};
use embargo_vault::Vault;
use secrecy::SecretString;

fn passphrase() -> SecretString {
    SecretString::from("projection test passphrase")
}

fn at(wall_ms: i64, counter: u32) -> HlcTimestamp {
    HlcTimestamp { wall_ms, counter }
}

fn opened(number: u32) -> Change {
    Change::CaseOpened {
        human_id: HumanId { year: 2026, number },
        title: format!("Case {number}"),
        reporter: Reporter {
            name: Some("Zoë Ångström".into()),
            email: Some("zoe@example.org".into()),
            credit: None,
        },
        received_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
        channel: "e-mail".into(),
    }
}

/// A varied history for one case, with timestamps from `base`.
fn history(context: &EventContext, case_id: CaseId, number: u32, base: i64) -> Vec<Event> {
    let changes = vec![
        opened(number),
        Change::StatusMoved {
            from: Status::Received,
            to: Status::Acknowledged,
        },
        Change::FieldSet {
            field: CaseField::Handler(Some("Dana".into())),
        },
        Change::NoteAdded {
            note_id: uuid::Uuid::new_v4(),
            text: format!("note for {number}"),
        },
        Change::ReleaseLineSet {
            release_line: ReleaseLine {
                line: "20.x".into(),
                affected: Affected::Affected,
                fixed_version: None,
                fix_state: FixState::PrivateBranch,
            },
        },
        Change::FieldSet {
            field: CaseField::Title(format!("Renamed case {number}")),
        },
    ];
    changes
        .into_iter()
        .enumerate()
        .map(|(i, change)| context.event(case_id, at(base + i as i64 * 1000, 0), change))
        .collect()
}

#[test]
fn incremental_projection_equals_a_rebuild_even_when_events_arrive_out_of_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("v"),
        "Dana",
        "dana@example.org",
        &passphrase(),
    )
    .unwrap();
    let local = vault.event_context();
    let remote = EventContext {
        author: local.author.clone(),
        device: DeviceId::random(),
    };

    let first = CaseId::random();
    let second = CaseId::random();
    let events_a = history(&local, first, 1, 1_000_000);
    let events_b = history(&remote, second, 2, 2_000_000);
    // Case 1 in order, one event at a time; case 2 newest first, as a late sync would deliver.
    for event in &events_a {
        vault.append(std::slice::from_ref(event), &[]).unwrap();
    }
    for event in events_b.iter().rev() {
        vault.append(std::slice::from_ref(event), &[]).unwrap();
    }
    // A remote edit that sorts *before* the local rename: the local rename must still win.
    let early_rename = remote.event(
        first,
        at(1_000_000 + 4_500, 0),
        Change::FieldSet {
            field: CaseField::Title("Remote title".into()),
        },
    );
    vault.append(&[early_rename], &[]).unwrap();

    let incremental = vault.cases().unwrap();
    assert_eq!(incremental.len(), 2);
    let case_one = incremental.iter().find(|c| c.id == first).unwrap();
    assert_eq!(
        case_one.title, "Renamed case 1",
        "the later rename wins by clock order"
    );
    assert_eq!(case_one.status, Status::Acknowledged);
    let case_two = incremental.iter().find(|c| c.id == second).unwrap();
    assert_eq!(
        case_two.title, "Renamed case 2",
        "reverse delivery folds to the same state"
    );

    let report = vault.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
    assert_eq!(report.events, 13);

    assert_eq!(vault.rebuild_projection().unwrap(), 2);
    assert_eq!(
        vault.cases().unwrap(),
        incremental,
        "rebuild equals the incremental projection"
    );
    assert!(vault.check().unwrap().is_healthy());
}

#[test]
fn appending_the_same_events_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("v"),
        "Dana",
        "dana@example.org",
        &passphrase(),
    )
    .unwrap();
    let context = vault.event_context();
    let events = history(&context, CaseId::random(), 7, 5_000_000);
    vault.append(&events, &[]).unwrap();
    let before = vault.cases().unwrap();
    vault.append(&events, &[]).unwrap();
    assert_eq!(vault.cases().unwrap(), before);
    assert_eq!(vault.check().unwrap().events, events.len());
}

#[test]
fn search_folds_accents_and_case_and_ranks_title_hits_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("v"),
        "Dana",
        "dana@example.org",
        &passphrase(),
    )
    .unwrap();
    let context = vault.event_context();
    let title_hit = CaseId::random();
    let note_hit = CaseId::random();
    vault
        .append(
            &[
                context.event(title_hit, at(1, 0), opened(1)),
                context.event(
                    title_hit,
                    at(2, 0),
                    Change::FieldSet {
                        field: CaseField::Title("Heap overflow in décodeur".into()),
                    },
                ),
                context.event(note_hit, at(3, 0), opened(2)),
                context.event(
                    note_hit,
                    at(4, 0),
                    Change::NoteAdded {
                        note_id: uuid::Uuid::new_v4(),
                        text: "maybe a heap overflow".into(),
                    },
                ),
            ],
            &[],
        )
        .unwrap();
    let hits = vault.search("HEAP DECODEUR", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.case_id).collect::<Vec<_>>(),
        vec![title_hit]
    );
    let hits = vault.search("heap overflow", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.case_id).collect::<Vec<_>>(),
        vec![title_hit, note_hit]
    );
    assert_eq!(
        vault.search("zoe angstrom", 10).unwrap().len(),
        2,
        "reporter names, accents folded"
    );
    assert!(
        vault.search("\"(NEAR*", 10).unwrap().is_empty(),
        "FTS syntax in a query is just text"
    );
}

#[test]
fn a_case_first_seen_in_one_shuffled_batch_folds_like_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("v"),
        "Dana",
        "dana@example.org",
        &passphrase(),
    )
    .unwrap();
    let remote = EventContext {
        author: vault.event_context().author,
        device: DeviceId::random(),
    };
    let case_id = CaseId::random();
    // A sync pass delivers a whole case at once, not in clock order; the rename
    // (later by clock) must win although it comes first in the batch.
    let mut batch = history(&remote, case_id, 3, 3_000_000);
    batch.reverse();
    batch.swap(1, 3);
    vault.append(&batch, &[]).unwrap();
    let incremental = vault.cases().unwrap();
    assert_eq!(incremental[0].title, "Renamed case 3");
    assert_eq!(incremental[0].status, Status::Acknowledged);

    // A later batch for the now-known case mixes new events with one already in.
    let late_note = remote.event(
        case_id,
        at(3_000_000 + 60_000, 0),
        Change::NoteAdded {
            note_id: uuid::Uuid::new_v4(),
            text: "arrived with the next pass".into(),
        },
    );
    vault.append(&[batch[0].clone(), late_note], &[]).unwrap();
    let incremental = vault.cases().unwrap();
    let notes: Vec<&str> = incremental[0]
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.contains(&"arrived with the next pass"));

    assert_eq!(vault.rebuild_projection().unwrap(), 1);
    assert_eq!(vault.cases().unwrap(), incremental);
    assert!(vault.check().unwrap().is_healthy());
}
