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

/// The largest counter a clock issues within one millisecond. Past it the clock
/// moves to the next millisecond instead: a saturating counter would hand out the
/// same stamp again, and two events with one stamp have no order between them.
pub const MAX_COUNTER: u32 = 65_535;

/// How far ahead of the local wall clock another device's stamp can pull this
/// clock. A teammate's clock that is a day ahead (wrong, or hostile) would
/// otherwise make every later local edit carry that far-future time. An hour
/// covers the skews of honest laptops (minutes), so an edit made after seeing a
/// teammate's still sorts after it; only a clock wrong by more than that loses
/// such comparisons.
pub const MAX_CLOCK_LEAD: chrono::TimeDelta = chrono::TimeDelta::hours(1);

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

    /// The latest timestamp issued or observed.
    pub fn last(&self) -> HlcTimestamp {
        self.last
    }

    /// A timestamp for a new local event at wall time `now`: strictly after every
    /// stamp this clock issued or observed, never the same one twice.
    pub fn tick(&mut self, now: DateTime<Utc>) -> HlcTimestamp {
        let wall_ms = now.timestamp_millis();
        self.last = if wall_ms > self.last.wall_ms {
            HlcTimestamp {
                wall_ms,
                counter: 0,
            }
        } else if self.last.counter < MAX_COUNTER {
            HlcTimestamp {
                wall_ms: self.last.wall_ms,
                counter: self.last.counter + 1,
            }
        } else {
            HlcTimestamp {
                wall_ms: self.last.wall_ms.saturating_add(1),
                counter: 0,
            }
        };
        self.last
    }

    /// Take a timestamp seen from another device into account, so that our next
    /// event sorts after it, but never further than [`MAX_CLOCK_LEAD`] past our
    /// wall time `now`: a stamp beyond that counts as `(now + lead, 0)`, and a
    /// counter beyond [`MAX_COUNTER`] as `MAX_COUNTER`.
    pub fn observe(&mut self, seen: HlcTimestamp, now: DateTime<Utc>) {
        let bound = now
            .timestamp_millis()
            .saturating_add(MAX_CLOCK_LEAD.num_milliseconds());
        let seen = if seen.wall_ms > bound {
            HlcTimestamp {
                wall_ms: bound,
                counter: 0,
            }
        } else {
            HlcTimestamp {
                wall_ms: seen.wall_ms,
                counter: seen.counter.min(MAX_COUNTER),
            }
        };
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
        hlc.observe(
            HlcTimestamp {
                wall_ms: 9_000,
                counter: 3,
            },
            at(1_000),
        );
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
    fn a_full_counter_carries_into_the_next_millisecond_instead_of_repeating() {
        let mut hlc = Hlc::resume_after(HlcTimestamp {
            wall_ms: 5_000,
            counter: MAX_COUNTER - 1,
        });
        let a = hlc.tick(at(5_000));
        let b = hlc.tick(at(5_000));
        let c = hlc.tick(at(5_000));
        assert_eq!(
            a,
            HlcTimestamp {
                wall_ms: 5_000,
                counter: MAX_COUNTER
            }
        );
        assert_eq!(
            b,
            HlcTimestamp {
                wall_ms: 5_001,
                counter: 0
            }
        );
        assert!(a < b && b < c, "{a} {b} {c}");
    }

    #[test]
    fn resuming_after_a_saturated_counter_still_moves_forward() {
        let mut hlc = Hlc::resume_after(HlcTimestamp {
            wall_ms: 5_000,
            counter: u32::MAX,
        });
        let next = hlc.tick(at(5_000));
        assert_eq!(
            next,
            HlcTimestamp {
                wall_ms: 5_001,
                counter: 0
            }
        );
        assert_ne!(next, hlc.tick(at(5_000)));
    }

    #[test]
    fn many_ticks_in_one_millisecond_never_repeat_a_stamp() {
        let mut hlc = Hlc::default();
        let mut previous = hlc.tick(at(1_000));
        for _ in 0..(3 * MAX_COUNTER) {
            let next = hlc.tick(at(1_000));
            assert!(next > previous, "{previous} then {next}");
            assert!(next.counter <= MAX_COUNTER);
            previous = next;
        }
        assert_eq!(previous.wall_ms, 1_002, "two carries, no more");
    }

    #[test]
    fn a_stamp_far_ahead_pulls_the_clock_at_most_the_lead_past_now() {
        let now = at(1_000_000);
        let lead = MAX_CLOCK_LEAD.num_milliseconds();
        let mut hlc = Hlc::default();
        hlc.observe(
            HlcTimestamp {
                wall_ms: 1_000_000 + 23 * 3_600_000,
                counter: u32::MAX,
            },
            now,
        );
        assert_eq!(
            hlc.last(),
            HlcTimestamp {
                wall_ms: 1_000_000 + lead,
                counter: 0
            }
        );
        let first = hlc.tick(now);
        assert_eq!(
            first,
            HlcTimestamp {
                wall_ms: 1_000_000 + lead,
                counter: 1
            }
        );
        // Once the wall clock passes the bound, stamps follow the wall clock again.
        let later = hlc.tick(at(1_000_000 + lead + 1));
        assert_eq!(
            later,
            HlcTimestamp {
                wall_ms: 1_000_000 + lead + 1,
                counter: 0
            }
        );
    }

    #[test]
    fn a_stamp_within_the_lead_is_taken_but_its_absurd_counter_is_not() {
        let mut hlc = Hlc::default();
        hlc.observe(
            HlcTimestamp {
                wall_ms: 1_030,
                counter: u32::MAX,
            },
            at(1_000),
        );
        assert_eq!(
            hlc.last(),
            HlcTimestamp {
                wall_ms: 1_030,
                counter: MAX_COUNTER
            }
        );
        let a = hlc.tick(at(1_000));
        let b = hlc.tick(at(1_000));
        assert_eq!(
            a,
            HlcTimestamp {
                wall_ms: 1_031,
                counter: 0
            }
        );
        assert!(a < b);
    }

    #[test]
    fn observing_an_older_stamp_changes_nothing() {
        let mut hlc = Hlc::resume_after(HlcTimestamp {
            wall_ms: 2_000,
            counter: 7,
        });
        hlc.observe(
            HlcTimestamp {
                wall_ms: 1_500,
                counter: 9,
            },
            at(2_000),
        );
        assert_eq!(
            hlc.last(),
            HlcTimestamp {
                wall_ms: 2_000,
                counter: 7
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
