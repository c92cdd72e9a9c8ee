use std::fmt;
use std::sync::Mutex;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Where "now" comes from. Business logic takes a clock instead of reading the
/// system time, so deadlines can be asked "what if it were Friday" and tests
/// control time instead of sleeping.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that says what it is told: for `--now` and for tests.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// Move the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = at;
    }

    /// Move the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A hybrid-logical-clock timestamp: wall time in milliseconds plus a counter that
/// orders events within the same millisecond or behind a clock that went backwards.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct HlcTimestamp {
    /// Milliseconds since the Unix epoch.
    pub wall_ms: i64,
    /// Tie-breaker within one `wall_ms`.
    pub counter: u32,
}

impl HlcTimestamp {
    /// The wall-clock part as an instant.
    pub fn instant(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.wall_ms)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

impl fmt::Display for HlcTimestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:04}", self.wall_ms, self.counter)
    }
}

/// Issues timestamps that never go backwards, even when the wall clock does.
#[derive(Debug, Clone, Default)]
pub struct Hlc {
    last: HlcTimestamp,
}

impl Hlc {
    /// A clock that continues after the latest timestamp already seen.
    pub fn resume_after(last: HlcTimestamp) -> Self {
        Self { last }
    }

    /// A timestamp for a new local event at wall time `now`.
    pub fn tick(&mut self, now: DateTime<Utc>) -> HlcTimestamp {
        let wall_ms = now.timestamp_millis();
        self.last = if wall_ms > self.last.wall_ms {
            HlcTimestamp {
                wall_ms,
                counter: 0,
            }
        } else {
            HlcTimestamp {
                wall_ms: self.last.wall_ms,
                counter: self.last.counter.saturating_add(1),
            }
        };
        self.last
    }

    /// Take a timestamp seen from another device into account, so that our next
    /// event sorts after it.
    pub fn observe(&mut self, seen: HlcTimestamp) {
        if seen > self.last {
            self.last = seen;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(ms)
            .single()
            .expect("valid instant")
    }

    #[test]
    fn ticks_are_strictly_increasing_even_if_the_wall_clock_goes_back() {
        let mut hlc = Hlc::default();
        let a = hlc.tick(at(1_000));
        let b = hlc.tick(at(1_000));
        let c = hlc.tick(at(500));
        let d = hlc.tick(at(2_000));
        assert!(a < b && b < c && c < d, "{a} {b} {c} {d}");
        assert_eq!(
            d,
            HlcTimestamp {
                wall_ms: 2_000,
                counter: 0
            }
        );
    }

    #[test]
    fn observing_a_later_timestamp_moves_the_clock_past_it() {
        let mut hlc = Hlc::default();
        hlc.observe(HlcTimestamp {
            wall_ms: 9_000,
            counter: 3,
        });
        let next = hlc.tick(at(1_000));
        assert_eq!(
            next,
            HlcTimestamp {
                wall_ms: 9_000,
                counter: 4
            }
        );
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let clock = FixedClock::new(at(0));
        clock.advance(chrono::Duration::hours(1));
        assert_eq!(clock.now(), at(3_600_000));
    }
}
