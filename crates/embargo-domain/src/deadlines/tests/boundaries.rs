use super::*;
use DeadlineState::*;

/// Received Tuesday 09:00 UTC: ack due Wednesday 09:00, due soon from 05:00 (lead 4 h).
fn report() -> History {
    History::received("2026-11-24T09:00:00Z")
}

#[test]
fn the_acknowledgment_is_due_24_hours_after_the_report() {
    assert_eq!(
        report().rule("ack", "2026-11-24T09:00:00Z"),
        (Upcoming, Some(t("2026-11-25T09:00:00Z")))
    );
}

#[test]
fn the_lead_time_starts_exactly_at_due_minus_lead() {
    let case = report();
    assert_eq!(case.state("ack", "2026-11-25T04:59:59Z"), Upcoming);
    assert_eq!(case.state("ack", "2026-11-25T05:00:00Z"), DueSoon);
    assert_eq!(case.state("ack", "2026-11-25T08:59:59Z"), DueSoon);
}

#[test]
fn exactly_at_the_deadline_it_is_overdue() {
    let case = report();
    assert_eq!(case.state("ack", "2026-11-25T09:00:00Z"), Overdue);
    assert_eq!(case.state("ack", "2026-12-25T09:00:00Z"), Overdue);
}

#[test]
fn a_report_received_23_hours_ago_has_its_acknowledgment_due_soon() {
    let case = report();
    let now = "2026-11-25T08:00:00Z";
    assert_eq!(case.state("ack", now), DueSoon);
    assert_eq!(case.state("response", now), Upcoming);
    assert_eq!(case.state("update", now), Upcoming);
    assert_eq!(case.state("embargo", now), NotApplicable, "no CVE yet");
    assert_eq!(case.state("announce", now), NotApplicable);
    assert_eq!(case.state("advisory", now), NotApplicable);
}

#[test]
fn a_logged_acknowledgment_meets_the_rule_on_time_or_late() {
    let on_time = report().met("ack", "2026-11-24T15:00:00Z");
    assert_eq!(on_time.state("ack", "2026-11-30T00:00:00Z"), Met);
    assert_eq!(
        on_time.met_at("ack", "2026-11-30T00:00:00Z"),
        Some(t("2026-11-24T15:00:00Z"))
    );
    let late = report().met("ack", "2026-11-26T15:00:00Z");
    assert_eq!(late.state("ack", "2026-11-26T14:00:00Z"), Met, "met is met");
}

#[test]
fn moving_to_acknowledged_is_not_the_reply_but_triage_ends_the_ack_clock() {
    let acked_status = report().moved("2026-11-24T10:00:00Z", Status::Acknowledged);
    assert_eq!(acked_status.state("ack", "2026-11-25T10:00:00Z"), Overdue);
    let triaging = acked_status.moved("2026-11-25T11:00:00Z", Status::Triaging);
    assert_eq!(triaging.state("ack", "2026-11-25T12:00:00Z"), NotApplicable);
    assert_eq!(
        triaging.state("response", "2026-11-25T12:00:00Z"),
        Upcoming,
        "the response clock still runs"
    );
}

#[test]
fn a_logged_response_is_also_an_acknowledgment() {
    let case = report().met("response", "2026-11-24T20:00:00Z");
    assert_eq!(case.state("ack", "2026-11-26T00:00:00Z"), Met);
    assert_eq!(case.state("response", "2026-11-26T00:00:00Z"), Met);
}

#[test]
fn closed_cases_and_side_outcomes_have_no_open_deadline() {
    let triaged = report()
        .met("ack", "2026-11-24T10:00:00Z")
        .moved("2026-11-24T10:00:00Z", Status::Acknowledged)
        .moved("2026-11-24T11:00:00Z", Status::Triaging);
    for outcome in [
        Status::NotAVulnerability,
        Status::Duplicate,
        Status::ThirdParty,
    ] {
        let ended = triaged.clone().moved("2026-11-24T12:00:00Z", outcome);
        let now = "2026-12-30T00:00:00Z";
        assert_eq!(ended.state("ack", now), Met, "{outcome}: met stays met");
        for rule in ["response", "update", "embargo", "announce", "advisory"] {
            assert_eq!(ended.state(rule, now), NotApplicable, "{outcome}: {rule}");
        }
        let closed = ended.moved("2026-11-24T13:00:00Z", Status::Closed);
        assert_eq!(closed.state("update", now), NotApplicable, "closed");
    }
}

#[test]
fn a_disabled_rule_never_applies() {
    let profile = profile_with(&[("ack.enabled", "off")]);
    assert_eq!(
        report().rule_in(&profile, "ack", "2026-11-26T00:00:00Z").0,
        NotApplicable
    );
}

#[test]
fn an_edited_rule_moves_its_deadline() {
    let profile = profile_with(&[("ack.after", "5d"), ("ack.lead", "1d")]);
    assert_eq!(
        report().rule_in(&profile, "ack", "2026-11-28T09:00:00Z"),
        (DueSoon, Some(t("2026-11-29T09:00:00Z")))
    );
}
