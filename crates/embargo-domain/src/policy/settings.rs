use crate::{Change, Event};

use super::{CUSTOM_PROFILE, PolicyProfile, SEED_PROFILE};

/// The team's policy profiles and which one is active, folded from the team stream
/// (`PolicyProfileSaved`, `PolicyProfileActivated`). Built-ins first: the seed
/// (read-only) and its editable copy `custom`.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySettings {
    profiles: Vec<PolicyProfile>,
    active: String,
}

impl Default for PolicySettings {
    fn default() -> Self {
        Self {
            profiles: vec![PolicyProfile::seed(), PolicyProfile::custom()],
            active: SEED_PROFILE.to_owned(),
        }
    }
}

impl PolicySettings {
    /// Fold team events (in log order). A saved profile replaces the one with the
    /// same id; saving the seed is ignored (it is read-only); activating an id
    /// that no profile has is ignored.
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut settings = Self::default();
        for event in events {
            settings.apply(&event.change);
        }
        settings
    }

    /// Apply one team change; other kinds of change are ignored.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::PolicyProfileSaved { profile }
                if profile.id != SEED_PROFILE && profile.validate().is_ok() =>
            {
                match self.profiles.iter_mut().find(|p| p.id == profile.id) {
                    Some(existing) => *existing = profile.clone(),
                    None => self.profiles.push(profile.clone()),
                }
            }
            Change::PolicyProfileActivated { profile_id }
                if self.profiles.iter().any(|p| &p.id == profile_id) =>
            {
                self.active = profile_id.clone();
            }
            _ => {}
        }
    }

    /// The profile deadlines are computed with.
    pub fn active(&self) -> &PolicyProfile {
        // `profiles[0]` is always the seed: built-ins are never removed.
        self.get(&self.active).unwrap_or(&self.profiles[0])
    }

    /// The active profile's id.
    pub fn active_id(&self) -> &str {
        &self.active
    }

    /// A profile by id.
    pub fn get(&self, id: &str) -> Option<&PolicyProfile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// Every profile, built-ins first.
    pub fn profiles(&self) -> &[PolicyProfile] {
        &self.profiles
    }

    /// The profile `policy set` edits when none is named: the active one unless
    /// that is the read-only seed, then the built-in copy.
    pub fn default_edit_target(&self) -> &str {
        if self.active == SEED_PROFILE {
            CUSTOM_PROFILE
        } else {
            &self.active
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CaseId, EventContext, HlcTimestamp};

    fn team_event(change: Change, ms: i64) -> Event {
        let context = EventContext {
            author: crate::AuthorId("a".into()),
            device: crate::DeviceId::random(),
        };
        context.event(
            CaseId::TEAM,
            HlcTimestamp {
                wall_ms: ms,
                counter: 0,
            },
            change,
        )
    }

    #[test]
    fn the_seed_is_active_until_another_profile_is_chosen() {
        let settings = PolicySettings::fold(&[]);
        assert_eq!(settings.active().id, "seed");
        assert_eq!(settings.default_edit_target(), "custom");

        let mut strict = PolicyProfile::copy_of_seed("strict", "Strict");
        strict.edit("ack.after", "5d").expect("valid");
        let events = [
            team_event(
                Change::PolicyProfileSaved {
                    profile: strict.clone(),
                },
                1,
            ),
            team_event(
                Change::PolicyProfileActivated {
                    profile_id: "strict".into(),
                },
                2,
            ),
        ];
        let settings = PolicySettings::fold(&events);
        assert_eq!(settings.active(), &strict);
        assert_eq!(settings.default_edit_target(), "strict");
        assert_eq!(settings.profiles().len(), 3);
    }

    #[test]
    fn the_seed_cannot_be_overwritten_and_unknown_ids_are_not_activated() {
        let mut fake = PolicyProfile::seed();
        fake.edit("ack.after", "9d").expect("valid edit of a copy");
        let events = [
            team_event(Change::PolicyProfileSaved { profile: fake }, 1),
            team_event(
                Change::PolicyProfileActivated {
                    profile_id: "ghost".into(),
                },
                2,
            ),
        ];
        let settings = PolicySettings::fold(&events);
        assert_eq!(settings.active(), &PolicyProfile::seed());
    }
}
