//! A sync pass forgets only the cached deadline facts of the cases it changed: the
//! app syncs every 30 s, and dropping them all would make the next notifier pass
//! read every case's history again.
#![allow(clippy::expect_used)]

use crate::CaseFilter;
use crate::test_session::{case_titled, person};

#[test]
fn a_sync_pass_forgets_only_the_cases_it_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    std::fs::create_dir(&folder).expect("folder");
    let mut ann = person(dir.path(), "Ann");
    let mut bob = person(dir.path(), "Bob");
    ann.team_create(&folder, "PSIRT").expect("create team");
    ann.team_add(
        &bob.identity().bundle,
        false,
        embargo_sync::team::History::Full,
    )
    .expect("add Bob");
    bob.team_join(&folder, &ann.identity().fingerprint)
        .expect("join");
    let first = case_titled(&mut ann, "Path traversal");
    let second = case_titled(&mut ann, "Open redirect");
    ann.sync().expect("Ann writes");
    bob.sync().expect("Bob reads");

    bob.case_page(&CaseFilter::default()).expect("list");
    assert_eq!(bob.facts_cache().len(), 2);
    let nothing = bob.sync().expect("an empty pass");
    assert!(nothing.changed_cases.is_empty());
    bob.sync_status().expect("status");
    bob.team_show().expect("roster");
    assert_eq!(
        bob.facts_cache().len(),
        2,
        "nothing changed, nothing forgotten"
    );

    ann.add_note(&first, "vendor confirmed").expect("note");
    ann.sync().expect("Ann writes again");
    let report = bob.sync().expect("Bob reads again");
    assert_eq!(report.changed_cases.len(), 1);
    assert!(!report.team_changed);
    assert_eq!(bob.facts_cache().len(), 1, "only {first} was forgotten");
    assert_eq!(bob.show(&second).expect("second").title, "Open redirect");

    ann.policy_set(Some("custom"), "ack.after", "5d")
        .expect("a team policy change");
    ann.sync().expect("Ann writes a team change");
    let report = bob.sync().expect("Bob reads the team change");
    assert!(report.team_changed);
    assert!(report.changed_cases.is_empty());
    assert_eq!(
        bob.facts_cache().len(),
        0,
        "a team change may move every deadline"
    );
}
