//! A damaged copy of a vault fails cleanly (exit 5 or 6, never a panic, never a
//! new file), and the intact original beside it keeps working, byte for byte.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;

use serde_json::Value;

use crate::support::{PASSPHRASE, TestVault, corpus};
use crate::{Snapshot, assert_unchanged, copy_vault, run_at, snapshot};

/// The populated original that every scenario copies.
pub struct Original {
    pub vault: TestVault,
    /// `case list --json` of the intact vault.
    pub list: Value,
    /// Every file of the intact vault directory.
    pub files: Snapshot,
}

impl Original {
    /// A fresh copy of the vault beside the original (same root, same `$TMPDIR`).
    pub fn copy(&self, name: &str) -> PathBuf {
        let dir = self.vault.root.path().join(format!("copy-{name}"));
        copy_vault(&self.vault.dir(), &dir);
        dir
    }

    /// Run `embargo --vault DIR ARGS…` with the right passphrase.
    pub fn run(&self, dir: &Path, args: &[&str]) -> Output {
        run_at(&self.vault, dir, PASSPHRASE, args)
    }
}

fn populated() -> Original {
    let vault = TestVault::new();
    let first = vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    vault.new_case("Stored XSS in the admin console", "2026-11-05T09:00:00Z");
    let mail = corpus("with-attachment.eml");
    vault.ok(&["import", mail.to_str().unwrap()]);
    vault.ok(&["note", &first, "Reproduced on 0.9.3; the fix is one line."]);
    let list = vault.json(&["case", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 3, "{list}");
    // Copies are made only now, after every process has exited (WAL checkpointed).
    let files = snapshot(&vault.dir());
    Original { vault, list, files }
}

/// A failure that must say the vault is damaged: exit 5 and "damaged".
pub fn assert_damaged(out: &Output, what: &str) -> String {
    crate::assert_failed(out, 5, "damaged", what)
}

/// `check` on a damaged database must not pass: either exit 5 ("damaged") or exit
/// 6 with the problems listed. Never a generic database error (exit 1).
pub fn assert_check_fails(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    match out.status.code() {
        Some(5) => {
            assert_damaged(out, what);
        }
        Some(6) => {
            let report: Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{what}: exit 6 without a JSON report ({e})"));
            let problems = report["problems"].as_array().expect("problems");
            assert!(
                !problems.is_empty(),
                "{what}: exit 6 but no problem listed: {report}"
            );
        }
        other => panic!(
            "{what}: expected exit 5 (damaged) or 6 (problems), got {other:?}\nstdout:\n{}\nstderr:\n{stderr}",
            String::from_utf8_lossy(&out.stdout)
        ),
    }
}

/// `case list` on a damaged database either reports the damage (exit 5) or, when
/// the pages it reads are intact, shows exactly the original cases: never other data.
pub fn assert_list_damaged_or_intact(original: &Original, out: &Output, what: &str) {
    if out.status.code() == Some(0) {
        let list: Value = serde_json::from_slice(&out.stdout).expect("JSON list");
        assert_eq!(list, original.list, "{what}: listed different cases");
    } else {
        assert_damaged(out, what);
    }
}

#[test]
fn damaged_copies_fail_cleanly_and_the_intact_original_is_untouched() {
    let original = populated();
    type Scenario = fn(&Original);
    let mut scenarios: Vec<(&str, Scenario)> = vec![
        ("flipped bytes in vault.db", crate::damage_db::flipped_pages),
        (
            "flipped bytes in keys.age",
            crate::damage_keys::flipped_keys,
        ),
        (
            "vault.db truncated to half",
            crate::damage_db::truncated_database,
        ),
        ("vault.db deleted", crate::damage_db::missing_database),
        ("keys.age deleted", crate::damage_keys::missing_keys),
        (
            "a slow scrypt factor in keys.age",
            crate::damage_keys::slow_keys,
        ),
        ("db.key.age deleted", crate::damage_keys::missing_db_key),
        (
            "flipped byte in db.key.age",
            crate::damage_keys::flipped_db_key,
        ),
        (
            "text garbage in identity.json",
            crate::damage_keys::garbage_identity,
        ),
        (
            "binary garbage in identity.json",
            crate::damage_keys::binary_identity,
        ),
        (
            "identity.json deleted",
            crate::damage_keys::missing_identity,
        ),
        ("identity.json format 99", crate::damage_keys::newer_format),
        ("a garbage vault.db-wal", crate::damage_db::garbage_wal),
    ];
    scenarios.reverse(); // the slow ones first
    // Each scenario works on its own copy, so they run side by side; a failing one
    // does not hide the others.
    let queue = Mutex::new(scenarios);
    let failed = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap().pop();
                    let Some((name, scenario)) = next else { break };
                    if catch_unwind(AssertUnwindSafe(|| scenario(&original))).is_err() {
                        failed.lock().unwrap().push(name);
                    }
                }
            });
        }
    });
    let now = snapshot(&original.vault.dir());
    assert_unchanged(&original.files, &now, "the original, after every scenario");

    // The original beside the copies still opens, lists the same cases and checks clean.
    assert_eq!(original.vault.json(&["case", "list"]), original.list);
    let report = original.vault.json(&["check"]);
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    assert_eq!(report["cases"], 3, "{report}");

    let failed = failed.into_inner().unwrap();
    assert!(
        failed.is_empty(),
        "damage scenarios failed (panics above): {failed:?}"
    );
}
