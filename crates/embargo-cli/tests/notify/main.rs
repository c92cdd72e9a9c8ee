//! The notifier against a real notification server on a private session bus:
//! exactly what is delivered, once per deadline and threshold across restarts, one
//! summary after a sleep, snoozes, no case text ever, and a clear warning (never a
//! hang) without a server. Time comes from `--now`, never from sleeping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod bus;

use std::process::Output;

use bus::{NotificationServer, PrivateBus};
use serde_json::{Value, json};
use support::TestVault;

/// Tuesday 09:00 UTC: the report arrives.
const RECEIVED: &str = "2026-11-24T09:00:00Z";
/// 23 h later: the acknowledgment is due in 1 h.
const NEXT_MORNING: &str = "2026-11-25T08:00:00Z";

/// `embargo notify ARGS` on `bus`, pretending it is `now`.
fn notify(vault: &TestVault, bus: &str, now: &str, args: &[&str]) -> Output {
    vault
        .cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .args(["--now", now, "notify"])
        .args(args)
        .output()
        .expect("run embargo notify")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8")
}

fn texts(received: &[Value]) -> Vec<(String, String)> {
    received
        .iter()
        .map(|n| {
            (
                n["summary"].as_str().expect("summary").to_owned(),
                n["body"].as_str().expect("body").to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_report_received_23_hours_ago_notifies_exactly_once_across_restarts() {
    let vault = TestVault::new();
    let id = vault.new_case("Heap overflow in the parser", RECEIVED);
    let due = vault.json(&["--now", NEXT_MORNING, "due"]);
    assert_eq!(
        due[0],
        json!({"case_id": id, "rule": "ack", "due_at": "2026-11-25T09:00:00Z", "state": "due_soon"})
    );

    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "record");
    let first = notify(&vault, bus.address(), NEXT_MORNING, &["--once"]);
    assert_eq!(
        stdout(&first).trim(),
        format!("notified: Acknowledgment due in 1 h — {id}")
    );
    assert_eq!(stderr(&first), "", "no warning with a server");
    let received = server.received();
    assert_eq!(received.len(), 1, "{received:#?}");
    assert_eq!(received[0]["app_name"], "Embargo");
    assert_eq!(
        received[0]["summary"],
        format!("Acknowledgment due in 1 h — {id}")
    );
    assert_eq!(received[0]["body"], "Due Wed 25 Nov 09:00 UTC");
    assert_eq!(received[0]["hints"]["urgency"], 1, "normal urgency");
    assert_eq!(
        received[0]["actions"],
        json!([]),
        "--once cannot act on buttons"
    );

    for later in ["2026-11-25T08:00:00Z", "2026-11-25T08:30:00Z"] {
        let again = notify(&vault, bus.address(), later, &["--once"]);
        assert_eq!(stdout(&again).trim(), "nothing new to notify");
    }
    assert_eq!(server.received().len(), 1, "a restart must not repeat it");
}

#[test]
fn becoming_overdue_is_the_second_threshold_and_is_critical() {
    let vault = TestVault::new();
    let id = vault.new_case("Auth bypass", RECEIVED);
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "record");
    stdout(&notify(&vault, bus.address(), NEXT_MORNING, &["--once"]));
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-25T11:00:00Z",
        &["--once"],
    ));
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-25T12:00:00Z",
        &["--once"],
    ));
    let received = server.received();
    assert_eq!(
        texts(&received),
        vec![
            (
                format!("Acknowledgment due in 1 h — {id}"),
                "Due Wed 25 Nov 09:00 UTC".to_owned()
            ),
            (
                format!("Acknowledgment overdue by 2 h — {id}"),
                "Due Wed 25 Nov 09:00 UTC".to_owned()
            ),
        ]
    );
    assert_eq!(received[1]["hints"]["urgency"], 2, "critical when overdue");
}

#[test]
fn thresholds_crossed_while_the_notifier_was_off_make_one_summary() {
    let vault = TestVault::new();
    let a = vault.new_case("First", "2026-11-23T09:00:00Z");
    let b = vault.new_case("Second", RECEIVED);
    let c = vault.new_case("Third", "2026-11-24T10:30:00Z");
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "record");
    // Asleep until Wednesday 08:00: a's ack is overdue, a's response and b's and
    // c's acks are due soon.
    let out = notify(&vault, bus.address(), NEXT_MORNING, &["--once"]);
    assert_eq!(stdout(&out).trim(), "notified: 4 deadlines need attention");
    assert_eq!(
        texts(&server.received()),
        vec![(
            "4 deadlines need attention".to_owned(),
            format!(
                "Acknowledgment overdue by 23 h — {a}\n\
                 Detailed response due in 1 h — {a}\n\
                 Acknowledgment due in 1 h — {b}\n\
                 Acknowledgment due in 2 h — {c}"
            )
        )]
    );
    assert_eq!(server.received()[0]["hints"]["urgency"], 2);
    stdout(&notify(&vault, bus.address(), NEXT_MORNING, &["--once"]));
    assert_eq!(server.received().len(), 1, "and nothing twice");
}

#[test]
fn a_snoozed_deadline_waits_until_the_snooze_ends() {
    let vault = TestVault::new();
    let id = vault.new_case("Snoozed", RECEIVED);
    let snoozed = vault.json(&["--now", NEXT_MORNING, "snooze", &id, "ack", "--for", "2h"]);
    assert_eq!(snoozed["until"], "2026-11-25T10:00:00Z");
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "record");
    let quiet = notify(&vault, bus.address(), NEXT_MORNING, &["--once"]);
    assert_eq!(stdout(&quiet).trim(), "nothing new to notify (1 snoozed)");
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-25T09:30:00Z",
        &["--once"],
    ));
    assert!(server.received().is_empty(), "{:#?}", server.received());
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-25T10:00:00Z",
        &["--once"],
    ));
    assert_eq!(
        texts(&server.received()),
        vec![(
            format!("Acknowledgment overdue by 1 h — {id}"),
            "Due Wed 25 Nov 09:00 UTC".to_owned()
        )]
    );
}

#[test]
fn no_case_text_ever_reaches_the_notification_server() {
    const CANARY: &str = "CANARY7f3a";
    let vault = TestVault::new();
    let out = vault.json(&[
        "--now",
        "2026-11-20T09:00:00Z",
        "case",
        "new",
        "--title",
        &format!("{CANARY} title"),
        "--reporter-name",
        &format!("{CANARY} Reporter"),
        "--reporter-email",
        "canary7f3a@reporter.example",
        "--received",
        "2026-11-20T09:00:00Z",
    ]);
    let id = out["id"].as_str().unwrap().to_owned();
    let at = |now: &str, args: &[&str]| {
        let mut all = vec!["--now", now];
        all.extend_from_slice(args);
        vault.ok(&all);
    };
    at(
        "2026-11-20T10:00:00Z",
        &["note", &id, &format!("{CANARY} private note")],
    );
    at(
        "2026-11-20T10:00:00Z",
        &["case", "set", &id, "product", &format!("{CANARY} product")],
    );
    at(
        "2026-11-20T10:00:00Z",
        &["case", "set", &id, "cve", "CVE-2026-77777"],
    );
    at(
        "2026-11-20T10:00:00Z",
        &["case", "set", &id, "handler", &format!("{CANARY} handler")],
    );
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "record");
    for now in [
        "2026-11-20T09:00:00Z",
        "2026-11-21T06:00:00Z",
        "2026-11-22T06:00:00Z",
        "2026-11-23T12:00:00Z",
        "2026-11-26T12:00:00Z",
    ] {
        stdout(&notify(&vault, bus.address(), now, &["--once"]));
    }
    let raw = server.raw();
    assert!(
        server.received().len() >= 4,
        "thresholds were notified: {raw}"
    );
    for secret in [CANARY, "canary7f3a", "CVE-2026-77777"] {
        assert!(
            !raw.contains(secret),
            "{secret} reached the notification server:\n{raw}"
        );
    }

    // The same check does see titles once the user allows them.
    vault.ok(&["notify", "--show-titles", "on"]);
    vault.new_case(&format!("{CANARY} shown title"), "2026-11-27T13:00:00Z");
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-28T12:00:00Z",
        &["--once"],
    ));
    assert!(
        server.raw().contains(&format!("{CANARY} shown title")),
        "titles shown once allowed"
    );
}

#[test]
fn without_a_notification_server_it_warns_once_and_catches_up_later() {
    let vault = TestVault::new();
    let id = vault.new_case("No server", RECEIVED);
    let bus = PrivateBus::start();
    let out = notify(&vault, bus.address(), NEXT_MORNING, &["--once"]);
    assert_eq!(out.status.code(), Some(0), "the notifier keeps going");
    let warning = stderr(&out);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(
        warning.starts_with("warning: desktop notifications are unavailable ("),
        "{warning}"
    );
    assert!(warning.contains("ServiceUnknown"), "{warning}");
    assert!(
        warning
            .trim_end()
            .ends_with("`embargo due` still lists what is due"),
        "{warning}"
    );
    assert_eq!(
        vault.json(&["--now", NEXT_MORNING, "due"])[0]["state"],
        "due_soon"
    );

    let server = NotificationServer::start(&bus, "record");
    stdout(&notify(&vault, bus.address(), NEXT_MORNING, &["--once"]));
    assert_eq!(
        texts(&server.received()),
        vec![(
            format!("Acknowledgment due in 1 h — {id}"),
            "Due Wed 25 Nov 09:00 UTC".to_owned()
        )],
        "a notice that could not be shown is not marked as sent"
    );
}

#[test]
fn a_broken_session_bus_is_a_warning_not_an_error() {
    let vault = TestVault::new();
    vault.new_case("No bus", RECEIVED);
    let missing = format!("unix:path={}", vault.tmp().join("no-such-bus").display());
    let out = notify(&vault, &missing, NEXT_MORNING, &["--once"]);
    assert_eq!(out.status.code(), Some(0));
    let warning = stderr(&out);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(
        warning.starts_with("warning: desktop notifications are unavailable"),
        "{warning}"
    );
}

#[test]
fn a_server_that_never_answers_does_not_hang_the_notifier() {
    let vault = TestVault::new();
    vault.new_case("Hung server", RECEIVED);
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "silent");
    let out = notify(
        &vault,
        bus.address(),
        NEXT_MORNING,
        &["--once", "--server-timeout-ms", "300"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out).trim_end(),
        "warning: the notification server did not answer within 300 ms; `embargo due` still lists what is due"
    );
    assert_eq!(server.received().len(), 1, "the call reached the server");
}

#[test]
fn snooze_1_h_from_the_notification_silences_the_deadline() {
    let vault = TestVault::new();
    let id = vault.new_case("Watched", RECEIVED);
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "snooze");
    let out = notify(
        &vault,
        bus.address(),
        NEXT_MORNING,
        &["--watch", "--passes", "1"],
    );
    let printed = stdout(&out);
    assert!(
        printed.contains(&format!("notified: Acknowledgment due in 1 h — {id}")),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("snoozed {id} ack until 2026-11-25T09:00:00+00:00")),
        "{printed}"
    );
    assert_eq!(
        server.received()[0]["actions"],
        json!(["snooze-1h", "Snooze 1 h"])
    );

    // Overdue at 09:00 but snoozed until then: nothing at 08:59, the overdue notice at 09:00.
    let quiet = notify(&vault, bus.address(), "2026-11-25T08:59:00Z", &["--once"]);
    assert_eq!(stdout(&quiet).trim(), "nothing new to notify");
    let overdue = notify(&vault, bus.address(), "2026-11-25T09:00:00Z", &["--once"]);
    assert_eq!(
        stdout(&overdue).trim(),
        format!("notified: Acknowledgment due now — {id}")
    );
}

#[test]
fn a_logged_update_restarts_the_clock_and_its_next_deadline_is_notified_again() {
    let vault = TestVault::new();
    let id = vault.new_case("Long haul", RECEIVED);
    vault.ok(&["--now", "2026-11-24T10:00:00Z", "case", "log", &id, "ack"]);
    vault.ok(&[
        "--now",
        "2026-11-24T12:00:00Z",
        "case",
        "log",
        &id,
        "response",
    ]);
    let bus = PrivateBus::start();
    let server = NotificationServer::start(&bus, "record");
    // The update is due 5 d after the response: Sunday 12:00, due soon from Saturday 12:00.
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-28T13:00:00Z",
        &["--once"],
    ));
    vault.ok(&[
        "--now",
        "2026-11-28T14:00:00Z",
        "case",
        "log",
        &id,
        "update",
    ]);
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-11-28T15:00:00Z",
        &["--once"],
    ));
    stdout(&notify(
        &vault,
        bus.address(),
        "2026-12-02T15:00:00Z",
        &["--once"],
    ));
    assert_eq!(
        texts(&server.received()),
        vec![
            (
                format!("Reporter update due in 23 h — {id}"),
                "Due Sun 29 Nov 12:00 UTC".to_owned()
            ),
            (
                format!("Reporter update due in 23 h — {id}"),
                "Due Thu 3 Dec 14:00 UTC".to_owned()
            ),
        ]
    );
}
