//! Damage to `vault.db`: flipped bytes, truncation, deletion, a garbage WAL.

use crate::damage::{Original, assert_check_fails, assert_damaged, assert_list_damaged_or_intact};
use crate::{assert_failed, assert_unchanged, names, snapshot};

/// SQLCipher's page size.
const PAGE: u64 = 4096;

/// Bytes flipped at offsets inside pages 1, 2, the middle page and the last page:
/// `check` never passes and `case list` never shows other data.
pub fn flipped_pages(original: &Original) {
    let len = original.files[std::path::Path::new("vault.db")].len() as u64;
    let pages = len / PAGE;
    assert!(pages >= 8, "vault.db has only {pages} pages");
    let offsets = [
        2000,
        PAGE + 2048,
        (pages / 2) * PAGE + 1500,
        (pages - 1) * PAGE + 3000,
    ];
    for offset in offsets {
        let dir = original.copy(&format!("flip-{offset}"));
        let db = dir.join("vault.db");
        let mut bytes = std::fs::read(&db).unwrap();
        for byte in &mut bytes[offset as usize..offset as usize + 4] {
            *byte ^= 0x5a;
        }
        std::fs::write(&db, bytes).unwrap();
        let what = format!(
            "bytes flipped at offset {offset} (page {})",
            offset / PAGE + 1
        );
        let list = original.run(&dir, &["--json", "case", "list"]);
        assert_list_damaged_or_intact(original, &list, &format!("case list, {what}"));
        let check = original.run(&dir, &["--json", "check"]);
        assert_check_fails(&check, &format!("check, {what}"));
    }
}

/// Half of `vault.db` is gone: `check` never passes, `case list` never lies.
pub fn truncated_database(original: &Original) {
    let dir = original.copy("truncated");
    let db = dir.join("vault.db");
    let len = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let list = original.run(&dir, &["--json", "case", "list"]);
    assert_list_damaged_or_intact(original, &list, "case list, vault.db truncated to half");
    let check = original.run(&dir, &["--json", "check"]);
    assert_check_fails(&check, "check, vault.db truncated to half");
}

/// No `vault.db`: exit 5 "database … is missing", and no new database appears.
pub fn missing_database(original: &Original) {
    let dir = original.copy("no-db");
    std::fs::remove_file(dir.join("vault.db")).unwrap();
    let before = snapshot(&dir);
    let expected = format!("the database {} is missing", dir.join("vault.db").display());
    for args in [
        &["case", "list"][..],
        &["check"],
        &["case", "new", "--title", "Must not create a database"],
    ] {
        let out = original.run(&dir, args);
        let what = format!("embargo {args:?} without vault.db");
        assert_failed(&out, 5, &expected, &what);
        let after = snapshot(&dir);
        assert!(
            !dir.join("vault.db").exists(),
            "{what} created {:?}",
            names(&after)
        );
        assert_unchanged(&before, &after, &what);
    }
}

/// A `vault.db-wal` full of garbage beside an intact database (as after a crash
/// mid-write of a bad disk): either ignored (the same cases, a clean check) or
/// reported as damage; never other data, never a panic.
pub fn garbage_wal(original: &Original) {
    let dir = original.copy("garbage-wal");
    let garbage: Vec<u8> = (0..3 * PAGE as usize).map(|i| (i * 7 + 13) as u8).collect();
    std::fs::write(dir.join("vault.db-wal"), garbage).unwrap();
    let list = original.run(&dir, &["--json", "case", "list"]);
    assert_list_damaged_or_intact(original, &list, "case list, garbage WAL");
    let check = original.run(&dir, &["--json", "check"]);
    if check.status.code() == Some(0) {
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        assert_eq!(report["problems"], serde_json::json!([]), "{report}");
        assert_eq!(report["cases"], 3, "{report}");
    } else {
        assert_damaged(&check, "check, garbage WAL");
    }
}
