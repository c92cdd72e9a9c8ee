//! An event id names one event forever: a different event under a stored id is
//! refused, never silently dropped or stored; teammates' clocks far ahead cannot
//! drag this device's clock; and a device exports only what its user made there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use embargo_domain::{
    AuthorId, CaseField, CaseId, Change, DeviceId, Event, EventContext, EventId, HlcTimestamp,
    HumanId, MAX_CLOCK_LEAD, Reporter,
};
use embargo_vault::{MergeOutcome, Vault, VaultError};
use secrecy::SecretString;
use uuid::Uuid;

fn passphrase() -> SecretString {
    SecretString::from("merge test passphrase")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn create(dir: &Path) -> Vault {
    Vault::create(dir, "Dana", "dana@example.org", &passphrase()).unwrap()
}

fn teammate() -> EventContext {
    EventContext {
        author: AuthorId("b0b".repeat(21) + "b"),
        device: DeviceId::random(),
    }
}

fn opened(number: u32) -> Change {
    Change::CaseOpened {
        human_id: HumanId { year: 2026, number },
        title: format!("Case {number}"),
        reporter: Reporter::default(),
        received_at: now(),
        channel: "e-mail".into(),
    }
}

fn titled(title: &str) -> Change {
    Change::FieldSet {
        field: CaseField::Title(title.into()),
    }
}

fn stamp(wall_ms: i64, counter: u32) -> HlcTimestamp {
    HlcTimestamp { wall_ms, counter }
}

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// Events as written before content ids: any UUID, chosen by the writer.
fn legacy(mut event: Event) -> Event {
    event.id = EventId(Uuid::new_v4());
    event
}

#[test]
fn a_local_write_under_an_id_that_names_another_event_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create(&dir.path().join("v"));
    let me = vault.event_context();
    let case_id = CaseId::random();
    let open = legacy(me.event(case_id, stamp(ms(now()), 0), opened(1)));
    let rename = legacy(me.event(case_id, stamp(ms(now()) + 1, 0), titled("First title")));
    vault.append(&[open.clone(), rename.clone()], &[]).unwrap();
    let before = vault.events(case_id).unwrap();

    let mut squatter = me.event(case_id, stamp(ms(now()) + 2, 0), titled("Other title"));
    squatter.id = rename.id;
    let innocent = me.event(case_id, stamp(ms(now()) + 3, 0), titled("Never stored"));
    let err = vault
        .append(&[innocent.clone(), squatter], &[])
        .expect_err("a second meaning for a stored id");
    assert!(
        matches!(err, VaultError::EventIdConflict { id } if id == rename.id),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(
        vault.events(case_id).unwrap(),
        before,
        "the whole call wrote nothing"
    );
    assert_eq!(
        vault.case(case_id).unwrap().unwrap().title,
        "First title",
        "the projection did not move either"
    );

    // The very same events again are not a conflict: appending stays idempotent.
    vault.append(&[open, rename], &[]).unwrap();
    assert_eq!(vault.events(case_id).unwrap(), before);
    assert!(vault.check().unwrap().is_healthy());
}

#[test]
fn merge_stores_new_events_skips_known_ones_and_refuses_other_content_under_a_known_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create(&dir.path().join("v"));
    let bob = teammate();
    let case_id = CaseId::random();
    let t = ms(now());
    let open = legacy(bob.event(case_id, stamp(t, 0), opened(1)));
    let rename = legacy(bob.event(case_id, stamp(t + 10, 0), titled("Bob's title")));
    let outcome = vault
        .merge(vec![open.clone(), rename.clone()], &[], now())
        .unwrap();
    assert_eq!(
        outcome,
        MergeOutcome {
            inserted: 2,
            refused: vec![]
        }
    );

    // Another device claims Bob's rename id for its own content.
    let mut hijack = legacy(teammate().event(case_id, stamp(t + 20, 0), titled("Hijacked")));
    hijack.id = rename.id;
    // Two new events share one id within the batch: the first one wins.
    let first = legacy(bob.event(case_id, stamp(t + 30, 0), titled("Batch first")));
    let mut second = bob.event(case_id, stamp(t + 40, 0), titled("Batch second"));
    second.id = first.id;
    let fresh = bob.event(case_id, stamp(t + 5, 0), titled("Sorts before the rename"));
    let outcome = vault
        .merge(
            vec![
                open.clone(),
                hijack.clone(),
                first.clone(),
                second,
                fresh.clone(),
            ],
            &[],
            now(),
        )
        .unwrap();
    assert_eq!(outcome.inserted, 2, "{outcome:?}");
    let refused: Vec<EventId> = outcome.refused.iter().map(|(id, _)| *id).collect();
    assert_eq!(refused, vec![rename.id, first.id]);
    let (_, reason) = &outcome.refused[0];
    assert!(
        reason.contains("already names another event") && reason.contains("device"),
        "{reason}"
    );
    let (_, reason) = &outcome.refused[1];
    assert!(
        reason.contains("clock") && reason.contains("change"),
        "{reason}"
    );

    let events = vault.events(case_id).unwrap();
    assert_eq!(events.len(), 4, "open, rename, batch first, fresh");
    assert!(events.contains(&rename) && events.contains(&first) && events.contains(&fresh));
    assert_eq!(vault.case(case_id).unwrap().unwrap().title, "Batch first");
    let report = vault.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
}

#[test]
fn a_merge_in_steps_commits_only_when_finished_and_judges_ids_across_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create(&dir.path().join("v"));
    let bob = teammate();
    let case_id = CaseId::random();
    let t = ms(now());
    let open = bob.event(case_id, stamp(t, 0), opened(1));
    let rename = bob.event(case_id, stamp(t + 10, 0), titled("Bob's title"));

    // Stopped before finishing (a sync pass told to stop): nothing stays.
    let mut merge = vault.begin_merge(now()).unwrap();
    merge.add(vec![open.clone()]).unwrap();
    merge.add(vec![rename.clone()]).unwrap();
    drop(merge);
    assert!(vault.events(case_id).unwrap().is_empty());
    assert!(vault.case(case_id).unwrap().is_none());
    assert!(vault.list().unwrap().is_empty());

    // Finished: the steps count as one merge, an id taken in an earlier step
    // included.
    let mut hijack = legacy(teammate().event(case_id, stamp(t + 20, 0), titled("Hijacked")));
    hijack.id = rename.id;
    let mut merge = vault.begin_merge(now()).unwrap();
    merge.add(vec![rename.clone()]).unwrap();
    merge.add(vec![open.clone(), hijack]).unwrap();
    let outcome = merge.finish().unwrap();
    assert_eq!(outcome.inserted, 2, "{outcome:?}");
    assert_eq!(
        outcome
            .refused
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>(),
        vec![rename.id]
    );
    assert_eq!(vault.events(case_id).unwrap(), vec![open, rename]);
    assert_eq!(vault.case(case_id).unwrap().unwrap().title, "Bob's title");
    let report = vault.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
}

#[test]
fn merge_refuses_a_content_id_that_its_content_does_not_derive() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create(&dir.path().join("v"));
    let bob = teammate();
    let case_id = CaseId::random();
    let open = bob.event(case_id, stamp(ms(now()), 0), opened(1));
    // Bob's next event, named before anyone has it; someone else races it in
    // under its id with their own content.
    let rightful = bob.event(case_id, stamp(ms(now()) + 1, 0), titled("Bob's"));
    let mut squat = bob.event(case_id, stamp(ms(now()) + 1, 0), titled("Squatter's"));
    squat.id = rightful.id;
    let outcome = vault.merge(vec![open, squat], &[], now()).unwrap();
    assert_eq!(outcome.inserted, 1);
    assert_eq!(outcome.refused.len(), 1);
    assert!(
        outcome.refused[0].1.contains("derived from its content"),
        "{:?}",
        outcome.refused
    );
    let outcome = vault.merge(vec![rightful.clone()], &[], now()).unwrap();
    assert_eq!(outcome.inserted, 1, "the id was still free for its content");
    assert_eq!(vault.case(case_id).unwrap().unwrap().title, "Bob's");
}

/// Stamps must be distinct, increasing, and keep their wall time within the lead
/// of the (injected) wall clock.
fn assert_sane(stamps: &[HlcTimestamp], now: DateTime<Utc>, after: HlcTimestamp) {
    let lead = MAX_CLOCK_LEAD.num_milliseconds();
    let mut previous = after;
    for stamp in stamps {
        assert!(*stamp > previous, "{previous} then {stamp}");
        assert!(
            stamp.wall_ms <= ms(now) + lead,
            "{stamp} is more than a minute past {now}"
        );
        previous = *stamp;
    }
}

/// A thousand local edits at `now`, stored in a few transactions.
fn edit(vault: &mut Vault, case_id: CaseId, now: DateTime<Utc>) -> Vec<HlcTimestamp> {
    let me = vault.event_context();
    let mut stamps = Vec::new();
    for chunk in 0..10 {
        let batch: Vec<Event> = (0..100)
            .map(|n| {
                let at = vault.next_timestamp(now);
                stamps.push(at);
                me.event(case_id, at, titled(&format!("edit {chunk}-{n}")))
            })
            .collect();
        vault.append(&batch, &[]).unwrap();
    }
    stamps
}

#[test]
fn a_teammate_clock_a_day_ahead_cannot_drag_local_stamps_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let mut vault = create(&path);
    let bob = teammate();
    let case_id = CaseId::random();
    let ahead = bob.event(
        case_id,
        stamp(ms(now() + Duration::hours(23)), u32::MAX),
        opened(1),
    );
    assert_eq!(
        vault.merge(vec![ahead], &[], now()).unwrap().inserted,
        1,
        "the event itself is kept; only its pull on our clock is bounded"
    );

    let first = edit(&mut vault, case_id, now());
    assert_sane(&first, now(), HlcTimestamp::default());

    drop(vault);
    let mut vault = Vault::open(&path, &passphrase()).unwrap();
    let later = now() + Duration::seconds(10);
    let second = edit(&mut vault, case_id, later);
    assert_sane(&second, later, *first.last().unwrap());
    assert_eq!(vault.events(case_id).unwrap().len(), 2_001);
}

#[test]
fn a_foreign_event_appended_instead_of_merged_pulls_the_clock_no_further() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create(&dir.path().join("v"));
    let case_id = CaseId::random();
    let mine = vault.next_timestamp(now());
    let me = vault.event_context();
    vault
        .append(&[me.event(case_id, mine, opened(1))], &[])
        .unwrap();
    let ahead = teammate().event(
        case_id,
        stamp(ms(now() + Duration::hours(23)), u32::MAX),
        titled("From the future"),
    );
    vault.append(&[ahead], &[]).unwrap();
    let next = vault.next_timestamp(now());
    assert_sane(&[next], now(), mine);
}

#[test]
fn only_events_this_user_made_on_this_device_are_exported_or_resume_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let mut vault = create(&path);
    let me = vault.event_context();
    let case_id = CaseId::random();
    let mine = me.event(case_id, vault.next_timestamp(now()), opened(1));
    vault.append(std::slice::from_ref(&mine), &[]).unwrap();
    // A teammate's event that carries this device's id, and a clock a day ahead.
    let squatting = EventContext {
        author: teammate().author,
        device: me.device,
    }
    .event(
        case_id,
        stamp(ms(now() + Duration::hours(23)), 0),
        titled("Not mine"),
    );
    assert_eq!(
        vault
            .merge(vec![squatting.clone()], &[], now())
            .unwrap()
            .inserted,
        1
    );
    let exported = |vault: &Vault| -> Vec<Event> {
        vault
            .own_events_after(0)
            .unwrap()
            .into_iter()
            .map(|(_, event)| event)
            .collect()
    };
    assert_eq!(exported(&vault), vec![mine.clone()]);

    drop(vault);
    let mut vault = Vault::open(&path, &passphrase()).unwrap();
    assert_eq!(exported(&vault), vec![mine.clone()]);
    let next = vault.next_timestamp(now());
    assert_sane(&[next], now(), mine.at);
}
