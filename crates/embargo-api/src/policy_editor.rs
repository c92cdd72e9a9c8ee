//! Editing a policy profile from the settings screen: every setting `embargo
//! policy set` takes, with its current value, and the edit itself through the same
//! validation as the command line.

use embargo_domain::policy::{POLICY_KEYS, PolicyProfile};
use serde::Serialize;

use crate::{ApiError, PolicyScreen, Session};

/// One setting of a profile as the editor offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PolicySetting {
    /// The key `policy set` takes: `zone`, `ack.after`, …
    pub key: String,
    /// The rule it belongs to (`ack`), or `None` for the profile and its calendar.
    pub rule: Option<String>,
    /// What it takes, e.g. "how long after the anchor, e.g. 24h, 5d, 2h30m".
    pub help: String,
    /// Its value now, written as `policy set` takes it.
    pub value: String,
}

/// Every setting of `profile`: the profile's own, then each rule's, in order.
pub(crate) fn settings_of(profile: &PolicyProfile) -> Vec<PolicySetting> {
    let on = |b: bool| if b { "on" } else { "off" }.to_owned();
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(",")
        }
    };
    let mut settings = Vec::new();
    for (key, help) in POLICY_KEYS {
        if key.starts_with("RULE.") {
            continue;
        }
        settings.push(PolicySetting {
            key: (*key).to_owned(),
            rule: None,
            help: (*help).to_owned(),
            value: match *key {
                "name" => profile.name.clone(),
                "zone" => profile.zone.clone(),
                "weekend" => list(
                    profile
                        .weekend
                        .iter()
                        .map(|d| d.to_string().to_lowercase())
                        .collect(),
                ),
                "holidays" => list(profile.holidays.iter().map(|d| d.to_string()).collect()),
                _ => String::new(),
            },
        });
    }
    for rule in &profile.rules {
        for (key, help) in POLICY_KEYS {
            let Some(field) = key.strip_prefix("RULE.") else {
                continue;
            };
            settings.push(PolicySetting {
                key: format!("{}.{field}", rule.id),
                rule: Some(rule.id.clone()),
                help: (*help).to_owned(),
                value: match field {
                    "after" => rule.after.to_string(),
                    "lead" => rule.lead.to_string(),
                    "business-days" => on(rule.business_days),
                    "pauses" => on(rule.pauses_while_waiting),
                    "label" => rule.label.clone(),
                    "enabled" => on(rule.enabled),
                    _ => String::new(),
                },
            });
        }
    }
    settings
}

impl Session {
    /// Change one setting of profile `id` (never the read-only seed) exactly as
    /// `embargo policy set --profile ID KEY VALUE` does, and show the profile.
    pub fn policy_edit(
        &mut self,
        id: &str,
        key: &str,
        value: &str,
    ) -> Result<PolicyScreen, ApiError> {
        self.policy_set(Some(id), key, value)?;
        self.policy_screen(Some(id))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used)]
    use crate::test_session::fixed_time_session;

    #[test]
    fn the_editor_lists_every_setting_with_its_value_and_edits_like_the_cli() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = fixed_time_session(dir.path(), "Ana Ruiz", "ana@example.org");
        let screen = session.policy_screen(Some("custom")).unwrap();
        let value = |screen: &crate::PolicyScreen, key: &str| {
            screen
                .settings
                .iter()
                .find(|s| s.key == key)
                .map(|s| s.value.clone())
                .expect(key)
        };
        assert_eq!(value(&screen, "zone"), "UTC");
        assert_eq!(value(&screen, "weekend"), "sat,sun");
        assert_eq!(value(&screen, "holidays"), "none");
        assert_eq!(value(&screen, "ack.after"), "24h");
        assert_eq!(value(&screen, "ack.lead"), "4h");
        assert_eq!(value(&screen, "response.pauses"), "on");

        let edited = session.policy_edit("custom", "ack.after", "2d").unwrap();
        assert_eq!(value(&edited, "ack.after"), "2d");
        assert!(edited.rules[0].describe.starts_with("2 d"));

        let refused = session
            .policy_edit("custom", "ack.after", "soon")
            .unwrap_err()
            .to_string();
        assert!(refused.contains("invalid duration \"soon\""), "{refused}");
        let refused = session
            .policy_edit("seed", "ack.after", "2d")
            .unwrap_err()
            .to_string();
        assert!(refused.contains("read-only"), "{refused}");
        let kept = session.policy_screen(Some("custom")).unwrap();
        assert_eq!(
            value(&kept, "ack.after"),
            "2d",
            "a refused edit changes nothing"
        );
    }
}
