//! `passphrase change`: the old passphrase stops working, the new one opens the same
//! data, a bad new passphrase changes nothing, and a crash leftover is harmless.

use std::path::Path;

use crate::support::{PASSPHRASE, TestVault};
use crate::{assert_failed, assert_ok, assert_unchanged, embargo_at, names, run_at, snapshot};

const NEW: &str = "an entirely different passphrase";

fn change(vault: &TestVault, old: &str, new: &str) -> std::process::Output {
    embargo_at(vault, &vault.dir(), old)
        .env("EMBARGO_NEW_PASSPHRASE", new)
        .args(["passphrase", "change"])
        .output()
        .unwrap()
}

fn list_with(vault: &TestVault, passphrase: &str) -> serde_json::Value {
    let out = run_at(vault, &vault.dir(), passphrase, &["--json", "case", "list"]);
    serde_json::from_str(&assert_ok(&out, "case list")).unwrap()
}

fn file(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

#[test]
fn changing_the_passphrase_switches_it_keeps_the_data_and_refuses_bad_input() {
    let vault = TestVault::new();
    let dir = vault.dir();
    vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    vault.new_case("Stored XSS in the admin console", "2026-11-05T09:00:00Z");
    let list = vault.json(&["case", "list"]);
    let before = snapshot(&dir);

    // Refused before anything is written: too short, empty, or a wrong old passphrase.
    let short = change(&vault, PASSPHRASE, "short");
    assert_failed(
        &short,
        1,
        "the passphrase is too short",
        "a 5-character new passphrase",
    );
    let empty = change(&vault, PASSPHRASE, "");
    assert_failed(
        &empty,
        1,
        "the passphrase is empty",
        "an empty new passphrase",
    );
    let wrong_old = change(&vault, "not the passphrase", NEW);
    assert_failed(&wrong_old, 3, "wrong passphrase", "a wrong old passphrase");
    assert_unchanged(&before, &snapshot(&dir), "refused passphrase changes");
    assert_eq!(
        list_with(&vault, PASSPHRASE),
        list,
        "the old passphrase still works"
    );

    let before = snapshot(&dir);
    let changed = change(&vault, PASSPHRASE, NEW);
    assert_eq!(
        assert_ok(&changed, "passphrase change").trim(),
        "Passphrase changed."
    );
    let after = snapshot(&dir);
    assert_eq!(
        names(&before),
        names(&after),
        "no file added or left behind"
    );
    assert_ne!(file(&dir, "keys.age"), before[Path::new("keys.age")]);
    for untouched in ["identity.json", "db.key.age", "vault.db"] {
        assert_eq!(
            after[Path::new(untouched)],
            before[Path::new(untouched)],
            "{untouched} must not change with the passphrase"
        );
    }

    let old = run_at(&vault, &dir, PASSPHRASE, &["case", "list"]);
    assert_failed(
        &old,
        3,
        "wrong passphrase",
        "the old passphrase after the change",
    );
    assert_eq!(
        list_with(&vault, NEW),
        list,
        "the new passphrase opens the same cases"
    );
    let report = run_at(&vault, &dir, NEW, &["--json", "check"]);
    let report: serde_json::Value = serde_json::from_str(&assert_ok(&report, "check")).unwrap();
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
}

#[test]
fn a_leftover_temporary_key_file_from_a_crash_does_not_break_opening() {
    let vault = TestVault::new();
    let dir = vault.dir();
    vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    let list = vault.json(&["case", "list"]);
    let keys = file(&dir, "keys.age");

    // What a crash leaves: a half-written and a complete temporary key file.
    let half = dir.join(".keys.age.0123456789abcdef0123456789abcdef.tmp");
    let whole = dir.join(".keys.age.fedcba9876543210fedcba9876543210.tmp");
    std::fs::write(&half, &keys[..keys.len() / 2]).unwrap();
    std::fs::write(&whole, b"garbage that is not an age file").unwrap();
    let before = snapshot(&dir);
    assert_eq!(vault.json(&["case", "list"]), list);
    let report = vault.json(&["check"]);
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    assert_eq!(
        file(&dir, "keys.age"),
        keys,
        "opening must not touch keys.age"
    );

    // A change with the leftovers present still works and is atomic.
    let changed = change(&vault, PASSPHRASE, NEW);
    assert_ok(&changed, "passphrase change beside leftovers");
    assert_eq!(list_with(&vault, NEW), list);
    let old = run_at(&vault, &dir, PASSPHRASE, &["case", "list"]);
    assert_failed(
        &old,
        3,
        "wrong passphrase",
        "the old passphrase after the change",
    );
    let after = snapshot(&dir);
    assert_eq!(
        names(&before),
        names(&after),
        "the change left a temporary file"
    );
    assert!(half.exists() && whole.exists());
}
