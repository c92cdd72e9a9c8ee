//! The team screen: who I am, the team and its members, how sync is doing, and
//! a sync on request. Each command is a thin call into the api.
//!
//! Every command here reads or writes the team folder, which may be a network
//! share that stopped answering: each runs with the lock gate's progress, so a
//! lock stops it at once (the folder is then given up on, this vault unchanged)
//! instead of waiting for the folder with the session held.

use embargo_api::domain::Progress;
use embargo_api::sync::team::History;
use embargo_api::sync::{SyncReport, SyncStatus};
use embargo_api::{ApiError, IdentityView, Session, TeamView};
use serde::Serialize;
use tauri::State;

use crate::{Desk, IpcError};

/// Everything the team screen shows.
#[derive(Debug, Clone, Serialize, specta::Type)]
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
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    /// The pass.
    pub report: SyncReport,
    /// `EMB-YYYY-NNNN` of the cases I handle that teammates changed.
    pub mine: Vec<String>,
    /// The screen after the pass.
    pub overview: TeamOverview,
}

pub(crate) fn overview(
    session: &mut Session,
    progress: &dyn Progress,
) -> Result<TeamOverview, ApiError> {
    let identity = session.identity();
    if !session.in_team()? {
        return Ok(TeamOverview {
            identity,
            team: None,
            status: None,
        });
    }
    Ok(TeamOverview {
        identity,
        team: Some(session.team_show_watched(progress)?),
        status: Some(session.sync_status_watched(progress)?),
    })
}

/// The team screen.
#[tauri::command]
#[specta::specta]
pub async fn team_overview(desk: State<'_, Desk>) -> Result<TeamOverview, IpcError> {
    desk.until_locked(|session, progress| overview(session, progress))
}

/// Create a team in a shared folder; I am its first admin.
#[tauri::command]
#[specta::specta]
pub async fn create_team(
    desk: State<'_, Desk>,
    folder: String,
    name: String,
) -> Result<TeamOverview, IpcError> {
    let created = desk.until_locked(|session, progress| {
        session.team_create_watched(std::path::Path::new(&folder), &name, progress)?;
        overview(session, progress)
    })?;
    desk.wake_team_sync();
    Ok(created)
}

/// Join the team in a shared folder, pinned to the admin fingerprint I was told.
#[tauri::command]
#[specta::specta]
pub async fn join_team(
    desk: State<'_, Desk>,
    folder: String,
    fingerprint: String,
) -> Result<TeamOverview, IpcError> {
    let joined = desk.until_locked(|session, progress| {
        session.team_join_watched(std::path::Path::new(&folder), &fingerprint, progress)?;
        overview(session, progress)
    })?;
    desk.wake_team_sync();
    Ok(joined)
}

/// Add a member from the one-line bundle they handed me, with the team's whole
/// history or only what is written from now on (admins only).
#[tauri::command]
#[specta::specta]
pub async fn add_member(
    desk: State<'_, Desk>,
    bundle: String,
    admin: bool,
    history: History,
) -> Result<TeamOverview, IpcError> {
    desk.until_locked(|session, progress| {
        session.team_add_watched(&bundle, admin, history, progress)?;
        overview(session, progress)
    })
}

/// Move a version-1 team folder to version 2 (admins only); the other devices
/// follow on their next sync.
#[tauri::command]
#[specta::specta]
pub async fn upgrade_team(desk: State<'_, Desk>) -> Result<TeamOverview, IpcError> {
    let upgraded = desk.until_locked(|session, progress| {
        session.team_upgrade_watched(progress)?;
        overview(session, progress)
    })?;
    desk.wake_team_sync();
    Ok(upgraded)
}

/// Remove a member (name, e-mail or fingerprint); a new team key starts that they
/// never receive (admins only).
#[tauri::command]
#[specta::specta]
pub async fn remove_member(
    desk: State<'_, Desk>,
    member: String,
) -> Result<TeamOverview, IpcError> {
    desk.until_locked(|session, progress| {
        session.team_remove_watched(&member, progress)?;
        overview(session, progress)
    })
}

/// One sync pass now; a lock stops it.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(desk: State<'_, Desk>) -> Result<SyncOutcome, IpcError> {
    desk.until_locked(|session, progress| {
        let report = session.sync_watched(progress)?;
        let mine = session
            .my_cases_among(&report.changed_cases)?
            .into_iter()
            .map(|change| change.case_id)
            .collect();
        Ok(SyncOutcome {
            report,
            mine,
            overview: overview(session, progress)?,
        })
    })
}
