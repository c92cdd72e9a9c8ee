//! The status policy: the happy path, refused moves and the side outcomes.

use serde_json::{Value, json};

use crate::support::TestVault;
use crate::{ids, json_at, len, refused, show, summaries};

/// Run a step at `now`, assert it added exactly one timeline entry stamped `now`
/// with `summary`, and return the case.
fn step(vault: &TestVault, now: &str, args: &[&str], before: &mut usize, summary: &str) -> Value {
    let case = json_at(vault, now, args);
    let timeline = case["timeline"].as_array().unwrap();
    assert_eq!(
        timeline.len(),
        *before + 1,
        "{args:?} must add one timeline entry"
    );
    let last = timeline.last().unwrap();
    assert_eq!(last["at"], now, "{args:?}");
    assert_eq!(last["summary"], summary, "{args:?}");
    *before = timeline.len();
    case
}

#[test]
fn a_case_walks_the_whole_happy_path_and_the_timeline_grows() {
    let vault = TestVault::new();
    let day = |n: u32| format!("2026-11-{n:02}T09:00:00Z");
    let id = json_at(
        &vault,
        &day(1),
        &["case", "new", "--title", "Path traversal in static handler"],
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(id, "EMB-2026-0001");
    let mut count = 1;
    let mut walk =
        |n: u32, args: &[&str], summary: &str| step(&vault, &day(n), args, &mut count, summary);

    for (n, (from, to)) in [
        ("received", "acknowledged"),
        ("acknowledged", "triaging"),
        ("triaging", "confirmed"),
    ]
    .into_iter()
    .enumerate()
    {
        let case = walk(
            2 + n as u32,
            &["case", "move", &id, to],
            &format!("status {from} → {to}"),
        );
        assert_eq!(case["status"], to);
    }
    walk(
        5,
        &["case", "line", &id, "20.x", "--fix-state", "private-branch"],
        "release line 20.x updated",
    );
    walk(
        5,
        &["case", "line", &id, "18.x", "--affected", "not-affected"],
        "release line 18.x updated",
    );
    walk(
        6,
        &["case", "move", &id, "fixing"],
        "status confirmed → fixing",
    );

    let stderr = refused(&vault, &["case", "move", &id, "fix-ready"], 1);
    assert_eq!(
        stderr.trim_end(),
        "error: cannot move to fix-ready: no fixed version for line 20.x"
    );
    let case = walk(
        7,
        &[
            "case",
            "line",
            &id,
            "20.x",
            "--fixed",
            "20.11.3",
            "--fix-state",
            "ready",
        ],
        "release line 20.x updated",
    );
    assert_eq!(
        case["release_lines"],
        json!([
            {"line": "20.x", "affected": "affected", "fixed_version": "20.11.3", "fix_state": "ready"},
            {"line": "18.x", "affected": "not-affected", "fixed_version": null, "fix_state": "none"},
        ])
    );
    walk(
        8,
        &["case", "move", &id, "fix-ready"],
        "status fixing → fix-ready",
    );
    walk(
        9,
        &["case", "move", &id, "cve-requested"],
        "status fix-ready → cve-requested",
    );

    let stderr = refused(&vault, &["case", "move", &id, "scheduled"], 1);
    assert!(
        stderr.contains("CVE id missing") && stderr.contains("embargo date missing"),
        "{stderr}"
    );
    walk(
        10,
        &["case", "set", &id, "cve", "CVE-2026-41007"],
        "CVE id set to CVE-2026-41007",
    );
    let stderr = refused(&vault, &["case", "move", &id, "scheduled"], 1);
    assert!(
        stderr.contains("embargo date missing") && !stderr.contains("CVE id missing"),
        "{stderr}"
    );
    let case = walk(
        11,
        &["case", "set", &id, "embargo", "2026-12-01T10:00:00+01:00"],
        "embargo set to 2026-12-01T09:00:00+00:00",
    );
    assert_eq!(case["embargo_at"], "2026-12-01T09:00:00Z");
    walk(
        12,
        &["case", "move", &id, "scheduled"],
        "status cve-requested → scheduled",
    );
    walk(
        13,
        &["case", "move", &id, "announced"],
        "status scheduled → announced",
    );
    walk(
        14,
        &["case", "move", &id, "published"],
        "status announced → published",
    );
    let case = walk(
        15,
        &["case", "move", &id, "closed"],
        "status published → closed",
    );
    assert_eq!(case["status"], "closed");
    assert_eq!(case["next_statuses"], json!([]));
    assert_eq!(case["cve_id"], "CVE-2026-41007");
    assert_eq!(case["received_at"], day(1));
    assert_eq!(count, 16);
    assert_eq!(summaries(&case)[0], "opened EMB-2026-0001");
    assert_eq!(case["timeline"][0]["at"], day(1));
}

#[test]
fn an_illegal_move_is_refused_saying_what_comes_first() {
    let vault = TestVault::new();
    let id = vault.new_case("Open redirect", "2026-11-08T10:00:00Z");
    let cases = [
        (
            "published",
            "error: cannot move from received to published: published needs announced first",
        ),
        (
            "triaging",
            "error: cannot move from received to triaging: triaging needs acknowledged first",
        ),
        (
            "closed",
            "error: cannot move from received to closed: closed needs published, not-a-vulnerability, duplicate or third-party first",
        ),
        ("received", "error: the case is already received"),
    ];
    for (to, expected) in cases {
        let stderr = refused(&vault, &["case", "move", &id, to], 1);
        assert_eq!(stderr.trim_end(), expected);
    }
    let stderr = refused(&vault, &["case", "move", &id, "flying"], 1);
    assert!(
        stderr
            .starts_with("error: unknown status \"flying\"; statuses are: received, acknowledged,"),
        "{stderr}"
    );
    let case = show(&vault, &id);
    assert_eq!(case["status"], "received");
    assert_eq!(case["next_statuses"], json!(["acknowledged"]));
    assert_eq!(len(&case["timeline"]), 1);
}

#[test]
fn the_three_side_outcomes_of_triage_lead_only_to_closed() {
    let vault = TestVault::new();
    for (n, outcome) in ["not-a-vulnerability", "duplicate", "third-party"]
        .into_iter()
        .enumerate()
    {
        let id = vault.new_case(outcome, &format!("2026-11-0{}T10:00:00Z", n + 1));
        vault.ok(&["case", "move", &id, "acknowledged"]);
        let triaging = vault.json(&["case", "move", &id, "triaging"]);
        assert_eq!(
            triaging["next_statuses"],
            json!([
                "confirmed",
                "not-a-vulnerability",
                "duplicate",
                "third-party"
            ])
        );
        let case = vault.json(&["case", "move", &id, outcome]);
        assert_eq!(case["status"], outcome);
        assert_eq!(case["next_statuses"], json!(["closed"]));
    }
    let stderr = refused(&vault, &["case", "move", "EMB-2026-0002", "fixing"], 1);
    assert_eq!(
        stderr.trim_end(),
        "error: cannot move from duplicate to fixing: fixing needs confirmed first"
    );
    let closed = vault.json(&["case", "move", "EMB-2026-0003", "closed"]);
    assert_eq!(
        summaries(&closed).last().unwrap(),
        "status third-party → closed"
    );
    assert_eq!(
        ids(&vault.json(&["case", "list", "--status", "closed"])),
        ["EMB-2026-0003"]
    );
}
