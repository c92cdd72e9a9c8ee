//! `embargo import`: cases from e-mail, threading, dates and refusals.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde_json::json;

use crate::support::{TestVault, corpus};
use crate::{len, refused, show};

fn path(name: &str) -> String {
    corpus(name).to_str().unwrap().to_owned()
}

#[test]
fn importing_a_report_opens_a_case_from_its_headers() {
    let vault = TestVault::new();
    let outcome = vault.json(&["import", &path("plain.eml")]);
    assert_eq!(
        outcome,
        json!([{"case_id": "EMB-2026-0001", "action": "created", "file": path("plain.eml")}])
    );
    let case = show(&vault, "EMB-2026-0001");
    assert_eq!(
        case["title"],
        "Path traversal in quickserve static file handler"
    );
    assert_eq!(case["status"], "received");
    assert_eq!(
        case["reporter"],
        json!({"name": "Alice Nguyen", "email": "alice@researcher.example", "credit": null})
    );
    // Tue, 3 Nov 2026 14:05:00 +0100
    assert_eq!(case["received_at"], "2026-11-03T13:05:00Z");
    assert_eq!(case["channel"], "e-mail");
    assert_eq!(len(&case["messages"]), 1);
    let message = &case["messages"][0];
    assert_eq!(message["from"], "Alice Nguyen <alice@researcher.example>");
    assert_eq!(
        message["subject"],
        "Path traversal in quickserve static file handler"
    );
    assert_eq!(message["date"], "2026-11-03T13:05:00Z");
    let body = message["body"].as_str().unwrap();
    assert!(
        body.starts_with("Hello quickserve security team,\n\nI found a path traversal"),
        "{body}"
    );
    assert!(
        body.ends_with("Best regards,\nAlice") && !body.contains('\r'),
        "{body:?}"
    );
}

#[test]
fn a_reply_joins_the_case_it_answers_and_reimporting_changes_nothing() {
    let vault = TestVault::new();
    vault.ok(&["import", &path("plain.eml")]);
    let reply = vault.json(&["import", &path("thread-reply.eml")]);
    assert_eq!(
        reply,
        json!([{"case_id": "EMB-2026-0001", "action": "attached", "file": path("thread-reply.eml")}])
    );
    let case = show(&vault, "1");
    let messages: Vec<(&str, &str)> = case["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["subject"].as_str().unwrap(), m["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "Path traversal in quickserve static file handler",
                "2026-11-03T13:05:00Z"
            ),
            (
                "Re: Path traversal in quickserve static file handler",
                "2026-11-08T23:00:00Z"
            ),
        ]
    );
    assert_eq!(
        case["received_at"], "2026-11-03T13:05:00Z",
        "a reply does not change the receipt time"
    );

    let again = vault.json(&["import", &path("plain.eml"), &path("thread-reply.eml")]);
    let actions: Vec<(&str, &str)> = again
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["case_id"].as_str().unwrap(),
                o["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("EMB-2026-0001", "already-imported"),
            ("EMB-2026-0001", "already-imported")
        ]
    );
    assert_eq!(
        show(&vault, "1"),
        case,
        "re-importing must not touch the case"
    );
    assert_eq!(
        crate::ids(&vault.json(&["case", "list"])),
        ["EMB-2026-0001"]
    );
}

#[test]
fn an_mbox_is_imported_message_by_message_with_its_thread() {
    let vault = TestVault::new();
    vault.new_case("Earlier case", "2026-10-01T00:00:00Z");
    let outcome = vault.json(&["import", &path("two-messages.mbox")]);
    let actions: Vec<(&str, &str)> = outcome
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["case_id"].as_str().unwrap(),
                o["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [("EMB-2026-0002", "created"), ("EMB-2026-0002", "attached")]
    );
    let case = show(&vault, "2");
    assert_eq!(
        case["title"],
        "Second issue: directory listing leaks dotfiles"
    );
    assert_eq!(case["received_at"], "2026-11-03T14:10:00Z");
    let messages = case["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        messages[1]["from"],
        "Bruno Costa <bruno@quickserve.example>"
    );
    assert_eq!(messages[1]["date"], "2026-11-04T09:00:00Z");
    assert_eq!(
        messages[1]["body"],
        "Thanks Alice, we are tracking this as EMB-2026-0043.\n\nBruno"
    );
    let body = messages[0]["body"].as_str().unwrap();
    assert!(
        body.contains("\n\nFrom the access log")
            && body.contains("\n>From here on this line keeps one quote."),
        "{body}"
    );
}

#[test]
fn a_missing_date_falls_back_to_the_file_time_with_a_warning() {
    let vault = TestVault::new();
    let copy: PathBuf = vault.tmp().join("no-date.eml");
    std::fs::copy(corpus("no-date.eml"), &copy).unwrap();
    // 2026-11-12T08:30:00Z
    let mtime = SystemTime::UNIX_EPOCH + Duration::from_secs(1_794_472_200);
    std::fs::File::options()
        .write(true)
        .open(&copy)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let file = copy.to_str().unwrap();

    let out = vault.run(&["--json", "import", file]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.starts_with("warning: "), "{stderr}");
    assert!(
        stderr.contains(file) && stderr.contains("no usable Date header"),
        "{stderr}"
    );
    assert!(stderr.contains("2026-11-12T08:30:00Z"), "{stderr}");
    let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outcome[0]["case_id"], "EMB-2026-0001");
    assert_eq!(outcome[0]["action"], "created");

    let case = show(&vault, "1");
    assert_eq!(case["title"], "ReDoS in regexlib email validator");
    assert_eq!(case["received_at"], "2026-11-12T08:30:00Z");
    assert_eq!(case["messages"][0]["date"], "2026-11-12T08:30:00Z");
}

#[test]
fn malformed_input_exits_1_and_leaves_the_vault_unchanged() {
    let vault = TestVault::new();
    vault.ok(&["import", &path("plain.eml")]);
    let list_before = vault.json(&["case", "list"]);
    let case_before = show(&vault, "1");

    let bad = [
        ("empty.eml", "the file is empty"),
        ("binary.bin", "the file is binary, not an e-mail"),
        (
            "broken.mbox",
            "message 2 of the mbox could not be read: the file is binary, not an e-mail",
        ),
        ("not-an-email.txt", "not an e-mail: "),
    ];
    for (name, reason) in bad {
        let stderr = refused(&vault, &["import", &path(name)], 1);
        let expected = format!("error: {}: {reason}", path(name));
        assert!(stderr.starts_with(&expected), "{name}:\n{stderr}");
    }
    let missing = vault.tmp().join("nowhere.eml");
    let stderr = refused(&vault, &["import", missing.to_str().unwrap()], 1);
    assert!(
        stderr.starts_with(&format!("error: {}: ", missing.display())),
        "{stderr}"
    );

    // A batch with one bad file imports nothing, not even the good ones before it.
    let stderr = refused(
        &vault,
        &[
            "import",
            &path("with-attachment.eml"),
            &path("thread-reply.eml"),
            &path("binary.bin"),
        ],
        1,
    );
    assert!(
        stderr.starts_with(&format!("error: {}: ", path("binary.bin"))),
        "{stderr}"
    );

    assert_eq!(vault.json(&["case", "list"]), list_before);
    assert_eq!(show(&vault, "1"), case_before);
    assert_eq!(vault.json(&["search", "libtinyimg"]), json!([]));
}

/// What a mail client pipes: `embargo import -` (no app or agent here: the CLI opens
/// the vault itself). One message, with or without procmail's `From ` line; a
/// mailbox only with `--mbox`, so one piped by mistake opens no pile of cases.
#[test]
fn a_message_piped_on_stdin_is_imported_and_a_mailbox_needs_mbox() {
    let vault = TestVault::new();
    let message = std::fs::read(corpus("plain.eml")).unwrap();
    let out = vault
        .cmd()
        .args(["--json", "import", "-"])
        .write_stdin(message.clone())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        outcome,
        json!([{"case_id": "EMB-2026-0001", "action": "created", "file": "stdin"}])
    );

    let mut mailbox = Vec::new();
    for (n, subject) in [(1, "First piped"), (2, "Second piped")] {
        mailbox.extend_from_slice(
            format!(
                "From r@example.org Mon Nov 30 09:00:00 2026\nFrom: r@example.org\nSubject: {subject}\nMessage-ID: <box-{n}@example.org>\nDate: Mon, 30 Nov 2026 09:0{n}:00 +0000\n\nbody {n}\n\n"
            )
            .as_bytes(),
        );
    }
    let out = vault
        .cmd()
        .args(["import", "-"])
        .write_stdin(mailbox.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("holds 2 messages: pass --mbox"), "{stderr}");
    assert_eq!(len(&vault.json(&["case", "list"])), 1, "nothing imported");

    let out = vault
        .cmd()
        .args(["--json", "import", "--mbox", "-"])
        .write_stdin(mailbox)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(len(&vault.json(&["case", "list"])), 3);

    let empty = vault
        .cmd()
        .args(["import", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(1), "nothing on stdin is an error");
}
