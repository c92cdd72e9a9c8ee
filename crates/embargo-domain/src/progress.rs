//! How far a long operation has got, for a progress bar (a big first sync, a large
//! mbox). Only labels and counts cross this boundary, never case content: a bar
//! may be on screen while someone looks over the handler's shoulder.

/// Receives progress from a long operation.
pub trait Progress {
    /// A new phase of `total` steps (`None` when the count is not known).
    fn phase(&mut self, label: &'static str, total: Option<u64>);
    /// `steps` more steps of the current phase are done.
    fn advance(&mut self, steps: u64);
    /// Whether the watcher wants the work abandoned (the app is locking). Long work
    /// asks between steps and stops without committing anything.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Progress nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct Unwatched;

impl Progress for Unwatched {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
}
