#![allow(clippy::expect_used)]
//! The locked schedule on a real vault: notices from memory at the right
//! thresholds, nothing embargoed, and the ledger written at unlock.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use embargo_api::{NewCase, Session};
use embargo_domain::Clock;
use secrecy::SecretString;

use super::*;
use crate::{DeliveryError, Notice, notify_once};

const CANARY: &str = "CANARY-embargoed-title";

/// A clock the test moves by hand (never by sleeping).
struct HandClock(Mutex<DateTime<Utc>>);

impl Clock for HandClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock")
    }
}

impl HandClock {
    fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().expect("clock") = at;
    }
}

#[derive(Default)]
struct Recorder(RefCell<Vec<Notice>>);

impl NotificationSink for Recorder {
    fn deliver(&self, notice: &Notice) -> Result<(), DeliveryError> {
        self.0.borrow_mut().push(notice.clone());
        Ok(())
    }
}

fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant")
}

fn vault(dir: &std::path::Path, clock: Arc<HandClock>) -> Session {
    let mut session = Session::create(
        dir,
        "Ana Ruiz",
        "ana@example.org",
        &SecretString::from("a long enough passphrase"),
        clock,
    )
    .expect("create");
    session
        .new_case(NewCase {
            title: CANARY.into(),
            ..NewCase::default()
        })
        .expect("case");
    session
}

#[test]
fn while_locked_it_notifies_from_memory_once_per_threshold_without_titles() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(HandClock(Mutex::new(received())));
    let mut session = vault(dir.path(), clock.clone());
    crate::set_show_titles(&mut session, true).expect("titles on");
    let mut schedule = LockedSchedule::take(&session).expect("schedule");
    drop(session);
    assert!(
        !format!("{schedule:?}").contains(CANARY),
        "the schedule keeps no case text"
    );
    assert_eq!(schedule.len(), 3, "ack, response and update are open");

    let sink = Recorder::default();
    let report = schedule.notify(
        &sink,
        &[NoticeAction::Open],
        received() + Duration::hours(1),
    );
    assert!(report.sent.is_none(), "nothing is due yet");

    // Ack (24 h, lead 4 h) is due in 3 h.
    let at = received() + Duration::hours(21);
    let report = schedule.notify(&sink, &[NoticeAction::Open], at);
    let notice = report.sent.expect("a notice");
    assert_eq!(notice.summary, "Acknowledgment due in 3 h — EMB-2026-0001");
    assert_eq!(notice.actions, [NoticeAction::Open]);
    assert!(
        schedule
            .notify(&sink, &[], at + Duration::minutes(30))
            .sent
            .is_none(),
        "notified once per threshold"
    );
    let overdue = schedule
        .notify(&sink, &[], received() + Duration::hours(25))
        .sent
        .expect("overdue notice");
    assert_eq!(
        overdue.summary,
        "Acknowledgment overdue by 1 h — EMB-2026-0001"
    );
    let all: String = sink
        .0
        .borrow()
        .iter()
        .map(|n| format!("{} {}", n.summary, n.body))
        .collect();
    assert!(
        !all.contains(CANARY),
        "discreet while locked, titles or not"
    );
}

#[test]
fn what_was_notified_or_snoozed_while_locked_is_written_at_unlock() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(HandClock(Mutex::new(received())));
    let session = vault(dir.path(), clock.clone());
    let mut schedule = LockedSchedule::take(&session).expect("schedule");
    let sink = Recorder::default();
    let overdue_at = received() + Duration::hours(41);
    let notice = schedule
        .notify(&sink, &[], overdue_at)
        .sent
        .expect("ack overdue and response due soon");
    assert_eq!(notice.summary, "2 deadlines need attention");
    let response = notice
        .targets
        .iter()
        .find(|t| t.rule == "response")
        .cloned()
        .expect("response target");
    schedule.snooze(&[response], overdue_at + Duration::hours(1));

    let mut session = session;
    schedule.flush(&mut session).expect("flush");
    clock.set(overdue_at);
    let report = notify_once(&mut session, &sink, &[]).expect("pass");
    assert!(
        report.sent.is_none(),
        "nothing is repeated after unlock: {report:?}"
    );
    let board = session.deadline_board("1").expect("board");
    let snoozed = board
        .rules
        .iter()
        .find(|r| r.rule == "response")
        .and_then(|r| r.snoozed_until);
    assert_eq!(snoozed, Some(overdue_at + Duration::hours(1)));
}

#[test]
fn a_paused_deadline_never_comes_due_while_locked() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(HandClock(Mutex::new(received())));
    let mut session = vault(dir.path(), clock);
    session.log_met("1", "ack", None).expect("ack");
    session.set_waiting("1", true).expect("wait");
    let mut schedule = LockedSchedule::take(&session).expect("schedule");
    let sink = Recorder::default();
    let report = schedule.notify(&sink, &[], received() + Duration::days(30));
    assert!(
        report.sent.is_none(),
        "response and update wait on the reporter: {report:?}"
    );
}
