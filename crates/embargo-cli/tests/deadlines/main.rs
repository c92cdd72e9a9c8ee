//! `embargo due`, `case log|needs-info|info-received|deadlines`, `policy` and
//! `snooze` through the real binary on a real vault. Time comes from `--now`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use serde_json::{Value, json};
use support::TestVault;

const RECEIVED: &str = "2026-11-24T09:00:00Z";
const NEXT_MORNING: &str = "2026-11-25T08:00:00Z";

fn at(vault: &TestVault, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    vault.json(&all)
}

fn rules_states(due: &Value) -> Vec<(String, String, String)> {
    due.as_array()
        .expect("array")
        .iter()
        .map(|e| {
            (
                e["case_id"].as_str().unwrap().to_owned(),
                e["rule"].as_str().unwrap().to_owned(),
                e["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn due_lists_open_deadlines_soonest_first_with_exactly_four_fields() {
    let vault = TestVault::new();
    let late = vault.new_case("Older", "2026-11-22T09:00:00Z");
    let fresh = vault.new_case("Newer", RECEIVED);
    let due = at(&vault, NEXT_MORNING, &["due"]);
    for entry in due.as_array().unwrap() {
        let mut keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["case_id", "due_at", "rule", "state"]);
    }
    assert_eq!(
        due[0],
        json!({"case_id": late, "rule": "ack", "due_at": "2026-11-23T09:00:00Z", "state": "overdue"})
    );
    let due_at: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["due_at"].as_str().unwrap())
        .collect();
    let mut sorted = due_at.clone();
    sorted.sort_unstable();
    assert_eq!(due_at, sorted, "soonest first");
    assert_eq!(
        rules_states(&at(&vault, NEXT_MORNING, &["due", "--within", "24h"])),
        vec![
            (late.clone(), "ack".into(), "overdue".into()),
            (late.clone(), "response".into(), "overdue".into()),
            (fresh.clone(), "ack".into(), "due_soon".into()),
        ]
    );
    let human = vault.ok(&["--now", NEXT_MORNING, "due", "--within", "2h"]);
    assert!(
        human.contains(&format!(
            "{fresh}  ack        due_soon  2026-11-25 09:00 UTC  in 1 h"
        )),
        "{human}"
    );
}

#[test]
fn now_asks_what_will_be_due_on_friday() {
    let vault = TestVault::new();
    let id = vault.new_case("What if", RECEIVED);
    vault.ok(&["--now", "2026-11-24T10:00:00Z", "case", "log", &id, "ack"]);
    vault.ok(&[
        "--now",
        "2026-11-24T18:00:00Z",
        "case",
        "log",
        &id,
        "response",
    ]);
    let friday = at(&vault, "2026-11-27T09:00:00Z", &["due", "--within", "3d"]);
    assert_eq!(
        friday,
        json!([{"case_id": id, "rule": "update", "due_at": "2026-11-29T18:00:00Z", "state": "upcoming"}])
    );
    let all = at(&vault, "2026-11-27T09:00:00Z", &["due", "--all"]);
    assert_eq!(
        rules_states(&all),
        vec![
            (id.clone(), "ack".into(), "met".into()),
            (id.clone(), "response".into(), "met".into()),
            (id.clone(), "update".into(), "upcoming".into()),
        ]
    );
}

#[test]
fn logging_a_reply_meets_its_deadline_and_refuses_mistakes() {
    let vault = TestVault::new();
    let id = vault.new_case("Logged", RECEIVED);
    let board = at(
        &vault,
        NEXT_MORNING,
        &["case", "log", &id, "ack", "--at", "2026-11-24T15:00:00Z"],
    );
    assert_eq!(
        board[0],
        json!({"rule": "ack", "label": "Acknowledgment", "state": "met", "due_at": "2026-11-25T09:00:00Z", "met_at": "2026-11-24T15:00:00Z"})
    );
    assert_eq!(
        board[2]["due_at"], "2026-11-29T15:00:00Z",
        "the update clock restarts at the reply"
    );

    let twice = vault.fails(&["--now", NEXT_MORNING, "case", "log", &id, "ack"], 1);
    assert!(twice.contains("ack was already logged for"), "{twice}");
    let future = vault.fails(
        &[
            "--now",
            NEXT_MORNING,
            "case",
            "log",
            &id,
            "response",
            "--at",
            "2026-11-26T00:00:00Z",
        ],
        1,
    );
    assert!(future.contains("is in the future"), "{future}");
    let before = vault.fails(
        &[
            "--now",
            NEXT_MORNING,
            "case",
            "log",
            &id,
            "response",
            "--at",
            "2026-11-01T00:00:00Z",
        ],
        1,
    );
    assert!(before.contains("is before"), "{before}");
    let unknown = vault.fails(&["--now", NEXT_MORNING, "case", "log", &id, "thanks"], 1);
    assert!(
        unknown.contains("the policy has no rule \"thanks\"; its rules are: ack, response, update"),
        "{unknown}"
    );
    let bad_time = vault.fails(
        &[
            "--now",
            NEXT_MORNING,
            "case",
            "log",
            &id,
            "response",
            "--at",
            "tomorrow",
        ],
        1,
    );
    assert!(bad_time.contains("not an RFC 3339 instant"), "{bad_time}");

    // Updates recur: each one restarts the clock.
    vault.ok(&[
        "--now",
        "2026-11-27T10:00:00Z",
        "case",
        "log",
        &id,
        "update",
    ]);
    vault.ok(&[
        "--now",
        "2026-11-28T10:00:00Z",
        "case",
        "log",
        &id,
        "update",
    ]);
    let due = at(&vault, "2026-11-28T10:00:00Z", &["due"]);
    let update = due
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["rule"] == "update")
        .unwrap();
    assert_eq!(update["due_at"], "2026-12-03T10:00:00Z");
}

#[test]
fn waiting_on_the_reporter_pauses_the_response_clock() {
    let vault = TestVault::new();
    let id = vault.new_case("Needs info", RECEIVED);
    vault.ok(&["--now", "2026-11-24T10:00:00Z", "case", "log", &id, "ack"]);
    vault.ok(&["--now", "2026-11-24T19:00:00Z", "case", "needs-info", &id]);
    let waiting = at(&vault, "2026-11-26T12:00:00Z", &["due"]);
    assert_eq!(
        rules_states(&waiting),
        vec![
            (id.clone(), "response".into(), "paused".into()),
            (id.clone(), "update".into(), "paused".into())
        ]
    );
    assert_eq!(
        waiting[0]["due_at"], "2026-11-28T02:00:00Z",
        "38 h left if the answer came now"
    );
    let again = vault.fails(
        &["--now", "2026-11-26T12:00:00Z", "case", "needs-info", &id],
        1,
    );
    assert!(again.contains("already waits on the reporter"), "{again}");

    vault.ok(&[
        "--now",
        "2026-11-26T12:00:00Z",
        "case",
        "info-received",
        &id,
    ]);
    let resumed = at(&vault, "2026-11-26T12:00:00Z", &["case", "deadlines", &id]);
    assert_eq!(resumed[1]["state"], "upcoming");
    assert_eq!(resumed[1]["due_at"], "2026-11-28T02:00:00Z");
    let not_waiting = vault.fails(&["case", "info-received", &id], 1);
    assert!(
        not_waiting.contains("is not waiting on the reporter"),
        "{not_waiting}"
    );
}

#[test]
fn closed_and_side_outcome_cases_have_nothing_due() {
    let vault = TestVault::new();
    let id = vault.new_case("Dup", RECEIVED);
    vault.ok(&["case", "move", &id, "acknowledged"]);
    vault.ok(&["case", "move", &id, "triaging"]);
    vault.ok(&["case", "move", &id, "duplicate"]);
    assert_eq!(at(&vault, "2026-12-24T00:00:00Z", &["due"]), json!([]));
    assert_eq!(
        vault.ok(&["--now", "2026-12-24T00:00:00Z", "due"]).trim(),
        "nothing due"
    );
}

#[test]
fn the_policy_is_shown_edited_and_chosen() {
    let vault = TestVault::new();
    let id = vault.new_case("Policy", RECEIVED);
    let shown = vault.json(&["policy", "show"]);
    assert_eq!(shown["active"], "seed");
    let rules: Vec<(&str, &str)> = shown["profile"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["after"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [
            ("ack", "24h"),
            ("response", "48h"),
            ("update", "5d"),
            ("embargo", "72h"),
            ("announce", "0m"),
            ("advisory", "6h")
        ]
    );
    let human = vault.ok(&["policy", "show"]);
    assert!(
        human.contains(
            "ack        Acknowledgment       24 h after the report arrives; due soon 4 h before"
        ),
        "{human}"
    );

    let read_only = vault.fails(
        &["policy", "set", "ack.after", "5d", "--profile", "seed"],
        1,
    );
    assert!(
        read_only.contains("the seed policy is read-only"),
        "{read_only}"
    );
    let bad = vault.fails(&["policy", "set", "ack.after", "5 days"], 1);
    assert!(bad.contains("invalid duration \"5 days\""), "{bad}");
    let unknown = vault.fails(&["policy", "set", "ack.colour", "red"], 1);
    assert!(unknown.contains("unknown policy setting"), "{unknown}");
    assert_eq!(
        vault.json(&["policy", "show", "--profile", "custom"])["profile"]["rules"][0]["after"],
        "24h",
        "nothing changed"
    );

    let edited = vault.json(&["policy", "set", "ack.after", "5d"]);
    assert_eq!(
        edited["profile"]["id"], "custom",
        "the editable copy, while the seed is active"
    );
    assert_eq!(edited["active"], "seed");
    assert_eq!(
        at(&vault, NEXT_MORNING, &["due"])[0]["due_at"],
        "2026-11-25T09:00:00Z",
        "seed still active"
    );

    vault.ok(&["policy", "use", "custom"]);
    assert_eq!(
        at(&vault, NEXT_MORNING, &["due"])[0],
        json!({"case_id": id, "rule": "response", "due_at": "2026-11-26T09:00:00Z", "state": "upcoming"}),
        "ack now due in 5 days, after the response"
    );
    vault.ok(&["policy", "set", "zone", "Europe/Berlin"]);
    let human_due = vault.ok(&["--now", NEXT_MORNING, "due", "--within", "2d"]);
    assert!(
        human_due.contains("2026-11-26 10:00 CET"),
        "shown in the policy's zone: {human_due}"
    );

    let strict = vault.json(&[
        "policy",
        "set",
        "response.after",
        "10d",
        "--profile",
        "strict",
    ]);
    assert_eq!(strict["profile"]["rules"][1]["after"], "10d");
    assert_eq!(
        strict["profile"]["rules"][0]["after"], "24h",
        "a new profile starts from the seed"
    );
    let missing = vault.fails(&["policy", "use", "nope"], 1);
    assert!(
        missing.contains("no policy profile \"nope\"; profiles are: seed, custom, strict"),
        "{missing}"
    );
}

#[test]
fn durations_are_checked_everywhere_they_are_taken() {
    let vault = TestVault::new();
    let id = vault.new_case("Durations", RECEIVED);
    for (args, says) in [
        (
            vec!["due", "--within", "soon"],
            "--within \"soon\": invalid duration",
        ),
        (
            vec!["snooze", &id, "ack", "--for", "2"],
            "--for \"2\": invalid duration",
        ),
        (
            vec!["snooze", &id, "ack", "--for", "0m"],
            "--for: a snooze must be longer than 0m",
        ),
        (
            vec!["snooze", &id, "nope", "--for", "1h"],
            "the policy has no rule \"nope\"",
        ),
        (
            vec!["notify", "--watch", "--interval", "0m"],
            "--interval must be at least 1m",
        ),
        (
            vec!["notify", "--show-titles", "maybe"],
            "--show-titles takes on or off",
        ),
    ] {
        let err = vault.fails(&args, 1);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let snoozed = vault.json(&[
        "--now",
        NEXT_MORNING,
        "snooze",
        &id,
        "ack",
        "--for",
        "2h30m",
    ]);
    assert_eq!(
        snoozed,
        json!({"case_id": id, "rule": "ack", "until": "2026-11-25T10:30:00Z"})
    );
}
