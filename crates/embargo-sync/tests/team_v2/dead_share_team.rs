//! Changing the team while its folder is on a share that stops answering (issue
//! 10, points 8-9): create, join, add, remove and upgrade read and write the
//! folder only on folder workers, so each ends with "not responding" after the
//! stall limit, or at once when a lock asks, with this vault unchanged; and a
//! change writes its roster last, so one stopped before it leaves the team as it
//! was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use embargo_sync::team::{self, History};
use embargo_sync::test_hooks;
use embargo_sync::v2::layout::{KEYS_DIR, ROSTER_DIR};

use crate::common::*;
use crate::dead_share::{GIVE_UP, PROMPTLY, lock_while_blocked_in};

/// What a vault remembers of its team (either format's sync state).
fn team_state(person: &Person) -> (Option<String>, Option<String>) {
    (
        person.vault.setting("sync.state").unwrap(),
        person.vault.setting("sync.v2").unwrap(),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn not_responding(error: &embargo_sync::SyncError, stopped: &str) {
    let text = error.to_string();
    assert!(
        text.contains("the team folder is not responding") && text.ends_with(stopped),
        "{text}"
    );
}

#[test]
fn team_changes_on_a_folder_that_never_answers_fail_clearly_and_change_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    let mut carol = Person::new("Carol");
    ann.create_team(folder.path());
    ann.add(&bob, History::Full);
    bob.join(folder.path(), &ann);
    let faults = test_hooks::on(folder.path());
    faults.stall_limit(Duration::from_millis(300));
    faults.hang();
    let before = team_state(&ann);
    let rosters = files_in(&folder.path().join(ROSTER_DIR));

    let unchanged = "the team was not changed; try again once the folder answers";
    let error = team::add(&mut ann.vault, carol.keys(), false, History::Full, now()).unwrap_err();
    not_responding(&error, unchanged);
    let error = team::remove(&mut ann.vault, &bob.fingerprint(), now()).unwrap_err();
    not_responding(&error, unchanged);
    let error = team::join(&mut carol.vault, folder.path(), &ann.fingerprint()).unwrap_err();
    not_responding(&error, "nothing changed");
    assert_eq!(team_state(&ann), before);
    assert!(!embargo_sync::in_team(&carol.vault).unwrap());

    // A new team in a folder that does not answer either.
    let elsewhere = tempfile::tempdir().unwrap();
    let elsewhere_faults = test_hooks::on(elsewhere.path());
    elsewhere_faults.stall_limit(Duration::from_millis(300));
    elsewhere_faults.hang();
    let error = team::create(&mut carol.vault, elsewhere.path(), "Red team", now()).unwrap_err();
    not_responding(&error, "nothing changed");
    assert!(!embargo_sync::in_team(&carol.vault).unwrap());
    elsewhere_faults.release();
    assert!(elsewhere_faults.wait_until_idle(GIVE_UP));

    faults.release();
    assert!(faults.wait_until_idle(GIVE_UP));
    assert_eq!(files_in(&folder.path().join(ROSTER_DIR)), rosters);
    ann.add(&carol, History::Full);
    carol.join(folder.path(), &ann);
    ann.remove(&bob);
    assert_eq!(ann.status().roster_version, 4);
    assert_eq!(carol.status().roster_version, 4);
    assert_eq!(faults.outside_workers(), Vec::<PathBuf>::new());
}

#[test]
fn a_lock_stops_a_removal_before_its_roster_is_written_and_the_team_is_as_it_was() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    ann.create_team(folder.path());
    ann.add(&bob, History::Full);
    bob.join(folder.path(), &ann);
    let case = ann.open_case("Path traversal");
    ann.sync();
    let faults = test_hooks::on(folder.path());
    // The removal's roster is version 3; the folder stops answering as it is
    // about to be written.
    faults.hang_where(&format!("{ROSTER_DIR}/000003-"));
    let before = team_state(&ann);
    let fingerprint = bob.fingerprint();
    let vault = &mut ann.vault;
    let after_lock = lock_while_blocked_in(&faults, move |progress| {
        team::remove_watched(vault, &fingerprint, now(), progress)
    });
    assert!(after_lock < PROMPTLY, "{after_lock:?} after the lock");
    assert_eq!(team_state(&ann), before, "this vault is unchanged");
    let rosters = files_in(&folder.path().join(ROSTER_DIR));
    assert_eq!(
        rosters.len(),
        2,
        "the roster the lock stopped was given up, not finished later: {rosters:?}"
    );
    assert!(
        !files_in(&folder.path().join(KEYS_DIR).join("team/000002")).is_empty(),
        "the envelopes of the new generation were written before the roster"
    );

    // The team is as it was: Bob is a member and reads what Ann writes.
    ann.set_title(case, "Path traversal in the updater");
    ann.sync();
    bob.sync();
    assert_eq!(bob.status().roster_version, 2);
    assert_eq!(
        bob.title(case).as_deref(),
        Some("Path traversal in the updater")
    );
    // And the removal, made again once the folder answers, holds.
    ann.remove(&bob);
    let report = ann.sync();
    assert_eq!(report.roster_version, 3);
    let status = ann.status();
    assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
    assert!(status.waiting.is_empty(), "{:?}", status.waiting);
    assert_eq!(faults.outside_workers(), Vec::<PathBuf>::new());
}

#[test]
fn upgrading_on_a_folder_that_never_answers_fails_clearly_and_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    embargo_sync::v1::team::create(&mut ann.vault, folder.path(), "PSIRT", now()).unwrap();
    let faults = test_hooks::on(folder.path());
    faults.stall_limit(Duration::from_millis(300));
    faults.hang();
    let before = team_state(&ann);
    let error = team::upgrade(&mut ann.vault, now()).unwrap_err();
    not_responding(
        &error,
        "the team was not changed; try again once the folder answers",
    );
    assert_eq!(team_state(&ann), before);

    faults.release();
    assert!(faults.wait_until_idle(GIVE_UP));
    assert_eq!(
        files_in(&folder.path().join(ROSTER_DIR)),
        Vec::<String>::new()
    );
    assert_eq!(ann.status().format, 1);
    team::upgrade(&mut ann.vault, now()).unwrap();
    assert_eq!(ann.status().format, 2);
    assert_eq!(faults.outside_workers(), Vec::<PathBuf>::new());
}
