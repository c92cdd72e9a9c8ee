use super::*;
use DeadlineState::*;

fn acked() -> History {
    History::received("2026-11-02T09:00:00Z").met("ack", "2026-11-02T11:00:00Z")
}

#[test]
fn the_update_clock_starts_at_the_last_reply() {
    let fresh = History::received("2026-11-02T09:00:00Z");
    assert_eq!(
        fresh.rule("update", "2026-11-02T09:00:00Z").1,
        Some(t("2026-11-07T09:00:00Z")),
        "before any reply: 5 d after the report"
    );
    assert_eq!(
        acked().rule("update", "2026-11-02T12:00:00Z").1,
        Some(t("2026-11-07T11:00:00Z")),
        "the acknowledgment is a reply"
    );
}

#[test]
fn a_logged_update_resets_the_five_day_clock() {
    let case = acked();
    assert_eq!(case.state("update", "2026-11-07T11:00:00Z"), Overdue);
    let updated = case.met("update", "2026-11-07T12:00:00Z");
    assert_eq!(
        updated.rule("update", "2026-11-07T12:00:00Z"),
        (Upcoming, Some(t("2026-11-12T12:00:00Z")))
    );
    assert_eq!(
        updated.met_at("update", "2026-11-07T12:00:00Z"),
        Some(t("2026-11-07T12:00:00Z"))
    );
    assert_eq!(updated.state("update", "2026-11-11T12:00:00Z"), DueSoon);
    let again = updated.met("update", "2026-11-11T13:00:00Z");
    assert_eq!(
        again.rule("update", "2026-11-11T13:00:00Z").1,
        Some(t("2026-11-16T13:00:00Z"))
    );
}

#[test]
fn updates_stop_once_the_case_is_announced() {
    let announced = scheduled().moved("2026-11-20T09:00:00Z", Status::Announced);
    assert_eq!(
        announced.state("update", "2026-12-30T00:00:00Z"),
        NotApplicable
    );
}

fn fixing() -> History {
    acked()
        .met("response", "2026-11-03T09:00:00Z")
        .moved("2026-11-02T11:00:00Z", Status::Acknowledged)
        .moved("2026-11-02T12:00:00Z", Status::Triaging)
        .moved("2026-11-03T12:00:00Z", Status::Confirmed)
        .moved("2026-11-03T13:00:00Z", Status::Fixing)
}

fn scheduled() -> History {
    fixing()
        .cve("2026-11-10T09:00:00Z", Some("CVE-2026-1234"))
        .moved("2026-11-10T10:00:00Z", Status::FixReady)
        .moved("2026-11-10T11:00:00Z", Status::CveRequested)
        .embargo("2026-11-10T11:00:00Z", "2026-11-20T09:00:00Z")
        .moved("2026-11-10T12:00:00Z", Status::Scheduled)
}

#[test]
fn the_embargo_is_72_hours_after_the_cve_id_is_set() {
    let case = fixing().cve("2026-11-10T09:00:00Z", Some("CVE-2026-1234"));
    assert_eq!(
        case.rule("embargo", "2026-11-10T09:00:00Z"),
        (Upcoming, Some(t("2026-11-13T09:00:00Z")))
    );
    assert_eq!(
        case.rule("announce", "2026-11-12T08:00:00Z"),
        (Upcoming, Some(t("2026-11-13T09:00:00Z"))),
        "the announcement is due at the embargo"
    );
    assert_eq!(case.state("embargo", "2026-11-12T09:00:00Z"), DueSoon);
    assert_eq!(case.state("announce", "2026-11-13T07:00:00Z"), DueSoon);
}

#[test]
fn a_later_cve_id_moves_the_embargo_but_the_same_id_again_does_not() {
    let case = fixing()
        .cve("2026-11-10T09:00:00Z", Some("CVE-2026-1234"))
        .cve("2026-11-11T09:00:00Z", Some("CVE-2026-1234"));
    assert_eq!(
        case.rule("embargo", "2026-11-11T09:00:00Z").1,
        Some(t("2026-11-13T09:00:00Z"))
    );
    let moved = case.cve("2026-11-12T15:00:00Z", Some("CVE-2026-9999"));
    assert_eq!(
        moved.rule("embargo", "2026-11-12T15:00:00Z").1,
        Some(t("2026-11-15T15:00:00Z"))
    );
    let cleared = moved.cve("2026-11-12T16:00:00Z", None);
    assert_eq!(
        cleared.rule("embargo", "2026-11-12T16:00:00Z"),
        (NotApplicable, None)
    );
}

#[test]
fn the_cases_embargo_date_overrides_the_computed_one() {
    let case = scheduled();
    assert_eq!(
        case.rule("embargo", "2026-11-19T09:00:00Z"),
        (DueSoon, Some(t("2026-11-20T09:00:00Z")))
    );
    assert_eq!(
        case.rule("announce", "2026-11-20T09:00:00Z"),
        (Overdue, Some(t("2026-11-20T09:00:00Z")))
    );
}

#[test]
fn the_announcement_meets_embargo_and_announce_and_starts_the_advisory_clock() {
    let announced = scheduled().moved("2026-11-20T09:30:00Z", Status::Announced);
    let now = "2026-11-20T10:00:00Z";
    assert_eq!(announced.state("embargo", now), Met);
    assert_eq!(announced.state("announce", now), Met);
    assert_eq!(
        announced.met_at("announce", now),
        Some(t("2026-11-20T09:30:00Z"))
    );
    assert_eq!(
        announced.rule("advisory", now),
        (Upcoming, Some(t("2026-11-20T15:30:00Z")))
    );
    assert_eq!(announced.state("advisory", "2026-11-20T13:30:00Z"), DueSoon);
    assert_eq!(announced.state("advisory", "2026-11-20T15:30:00Z"), Overdue);
    let published = announced.moved("2026-11-20T14:00:00Z", Status::Published);
    assert_eq!(published.state("advisory", "2026-11-21T00:00:00Z"), Met);
}

#[test]
fn response_stops_applying_once_fixing_starts() {
    let unlogged = History::received("2026-11-02T09:00:00Z")
        .moved("2026-11-02T10:00:00Z", Status::Acknowledged)
        .moved("2026-11-02T11:00:00Z", Status::Triaging)
        .moved("2026-11-02T12:00:00Z", Status::Confirmed);
    assert_eq!(unlogged.state("response", "2026-11-05T00:00:00Z"), Overdue);
    let fixing = unlogged.moved("2026-11-05T01:00:00Z", Status::Fixing);
    assert_eq!(
        fixing.state("response", "2026-11-05T02:00:00Z"),
        NotApplicable
    );
}
