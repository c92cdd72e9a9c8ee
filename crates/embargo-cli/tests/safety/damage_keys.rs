//! Damage to the key files and `identity.json`: a clear error, exit 3 or 5, and the
//! copy is left exactly as it was (nothing re-created, nothing rewritten).

use std::path::Path;

use crate::damage::{Original, assert_damaged};
use crate::{assert_failed, assert_unchanged, snapshot};

/// A read and a write command on `dir`: assert `expect` on each output and that the
/// directory did not change.
fn refused_without_change(
    original: &Original,
    dir: &Path,
    what: &str,
    expect: impl Fn(&std::process::Output, &str),
) {
    refused(original, dir, what, &[READ, WRITE], expect);
}

const READ: &[&str] = &["case", "list"];
const WRITE: &[&str] = &["case", "new", "--title", "Must not be written"];

fn refused(
    original: &Original,
    dir: &Path,
    what: &str,
    commands: &[&[&str]],
    expect: impl Fn(&std::process::Output, &str),
) {
    let before = snapshot(dir);
    for args in commands {
        let out = original.run(dir, args);
        let what = format!("embargo {args:?}, {what}");
        expect(&out, &what);
        assert_unchanged(&before, &snapshot(dir), &what);
    }
}

/// No `keys.age`: "key file … is missing", exit 5; no new key, vault or database.
pub fn missing_keys(original: &Original) {
    let dir = original.copy("no-keys");
    std::fs::remove_file(dir.join("keys.age")).unwrap();
    let expected = format!("the key file {} is missing", dir.join("keys.age").display());
    refused_without_change(original, &dir, "keys.age deleted", |out, what| {
        assert_failed(out, 5, &expected, what);
    });
    assert!(!dir.join("keys.age").exists());
}

/// No `db.key.age`: "key file … is missing", exit 5; no new database key.
pub fn missing_db_key(original: &Original) {
    let dir = original.copy("no-db-key");
    std::fs::remove_file(dir.join("db.key.age")).unwrap();
    let expected = format!(
        "the key file {} is missing",
        dir.join("db.key.age").display()
    );
    refused_without_change(original, &dir, "db.key.age deleted", |out, what| {
        assert_failed(out, 5, &expected, what);
    });
    assert!(!dir.join("db.key.age").exists());
}

/// A flipped byte anywhere in `keys.age` (magic, scrypt salt, wrapped key, header
/// MAC, payload): "wrong passphrase" (exit 3) or "damaged" (exit 5).
pub fn flipped_keys(original: &Original) {
    let sealed = &original.files[Path::new("keys.age")];
    let text = String::from_utf8_lossy(sealed);
    let salt = text.find("-> scrypt ").expect("an scrypt stanza") + 12;
    let wrapped = text.find('\n').unwrap() + 1 + text.lines().nth(1).unwrap().len() + 5;
    let mac = text.find("\n--- ").expect("a header MAC") + 10;
    let offsets = [0, salt, wrapped, mac, sealed.len() - 1];
    for offset in offsets {
        let dir = original.copy(&format!("keys-flip-{offset}"));
        let mut bytes = sealed.clone();
        // Stay printable inside the header so the damage is subtle.
        bytes[offset] ^= if offset < mac + 20 { 0x01 } else { 0x80 };
        std::fs::write(dir.join("keys.age"), bytes).unwrap();
        let what = format!("keys.age flipped at offset {offset}");
        refused(original, &dir, &what, &[READ], |out, what| {
            match out.status.code() {
                Some(3) => assert_failed(out, 3, "wrong passphrase", what),
                _ => assert_failed(out, 5, "keys.age is damaged", what),
            };
        });
    }
}

/// A `keys.age` whose scrypt stanza asks for a work factor above what Embargo
/// writes (2^18) plus its margin: "damaged", exit 5, refused before any work
/// (issue 11: factor 22 cost 4 GiB and 22 s, then said "wrong passphrase").
pub fn slow_keys(original: &Original) {
    let sealed = &original.files[Path::new("keys.age")];
    let text = String::from_utf8_lossy(sealed);
    let stanza = text.find("-> scrypt ").expect("an scrypt stanza");
    let line_end = stanza + text[stanza..].find('\n').unwrap();
    assert!(
        text[stanza..line_end].ends_with(" 18"),
        "Embargo writes factor 18"
    );
    for factor in ["20", "22", "40"] {
        let dir = original.copy(&format!("keys-factor-{factor}"));
        let mut bytes = sealed.clone();
        bytes[line_end - 2..line_end].copy_from_slice(factor.as_bytes());
        std::fs::write(dir.join("keys.age"), bytes).unwrap();
        let what = format!("keys.age asking for scrypt factor {factor}");
        refused(original, &dir, &what, &[READ, WRITE], |out, what| {
            assert_failed(out, 5, "keys.age is damaged", what);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.contains(&format!(
                    "scrypt work factor of 2^{factor}, above the 2^19 Embargo accepts"
                )),
                "{what}: {stderr}"
            );
        });
    }
}

/// A flipped byte in the payload of `db.key.age`: "damaged", exit 5.
pub fn flipped_db_key(original: &Original) {
    let dir = original.copy("db-key-flip");
    let mut bytes = original.files[Path::new("db.key.age")].clone();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x80;
    std::fs::write(dir.join("db.key.age"), bytes).unwrap();
    refused_without_change(original, &dir, "db.key.age flipped", |out, what| {
        assert_failed(out, 5, "db.key.age is damaged", what);
    });
}

/// `identity.json` is text but not JSON: "damaged", exit 5, naming the file.
pub fn garbage_identity(original: &Original) {
    let dir = original.copy("garbage-identity");
    std::fs::write(dir.join("identity.json"), "{{ not json at all, \u{7} ]").unwrap();
    refused_without_change(original, &dir, "identity.json garbage", |out, what| {
        let stderr = assert_damaged(out, what);
        assert!(stderr.contains("identity.json"), "{what}: {stderr}");
    });
}

/// `identity.json` is binary garbage (not even UTF-8, as after disk damage): the
/// same "damaged", exit 5, naming the file.
pub fn binary_identity(original: &Original) {
    let dir = original.copy("binary-identity");
    std::fs::write(dir.join("identity.json"), b"\x00\xff\xfe{\x80\x07 garbage").unwrap();
    refused_without_change(
        original,
        &dir,
        "identity.json binary garbage",
        |out, what| {
            let stderr = assert_damaged(out, what);
            assert!(stderr.contains("identity.json"), "{what}: {stderr}");
        },
    );
}

/// `identity.json` deleted while the keys and database are there: not "no vault"
/// (which would invite `init`), but "key file … is missing", exit 5.
pub fn missing_identity(original: &Original) {
    let dir = original.copy("no-identity");
    std::fs::remove_file(dir.join("identity.json")).unwrap();
    let expected = format!(
        "the key file {} is missing",
        dir.join("identity.json").display()
    );
    refused_without_change(original, &dir, "identity.json deleted", |out, what| {
        assert_failed(out, 5, &expected, what);
    });
}

/// `format` 99: "written by a newer Embargo", exit 5.
pub fn newer_format(original: &Original) {
    let dir = original.copy("format-99");
    let identity = String::from_utf8(original.files[Path::new("identity.json")].clone()).unwrap();
    assert!(identity.contains("\"format\": 1"), "{identity}");
    std::fs::write(
        dir.join("identity.json"),
        identity.replace("\"format\": 1", "\"format\": 99"),
    )
    .unwrap();
    refused_without_change(original, &dir, "identity.json format 99", |out, what| {
        assert_failed(out, 5, "written by a newer Embargo (format 99", what);
    });
}
