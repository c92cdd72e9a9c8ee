//! `identity.json` is plaintext: anyone with a minute at the laptop can edit it.
//! Every open checks it against the secret keys and against the copy of the
//! identity inside the encrypted database, and refuses to open on any difference.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use embargo_vault::{IdentitySource, Vault, VaultError};
use secrecy::SecretString;
use serde_json::Value;

fn passphrase() -> SecretString {
    SecretString::from("identity test passphrase")
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Rewrite one field of `identity.json`, as someone at the keyboard would.
fn edit_identity(dir: &Path, field: &str, value: &str) {
    let path = dir.join("identity.json");
    let mut identity: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    identity[field] = Value::String(value.to_owned());
    std::fs::write(&path, serde_json::to_vec_pretty(&identity).unwrap()).unwrap();
}

/// Open must fail on `field`, say so in words, and leave every file as it was.
fn assert_refused(dir: &Path, field: &str, source: IdentitySource, wrong: &str) -> VaultError {
    let before = snapshot(dir);
    let err = Vault::open(dir, &passphrase()).expect_err("a changed identity.json must not open");
    match &err {
        VaultError::IdentityMismatch { path, differences } => {
            assert_eq!(path, &dir.join("identity.json"));
            assert_eq!(differences.len(), 1, "{differences:?}");
            assert_eq!(differences[0].field, field);
            assert_eq!(differences[0].source, source);
            assert_eq!(differences[0].in_file, wrong);
        }
        other => panic!("expected an identity mismatch, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains(
            "identity.json does not match this vault's keys: it was replaced or damaged. Nothing was changed."
        ),
        "{message}"
    );
    assert!(
        message.contains(wrong) && message.contains(field),
        "{message}"
    );
    assert!(message.contains("Restore identity.json"), "{message}");
    assert_eq!(snapshot(dir), before, "nothing on disk changed");
    err
}

fn vault() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("v");
    drop(Vault::create(&dir, "Dana", "dana@example.org", &passphrase()).unwrap());
    let original = std::fs::read(dir.join("identity.json")).unwrap();
    (root, dir, original)
}

#[test]
fn a_swapped_recipient_or_signing_key_is_refused_by_the_secret_keys() {
    let (_root, dir, original) = vault();
    let attacker = age::x25519::Identity::generate().to_public().to_string();
    edit_identity(&dir, "recipient", &attacker);
    assert_refused(&dir, "recipient", IdentitySource::SecretKeys, &attacker);

    std::fs::write(dir.join("identity.json"), &original).unwrap();
    let forged_key = "ab".repeat(32);
    edit_identity(&dir, "signing_key", &forged_key);
    assert_refused(&dir, "signing_key", IdentitySource::SecretKeys, &forged_key);

    std::fs::write(dir.join("identity.json"), &original).unwrap();
    Vault::open(&dir, &passphrase()).expect("the original file opens again");
}

#[test]
fn a_swapped_device_id_name_or_email_is_refused_by_the_database() {
    let (_root, dir, original) = vault();
    let other_device = uuid::Uuid::new_v4().to_string();
    for (field, wrong) in [
        ("device_id", other_device.as_str()),
        ("name", "Mallory"),
        ("email", "mallory@example.org"),
    ] {
        edit_identity(&dir, field, wrong);
        assert_refused(&dir, field, IdentitySource::Database, wrong);
        std::fs::write(dir.join("identity.json"), &original).unwrap();
    }
    Vault::open(&dir, &passphrase()).expect("the original file opens again");
}

#[test]
fn a_wrong_passphrase_is_still_a_wrong_passphrase_not_a_mismatch() {
    let (_root, dir, _) = vault();
    edit_identity(&dir, "name", "Mallory");
    let err = Vault::open(&dir, &SecretString::from("not it")).expect_err("wrong passphrase");
    assert!(matches!(err, VaultError::WrongPassphrase(_)), "{err}");
}
