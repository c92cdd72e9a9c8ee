//! The real binary over a team folder holding what anyone with write access can
//! plant under names Embargo reads: a FIFO, a link to `/dev/zero`, a sparse 4 GiB
//! file, an age header of 500 stanzas, a link in place of a device folder. `sync`
//! and `team list` run with 2 GiB of address space and are killed after a minute:
//! reading any of these whole, or blocking on one, fails the test instead of
//! hanging it.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::TestVault;
use crate::team::*;

/// Address space for each run, in KiB (`ulimit -v`): 2 GiB.
const ADDRESS_SPACE_KIB: &str = "2097152";
/// Kill a run after this long.
const GIVE_UP: Duration = Duration::from_secs(60);

/// `embargo --json ARGS` with limited memory and time; asserts it exits 0.
fn bounded(vault: &TestVault, args: &[&str]) -> Value {
    let limit = format!("ulimit -v {ADDRESS_SPACE_KIB} && exec \"$@\"");
    let started = Instant::now();
    let out: Output = vault
        .cmd_through(&["sh", "-c", &limit, "sh"])
        .arg("--json")
        .args(args)
        .timeout(GIVE_UP)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        started.elapsed() < GIVE_UP,
        "embargo {args:?} was killed after {GIVE_UP:?}: blocked on a planted file?\n{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "embargo {args:?} did not exit as usual ({:?}):\n{stderr}",
        out.status
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A strict name with a made-up content hash (`tag` repeated to 64 hex digits).
fn named(number: &str, tag: char, suffix: &str) -> String {
    format!("{number}-{}.{suffix}", tag.to_string().repeat(64))
}

/// A binary age v1 header of `stanzas` well-formed X25519 stanzas.
fn header_bomb(stanzas: usize) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // 43 base64 digits of 32 bytes: the last one carries 2 padding bits, left zero.
    let share = |i: usize, salt: usize| -> String {
        let mut digits: Vec<u8> = (0..42)
            .map(|k| ALPHABET[(i * 31 + k * 7 + salt) % 64])
            .collect();
        digits.push(b'A');
        String::from_utf8(digits).unwrap()
    };
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for i in 0..stanzas {
        out.extend_from_slice(format!("-> X25519 {}\n{}\n", share(i, 0), share(i, 5)).as_bytes());
    }
    out.extend_from_slice(format!("--- {}\n", share(0, 9)).as_bytes());
    out.extend_from_slice(&[0x42; 1024]);
    out
}

fn quarantined_reasons(status: &Value, field: &str, file_part: &str) -> Vec<String> {
    status[field]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().contains(file_part))
        .map(|f| f["reason"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn sync_and_team_list_finish_with_2_gib_over_fifos_links_sparse_files_and_header_bombs() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let [ann, bob] = [&people[0], &people[1]];
    let id = ann.new_case("Planted files", "2026-11-20T10:00:00Z");
    sync(ann);
    let devices = folder.path().join("v2/devices");
    let ann_dir = std::fs::read_dir(&devices)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();

    // Named like Ann's segment 1 (the one Bob reads next) and like roster files.
    let seq1 = "000000000001";
    mkfifo(&ann_dir.join(named(seq1, 'a', "seg")));
    std::os::unix::fs::symlink("/dev/zero", ann_dir.join(named(seq1, 'b', "seg"))).unwrap();
    std::fs::File::create(ann_dir.join(named(seq1, 'c', "seg")))
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    std::fs::write(ann_dir.join(named(seq1, 'd', "seg")), header_bomb(500)).unwrap();
    let rosters = folder.path().join("v2/roster");
    mkfifo(&rosters.join(named("000003", 'a', "roster")));
    std::os::unix::fs::symlink("/dev/zero", rosters.join(named("000003", 'b', "roster"))).unwrap();
    std::fs::File::create(rosters.join(named("000003", 'c', "roster")))
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let linked = format!("{}-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "ab".repeat(16));
    std::os::unix::fs::symlink(&ann_dir, devices.join(&linked)).unwrap();

    let report = bounded(bob, &["sync"]);
    assert_eq!(report["imported_segments"], 1, "{report}");
    let list = bounded(bob, &["team", "list"]);
    assert_eq!(list["version"], 2, "{list}");
    assert_eq!(list["members"].as_array().unwrap().len(), 2, "{list}");
    // Ann reads her own folder, planted files included.
    bounded(ann, &["sync"]);
    bounded(ann, &["team", "list"]);
    // Bob again: the refused segments are remembered, not read again.
    bounded(bob, &["sync"]);

    assert_eq!(show(bob, &id)["title"], "Planted files");
    let status = bob.json(&["sync", "status"]);
    for (tag, expected) in [
        ('a', "a FIFO, not a regular file"),
        ('b', "a symbolic link, not a regular file"),
        (
            'c',
            "4294967296 bytes, above the 65616 KiB limit for a segment",
        ),
        ('d', "more than 64 recipient stanzas"),
    ] {
        let said = quarantined_reasons(&status, "quarantined", &named(seq1, tag, "seg"));
        assert!(
            said.len() == 1 && said[0].contains(expected),
            "{tag}: expected {expected:?} once in {said:?}"
        );
    }
    for (tag, expected) in [
        ('a', "a FIFO, not a regular file"),
        ('b', "a symbolic link, not a regular file"),
        (
            'c',
            "4294967296 bytes, above the 1 MiB limit for a roster file",
        ),
    ] {
        let said = quarantined_reasons(&status, "ignored", &named("000003", tag, "roster"));
        assert!(
            said.iter().any(|r| r.contains(expected)),
            "{tag}: expected {expected:?} in {said:?}"
        );
    }
    assert_eq!(
        quarantined_reasons(&status, "ignored", &linked),
        ["a symbolic link; only real folders are read"]
    );
}
