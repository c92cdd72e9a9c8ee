//! A team can always get its data out without Embargo: the stock `age` CLI reads a
//! segment in two steps (unwrap my envelope, then the segment), also for a member
//! added after the segment was written.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use embargo_sync::team::History;

use crate::common::*;

#[test]
fn the_age_cli_reads_history_for_a_member_added_late() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    ann.create_team(folder.path());
    ann.open_case("CANARY-history-for-the-age-cli");
    ann.sync();
    let mut bob = Person::new("Bob");
    ann.add(&bob, History::Full);
    bob.join(folder.path(), &ann);

    let work = tempfile::tempdir().unwrap();
    let bob_key = work.path().join("bob.key");
    {
        use secrecy::ExposeSecret as _;
        std::fs::write(&bob_key, bob.vault.age_secret().expose_secret()).unwrap();
    }
    let generations = folder.path().join("v2/keys/team/000001");
    let digest = &bob.dir_name()[..32];
    let envelope = std::fs::read_dir(&generations)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(digest))
        .expect("Bob's envelope of generation 1");
    let team_key = work.path().join("team-1.key");
    let step1 = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&bob_key)
        .arg("-o")
        .arg(&team_key)
        .arg(&envelope)
        .output()
        .expect("the age CLI is installed (scripts/setup.sh)");
    assert!(
        step1.status.success(),
        "{}",
        String::from_utf8_lossy(&step1.stderr)
    );

    let segment = segment_files(&ann.device_dir(folder.path()))
        .into_iter()
        .next()
        .unwrap();
    let step2 = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&team_key)
        .arg(&segment)
        .output()
        .unwrap();
    assert!(
        step2.status.success(),
        "{}",
        String::from_utf8_lossy(&step2.stderr)
    );
    let plain: serde_json::Value = serde_json::from_slice(&step2.stdout).unwrap();
    assert_eq!(plain["header"]["format"], 2);
    assert!(String::from_utf8_lossy(&step2.stdout).contains("CANARY-history-for-the-age-cli"));
}
