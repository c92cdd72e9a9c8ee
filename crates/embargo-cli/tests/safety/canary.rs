//! A canary string in every field, through every command, must never reach the
//! disk in plaintext (vault, `$TMPDIR`, anything else under `$HOME`) nor stderr.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::canary_mail::{probe_message, utf16le};
use crate::support::{TestVault, files_under};
use crate::{assert_ok, embargo_at, encodings, hits, random_hex};

const NEW_PASSPHRASE: &str = "a brand new passphrase for the canary vault";

/// Runs `embargo` on one test vault and keeps every run's stderr.
struct Recorder<'a> {
    vault: &'a TestVault,
    passphrase: &'static str,
    stderr: Vec<(String, String)>,
}

impl Recorder<'_> {
    fn run_in(&mut self, dir: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
        let out = embargo_at(self.vault, dir, self.passphrase)
            .envs(env.iter().copied())
            .args(args)
            .output()
            .expect("run embargo");
        let what = format!("embargo {args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        self.stderr.push((what.clone(), stderr));
        assert_ok(&out, &what)
    }

    fn run(&mut self, args: &[&str]) -> String {
        let dir = self.vault.dir();
        self.run_in(&dir, &[], args)
    }

    fn json(&mut self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let stdout = self.run(&all);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e})"))
    }
}

fn ids(rows: &Value) -> BTreeSet<String> {
    let rows = rows.as_array().expect("a JSON array");
    rows.iter()
        .map(|row| row["id"].as_str().expect("id").to_owned())
        .collect()
}

/// A case with the canary in every free-text field, a release line, a ticked
/// checklist item and a note; returns its id.
fn fill_every_field(rec: &mut Recorder<'_>, canary: &str) -> String {
    let lower = canary.to_lowercase();
    let text = |what: &str| format!("{what} {canary}");
    let opened = rec.json(&[
        "case",
        "new",
        "--title",
        &text("Title"),
        "--reporter-name",
        &text("Name"),
        "--reporter-email",
        &format!("{lower}@example.org"),
        "--received",
        "2026-11-02T09:00:00Z",
    ]);
    let id = opened["id"].as_str().unwrap().to_owned();
    let fields = [
        ("title", text("New title")),
        ("reporter-name", text("Reporter")),
        ("reporter-email", format!("{lower}-2@example.org")),
        ("credit", text("Credit")),
        ("handler", text("Handler")),
        ("product", text("Product")),
    ];
    for (field, value) in &fields {
        rec.json(&["case", "set", &id, field, value]);
    }
    rec.json(&["case", "move", &id, "acknowledged"]);
    let line = format!("{canary}.x");
    rec.json(&["case", "line", &id, &line, "--fixed", &text("1.0")]);
    rec.json(&["case", "checklist", &id, "add", &text("Checklist")]);
    rec.json(&["case", "checklist", &id, "done", "1"]);
    rec.json(&["note", &id, &text("Note")]);
    id
}

/// No pattern in any file of the vault, `$TMPDIR` or anywhere else under `$HOME`
/// (except `outside`, which holds the imported message and the saved attachment);
/// no temporary file left in the vault, nothing at all left in `$TMPDIR`.
fn assert_nothing_in_plaintext(vault: &TestVault, outside: &Path, patterns: &[(String, Vec<u8>)]) {
    let vault_files = files_under(&vault.dir());
    let names: Vec<String> = vault_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        vault_files.contains(&vault.dir().join("vault.db")),
        "{names:?}"
    );
    let stray: Vec<&String> = names.iter().filter(|n| n.ends_with(".tmp")).collect();
    assert!(
        stray.is_empty(),
        "temporary files left in the vault: {stray:?}"
    );
    let tmp_files = files_under(&vault.tmp());
    let home_files: Vec<PathBuf> = files_under(vault.root.path())
        .into_iter()
        .filter(|p| !p.starts_with(outside))
        .collect();
    assert!(
        home_files.len() > vault_files.len(),
        "the demo vault is scanned too"
    );
    for (place, files) in [
        ("vault", &vault_files),
        ("$TMPDIR", &tmp_files),
        ("$HOME", &home_files),
    ] {
        let found = hits(files, patterns);
        assert!(
            found.is_empty(),
            "the canary is in plaintext in the {place}:\n{}",
            found.join("\n")
        );
    }
    assert!(tmp_files.is_empty(), "files left in $TMPDIR: {tmp_files:?}");
}

#[test]
fn a_canary_in_every_field_never_reaches_the_disk_or_stderr() {
    let hex = random_hex(16);
    let canary = format!("CANARY-{hex}");
    let lower = canary.to_lowercase();
    let vault = TestVault::empty();
    // Outside the vault and outside $TMPDIR: the message to import, the saved attachment.
    let outside = vault.root.path().join("mail");
    std::fs::create_dir(&outside).unwrap();
    let eml = outside.join("report.eml");
    std::fs::write(&eml, probe_message(&canary, &lower)).unwrap();
    let eml_arg = eml.to_str().unwrap();
    let mut rec = Recorder {
        vault: &vault,
        passphrase: crate::support::PASSPHRASE,
        stderr: Vec::new(),
    };

    rec.run(&[
        "init",
        "--name",
        "Dana Whitfield",
        "--email",
        "dana@security.example.org",
    ]);
    let text = |what: &str| format!("{what} {canary}");
    let id = fill_every_field(&mut rec, &canary);
    let imported = rec.json(&["import", eml_arg]);
    assert_eq!(imported[0]["action"], "created", "{imported}");
    let mail_id = imported[0]["case_id"].as_str().unwrap().to_owned();

    let case = rec.json(&["case", "show", &id]);
    assert_eq!(case["title"], text("New title"));
    assert_eq!(case["status"], "acknowledged");
    assert_eq!(case["reporter"]["name"], text("Reporter"));
    assert_eq!(case["reporter"]["email"], format!("{lower}-2@example.org"));
    assert_eq!(case["reporter"]["credit"], text("Credit"));
    assert_eq!(case["handler"], text("Handler"));
    assert_eq!(case["product"], text("Product"));
    assert_eq!(case["release_lines"][0]["line"], format!("{canary}.x"));
    assert_eq!(case["checklist"][0]["text"], text("Checklist"));
    assert_eq!(case["checklist"][0]["done"], true);
    assert_eq!(case["notes"][0]["text"], text("Note"));
    let mail = rec.json(&["case", "show", &mail_id]);
    assert_eq!(mail["title"], text("Report"));
    let message = &mail["messages"][0];
    assert_eq!(
        message["from"],
        format!("Reporter {canary} <{lower}@example.org>")
    );
    assert!(
        message["body"].as_str().unwrap().contains(&canary),
        "{message}"
    );
    let names: Vec<&str> = mail["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let (att_txt, att_bin) = (format!("{canary}.txt"), format!("{canary}-utf16.bin"));
    assert_eq!(names, [att_txt.as_str(), att_bin.as_str()]);

    let both = BTreeSet::from([id.clone(), mail_id.clone()]);
    assert_eq!(ids(&rec.json(&["case", "list"])), both);
    assert_eq!(
        ids(&rec.json(&["search", &canary])),
        both,
        "searching the canary"
    );
    let saved = outside.join("saved.bin");
    let out_arg = saved.to_str().unwrap();
    rec.run(&[
        "case",
        "save-attachment",
        &mail_id,
        &att_bin,
        "--output",
        out_arg,
    ]);
    assert_eq!(std::fs::read(&saved).unwrap(), utf16le(&canary));
    let check = rec.json(&["check"]);
    assert_eq!(check["problems"], serde_json::json!([]), "{check}");

    let dir = vault.dir();
    rec.run_in(
        &dir,
        &[("EMBARGO_NEW_PASSPHRASE", NEW_PASSPHRASE)],
        &["passphrase", "change"],
    );
    rec.passphrase = NEW_PASSPHRASE;
    rec.json(&["note", &mail_id, &text("Second note")]);
    assert_eq!(
        ids(&rec.json(&["search", &hex])),
        both,
        "searching after the change"
    );
    let human = rec.run(&["case", "show", &mail_id]);
    assert!(human.contains(&text("Second note")), "{human}");
    rec.json(&["check"]);
    let demo = vault.root.path().join("demo");
    let demo_report = rec.run_in(&demo, &[], &["--json", "demo"]);
    assert!(demo_report.contains("\"cases\""), "{demo_report}");

    let mut patterns = encodings(&canary);
    patterns.extend(encodings(&hex));
    // The scanner itself works: the message we imported holds the canary.
    assert!(!hits(std::slice::from_ref(&eml), &patterns).is_empty());
    assert!(
        !hits(&[saved], &patterns).is_empty(),
        "UTF-16LE must be found"
    );

    assert_nothing_in_plaintext(&vault, &outside, &patterns);
    assert_eq!(rec.stderr.len(), 26, "every run is recorded");
    for (what, stderr) in &rec.stderr {
        assert!(
            !stderr.to_lowercase().contains(&hex),
            "{what} printed the canary on stderr:\n{stderr}"
        );
    }
}
