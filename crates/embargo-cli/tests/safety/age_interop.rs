//! `keys.age` and `db.key.age` are standard age files: the reference `age` CLI
//! decrypts them, and what they hold never lands on disk in plaintext.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::support::{PASSPHRASE, TestVault, files_under};
use crate::{contains, encodings, hits};

const AGE: &str = "/usr/bin/age";

/// A command with only the test's `$HOME` and `$TMPDIR`.
fn tool(vault: &TestVault, program: &str) -> Command {
    assert!(
        Path::new(AGE).exists(),
        "the reference age CLI is missing at {AGE}; run scripts/setup.sh"
    );
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", vault.root.path())
        .env("TMPDIR", vault.tmp())
        .env("TERM", "dumb");
    cmd
}

/// `age -d -o OUT FILE` with `passphrase` typed at a terminal: age reads passphrases
/// only from a terminal, so run it under `script` and type once the prompt shows.
fn age_decrypt_with_passphrase(
    vault: &TestVault,
    file: &Path,
    out: &Path,
    passphrase: &str,
) -> Output {
    let command = format!("{AGE} -d -o '{}' '{}'", out.display(), file.display());
    let mut child = tool(vault, "timeout")
        .args(["60", "script", "-qfec", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run script");
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut chunk = [0u8; 256];
    while !contains(&seen, b"Enter passphrase") {
        let n = stdout.read(&mut chunk).unwrap();
        assert!(
            n > 0,
            "age never asked for the passphrase: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&chunk[..n]);
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{passphrase}\n").as_bytes())
        .unwrap();
    drop(stdin);
    stdout.read_to_end(&mut seen).unwrap();
    let mut output = child.wait_with_output().unwrap();
    output.stdout = seen;
    output
}

#[test]
fn the_age_cli_decrypts_the_key_files_and_their_contents_never_land_on_disk() {
    let vault = TestVault::new();
    vault.new_case("Heap overflow in the PNG decoder", "2026-11-02T09:00:00Z");
    let out_dir = vault.root.path().join("age-out");
    std::fs::create_dir(&out_dir).unwrap();

    // The wrong passphrase is refused by age too (so the passphrase really matters).
    let refused = out_dir.join("refused.json");
    let wrong = age_decrypt_with_passphrase(
        &vault,
        &vault.dir().join("keys.age"),
        &refused,
        "nope nope nope",
    );
    assert!(!wrong.status.success(), "age accepted a wrong passphrase");
    assert!(!refused.exists(), "age wrote output for a wrong passphrase");

    let keys_json = out_dir.join("keys.json");
    let out = age_decrypt_with_passphrase(
        &vault,
        &vault.dir().join("keys.age"),
        &keys_json,
        PASSPHRASE,
    );
    assert!(
        out.status.success(),
        "age -d keys.age failed ({:?}):\n{}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let keys: Value = serde_json::from_slice(&std::fs::read(&keys_json).unwrap()).expect("JSON");
    let mut fields: Vec<&String> = keys.as_object().expect("an object").keys().collect();
    fields.sort();
    assert_eq!(fields, ["age_identity", "signing_key", "version"], "{keys}");
    assert_eq!(keys["version"], 1);
    let secret = keys["age_identity"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("AGE-SECRET-KEY-1"),
        "not an age identity"
    );
    let signing = keys["signing_key"].as_str().unwrap().to_owned();
    assert_eq!(signing.len(), 64);
    assert!(signing.chars().all(|c| c.is_ascii_hexdigit()));

    // The identity belongs to the public recipient in identity.json.
    let identity_file = out_dir.join("identity.txt");
    std::fs::write(&identity_file, format!("{secret}\n")).unwrap();
    let public: Value =
        serde_json::from_slice(&std::fs::read(vault.dir().join("identity.json")).unwrap()).unwrap();
    let recipient = tool(&vault, "age-keygen")
        .arg("-y")
        .arg(&identity_file)
        .output()
        .unwrap();
    assert!(
        recipient.status.success(),
        "{}",
        String::from_utf8_lossy(&recipient.stderr)
    );
    assert_eq!(
        String::from_utf8(recipient.stdout).unwrap().trim(),
        public["recipient"]
    );
    assert_ne!(
        public["signing_key"],
        signing.as_str(),
        "the public key is not the secret"
    );

    // db.key.age opens with that identity and holds exactly a 256-bit key.
    let db_key = tool(&vault, AGE)
        .arg("-d")
        .arg("-i")
        .arg(&identity_file)
        .arg(vault.dir().join("db.key.age"))
        .output()
        .unwrap();
    assert!(
        db_key.status.success(),
        "{}",
        String::from_utf8_lossy(&db_key.stderr)
    );
    let db_key = db_key.stdout;
    assert_eq!(
        db_key.len(),
        32,
        "the database key must be exactly 32 bytes"
    );
    assert_ne!(db_key, [0u8; 32]);

    // More work on the vault, then look for every secret outside the age-out dir.
    vault.ok(&["case", "list"]);
    vault.ok(&["check"]);
    let hex: String = db_key.iter().map(|b| format!("{b:02x}")).collect();
    let mut patterns = encodings(&secret);
    patterns.extend(encodings(&signing));
    patterns.extend(encodings(&hex));
    patterns.push(("the raw database key".to_owned(), db_key.clone()));
    assert!(
        !hits(&[keys_json, identity_file], &patterns).is_empty(),
        "the scan finds the keys"
    );
    let elsewhere: Vec<PathBuf> = files_under(vault.root.path())
        .into_iter()
        .filter(|p| !p.starts_with(&out_dir))
        .collect();
    assert!(elsewhere.contains(&vault.dir().join("vault.db")));
    let found = hits(&elsewhere, &patterns);
    assert!(
        found.is_empty(),
        "a secret key is on disk in plaintext:\n{}",
        found.join("\n")
    );
    let leftovers = files_under(&vault.tmp());
    assert!(leftovers.is_empty(), "files left in $TMPDIR: {leftovers:?}");
}
