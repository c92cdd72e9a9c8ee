//! What a case list badge and a deadline board show: the most urgent open rule, and
//! what met each rule.
use super::*;
use crate::deadlines::{MetBy, most_urgent};

fn states_at(history: &History, now: &str) -> Vec<(String, DeadlineState, Option<MetBy>)> {
    let case = history.case();
    let profile = PolicyProfile::seed();
    evaluate(&case, &history.events, &profile, t(now))
        .expect("valid")
        .into_iter()
        .map(|s| (s.rule.id.clone(), s.state, s.met_by))
        .collect()
}

fn urgent_at(history: &History, now: &str) -> Option<(String, DeadlineState)> {
    let case = history.case();
    let profile = PolicyProfile::seed();
    let states = evaluate(&case, &history.events, &profile, t(now)).expect("valid");
    most_urgent(&states).map(|s| (s.rule.id.clone(), s.state))
}

#[test]
fn the_badge_shows_the_overdue_rule_before_a_due_soon_one() {
    let fresh = History::received("2026-11-02T09:00:00Z");
    assert_eq!(
        urgent_at(&fresh, "2026-11-02T10:00:00Z"),
        Some(("ack".into(), DeadlineState::Upcoming)),
        "ack (24 h) comes before response (48 h)"
    );
    assert_eq!(
        urgent_at(&fresh, "2026-11-03T06:00:00Z"),
        Some(("ack".into(), DeadlineState::DueSoon))
    );
    // 44 h in: ack overdue, response due soon (lead 8 h): the overdue one wins.
    assert_eq!(
        urgent_at(&fresh, "2026-11-04T05:00:00Z"),
        Some(("ack".into(), DeadlineState::Overdue))
    );
}

#[test]
fn a_met_rule_leaves_the_badge_to_the_next_one() {
    let acked = History::received("2026-11-02T09:00:00Z").met("ack", "2026-11-02T11:00:00Z");
    assert_eq!(
        urgent_at(&acked, "2026-11-02T12:00:00Z"),
        Some(("response".into(), DeadlineState::Upcoming))
    );
}

#[test]
fn a_paused_rule_is_shown_only_when_nothing_else_runs() {
    let waiting = History::received("2026-11-02T09:00:00Z")
        .met("ack", "2026-11-02T11:00:00Z")
        .waiting("2026-11-02T12:00:00Z", true);
    // response and update both pause: nothing runs but paused rules.
    assert_eq!(
        urgent_at(&waiting, "2026-11-03T12:00:00Z"),
        Some(("response".into(), DeadlineState::Paused))
    );
}

#[test]
fn a_closed_case_has_no_badge() {
    let closed =
        History::received("2026-11-02T09:00:00Z").moved("2026-11-02T10:00:00Z", Status::Closed);
    assert_eq!(urgent_at(&closed, "2026-11-09T10:00:00Z"), None);
}

#[test]
fn the_board_says_what_met_each_rule() {
    let replied = History::received("2026-11-02T09:00:00Z").met("response", "2026-11-02T15:00:00Z");
    let states = states_at(&replied, "2026-11-02T16:00:00Z");
    let by = |rule: &str| {
        states
            .iter()
            .find(|s| s.0 == rule)
            .map(|s| s.2.clone())
            .expect("rule")
    };
    assert_eq!(
        by("ack"),
        Some(MetBy::Logged {
            rule: "response".into()
        }),
        "a detailed response also acknowledges"
    );
    assert_eq!(
        by("response"),
        Some(MetBy::Logged {
            rule: "response".into()
        })
    );
    assert_eq!(
        by("update"),
        Some(MetBy::Logged {
            rule: "response".into()
        }),
        "the update clock restarted at the response"
    );
    assert_eq!(by("embargo"), None);

    let announced = replied
        .moved("2026-11-02T17:00:00Z", Status::Acknowledged)
        .moved("2026-11-02T17:01:00Z", Status::Triaging)
        .moved("2026-11-02T17:02:00Z", Status::Confirmed)
        .moved("2026-11-02T17:03:00Z", Status::Fixing)
        .moved("2026-11-02T17:04:00Z", Status::FixReady)
        .moved("2026-11-02T17:05:00Z", Status::CveRequested)
        .moved("2026-11-02T17:06:00Z", Status::Scheduled)
        .moved("2026-11-02T17:07:00Z", Status::Announced);
    let states = states_at(&announced, "2026-11-02T18:00:00Z");
    let announce = states.iter().find(|s| s.0 == "announce").expect("announce");
    assert_eq!(
        announce.2,
        Some(MetBy::Status {
            status: Status::Announced
        })
    );
}
