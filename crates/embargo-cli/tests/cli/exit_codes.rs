//! Exit codes: usage, passphrase, lock, vault problems, check.

use std::path::Path;

use serde_json::json;

use crate::support::{TestVault, corpus};
use crate::{len, refused};

#[test]
fn usage_errors_exit_2_before_the_vault_is_touched() {
    // Argument errors are found before the vault is opened: no vault is needed.
    let vault = TestVault::empty();
    let stderr = refused(&vault, &["case", "frobnicate"], 2);
    assert!(
        stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{stderr}"
    );
    let stderr = refused(&vault, &["case", "new", "--reporter-name", "Alice"], 2);
    assert!(stderr.contains("--title <TITLE>"), "{stderr}");
    let stderr = refused(&vault, &["import"], 2);
    assert!(stderr.contains("<FILES>"), "{stderr}");
    assert!(
        !vault.dir().exists(),
        "a usage error must not create a vault"
    );
}

#[test]
fn wrong_passphrase_exits_3_and_a_vault_in_use_exits_4() {
    let vault = TestVault::new();
    let out = vault
        .cmd()
        .env("EMBARGO_PASSPHRASE", "not the passphrase")
        .args(["case", "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.starts_with("error: wrong passphrase"), "{stderr}");

    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(vault.dir().join("vault.lock"))
        .unwrap();
    lock.lock().unwrap();
    let stderr = refused(&vault, &["case", "list"], 4);
    assert!(
        stderr.contains("in use by another Embargo process"),
        "{stderr}"
    );
    lock.unlock().unwrap();
    assert_eq!(vault.json(&["case", "list"]), json!([]));
}

#[test]
fn a_missing_newer_or_keyless_vault_exits_5() {
    let empty = TestVault::empty();
    let stderr = refused(&empty, &["case", "list"], 5);
    assert!(stderr.starts_with("error: no vault at"), "{stderr}");

    let vault = TestVault::new();
    let identity = vault.dir().join("identity.json");
    let original = std::fs::read_to_string(&identity).unwrap();
    assert!(original.contains("\"format\": 1"), "{original}");
    std::fs::write(
        &identity,
        original.replace("\"format\": 1", "\"format\": 99"),
    )
    .unwrap();
    let stderr = refused(&vault, &["case", "list"], 5);
    assert!(
        stderr.contains("written by a newer Embargo (format 99"),
        "{stderr}"
    );
    std::fs::write(&identity, original).unwrap();

    std::fs::remove_file(vault.dir().join("keys.age")).unwrap();
    let stderr = refused(&vault, &["case", "list"], 5);
    assert!(stderr.contains("keys.age is missing"), "{stderr}");
}

#[test]
fn a_damaged_database_exits_5_with_only_the_error_on_stderr() {
    let vault = TestVault::new();
    vault.new_case("Anything", "2026-11-01T00:00:00Z");
    let db = vault.dir().join("vault.db");
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..100]).unwrap();
    let stderr = refused(&vault, &["case", "list"], 5);
    assert!(
        stderr.contains("is damaged or has been tampered with"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line, no library log noise:\n{stderr}"
    );
}

/// Flip one byte in the last page of the encrypted database.
fn tamper_last_page(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    let at = bytes.len() - 4096 + 100;
    bytes[at] ^= 0xff;
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn check_passes_on_a_healthy_vault_and_reports_a_tampered_page_with_exit_6() {
    let vault = TestVault::new();
    vault.ok(&[
        "import",
        corpus("plain.eml").to_str().unwrap(),
        corpus("with-attachment.eml").to_str().unwrap(),
    ]);
    let healthy = vault.json(&["check"]);
    assert_eq!(healthy["cases"], 2);
    assert_eq!(healthy["problems"], json!([]));

    tamper_last_page(&vault.dir().join("vault.db"));
    let out = vault.run(&["--json", "check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(6),
        "check must report the damage as a problem; stderr:\n{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(len(&report["problems"]) >= 1, "{report}");
}
