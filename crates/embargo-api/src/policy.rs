use embargo_domain::Change;
use embargo_domain::policy::{PolicyProfile, PolicySettings, SEED_PROFILE, validate_profile_id};
use serde::Serialize;

use crate::{ApiError, Refusal, Session};

/// A profile as `embargo policy show` presents it.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyView {
    /// The id of the profile deadlines are computed with.
    pub active: String,
    /// The profile shown (the active one unless another was asked for).
    pub profile: PolicyProfile,
    /// Every profile the team has.
    pub profiles: Vec<ProfileSummary>,
}

/// One line of the profile list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Whether deadlines use it.
    pub active: bool,
    /// Whether `policy set` may change it (all but the seed).
    pub editable: bool,
}

impl Session {
    /// The team's policy profiles, folded from the team stream.
    pub fn policy_settings(&self) -> Result<PolicySettings, ApiError> {
        Ok(PolicySettings::fold(&self.vault().team_events()?))
    }

    /// The active profile, or the one called `id`.
    pub fn policy_show(&self, id: Option<&str>) -> Result<PolicyView, ApiError> {
        let settings = self.policy_settings()?;
        let profile = match id {
            Some(id) => settings
                .get(id)
                .ok_or_else(|| unknown_profile(&settings, id))?,
            None => settings.active(),
        };
        Ok(view(&settings, profile))
    }

    /// Edit one setting of a profile (`ack.after 5d`, `zone Europe/Berlin`, …).
    /// Without `id`, edits the active profile, or the built-in copy `custom` while
    /// the read-only seed is active. A new id starts as a copy of the seed.
    pub fn policy_set(
        &mut self,
        id: Option<&str>,
        key: &str,
        value: &str,
    ) -> Result<PolicyView, ApiError> {
        let settings = self.policy_settings()?;
        let id = id.unwrap_or(settings.default_edit_target()).trim();
        if id == SEED_PROFILE {
            return Err(Refusal::SeedPolicyReadOnly.into());
        }
        validate_profile_id(id)?;
        let mut profile = settings
            .get(id)
            .cloned()
            .unwrap_or_else(|| PolicyProfile::copy_of_seed(id, id));
        profile.edit(key, value)?;
        self.record_team(vec![Change::PolicyProfileSaved {
            profile: profile.clone(),
        }])?;
        let settings = self.policy_settings()?;
        let saved = settings.get(&profile.id).unwrap_or(&profile);
        Ok(view(&settings, saved))
    }

    /// Compute deadlines with the profile `id` from now on (for the whole team).
    pub fn policy_use(&mut self, id: &str) -> Result<PolicyView, ApiError> {
        let settings = self.policy_settings()?;
        if settings.get(id).is_none() {
            return Err(unknown_profile(&settings, id));
        }
        if settings.active_id() != id {
            self.record_team(vec![Change::PolicyProfileActivated {
                profile_id: id.to_owned(),
            }])?;
        }
        self.policy_show(None)
    }
}

fn view(settings: &PolicySettings, profile: &PolicyProfile) -> PolicyView {
    PolicyView {
        active: settings.active_id().to_owned(),
        profile: profile.clone(),
        profiles: settings
            .profiles()
            .iter()
            .map(|p| ProfileSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                active: p.id == settings.active_id(),
                editable: p.is_editable(),
            })
            .collect(),
    }
}

fn unknown_profile(settings: &PolicySettings, id: &str) -> ApiError {
    let ids: Vec<&str> = settings.profiles().iter().map(|p| p.id.as_str()).collect();
    ApiError::NotFound(format!(
        "no policy profile {id:?}; profiles are: {}",
        ids.join(", ")
    ))
}
