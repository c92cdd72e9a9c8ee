//! Someone with a minute at the laptop edits the plaintext `identity.json` so that
//! `identity show` would hand teammates a bundle with their recipient (or another
//! device id) under the real signing key. The vault refuses to open instead: exit
//! 5, the reason in words, no bundle, no file changed.

use std::path::Path;

use serde_json::Value;

use crate::support::TestVault;
use crate::{assert_failed, assert_unchanged, snapshot};

/// An age recipient whose secret key is not this vault's (it is the frozen test
/// vault's, in embargo-vault's test vectors).
const ATTACKER_RECIPIENT: &str = "age1ze0m0x2szp6let5j6cqy3jcjst07yale8tx42ua770u9sfe34ufshq9fln";
const OTHER_DEVICE: &str = "6f1d3c1e-2b4a-4c5d-9e8f-0a1b2c3d4e5f";

const MISMATCH: &str = "identity.json does not match this vault's keys: it was replaced or damaged. Nothing was changed.";

fn swap(dir: &Path, field: &str, value: &str) {
    let path = dir.join("identity.json");
    let mut identity: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_ne!(identity[field], value);
    identity[field] = Value::String(value.to_owned());
    std::fs::write(&path, serde_json::to_vec_pretty(&identity).unwrap()).unwrap();
}

fn identity_show_refuses(vault: &TestVault, wrong: &str, what: &str) {
    let before = snapshot(&vault.dir());
    for args in [
        &["identity", "show"][..],
        &["--json", "identity", "show"][..],
    ] {
        let out = vault.run(args);
        let what = format!("embargo {args:?} after {what}");
        let stderr = assert_failed(&out, 5, MISMATCH, &what);
        assert!(stderr.contains(wrong), "{what}: names the value: {stderr}");
        assert!(stderr.contains("Restore identity.json"), "{what}: {stderr}");
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("embargo-member-v1"),
            "{what}: printed a bundle"
        );
        assert_unchanged(&before, &snapshot(&vault.dir()), &what);
    }
}

#[test]
fn identity_show_refuses_a_swapped_recipient_and_prints_no_bundle() {
    let vault = TestVault::new();
    let bundle = vault.json(&["identity", "show"])["bundle"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(bundle.starts_with("embargo-member-v1"), "{bundle}");
    let original = std::fs::read(vault.dir().join("identity.json")).unwrap();

    swap(&vault.dir(), "recipient", ATTACKER_RECIPIENT);
    identity_show_refuses(&vault, ATTACKER_RECIPIENT, "a swapped recipient");

    std::fs::write(vault.dir().join("identity.json"), original).unwrap();
    assert_eq!(vault.json(&["identity", "show"])["bundle"], bundle.as_str());
}

#[test]
fn identity_show_refuses_a_swapped_device_id() {
    let vault = TestVault::new();
    swap(&vault.dir(), "device_id", OTHER_DEVICE);
    identity_show_refuses(&vault, OTHER_DEVICE, "a swapped device id");
    // Every other command refuses too: nothing opens.
    assert_failed(&vault.run(&["case", "list"]), 5, MISMATCH, "case list");
}
