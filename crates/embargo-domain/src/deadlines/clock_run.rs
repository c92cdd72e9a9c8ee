use chrono::{DateTime, Duration, Utc};

use super::{Wait, WorkingCalendar};

/// Upper bound on stretches crossed while counting; a year of weekends is ~110.
const MAX_STEPS: usize = 10_000;

/// Where a rule's clock runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockEnd {
    /// The deadline.
    Due(DateTime<Utc>),
    /// The clock is stopped (the case waits on the reporter); if the answer came
    /// now, the deadline would be `projected`.
    Paused {
        /// The deadline if the wait ended now.
        projected: DateTime<Utc>,
    },
}

impl ClockEnd {
    /// The deadline, or the projected one while paused.
    pub fn instant(self) -> DateTime<Utc> {
        match self {
            ClockEnd::Due(at) | ClockEnd::Paused { projected: at } => at,
        }
    }
}

/// Count `length` of running time from `start`. The clock stops on non-working
/// days (when `calendar` is given) and while the case waits on the reporter
/// (`waits`); a wait still open counts as ending `now`.
pub fn run_clock(
    start: DateTime<Utc>,
    length: Duration,
    calendar: Option<&WorkingCalendar>,
    waits: &[Wait],
    now: DateTime<Utc>,
) -> ClockEnd {
    if calendar.is_none() && waits.is_empty() {
        return ClockEnd::Due(start + length);
    }
    let stops: Vec<(DateTime<Utc>, DateTime<Utc>)> = waits
        .iter()
        .map(|w| (w.start, w.end.unwrap_or(now)))
        .filter(|(from, to)| to > from)
        .collect();
    let mut at = start;
    let mut left = length;
    for _ in 0..MAX_STEPS {
        let in_wait = stops.iter().find(|(from, to)| *from <= at && at < *to);
        if let Some((_, to)) = in_wait {
            at = *to;
            continue;
        }
        if let Some(next_working) = calendar.and_then(|c| c.blocked_until(at)) {
            at = next_working;
            continue;
        }
        let next_stop = stops
            .iter()
            .map(|(from, _)| *from)
            .filter(|from| *from > at)
            .chain(calendar.and_then(|c| c.next_block_after(at)))
            .min();
        match next_stop {
            Some(stop) if stop < at + left => {
                left -= stop - at;
                at = stop;
            }
            _ => break,
        }
    }
    let due = at + left;
    let still_waiting = waits.last().filter(|w| w.end.is_none() && w.start <= now);
    match still_waiting {
        // The clock was still running when the wait began: it is stopped now.
        Some(wait) if due > wait.start => ClockEnd::Paused { projected: due },
        _ => ClockEnd::Due(due),
    }
}
