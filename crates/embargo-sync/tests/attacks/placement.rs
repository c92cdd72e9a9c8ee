//! Signed events cannot be moved: to another device folder, sequence, team or name.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use embargo_domain::{CaseField, Change};
use embargo_sync::v1::segment::SegmentBody;

use crate::common::*;

fn only_segment(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.pop().unwrap()
}

#[test]
fn a_members_segment_copied_into_another_members_folder_is_rejected() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob", "Cat"]);
    let case_id = people[0].open_case("Path traversal");
    people[0].sync();
    people[1].sync();
    people[1].set_product(case_id, "bob's edit");
    people[1].sync();
    // Ann's second segment (made after she saw Bob's edit) lands in Bob's folder too.
    people[0].sync();
    people[0].set_product(case_id, "ann's edit");
    people[0].sync();
    let ann_seg = only_segment(&people[0].device_dir(folder.path()));
    let bytes = std::fs::read(&ann_seg).unwrap();
    let moved = write_named(folder.path(), &people[1].dir_name(), 2, &bytes);

    people[2].sync();
    let status = people[2].status();
    let file = moved.file_name().unwrap().to_string_lossy().into_owned();
    let why = reasons(&status, &file);
    assert!(why.iter().any(|r| r.contains("found in")), "{why:?}");
    // Ann's real segment still merges: her edit is there once, from her folder.
    let case = people[2].vault.case(case_id).unwrap().unwrap();
    assert_eq!(case.product.as_deref(), Some("ann's edit"));
}

#[test]
fn an_event_lifted_into_another_sequence_or_team_fails_its_signature() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Weak hash");
    people[0].sync();
    let seg1 = only_segment(&people[0].device_dir(folder.path()));
    let bytes = std::fs::read(&seg1).unwrap();
    // Bob is a member: he can decrypt, edit the header and re-encrypt; he cannot re-sign.
    let plain = age::decrypt(people[1].vault.age_identity(), &bytes).unwrap();
    let to = recipients(&mut people[1]);
    let mut forged = Vec::new();
    let lifts: [fn(&mut SegmentBody, &str); 2] = [
        |b, h| {
            b.header.seq = 2;
            b.header.prev = Some(h.to_owned());
        },
        |b, _| b.header.team = uuid::Uuid::new_v4().to_string(),
    ];
    for (i, change) in lifts.iter().enumerate() {
        let mut body: SegmentBody = serde_json::from_slice(&plain).unwrap();
        change(&mut body, &sha256(&bytes));
        let text = serde_json::to_vec(&body).unwrap();
        let sealed = age_to_all(&to, &text);
        // seq 2 goes after seg 1; the foreign-team copy claims seq 1 under a new name.
        forged.push(write_named(
            folder.path(),
            &people[0].dir_name(),
            if i == 0 { 2 } else { 1 },
            &sealed,
        ));
    }
    let report = people[1].sync();
    assert_eq!(report.imported_segments, 1, "only the genuine segment");
    assert_eq!(events_of(&people[1], case_id), 1);
    let status = people[1].status();
    for path in &forged {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let why = reasons(&status, &file);
        assert!(
            why.iter()
                .any(|r| r.contains("signature") || r.contains("equivocation")),
            "{file}: {why:?}"
        );
    }
}

fn age_to_all(to: &[age::x25519::Recipient], plain: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let encryptor =
        age::Encryptor::with_recipients(to.iter().map(|r| r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

#[test]
fn a_segment_replayed_under_a_new_name_is_rejected() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Replay");
    people[0].sync();
    let seg1 = only_segment(&people[0].device_dir(folder.path()));
    let bytes = std::fs::read(&seg1).unwrap();
    let replayed = write_named(folder.path(), &people[0].dir_name(), 2, &bytes);
    // And under a name whose hash is not its content.
    let renamed = people[0]
        .device_dir(folder.path())
        .join(format!("000000000002-{}.seg", "ab".repeat(32)));
    std::fs::write(&renamed, &bytes).unwrap();

    people[1].sync();
    assert_eq!(events_of(&people[1], case_id), 1);
    let status = people[1].status();
    let why = reasons(&status, &replayed.file_name().unwrap().to_string_lossy());
    assert!(why.iter().any(|r| r.contains("replayed")), "{why:?}");
    let why = reasons(&status, &"ab".repeat(32));
    assert!(
        why.iter().any(|r| r.contains("does not match its name")),
        "{why:?}"
    );
}

#[test]
fn equivocation_is_quarantined_alike_on_every_replica() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob", "Cat"]);
    let case_id = people[0].open_case("Equivocation");
    people[0].sync();
    let seg1 = only_segment(&people[0].device_dir(folder.path()));
    let prev = Some(sha256(&std::fs::read(&seg1).unwrap()));
    let team = team_id(&mut people[0]);
    let to = recipients(&mut people[0]);
    let dir = people[0].dir_name();
    let version = roster_version(&mut people[0]);
    let one = people[0].event(
        case_id,
        Change::FieldSet {
            field: CaseField::Product(Some("one".into())),
        },
    );
    let two = people[0].event(
        case_id,
        Change::FieldSet {
            field: CaseField::Product(Some("two".into())),
        },
    );
    people[0].craft(
        folder.path(),
        &dir,
        people[0].header(&team, 2, prev.clone(), version),
        &[one],
        &to,
    );
    people[0].craft(
        folder.path(),
        &dir,
        people[0].header(&team, 2, prev, version),
        &[two],
        &to,
    );

    for person in &mut people[1..] {
        person.sync();
        let case = person.vault.case(case_id).unwrap().unwrap();
        assert_eq!(case.product, None, "neither version is merged");
        let status = person.status();
        let device = status.devices.iter().find(|d| d.device == dir).unwrap();
        assert_eq!(device.blocked_at, Some(2));
        assert_eq!(
            status
                .quarantined
                .iter()
                .filter(|f| f.reason.contains("equivocation"))
                .count(),
            2
        );
    }
}

#[test]
fn far_future_events_are_set_aside_and_the_rest_merges() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Clock");
    people[0].sync();
    people[1].sync();
    let team = team_id(&mut people[0]);
    let to = recipients(&mut people[0]);
    let seg1 = only_segment(&people[0].device_dir(folder.path()));
    let prev = Some(sha256(&std::fs::read(&seg1).unwrap()));
    let mut ahead = people[0].event(
        case_id,
        Change::FieldSet {
            field: CaseField::Product(Some("from 2099".into())),
        },
    );
    ahead.at.wall_ms = now().timestamp_millis() + 40 * 24 * 3600 * 1000;
    let fine = people[0].event(
        case_id,
        Change::FieldSet {
            field: CaseField::Cwe(Some("CWE-79".into())),
        },
    );
    let dir = people[0].dir_name();
    let version = roster_version(&mut people[0]);
    people[0].craft(
        folder.path(),
        &dir,
        people[0].header(&team, 2, prev, version),
        &[ahead, fine],
        &to,
    );
    people[1].sync();
    let case = people[1].vault.case(case_id).unwrap().unwrap();
    assert_eq!(case.product, None);
    assert_eq!(case.cwe.as_deref(), Some("CWE-79"));
    let status = people[1].status();
    assert!(
        status
            .set_aside_events
            .iter()
            .any(|f| f.reason.contains("ahead")),
        "{:?}",
        status.set_aside_events
    );
}
