//! The team screen: who I am, the team and its members, how sync is doing, and
//! a sync on request. Each command calls one api use case (`team_screen.rs`).
//!
//! Every command here reads or writes the team folder, which may be a network
//! share that stopped answering: each runs with the lock gate's progress, so a
//! lock stops it at once (the folder is then given up on, this vault unchanged)
//! instead of waiting for the folder with the session held.

use std::path::Path;

use embargo_api::sync::team::History;
use embargo_api::{SyncOutcome, TeamChange, TeamOverview};
use tauri::State;

use crate::{Desk, IpcError};

/// The team screen.
#[tauri::command]
#[specta::specta]
pub async fn team_overview(desk: State<'_, Desk>) -> Result<TeamOverview, IpcError> {
    desk.until_locked(|session, progress| session.team_overview(progress))
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
        let folder = Path::new(&folder);
        session.team_change(
            TeamChange::Create {
                folder,
                name: &name,
            },
            progress,
        )
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
        let folder = Path::new(&folder);
        let pinned = &fingerprint;
        session.team_change(TeamChange::Join { folder, pinned }, progress)
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
        let bundle = &bundle;
        session.team_change(
            TeamChange::Add {
                bundle,
                admin,
                history,
            },
            progress,
        )
    })
}

/// Move a version-1 team folder to version 2 (admins only); the other devices
/// follow on their next sync.
#[tauri::command]
#[specta::specta]
pub async fn upgrade_team(desk: State<'_, Desk>) -> Result<TeamOverview, IpcError> {
    let upgraded =
        desk.until_locked(|session, progress| session.team_change(TeamChange::Upgrade, progress))?;
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
        session.team_change(TeamChange::Remove { member: &member }, progress)
    })
}

/// One sync pass now; a lock stops it.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(desk: State<'_, Desk>) -> Result<SyncOutcome, IpcError> {
    desk.until_locked(|session, progress| session.sync_now(progress))
}
