//! Moving a team from folder format 1 to 2, in place.
//!
//! An admin of the version-1 roster signs the first version-2 roster, naming the
//! version-1 version it continues (`upgraded_from`), with the same members and a
//! first team key generation handed to all of them. Every device that still speaks
//! version 1 switches on its next sync, once it has checked that roster against its
//! own verified version-1 chain, and then republishes every event its user made on
//! it: events belong to their author, so nobody can republish another's. Nothing is
//! removed from any vault, and the version-1 files stay in the folder.
//!
//! Like every team change, the folder is read and written by folder workers
//! (`crate::offload`), and the new roster is written after the envelopes.

use std::path::Path;

use chrono::{DateTime, Utc};
use embargo_domain::Progress;
use embargo_vault::Vault;

use crate::SyncError;
use crate::identity::fingerprint;
use crate::offload::{self, Stopped};
use crate::roster::{ROSTER_FORMAT_V2, RosterBody, RosterChain, RosterFile, TeamKey, UpgradedFrom};
use crate::v1;
use crate::v2::layout::TEAM_SCOPE;
use crate::v2::state::State;
use crate::v2::team::{grant, present, publish, roster_files, sign};

/// Upgrade this vault's version-1 team to version 2 (admins of the version-1
/// roster only). The other devices follow on their next sync.
pub(crate) fn upgrade(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    let (v1_state, v1_chain) = v1::team::load_watched(vault, progress, Stopped::TeamUnchanged)?;
    let folder = Path::new(&v1_state.folder).to_path_buf();
    let upgraded = offload::run(&folder, progress, Stopped::TeamUnchanged, {
        let folder = folder.clone();
        move || present(&folder)
    })?;
    if upgraded {
        return Err(SyncError::Refused(
            "this team folder is already upgraded; sync to switch to it".into(),
        ));
    }
    let current = v1_chain.current();
    let me = vault.public_identity().signing_key.clone();
    if !current.body.is_admin(&me) {
        return Err(SyncError::Refused(
            "only an admin of the team can upgrade its folder".into(),
        ));
    }
    let generation = age::x25519::Identity::generate();
    let body = RosterBody {
        format: ROSTER_FORMAT_V2,
        team: current.body.team.clone(),
        name: current.body.name.clone(),
        version: 1,
        prev: None,
        issued_at: now,
        members: current.body.members.clone(),
        removed: Vec::new(),
        keys: vec![TeamKey {
            scope: TEAM_SCOPE.into(),
            generation: 1,
            recipient: generation.to_public().to_string(),
        }],
        upgraded_from: Some(UpgradedFrom {
            version: current.body.version,
            hash: current.hash.clone(),
        }),
    };
    let (file, roster) = sign(vault, &folder, &body)?;
    let envelopes = body
        .members
        .iter()
        .map(|member| grant(vault, &folder, &file, &member.keys, 1, &generation))
        .collect::<Result<Vec<_>, _>>()?;
    publish(&folder, envelopes, roster, progress, Stopped::TeamUnchanged)?;
    let mut state = switched_state(&v1_state.folder, &file, vec![file.text.clone()]);
    state.hold(TEAM_SCOPE, 1, &generation);
    state.save(vault)?;
    Ok(body)
}

/// For a device still on version 1, within a sync pass: switch to version 2 if an
/// admin upgraded the folder. `Ok(false)` when there is nothing (valid) to switch
/// to.
pub(crate) fn follow(vault: &mut Vault, progress: &dyn Progress) -> Result<bool, SyncError> {
    let (v1_state, v1_chain) = v1::team::load_watched(vault, progress, Stopped::NothingMerged)?;
    let folder = Path::new(&v1_state.folder);
    let files = offload::run(folder, progress, Stopped::NothingMerged, {
        let folder = folder.to_path_buf();
        move || present(&folder).then(|| roster_files(&folder))
    })?;
    let Some(files) = files else {
        return Ok(false);
    };
    let Some(root) = upgrade_root(&files, &v1_chain) else {
        return Ok(false);
    };
    let texts = files
        .iter()
        .filter(|f| f.body.team == root.body.team)
        .map(|f| f.text.clone())
        .collect();
    switched_state(&v1_state.folder, root, texts).save(vault)?;
    Ok(true)
}

/// The version-2 first roster that continues this device's verified version-1
/// chain: signed by an admin of the version it names. Between two (admins who
/// upgraded at once, offline) the one continuing the later version wins, then the
/// lowest hash among the same signer's: identically on every device.
fn upgrade_root<'a>(files: &'a [RosterFile], v1_chain: &RosterChain) -> Option<&'a RosterFile> {
    files
        .iter()
        .filter(|f| {
            f.body.version == 1
                && f.body.prev.is_none()
                && f.body.is_admin(&f.signer)
                && f.body.upgraded_from.as_ref().is_some_and(|from| {
                    v1_chain.version(from.version).is_some_and(|v| {
                        v.hash == from.hash
                            && v.body.team == f.body.team
                            && v.body.is_admin(&f.signer)
                    })
                })
        })
        .max_by(|a, b| {
            let from = |f: &RosterFile| f.body.upgraded_from.as_ref().map_or(0, |u| u.version);
            from(a).cmp(&from(b)).then(b.hash.cmp(&a.hash))
        })
}

/// A fresh version-2 state continuing the same team, pinned to the admin who
/// signed its first roster, with every own event still to (re)publish.
fn switched_state(folder: &str, root: &RosterFile, rosters: Vec<String>) -> State {
    State {
        folder: folder.to_owned(),
        team: root.body.team.clone(),
        pinned: fingerprint(&root.signer),
        rosters,
        exported_through: 0,
        ..State::default()
    }
}
