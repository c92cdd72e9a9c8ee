//! `sync status`: per-device progress and every file set aside, with reasons.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, SegmentName, parse_device_dir};
use crate::identity::{fingerprint, key_digest};
use crate::offload::{self, Stopped};
use crate::report::{DeviceStatus, Finding, SyncStatus};
use crate::v1::team;

/// Status from the last sync plus a fresh look at the folder's file names.
pub fn status(vault: &mut Vault) -> Result<SyncStatus, SyncError> {
    status_watched(vault, &Unwatched)
}

/// [`status`], stopping when `progress` asks to. The folder is looked at by a
/// folder worker: a share that stopped answering is an error after the stall
/// limit, never a hung command.
pub(crate) fn status_watched(
    vault: &mut Vault,
    progress: &dyn Progress,
) -> Result<SyncStatus, SyncError> {
    let (state, chain) = team::load_watched(vault, progress, Stopped::NothingChanged)?;
    let folder = PathBuf::from(&state.folder);
    let Look {
        available: folder_available,
        present,
        roster_findings,
    } = offload::run(&folder, progress, Stopped::NothingChanged, {
        let folder = folder.clone();
        move || look(&folder)
    })?;
    let unsent_events = vault.own_events_after(state.exported_through)?.len();
    let me = vault.public_identity();
    let own_dir = folder::device_dir_name(&me.signing_key, &me.device_id.to_string());
    let mut names: Vec<String> = state.devices.keys().cloned().collect();
    for name in present.keys() {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names.sort();
    let devices = names
        .into_iter()
        .map(|name| {
            let chain_state = state.devices.get(&name).cloned().unwrap_or_default();
            let digest = parse_device_dir(&name).map(|(d, _)| d).unwrap_or_default();
            let member = chain
                .versions
                .iter()
                .rev()
                .flat_map(|v| v.body.members.iter())
                .find(|m| key_digest(&m.keys.signing_key).starts_with(&digest));
            let folder_seq = present
                .get(&name)
                .copied()
                .or_else(|| state.seen_seq.get(&name).copied())
                .unwrap_or(0)
                .max(chain_state.last_seq);
            DeviceStatus {
                this_device: name == own_dir,
                member: member.map(|m| m.keys.name.clone()),
                fingerprint: member.map(|m| fingerprint(&m.keys.signing_key)),
                last_seq: chain_state.last_seq,
                folder_seq,
                lag: chain_state.lag(folder_seq),
                blocked_at: chain_state.equivocation,
                device: name,
            }
        })
        .collect();
    let mut quarantined: Vec<Finding> = state
        .rejected
        .iter()
        .map(|(file, reason)| Finding {
            file: file.clone(),
            reason: reason.clone(),
        })
        .collect();
    quarantined.extend(state.quarantined.iter().cloned());
    let mut ignored = state.ignored.clone();
    ignored.extend(roster_findings);
    let current = &chain.current().body;
    Ok(SyncStatus {
        format: 1,
        generation_in_force: None,
        generations_held: Vec::new(),
        attachments_not_arrived: 0,
        team: state.team.clone(),
        team_name: current.name.clone(),
        folder: state.folder.clone(),
        folder_available,
        unsent_events,
        roster_version: current.version,
        roster_forks: chain.forks.clone(),
        devices,
        quarantined,
        set_aside_events: state
            .rejected_events
            .iter()
            .map(|(id, reason)| Finding {
                file: format!("event {id}"),
                reason: reason.clone(),
            })
            .collect(),
        waiting: state.waiting.clone(),
        ignored,
    })
}

/// What a fresh look at the folder finds, on a folder worker.
struct Look {
    available: bool,
    /// Device folder → highest segment number present.
    present: BTreeMap<String, u64>,
    /// What is wrong with entries of `roster/` (read on every load, never
    /// remembered as rejected).
    roster_findings: Vec<Finding>,
}

fn look(folder: &Path) -> Look {
    let mut look = Look {
        available: folder::is_dir(folder),
        present: BTreeMap::new(),
        roster_findings: Vec::new(),
    };
    if !look.available {
        return look;
    }
    for folder::Entry { name, path, kind } in
        folder::entries(&folder.join(folder::DEVICES_DIR)).unwrap_or_default()
    {
        // A link named like a device folder is never followed (sync reports it).
        if parse_device_dir(&name).is_none() || !kind.is_dir() {
            continue;
        }
        let highest = folder::list(&path)
            .unwrap_or_default()
            .iter()
            .filter_map(|(n, _)| SegmentName::parse(n))
            .map(|s| s.seq)
            .max()
            .unwrap_or(0);
        look.present.insert(name, highest);
    }
    look.roster_findings =
        crate::roster_dir::findings(folder, folder::ROSTER_DIR, crate::roster::ROSTER_FORMAT);
    look
}
