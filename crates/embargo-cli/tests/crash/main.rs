//! Crash consistency: the real `embargo` killed with SIGKILL at random points of
//! notes, 40-message imports and passphrase changes, many times over one vault.
//! Every command that exited 0 is still there, every import is all or nothing,
//! `check` is clean, and after a killed passphrase change exactly one of the old
//! and the new passphrase opens the vault.
//!
//! Short by default (a few kills of each kind); `EMBARGO_LONG_TESTS=1` runs 200
//! of each. `EMBARGO_KILL_SEED=N` replays a run (the seed is printed).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

#[allow(missing_debug_implementations)] // the shared helpers are not ours to change
#[path = "../support/mod.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{PASSPHRASE, TestVault};

const OTHER_PASSPHRASE: &str = "the other passphrase of the kill test";
const MESSAGES_PER_IMPORT: usize = 40;

/// How many kills of each kind.
fn rounds() -> usize {
    if std::env::var_os("EMBARGO_LONG_TESTS").is_some_and(|v| v == "1") {
        200
    } else {
        6
    }
}

/// A small deterministic generator, so a failing run can be replayed.
struct Dice(u64);

impl Dice {
    fn from_env() -> Self {
        let seed = std::env::var("EMBARGO_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                // A fresh seed each run (std's randomly keyed hasher), printed to replay.
                use std::hash::BuildHasher as _;
                std::collections::hash_map::RandomState::new().hash_one(std::process::id())
            });
        eprintln!("kill test seed: EMBARGO_KILL_SEED={seed}");
        Self(seed | 1)
    }

    /// A duration in [0, up_to).
    fn before(&mut self, up_to: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let micros = up_to.as_micros().max(1) as u64;
        Duration::from_micros(self.0 % micros)
    }

    /// When to kill a command that takes about `window` uncut: anywhere in it
    /// (or just after), or, every other time, in its last part, where the
    /// writing happens (the start is the passphrase's key derivation).
    fn kill_point(&mut self, window: Duration) -> Duration {
        if self.0 & 2 == 0 {
            self.before(window + window / 4)
        } else {
            window * 3 / 5 + self.before(window * 13 / 20)
        }
    }
}

struct Kills<'a> {
    vault: &'a TestVault,
    passphrase: &'static str,
    dice: Dice,
}

impl Kills<'_> {
    fn command(&self, passphrase: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_embargo"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.vault.root.path())
            .env("TMPDIR", self.vault.tmp())
            .env("EMBARGO_PASSPHRASE", passphrase)
            .arg("--vault")
            .arg(self.vault.dir())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd
    }

    /// Run `args` once uncut and return how long it took: the window to kill in.
    fn time(&self, passphrase: &str, args: &[&str]) -> Duration {
        let started = Instant::now();
        let out = self.command(passphrase, args).output().unwrap();
        assert!(
            out.status.success(),
            "embargo {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        started.elapsed()
    }

    /// Start `args`, SIGKILL it after a random part of `window` (or let it
    /// finish first); returns whether it exited 0 on its own.
    fn kill_during(&mut self, passphrase: &str, args: &[&str], window: Duration) -> bool {
        let mut child: Child = self.command(passphrase, args).spawn().unwrap();
        let deadline = Instant::now() + self.dice.kill_point(window);
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        // It may have finished between the last poll and the kill.
        status.success()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self
            .command(self.passphrase, &[&["--json"], args].concat())
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "embargo {args:?} after a kill: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn mbox(dir: &Path, round: usize) -> std::path::PathBuf {
    let mut text = String::new();
    for n in 0..MESSAGES_PER_IMPORT {
        text.push_str(&format!(
            "From reporter@example.net Mon Nov  2 09:00:00 2026\n\
             From: Reporter {n} <reporter{n}@example.net>\n\
             To: security@example.org\n\
             Subject: round{round} report {n}: overflow in parser {n}\n\
             Date: Mon, 2 Nov 2026 09:{:02}:00 +0000\n\
             Message-ID: <round{round}-message{n}@example.net>\n\
             \n\
             Round {round}, report {n}: a heap overflow reached through the parser.\n\n",
            n % 60
        ));
    }
    let path = dir.join(format!("round{round}.mbox"));
    std::fs::write(&path, text).unwrap();
    path
}

fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|case| case["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn sigkill_at_random_points_loses_nothing_acknowledged_and_keeps_imports_whole() {
    let vault = TestVault::new();
    let mut kills = Kills {
        vault: &vault,
        passphrase: PASSPHRASE,
        dice: Dice::from_env(),
    };
    let case = vault.new_case("The case the notes go to", "2026-11-02T09:00:00Z");
    let rounds = rounds();

    // Notes: each one acknowledged (exit 0) must survive every later kill.
    let note_window = kills.time(PASSPHRASE, &["note", &case, "calibration note"]);
    let mut acknowledged = BTreeSet::from(["calibration note".to_owned()]);
    for round in 0..rounds {
        let text = format!("note of round {round}");
        if kills.kill_during(PASSPHRASE, &["note", &case, &text], note_window) {
            acknowledged.insert(text);
        }
    }

    // Imports of 40 messages: all of a round's cases or none of them.
    let calibration = mbox(vault.tmp().as_path(), usize::MAX);
    let import_window = kills.time(PASSPHRASE, &["import", calibration.to_str().unwrap()]);
    let mut imported_rounds = BTreeSet::new();
    for round in 0..rounds {
        let file = mbox(vault.tmp().as_path(), round);
        if kills.kill_during(
            PASSPHRASE,
            &["import", file.to_str().unwrap()],
            import_window,
        ) {
            imported_rounds.insert(round);
        }
    }

    // Passphrase changes back and forth: exactly one of old and new opens.
    let change_window = {
        let mut cmd = kills.command(PASSPHRASE, &["passphrase", "change"]);
        cmd.env("EMBARGO_NEW_PASSPHRASE", OTHER_PASSPHRASE);
        let started = Instant::now();
        assert!(cmd.status().unwrap().success());
        kills.passphrase = OTHER_PASSPHRASE;
        started.elapsed()
    };
    let mut changes_killed = 0;
    for _ in 0..rounds {
        let (old, new) = match kills.passphrase {
            PASSPHRASE => (PASSPHRASE, OTHER_PASSPHRASE),
            _ => (OTHER_PASSPHRASE, PASSPHRASE),
        };
        let mut child = kills.command(old, &["passphrase", "change"]);
        child.env("EMBARGO_NEW_PASSPHRASE", new);
        let mut child = child.spawn().unwrap();
        let deadline = Instant::now() + kills.dice.kill_point(change_window);
        let mut finished = None;
        while Instant::now() < deadline && finished.is_none() {
            finished = child.try_wait().unwrap();
            std::thread::sleep(Duration::from_millis(1));
        }
        let status = match finished {
            Some(status) => status,
            None => {
                let _ = child.kill();
                changes_killed += 1;
                child.wait().unwrap()
            }
        };
        let opens = |passphrase| {
            kills
                .command(passphrase, &["case", "list"])
                .status()
                .unwrap()
                .code()
        };
        let (with_old, with_new) = (opens(old), opens(new));
        match (with_old, with_new) {
            (Some(0), Some(3)) => assert!(!status.success(), "a change that exited 0 was lost"),
            (Some(3), Some(0)) => kills.passphrase = new,
            other => panic!("after a killed passphrase change, old/new gave {other:?}"),
        }
    }

    // Everything acknowledged is there; every import is whole or absent.
    let shown = kills.json(&["case", "show", &case]);
    let notes: BTreeSet<String> = shown["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| note["text"].as_str().unwrap().to_owned())
        .collect();
    let lost: Vec<_> = acknowledged.difference(&notes).collect();
    assert!(
        lost.is_empty(),
        "acknowledged notes lost after kills: {lost:?}"
    );
    let listed = titles(&kills.json(&["case", "list"]));
    for round in 0..rounds {
        let prefix = format!("round{round} report ");
        let count = listed.iter().filter(|t| t.starts_with(&prefix)).count();
        assert!(
            count == 0 || count == MESSAGES_PER_IMPORT,
            "round {round}: a killed import left {count} of {MESSAGES_PER_IMPORT} cases"
        );
        if imported_rounds.contains(&round) {
            assert_eq!(
                count, MESSAGES_PER_IMPORT,
                "round {round} exited 0 but is gone"
            );
        }
    }
    let report = kills.json(&["check"]);
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    eprintln!(
        "kill test: {rounds} notes ({} acknowledged), {rounds} imports ({} acknowledged), \
         {rounds} passphrase changes ({changes_killed} killed before exiting)",
        acknowledged.len() - 1,
        imported_rounds.len()
    );
}
