//! What the shell holds between commands: which vault, the unlocked session (if any)
//! and the idle clock. The session is the only holder of the vault's keys; dropping
//! it (lock) zeroizes them and releases the vault for the CLI.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use embargo_api::{ApiError, DEFAULT_IDLE_LOCK_MINUTES, Session, SystemClock, VaultStatus};
use embargo_notify::LockedSchedule;
use secrecy::SecretString;
use serde::Serialize;

use crate::{IdleClock, IpcError};

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
    session: Mutex<Option<Session>>,
    idle: Mutex<IdleClock>,
    /// Wakes the background team sync (a team was just created or joined).
    team_sync: Mutex<Option<Sender<()>>>,
    /// While locked: what the notifier may still know (see `LockedSchedule`).
    schedule: Mutex<Option<LockedSchedule>>,
    /// A case a notification or the tray asked to open, shown after unlock.
    pending_open: Mutex<Option<String>>,
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

    /// A locked desk on the vault in `home`.
    pub fn new(home: PathBuf) -> Self {
        Self {
            active: Mutex::new(home.clone()),
            home,
            session: Mutex::new(None),
            schedule: Mutex::new(None),
            pending_open: Mutex::new(None),
            idle: Mutex::new(IdleClock::new(
                minutes(DEFAULT_IDLE_LOCK_MINUTES),
                Instant::now(),
            )),
            team_sync: Mutex::new(None),
        }
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
        self.lock();
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

    /// Whether a session is open.
    pub fn is_unlocked(&self) -> bool {
        lock(&self.session).is_some()
    }

    /// Unlock the active vault with what the person typed.
    pub fn unlock(&self, passphrase: SecretString) -> Result<(), IpcError> {
        let dir = self.active_dir();
        let mut session = lock(&self.session);
        // Always check the passphrase, even if a session is open (the window may have
        // been reloaded): drop it first, so a wrong passphrase leaves the vault locked.
        self.retire(session.take());
        *session = Some(Session::open(&dir, &passphrase, Arc::new(SystemClock))?);
        self.flush_schedule(session.as_mut());
        self.start_idle_clock(session.as_ref())?;
        // Bring in what teammates did while the vault was locked.
        self.wake_team_sync();
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
        let mut session = lock(&self.session);
        self.retire(session.take());
        lock(&self.schedule).take();
        *session = Some(Session::create(
            &dir,
            name,
            email,
            &passphrase,
            Arc::new(SystemClock),
        )?);
        self.start_idle_clock(session.as_ref())
    }

    fn start_idle_clock(&self, session: Option<&Session>) -> Result<(), IpcError> {
        let limit = match session {
            Some(session) => session.idle_lock_minutes()?,
            None => DEFAULT_IDLE_LOCK_MINUTES,
        };
        *lock(&self.idle) = IdleClock::new(minutes(limit), Instant::now());
        Ok(())
    }

    /// Drop the session: the keys are zeroized and the vault file lock released.
    pub fn lock(&self) {
        self.retire(lock(&self.session).take());
    }

    /// Lock now (screen lock, sleep); true if a session was open.
    pub fn lock_if_open(&self) -> bool {
        self.retire(lock(&self.session).take())
    }

    /// Lock if nobody did anything for the idle time; true if it locked just now.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        let mut session = lock(&self.session);
        if session.is_some() && lock(&self.idle).expired(now) {
            return self.retire(session.take());
        }
        false
    }

    /// Keep the notifier's schedule from a session about to be dropped, then drop
    /// it (zeroizing its keys); true if there was one.
    fn retire(&self, session: Option<Session>) -> bool {
        let Some(session) = session else {
            return false;
        };
        match LockedSchedule::take(&session) {
            Ok(schedule) => *lock(&self.schedule) = Some(schedule),
            Err(error) => crate::warn(&format!("no deadline notifications while locked: {error}")),
        }
        drop(session);
        true
    }

    /// At unlock: write what the locked notifier did into the vault's ledger.
    fn flush_schedule(&self, session: Option<&mut Session>) {
        let (Some(session), Some(schedule)) = (session, lock(&self.schedule).take()) else {
            return;
        };
        if let Err(error) = schedule.flush(session) {
            crate::warn(&format!("keeping what was notified while locked: {error}"));
        }
    }

    /// The notifier's pass: the session if open (not counted as activity), else
    /// the locked schedule.
    pub fn for_notifier<T>(
        &self,
        unlocked: impl FnOnce(&mut Session) -> T,
        locked: impl FnOnce(&mut LockedSchedule) -> T,
    ) -> Option<T> {
        let mut session = lock(&self.session);
        if let Some(session) = session.as_mut() {
            return Some(unlocked(session));
        }
        lock(&self.schedule).as_mut().map(locked)
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
        let mut session = lock(&self.session);
        let session = session.as_mut().ok_or_else(IpcError::not_unlocked)?;
        self.touch();
        Ok(use_case(session)?)
    }

    /// Run background work on the unlocked session without counting it as
    /// activity (the idle lock must still fire); `None` while locked.
    pub fn with_session_quietly<T>(
        &self,
        work: impl FnOnce(&mut Session) -> Result<T, ApiError>,
    ) -> Option<Result<T, ApiError>> {
        lock(&self.session).as_mut().map(work)
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

    /// Change the idle lock, remembered in the vault, effective at once.
    pub fn set_idle_lock(&self, minutes_idle: u32) -> Result<(), IpcError> {
        self.with_session(|session| session.set_idle_lock_minutes(minutes_idle))?;
        lock(&self.idle).set_limit(minutes(minutes_idle));
        Ok(())
    }
}

/// A poisoned lock only means a command panicked midway; the data it guards (a path,
/// a session, a clock) is still consistent, so carry on rather than wedge the app.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
