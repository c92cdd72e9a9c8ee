use chrono::{NaiveDate, Weekday};

use crate::DomainError;

use super::{PolicyDuration, PolicyProfile, parse_zone};

/// What `embargo policy set KEY VALUE` accepts, with what each takes.
pub const POLICY_KEYS: &[(&str, &str)] = &[
    ("name", "the profile's name"),
    (
        "zone",
        "IANA time zone of the working calendar, e.g. Europe/Berlin",
    ),
    ("weekend", "non-working weekdays, e.g. sat,sun (or none)"),
    (
        "holidays",
        "non-working dates, e.g. 2026-12-24,2026-12-25 (or none)",
    ),
    (
        "RULE.after",
        "how long after the anchor, e.g. 24h, 5d, 2h30m",
    ),
    (
        "RULE.lead",
        "warning lead time before the deadline, e.g. 4h",
    ),
    ("RULE.business-days", "on/off: count working days only"),
    (
        "RULE.pauses",
        "on/off: stop the clock while waiting on the reporter",
    ),
    ("RULE.label", "the rule's name in lists and notifications"),
    ("RULE.enabled", "on/off"),
];

impl PolicyProfile {
    /// Apply one `KEY VALUE` edit, validating it; the profile is unchanged on error.
    pub fn edit(&mut self, key: &str, value: &str) -> Result<(), DomainError> {
        let mut edited = self.clone();
        edited.apply_edit(key.trim(), value.trim())?;
        edited.validate()?;
        *self = edited;
        Ok(())
    }

    fn apply_edit(&mut self, key: &str, value: &str) -> Result<(), DomainError> {
        match key {
            "name" => self.name = non_empty("name", value)?,
            "zone" => self.zone = parse_zone(value)?.name().to_owned(),
            "weekend" => self.weekend = list(value, parse_weekday)?,
            "holidays" => {
                let mut days = list(value, parse_date)?;
                days.sort();
                days.dedup();
                self.holidays = days;
            }
            _ => {
                let Some((rule_id, setting)) = key.split_once('.') else {
                    return Err(unknown_key(key));
                };
                let missing = self.unknown_rule(rule_id);
                let rule = self
                    .rules
                    .iter_mut()
                    .find(|r| r.id == rule_id)
                    .ok_or(missing)?;
                match setting {
                    "after" => rule.after = value.parse::<PolicyDuration>()?,
                    "lead" => rule.lead = value.parse::<PolicyDuration>()?,
                    "business-days" => rule.business_days = switch(key, value)?,
                    "pauses" => rule.pauses_while_waiting = switch(key, value)?,
                    "label" => rule.label = non_empty(key, value)?,
                    "enabled" => rule.enabled = switch(key, value)?,
                    _ => return Err(unknown_key(key)),
                }
            }
        }
        Ok(())
    }
}

fn unknown_key(key: &str) -> DomainError {
    let keys: Vec<&str> = POLICY_KEYS.iter().map(|(k, _)| *k).collect();
    DomainError::InvalidPolicy(format!(
        "unknown policy setting {key:?}; settings are: {}",
        keys.join(", ")
    ))
}

fn non_empty(key: &str, value: &str) -> Result<String, DomainError> {
    if value.is_empty() {
        Err(DomainError::InvalidPolicy(format!(
            "{key} must not be empty"
        )))
    } else {
        Ok(value.to_owned())
    }
}

fn switch(key: &str, value: &str) -> Result<bool, DomainError> {
    match value.to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" => Ok(true),
        "off" | "false" | "no" => Ok(false),
        _ => Err(DomainError::InvalidPolicy(format!(
            "{key} takes on or off, not {value:?}"
        ))),
    }
}

fn list<T>(
    value: &str,
    parse: impl Fn(&str) -> Result<T, DomainError>,
) -> Result<Vec<T>, DomainError> {
    if value.eq_ignore_ascii_case("none") || value.is_empty() {
        return Ok(Vec::new());
    }
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(parse)
        .collect()
}

fn parse_weekday(value: &str) -> Result<Weekday, DomainError> {
    value.parse::<Weekday>().map_err(|_| {
        DomainError::InvalidPolicy(format!("{value:?} is not a weekday (mon, tue, … sun)"))
    })
}

fn parse_date(value: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| DomainError::InvalidPolicy(format!("{value:?} is not a date like 2026-12-25")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_the_calendar_are_edited_by_key() {
        let mut p = PolicyProfile::custom();
        p.edit("ack.after", "5d").expect("valid");
        p.edit("response.business-days", "on").expect("valid");
        p.edit("zone", "europe/berlin")
            .expect("zone names are case-insensitive");
        p.edit("weekend", "fri, sat").expect("valid");
        p.edit("holidays", "2026-12-25,2026-12-24,2026-12-25")
            .expect("valid");
        assert_eq!(p.rule("ack").expect("ack").after.to_string(), "5d");
        assert!(p.rule("response").expect("response").business_days);
        assert_eq!(p.zone, "Europe/Berlin");
        assert_eq!(p.weekend, vec![Weekday::Fri, Weekday::Sat]);
        assert_eq!(p.holidays.len(), 2, "sorted and deduplicated");
        p.edit("holidays", "none").expect("clears");
        assert!(p.holidays.is_empty());
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let mut p = PolicyProfile::custom();
        let before = p.clone();
        for (key, value, says) in [
            ("ack.after", "tomorrow", "invalid duration"),
            ("ack.lead", "24", "no unit"),
            ("nope.after", "1h", "has no rule \"nope\""),
            ("ack.colour", "red", "unknown policy setting"),
            ("colour", "red", "unknown policy setting"),
            ("ack.pauses", "maybe", "on or off"),
            ("zone", "Mars/Base", "IANA"),
            ("weekend", "mon,tue,wed,thu,fri,sat,sun", "no working days"),
            ("holidays", "25/12/2026", "not a date"),
            ("ack.label", "", "must not be empty"),
        ] {
            let err = p.edit(key, value).expect_err(key).to_string();
            assert!(err.contains(says), "{key}={value}: {err}");
            assert_eq!(p, before, "{key}={value} must change nothing");
        }
    }
}
