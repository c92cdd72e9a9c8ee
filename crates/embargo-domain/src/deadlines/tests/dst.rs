use chrono::{Datelike, Weekday};
use chrono_tz::Tz;

use super::*;

/// Europe/Berlin leaves summer time on Sunday 2026-10-25 (03:00 CEST → 02:00 CET).
fn berlin(edits: &[(&str, &str)]) -> PolicyProfile {
    let mut all = vec![("zone", "Europe/Berlin")];
    all.extend_from_slice(edits);
    profile_with(&all)
}

fn local(at: DateTime<Utc>, zone: &str) -> String {
    let tz: Tz = zone.parse().expect("zone");
    at.with_timezone(&tz).to_rfc3339()
}

#[test]
fn plain_days_are_exact_hours_so_the_wall_clock_shifts_across_a_dst_change() {
    // Friday 10:00 CEST = 08:00 UTC; 5 d = 120 h later is Wednesday 09:00 CET.
    let case = History::received("2026-10-23T08:00:00Z");
    let due = case
        .rule_in(&berlin(&[]), "update", "2026-10-23T08:00:00Z")
        .1
        .expect("due");
    assert_eq!(due, t("2026-10-28T08:00:00Z"));
    assert_eq!(local(due, "Europe/Berlin"), "2026-10-28T09:00:00+01:00");
}

#[test]
fn business_days_keep_the_wall_clock_when_dst_changes_on_a_weekend() {
    // Friday 10:00 CEST + 5 business days = next Friday 10:00 CET (09:00 UTC),
    // 169 hours later.
    let profile = berlin(&[("update.business-days", "on")]);
    let case = History::received("2026-10-23T08:00:00Z");
    let due = case
        .rule_in(&profile, "update", "2026-10-23T08:00:00Z")
        .1
        .expect("due");
    assert_eq!(local(due, "Europe/Berlin"), "2026-10-30T10:00:00+01:00");
    assert_eq!(
        due.with_timezone(&Tz::Europe__Berlin).weekday(),
        Weekday::Fri
    );
}

#[test]
fn spring_forward_in_new_york_keeps_business_deadlines_on_local_time() {
    // DST starts Sunday 2026-03-08. Friday 15:00 EST + 2 business days = Tuesday 15:00 EDT.
    let profile = profile_with(&[
        ("zone", "America/New_York"),
        ("response.business-days", "on"),
    ]);
    let case = History::received("2026-03-06T20:00:00Z");
    let due = case
        .rule_in(&profile, "response", "2026-03-06T20:00:00Z")
        .1
        .expect("due");
    assert_eq!(due, t("2026-03-10T19:00:00Z"));
    assert_eq!(local(due, "America/New_York"), "2026-03-10T15:00:00-04:00");
}

#[test]
fn a_working_day_with_a_dst_change_counts_the_hours_it_really_has() {
    // No weekend: Sunday 2026-10-25 is a working day of 25 hours in Berlin.
    // Saturday 12:00 CEST + 24 working hours = Sunday 11:00 CET.
    let profile = berlin(&[("ack.business-days", "on"), ("weekend", "none")]);
    let case = History::received("2026-10-24T10:00:00Z");
    let due = case
        .rule_in(&profile, "ack", "2026-10-24T10:00:00Z")
        .1
        .expect("due");
    assert_eq!(local(due, "Europe/Berlin"), "2026-10-25T11:00:00+01:00");
}

#[test]
fn the_weekend_is_the_weekend_of_the_zone_not_of_utc() {
    // Sunday 23:30 UTC is already Monday 08:30 in Tokyo: a working day there.
    let profile = profile_with(&[("zone", "Asia/Tokyo"), ("ack.business-days", "on")]);
    let case = History::received("2026-11-29T23:30:00Z");
    assert_eq!(
        case.rule_in(&profile, "ack", "2026-11-29T23:30:00Z").1,
        Some(t("2026-11-30T23:30:00Z"))
    );
}
