use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::{DomainError, Status};

use super::{Anchor, PolicyDuration, Rule};

/// Id of the built-in seed policy (read-only).
pub const SEED_PROFILE: &str = "seed";
/// Id of the built-in editable copy of the seed policy.
pub const CUSTOM_PROFILE: &str = "custom";

fn utc() -> String {
    "UTC".to_owned()
}

fn saturday_and_sunday() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

/// A named set of rules plus the working calendar business-day rules count on.
/// A team setting: saved and chosen through events on the team stream, so it syncs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyProfile {
    /// Stable id (`seed`, `custom`, or lower-case letters, digits and `-`).
    pub id: String,
    /// For people.
    pub name: String,
    /// IANA time zone of the working calendar, also used to show deadlines.
    #[serde(default = "utc")]
    pub zone: String,
    /// Days that are not working days.
    #[serde(default = "saturday_and_sunday")]
    pub weekend: Vec<Weekday>,
    /// Further non-working days.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// The rules, in the order shown; a rule may anchor on an earlier one.
    pub rules: Vec<Rule>,
}

impl PolicyProfile {
    /// The seed policy (SPEC §1): ack 24 h, detailed response 48 h, update every
    /// 5 days, embargo = CVE + 72 h, announcement at the embargo, advisory 6 h
    /// after the announcement.
    pub fn seed() -> Self {
        let rule = |id: &str, label: &str, anchor: Anchor, after, lead| Rule {
            id: id.to_owned(),
            label: label.to_owned(),
            anchor,
            after,
            lead,
            business_days: false,
            pauses_while_waiting: false,
            also_met_by: Vec::new(),
            met_by_status: None,
            stops_at: None,
            enabled: true,
        };
        let h = PolicyDuration::hours;
        let rules = vec![
            Rule {
                also_met_by: vec!["response".into(), "update".into()],
                stops_at: Some(Status::Triaging),
                ..rule("ack", "Acknowledgment", Anchor::Received, h(24), h(4))
            },
            Rule {
                pauses_while_waiting: true,
                stops_at: Some(Status::Fixing),
                ..rule(
                    "response",
                    "Detailed response",
                    Anchor::Received,
                    h(48),
                    h(8),
                )
            },
            Rule {
                pauses_while_waiting: true,
                stops_at: Some(Status::Announced),
                ..rule(
                    "update",
                    "Reporter update",
                    Anchor::LatestMet {
                        rules: vec!["ack".into(), "response".into(), "update".into()],
                    },
                    PolicyDuration::days(5),
                    h(24),
                )
            },
            Rule {
                met_by_status: Some(Status::Announced),
                ..rule("embargo", "Embargo end", Anchor::Embargo, h(72), h(24))
            },
            Rule {
                met_by_status: Some(Status::Announced),
                ..rule(
                    "announce",
                    "Announcement",
                    Anchor::Deadline {
                        rule: "embargo".into(),
                    },
                    PolicyDuration::minutes(0),
                    h(2),
                )
            },
            Rule {
                met_by_status: Some(Status::Published),
                ..rule(
                    "advisory",
                    "Advisory",
                    Anchor::StatusReached {
                        status: Status::Announced,
                    },
                    h(6),
                    h(2),
                )
            },
        ];
        Self {
            id: SEED_PROFILE.to_owned(),
            name: "Seed policy".to_owned(),
            zone: utc(),
            weekend: saturday_and_sunday(),
            holidays: Vec::new(),
            rules,
        }
    }

    /// The built-in editable copy of the seed policy.
    pub fn custom() -> Self {
        Self::copy_of_seed(CUSTOM_PROFILE, "Team policy")
    }

    /// A new profile with the seed's rules.
    pub fn copy_of_seed(id: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            ..Self::seed()
        }
    }

    /// Whether teams may edit it (everything but the seed).
    pub fn is_editable(&self) -> bool {
        self.id != SEED_PROFILE
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Result<&Rule, DomainError> {
        self.rules
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| self.unknown_rule(id))
    }

    pub(super) fn unknown_rule(&self, id: &str) -> DomainError {
        let known: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
        DomainError::UnknownRule {
            rule: id.to_owned(),
            known: known.join(", "),
        }
    }

    /// The calendar's zone.
    pub fn time_zone(&self) -> Result<chrono_tz::Tz, DomainError> {
        parse_zone(&self.zone)
    }

    /// Refuse a profile the engine could not evaluate: unknown zone, a calendar
    /// without working days, duplicate rule ids, anchors on unknown or later rules.
    pub fn validate(&self) -> Result<(), DomainError> {
        let bad = |m: String| Err(DomainError::InvalidPolicy(m));
        validate_profile_id(&self.id)?;
        self.time_zone()?;
        if self.weekend.len() >= 7 {
            return bad("the weekend cannot be every day: there would be no working days".into());
        }
        for (index, rule) in self.rules.iter().enumerate() {
            validate_rule_id(&rule.id)?;
            if self.rules[..index].iter().any(|r| r.id == rule.id) {
                return bad(format!("two rules are called {:?}", rule.id));
            }
            if rule.label.trim().is_empty() {
                return bad(format!("rule {} needs a label", rule.id));
            }
            if let Anchor::Deadline { rule: other } = &rule.anchor
                && !self.rules[..index].iter().any(|r| &r.id == other)
            {
                return bad(format!(
                    "rule {} anchors on {other:?}, which is not an earlier rule",
                    rule.id
                ));
            }
        }
        Ok(())
    }
}

/// Parse an IANA zone name (`Europe/Berlin`, `UTC`; any letter case).
pub fn parse_zone(name: &str) -> Result<chrono_tz::Tz, DomainError> {
    let name = name.trim();
    name.parse::<chrono_tz::Tz>()
        .ok()
        .or_else(|| {
            chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(name))
                .copied()
        })
        .ok_or_else(|| {
            DomainError::InvalidPolicy(format!(
                "{name:?} is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)"
            ))
        })
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// Profile ids: lower-case letters, digits and `-`, at most 32.
pub fn validate_profile_id(id: &str) -> Result<(), DomainError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(DomainError::InvalidPolicy(format!(
            "{id:?} is not a profile id: use lower-case letters, digits and -, at most 32"
        )))
    }
}

fn validate_rule_id(id: &str) -> Result<(), DomainError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(DomainError::InvalidPolicy(format!(
            "{id:?} is not a rule id: use lower-case letters, digits and -, at most 32"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_policy_is_the_spec_table() {
        let seed = PolicyProfile::seed();
        seed.validate().expect("the seed is valid");
        let summary: Vec<(&str, String)> = seed
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.after.to_string()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("ack", "24h".to_owned()),
                ("response", "48h".to_owned()),
                ("update", "5d".to_owned()),
                ("embargo", "72h".to_owned()),
                ("announce", "0m".to_owned()),
                ("advisory", "6h".to_owned()),
            ]
        );
        assert!(!seed.is_editable());
        assert!(PolicyProfile::custom().is_editable());
        assert_eq!(PolicyProfile::custom().rules, seed.rules);
    }

    #[test]
    fn a_profile_round_trips_through_json() {
        let seed = PolicyProfile::seed();
        let json = serde_json::to_string(&seed).expect("serializes");
        let back: PolicyProfile = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, seed);
    }

    #[test]
    fn broken_profiles_are_refused() {
        let mut p = PolicyProfile::custom();
        p.zone = "Mars/Olympus".into();
        assert!(p.validate().is_err());
        let mut p = PolicyProfile::custom();
        p.weekend = vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        assert!(p.validate().is_err());
        let mut p = PolicyProfile::custom();
        p.rules.swap(3, 4);
        let err = p.validate().expect_err("announce before embargo");
        assert!(err.to_string().contains("not an earlier rule"), "{err}");
        assert!(validate_profile_id("Team Policy").is_err());
    }
}
