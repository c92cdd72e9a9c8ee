#![allow(clippy::expect_used)]
//! The notifier loop on a real vault, with scripted wakeups that move a test
//! clock: passes at the interval or when nudged, buttons acted on between passes,
//! the locked schedule used while there is no session. No test waits.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use embargo_api::domain::{FixedClock, Progress};
use embargo_api::{ApiError, NewCase, OpenEachStep, Session, SessionSource, Wake, Wakeups};
use secrecy::SecretString;

use super::*;
use crate::{DeliveryError, Notice};

const CANARY: &str = "CANARY-embargoed-title";
const PASSPHRASE: &str = "a long enough passphrase";

#[derive(Default)]
struct Recorder(RefCell<Vec<Notice>>);

impl NotificationSink for Recorder {
    fn deliver(&self, notice: &Notice) -> Result<(), DeliveryError> {
        self.0.borrow_mut().push(notice.clone());
        Ok(())
    }
}

type Step<'a> = Box<dyn FnMut() -> Wake<NotifierWake> + 'a>;

/// Answers each wait from a script and records how long the loop asked to wait.
struct Script<'a> {
    steps: Vec<Step<'a>>,
    asked: Vec<Duration>,
}

impl<'a> Script<'a> {
    fn new(steps: Vec<Step<'a>>) -> Self {
        Self {
            steps: steps.into_iter().rev().collect(),
            asked: Vec::new(),
        }
    }
}

impl Wakeups<NotifierWake> for Script<'_> {
    fn wait(&mut self, longest: Duration) -> Wake<NotifierWake> {
        self.asked.push(longest);
        self.steps.pop().map_or(Wake::Stop, |mut step| step())
    }
}

fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant")
}

fn vault(dir: &std::path::Path, clock: Arc<FixedClock>) -> Session {
    let mut session = Session::create(
        dir,
        "Ana Ruiz",
        "ana@example.org",
        &SecretString::from(PASSPHRASE),
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

fn options(actions: Vec<NoticeAction>) -> WatchOptions {
    WatchOptions {
        interval: NOTIFY_EVERY,
        passes: None,
        linger: Duration::ZERO,
        actions,
    }
}

fn snooze(notice: &Notice) -> Wake<NotifierWake> {
    Wake::Woken(NotifierWake::Action(ActionEvent::Invoked {
        action: NoticeAction::SnoozeOneHour,
        targets: notice.targets.clone(),
    }))
}

#[test]
fn passes_come_each_interval_or_when_nudged_and_a_button_snoozes_between_them() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(FixedClock::new(received()));
    let mut session = vault(dir.path(), clock.clone());
    let sink = Recorder::default();
    let (c, s) = (&clock, &sink);
    let mut script = Script::new(vec![
        // The acknowledgment enters its lead time (20 h after receipt).
        Box::new(|| {
            c.set(received() + TimeDelta::hours(21));
            Wake::Due
        }),
        // The user presses "Snooze 1 h" on that notice, half-way to the next pass.
        Box::new(|| {
            c.advance(TimeDelta::seconds(30));
            snooze(&s.0.borrow()[0])
        }),
        // Mail was imported: a pass now, not at the end of the interval.
        Box::new(|| Wake::Woken(NotifierWake::PassNow)),
        Box::new(|| {
            c.set(received() + TimeDelta::hours(24));
            Wake::Due
        }),
    ]);
    let mut events = Vec::new();
    watch(
        &mut session,
        &sink,
        &mut script,
        clock.as_ref(),
        &options(vec![NoticeAction::SnoozeOneHour]),
        |event| events.push(event),
    )
    .expect("loop");

    assert_eq!(
        script.asked,
        [
            NOTIFY_EVERY,
            NOTIFY_EVERY,
            Duration::from_secs(30),
            NOTIFY_EVERY,
            NOTIFY_EVERY
        ],
        "the rest of the interval after a button; a full one after a nudged pass"
    );
    let notices = sink.0.borrow();
    assert_eq!(notices.len(), 2, "due soon, then overdue: {notices:?}");
    assert_eq!(notices[0].targets[0].rule, "ack");
    assert!(
        notices[1].summary.contains("due now"),
        "{}",
        notices[1].summary
    );
    let until = received() + TimeDelta::hours(21) + TimeDelta::seconds(30) + TimeDelta::hours(1);
    assert!(
        events.iter().any(
            |e| matches!(e, WatchEvent::Snoozed(targets, at) if targets.len() == 1 && *at == until)
        ),
        "{events:?}"
    );
    assert_eq!(
        session
            .snoozed_until(notices[0].targets[0].case, "ack")
            .expect("read"),
        Some(until),
        "the snooze is in the vault"
    );
    let passes = events
        .iter()
        .filter(|e| matches!(e, WatchEvent::Pass(_)))
        .count();
    assert_eq!(passes, 4);
}

/// The desktop app while locked: no session, the schedule kept at lock time.
struct Locked(Option<LockedSchedule>);

impl SessionSource for Locked {
    fn with_session<T>(
        &mut self,
        _work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        Ok(None)
    }
}

impl NotifierSource for Locked {
    fn with_locked_schedule<T>(
        &mut self,
        work: impl FnOnce(&mut LockedSchedule) -> T,
    ) -> Option<T> {
        self.0.as_mut().map(work)
    }
}

#[test]
fn while_locked_passes_and_snoozes_use_the_schedule_and_stay_discreet() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(FixedClock::new(received()));
    let mut session = vault(dir.path(), clock.clone());
    crate::set_show_titles(&mut session, true).expect("titles on");
    let mut locked = Locked(Some(LockedSchedule::take(&session).expect("schedule")));
    drop(session);
    clock.set(received() + TimeDelta::hours(21));
    let sink = Recorder::default();
    let s = &sink;
    let mut script = Script::new(vec![Box::new(|| snooze(&s.0.borrow()[0]))]);
    let mut events = Vec::new();
    watch(
        &mut locked,
        &sink,
        &mut script,
        clock.as_ref(),
        &options(vec![NoticeAction::Open, NoticeAction::SnoozeOneHour]),
        |event| events.push(event),
    )
    .expect("loop");
    let notices = sink.0.borrow();
    assert_eq!(notices.len(), 1);
    assert!(
        !format!("{:?}", notices[0]).contains(CANARY),
        "nothing embargoed while locked: {:?}",
        notices[0]
    );
    let until = received() + TimeDelta::hours(22);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, WatchEvent::Snoozed(_, at) if *at == until)),
        "{events:?}"
    );
    let target = notices[0].targets[0].clone();
    drop(notices);
    let mut unlocked =
        Session::open(dir.path(), &SecretString::from(PASSPHRASE), clock).expect("unlock");
    locked
        .0
        .expect("schedule")
        .flush(&mut unlocked)
        .expect("flush");
    assert_eq!(
        unlocked.snoozed_until(target.case, "ack").expect("read"),
        Some(until),
        "the snooze pressed while locked reaches the vault at unlock"
    );
}

#[test]
fn a_vault_held_elsewhere_skips_the_pass_of_a_notifier_that_opens_it_each_time() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(FixedClock::new(received()));
    let held = vault(dir.path(), clock.clone());
    let mut each_time = OpenEachStep::new(
        dir.path().to_path_buf(),
        SecretString::from(PASSPHRASE),
        clock.clone(),
    );
    let mut events = Vec::new();
    let options = WatchOptions {
        passes: Some(1),
        ..options(Vec::new())
    };
    watch(
        &mut each_time,
        &Recorder::default(),
        &mut Script::new(Vec::new()),
        clock.as_ref(),
        &options,
        |event| events.push(event),
    )
    .expect("a busy vault is no failure");
    assert!(
        matches!(events.as_slice(), [WatchEvent::NoSession]),
        "{events:?}"
    );
    drop(held);
}
