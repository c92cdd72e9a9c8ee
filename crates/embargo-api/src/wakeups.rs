//! What a loop waits on between passes. The loops never sleep and never read the
//! wall clock: they ask their [`Wakeups`] to wait "at most this long", and learn
//! whether the time ran out, something asked for a pass (a file landed, the app
//! was unlocked, a notice's button was pressed) or the host wants the loop to end.
//! In production that is a channel's `recv_timeout`; tests script the answers and
//! move a test clock, so no test waits for real time.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Why a wait ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wake<M = ()> {
    /// The time asked for ran out.
    Due,
    /// A message arrived first (a nudge, a file event, a notice's button).
    Woken(M),
    /// The host wants the loop to end (its sender is gone).
    Stop,
}

/// Waits for the next reason to work.
pub trait Wakeups<M = ()> {
    /// Wait at most `longest`.
    fn wait(&mut self, longest: Duration) -> Wake<M>;
}

/// The production wait: a message on the channel, the timeout, or every sender
/// dropped (the host is shutting the loop down).
impl<M> Wakeups<M> for Receiver<M> {
    fn wait(&mut self, longest: Duration) -> Wake<M> {
        match self.recv_timeout(longest) {
            Ok(message) => Wake::Woken(message),
            Err(RecvTimeoutError::Timeout) => Wake::Due,
            Err(RecvTimeoutError::Disconnected) => Wake::Stop,
        }
    }
}
