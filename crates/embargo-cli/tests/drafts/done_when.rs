use mail_parser::MessageParser;

use crate::NOW;
use crate::support::{TestVault, corpus};

#[test]
fn a_new_user_imports_a_report_acknowledges_it_by_eml_and_sees_the_ack_met() {
    let vault = TestVault::new();
    let report = corpus("plain.eml");
    let imported = vault.json(&["--now", NOW, "import", report.to_str().unwrap()]);
    let case = imported[0]["case_id"].as_str().unwrap().to_owned();

    // `draft new` prints the new draft's id.
    let id = vault.ok(&["--now", NOW, "draft", "new", &case, "acknowledgment"]);
    assert_eq!(id.trim(), format!("{case}/D1"));

    let eml = vault.root.path().join("ack.eml");
    let out = vault.ok(&[
        "--now",
        NOW,
        "draft",
        "export",
        "1/D1",
        "--eml",
        eml.to_str().unwrap(),
    ]);
    assert!(out.contains("wrote"), "{out}");
    let bytes = std::fs::read(&eml).expect("the .eml was written");
    let message = MessageParser::default()
        .parse(&bytes)
        .expect("a parseable message");
    assert_eq!(
        message.subject(),
        Some("Re: Path traversal in quickserve static file handler")
    );
    assert_eq!(
        message.in_reply_to().as_text(),
        Some("20261103140500.4821@researcher.example"),
        "threads with the report in the reporter's mail client"
    );
    assert_eq!(
        message.references().as_text(),
        Some("20261103140500.4821@researcher.example")
    );
    let to = message.to().and_then(|a| a.first()).expect("To");
    assert_eq!(
        (to.name(), to.address()),
        (Some("Alice Nguyen"), Some("alice@researcher.example"))
    );
    let from = message.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.address(), Some("dana@security.example.org"));
    assert_eq!(
        message.date().map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-03T15:30:00Z")
    );
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains(&format!("tracking it as {case}"))
    );

    let mailto = vault.ok(&[
        "--now",
        NOW,
        "draft",
        "export",
        &format!("{case}/D1"),
        "--mailto",
    ]);
    assert!(
        mailto.starts_with("mailto:alice@researcher.example?subject=Re%3A%20Path%20traversal"),
        "{mailto}"
    );

    let sent = vault.ok(&[
        "--now",
        "2026-11-03T15:45:00Z",
        "draft",
        "sent",
        "1/D1",
        "--at",
        "2026-11-03T15:40:00Z",
    ]);
    assert!(sent.contains("met ack"), "{sent}");

    let shown = vault.json(&["case", "show", &case]);
    assert_eq!(shown["met"][0]["rule"], "ack");
    assert_eq!(shown["met"][0]["at"], "2026-11-03T15:40:00Z");
    let messages = shown["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1]["direction"], "outgoing");
    assert_eq!(messages[1]["to"][0], "alice@researcher.example");
    assert_eq!(shown["drafts"][0]["id"], format!("{case}/D1"));
    assert_eq!(shown["drafts"][0]["sent_at"], "2026-11-03T15:40:00Z");
    assert!(
        shown["cvss"].is_array(),
        "case show --json keeps its cvss list"
    );

    let human = vault.ok(&["case", "show", &case]);
    assert!(human.contains("drafts\n"), "{human}");
}

#[test]
fn drafts_are_listed_shown_and_edited_from_a_file() {
    let vault = TestVault::new();
    let report = corpus("plain.eml");
    vault.ok(&["--now", NOW, "import", report.to_str().unwrap()]);
    vault.ok(&["--now", NOW, "draft", "new", "1", "request-info"]);
    let body = vault.root.path().join("body.txt");
    std::fs::write(
        &body,
        "Hello Alice,\n\nWhich 2.x releases did you test? — Dana\n",
    )
    .unwrap();
    let edited = vault.json(&[
        "--now",
        NOW,
        "draft",
        "edit",
        "1/D1",
        "--subject",
        "Re: quickserve: one question",
        "--body-file",
        body.to_str().unwrap(),
    ]);
    assert_eq!(edited["subject"], "Re: quickserve: one question");
    assert_eq!(
        edited["body"],
        "Hello Alice,\n\nWhich 2.x releases did you test? — Dana\n"
    );
    let listed = vault.ok(&["draft", "list", "1"]);
    assert!(
        listed.contains("EMB-2026-0001/D1") && listed.contains("request-info"),
        "{listed}"
    );
    let shown = vault.ok(&["draft", "show", "EMB-2026-0001/D1"]);
    assert!(shown.contains("Which 2.x releases"), "{shown}");
}
