//! The idle lock: every command (and the UI's activity pings) resets the clock; a
//! background thread locks the vault once nothing happened for the chosen time.

use std::time::{Duration, Instant};

use tauri::{AppHandle, Manager as _};

use crate::{Desk, LockReason};

/// How often the watcher looks at the clock; the lock happens at most this late.
const CHECK_EVERY: Duration = Duration::from_secs(5);

/// When the person last did something, and how long the vault may stay open idle.
#[derive(Debug, Clone, Copy)]
pub struct IdleClock {
    limit: Duration,
    last_activity: Instant,
}

impl IdleClock {
    /// A clock that starts counting at `now`.
    pub fn new(limit: Duration, now: Instant) -> Self {
        Self {
            limit,
            last_activity: now,
        }
    }

    /// Something happened at `now`.
    pub fn touch(&mut self, now: Instant) {
        self.last_activity = self.last_activity.max(now);
    }

    /// Use a new limit from now on.
    pub fn set_limit(&mut self, limit: Duration) {
        self.limit = limit;
    }

    /// Whether the vault has been idle for at least the limit at `now`.
    pub fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_activity) >= self.limit
    }
}

/// Lock the vault when it has been idle too long (the lock tells the window).
pub(crate) fn watch(app: AppHandle) {
    let watcher = app.clone();
    std::thread::Builder::new()
        .name("idle-lock".into())
        .spawn(move || {
            loop {
                std::thread::sleep(CHECK_EVERY);
                watcher.state::<Desk>().lock_if_idle(Instant::now());
            }
        })
        .map(drop)
        .unwrap_or_else(|_| {
            // Without the watcher the vault would never lock on its own: refuse to
            // pretend, and lock now so that the person has to unlock knowingly.
            app.state::<Desk>().lock(LockReason::Idle);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_postpones_the_lock_and_the_limit_applies_from_the_last_touch() {
        let start = Instant::now();
        let minute = Duration::from_secs(60);
        let mut clock = IdleClock::new(10 * minute, start);
        assert!(!clock.expired(start + 9 * minute));
        clock.touch(start + 9 * minute);
        assert!(
            !clock.expired(start + 18 * minute),
            "the touch restarted the count"
        );
        assert!(clock.expired(start + 19 * minute));
    }

    #[test]
    fn a_touch_from_the_past_never_moves_the_clock_back() {
        let start = Instant::now();
        let mut clock = IdleClock::new(Duration::from_secs(60), start + Duration::from_secs(30));
        clock.touch(start);
        assert!(clock.expired(start + Duration::from_secs(90)));
    }

    #[test]
    fn a_shorter_limit_takes_effect_at_once() {
        let start = Instant::now();
        let mut clock = IdleClock::new(Duration::from_secs(600), start);
        clock.set_limit(Duration::from_secs(60));
        assert!(clock.expired(start + Duration::from_secs(60)));
    }
}
