//! The shell's state without a window: real vaults on disk, the real idle lock.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use embargo_api::domain::FixedClock;
use embargo_api::{CaseFilter, ErrorCode, NewCase, Session};
use embargo_desk::{Desk, LockReason};
use embargo_notify::{NotificationSink, Report, WatchEvent, WatchOptions};
use secrecy::SecretString;

mod locking;
mod passphrase;
mod restored;

pub(crate) const PASSPHRASE: &str = "granite lantern orchard 42";

pub(crate) fn passphrase(text: &str) -> SecretString {
    SecretString::from(text)
}

/// When the tests' desks start: their clock is a test clock, never the wall's.
pub(crate) fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant")
}

/// A test clock at [`start`].
pub(crate) fn test_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(start()))
}

pub(crate) fn desk_with_vault() -> (tempfile::TempDir, Desk) {
    let (home, desk, _clock) = desk_on_test_clock();
    (home, desk)
}

/// A locked desk on a vault with one case opened at [`start`], and its clock.
pub(crate) fn desk_on_test_clock() -> (tempfile::TempDir, Desk, Arc<FixedClock>) {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("vault");
    let clock = test_clock();
    let desk = Desk::with_clock(dir, clock.clone());
    desk.create("Ana Ruiz", "ana@example.org", passphrase(PASSPHRASE))
        .expect("create");
    desk.with_session(|s| {
        s.new_case(NewCase {
            title: "Path traversal".into(),
            ..NewCase::default()
        })
    })
    .expect("new case");
    desk.lock(LockReason::Requested);
    (home, desk, clock)
}

#[test]
fn a_wrong_passphrase_is_refused_with_its_code_and_never_echoed() {
    let (_home, desk) = desk_with_vault();
    let error = desk
        .unlock(passphrase("not the passphrase"))
        .expect_err("wrong passphrase");
    assert_eq!(error.code, ErrorCode::WrongPassphrase);
    assert!(
        !error.message.contains("not the passphrase"),
        "{}",
        error.message
    );
    assert!(!desk.is_unlocked());
    desk.unlock(passphrase(PASSPHRASE))
        .expect("right passphrase");
    assert!(desk.is_unlocked());
}

#[test]
fn commands_on_a_locked_vault_say_so() {
    let (_home, desk) = desk_with_vault();
    let error = desk
        .with_session(|s| s.find_cases(&CaseFilter::default()))
        .expect_err("locked");
    assert_eq!(error.code, ErrorCode::NotUnlocked);
}

#[test]
fn locking_releases_the_vault_for_the_command_line() {
    let (home, desk) = desk_with_vault();
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    let clock = test_clock();
    let busy = Session::open(
        &home.path().join("vault"),
        &passphrase(PASSPHRASE),
        clock.clone(),
    )
    .expect_err("the app holds the vault");
    assert_eq!(busy.code(), ErrorCode::VaultLocked);
    desk.lock(LockReason::Requested);
    let session = Session::open(&home.path().join("vault"), &passphrase(PASSPHRASE), clock)
        .expect("free once the app locked");
    assert_eq!(session.list(None).expect("list").len(), 1);
}

#[test]
fn the_idle_lock_drops_the_session_after_the_chosen_minutes_only() {
    let (_home, desk) = desk_with_vault();
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    desk.set_idle_lock(3).expect("set idle lock");
    let now = Instant::now();
    assert!(!desk.lock_if_idle(now + Duration::from_secs(2 * 60)));
    assert!(desk.is_unlocked());
    assert!(desk.lock_if_idle(now + Duration::from_secs(4 * 60)));
    assert!(!desk.is_unlocked());
    assert!(
        !desk.lock_if_idle(now + Duration::from_secs(5 * 60)),
        "locks once"
    );

    desk.unlock(passphrase(PASSPHRASE)).expect("unlock again");
    let later = Instant::now();
    assert!(
        desk.lock_if_idle(later + Duration::from_secs(4 * 60)),
        "the chosen 3 minutes (not the default 10) are remembered in the vault"
    );
}

#[test]
fn a_new_vault_needs_a_real_passphrase_and_leaves_nothing_when_refused() {
    let home = tempfile::tempdir().expect("temp dir");
    let desk = Desk::new(home.path().join("vault"));
    let error = desk
        .create("Ana Ruiz", "ana@example.org", passphrase("1234"))
        .expect_err("too short");
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(error.message.contains("too short"), "{}", error.message);
    assert!(!desk.status().expect("status").vault.exists);
}

#[test]
fn the_demo_lives_beside_the_person_s_vault_and_switching_locks() {
    let (home, desk) = desk_with_vault();
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    assert_eq!(desk.demo_dir(), home.path().join("vault-demo"));
    desk.switch_to(&desk.demo_dir());
    assert!(
        !desk.is_unlocked(),
        "switching vaults locks the one that was open"
    );
    let status = desk.status().expect("status");
    assert!(!status.is_home && !status.vault.exists);
    desk.switch_home();
    let status = desk.status().expect("status");
    assert!(status.is_home && status.vault.exists);
    assert_eq!(status.vault.owner.as_deref(), Some("Ana Ruiz"));
}

/// A notification server stand-in that keeps what it was given.
#[derive(Default)]
struct Recorder(std::cell::RefCell<Vec<embargo_notify::Notice>>);

impl NotificationSink for Recorder {
    fn deliver(
        &self,
        notice: &embargo_notify::Notice,
    ) -> Result<(), embargo_notify::DeliveryError> {
        self.0.borrow_mut().push(notice.clone());
        Ok(())
    }
}

/// One pass of the app's notifier loop on the desk: what it reported.
fn notifier_pass(desk: &Desk, sink: &Recorder) -> Vec<WatchEvent> {
    let (_nobody_presses, mut wakeups) = mpsc::channel();
    let options = WatchOptions {
        interval: embargo_notify::NOTIFY_EVERY,
        passes: Some(1),
        linger: Duration::ZERO,
        actions: Vec::new(),
    };
    let mut events = Vec::new();
    embargo_notify::watch(
        &mut { desk },
        sink,
        &mut wakeups,
        desk.clock(),
        &options,
        |event| events.push(event),
    )
    .expect("the desk always lends a session or a schedule");
    events
}

fn sent(events: &[WatchEvent]) -> Option<&embargo_notify::Notice> {
    match events {
        [WatchEvent::Pass(Report { sent, .. })] => sent.as_ref(),
        other => panic!("one pass: {other:?}"),
    }
}

#[test]
fn while_locked_the_notifier_works_from_a_schedule_that_unlock_writes_back() {
    let (_home, desk, clock) = desk_on_test_clock();
    let sink = Recorder::default();
    // The case was opened at the start: its acknowledgment enters its lead time
    // 20 h later.
    clock.set(start() + chrono::Duration::hours(21));
    let events = notifier_pass(&desk, &sink);
    let notice = sent(&events).expect("a notice from the locked schedule");
    assert!(
        notice.summary.starts_with("Acknowledgment due in 3 h"),
        "{}",
        notice.summary
    );
    assert!(
        !notice.body.contains("Path traversal"),
        "discreet while locked"
    );

    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    assert_eq!(
        sent(&notifier_pass(&desk, &sink)),
        None,
        "unlocked, the session's ledger (written at unlock) remembers the notice"
    );
    desk.lock(LockReason::Requested);
    assert_eq!(
        sent(&notifier_pass(&desk, &sink)),
        None,
        "locked again: nothing twice"
    );
    assert_eq!(sink.0.borrow().len(), 1);
}

#[test]
fn switching_vaults_forgets_the_schedule() {
    let (home, desk) = desk_with_vault();
    let sink = Recorder::default();
    assert!(matches!(
        notifier_pass(&desk, &sink).as_slice(),
        [WatchEvent::Pass(_)]
    ));
    desk.switch_to(&home.path().join("other"));
    assert!(matches!(
        notifier_pass(&desk, &sink).as_slice(),
        [WatchEvent::NoSession]
    ));
}
