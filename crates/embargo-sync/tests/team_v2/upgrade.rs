//! A version-1 team keeps working until an admin upgrades it; then every device
//! switches on its next sync, republishes what its user made, and nobody loses
//! anything — and a member added after the upgrade reads the whole history.

#![allow(clippy::unwrap_used)]

use embargo_sync::team::History;

use crate::common::*;

#[test]
fn an_upgraded_team_keeps_everything_and_a_later_member_reads_it_all() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    embargo_sync::v1::team::create(&mut ann.vault, folder.path(), "PSIRT", now()).unwrap();
    embargo_sync::v1::team::add(&mut ann.vault, bob.keys(), false, now()).unwrap();
    embargo_sync::v1::team::join(&mut bob.vault, folder.path(), &ann.fingerprint()).unwrap();
    let anns = ann.open_case("Ann's, written in version 1");
    let bobs = bob.open_case("Bob's, written in version 1");
    ann.sync();
    bob.sync();
    ann.sync();
    assert_eq!(ann.status().format, 1);
    assert_eq!(
        bob.title(anns).as_deref(),
        Some("Ann's, written in version 1")
    );

    embargo_sync::team::upgrade(&mut ann.vault, now()).unwrap();
    assert_eq!(ann.status().format, 2);
    ann.set_title(anns, "Ann's, after the upgrade");
    ann.sync();
    bob.sync();
    assert_eq!(bob.status().format, 2);
    ann.sync();

    assert_eq!(bob.title(anns).as_deref(), Some("Ann's, after the upgrade"));
    assert_eq!(
        ann.title(bobs).as_deref(),
        Some("Bob's, written in version 1")
    );

    let mut carol = Person::new("Carol");
    ann.add(&carol, History::Full);
    carol.join(folder.path(), &ann);
    carol.sync();
    assert_eq!(
        carol.title(anns).as_deref(),
        Some("Ann's, after the upgrade")
    );
    assert_eq!(
        carol.title(bobs).as_deref(),
        Some("Bob's, written in version 1")
    );
    assert_eq!(carol.case_json(anns), ann.case_json(anns));
    assert_eq!(carol.case_json(bobs), bob.case_json(bobs));
    for person in [&mut ann, &mut bob, &mut carol] {
        let status = person.status();
        assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
    }
}

#[test]
fn only_an_admin_upgrades_and_a_member_cannot_forge_an_upgrade() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    embargo_sync::v1::team::create(&mut ann.vault, folder.path(), "PSIRT", now()).unwrap();
    embargo_sync::v1::team::add(&mut ann.vault, bob.keys(), false, now()).unwrap();
    embargo_sync::v1::team::join(&mut bob.vault, folder.path(), &ann.fingerprint()).unwrap();

    let refused = embargo_sync::team::upgrade(&mut bob.vault, now()).unwrap_err();
    assert!(refused.to_string().contains("only an admin"), "{refused}");

    // Bob signs a version-2 first roster naming himself admin, by hand.
    let (v1_state, v1_chain) = embargo_sync::v1::team::load(&mut bob.vault).unwrap();
    let current = v1_chain.current();
    let mut body = current.body.clone();
    body.format = embargo_sync::roster::ROSTER_FORMAT_V2;
    for member in &mut body.members {
        member.role = embargo_sync::roster::Role::Admin;
    }
    body.upgraded_from = Some(embargo_sync::roster::UpgradedFrom {
        version: current.body.version,
        hash: current.hash.clone(),
    });
    let text = body.sign(bob.vault.signing_key());
    let dir = folder.path().join("v2/roster");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(embargo_sync::folder::roster_name(1, text.as_bytes())),
        text,
    )
    .unwrap();
    assert_eq!(v1_state.team, body.team);

    ann.sync();
    assert_eq!(
        ann.status().format,
        1,
        "Ann does not follow a member's upgrade"
    );
}
