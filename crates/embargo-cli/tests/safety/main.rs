//! Safety black-box tests of the `embargo` command line: nothing embargoed ever
//! reaches the disk in plaintext, a wrong passphrase or a damaged vault fails
//! cleanly without changing a byte, the lock keeps a second process out, and the
//! key files are real age files that the reference `age` CLI can read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(missing_debug_implementations)] // the shared helpers are not ours to change
#[path = "../support/mod.rs"]
mod support;

mod age_interop;
mod canary;
mod canary_mail;
mod damage;
mod damage_db;
mod damage_keys;
mod files_out;
mod identity_swap;
mod init;
mod lock;
mod passphrase;
mod rollback;
mod wrong_passphrase;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

use support::TestVault;

/// Every file under a directory: path relative to it → contents.
pub type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// Read every file under `dir` (an absent directory is empty).
pub fn snapshot(dir: &Path) -> Snapshot {
    support::files_under(dir)
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            (path.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// Assert that no file under the snapshotted directory was added, removed or changed.
pub fn assert_unchanged(before: &Snapshot, after: &Snapshot, what: &str) {
    let added: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    let removed: Vec<&PathBuf> = before.keys().filter(|p| !after.contains_key(*p)).collect();
    let changed: Vec<&PathBuf> = before
        .iter()
        .filter(|(p, bytes)| after.get(*p).is_some_and(|now| now != *bytes))
        .map(|(p, _)| p)
        .collect();
    assert!(
        added.is_empty() && removed.is_empty() && changed.is_empty(),
        "{what}: the vault directory changed: added {added:?}, removed {removed:?}, changed {changed:?}"
    );
}

/// File names (relative paths) of a snapshot, for listings in messages.
pub fn names(snapshot: &Snapshot) -> Vec<String> {
    snapshot.keys().map(|p| p.display().to_string()).collect()
}

/// `embargo --vault DIR` with `vault`'s `$HOME` and `$TMPDIR` and `passphrase` in
/// the environment: for vault directories other than `vault.dir()` (copies beside it).
pub fn embargo_at(vault: &TestVault, dir: &Path, passphrase: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("embargo").expect("embargo binary");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", vault.root.path())
        .env("TMPDIR", vault.tmp())
        .env("EMBARGO_PASSPHRASE", passphrase)
        .arg("--vault")
        .arg(dir);
    cmd
}

/// Run `embargo --vault DIR ARGS…` (see [`embargo_at`]).
pub fn run_at(vault: &TestVault, dir: &Path, passphrase: &str, args: &[&str]) -> Output {
    embargo_at(vault, dir, passphrase)
        .args(args)
        .output()
        .expect("run embargo")
}

/// Assert a clean failure: exit `code`, nothing on stdout, stderr `error: …`, no
/// panic, and `needle` in the message. Returns stderr.
pub fn assert_failed(out: &Output, code: i32, needle: &str, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: expected exit {code}; stderr:\n{stderr}\nstdout:\n{stdout}"
    );
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    assert!(
        stderr.starts_with("error: "),
        "{what}: stderr must start with `error: `:\n{stderr}"
    );
    assert!(
        stderr.contains(needle),
        "{what}: stderr should mention {needle:?}:\n{stderr}"
    );
    assert!(
        stdout.is_empty(),
        "{what}: a failure printed on stdout:\n{stdout}"
    );
    stderr
}

/// Stdout of a successful run.
pub fn assert_ok(out: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\n{stderr}",
        out.status.code()
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

/// Copy every file of the vault directory `from` into `to` (made fresh).
pub fn copy_vault(from: &Path, to: &Path) {
    assert!(!to.exists(), "{} already exists", to.display());
    for (relative, bytes) in snapshot(from) {
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, bytes).unwrap();
    }
}

/// `n` random bytes from the kernel, as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("reading /dev/urandom");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The byte patterns under which `secret` could sit in a file: itself, lower- and
/// upper-cased, each as UTF-8, UTF-16LE and UTF-16BE.
pub fn encodings(secret: &str) -> Vec<(String, Vec<u8>)> {
    let mut variants = vec![
        secret.to_owned(),
        secret.to_lowercase(),
        secret.to_uppercase(),
    ];
    variants.sort();
    variants.dedup();
    let mut out = Vec::new();
    for variant in variants {
        let units: Vec<u16> = variant.encode_utf16().collect();
        let le = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let be = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push((format!("{variant:?} UTF-8"), variant.clone().into_bytes()));
        out.push((format!("{variant:?} UTF-16LE"), le));
        out.push((format!("{variant:?} UTF-16BE"), be));
    }
    out
}

/// Every `(file, pattern)` where one of `patterns` occurs in one of `files`.
pub fn hits(files: &[PathBuf], patterns: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        for (name, pattern) in patterns {
            if contains(&bytes, pattern) {
                found.push(format!("{} holds {name}", file.display()));
            }
        }
    }
    found
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
