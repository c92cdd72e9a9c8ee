//! `case list --view/--sort` (the app's agenda on the command line) and
//! `case reopen`.

use crate::support::TestVault;
use crate::{ids, json_at, refused, summaries};

const NOW: &str = "2026-11-24T09:00:00Z";

#[test]
fn the_agenda_lists_overdue_first_and_saved_views_narrow_it() {
    let vault = TestVault::new();
    let fresh = vault.new_case("Fresh report", "2026-11-24T08:00:00Z");
    let overdue = vault.new_case("Old report", "2026-11-22T09:00:00Z");
    let ended = vault.new_case("Duplicate report", "2026-11-24T08:30:00Z");
    for step in ["acknowledged", "triaging", "duplicate"] {
        json_at(&vault, NOW, &["case", "move", &ended, step]);
    }
    json_at(
        &vault,
        NOW,
        &["case", "set", &overdue, "handler", "Dana Whitfield"],
    );

    let agenda = json_at(&vault, NOW, &["case", "list", "--view", "open"]);
    assert_eq!(ids(&agenda), [overdue.clone(), fresh.clone()]);
    assert_eq!(agenda[0]["group"], "overdue");
    assert_eq!(agenda[0]["deadline"]["rule"], "ack");
    assert_eq!(agenda[1]["reporter"], "Alice Nguyen");

    let mine = json_at(&vault, NOW, &["case", "list", "--view", "mine"]);
    assert_eq!(ids(&mine), [overdue.as_str()], "Dana owns this vault");
    let ended_view = json_at(&vault, NOW, &["case", "list", "--view", "ended"]);
    assert_eq!(ids(&ended_view), [ended.as_str()]);
    let by_report = json_at(&vault, NOW, &["case", "list", "--sort", "received"]);
    assert_eq!(ids(&by_report), [ended, fresh, overdue.clone()]);

    let text = vault.ok(&["--now", NOW, "case", "list", "--view", "overdue"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "as of 2026-11-24T09:00:00Z");
    assert!(
        lines[1].starts_with(&format!(
            "{overdue}  overdue    Acknowledgment due 2026-11-23 09:00Z"
        )),
        "{text}"
    );
    assert!(lines[1].ends_with("Dana Whitfield   Old report"), "{text}");

    let stderr = refused(&vault, &["case", "list", "--view", "closed"], 2);
    assert!(stderr.contains("views are: open, overdue"), "{stderr}");
}

#[test]
fn an_ended_case_reopens_once_and_the_timeline_says_so() {
    let vault = TestVault::new();
    let id = vault.new_case("Not ours", "2026-11-20T09:00:00Z");
    for step in ["acknowledged", "triaging", "third-party", "closed"] {
        json_at(&vault, NOW, &["case", "move", &id, step]);
    }
    let case = json_at(&vault, NOW, &["case", "reopen", &id]);
    assert_eq!(case["status"], "triaging");
    assert_eq!(
        summaries(&case).last().map(String::as_str),
        Some("reopened: status closed → triaging")
    );
    let stderr = refused(&vault, &["case", "reopen", &id], 1);
    assert_eq!(
        stderr.trim_end(),
        "error: the case is triaging, not closed or ended in triage; there is nothing to reopen"
    );
}
