//! A team that grows and shrinks after data exists: members added later read the
//! history (or only what comes next, when the admin says so); removed members read
//! nothing new and their later files count nowhere; re-added members end with
//! identical replicas whatever order everyone synced in.

#![allow(clippy::unwrap_used)]

use embargo_sync::team::History;

use crate::common::*;

#[test]
fn a_member_added_a_week_later_reads_everything_written_before() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    ann.create_team(folder.path());
    let early = ann.open_case("written while Ann was alone");
    ann.set_title(early, "renamed while alone");
    ann.sync();
    ann.sync();

    let mut bob = Person::new("Bob");
    ann.add(&bob, History::Full);
    let later = ann.open_case("written after Bob joined");
    ann.sync();
    bob.join(folder.path(), &ann);
    let report = bob.sync();

    assert_eq!(report.imported_events, 3);
    assert_eq!(bob.title(early).as_deref(), Some("renamed while alone"));
    assert_eq!(
        bob.title(later).as_deref(),
        Some("written after Bob joined")
    );
    let status = bob.status();
    assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
    assert!(status.waiting.is_empty(), "{:?}", status.waiting);
    assert_eq!(status.generations_held, vec![1]);
}

#[test]
fn a_member_whose_envelope_has_not_arrived_waits_and_then_reads() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    ann.create_team(folder.path());
    let case = ann.open_case("before Bob");
    ann.sync();
    let mut bob = Person::new("Bob");
    ann.add(&bob, History::Full);
    bob.join(folder.path(), &ann);

    // The file-sync tool has not delivered Bob's envelope yet.
    let keys = folder.path().join("v2/keys");
    let parked = folder.path().join("parked-keys");
    std::fs::rename(&keys, &parked).unwrap();
    let report = bob.sync();
    assert_eq!(report.imported_events, 0);
    let waiting = reasons(&bob.status(), "v2/devices");
    assert!(
        waiting
            .iter()
            .any(|r| r.contains("waiting for an envelope")),
        "{waiting:?}"
    );
    assert_eq!(bob.title(case), None);

    std::fs::rename(&parked, &keys).unwrap();
    bob.sync();
    assert_eq!(bob.title(case).as_deref(), Some("before Bob"));
    assert!(bob.status().waiting.is_empty());
}

#[test]
fn a_member_added_from_now_on_reads_only_what_comes_next() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    ann.create_team(folder.path());
    let before = ann.open_case("before Bob");
    ann.sync();
    let mut bob = Person::new("Bob");
    ann.add(&bob, History::FromNow);
    let after = ann.open_case("after Bob");
    ann.sync();
    bob.join(folder.path(), &ann);
    bob.sync();

    assert_eq!(bob.title(before), None);
    assert_eq!(bob.title(after).as_deref(), Some("after Bob"));
    let status = bob.status();
    assert_eq!(status.generations_held, vec![2]);
    assert_eq!(status.generation_in_force, Some(2));
}

#[test]
fn a_removed_member_reads_nothing_new_and_their_later_files_count_nowhere() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    let mut carol = Person::new("Carol");
    ann.create_team(folder.path());
    ann.add(&bob, History::Full);
    ann.add(&carol, History::Full);
    bob.join(folder.path(), &ann);
    carol.join(folder.path(), &ann);
    let case = carol.open_case("Carol's report");
    carol.sync();
    ann.sync();
    bob.sync();

    ann.remove(&carol);
    ann.set_title(case, "after Carol left");
    ann.sync();
    // Carol, out, keeps writing from her copy.
    carol.set_title(case, "Carol after removal");
    carol.sync();
    ann.sync();
    bob.sync();

    assert_eq!(ann.title(case).as_deref(), Some("after Carol left"));
    assert_eq!(bob.title(case).as_deref(), Some("after Carol left"));
    // Nothing written after the removal reaches her.
    assert_eq!(carol.title(case).as_deref(), Some("Carol after removal"));
    let carol_status = carol.status();
    assert!(!carol_status.generations_held.contains(&2));
    assert!(
        reasons(&carol_status, "v2/devices")
            .iter()
            .any(|r| r.contains("waiting for an envelope")),
        "{:?}",
        carol_status.waiting
    );
}

#[test]
fn re_adding_a_member_ends_with_identical_replicas_whatever_order_they_synced_in() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    let mut carol = Person::new("Carol");
    ann.create_team(folder.path());
    ann.add(&bob, History::Full);
    ann.add(&carol, History::Full);
    bob.join(folder.path(), &ann);
    carol.join(folder.path(), &ann);
    let case = ann.open_case("shared");
    ann.sync();
    carol.sync();
    carol.set_title(case, "Carol before removal");
    carol.sync();
    ann.sync();
    bob.sync();
    let before_removal = embargo_sync::v2::team::load(&mut carol.vault)
        .unwrap()
        .1
        .current()
        .body
        .version;
    let carol_dir = carol.dir_name();
    let head = segment_files(&carol.device_dir(folder.path()));
    let prev = head
        .last()
        .map(|p| p.file_name().unwrap().to_string_lossy()[13..77].to_owned());

    ann.remove(&carol);
    ann.sync();
    // While out, Carol writes from an old copy, stamped with a roster she was on;
    // Bob judges that file while she is out.
    let out = event(&mut carol, case, title_change("written while out"));
    craft(
        &mut carol,
        folder.path(),
        &carol_dir,
        2,
        prev,
        before_removal,
        &[out],
    );
    bob.sync();
    // Re-added: Carol writes again; Dave, new, syncs only after all of it.
    ann.add(&carol, History::Full);
    carol.sync();
    carol.set_title(case, "written after re-add");
    carol.sync();
    ann.sync();
    bob.sync();
    let mut dave = Person::new("Dave");
    ann.add(&dave, History::Full);
    dave.join(folder.path(), &ann);
    dave.sync();
    bob.sync();
    carol.sync();
    ann.sync();

    let expected = ann.case_json(case);
    assert_eq!(bob.case_json(case), expected);
    assert_eq!(dave.case_json(case), expected);
    assert_eq!(carol.case_json(case), expected);
    assert_eq!(ann.title(case).as_deref(), Some("written after re-add"));
    // The file written while out is rejected identically everywhere.
    for person in [&mut ann, &mut bob, &mut dave] {
        let found = reasons(&person.status(), &carol_dir);
        assert_eq!(
            found
                .iter()
                .filter(|r| r.contains("after they were removed"))
                .count(),
            1,
            "{found:?}"
        );
    }
}

/// More segments than one read batch, so a first sync judges most files while the
/// next ones are still being decrypted: a removed member's files wait for the rest
/// of their device (the hash chain to the removal's cut), everyone else's are
/// judged at once, and the result is the replica the admin has.
#[test]
fn a_first_sync_over_a_long_history_keeps_exactly_what_the_removal_kept() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut carol = Person::new("Carol");
    let mut dave = Person::new("Dave");
    ann.create_team(folder.path());
    ann.add(&carol, History::Full);
    carol.join(folder.path(), &ann);
    let case = carol.open_case("Carol's report");
    for n in 0..12 {
        carol.set_title(case, &format!("Carol's title {n}"));
        carol.sync();
        ann.set_title(case, &format!("Ann's title {n}"));
        ann.sync();
    }
    carol.sync();
    ann.sync();
    ann.remove(&carol);
    ann.add(&dave, History::Full);
    dave.join(folder.path(), &ann);
    ann.sync();

    let report = dave.sync();
    assert_eq!(report.imported_segments, 24, "{report:?}");
    assert_eq!(dave.case_json(case), ann.case_json(case));
    assert_eq!(dave.events_of(case), ann.events_of(case));
    let status = dave.status();
    assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
    assert!(status.waiting.is_empty(), "{:?}", status.waiting);
}
