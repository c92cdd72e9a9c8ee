//! Creating, joining and changing the team, whatever the folder's format: new teams
//! are version 2; a version-1 team keeps working until an admin upgrades it.
//!
//! Every one of these reads or writes the team folder on a folder worker
//! (`crate::offload`): on a share that stopped answering, each ends with "the team
//! folder is not responding" after [`crate::STALL_LIMIT`], and at once when the
//! progress of its `_watched` form asks to stop (the desktop app is locking), with
//! this vault unchanged.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;

use crate::identity::{MemberKeys, fingerprint, fingerprint_matches};
use crate::offload::{self, Stopped};
use crate::roster::{Member, RosterBody, RosterChain};
use crate::roster_rules::{self, Breach};
use crate::{SyncError, v1, v2};

/// What a member added to the team may read of what was written before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "specta", derive(serde::Deserialize))]
pub enum History {
    /// Everything: every earlier key generation the admin holds.
    #[default]
    Full,
    /// Only what is written from now on: a new key generation starts for them.
    FromNow,
}

/// The team as this device sees it.
#[derive(Debug, Clone)]
pub struct Team {
    /// Folder format: 1 or 2.
    pub format: u32,
    /// The shared folder.
    pub folder: String,
    /// The admin fingerprint pinned when creating or joining.
    pub pinned: String,
    /// The roster in force.
    pub roster: RosterBody,
}

/// What a roster change did about keys (version 2).
pub use v2::team::KeyChange;

/// Start a team in `folder` with this vault's user as its first admin.
pub fn create(
    vault: &mut Vault,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> Result<RosterBody, SyncError> {
    create_watched(vault, folder, name, now, &Unwatched)
}

/// [`create`], stopping when `progress` asks to.
pub fn create_watched(
    vault: &mut Vault,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    refuse_second_team(vault)?;
    if name.trim().is_empty() {
        return Err(SyncError::Refused("the team name must not be empty".into()));
    }
    let (absolute, found) = probe(folder, progress)?;
    if found.is_some() {
        return Err(SyncError::FolderHoldsTeam(absolute.to_path_buf()));
    }
    v2::team::create(vault, &absolute, name, now, progress)
}

/// Join the team in `folder` whose first roster is signed by the admin `pinned`.
pub fn join(vault: &mut Vault, folder: &Path, pinned: &str) -> Result<RosterBody, SyncError> {
    join_watched(vault, folder, pinned, &Unwatched)
}

/// [`join`], stopping when `progress` asks to.
pub fn join_watched(
    vault: &mut Vault,
    folder: &Path,
    pinned: &str,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    refuse_second_team(vault)?;
    let (absolute, found) = probe(folder, progress)?;
    if found == Some(2) {
        v2::team::join(vault, &absolute, pinned, progress)
    } else {
        v1::team::join_watched(vault, &absolute, pinned, progress)
    }
}

/// On a folder worker: `folder` made absolute (created if missing), and the
/// format of the team it holds, if any.
fn probe(folder: &Path, progress: &dyn Progress) -> Result<(PathBuf, Option<u32>), SyncError> {
    offload::run(folder, progress, Stopped::NothingChanged, {
        let folder = folder.to_path_buf();
        move || {
            let absolute = absolute(&folder)?;
            let found = if v2::team::present(&absolute) {
                Some(2)
            } else if !v1::team::roster_files(&absolute)?.is_empty() {
                Some(1)
            } else {
                None
            };
            Ok((absolute, found))
        }
    })?
}

/// Add a member from their keys (or change their role); admins only.
pub fn add(
    vault: &mut Vault,
    keys: MemberKeys,
    admin: bool,
    history: History,
    now: DateTime<Utc>,
) -> Result<(RosterBody, KeyChange), SyncError> {
    add_watched(vault, keys, admin, history, now, &Unwatched)
}

/// [`add`], stopping when `progress` asks to (the team unchanged).
pub fn add_watched(
    vault: &mut Vault,
    keys: MemberKeys,
    admin: bool,
    history: History,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<(RosterBody, KeyChange), SyncError> {
    keys.check()?;
    if is_v2(vault)? {
        v2::team::add(vault, keys, admin, history, now, progress)
    } else {
        Ok((
            v1::team::add_watched(vault, keys, admin, now, progress)?,
            KeyChange::default(),
        ))
    }
}

/// Remove a member named by name, e-mail or fingerprint; admins only.
pub fn remove(
    vault: &mut Vault,
    who: &str,
    now: DateTime<Utc>,
) -> Result<(RosterBody, Member), SyncError> {
    remove_watched(vault, who, now, &Unwatched)
}

/// [`remove`], stopping when `progress` asks to (the team unchanged).
pub fn remove_watched(
    vault: &mut Vault,
    who: &str,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<(RosterBody, Member), SyncError> {
    if is_v2(vault)? {
        let (body, gone, _) = v2::team::remove(vault, who, now, progress)?;
        Ok((body, gone))
    } else {
        v1::team::remove_watched(vault, who, now, progress)
    }
}

/// Upgrade a version-1 team folder to version 2 (admins only); every other device
/// switches on its next sync and republishes what its user made on it.
pub fn upgrade(vault: &mut Vault, now: DateTime<Utc>) -> Result<RosterBody, SyncError> {
    upgrade_watched(vault, now, &Unwatched)
}

/// [`upgrade`], stopping when `progress` asks to (the team unchanged).
pub fn upgrade_watched(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    if is_v2(vault)? {
        return Err(SyncError::Refused(
            "this team already uses the current folder format".into(),
        ));
    }
    v2::upgrade::upgrade(vault, now, progress)
}

/// The team as this device sees it now.
pub fn current(vault: &mut Vault) -> Result<Team, SyncError> {
    current_watched(vault, &Unwatched)
}

/// [`current`], stopping when `progress` asks to.
pub fn current_watched(vault: &mut Vault, progress: &dyn Progress) -> Result<Team, SyncError> {
    if is_v2(vault)? {
        let (state, chain) = v2::team::load_watched(vault, progress, Stopped::NothingChanged)?;
        Ok(Team {
            format: 2,
            folder: state.folder,
            pinned: state.pinned,
            roster: chain.current().body.clone(),
        })
    } else {
        let (state, chain) = v1::team::load_watched(vault, progress, Stopped::NothingChanged)?;
        Ok(Team {
            format: 1,
            folder: state.folder,
            pinned: state.pinned,
            roster: chain.current().body.clone(),
        })
    }
}

/// The shared folder as this device remembers it, from the vault alone: nothing
/// touches the folder, so a share that stopped answering cannot hold this up.
pub fn folder(vault: &Vault) -> Result<PathBuf, SyncError> {
    if let Some(state) = v2::state::State::load(vault)? {
        Ok(PathBuf::from(state.folder))
    } else if v1::SyncState::exists(vault)? {
        Ok(PathBuf::from(v1::SyncState::load(vault)?.folder))
    } else {
        Err(SyncError::NoTeam)
    }
}

/// Whether this vault belongs to a team (of either format).
pub fn in_team(vault: &Vault) -> Result<bool, SyncError> {
    Ok(v2::state::State::exists(vault)? || v1::SyncState::exists(vault)?)
}

/// Whether this vault's team uses format 2. A vault in no team is `NoTeam`.
pub(crate) fn is_v2(vault: &Vault) -> Result<bool, SyncError> {
    if v2::state::State::exists(vault)? {
        Ok(true)
    } else if v1::SyncState::exists(vault)? {
        Ok(false)
    } else {
        Err(SyncError::NoTeam)
    }
}

fn refuse_second_team(vault: &Vault) -> Result<(), SyncError> {
    if in_team(vault)? {
        return Err(SyncError::AlreadyInTeam);
    }
    Ok(())
}

/// The one member `who` names (name, e-mail or fingerprint).
pub(crate) fn find_member(body: &RosterBody, who: &str) -> Result<Member, SyncError> {
    let wanted = who.trim();
    let matches: Vec<&Member> = body
        .members
        .iter()
        .filter(|m| {
            m.keys.name.eq_ignore_ascii_case(wanted)
                || m.keys.email.eq_ignore_ascii_case(wanted)
                || fingerprint_matches(wanted, &m.keys.signing_key)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(SyncError::NoSuchMember(wanted.to_owned())),
        _ => Err(SyncError::Refused(format!(
            "{wanted:?} matches several members; use the fingerprint"
        ))),
    }
}

/// Refuse a roster change that the chain's rules would not accept (the same rules
/// every replica applies to the file), in words for the person making it.
pub(crate) fn check_change(
    chain: &RosterChain,
    next: &RosterBody,
    signer: &str,
) -> Result<(), SyncError> {
    let current = &chain.current().body;
    roster_rules::check_step(current, &chain.admins(), signer, next).map_err(|breach| {
        SyncError::Refused(match breach {
            Breach::NoAdminLeft => {
                "you are the team's last admin: make another member admin first".into()
            }
            Breach::SeniorDropped { admin, demoted } => format!(
                "{} is an admin senior to you: only a more senior admin can {} them",
                current
                    .member(&admin)
                    .map_or_else(|| fingerprint(&admin), |m| m.keys.name.clone()),
                if demoted { "demote" } else { "remove" }
            ),
            other => other.describe(current, signer),
        })
    })
}

/// The folder, made absolute (created if missing). Touches the folder: call it on
/// a folder worker.
pub(crate) fn absolute(folder: &Path) -> Result<PathBuf, SyncError> {
    crate::offload::touch(folder);
    std::fs::create_dir_all(folder).map_err(SyncError::folder(folder))?;
    folder.canonicalize().map_err(SyncError::folder(folder))
}
