//! `sync --watch` merges a teammate's segment soon after it lands.
#![allow(clippy::unwrap_used)]

use std::io::BufRead;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::team::*;

#[test]
fn the_watcher_merges_a_segment_that_lands_in_the_folder() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let id = people[0].new_case("SSRF in the webhook", "2026-11-22T08:00:00Z");
    let bob = &people[1];
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("embargo"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", bob.root.path())
        .env("TMPDIR", bob.tmp())
        .env("EMBARGO_PASSPHRASE", crate::support::PASSPHRASE)
        .arg("--vault")
        .arg(bob.dir())
        .args(["--json", "sync", "--watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("first pass");
    assert!(first.contains("imported_events"), "{first}");
    sync(&people[0]);
    // Bounded wait for the watcher's report (not a timing assertion).
    let mut merged = false;
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
        let report: serde_json::Value = serde_json::from_str(&line).unwrap();
        if report["imported_events"].as_u64().unwrap() > 0 {
            merged = true;
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(merged, "the watcher never merged Ann's segment");
    assert_eq!(show(&people[1], &id)["title"], "SSRF in the webhook");
}
