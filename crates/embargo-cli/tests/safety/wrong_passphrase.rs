//! A wrong passphrase exits 3 and leaves every byte of the vault as it was.

use crate::support::{PASSPHRASE, TestVault, corpus};
use crate::{assert_failed, assert_unchanged, embargo_at, snapshot};

#[test]
fn a_wrong_passphrase_exits_3_and_changes_no_byte_of_the_vault() {
    let vault = TestVault::new();
    let id = vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    let list = vault.json(&["case", "list"]);
    let before = snapshot(&vault.dir());
    assert!(before.len() >= 4, "{:?}", before.keys());

    let dir = vault.dir();
    let mail = corpus("plain.eml");
    let attempts: [&[&str]; 5] = [
        &["case", "list"],
        &["case", "new", "--title", "Should not be stored"],
        &["note", &id, "should not be stored"],
        &["import", mail.to_str().unwrap()],
        &["passphrase", "change"],
    ];
    let wrong = ["not the passphrase", &PASSPHRASE[..PASSPHRASE.len() - 1]];
    for (attempt, args) in attempts.iter().enumerate() {
        let passphrase = wrong[attempt % wrong.len()];
        let out = embargo_at(&vault, &dir, passphrase)
            .env("EMBARGO_NEW_PASSPHRASE", "a perfectly good new passphrase")
            .args(*args)
            .output()
            .unwrap();
        let what = format!("embargo {args:?} with a wrong passphrase");
        let stderr = assert_failed(&out, 3, "", &what);
        assert!(
            stderr.starts_with(&format!(
                "error: wrong passphrase for the vault at {}",
                dir.display()
            )),
            "{what}:\n{stderr}"
        );
        assert!(
            !stderr.contains(passphrase),
            "{what} echoed the passphrase:\n{stderr}"
        );
        assert_unchanged(&before, &snapshot(&dir), &what);
    }

    // A passphrase file with the wrong first line is refused the same way.
    let file = vault.root.path().join("wrong-passphrase.txt");
    std::fs::write(&file, "not the passphrase\n").unwrap();
    let out = vault
        .cmd()
        .env_remove("EMBARGO_PASSPHRASE")
        .arg("--passphrase-file")
        .arg(&file)
        .args(["case", "list"])
        .output()
        .unwrap();
    assert_failed(
        &out,
        3,
        "wrong passphrase",
        "--passphrase-file with a wrong passphrase",
    );
    assert_unchanged(&before, &snapshot(&dir), "--passphrase-file");

    // The right passphrase still opens exactly the same cases.
    assert_eq!(vault.json(&["case", "list"]), list);
}
