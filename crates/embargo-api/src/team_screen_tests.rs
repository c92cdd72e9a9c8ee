//! The team screen's use cases on real vaults and a real team folder: what the
//! screen shows before and after each change, a sync on request naming my cases
//! that a teammate changed, and the refusals the screen tells apart by code.
#![allow(clippy::expect_used)]

use embargo_domain::{FieldName, Unwatched};
use embargo_sync::roster::Role;
use embargo_sync::team::History;

use crate::test_session::person;
use crate::{ErrorCode, NewCase, Session, TeamChange};

fn create(session: &mut Session, folder: &std::path::Path) -> crate::TeamOverview {
    session
        .team_change(
            TeamChange::Create {
                folder,
                name: "PSIRT",
            },
            &Unwatched,
        )
        .expect("create team")
}

#[test]
fn out_of_a_team_the_screen_shows_only_me_and_a_sync_is_refused_as_not_a_member() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = person(dir.path(), "Ann");
    let overview = ann.team_overview(&Unwatched).expect("overview");
    assert_eq!(overview.identity.name, "Ann");
    assert_eq!(overview.identity.fingerprint, ann.identity().fingerprint);
    assert!(overview.team.is_none() && overview.status.is_none());

    let refused = ann.sync_now(&mut Unwatched).expect_err("no team");
    assert_eq!(refused.code(), ErrorCode::NotAMember);
}

#[test]
fn each_change_answers_with_the_screen_after_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    std::fs::create_dir(&folder).expect("folder");
    let mut ann = person(dir.path(), "Ann");
    let mut bob = person(dir.path(), "Bob");

    let created = create(&mut ann, &folder);
    let team = created.team.expect("a team");
    assert_eq!(
        (team.name.as_str(), team.format, team.version),
        ("PSIRT", 2, 1)
    );
    assert!(team.members.iter().all(|m| m.you && m.role == Role::Admin));
    let status = created.status.expect("a status");
    assert!(status.folder_available);
    assert_eq!(status.generation_in_force, Some(1));

    let bad = ann
        .team_change(
            TeamChange::Add {
                bundle: "hello",
                admin: false,
                history: History::Full,
            },
            &Unwatched,
        )
        .expect_err("not a bundle");
    assert_eq!(bad.code(), ErrorCode::Refused);

    let bundle = bob.identity().bundle;
    let added = ann
        .team_change(
            TeamChange::Add {
                bundle: &bundle,
                admin: false,
                history: History::Full,
            },
            &Unwatched,
        )
        .expect("add Bob");
    let roster = added.team.expect("a team");
    assert_eq!(roster.version, 2);
    assert!(
        roster
            .members
            .iter()
            .any(|m| m.name == "Bob" && !m.you && m.role == Role::Member)
    );

    let joined = bob
        .team_change(
            TeamChange::Join {
                folder: &folder,
                pinned: &ann.identity().fingerprint,
            },
            &Unwatched,
        )
        .expect("Bob joins");
    let seen_by_bob = joined.team.expect("a team");
    assert!(seen_by_bob.members.iter().any(|m| m.name == "Bob" && m.you));

    let removed = ann
        .team_change(TeamChange::Remove { member: "Bob" }, &Unwatched)
        .expect("remove Bob");
    assert!(
        removed
            .team
            .expect("a team")
            .members
            .iter()
            .all(|m| m.name != "Bob")
    );
}

#[test]
fn a_join_pinned_to_another_fingerprint_is_refused_and_leaves_me_out_of_the_team() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    std::fs::create_dir(&folder).expect("folder");
    let mut ann = person(dir.path(), "Ann");
    let mut eve = person(dir.path(), "Eve");
    create(&mut ann, &folder);

    eve.team_change(
        TeamChange::Join {
            folder: &folder,
            pinned: "EVIL-0000",
        },
        &Unwatched,
    )
    .expect_err("another admin");
    assert!(
        eve.team_overview(&Unwatched)
            .expect("overview")
            .team
            .is_none()
    );
}

#[test]
fn a_sync_on_request_names_my_cases_a_teammate_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    std::fs::create_dir(&folder).expect("folder");
    let mut ann = person(dir.path(), "Ann");
    let mut bob = person(dir.path(), "Bob");
    create(&mut ann, &folder);
    let bundle = bob.identity().bundle;
    ann.team_add(&bundle, false, History::Full)
        .expect("add Bob");
    bob.team_join(&folder, &ann.identity().fingerprint)
        .expect("join");

    let mine = ann
        .new_case(NewCase {
            title: "SSRF in the webhook".into(),
            ..NewCase::default()
        })
        .expect("case")
        .to_string();
    ann.set_field(&mine, FieldName::Handler, "Ann")
        .expect("handler");
    let unsent = ann.team_overview(&Unwatched).expect("overview");
    assert!(unsent.status.expect("status").unsent_events > 0);
    let wrote = ann.sync_now(&mut Unwatched).expect("Ann writes");
    assert!(wrote.report.exported_events > 0 && wrote.mine.is_empty());
    assert_eq!(wrote.overview.status.expect("status").unsent_events, 0);

    bob.sync().expect("Bob reads");
    bob.add_note(&mine, "reproduced").expect("note");
    bob.sync().expect("Bob writes");

    let read = ann.sync_now(&mut Unwatched).expect("Ann reads");
    assert!(read.report.imported_events > 0);
    let human = ann.show(&mine).expect("case").id;
    assert_eq!(read.mine, vec![human]);
}

#[test]
fn a_team_folder_gone_is_told_apart_from_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    std::fs::create_dir(&folder).expect("folder");
    let mut ann = person(dir.path(), "Ann");
    create(&mut ann, &folder);
    std::fs::rename(&folder, dir.path().join("moved")).expect("folder gone");

    let refused = ann.sync_now(&mut Unwatched).expect_err("no folder");
    assert_eq!(refused.code(), ErrorCode::FolderUnavailable);
    // The screen still opens, and says the folder is not there.
    let overview = ann.team_overview(&Unwatched).expect("overview");
    assert!(!overview.status.expect("status").folder_available);
}
