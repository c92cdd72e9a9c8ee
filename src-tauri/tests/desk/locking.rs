//! Locking always wins over a sync pass (issue 10, points 8-9): a pass stuck on the
//! shared folder holds the session, yet every lock tells the window at once, stops
//! the pass, and drops the keys as soon as it returns, which it does at once even
//! while the folder's read never returns.

use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use embargo_api::domain::Progress;
use embargo_api::domain::Unwatched;
use embargo_api::sync::SyncError;
use embargo_api::sync::team::History;
use embargo_api::{
    ApiError, CaseFilter, ErrorCode, FolderWakeups, Session, SyncWatchEvent, Wake, Wakeups,
    watch_team_folder,
};
use embargo_desk::{Desk, LockAnnouncer, LockReason, UntilLocked};
use embargo_sync::test_hooks;

use crate::{PASSPHRASE, desk_with_vault, passphrase};

/// Long enough for any lock on a loaded machine; a pass that waits this long was
/// never stopped, and the test fails on its result rather than hanging.
const GIVE_UP: Duration = Duration::from_secs(20);

/// What the window was told, in order.
fn announcements(desk: &Desk) -> Arc<Mutex<Vec<LockReason>>> {
    let told = Arc::new(Mutex::new(Vec::new()));
    let record = told.clone();
    desk.set_lock_announcer(LockAnnouncer::new(move |reason| {
        record.lock().expect("record").push(reason);
    }));
    told
}

/// Wait (a little at a time) until `done`, or give up; whether it happened.
fn wait_for(done: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + GIVE_UP;
    while !done() {
        if Instant::now() > deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(5));
    }
    true
}

/// The background loop's wakeups for one pass: after it, the app quits.
struct OnePass;

impl Wakeups for OnePass {
    fn wait(&mut self, _longest: Duration) -> Wake {
        Wake::Stop
    }
}

impl FolderWakeups for OnePass {
    fn follow(&mut self, _folder: &std::path::Path) {}
}

/// A shared folder that never answers: the pass stays in its first step until the
/// shell's progress says a lock wants the session.
struct DeadShare<'a> {
    shell: &'a mut UntilLocked,
    inside: Sender<()>,
}

impl Progress for DeadShare<'_> {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {
        let _ = self.inside.send(());
        let shell = &*self.shell;
        wait_for(|| shell.cancelled());
    }
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        self.shell.cancelled()
    }
}

#[test]
fn the_idle_lock_stops_a_stuck_background_pass_after_telling_the_window() {
    let (home, desk) = desk_with_vault();
    let told = announcements(&desk);
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    let (inside, pass_is_inside) = mpsc::channel();
    thread::scope(|scope| {
        let pass = scope.spawn(|| {
            desk.with_session_quietly(|_session, progress| {
                inside.send(()).expect("test alive");
                // Stuck until the window has been told: a lock that waited for the
                // session before telling would leave it stuck until GIVE_UP.
                let stopped =
                    wait_for(|| progress.cancelled() && !told.lock().expect("told").is_empty());
                if stopped {
                    Err(ApiError::from(SyncError::Cancelled))
                } else {
                    Ok("never stopped")
                }
            })
        });
        pass_is_inside
            .recv_timeout(GIVE_UP)
            .expect("the pass holds the session");
        assert!(
            desk.is_unlocked(),
            "the window can ask whether the vault is open while a pass holds it"
        );
        let idle = Instant::now() + Duration::from_secs(11 * 60);
        assert!(desk.lock_if_idle(idle), "idle past the default 10 minutes");
        assert!(
            matches!(
                pass.join().expect("pass thread"),
                Some(Err(ApiError::Sync(SyncError::Cancelled)))
            ),
            "the pass was stopped by the lock"
        );
    });
    assert_eq!(*told.lock().expect("told"), [LockReason::Idle]);
    assert!(!desk.is_unlocked());
    let error = desk
        .with_session(|s| s.find_cases(&CaseFilter::default()))
        .expect_err("locked");
    assert_eq!(error.code, ErrorCode::NotUnlocked);
    Session::open(
        &home.path().join("vault"),
        &passphrase(PASSPHRASE),
        crate::test_clock(),
    )
    .expect("the keys were dropped when the pass returned: the vault is free");
}

#[test]
fn a_lock_stops_a_real_sync_between_steps_with_nothing_merged_or_written() {
    let (home, desk) = desk_with_vault();
    let told = announcements(&desk);
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    let folder = home.path().join("shared");
    std::fs::create_dir(&folder).expect("folder");
    desk.with_session(|s| s.team_create(&folder, "PSIRT"))
        .expect("team");
    let unsent = desk
        .with_session(|s| s.sync_status())
        .expect("status")
        .unsent_events;
    assert!(unsent > 0, "the case made before the team has not left yet");

    let (inside, pass_is_inside) = mpsc::channel();
    thread::scope(|scope| {
        // As the Team screen's "Sync now" runs it.
        let pass = scope.spawn(|| {
            desk.until_locked(|session, shell| {
                session.sync_watched(&mut DeadShare {
                    shell,
                    inside: inside.clone(),
                })
            })
        });
        pass_is_inside
            .recv_timeout(GIVE_UP)
            .expect("the pass reached the folder");
        // As the tray's "Lock now" does it.
        assert!(desk.lock(LockReason::Requested));
        let error = pass
            .join()
            .expect("pass thread")
            .expect_err("a stopped pass");
        assert_eq!(
            error.code,
            ErrorCode::NotUnlocked,
            "a stopped pass is no failure to show: the vault is locked ({})",
            error.message
        );
    });
    assert_eq!(*told.lock().expect("told"), [LockReason::Requested]);

    desk.unlock(passphrase(PASSPHRASE)).expect("unlock again");
    assert_eq!(
        desk.with_session(|s| s.sync_status())
            .expect("status")
            .unsent_events,
        unsent,
        "the stopped pass wrote nothing"
    );
    let report = desk
        .until_locked(|session, progress| session.sync_watched(progress))
        .expect("a lock before this unlock does not stop later passes");
    assert_eq!(report.exported_events, unsent);
}

#[test]
fn a_lock_completes_while_a_real_pass_is_blocked_in_the_team_folder() {
    let (home, desk) = desk_with_vault();
    let told = announcements(&desk);
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    let folder = home.path().join("shared");
    std::fs::create_dir(&folder).expect("folder");
    desk.with_session(|s| s.team_create(&folder, "PSIRT"))
        .expect("team");
    let unsent = desk
        .with_session(|s| s.sync_status())
        .expect("status")
        .unsent_events;
    // The share stops answering: the pass's next read of it blocks, as `read()`
    // on a dead SMB or NFS mount does in the kernel.
    let faults = test_hooks::on(&folder);
    faults.hang();

    let (locked, lock_done) = mpsc::channel();
    thread::scope(|scope| {
        // The app's background team sync: the api's loop on the desk.
        let pass = scope.spawn(|| {
            let mut events: Vec<SyncWatchEvent> = Vec::new();
            let ended = watch_team_folder(&mut { &desk }, &mut OnePass, &mut Unwatched, |event| {
                events.push(event);
            });
            (ended, events)
        });
        assert!(
            faults.wait_until_blocked(GIVE_UP),
            "the pass is blocked in the folder, holding the session"
        );
        let asked = Instant::now();
        scope.spawn(|| {
            // As the screen locker's signal does it.
            let locked_a_session = desk.lock(LockReason::ScreenLocked);
            locked.send(locked_a_session).expect("test alive");
        });
        let Ok(locked_a_session) = lock_done.recv_timeout(GIVE_UP) else {
            faults.release();
            panic!("the lock waited on the dead share");
        };
        assert!(locked_a_session);
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "the lock took {:?}",
            asked.elapsed()
        );
        let (ended, events) = pass.join().expect("pass thread");
        assert!(ended.is_ok(), "a stopped pass does not end the loop");
        assert!(
            events.is_empty(),
            "the pass was stopped by the lock, which is no failure to show: {events:?}"
        );
    });
    assert_eq!(*told.lock().expect("told"), [LockReason::ScreenLocked]);
    assert!(!desk.is_unlocked());
    drop(
        Session::open(
            &home.path().join("vault"),
            &passphrase(PASSPHRASE),
            crate::test_clock(),
        )
        .expect("the keys were dropped while the folder still hangs: the vault is free"),
    );

    faults.release();
    assert!(
        faults.wait_until_idle(GIVE_UP),
        "the abandoned read ran out"
    );
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock again");
    assert_eq!(
        desk.with_session(|s| s.sync_status())
            .expect("status")
            .unsent_events,
        unsent,
        "the stopped pass wrote nothing"
    );
    let report = desk
        .until_locked(|session, progress| session.sync_watched(progress))
        .expect("the share answers again");
    assert_eq!(report.exported_events, unsent);
}

#[test]
fn a_lock_stops_team_screen_commands_blocked_in_the_team_folder() {
    let (home, desk) = desk_with_vault();
    let told = announcements(&desk);
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    let folder = home.path().join("shared");
    std::fs::create_dir(&folder).expect("folder");
    desk.with_session(|s| s.team_create(&folder, "PSIRT"))
        .expect("team");
    // The add itself does not matter (re-adding myself as admin would only write
    // a new roster version): it never gets past reading the roster.
    let bundle = desk
        .with_session(|s| Ok(s.identity().bundle))
        .expect("my bundle");
    let faults = test_hooks::on(&folder);
    faults.hang();

    // As the Team screen's commands run them: opening the screen (the roster and
    // the sync status), then adding a member.
    type Command = fn(&mut Session, &UntilLocked, &str) -> Result<(), ApiError>;
    let commands: [(&str, Command); 2] = [
        ("team overview", |session, progress, _| {
            session.team_show_watched(progress)?;
            session.sync_status_watched(progress).map(drop)
        }),
        ("add member", |session, progress, bundle| {
            session
                .team_add_watched(bundle, true, History::Full, progress)
                .map(drop)
        }),
    ];
    for (name, command) in commands {
        desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
        let (locked, lock_done) = mpsc::channel();
        thread::scope(|scope| {
            let running = scope.spawn(|| {
                desk.until_locked(|session, progress| command(session, progress, &bundle))
            });
            assert!(
                faults.wait_until_blocked(GIVE_UP),
                "{name}: blocked in the folder, holding the session"
            );
            let asked = Instant::now();
            scope.spawn(|| {
                locked
                    .send(desk.lock(LockReason::ScreenLocked))
                    .expect("test alive");
            });
            let Ok(locked_a_session) = lock_done.recv_timeout(GIVE_UP) else {
                faults.release();
                panic!("{name}: the lock waited on the dead share");
            };
            assert!(locked_a_session);
            assert!(
                asked.elapsed() < Duration::from_secs(2),
                "{name}: the lock took {:?}",
                asked.elapsed()
            );
            let error = running
                .join()
                .expect("command thread")
                .expect_err("a stopped command");
            assert_eq!(
                error.code,
                ErrorCode::NotUnlocked,
                "{name}: a stopped command is no failure to show ({})",
                error.message
            );
        });
    }
    assert_eq!(
        *told.lock().expect("told"),
        [LockReason::ScreenLocked, LockReason::ScreenLocked]
    );
    drop(
        Session::open(
            &home.path().join("vault"),
            &passphrase(PASSPHRASE),
            crate::test_clock(),
        )
        .expect("the keys were dropped while the folder still hangs"),
    );

    faults.release();
    assert!(
        faults.wait_until_idle(GIVE_UP),
        "the abandoned reads ran out"
    );
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock again");
    let team = desk
        .with_session(|s| s.team_show())
        .expect("the share answers again");
    assert_eq!(
        (team.version, team.members.len()),
        (1, 1),
        "the stopped add changed nothing"
    );
}

#[test]
fn locking_a_locked_vault_tells_no_one() {
    let (_home, desk) = desk_with_vault();
    let told = announcements(&desk);
    assert!(!desk.lock(LockReason::ScreenLocked));
    assert!(!desk.lock_if_idle(Instant::now() + Duration::from_secs(3600)));
    assert!(told.lock().expect("told").is_empty());
}
