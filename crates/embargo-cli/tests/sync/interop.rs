//! The stock `age` tool reads the folder with an exported identity; a removed
//! member's identity reads nothing written after the removal.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use crate::team::*;

fn age_decrypt(key_file: &std::path::Path, segment: &std::path::Path) -> std::process::Output {
    Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(key_file)
        .arg(segment)
        .output()
        .expect("the `age` CLI (scripts/setup.sh installs it)")
}

#[test]
fn stock_age_decrypts_segments_until_the_member_is_removed() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let id = people[0].new_case("Auth bypass", "2026-11-20T10:00:00Z");
    sync(&people[0]);
    let key = people[1].root.path().join("bob.agekey");
    std::fs::write(&key, people[1].ok(&["identity", "export-secret"])).unwrap();
    let before = segments(folder.path());
    assert_eq!(before.len(), 1);
    let out = age_decrypt(&key, &before[0]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = String::from_utf8(out.stdout).unwrap();
    assert!(
        plain.contains("\"header\"") && plain.contains("Auth bypass"),
        "{plain}"
    );

    assert_eq!(sync(&people[1])["imported_events"], 1);
    people[0].ok(&["team", "remove", "bob@psirt.example"]);
    people[0].ok(&["note", &id, "fix is on the private branch"]);
    sync(&people[0]);
    let after: Vec<_> = segments(folder.path())
        .into_iter()
        .filter(|s| !before.contains(s))
        .collect();
    assert_eq!(after.len(), 1);
    let out = age_decrypt(&key, &after[0]);
    assert!(
        !out.status.success(),
        "a removed member must not decrypt later segments"
    );

    let report = sync(&people[1]);
    assert_eq!(report["imported_events"], 0);
    let note_count = show(&people[1], &id)["notes"].as_array().unwrap().len();
    assert_eq!(note_count, 0);
    let status = people[1].json(&["sync", "status"]);
    let reasons: Vec<String> = status["quarantined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["reason"].to_string())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("not encrypted to this member")),
        "{reasons:?}"
    );
}
