use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The longest duration a policy, a snooze or `--within` accepts: a year. Longer is
/// a typo, and capping keeps instant arithmetic far from chrono's limits.
const MAX_MINUTES: u64 = 366 * 24 * 60;

/// A span of time as people write it in a policy: `24h`, `5d`, `90m`, `2h30m`.
///
/// Units are `d` (24 hours), `h` and `m`, largest first, each at most once. It keeps
/// the spelling it was given (`24h` stays `24h`, not `1d`), so a profile reads back
/// the way the team wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyDuration {
    minutes: u32,
    text: String,
}

impl PolicyDuration {
    /// A duration of whole minutes (spelled canonically).
    pub fn minutes(minutes: u32) -> Self {
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        let mut text = String::new();
        if d > 0 {
            text.push_str(&format!("{d}d"));
        }
        if h > 0 {
            text.push_str(&format!("{h}h"));
        }
        if m > 0 || text.is_empty() {
            text.push_str(&format!("{m}m"));
        }
        Self { minutes, text }
    }

    /// A duration of whole hours.
    pub fn hours(hours: u32) -> Self {
        Self::minutes(hours * 60).respelled(format!("{hours}h"))
    }

    /// A duration of whole days.
    pub fn days(days: u32) -> Self {
        Self::minutes(days * 1440).respelled(format!("{days}d"))
    }

    fn respelled(self, text: String) -> Self {
        Self { text, ..self }
    }

    /// Length in minutes.
    pub fn as_minutes(&self) -> u32 {
        self.minutes
    }

    /// As a chrono duration.
    pub fn as_chrono(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.minutes))
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        self.minutes == 0
    }

    /// For people: `24 h`, `5 d`, `2 h 30 min`.
    pub fn human(&self) -> String {
        let mut parts = Vec::new();
        let mut number = String::new();
        for c in self.text.chars() {
            if c.is_ascii_digit() {
                number.push(c);
            } else {
                let unit = match c {
                    'd' => "d",
                    'h' => "h",
                    _ => "min",
                };
                parts.push(format!("{number} {unit}"));
                number.clear();
            }
        }
        parts.join(" ")
    }
}

impl fmt::Display for PolicyDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for PolicyDuration {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = |reason: &str| DomainError::InvalidDuration {
            value: s.to_owned(),
            reason: reason.to_owned(),
        };
        let text: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if text.is_empty() {
            return Err(invalid("it is empty"));
        }
        let mut minutes: u64 = 0;
        let mut number = String::new();
        let mut last_rank = 0;
        for c in text.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let (rank, per_unit) = match c {
                'd' => (1, 1440),
                'h' => (2, 60),
                'm' => (3, 1),
                _ => return Err(invalid(&format!("{c:?} is not a unit (use d, h or m)"))),
            };
            if number.is_empty() {
                return Err(invalid(&format!("{c:?} has no number before it")));
            }
            if rank <= last_rank {
                return Err(invalid("units go largest first, each once (e.g. 1d12h)"));
            }
            last_rank = rank;
            let value: u64 = number
                .parse()
                .map_err(|_| invalid("the number is too large"))?;
            minutes = minutes.saturating_add(value.saturating_mul(per_unit));
            number.clear();
        }
        if !number.is_empty() {
            return Err(invalid(&format!(
                "{number} has no unit (write {number}h, {number}d or {number}m)"
            )));
        }
        if minutes > MAX_MINUTES {
            return Err(invalid("it is longer than a year"));
        }
        Ok(Self {
            minutes: u32::try_from(minutes).map_err(|_| invalid("the number is too large"))?,
            text,
        })
    }
}

impl Serialize for PolicyDuration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for PolicyDuration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> u32 {
        text.parse::<PolicyDuration>()
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .as_minutes()
    }

    #[test]
    fn the_spellings_people_use_parse() {
        assert_eq!(minutes("24h"), 24 * 60);
        assert_eq!(minutes("5d"), 5 * 1440);
        assert_eq!(minutes("90m"), 90);
        assert_eq!(minutes("2h30m"), 150);
        assert_eq!(minutes("1d 12h"), 36 * 60);
        assert_eq!(minutes("0m"), 0);
        assert_eq!(minutes("2H"), 120);
    }

    #[test]
    fn the_spelling_is_kept() {
        let d: PolicyDuration = "24h".parse().expect("valid");
        assert_eq!(d.to_string(), "24h");
        assert_eq!(d.human(), "24 h");
        assert_eq!(PolicyDuration::minutes(150).to_string(), "2h30m");
        assert_eq!(PolicyDuration::minutes(150).human(), "2 h 30 min");
        assert_eq!(PolicyDuration::minutes(0).to_string(), "0m");
        let json = serde_json::to_string(&PolicyDuration::days(5)).expect("serializes");
        assert_eq!(json, "\"5d\"");
        let back: PolicyDuration = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, PolicyDuration::days(5));
    }

    #[test]
    fn malformed_durations_say_what_is_wrong() {
        for (bad, says) in [
            ("", "empty"),
            ("24", "no unit"),
            ("h", "no number"),
            ("3w", "not a unit"),
            ("30m2h", "largest first"),
            ("1h1h", "largest first"),
            ("400d", "longer than a year"),
            ("99999999999999999999h", "too large"),
            ("-2h", "not a unit"),
        ] {
            let err = bad.parse::<PolicyDuration>().expect_err(bad).to_string();
            assert!(err.contains(says), "{bad:?}: {err}");
            assert!(err.contains("invalid duration"), "{bad:?}: {err}");
        }
    }
}
