//! `init` (and `demo`) never overwrite a vault, whole or partial.

use crate::support::{PASSPHRASE, TestVault};
use crate::{assert_failed, assert_unchanged, copy_vault, run_at, snapshot};

fn refuses_to_create(out: &std::process::Output, what: &str) -> String {
    let code = out.status.code();
    assert!(
        matches!(code, Some(1 | 5)),
        "{what}: expected exit 1 or 5, got {code:?}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_failed(out, code.unwrap(), "a vault already exists", what)
}

#[test]
fn init_and_demo_refuse_to_overwrite_an_existing_vault() {
    let vault = TestVault::new();
    vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    let list = vault.json(&["case", "list"]);
    let dir = vault.dir();
    let before = snapshot(&dir);

    let init = [
        "init",
        "--name",
        "Mallory",
        "--email",
        "mallory@example.org",
    ];
    for (passphrase, what) in [
        (PASSPHRASE, "init with the same passphrase"),
        (
            "another passphrase entirely",
            "init with another passphrase",
        ),
    ] {
        let out = run_at(&vault, &dir, passphrase, &init);
        let stderr = refuses_to_create(&out, what);
        assert!(stderr.contains(&dir.display().to_string()), "{stderr}");
        assert!(stderr.contains("nothing was changed"), "{stderr}");
        assert_unchanged(&before, &snapshot(&dir), what);
    }
    let demo = run_at(&vault, &dir, PASSPHRASE, &["demo"]);
    refuses_to_create(&demo, "demo over an existing vault");
    assert_unchanged(&before, &snapshot(&dir), "demo over an existing vault");
    assert_eq!(vault.json(&["case", "list"]), list);

    // A partial vault (any one of its files) is not overwritten either.
    for keep in ["identity.json", "keys.age", "db.key.age", "vault.db"] {
        let partial = vault.root.path().join(format!("only-{keep}"));
        copy_vault(&dir, &partial);
        for file in ["identity.json", "keys.age", "db.key.age", "vault.db"] {
            if file != keep {
                std::fs::remove_file(partial.join(file)).unwrap();
            }
        }
        let what = format!("init over a vault holding only {keep}");
        let partial_before = snapshot(&partial);
        let out = run_at(&vault, &partial, PASSPHRASE, &init);
        refuses_to_create(&out, &what);
        assert_unchanged(&partial_before, &snapshot(&partial), &what);
    }
}
