use super::*;
use DeadlineState::*;

/// Received Monday 09:00 UTC: response due Wednesday 09:00 (48 h), lead 8 h.
fn report() -> History {
    History::received("2026-11-23T09:00:00Z").met("ack", "2026-11-23T10:00:00Z")
}

#[test]
fn waiting_on_the_reporter_stops_the_response_clock() {
    let waiting = report().waiting("2026-11-23T19:00:00Z", true);
    // 10 h of the 48 ran before the wait; if the answer came now, 38 h remain.
    assert_eq!(
        waiting.rule("response", "2026-11-25T12:00:00Z"),
        (Paused, Some(t("2026-11-27T02:00:00Z")))
    );
    assert_eq!(
        waiting.rule("response", "2026-11-30T00:00:00Z"),
        (Paused, Some(t("2026-12-01T14:00:00Z"))),
        "the projection moves with now while paused"
    );
}

#[test]
fn resuming_adds_the_paused_time_to_the_deadline() {
    let resumed = report()
        .waiting("2026-11-23T19:00:00Z", true)
        .waiting("2026-11-24T15:00:00Z", false);
    // Paused for 20 h: due 20 h later than Wednesday 09:00.
    assert_eq!(
        resumed.rule("response", "2026-11-24T15:00:00Z"),
        (Upcoming, Some(t("2026-11-26T05:00:00Z")))
    );
    assert_eq!(resumed.state("response", "2026-11-25T21:00:00Z"), DueSoon);
    assert_eq!(resumed.state("response", "2026-11-26T05:00:00Z"), Overdue);
}

#[test]
fn several_waits_add_up() {
    let twice = report()
        .waiting("2026-11-23T11:00:00Z", true)
        .waiting("2026-11-23T13:00:00Z", false)
        .waiting("2026-11-24T09:00:00Z", true)
        .waiting("2026-11-24T12:00:00Z", false);
    assert_eq!(
        twice.rule("response", "2026-11-24T12:00:00Z").1,
        Some(t("2026-11-25T14:00:00Z")),
        "2 h + 3 h of waiting"
    );
}

#[test]
fn rules_that_do_not_pause_keep_running() {
    let waiting = History::received("2026-11-23T09:00:00Z").waiting("2026-11-23T10:00:00Z", true);
    assert_eq!(waiting.state("ack", "2026-11-24T09:00:00Z"), Overdue);
    assert_eq!(waiting.state("response", "2026-11-24T09:00:00Z"), Paused);
}

#[test]
fn a_deadline_already_passed_when_the_wait_began_stays_overdue() {
    let late_wait = report().waiting("2026-11-26T09:00:00Z", true);
    assert_eq!(
        late_wait.rule("response", "2026-11-27T00:00:00Z"),
        (Overdue, Some(t("2026-11-25T09:00:00Z")))
    );
}

#[test]
fn a_wait_that_ends_the_same_instant_changes_nothing() {
    let blink = report()
        .waiting("2026-11-24T09:00:00Z", true)
        .waiting("2026-11-24T09:00:00Z", false);
    assert_eq!(
        blink.rule("response", "2026-11-24T10:00:00Z"),
        (Upcoming, Some(t("2026-11-25T09:00:00Z")))
    );
}

#[test]
fn the_update_clock_pauses_too_and_resumes_from_the_last_update() {
    let case = report()
        .met("update", "2026-11-25T09:00:00Z")
        .waiting("2026-11-26T09:00:00Z", true)
        .waiting("2026-11-28T09:00:00Z", false);
    // 5 d after the update, plus 2 d of waiting.
    assert_eq!(
        case.rule("update", "2026-11-28T09:00:00Z"),
        (Upcoming, Some(t("2026-12-02T09:00:00Z")))
    );
}

#[test]
fn a_pause_turned_off_in_the_profile_is_ignored() {
    let profile = profile_with(&[("response.pauses", "off")]);
    let waiting = report().waiting("2026-11-23T19:00:00Z", true);
    assert_eq!(
        waiting.rule_in(&profile, "response", "2026-11-25T12:00:00Z"),
        (Overdue, Some(t("2026-11-25T09:00:00Z")))
    );
}

#[test]
fn pauses_and_business_days_combine() {
    let profile = profile_with(&[("response.business-days", "on")]);
    // Received Thursday 09:00; waiting all of Friday; 48 h of working time
    // = Thu 15 h + (Fri paused) + Mon 24 h + Tue 09:00.
    let case = History::received("2026-11-26T09:00:00Z")
        .waiting("2026-11-27T00:00:00Z", true)
        .waiting("2026-11-28T00:00:00Z", false);
    assert_eq!(
        case.rule_in(&profile, "response", "2026-11-28T00:00:00Z").1,
        Some(t("2026-12-01T09:00:00Z"))
    );
}
