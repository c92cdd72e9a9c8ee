//! While one process holds the vault open, every other `embargo` gets exit 4 and
//! changes nothing; concurrent writers never corrupt the vault.

use std::process::{Command, Stdio};

use embargo_api::vault::Vault;
use secrecy::SecretString;

use crate::support::{PASSPHRASE, TestVault, corpus};
use crate::{assert_failed, assert_unchanged, snapshot};

const IN_USE: &str = "vault is in use by another Embargo process";

#[test]
fn a_vault_held_open_by_another_process_exits_4_and_changes_nothing() {
    let vault = TestVault::new();
    let id = vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    let list = vault.json(&["case", "list"]);
    let mail = corpus("plain.eml");
    {
        let held = Vault::open(&vault.dir(), &SecretString::from(PASSPHRASE))
            .expect("the library opens the vault");
        assert_eq!(held.list().unwrap().len(), 1);
        let before = snapshot(&vault.dir());
        let attempts: [&[&str]; 6] = [
            &["case", "list"],
            &["case", "show", &id],
            &["note", &id, "must wait for the lock"],
            &["import", mail.to_str().unwrap()],
            &["check"],
            &["passphrase", "change"],
        ];
        for args in attempts {
            let out = vault
                .cmd()
                .env("EMBARGO_NEW_PASSPHRASE", "another good passphrase")
                .args(args)
                .output()
                .unwrap();
            let what = format!("embargo {args:?} while the vault is held");
            let stderr = assert_failed(&out, 4, IN_USE, &what);
            assert!(
                stderr.contains(&vault.dir().display().to_string()),
                "{stderr}"
            );
            assert_unchanged(&before, &snapshot(&vault.dir()), &what);
        }
        drop(held);
    }
    // Released: the command line works again and sees the same data.
    assert_eq!(vault.json(&["case", "list"]), list);
    let noted = vault.json(&["note", &id, "after the lock was released"]);
    assert_eq!(noted["notes"][0]["text"], "after the lock was released");
}

#[test]
fn concurrent_writers_either_succeed_or_exit_4_and_the_vault_stays_consistent() {
    let vault = TestVault::new();
    let children: Vec<_> = (0..4)
        .map(|n| {
            Command::new(env!("CARGO_BIN_EXE_embargo"))
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", vault.root.path())
                .env("TMPDIR", vault.tmp())
                .env("EMBARGO_PASSPHRASE", PASSPHRASE)
                .arg("--vault")
                .arg(vault.dir())
                .args([
                    "--json",
                    "case",
                    "new",
                    "--title",
                    &format!("Concurrent case {n}"),
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut created = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            created += 1;
        } else {
            assert_failed(&out, 4, IN_USE, "a concurrent `case new`");
        }
    }
    assert!(created >= 1, "no writer got the vault");
    let list = vault.json(&["case", "list"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), created, "{list}");
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "two cases share an id: {ids:?}");
    let report = vault.json(&["check"]);
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
}

#[test]
fn the_lock_holds_when_vault_lock_is_deleted_or_replaced() {
    // Issue 11: deleting `vault.lock` let a second process write while the app
    // or `sync --watch` held the vault.
    let vault = TestVault::new();
    let id = vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    let held = Vault::open(&vault.dir(), &SecretString::from(PASSPHRASE))
        .expect("the library opens the vault");
    let lock_file = vault.dir().join("vault.lock");
    std::fs::remove_file(&lock_file).expect("delete vault.lock");
    let err = vault.fails(&["note", &id, "written beside the holder"], 4);
    assert!(err.contains(IN_USE), "{err}");

    std::fs::write(&lock_file, "").expect("a new vault.lock");
    let replaced = vault.dir().join("replacement");
    std::fs::write(&replaced, "").expect("write");
    std::fs::rename(&replaced, &lock_file).expect("replace vault.lock");
    let err = vault.fails(&["note", &id, "written beside the holder"], 4);
    assert!(err.contains(IN_USE), "{err}");
    drop(held);
    let noted = vault.json(&["note", &id, "after the holder let go"]);
    assert_eq!(noted["notes"].as_array().unwrap().len(), 1);
}
