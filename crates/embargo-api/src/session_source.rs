//! Where a long-running loop (the folder-watching sync, the deadline notifier)
//! gets the unlocked session for one step. Each front end holds its session its
//! own way: the CLI's `sync --watch` owns one, `notify --watch` opens the vault
//! only for a pass (so other `embargo` commands get in between), the desktop app
//! and the `embargo unlock` agent share one that a lock can take away at any
//! moment. The loops are written once against this trait.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use embargo_domain::{Clock, Progress, Unwatched};
use secrecy::SecretString;

use crate::{ApiError, ErrorCode, Session};

/// Lends a loop the unlocked session for one step.
pub trait SessionSource {
    /// Run `work` on the unlocked session. `Ok(None)`: there is no session to work
    /// on right now (the app is locked, another process holds the vault): the
    /// step is skipped and the loop carries on. `Err`: the session cannot be had
    /// at all (a wrong passphrase, a vault gone), which ends the loop.
    ///
    /// `work` gets the source's own [`Progress`], whose `cancelled()` turns true
    /// the moment the session is being taken away (a lock): long work asks it
    /// between steps and stops without committing anything.
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError>;
}

/// A session the caller owns for the whole loop.
impl SessionSource for Session {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        Ok(Some(work(self, &mut Unwatched)))
    }
}

/// A borrowed source (a `&mut Session`, a `&mut` host).
impl<S: SessionSource> SessionSource for &mut S {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        (**self).with_session(work)
    }
}

/// A session shared with other threads (an agent serving commands beside the
/// loops): taken for one step at a time; `None` in the slot means locked.
impl SessionSource for &Mutex<Option<Session>> {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        // A panic elsewhere cannot leave the session half-changed: every write
        // is one vault transaction.
        let mut slot = self.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(slot.as_mut().map(|session| work(session, &mut Unwatched)))
    }
}

/// Opens the vault for each step and closes it after, so that the vault's lock
/// is free in between (`embargo notify --watch` beside other `embargo`
/// commands). A vault held by another process skips the step.
pub struct OpenEachStep {
    dir: PathBuf,
    passphrase: SecretString,
    clock: Arc<dyn Clock>,
}

impl OpenEachStep {
    /// Open the vault in `dir` with `passphrase` for each step.
    pub fn new(dir: PathBuf, passphrase: SecretString, clock: Arc<dyn Clock>) -> Self {
        Self {
            dir,
            passphrase,
            clock,
        }
    }
}

impl std::fmt::Debug for OpenEachStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenEachStep")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl SessionSource for OpenEachStep {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        match Session::open(&self.dir, &self.passphrase, self.clock.clone()) {
            Ok(mut session) => Ok(Some(work(&mut session, &mut Unwatched))),
            Err(error) if error.code() == ErrorCode::VaultLocked => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// The front end's progress (a terminal bar, nothing) joined with the source's:
/// work stops when either asks.
pub(crate) struct Joined<'a> {
    pub(crate) shown: &'a mut dyn Progress,
    pub(crate) source: &'a mut dyn Progress,
}

impl Progress for Joined<'_> {
    fn phase(&mut self, label: &'static str, total: Option<u64>) {
        self.shown.phase(label, total);
    }
    fn advance(&mut self, steps: u64) {
        self.shown.advance(steps);
    }
    fn cancelled(&self) -> bool {
        self.source.cancelled() || self.shown.cancelled()
    }
}
