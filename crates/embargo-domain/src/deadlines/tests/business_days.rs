use super::*;
use DeadlineState::*;

fn business_ack() -> PolicyProfile {
    profile_with(&[("ack.business-days", "on")])
}

#[test]
fn a_business_day_after_friday_morning_is_monday_morning() {
    let case = History::received("2026-11-27T10:00:00Z");
    assert_eq!(
        case.rule_in(&business_ack(), "ack", "2026-11-27T10:00:00Z"),
        (Upcoming, Some(t("2026-11-30T10:00:00Z")))
    );
}

#[test]
fn a_report_on_saturday_starts_counting_on_monday() {
    let case = History::received("2026-11-28T10:00:00Z");
    assert_eq!(
        case.rule_in(&business_ack(), "ack", "2026-11-28T10:00:00Z")
            .1,
        Some(t("2026-12-01T00:00:00Z"))
    );
}

#[test]
fn weekdays_inside_one_week_count_like_plain_time() {
    let case = History::received("2026-11-24T10:00:00Z");
    assert_eq!(
        case.rule_in(&business_ack(), "ack", "2026-11-24T10:00:00Z")
            .1,
        Some(t("2026-11-25T10:00:00Z"))
    );
}

#[test]
fn holidays_are_skipped_like_weekends() {
    let profile = profile_with(&[
        ("response.business-days", "on"),
        ("holidays", "2026-12-24,2026-12-25"),
    ]);
    // Wednesday noon + 48 working hours: Wed 12 h, Thu/Fri holidays, weekend,
    // Mon 24 h, Tue 12 h.
    let case = History::received("2026-12-23T12:00:00Z");
    assert_eq!(
        case.rule_in(&profile, "response", "2026-12-23T12:00:00Z").1,
        Some(t("2026-12-29T12:00:00Z"))
    );
}

#[test]
fn five_business_days_are_a_calendar_week() {
    let profile = profile_with(&[("update.business-days", "on")]);
    let case = History::received("2026-11-20T15:30:00Z");
    assert_eq!(
        case.rule_in(&profile, "update", "2026-11-20T15:30:00Z").1,
        Some(t("2026-11-27T15:30:00Z"))
    );
}

#[test]
fn another_weekend_is_respected() {
    let profile = profile_with(&[("ack.business-days", "on"), ("weekend", "fri,sat")]);
    // Thursday 10:00 + 24 working hours skips Friday and Saturday.
    let case = History::received("2026-11-26T10:00:00Z");
    assert_eq!(
        case.rule_in(&profile, "ack", "2026-11-26T10:00:00Z").1,
        Some(t("2026-11-29T10:00:00Z"))
    );
}

#[test]
fn the_lead_time_is_plain_elapsed_time() {
    let case = History::received("2026-11-27T10:00:00Z");
    let profile = business_ack();
    // Due Monday 10:00, lead 4 h: due soon from Monday 06:00, not over the weekend.
    assert_eq!(
        case.rule_in(&profile, "ack", "2026-11-30T05:59:00Z").0,
        Upcoming
    );
    assert_eq!(
        case.rule_in(&profile, "ack", "2026-11-30T06:00:00Z").0,
        DueSoon
    );
    assert_eq!(
        case.rule_in(&profile, "ack", "2026-11-30T10:00:00Z").0,
        Overdue
    );
}
