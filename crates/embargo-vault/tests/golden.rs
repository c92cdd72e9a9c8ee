//! A vault written by format version 1, frozen in `tests/vectors/vault-v1`
//! (made with `embargo --now 2026-11-24T12:00:00Z demo`). Every later Embargo must
//! open it. Regenerate ONLY when the format is intentionally migrated — and then
//! keep the old vector too, to test the migration.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use embargo_domain::Status;
use embargo_vault::{Vault, VaultError};
use secrecy::SecretString;

const PASSPHRASE: &str = "golden vector passphrase";

fn copy_of_vector() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vault-v1");
    let copy = tempfile::tempdir().unwrap();
    for name in ["identity.json", "keys.age", "db.key.age", "vault.db"] {
        std::fs::copy(source.join(name), copy.path().join(name)).unwrap();
    }
    copy
}

#[test]
fn opens_the_frozen_version_1_vault() {
    let dir = copy_of_vector();
    let vault =
        Vault::open(dir.path(), &SecretString::from(PASSPHRASE)).expect("the v1 vector must open");
    let cases = vault.cases().unwrap();
    assert_eq!(cases.len(), 13);
    let published = cases
        .iter()
        .find(|c| c.human_id.to_string() == "EMB-2026-0001")
        .unwrap();
    assert_eq!(published.status, Status::Published);
    assert_eq!(published.cve_id.as_deref(), Some("CVE-2026-41007"));
    assert_eq!(published.cwe.as_deref(), Some("CWE-22"));
    assert_eq!(published.release_lines.len(), 3);
    assert_eq!(published.cvss[0].base_score, 7.5);
    let report = vault.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
    assert_eq!(report.events, 150);
}

#[test]
fn the_frozen_vault_refuses_a_wrong_passphrase() {
    let dir = copy_of_vector();
    let err = Vault::open(dir.path(), &SecretString::from("not the passphrase"))
        .expect_err("wrong passphrase");
    assert!(err.to_string().starts_with("wrong passphrase"), "{err}");
}

/// Vaults made before the database kept the public identity learn it at their
/// first open by a newer Embargo (trust on first use) and hold it from then on.
/// The recipient and signing key are checked against the secret keys even then.
#[test]
fn the_frozen_vault_learns_its_identity_at_its_first_open_and_holds_to_it() {
    let dir = copy_of_vector();
    let path = dir.path().join("identity.json");
    let original = std::fs::read(&path).unwrap();
    let edited = |field: &str, value: &str| {
        let mut identity: serde_json::Value = serde_json::from_slice(&original).unwrap();
        identity[field] = serde_json::Value::String(value.to_owned());
        std::fs::write(&path, serde_json::to_vec_pretty(&identity).unwrap()).unwrap();
    };
    let open = || Vault::open(dir.path(), &SecretString::from(PASSPHRASE));

    edited(
        "recipient",
        &age::x25519::Identity::generate().to_public().to_string(),
    );
    let err = open().expect_err("a swapped recipient, even before the first check");
    assert!(
        matches!(&err, VaultError::IdentityMismatch { differences, .. } if differences[0].field == "recipient"),
        "{err}"
    );

    std::fs::write(&path, &original).unwrap();
    drop(open().expect("the first open learns the identity"));
    edited("email", "mallory@example.org");
    let err = open().expect_err("the learned identity holds");
    assert!(
        matches!(&err, VaultError::IdentityMismatch { differences, .. }
            if differences[0].field == "email" && differences[0].in_vault == "dana@security.example.org"),
        "{err}"
    );
    std::fs::write(&path, &original).unwrap();
    assert!(open().unwrap().check().unwrap().is_healthy());
}
