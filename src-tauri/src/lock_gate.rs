//! Locking always wins over work on the session. A sync pass can hold the session
//! for as long as the shared folder takes to answer (forever, on a dead network
//! share), so a lock cannot start by waiting for it. It starts by counting a lock
//! request here, which needs no one's permission: the pass sees the count change
//! through its [`Progress`] and stops, the window is told at once, and only then
//! does the lock wait for the session, to drop its keys the moment the pass returns.
//!
//! A session belongs to the count at which it was opened; once a later request
//! exists, the session is dead even if someone else takes it first, so no command
//! ever runs on a session that a lock has claimed.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use embargo_api::domain::Progress;

use crate::LockReason;

/// Lock requests so far, and whether a session is open (readable while a pass
/// holds the session, unlike the session itself).
#[derive(Debug, Default)]
pub(crate) struct Gate(Mutex<Count>);

#[derive(Debug, Default)]
struct Count {
    requests: u64,
    open: bool,
}

impl Gate {
    fn count(&self) -> MutexGuard<'_, Count> {
        // Nothing here can be left half-updated by a panic.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Claim the open session for a lock; whether one was open.
    pub(crate) fn request_lock(&self) -> bool {
        let mut count = self.count();
        count.requests += 1;
        std::mem::replace(&mut count.open, false)
    }

    /// The epoch a session opened now belongs to.
    pub(crate) fn epoch(&self) -> u64 {
        self.count().requests
    }

    /// Whether no lock was requested since `epoch`.
    pub(crate) fn is_current(&self, epoch: u64) -> bool {
        self.count().requests == epoch
    }

    /// Mark a session of `epoch` open, unless a lock was requested since; whether
    /// it may be kept.
    pub(crate) fn open(&self, epoch: u64) -> bool {
        let mut count = self.count();
        count.open = count.requests == epoch;
        count.open
    }

    /// No session is open any more (replaced, or an unlock failed).
    pub(crate) fn close(&self) {
        self.count().open = false;
    }

    /// Whether a session is open and unclaimed.
    pub(crate) fn is_open(&self) -> bool {
        self.count().open
    }
}

/// The [`Progress`] of background work on the session: it asks the work to stop as
/// soon as any lock is requested. Counts and labels go nowhere (nobody watches a
/// background pass).
#[derive(Debug, Clone)]
pub struct UntilLocked {
    gate: Arc<Gate>,
    epoch: u64,
}

impl UntilLocked {
    pub(crate) fn new(gate: Arc<Gate>, epoch: u64) -> Self {
        Self { gate, epoch }
    }
}

impl Progress for UntilLocked {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        !self.gate.is_current(self.epoch)
    }
}

/// Tells the window that the vault locked (the app emits `VaultLocked`; tests
/// record). Called before the lock waits for the session, never under it.
pub struct LockAnnouncer(Box<dyn Fn(LockReason) + Send + Sync>);

impl LockAnnouncer {
    /// Announce locks with `tell`.
    pub fn new(tell: impl Fn(LockReason) + Send + Sync + 'static) -> Self {
        Self(Box::new(tell))
    }

    pub(crate) fn announce(&self, reason: LockReason) {
        (self.0)(reason);
    }
}

impl fmt::Debug for LockAnnouncer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LockAnnouncer")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlock_that_began_before_a_lock_request_loses_to_it() {
        let gate = Gate::default();
        let epoch = gate.epoch();
        assert!(!gate.request_lock(), "nothing was open to claim");
        assert!(!gate.open(epoch), "the lock came after the unlock began");
        assert!(!gate.is_open());
        assert!(gate.open(gate.epoch()), "an unlock begun after it is kept");
        assert!(gate.is_open());
    }

    #[test]
    fn work_stops_for_any_lock_requested_after_its_session_opened_only() {
        let gate = Arc::new(Gate::default());
        let epoch = gate.epoch();
        assert!(gate.open(epoch));
        let pass = UntilLocked::new(gate.clone(), epoch);
        assert!(!pass.cancelled());
        assert!(gate.request_lock(), "the session was open");
        assert!(pass.cancelled());
        assert!(
            !UntilLocked::new(gate.clone(), gate.epoch()).cancelled(),
            "a session opened after the lock is not stopped by it"
        );
    }
}
