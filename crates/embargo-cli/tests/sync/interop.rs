//! The stock `age` tool reads the folder in two steps (the member's envelope of a
//! team key generation, then the segment); a removed member's keys read nothing
//! written after the removal.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use crate::team::*;

/// The envelope of generation `generation` addressed to the member whose
/// fingerprint-bearing key digest starts the file name.
fn envelope(folder: &std::path::Path, generation: u32, digest: &str) -> Option<std::path::PathBuf> {
    let dir = folder.join(format!("v2/keys/team/{generation:06}"));
    std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(digest))
}

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
    // Bob's device folder name starts with his key digest, as his envelopes do.
    let status = people[1].json(&["sync", "status"]);
    assert_eq!(status["format"], 2);
    let bob_signing = identity(&people[1])["signing_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let digest = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(hex::decode(&bob_signing).unwrap()))[..32].to_owned()
    };
    let team_key = people[1].root.path().join("team-1.agekey");
    let unwrap = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&key)
        .arg("-o")
        .arg(&team_key)
        .arg(envelope(folder.path(), 1, &digest).expect("Bob's envelope of generation 1"))
        .output()
        .unwrap();
    assert!(
        unwrap.status.success(),
        "{}",
        String::from_utf8_lossy(&unwrap.stderr)
    );
    let out = age_decrypt(&team_key, &before[0]);
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
    assert!(
        envelope(folder.path(), 2, &digest).is_none(),
        "a removed member gets no envelope of the new generation"
    );
    for bobs_key in [&key, &team_key] {
        let out = age_decrypt(bobs_key, &after[0]);
        assert!(
            !out.status.success(),
            "a removed member must not decrypt later segments"
        );
    }

    let report = sync(&people[1]);
    assert_eq!(report["imported_events"], 0);
    let note_count = show(&people[1], &id)["notes"].as_array().unwrap().len();
    assert_eq!(note_count, 0);
    let status = people[1].json(&["sync", "status"]);
    let reasons: Vec<String> = status["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["reason"].to_string())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("waiting for an envelope")),
        "{reasons:?}"
    );
}
