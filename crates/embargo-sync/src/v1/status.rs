//! `sync status`: per-device progress and every file set aside, with reasons.

use std::path::Path;

use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, SegmentName, parse_device_dir};
use crate::identity::{fingerprint, key_digest};
use crate::report::{DeviceStatus, Finding, SyncStatus};
use crate::v1::team;

/// Status from the last sync plus a fresh look at the folder's file names.
pub fn status(vault: &mut Vault) -> Result<SyncStatus, SyncError> {
    let (state, chain) = team::load(vault)?;
    let folder = Path::new(&state.folder);
    let folder_available = folder.is_dir();
    let unsent_events = vault.own_events_after(state.exported_through)?.len();
    let me = vault.public_identity();
    let own_dir = folder::device_dir_name(&me.signing_key, &me.device_id.to_string());
    let mut names: Vec<String> = state.devices.keys().cloned().collect();
    let mut present = std::collections::BTreeMap::new();
    if folder_available {
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
            present.insert(name.clone(), highest);
            if !names.contains(&name) {
                names.push(name);
            }
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
    if folder_available {
        ignored.extend(crate::roster_dir::findings(
            folder,
            folder::ROSTER_DIR,
            crate::roster::ROSTER_FORMAT,
        ));
    }
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
