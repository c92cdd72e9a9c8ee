//! `--now`, notes, the checklist and release lines.

use serde_json::json;

use crate::support::TestVault;
use crate::{json_at, len, refused, show};

#[test]
fn now_is_the_default_receipt_time_and_stamps_the_timeline() {
    let vault = TestVault::new();
    let opened = json_at(
        &vault,
        "2026-11-24T09:00:00Z",
        &["case", "new", "--title", "Told on the phone"],
    );
    assert_eq!(opened, json!({"id": "EMB-2026-0001"}));
    let case = show(&vault, "EMB-2026-0001");
    assert_eq!(case["received_at"], "2026-11-24T09:00:00Z");
    assert_eq!(case["channel"], "manual");
    assert_eq!(case["timeline"][0]["at"], "2026-11-24T09:00:00Z");

    let noted = json_at(
        &vault,
        "2026-11-25T10:30:00+01:00",
        &["note", "1", "Called back"],
    );
    assert_eq!(
        noted["notes"],
        json!([{"at": "2026-11-25T09:30:00Z", "text": "Called back"}])
    );
    assert_eq!(noted["timeline"][1]["at"], "2026-11-25T09:30:00Z");
    assert_eq!(noted["timeline"][1]["summary"], "added a note");

    // 00:30 on New Year's Day at +02:00 is 2026 in UTC, so the id is of 2026.
    let late = json_at(
        &vault,
        "2027-01-01T00:30:00+02:00",
        &["case", "new", "--title", "Late"],
    );
    assert_eq!(late["id"], "EMB-2026-0002");
    assert_eq!(show(&vault, "2")["received_at"], "2026-12-31T22:30:00Z");

    let stderr = refused(&vault, &["--now", "yesterday", "case", "list"], 1);
    assert!(
        stderr.starts_with("error: --now \"yesterday\" is not an RFC 3339 instant"),
        "{stderr}"
    );
    let stderr = refused(
        &vault,
        &["case", "new", "--title", "x", "--received", "2026-11-24"],
        1,
    );
    assert!(
        stderr.starts_with("error: --received \"2026-11-24\" is not an RFC 3339 instant"),
        "{stderr}"
    );
    let stderr = refused(
        &vault,
        &["case", "new", "--title", "x", "--reporter-email", "bob"],
        1,
    );
    assert!(
        stderr.contains("\"bob\" is not an e-mail address"),
        "{stderr}"
    );
    assert_eq!(len(&vault.json(&["case", "list"])), 2);
}

#[test]
fn notes_checklist_and_release_lines_are_kept_on_the_case() {
    let vault = TestVault::new();
    let id = vault.new_case("Request smuggling", "2026-11-16T16:00:00Z");
    vault.ok(&["note", &id, "Proxy and server disagree on the length."]);
    vault.ok(&["note", &id, "Ask the proxy vendor."]);
    refused(&vault, &["note", &id, "  "], 1);
    vault.ok(&["case", "checklist", &id, "add", "Reproduce on 22.x"]);
    vault.ok(&["case", "checklist", &id, "add", "Backport to 20.x"]);
    vault.ok(&["case", "checklist", &id, "done", "2"]);
    let stderr = refused(&vault, &["case", "checklist", &id, "done", "3"], 1);
    assert_eq!(
        stderr.trim_end(),
        "error: EMB-2026-0001 has no checklist item 3 (it has 2)"
    );
    vault.ok(&[
        "case",
        "line",
        &id,
        "22.x",
        "--fixed",
        "22.4.0",
        "--fix-state",
        "private-branch",
    ]);
    let stderr = refused(
        &vault,
        &["case", "line", &id, "20.x", "--affected", "maybe"],
        1,
    );
    assert_eq!(
        stderr.trim_end(),
        "error: --affected: \"maybe\" is not affected, not-affected or unknown",
        "the command line names its flag"
    );
    let case = vault.json(&[
        "case",
        "line",
        &id,
        "22.x",
        "--fixed",
        "22.4.1",
        "--fix-state",
        "released",
    ]);

    let notes: Vec<&str> = case["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "Proxy and server disagree on the length.",
            "Ask the proxy vendor."
        ]
    );
    let checklist: Vec<(&str, bool)> = case["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["text"].as_str().unwrap(), i["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        checklist,
        [("Reproduce on 22.x", false), ("Backport to 20.x", true)]
    );
    assert_eq!(
        case["release_lines"],
        json!([{"line": "22.x", "affected": "affected", "fixed_version": "22.4.1", "fix_state": "released"}])
    );
    assert_eq!(len(&case["timeline"]), 8);

    let human = vault.ok(&["case", "show", &id]);
    assert!(
        human.contains("  1. [ ] Reproduce on 22.x\n  2. [x] Backport to 20.x\n"),
        "{human}"
    );
    assert!(human.contains("Ask the proxy vendor."), "{human}");
}
