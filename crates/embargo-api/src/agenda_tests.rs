//! The agenda on a real vault at a fixed time (2026-11-24 09:00 UTC, seed policy:
//! acknowledgment 24 h after receipt, calendar in UTC).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use chrono::{DateTime, TimeZone, Utc};
use embargo_domain::Status;
use embargo_domain::deadlines::DeadlineState;

use crate::test_session::fixed_time_session;
use crate::{AgendaGroup, CaseFilter, CaseSort, DeadlineBadge, NewCase, SavedView, Session};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

fn open(session: &mut Session, title: &str, received: DateTime<Utc>) -> String {
    session
        .new_case(NewCase {
            title: title.into(),
            reporter_email: Some(format!("{}@example.net", title.to_lowercase())),
            received_at: Some(received),
            ..NewCase::default()
        })
        .expect("new case")
        .to_string()
}

/// Received newest first: ended and fresh (same instant), due today, waiting on
/// the reporter (its paused response is due after fresh's acknowledgment), overdue
/// (the owner's).
fn morning(dir: &std::path::Path) -> (Session, [String; 5]) {
    let mut s = fixed_time_session(dir, "Ana Ruiz", "ana@example.org");
    let waiting = open(&mut s, "Waiting", at(23, 12));
    let overdue = open(&mut s, "Overdue", at(22, 9));
    let today = open(&mut s, "Today", at(23, 20));
    let fresh = open(&mut s, "Fresh", at(24, 8));
    let ended = open(&mut s, "Ended", at(24, 8));
    s.set_field(&overdue, embargo_domain::FieldName::Handler, "Ana Ruiz")
        .unwrap();
    s.set_field(&today, embargo_domain::FieldName::Handler, "Bo Chen")
        .unwrap();
    s.set_field(
        &fresh,
        embargo_domain::FieldName::Cvss,
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    )
    .unwrap();
    s.set_field(
        &today,
        embargo_domain::FieldName::Cvss,
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    )
    .unwrap();
    for step in ["acknowledged", "triaging", "duplicate"] {
        s.move_case(&ended, step.parse().expect(step)).unwrap();
    }
    for step in ["acknowledged", "triaging"] {
        s.move_case(&waiting, step.parse().expect(step)).unwrap();
    }
    s.set_waiting(&waiting, true).unwrap();
    (s, [fresh, today, overdue, ended, waiting])
}

fn listed(session: &Session, view: Option<SavedView>, sort: Option<CaseSort>) -> Vec<String> {
    let page = session
        .case_page(&CaseFilter {
            view,
            sort,
            ..CaseFilter::default()
        })
        .expect("page");
    page.rows.into_iter().map(|r| r.summary.title).collect()
}

#[test]
fn the_agenda_puts_overdue_first_then_due_today_and_leaves_ended_cases_out() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = morning(dir.path());
    assert_eq!(
        listed(&session, Some(SavedView::Open), None),
        ["Overdue", "Today", "Fresh", "Waiting"],
        "by urgency: overdue, due today, then the open rest by deadline"
    );
    assert_eq!(
        listed(&session, None, None),
        ["Ended", "Fresh", "Today", "Waiting", "Overdue"],
        "no view: every case, newest first, as before"
    );
    let page = session
        .case_page(&CaseFilter {
            view: Some(SavedView::Open),
            ..CaseFilter::default()
        })
        .unwrap();
    let groups: Vec<AgendaGroup> = page.rows.iter().map(|r| r.group).collect();
    assert_eq!(
        groups,
        [
            AgendaGroup::Overdue,
            AgendaGroup::DueToday,
            AgendaGroup::Open,
            AgendaGroup::Open
        ]
    );
    assert_eq!(page.total, 4);
}

#[test]
fn each_saved_view_narrows_to_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = morning(dir.path());
    let view = |v| listed(&session, Some(v), None);
    assert_eq!(view(SavedView::Overdue), ["Overdue"]);
    assert_eq!(view(SavedView::DueToday), ["Today"]);
    assert_eq!(
        view(SavedView::Mine),
        ["Overdue"],
        "the vault owner's cases"
    );
    assert_eq!(
        view(SavedView::Unassigned),
        ["Fresh", "Waiting"],
        "unassigned open cases; the ended one stays out"
    );
    assert_eq!(view(SavedView::Waiting), ["Waiting"]);
    assert_eq!(view(SavedView::Ended), ["Ended"]);
    assert_eq!(
        view(SavedView::All),
        ["Overdue", "Today", "Fresh", "Waiting", "Ended"],
        "all: ended cases after the open ones"
    );
}

#[test]
fn the_sorts_order_by_report_change_and_severity() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = morning(dir.path());
    let open = Some(SavedView::Open);
    assert_eq!(
        listed(&session, open, Some(CaseSort::Received)),
        ["Fresh", "Today", "Waiting", "Overdue"]
    );
    assert_eq!(
        listed(&session, open, Some(CaseSort::Severity)),
        ["Fresh", "Today", "Waiting", "Overdue"],
        "9.8 before 5.5, then the unscored by report"
    );
    let rows = session
        .case_page(&CaseFilter {
            view: open,
            sort: Some(CaseSort::Severity),
            ..CaseFilter::default()
        })
        .unwrap()
        .rows;
    assert_eq!(rows[0].severity.as_ref().map(|s| s.base_score), Some(9.8));
    assert_eq!(rows[0].reporter.as_deref(), Some("fresh@example.net"));
    assert!(rows[2].waiting_on_reporter, "{:?}", rows[2].summary.title);
    assert!(!rows[0].waiting_on_reporter);
}

#[test]
fn a_search_inside_a_view_keeps_the_best_match_first_unless_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = morning(dir.path());
    let page = session
        .case_page(&CaseFilter {
            view: Some(SavedView::All),
            words: Some("ended".into()),
            ..CaseFilter::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].summary.title, "Ended");
    assert_eq!(page.rows[0].group, AgendaGroup::Ended);
}

#[test]
fn groups_follow_the_deadline_state_and_the_end_of_the_day() {
    let day_end = at(25, 0);
    let badge = |state, due_at| DeadlineBadge {
        rule: "ack".into(),
        label: "Acknowledgment".into(),
        state,
        due_at,
    };
    let of = |status, b: Option<DeadlineBadge>| AgendaGroup::of(status, b.as_ref(), day_end);
    use DeadlineState::*;
    assert_eq!(
        of(Status::Received, Some(badge(Overdue, at(24, 1)))),
        AgendaGroup::Overdue
    );
    assert_eq!(
        of(Status::Received, Some(badge(Upcoming, at(24, 23)))),
        AgendaGroup::DueToday
    );
    assert_eq!(
        of(Status::Received, Some(badge(DueSoon, at(25, 2)))),
        AgendaGroup::DueSoon,
        "in its lead time but due after midnight"
    );
    assert_eq!(
        of(Status::Triaging, Some(badge(Paused, at(24, 12)))),
        AgendaGroup::Open,
        "a paused clock is not due today"
    );
    assert_eq!(of(Status::Triaging, None), AgendaGroup::Open);
    assert_eq!(
        of(Status::Duplicate, Some(badge(Overdue, at(24, 1)))),
        AgendaGroup::Ended
    );
}

#[test]
fn views_and_sorts_parse_from_their_names_and_refuse_others() {
    for view in SavedView::ALL {
        assert_eq!(view.as_str().parse::<SavedView>(), Ok(view));
    }
    for sort in CaseSort::ALL {
        assert_eq!(sort.as_str().parse::<CaseSort>(), Ok(sort));
    }
    let err = "closed".parse::<SavedView>().unwrap_err();
    assert!(err.contains("views are: open, overdue"), "{err}");
}

#[test]
fn reopening_an_ended_case_is_recorded_and_puts_it_back_on_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, [_, _, overdue, ended, _]) = morning(dir.path());
    assert_eq!(session.reopen_case(&ended).unwrap(), Status::Triaging);
    let view = session.show(&ended).unwrap();
    assert_eq!(view.status, Status::Triaging);
    assert_eq!(
        view.timeline.last().map(|e| e.summary.as_str()),
        Some("reopened: status duplicate → triaging")
    );
    assert!(listed(&session, Some(SavedView::Open), None).contains(&"Ended".to_owned()));

    let before = session.show(&overdue).unwrap().timeline.len();
    let err = session.reopen_case(&overdue).unwrap_err().to_string();
    assert!(err.contains("nothing to reopen"), "{err}");
    assert_eq!(
        session.show(&overdue).unwrap().timeline.len(),
        before,
        "a refused reopen writes nothing"
    );
}
