//! What the shell holds between commands: which vault, the unlocked session (if any)
//! and the idle clock. The session is the only holder of the vault's keys; dropping
//! it (lock) zeroizes them and releases the vault for the CLI. Every lock goes
//! through [`Desk::lock`], which never waits for work on the session before the
//! window is told (see `lock_gate`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use embargo_api::domain::{Clock, Progress};
use embargo_api::{
    ApiError, DEFAULT_IDLE_LOCK_MINUTES, PassphraseChange, Session, SessionSource, SystemClock,
    VaultStatus,
};
use embargo_notify::{LockedSchedule, NotifierSource};
use secrecy::SecretString;
use serde::Serialize;

use crate::lock_gate::{Gate, LockAnnouncer, UntilLocked};
use crate::{IdleClock, IpcError, LockReason};

/// The vault the window works on.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActiveVault {
    /// Its directory, whether it exists, whose it is, whether it is the demo.
    pub vault: VaultStatus,
    /// False while the window works on the demo vault beside the person's own.
    pub is_home: bool,
}

/// The desktop app's state, shared by every command.
#[derive(Debug)]
pub struct Desk {
    /// The person's vault: `$EMBARGO_VAULT` or the platform data directory.
    home: PathBuf,
    /// The vault the window works on: `home`, or the demo vault beside it.
    active: Mutex<PathBuf>,
    session: Mutex<Option<Open>>,
    /// Lock requests, seen by work on the session without taking it.
    gate: Arc<Gate>,
    /// Tells the window the vault locked.
    announcer: OnceLock<LockAnnouncer>,
    idle: Mutex<IdleClock>,
    /// Wakes the background team sync (a team was just created or joined).
    team_sync: Mutex<Option<Sender<()>>>,
    /// Wakes the intake folder's loop (the folder was just set, the vault unlocked).
    intake: Mutex<Option<Sender<()>>>,
    /// While locked: what the notifier may still know (see `LockedSchedule`).
    schedule: Mutex<Option<LockedSchedule>>,
    /// A case a notification or the tray asked to open, shown after unlock.
    pending_open: Mutex<Option<String>>,
    /// What "now" is for sessions, the demo and the notifier (tests set it).
    clock: DeskClock,
}

/// The desk's clock (a clock has nothing to show in a debug dump).
struct DeskClock(Arc<dyn Clock>);

impl std::fmt::Debug for DeskClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeskClock")
    }
}

/// How a session is opened: [`Session::open`] or one of its variants.
type Opener = fn(&Path, &SecretString, Arc<dyn Clock>) -> Result<Session, ApiError>;

/// The unlocked session and the lock epoch it was opened in.
#[derive(Debug)]
struct Open {
    session: Session,
    epoch: u64,
}

fn minutes(n: u32) -> Duration {
    Duration::from_secs(u64::from(n) * 60)
}

impl Desk {
    /// The vault named by `$EMBARGO_VAULT`, else the platform's. The passphrase is
    /// never read from the environment: a person types it into the window.
    pub fn from_environment() -> anyhow::Result<Self> {
        let home = match std::env::var_os("EMBARGO_VAULT").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => embargo_api::default_vault_dir()
                .context("no home directory to keep the vault in; set EMBARGO_VAULT")?,
        };
        Ok(Self::new(home))
    }

    /// A locked desk on the vault in `home`, on the system clock.
    pub fn new(home: PathBuf) -> Self {
        Self::with_clock(home, Arc::new(SystemClock))
    }

    /// A locked desk on the vault in `home` whose "now" is `clock`'s.
    pub fn with_clock(home: PathBuf, clock: Arc<dyn Clock>) -> Self {
        Self {
            clock: DeskClock(clock),
            active: Mutex::new(home.clone()),
            home,
            session: Mutex::new(None),
            gate: Arc::default(),
            announcer: OnceLock::new(),
            schedule: Mutex::new(None),
            pending_open: Mutex::new(None),
            idle: Mutex::new(IdleClock::new(
                minutes(DEFAULT_IDLE_LOCK_MINUTES),
                Instant::now(),
            )),
            team_sync: Mutex::new(None),
            intake: Mutex::new(None),
        }
    }

    /// What time it is for this desk.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.0.as_ref()
    }

    /// The person's own vault (the one the CLI is served for).
    pub fn home_dir(&self) -> &Path {
        &self.home
    }

    /// Where the demo vault lives: beside the person's own, never in its place.
    pub fn demo_dir(&self) -> PathBuf {
        let name = self
            .home
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "vault".into());
        self.home.with_file_name(format!("{name}-demo"))
    }

    /// The vault the window works on.
    pub fn active_dir(&self) -> PathBuf {
        lock(&self.active).clone()
    }

    /// Work on another vault directory (locks the current one first).
    pub fn switch_to(&self, dir: &Path) {
        self.lock(LockReason::Requested);
        // The schedule belongs to the vault being left.
        lock(&self.schedule).take();
        *lock(&self.active) = dir.to_path_buf();
    }

    /// Go back to the person's own vault.
    pub fn switch_home(&self) {
        self.switch_to(&self.home.clone());
    }

    /// What the unlock screen needs to know about the active vault.
    pub fn status(&self) -> Result<ActiveVault, IpcError> {
        let dir = self.active_dir();
        Ok(ActiveVault {
            vault: embargo_api::vault_status(&dir)?,
            is_home: dir == self.home,
        })
    }

    /// Whether a session is open (answers at once, even while a pass holds it).
    pub fn is_unlocked(&self) -> bool {
        self.gate.is_open()
    }

    /// Unlock the active vault with what the person typed.
    pub fn unlock(&self, passphrase: SecretString) -> Result<(), IpcError> {
        self.unlock_with(passphrase, Session::open)
    }

    /// Unlock the active vault although its database is older than the vault's
    /// last change: the person put a backup back on purpose and confirmed that
    /// the changes made after it are lost (`ErrorCode::RolledBack` otherwise).
    pub fn unlock_accepting_restored(&self, passphrase: SecretString) -> Result<(), IpcError> {
        self.unlock_with(passphrase, Session::open_accepting_restored)
    }

    fn unlock_with(&self, passphrase: SecretString, open: Opener) -> Result<(), IpcError> {
        let dir = self.active_dir();
        // Taken before the wait for the session: a lock requested while this unlock
        // waits or checks the passphrase wins.
        let epoch = self.gate.epoch();
        let mut slot = self.slot();
        // Always check the passphrase, even if a session is open (the window may have
        // been reloaded): drop it first, so a wrong passphrase leaves the vault locked.
        self.end(&mut slot);
        let mut session = open(&dir, &passphrase, self.clock.0.clone())?;
        self.flush_schedule(&mut session);
        self.install(&mut slot, session, epoch)?;
        self.start_idle_clock(slot.as_ref().map(|open| &open.session))?;
        // Bring in what teammates did, and what arrived, while the vault was locked.
        self.wake_team_sync();
        self.wake_intake();
        Ok(())
    }

    /// Create a vault in the active directory and keep it unlocked.
    pub fn create(
        &self,
        name: &str,
        email: &str,
        passphrase: SecretString,
    ) -> Result<(), IpcError> {
        embargo_api::check_new_passphrase(&passphrase)?;
        let dir = self.active_dir();
        let epoch = self.gate.epoch();
        let mut slot = self.slot();
        self.end(&mut slot);
        lock(&self.schedule).take();
        let session = Session::create(&dir, name, email, &passphrase, self.clock.0.clone())?;
        self.install(&mut slot, session, epoch)?;
        self.start_idle_clock(slot.as_ref().map(|open| &open.session))
    }

    /// Keep `session` unless a lock was requested since `epoch` (then it is
    /// dropped and the vault stays locked).
    fn install(
        &self,
        slot: &mut Option<Open>,
        session: Session,
        epoch: u64,
    ) -> Result<(), IpcError> {
        if !self.gate.open(epoch) {
            self.retire(Some(session));
            return Err(IpcError::not_unlocked());
        }
        *slot = Some(Open { session, epoch });
        Ok(())
    }

    fn start_idle_clock(&self, session: Option<&Session>) -> Result<(), IpcError> {
        let limit = match session {
            Some(session) => session.idle_lock_minutes()?,
            None => DEFAULT_IDLE_LOCK_MINUTES,
        };
        *lock(&self.idle) = IdleClock::new(minutes(limit), Instant::now());
        Ok(())
    }

    /// Where to tell the window that the vault locked (once, at start).
    pub fn set_lock_announcer(&self, announcer: LockAnnouncer) {
        let _ = self.announcer.set(announcer);
    }

    /// Lock: every way of locking comes here (idle, screen lock, sleep, tray, the
    /// window, switching vaults). Work on the session is asked to stop and the
    /// window is told before this waits for the session; the keys are dropped as
    /// soon as that work returns. True if a session was open.
    pub fn lock(&self, reason: LockReason) -> bool {
        let was_open = self.gate.request_lock();
        if was_open && let Some(announcer) = self.announcer.get() {
            announcer.announce(reason);
        }
        // The session now belongs to an earlier epoch: taking it drops it.
        drop(self.slot());
        was_open
    }

    /// Lock if nobody did anything for the idle time; true if it locked just now.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        self.gate.is_open() && lock(&self.idle).expired(now) && self.lock(LockReason::Idle)
    }

    /// The session, once any session a lock has claimed is dropped. Every use of
    /// the session goes through here.
    fn slot(&self) -> MutexGuard<'_, Option<Open>> {
        let mut slot = lock(&self.session);
        if slot
            .as_ref()
            .is_some_and(|open| !self.gate.is_current(open.epoch))
        {
            self.retire(slot.take().map(|open| open.session));
        }
        slot
    }

    /// Drop the open session (it is being replaced).
    fn end(&self, slot: &mut Option<Open>) {
        self.gate.close();
        self.retire(slot.take().map(|open| open.session));
    }

    /// Keep the notifier's schedule from a session about to be dropped, then drop
    /// it (zeroizing its keys).
    fn retire(&self, session: Option<Session>) {
        let Some(session) = session else {
            return;
        };
        match LockedSchedule::take(&session) {
            Ok(schedule) => *lock(&self.schedule) = Some(schedule),
            Err(error) => crate::warn(&format!("no deadline notifications while locked: {error}")),
        }
        drop(session);
    }

    /// At unlock: write what the locked notifier did into the vault's ledger.
    fn flush_schedule(&self, session: &mut Session) {
        let Some(schedule) = lock(&self.schedule).take() else {
            return;
        };
        if let Err(error) = schedule.flush(session) {
            crate::warn(&format!("keeping what was notified while locked: {error}"));
        }
    }

    /// Remember a case to open (from a notification); shown once unlocked.
    pub fn request_open(&self, case_id: String) {
        *lock(&self.pending_open) = Some(case_id);
    }

    /// The case a notification asked to open, once.
    pub fn take_pending_open(&self) -> Option<String> {
        lock(&self.pending_open).take()
    }

    /// The person did something.
    pub fn touch(&self) {
        lock(&self.idle).touch(Instant::now());
    }

    /// Run a use case on the unlocked session; counts as activity.
    pub fn with_session<T>(
        &self,
        use_case: impl FnOnce(&mut Session) -> Result<T, ApiError>,
    ) -> Result<T, IpcError> {
        self.until_locked(|session, _| use_case(session))
    }

    /// Run a use case that may take long (a sync on request) on the unlocked
    /// session, with a `Progress` that stops it when the vault locks; counts as
    /// activity.
    pub fn until_locked<T>(
        &self,
        use_case: impl FnOnce(&mut Session, &mut UntilLocked) -> Result<T, ApiError>,
    ) -> Result<T, IpcError> {
        let mut slot = self.slot();
        let open = slot.as_mut().ok_or_else(IpcError::not_unlocked)?;
        self.touch();
        let mut progress = UntilLocked::new(self.gate.clone(), open.epoch);
        Ok(use_case(&mut open.session, &mut progress)?)
    }

    /// Run background work on the unlocked session without counting it as
    /// activity (the idle lock must still fire), with a `Progress` that stops it
    /// when the vault locks; `None` while locked.
    pub fn with_session_quietly<T>(
        &self,
        work: impl FnOnce(&mut Session, &mut UntilLocked) -> Result<T, ApiError>,
    ) -> Option<Result<T, ApiError>> {
        let mut slot = self.slot();
        let open = slot.as_mut()?;
        let mut progress = UntilLocked::new(self.gate.clone(), open.epoch);
        Some(work(&mut open.session, &mut progress))
    }

    /// Where to wake the background team sync.
    pub(crate) fn set_team_sync_waker(&self, waker: Sender<()>) {
        *lock(&self.team_sync) = Some(waker);
    }

    /// Run a background team sync pass soon (the team folder may have changed).
    pub fn wake_team_sync(&self) {
        if let Some(waker) = lock(&self.team_sync).as_ref() {
            let _ = waker.send(());
        }
    }

    /// Where to wake the intake folder's loop.
    pub(crate) fn set_intake_waker(&self, waker: Sender<()>) {
        *lock(&self.intake) = Some(waker);
    }

    /// Run an intake pass soon (the folder was set, the vault unlocked).
    pub fn wake_intake(&self) {
        if let Some(waker) = lock(&self.intake).as_ref() {
            let _ = waker.send(());
        }
    }

    /// Change the passphrase; the session stays open (see
    /// [`Session::change_passphrase`]). Counts as activity.
    pub fn change_passphrase(&self, change: &PassphraseChange) -> Result<(), IpcError> {
        self.with_session(|session| session.change_passphrase(change))
    }

    /// Change the idle lock, remembered in the vault, effective at once.
    pub fn set_idle_lock(&self, minutes_idle: u32) -> Result<(), IpcError> {
        self.with_session(|session| session.set_idle_lock_minutes(minutes_idle))?;
        lock(&self.idle).set_limit(minutes(minutes_idle));
        Ok(())
    }
}

/// The background loops (team sync, notifier) borrow the session between
/// commands: not counted as activity, stopped by any lock (see `lock_gate`).
impl SessionSource for &Desk {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        self.with_session_quietly(|session, progress| Ok(work(session, progress)))
            .transpose()
    }
}

/// While locked, the notifier works from the schedule kept at the last lock.
impl NotifierSource for &Desk {
    fn with_locked_schedule<T>(
        &mut self,
        work: impl FnOnce(&mut LockedSchedule) -> T,
    ) -> Option<T> {
        lock(&self.schedule).as_mut().map(work)
    }
}

/// A poisoned lock only means a command panicked midway; the data it guards (a path,
/// a session, a clock) is still consistent, so carry on rather than wedge the app.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
