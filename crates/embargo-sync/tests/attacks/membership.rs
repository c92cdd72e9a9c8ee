//! Who may write: members only; removed members' later segments are rejected.
#![allow(clippy::unwrap_used)]

use embargo_sync::v1::team;

use crate::common::*;

#[test]
fn a_segment_signed_by_a_non_member_is_rejected() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let mut outsider = Person::new("Eve");
    let team = team_id(&mut people[0]);
    let to = recipients(&mut people[0]);
    let case_id = people[0].open_case("Parser overflow");
    people[0].sync();
    let event = outsider.event(
        case_id,
        embargo_domain::Change::NoteAdded {
            note_id: uuid::Uuid::new_v4(),
            text: "forged".into(),
        },
    );
    let dir = outsider.dir_name();
    let version = roster_version(&mut people[0]);
    outsider.craft(
        folder.path(),
        &dir,
        outsider.header(&team, 1, None, version),
        &[event],
        &to,
    );

    let report = people[1].sync();
    assert_eq!(
        events_of(&people[1], case_id),
        1,
        "only Ann's opening event"
    );
    assert_eq!(report.imported_segments, 1);
    let status = people[1].status();
    let why = reasons(&status, &dir);
    assert!(why.iter().any(|r| r.contains("not a member")), "{why:?}");
}

#[test]
fn a_removed_members_later_segments_are_rejected_and_earlier_ones_kept() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob", "Cat"]);
    let case_id = people[0].open_case("Token leak");
    people[0].sync();
    people[1].sync();
    people[1].set_product(case_id, "before removal");
    people[1].sync();
    people[0].sync();
    let (_, removed) = team::remove(&mut people[0].vault, "Bob", now()).unwrap();
    assert_eq!(removed.keys.name, "Bob");

    // Bob keeps writing under the old roster version, with his real key.
    let team = team_id(&mut people[0]);
    let bob_dir = people[1].dir_name();
    let prev = people[1]
        .status()
        .devices
        .iter()
        .find(|d| d.this_device)
        .map(|d| d.last_seq)
        .unwrap();
    assert_eq!(prev, 1);
    let hash = std::fs::read_dir(people[1].device_dir(folder.path()))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("000000000001-"))
        .map(|n| n[13..77].to_owned());
    let late = people[1].event(
        case_id,
        embargo_domain::Change::FieldSet {
            field: embargo_domain::CaseField::Product(Some("after removal".into())),
        },
    );
    let to = recipients(&mut people[2]);
    people[1].craft(
        folder.path(),
        &bob_dir,
        people[1].header(&team, 2, hash, 2),
        &[late],
        &to,
    );

    people[0].sync();
    people[2].sync();
    for person in [&people[0], &people[2]] {
        let case = person.vault.case(case_id).unwrap().unwrap();
        assert_eq!(case.product.as_deref(), Some("before removal"));
    }
    let why = reasons(&people[2].status(), &bob_dir);
    assert!(
        why.iter().any(|r| r.contains("after they were removed")),
        "{why:?}"
    );

    // Bob's own Embargo refuses to export once it sees the new roster.
    people[1].set_product(case_id, "honest late edit");
    let report = people[1].sync();
    assert_eq!(report.exported_segments, 0);
    let waiting = people[1].status().waiting;
    assert!(
        waiting.iter().any(|w| w.reason.contains("not a member")),
        "{waiting:?}"
    );
}

#[test]
fn a_roster_not_signed_by_an_admin_is_ignored_and_join_refuses_a_wrong_pin() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let mut body = team::load(&mut people[0].vault)
        .unwrap()
        .1
        .current()
        .clone();
    // Bob (a plain member) signs a version 3 that makes himself the only admin.
    body.body.version += 1;
    body.body.prev = Some(body.hash.clone());
    for m in &mut body.body.members {
        m.role = if m.keys.name == "Bob" {
            embargo_sync::roster::Role::Admin
        } else {
            embargo_sync::roster::Role::Member
        };
    }
    let text = body.body.sign(people[1].vault.signing_key());
    std::fs::write(
        folder
            .path()
            .join("roster")
            .join(embargo_sync::folder::roster_name(3, text.as_bytes())),
        &text,
    )
    .unwrap();
    assert_eq!(roster_version(&mut people[0]), 2);
    assert_eq!(roster_version(&mut people[1]), 2);

    let mut newcomer = Person::new("Dan");
    let err = team::join(&mut newcomer.vault, folder.path(), &people[1].fingerprint()).unwrap_err();
    assert!(err.to_string().contains("no roster"), "{err}");
    let err = team::join(&mut newcomer.vault, folder.path(), &people[0].fingerprint()).unwrap_err();
    assert!(err.to_string().contains("not on the roster"), "{err}");
}
