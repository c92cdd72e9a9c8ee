//! The shell's state without a window: real vaults on disk, the real idle lock.

use std::sync::Arc;
use std::time::{Duration, Instant};

use embargo_api::{CaseFilter, ErrorCode, NewCase, Session, SystemClock};
use embargo_desk::{Desk, LockReason};
use secrecy::SecretString;

mod locking;
mod restored;

pub(crate) const PASSPHRASE: &str = "granite lantern orchard 42";

pub(crate) fn passphrase(text: &str) -> SecretString {
    SecretString::from(text)
}

pub(crate) fn desk_with_vault() -> (tempfile::TempDir, Desk) {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("vault");
    let desk = Desk::new(dir);
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
    (home, desk)
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
    let clock = Arc::new(SystemClock);
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

impl embargo_notify::NotificationSink for Recorder {
    fn deliver(
        &self,
        notice: &embargo_notify::Notice,
    ) -> Result<(), embargo_notify::DeliveryError> {
        self.0.borrow_mut().push(notice.clone());
        Ok(())
    }
}

#[test]
fn while_locked_the_notifier_works_from_a_schedule_that_unlock_writes_back() {
    use embargo_api::domain::Clock as _;
    let (_home, desk) = desk_with_vault();
    let sink = Recorder::default();
    // The case was opened now: its acknowledgment enters its lead time in 20 h.
    let later = SystemClock.now() + chrono::Duration::hours(21);
    let notified = desk.for_notifier(
        |_| panic!("the vault is locked"),
        |schedule| {
            assert_eq!(schedule.len(), 3, "ack, response and update are open");
            schedule.notify(&sink, &[], later).sent
        },
    );
    let notice = notified
        .flatten()
        .expect("a notice from the locked schedule");
    assert!(
        notice.summary.starts_with("Acknowledgment due in"),
        "{}",
        notice.summary
    );
    assert!(
        !notice.body.contains("Path traversal"),
        "discreet while locked"
    );

    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    assert_eq!(
        desk.for_notifier(|_| "session", |_| "schedule"),
        Some("session"),
        "unlocked, the notifier uses the session"
    );
    desk.lock(LockReason::Requested);
    let again = desk.for_notifier(
        |_| panic!("the vault is locked"),
        |schedule| schedule.notify(&sink, &[], later).sent,
    );
    assert_eq!(
        again,
        Some(None),
        "the ledger written at unlock remembers the notice: nothing twice"
    );
}

#[test]
fn switching_vaults_forgets_the_schedule() {
    let (home, desk) = desk_with_vault();
    assert!(desk.for_notifier(|_| (), |_| ()).is_some());
    desk.switch_to(&home.path().join("other"));
    assert!(desk.for_notifier(|_| (), |_| ()).is_none());
}
