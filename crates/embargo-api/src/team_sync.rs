//! Identity and team sync use cases (the logic lives in `embargo-sync`).

use std::path::{Path, PathBuf};

use embargo_domain::{Progress, Unwatched};
use embargo_sync::roster::{Role, RosterBody};
use embargo_sync::team::History;
use embargo_sync::{MemberKeys, SyncReport, SyncStatus, fingerprint, team};
use secrecy::SecretString;
use serde::Serialize;

use crate::{ApiError, Session};

/// `identity show`: the public bundle to hand to an admin.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IdentityView {
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// age recipient.
    pub recipient: String,
    /// Ed25519 key, hex.
    pub signing_key: String,
    /// One line: everything above, self-signed.
    pub bundle: String,
    /// Short fingerprint to compare out of band.
    pub fingerprint: String,
}

/// One member in `team list`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberView {
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// `admin` or `member`.
    pub role: Role,
    /// Fingerprint.
    pub fingerprint: String,
    /// Whether it is the user of this vault.
    pub you: bool,
}

/// A roster version, as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamView {
    /// The team folder's format: 1, or 2 (team key generations); an admin upgrades 1.
    pub format: u32,
    /// Team id.
    pub team: String,
    /// Team name.
    pub name: String,
    /// Roster version.
    pub version: u64,
    /// The folder.
    pub folder: String,
    /// The pinned admin fingerprint.
    pub pinned_admin: String,
    /// Members.
    pub members: Vec<MemberView>,
}

impl Session {
    /// This user's public bundle and fingerprint.
    pub fn identity(&self) -> IdentityView {
        let keys = MemberKeys::of(self.vault().public_identity());
        IdentityView {
            bundle: keys.bundle(self.vault().signing_key()),
            fingerprint: keys.fingerprint(),
            name: keys.name,
            email: keys.email,
            recipient: keys.recipient,
            signing_key: keys.signing_key,
        }
    }

    /// The age secret key, for reading the team folder with the stock `age` tool.
    pub fn export_secret(&self) -> SecretString {
        self.vault().age_secret()
    }

    /// Start a team in `folder`; this user is its first admin.
    pub fn team_create(&mut self, folder: &Path, name: &str) -> Result<TeamView, ApiError> {
        self.team_create_watched(folder, name, &Unwatched)
    }

    /// [`Session::team_create`], stopping when `progress` asks to (a lock, while
    /// the folder does not answer). Likewise for every `_watched` team use case:
    /// each reads or writes the team folder, which may stop answering.
    pub fn team_create_watched(
        &mut self,
        folder: &Path,
        name: &str,
        progress: &dyn Progress,
    ) -> Result<TeamView, ApiError> {
        let now = self.now();
        team::create_watched(self.vault_mut(), folder, name, now, progress)?;
        self.team_show_watched(progress)
    }

    /// Join the team in `folder` rooted at the admin with fingerprint `pinned`.
    pub fn team_join(&mut self, folder: &Path, pinned: &str) -> Result<TeamView, ApiError> {
        self.team_join_watched(folder, pinned, &Unwatched)
    }

    /// [`Session::team_join`], stopping when `progress` asks to.
    pub fn team_join_watched(
        &mut self,
        folder: &Path,
        pinned: &str,
        progress: &dyn Progress,
    ) -> Result<TeamView, ApiError> {
        team::join_watched(self.vault_mut(), folder, pinned, progress)?;
        self.team_show_watched(progress)
    }

    /// Add a member from their bundle (admins only), with the team's history or
    /// only what is written from now on.
    pub fn team_add(
        &mut self,
        bundle: &str,
        admin: bool,
        history: History,
    ) -> Result<TeamView, ApiError> {
        self.team_add_watched(bundle, admin, history, &Unwatched)
    }

    /// [`Session::team_add`], stopping when `progress` asks to.
    pub fn team_add_watched(
        &mut self,
        bundle: &str,
        admin: bool,
        history: History,
        progress: &dyn Progress,
    ) -> Result<TeamView, ApiError> {
        let keys = MemberKeys::parse_bundle(bundle)?;
        let now = self.now();
        team::add_watched(self.vault_mut(), keys, admin, history, now, progress)?;
        self.team_show_watched(progress)
    }

    /// Upgrade a version-1 team folder to version 2 (admins only).
    pub fn team_upgrade(&mut self) -> Result<TeamView, ApiError> {
        self.team_upgrade_watched(&Unwatched)
    }

    /// [`Session::team_upgrade`], stopping when `progress` asks to.
    pub fn team_upgrade_watched(&mut self, progress: &dyn Progress) -> Result<TeamView, ApiError> {
        let now = self.now();
        team::upgrade_watched(self.vault_mut(), now, progress)?;
        self.team_show_watched(progress)
    }

    /// Remove a member by name, e-mail or fingerprint (admins only).
    pub fn team_remove(&mut self, who: &str) -> Result<TeamView, ApiError> {
        self.team_remove_watched(who, &Unwatched)
    }

    /// [`Session::team_remove`], stopping when `progress` asks to.
    pub fn team_remove_watched(
        &mut self,
        who: &str,
        progress: &dyn Progress,
    ) -> Result<TeamView, ApiError> {
        let now = self.now();
        team::remove_watched(self.vault_mut(), who, now, progress)?;
        self.team_show_watched(progress)
    }

    /// The current roster.
    pub fn team_show(&mut self) -> Result<TeamView, ApiError> {
        self.team_show_watched(&Unwatched)
    }

    /// [`Session::team_show`], stopping when `progress` asks to.
    pub fn team_show_watched(&mut self, progress: &dyn Progress) -> Result<TeamView, ApiError> {
        let me = self.vault().public_identity().signing_key.clone();
        // Reads the sync state (a device setting): no case changes.
        let team = team::current_watched(self.settings_mut(), progress)?;
        Ok(team_view(&team, &me))
    }

    /// The team folder as this device remembers it, without looking at it: a
    /// share that stopped answering cannot hold the session here.
    pub fn team_folder(&self) -> Result<PathBuf, ApiError> {
        Ok(team::folder(self.vault())?)
    }

    /// Whether this vault belongs to a team (created or joined one).
    pub fn in_team(&self) -> Result<bool, ApiError> {
        Ok(embargo_sync::in_team(self.vault())?)
    }

    /// One sync pass.
    pub fn sync(&mut self) -> Result<SyncReport, ApiError> {
        self.sync_watched(&mut embargo_domain::Unwatched)
    }

    /// One sync pass, telling `progress` how far it has got.
    pub fn sync_watched(
        &mut self,
        progress: &mut dyn embargo_domain::Progress,
    ) -> Result<SyncReport, ApiError> {
        let now = self.now();
        // Through the settings accessor so the cached deadline facts are not all
        // dropped by every pass (the app syncs every 30 s): forget only what moved.
        let report = embargo_sync::sync_once_watched(self.settings_mut(), now, progress)?;
        if report.team_changed {
            // A policy profile may have changed: every deadline may move.
            self.facts_cache().forget_all();
        } else {
            for case in &report.changed_cases {
                self.facts_cache().forget(*case);
            }
        }
        Ok(report)
    }

    /// Sync progress and findings.
    pub fn sync_status(&mut self) -> Result<SyncStatus, ApiError> {
        self.sync_status_watched(&Unwatched)
    }

    /// [`Session::sync_status`], stopping when `progress` asks to.
    pub fn sync_status_watched(&mut self, progress: &dyn Progress) -> Result<SyncStatus, ApiError> {
        Ok(embargo_sync::status_watched(self.settings_mut(), progress)?)
    }
}

fn team_view(team: &team::Team, me: &str) -> TeamView {
    let body: &RosterBody = &team.roster;
    TeamView {
        format: team.format,
        team: body.team.clone(),
        name: body.name.clone(),
        version: body.version,
        folder: team.folder.clone(),
        pinned_admin: team.pinned.clone(),
        members: body
            .members
            .iter()
            .map(|m| MemberView {
                name: m.keys.name.clone(),
                email: m.keys.email.clone(),
                role: m.role,
                fingerprint: fingerprint(&m.keys.signing_key),
                you: m.keys.signing_key == me,
            })
            .collect(),
    }
}
