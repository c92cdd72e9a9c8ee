//! A teammate turned hostile has their own keys and write access to the folder.
//! Nothing they write can cut another member off, make replicas disagree, freeze
//! clocks, or hang a pass — and every file is reported with its reason.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine as _;
use chrono::Duration as Span;
use embargo_domain::{EventId, HlcTimestamp};
use embargo_sync::folder::SegmentName;
use embargo_sync::team::History;

use crate::common::*;

fn team_of_three(folder: &Path) -> (Person, Person, Person) {
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    let mut mallory = Person::new("Mallory");
    ann.create_team(folder);
    ann.add(&bob, History::Full);
    ann.add(&mallory, History::Full);
    bob.join(folder, &ann);
    mallory.join(folder, &ann);
    (ann, bob, mallory)
}

fn roster_version(person: &mut Person) -> u64 {
    embargo_sync::v2::team::load(&mut person.vault)
        .unwrap()
        .1
        .current()
        .body
        .version
}

#[test]
fn events_carrying_a_victims_device_id_are_never_re_exported_by_the_victim() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ann, mut bob, mut mallory) = team_of_three(folder.path());
    let case = ann.open_case("Ann's case");
    ann.sync();
    mallory.sync();
    // Mallory's own folder, named with Ann's device id, events claiming her device.
    let anns_device = ann.vault.public_identity().device_id;
    let squat = format!("{}-{anns_device}", &mallory.dir_name()[..32]);
    let mut forged = event(&mut mallory, case, title_change("squatted"));
    forged.device = anns_device;
    forged.id = forged.content_id();
    let version = roster_version(&mut mallory);
    craft(
        &mut mallory,
        folder.path(),
        &squat,
        1,
        None,
        version,
        &[forged],
    );

    ann.sync();
    ann.set_title(case, "Ann's own edit");
    let report = ann.sync();
    assert_eq!(report.exported_events, 1, "Ann exports only what she made");
    bob.sync();
    assert_eq!(bob.title(case).as_deref(), Some("Ann's own edit"));
    assert_eq!(ann.case_json(case), bob.case_json(case));
    let status = bob.status();
    let anns = status
        .devices
        .iter()
        .find(|d| d.device == ann.dir_name())
        .unwrap();
    assert_eq!(anns.lag, 0, "Ann's folder is not stuck: {status:?}");
}

#[test]
fn reusing_another_authors_event_id_is_rejected_identically_on_every_replica() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ann, mut bob, mut mallory) = team_of_three(folder.path());
    let case = ann.open_case("Ann's case");
    let anns = ann.set_title(case, "Ann's title");
    // Bob sees Mallory's file before Ann's; Carol (later) sees both at once.
    let mut reused = event(&mut mallory, case, title_change("Mallory's title"));
    reused.id = anns[0].id;
    let version = roster_version(&mut mallory);
    let dir = mallory.dir_name();
    craft(
        &mut mallory,
        folder.path(),
        &dir,
        1,
        None,
        version,
        &[reused],
    );
    bob.sync();
    ann.sync();
    bob.sync();
    let mut carol = Person::new("Carol");
    ann.add(&carol, History::Full);
    carol.join(folder.path(), &ann);
    carol.sync();

    for person in [&mut bob, &mut carol] {
        assert_eq!(person.title(case).as_deref(), Some("Ann's title"));
        let found = reasons(&person.status(), &dir);
        assert!(
            found
                .iter()
                .any(|r| r.contains("does not name its content")),
            "{found:?}"
        );
    }
    assert_eq!(bob.case_json(case), carol.case_json(case));
    assert_eq!(ann.case_json(case), carol.case_json(case));
    let _: EventId = anns[0].id;
}

#[test]
fn an_event_far_ahead_with_a_maximal_counter_freezes_no_ones_clock() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ann, mut bob, mut mallory) = team_of_three(folder.path());
    let case = ann.open_case("Ann's case");
    ann.sync();
    let mut ahead = event(&mut mallory, case, title_change("from tomorrow"));
    ahead.at = HlcTimestamp {
        wall_ms: (now() + Span::hours(23)).timestamp_millis(),
        counter: u32::MAX,
    };
    ahead.id = ahead.content_id();
    let version = roster_version(&mut mallory);
    let dir = mallory.dir_name();
    craft(
        &mut mallory,
        folder.path(),
        &dir,
        1,
        None,
        version,
        &[ahead],
    );
    bob.sync();

    let stamps: Vec<HlcTimestamp> = (0..200)
        .map(|i| bob.set_title(case, &format!("edit {i}"))[0].at)
        .collect();
    assert!(
        stamps.windows(2).all(|w| w[0] < w[1]),
        "stamps stay distinct and ordered"
    );
    let limit = (now() + embargo_domain::MAX_CLOCK_LEAD).timestamp_millis() + 1;
    assert!(
        stamps.iter().all(|s| s.wall_ms <= limit),
        "local edits keep wall times near now: {:?}",
        stamps.last()
    );
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// A valid-looking age header of `stanzas` X25519 stanzas, then some ciphertext.
fn header_bomb(stanzas: usize) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for i in 0..stanzas {
        let share = hex::decode(sha256(format!("share {i}").as_bytes())).unwrap();
        let body = hex::decode(sha256(format!("body {i}").as_bytes())).unwrap();
        out.extend_from_slice(
            format!("-> X25519 {}\n{}\n", b64.encode(share), b64.encode(body)).as_bytes(),
        );
    }
    out.extend_from_slice(format!("--- {}\n", b64.encode([7u8; 32])).as_bytes());
    out.extend_from_slice(&[0x42; 1024]);
    out
}

#[test]
fn a_folder_planted_with_special_files_and_bombs_is_read_in_bounded_time() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ann, bob, mut mallory) = team_of_three(folder.path());
    let case = ann.open_case("Ann's case");
    ann.sync();
    let dir = mallory.device_dir(folder.path());
    std::fs::create_dir_all(&dir).unwrap();
    let name = |seq: u64, tag: &str| {
        SegmentName {
            seq,
            hash: sha256(tag.as_bytes()),
        }
        .file_name()
    };
    mkfifo(&dir.join(name(1, "fifo")));
    std::os::unix::fs::symlink("/dev/zero", dir.join(name(2, "zero"))).unwrap();
    std::fs::File::create(dir.join(name(3, "sparse")))
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let bomb = header_bomb(500);
    std::fs::write(dir.join(name(4, &String::from_utf8_lossy(&bomb))), &bomb).unwrap();
    write_named(folder.path(), &mallory.dir_name(), 5, &bomb);
    mkfifo(
        &folder
            .path()
            .join("v2/roster")
            .join(format!("000009-{}.roster", sha256(b"r"))),
    );
    let linked = folder.path().join("v2/devices").join(format!(
        "{}-{}",
        "a".repeat(32),
        uuid::Uuid::new_v4()
    ));
    std::os::unix::fs::symlink("/", &linked).unwrap();
    mallory.sync();

    // The pass runs on its own thread so that a regression fails instead of hanging.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bob = bob;
        let report = embargo_sync::sync_once(&mut bob.vault, now());
        let _ = tx.send((bob, report.map(|r| r.imported_events)));
    });
    let (mut bob, imported) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the pass finished");
    assert_eq!(imported.unwrap(), 1);
    assert_eq!(bob.title(case).as_deref(), Some("Ann's case"));
    let status = bob.status();
    let all: Vec<String> = status
        .quarantined
        .iter()
        .chain(&status.waiting)
        .chain(&status.ignored)
        .map(|f| format!("{}: {}", f.file, f.reason))
        .collect();
    for needle in [
        "FIFO",
        "symbolic link",
        "4294967296",
        "age header",
        "v2/devices/aaaa",
    ] {
        assert!(
            all.iter().any(|line| line.contains(needle)),
            "{needle} not reported: {all:#?}"
        );
    }
    // Judged once: the second pass does not read them again.
    let judged = embargo_sync::v2::state::State::load(&bob.vault)
        .unwrap()
        .unwrap()
        .judged;
    bob.sync();
    let again = embargo_sync::v2::state::State::load(&bob.vault)
        .unwrap()
        .unwrap()
        .judged;
    assert_eq!(judged, again);
}
