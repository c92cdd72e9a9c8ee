//! An older copy of `vault.db` put back in place is refused at open and by
//! `check` (exit 5), changing nothing, until its owner accepts it (issue 11:
//! it used to open normally, the newer cases silently gone, `check` "verified").

use crate::support::TestVault;
use crate::{assert_unchanged, snapshot};

const OLDER: &str =
    "this database is older than the vault's last change: restored from a backup or swapped?";

fn titles(vault: &TestVault) -> Vec<String> {
    let list = vault.json(&["case", "list"]);
    let mut titles: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

#[test]
fn an_older_database_put_back_is_refused_until_accepted_and_older_copies_stay_refused() {
    let vault = TestVault::new();
    let database = vault.dir().join("vault.db");
    vault.new_case("First report", "2026-11-02T09:00:00Z");
    let oldest = std::fs::read(&database).unwrap();
    vault.new_case("Second report", "2026-11-03T09:00:00Z");
    let backup = std::fs::read(&database).unwrap();
    let id = vault.new_case("Third report", "2026-11-04T09:00:00Z");
    vault.ok(&["note", &id, "the newest change"]);

    std::fs::write(&database, &backup).unwrap();
    let before = snapshot(&vault.dir());
    for args in [&["case", "list"][..], &["check"], &["note", &id, "lost?"]] {
        let err = vault.fails(args, 5);
        assert!(err.contains(OLDER), "embargo {args:?}: {err}");
        assert!(err.contains("embargo check --accept-restored"), "{err}");
        assert_unchanged(&before, &snapshot(&vault.dir()), &format!("{args:?}"));
    }

    // Its owner put the backup back on purpose: accepted once, then it is the vault.
    let accepted = vault.json(&["check", "--accept-restored"]);
    assert_eq!(accepted["problems"], serde_json::json!([]));
    assert_eq!(accepted["cases"], 2);
    assert_eq!(titles(&vault), ["First report", "Second report"]);
    vault.new_case("After the restore", "2026-11-05T09:00:00Z");

    // A copy older than the accepted backup is still refused afterwards.
    std::fs::write(&database, &oldest).unwrap();
    let err = vault.fails(&["check"], 5);
    assert!(err.contains(OLDER), "{err}");
}

#[test]
fn a_deleted_or_forged_record_of_the_last_change_is_refused_like_a_rollback() {
    let vault = TestVault::new();
    vault.new_case("A report", "2026-11-02T09:00:00Z");
    let record = vault.dir().join("last-change");
    let original = std::fs::read_to_string(&record).unwrap();

    std::fs::remove_file(&record).unwrap();
    let err = vault.fails(&["case", "list"], 5);
    assert!(err.contains(OLDER) && err.contains("is missing"), "{err}");

    // Someone writing a smaller count by hand cannot make its authentication code.
    let forged = original.replacen("\"changes\":", "\"changes\":0,\"was\":", 1);
    std::fs::write(&record, forged).unwrap();
    let err = vault.fails(&["check"], 5);
    assert!(err.contains(OLDER) && err.contains("is damaged"), "{err}");
    let value: serde_json::Value = serde_json::from_str(&original).unwrap();
    let lowered = serde_json::json!({ "format": 1, "changes": 0, "mac": value["mac"] });
    std::fs::write(&record, lowered.to_string()).unwrap();
    let err = vault.fails(&["check"], 5);
    assert!(err.contains("does not match this vault's keys"), "{err}");

    std::fs::write(&record, &original).unwrap();
    assert_eq!(vault.json(&["check"])["problems"], serde_json::json!([]));
}
