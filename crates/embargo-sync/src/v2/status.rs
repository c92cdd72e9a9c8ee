//! `sync status` of a version-2 team: per-device progress, keys held, and every
//! file set aside with its reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use embargo_domain::Progress;
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, SegmentName, device_dir_name, parse_device_dir};
use crate::identity::{fingerprint, key_digest};
use crate::offload::{self, Stopped};
use crate::report::{DeviceStatus, Finding, SyncStatus};
use crate::v2::layout::{DEVICES_DIR, TEAM_SCOPE};
use crate::v2::state::Outcome;
use crate::v2::team;

/// Status from the last pass plus a fresh look at the folder's file names.
pub(crate) fn status(vault: &mut Vault, progress: &dyn Progress) -> Result<SyncStatus, SyncError> {
    let (state, chain) = team::load_watched(vault, progress, Stopped::NothingChanged)?;
    let folder = PathBuf::from(&state.folder);
    // Names only, nothing read; on a folder worker, so that a share that stopped
    // answering gives an error after the stall limit instead of a hung command.
    let (folder_available, present) = offload::run(&folder, progress, Stopped::NothingChanged, {
        let folder = folder.clone();
        move || look(&folder)
    })?;
    let unsent_events = vault.own_events_after(state.exported_through)?.len();
    let me = vault.public_identity();
    let own_dir = device_dir_name(&me.signing_key, &me.device_id.to_string());
    let mut names: Vec<String> = state.devices.keys().cloned().collect();
    names.extend(present.keys().cloned());
    names.sort();
    names.dedup();
    let devices = names
        .into_iter()
        .map(|name| {
            let log = state.devices.get(&name).cloned().unwrap_or_default();
            let digest = parse_device_dir(&name).map(|(d, _)| d).unwrap_or_default();
            let member = chain
                .versions
                .iter()
                .rev()
                .flat_map(|v| v.body.members.iter())
                .find(|m| key_digest(&m.keys.signing_key).starts_with(&digest));
            let files = present.get(&name).map(Vec::as_slice).unwrap_or_default();
            let last_seq = log.head().map_or(0, |(seq, _)| seq);
            let folder_seq = files
                .iter()
                .map(|s| s.seq)
                .max()
                .or_else(|| state.seen_seq.get(&name).copied())
                .unwrap_or(0)
                .max(last_seq);
            let lag = files
                .iter()
                .filter(|s| {
                    let rel = format!("{DEVICES_DIR}/{name}/{}", s.file_name());
                    !matches!(
                        state.judged.get(&rel).map(|j| &j.outcome),
                        Some(Outcome::Done | Outcome::Rejected { .. })
                    )
                })
                .count() as u64;
            DeviceStatus {
                this_device: name == own_dir,
                member: member.map(|m| m.keys.name.clone()),
                fingerprint: member.map(|m| fingerprint(&m.keys.signing_key)),
                last_seq,
                folder_seq,
                lag,
                blocked_at: None,
                device: name,
            }
        })
        .collect();
    let mut ignored = state.ignored.clone();
    if folder_available {
        // Roster files are read on every load and never remembered as rejected:
        // what each is, is told from a fresh look (on a folder worker too).
        ignored.extend(offload::run(&folder, progress, Stopped::NothingChanged, {
            let folder = folder.clone();
            move || {
                crate::roster_dir::findings(
                    &folder,
                    crate::v2::layout::ROSTER_DIR,
                    crate::roster::ROSTER_FORMAT_V2,
                )
            }
        })?);
    }
    let current = &chain.current().body;
    Ok(SyncStatus {
        format: 2,
        generation_in_force: current.newest_key(TEAM_SCOPE).map(|k| k.generation),
        generations_held: state
            .keys
            .0
            .get(TEAM_SCOPE)
            .map(|g| g.keys().copied().collect())
            .unwrap_or_default(),
        attachments_not_arrived: state.awaited_blobs.len(),
        team: state.team.clone(),
        team_name: current.name.clone(),
        folder: state.folder.clone(),
        folder_available,
        unsent_events,
        roster_version: current.version,
        roster_forks: chain.forks.clone(),
        devices,
        quarantined: state.quarantined.clone(),
        set_aside_events: state
            .refused_events
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

/// On a folder worker: whether the folder is there, and device folder → segment
/// names present now.
fn look(folder: &Path) -> (bool, BTreeMap<String, Vec<SegmentName>>) {
    let mut present = BTreeMap::new();
    if !folder::is_dir(folder) {
        return (false, present);
    }
    for (name, path) in folder::list(&folder.join(DEVICES_DIR)).unwrap_or_default() {
        if parse_device_dir(&name).is_some() {
            let names = folder::list(&path)
                .unwrap_or_default()
                .iter()
                .filter_map(|(n, _)| SegmentName::parse(n))
                .collect();
            present.insert(name, names);
        }
    }
    (true, present)
}
