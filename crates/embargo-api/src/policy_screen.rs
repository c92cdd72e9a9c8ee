//! The settings screen's policy section: the team's profiles, and the rules of one
//! of them in words (edited through [`Session::policy_edit`]).

use serde::Serialize;

use crate::policy_editor::settings_of;
use crate::{ApiError, PolicySetting, ProfileSummary, Session};

/// The profiles and the rules of the one shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PolicyScreen {
    /// The id of the profile deadlines are computed with.
    pub active: String,
    /// Every profile the team has.
    pub profiles: Vec<ProfileSummary>,
    /// The profile shown.
    pub shown: ProfileSummary,
    /// Its calendar zone.
    pub zone: String,
    /// Its rules, in order.
    pub rules: Vec<PolicyRuleView>,
    /// Every setting the editor can change, with its value now.
    pub settings: Vec<PolicySetting>,
}

/// One rule, for reading.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PolicyRuleView {
    /// `ack`.
    pub id: String,
    /// `Acknowledgment`.
    pub label: String,
    /// `24 h after the report arrives`.
    pub describe: String,
    /// The warning lead time: `4 h`.
    pub lead: String,
    /// Counted on working days only.
    pub business_days: bool,
    /// Paused while the case waits on the reporter.
    pub pauses_while_waiting: bool,
    /// Whether the rule applies at all.
    pub enabled: bool,
}

impl Session {
    /// The active profile's rules (or profile `id`'s), with the list of profiles.
    pub fn policy_screen(&self, id: Option<&str>) -> Result<PolicyScreen, ApiError> {
        let view = self.policy_show(id)?;
        let shown = view
            .profiles
            .iter()
            .find(|p| p.id == view.profile.id)
            .cloned()
            .ok_or_else(|| ApiError::NotFound(format!("no profile {}", view.profile.id)))?;
        Ok(PolicyScreen {
            active: view.active,
            shown,
            zone: view.profile.zone.clone(),
            settings: settings_of(&view.profile),
            rules: view
                .profile
                .rules
                .iter()
                .map(|rule| PolicyRuleView {
                    id: rule.id.clone(),
                    label: rule.label.clone(),
                    describe: rule.describe(),
                    lead: rule.lead.human(),
                    business_days: rule.business_days,
                    pauses_while_waiting: rule.pauses_while_waiting,
                    enabled: rule.enabled,
                })
                .collect(),
            profiles: view.profiles,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::test_session::fixed_time_session;

    #[test]
    fn the_screen_shows_the_active_profile_and_switches() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = fixed_time_session(dir.path(), "Ana Ruiz", "ana@example.org");
        let screen = session.policy_screen(None).expect("screen");
        assert_eq!(screen.active, "seed");
        assert!(!screen.shown.editable, "the seed is read-only");
        assert_eq!(screen.rules[0].id, "ack");
        assert_eq!(screen.rules[0].lead, "4 h");

        session
            .policy_set(Some("custom"), "ack.after", "5d")
            .expect("edit");
        session.policy_use("custom").expect("use");
        let screen = session.policy_screen(None).expect("screen");
        assert_eq!(screen.active, "custom");
        assert!(screen.shown.editable);
        assert!(
            screen.rules[0].describe.starts_with("5 d"),
            "{}",
            screen.rules[0].describe
        );
        assert!(session.policy_screen(Some("nope")).is_err());
    }
}
