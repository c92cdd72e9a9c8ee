//! The team screen's use cases: what it shows (who I am, the team, how sync is
//! doing), a change of the team that answers with the screen after it, and a sync
//! on request that says which of my cases teammates changed. The desktop shell
//! only calls these; the UI's test backend replays their recorded answers.

use std::path::Path;

use embargo_domain::Progress;
use embargo_sync::team::History;
use embargo_sync::{SyncReport, SyncStatus};
use serde::Serialize;

use crate::{ApiError, IdentityView, Session, TeamView};

/// Everything the team screen shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TeamOverview {
    /// My public bundle and fingerprint, to hand to an admin.
    pub identity: IdentityView,
    /// The team, once created or joined.
    pub team: Option<TeamView>,
    /// Sync progress and findings, once in a team.
    pub status: Option<SyncStatus>,
}

/// What a sync on request did, and which of my cases teammates changed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    /// The pass.
    pub report: SyncReport,
    /// `EMB-YYYY-NNNN` of the cases I handle that teammates changed.
    pub mine: Vec<String>,
    /// The screen after the pass.
    pub overview: TeamOverview,
}

/// A change of the team made from the team screen.
#[derive(Debug, Clone)]
pub enum TeamChange<'a> {
    /// Create a team in a shared folder; I am its first admin.
    Create {
        /// The shared folder.
        folder: &'a Path,
        /// The team's name.
        name: &'a str,
    },
    /// Join the team in a shared folder, pinned to the admin fingerprint I was told.
    Join {
        /// The shared folder.
        folder: &'a Path,
        /// The admin's fingerprint, compared out of band.
        pinned: &'a str,
    },
    /// Add a member from their one-line bundle (admins only).
    Add {
        /// The bundle they handed me.
        bundle: &'a str,
        /// Whether they become an admin.
        admin: bool,
        /// The team's whole history, or only what is written from now on.
        history: History,
    },
    /// Move a version-1 team folder to version 2 (admins only).
    Upgrade,
    /// Remove a member by name, e-mail or fingerprint (admins only).
    Remove {
        /// Who.
        member: &'a str,
    },
}

impl Session {
    /// The team screen, reading the folder under `progress` (a lock stops it).
    pub fn team_overview(&mut self, progress: &dyn Progress) -> Result<TeamOverview, ApiError> {
        let identity = self.identity();
        if !self.in_team()? {
            return Ok(TeamOverview {
                identity,
                team: None,
                status: None,
            });
        }
        Ok(TeamOverview {
            identity,
            team: Some(self.team_show_watched(progress)?),
            status: Some(self.sync_status_watched(progress)?),
        })
    }

    /// Make `change`, then the team screen after it.
    pub fn team_change(
        &mut self,
        change: TeamChange<'_>,
        progress: &dyn Progress,
    ) -> Result<TeamOverview, ApiError> {
        match change {
            TeamChange::Create { folder, name } => {
                self.team_create_watched(folder, name, progress)?;
            }
            TeamChange::Join { folder, pinned } => {
                self.team_join_watched(folder, pinned, progress)?;
            }
            TeamChange::Add {
                bundle,
                admin,
                history,
            } => {
                self.team_add_watched(bundle, admin, history, progress)?;
            }
            TeamChange::Upgrade => {
                self.team_upgrade_watched(progress)?;
            }
            TeamChange::Remove { member } => {
                self.team_remove_watched(member, progress)?;
            }
        }
        self.team_overview(progress)
    }

    /// One sync pass on request, the cases I handle that teammates changed in it,
    /// and the team screen after it.
    pub fn sync_now(&mut self, progress: &mut dyn Progress) -> Result<SyncOutcome, ApiError> {
        let report = self.sync_watched(progress)?;
        let mine = self
            .my_cases_among(&report.changed_cases)?
            .into_iter()
            .map(|change| change.case_id)
            .collect();
        Ok(SyncOutcome {
            report,
            mine,
            overview: self.team_overview(progress)?,
        })
    }
}
