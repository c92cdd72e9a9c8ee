//! Global options and one JSON document per command.

use serde_json::json;

use crate::support::{TestVault, corpus};
use crate::{bare, len, one_json, show};

#[test]
fn global_options_are_accepted_before_and_after_the_subcommand() {
    let vault = TestVault::new();
    let dir = vault.dir();
    let dir = dir.to_str().unwrap();

    let after = bare(&vault)
        .args([
            "case",
            "new",
            "--title",
            "After",
            "--received",
            "2026-02-01T10:00:00Z",
        ])
        .args(["--json", "--vault", dir])
        .output()
        .unwrap();
    assert_eq!(
        one_json(&after, "options after"),
        json!({"id": "EMB-2026-0001"})
    );

    let before = bare(&vault)
        .args(["--json", "--now", "2026-03-04T05:06:07Z", "--vault", dir])
        .args(["case", "new", "--title", "Before"])
        .output()
        .unwrap();
    assert_eq!(
        one_json(&before, "options before"),
        json!({"id": "EMB-2026-0002"})
    );

    let mixed = bare(&vault)
        .args(["--vault", dir, "case", "list", "--json"])
        .output()
        .unwrap();
    let rows = one_json(&mixed, "options mixed");
    assert_eq!(crate::ids(&rows), ["EMB-2026-0002", "EMB-2026-0001"]);
    assert_eq!(rows[0]["title"], "Before");
    assert_eq!(rows[0]["received_at"], "2026-03-04T05:06:07Z");
    assert_eq!(rows[1]["received_at"], "2026-02-01T10:00:00Z");

    // Without --json, `case new` prints just the id.
    let plain = vault.ok(&[
        "case",
        "new",
        "--title",
        "Plain",
        "--now",
        "2026-03-05T00:00:00Z",
    ]);
    assert_eq!(plain, "EMB-2026-0003\n");
}

#[test]
fn with_json_every_command_prints_one_json_document() {
    let vault = TestVault::empty();
    let init = vault.json(&[
        "init",
        "--name",
        "Dana Whitfield",
        "--email",
        "dana@security.example.org",
    ]);
    assert_eq!(init["name"], "Dana Whitfield");
    assert_eq!(init["email"], "dana@security.example.org");
    assert_eq!(init["vault"], vault.dir().display().to_string());

    let id = vault.new_case("Heap overflow in PNG decoder", "2026-11-10T06:30:00Z");
    assert_eq!(id, "EMB-2026-0001");
    let list = vault.json(&["case", "list"]);
    assert_eq!(list, vault.json(&["case", "list", "--status", "received"]));
    assert_eq!(crate::ids(&list), ["EMB-2026-0001"]);
    assert_eq!(list[0]["status"], "received");

    let set = vault.json(&["case", "set", &id, "handler", "Ravi Okafor"]);
    assert_eq!(set["handler"], "Ravi Okafor");
    let moved = vault.json(&["case", "move", &id, "acknowledged"]);
    assert_eq!(moved["status"], "acknowledged");
    let noted = vault.json(&["note", &id, "Reproduced on 0.9.3"]);
    assert_eq!(noted["notes"][0]["text"], "Reproduced on 0.9.3");
    let lined = vault.json(&["case", "line", &id, "0.9.x", "--fixed", "0.9.4"]);
    assert_eq!(
        lined["release_lines"],
        json!([{"line": "0.9.x", "affected": "affected", "fixed_version": "0.9.4", "fix_state": "none"}])
    );
    let checked = vault.json(&["case", "checklist", &id, "add", "Tell the reporter"]);
    assert_eq!(checked["checklist"][0]["text"], "Tell the reporter");
    assert_eq!(checked["checklist"][0]["done"], false);

    let imported = vault.json(&["import", corpus("with-attachment.eml").to_str().unwrap()]);
    assert_eq!(len(&imported), 1);
    assert_eq!(imported[0]["case_id"], "EMB-2026-0002");
    assert_eq!(imported[0]["action"], "created");
    let found = vault.json(&["search", "libtinyimg"]);
    assert_eq!(crate::ids(&found), ["EMB-2026-0002"]);
    let out = vault.tmp().join("poc.py");
    let saved = vault.json(&[
        "case",
        "save-attachment",
        "2",
        "poc.py",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(saved, json!({"saved": out.display().to_string()}));
    let check = vault.json(&["check"]);
    assert_eq!(check["cases"], 2);
    assert_eq!(check["attachments"], 2);
    assert_eq!(check["problems"], json!([]));
}

#[test]
fn case_show_json_has_the_documented_fields() {
    let vault = TestVault::new();
    vault.ok(&["import", corpus("with-attachment.eml").to_str().unwrap()]);
    let case = show(&vault, "EMB-2026-0001");
    assert_eq!(case["id"], "EMB-2026-0001");
    assert_eq!(
        case["title"],
        "Heap overflow in libtinyimg PNG decoder (PoC attached)"
    );
    assert_eq!(case["status"], "received");
    assert_eq!(
        case["reporter"],
        json!({"name": "Priya Raman", "email": "priya@fuzzlab.example", "credit": null})
    );
    // Tue, 10 Nov 2026 12:00:00 +0530
    assert_eq!(case["received_at"], "2026-11-10T06:30:00Z");
    assert_eq!(len(&case["messages"]), 1);
    let message = &case["messages"][0];
    assert_eq!(message["from"], "Priya Raman <priya@fuzzlab.example>");
    assert_eq!(
        message["subject"],
        "Heap overflow in libtinyimg PNG decoder (PoC attached)"
    );
    assert_eq!(message["date"], "2026-11-10T06:30:00Z");
    let body = message["body"].as_str().unwrap();
    assert!(
        body.starts_with("Hello,\n\nFuzzing found a heap buffer overflow"),
        "{body}"
    );
    assert!(
        body.ends_with("poc.py writes it to stdout.\n\nPriya"),
        "{body}"
    );
    let attachments: Vec<_> = case["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a["size"].as_u64().unwrap(),
                a["available"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        attachments,
        [("poc.py", 161, true), ("crash-démo.png", 40, true)]
    );
    assert_eq!(case["notes"], json!([]));
    assert_eq!(case["release_lines"], json!([]));
    assert_eq!(case["cvss"], json!([]));
    assert_eq!(
        crate::summaries(&case),
        [
            "opened EMB-2026-0001",
            "message received from Priya Raman <priya@fuzzlab.example>",
            "attached poc.py (161 bytes)",
            "attached crash-démo.png (40 bytes)",
        ]
    );
}

/// `embargo … | head` used to panic with "Broken pipe" once the reader went away.
#[test]
fn a_closed_stdout_ends_output_quietly_without_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let vault = TestVault::empty();
    vault.ok(&["--now", "2026-11-24T12:00:00Z", "demo"]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_embargo"))
        .env("EMBARGO_PASSPHRASE", crate::support::PASSPHRASE)
        .env("TMPDIR", vault.tmp())
        .args([
            "--vault",
            vault.dir().to_str().expect("utf-8 path"),
            "--json",
            "case",
            "show",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "exit {:?}: {stderr}", status.code());
}
