//! Writing this device's new events as the next segments of its own chain.

use std::path::Path;

use embargo_domain::{Change, Event, Progress};
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, SegmentName, device_dir_name};
use crate::offload::{self, Stopped};
use crate::report::{Exported, Finding};
use crate::roster::RosterChain;
use crate::signed::sha256_hex;
use crate::v1::segment::{SEGMENT_FORMAT, SegmentHeader, seal};
use crate::v1::state::SyncState;

/// At most this many events per segment (keeps files small for sync tools).
pub const EVENTS_PER_SEGMENT: usize = 2_000;

/// Write every event made here since the last export. Refuses quietly (a waiting
/// finding, no error) when this user is not on the current roster.
pub(crate) fn run(
    vault: &mut Vault,
    state: &mut SyncState,
    chain: &RosterChain,
    folder: &Path,
    progress: &mut dyn Progress,
) -> Result<Exported, SyncError> {
    let mut done = Exported::default();
    let me = vault.public_identity().clone();
    let dir_name = device_dir_name(&me.signing_key, &me.device_id.to_string());
    let roster = &chain.current().body;
    if roster.member(&me.signing_key).is_none() {
        state.waiting.push(Finding {
            file: format!("{}/{dir_name}", folder::DEVICES_DIR),
            reason: "not exported: you are not a member of the current roster".into(),
        });
        return Ok(done);
    }
    let own = state.devices.get(&dir_name).cloned().unwrap_or_default();
    if own.equivocation.is_some() {
        state.waiting.push(Finding {
            file: format!("{}/{dir_name}", folder::DEVICES_DIR),
            reason: "not exported: this device's own folder holds two versions of a segment".into(),
        });
        return Ok(done);
    }
    let pending = vault.own_events_after(state.exported_through)?;
    let recipients = roster.recipients();
    let dir = folder.join(folder::DEVICES_DIR).join(&dir_name);
    progress.phase(
        "writing segments",
        Some(pending.len().div_ceil(EVENTS_PER_SEGMENT) as u64),
    );
    for chunk in pending.chunks(EVENTS_PER_SEGMENT) {
        let own = state.devices.entry(dir_name.clone()).or_default();
        let header = SegmentHeader {
            format: SEGMENT_FORMAT,
            team: state.team.clone(),
            device: dir_name.clone(),
            author: me.signing_key.clone(),
            seq: own.last_seq + 1,
            prev: own.last_hash.clone(),
            roster_version: roster.version,
        };
        let events: Vec<Event> = chunk.iter().map(|(_, e)| e.clone()).collect();
        let blobs = attachment_bytes(vault, &events)?;
        let bytes = seal(
            header.clone(),
            &events,
            blobs,
            vault.signing_key(),
            &recipients,
        )
        .map_err(SyncError::folder(&dir))?;
        let name = SegmentName {
            seq: header.seq,
            hash: sha256_hex(&bytes),
        };
        // The segment is ciphertext: written by a worker the pass can walk away
        // from if the share stops answering.
        offload::run(folder, &*progress, Stopped::MergedKept, {
            let (dir, file_name) = (dir.clone(), name.file_name());
            move || folder::write_once(&dir, &file_name, &bytes)
        })??;
        let own = state.devices.entry(dir_name.clone()).or_default();
        own.author = Some(me.signing_key.clone());
        own.last_seq = header.seq;
        own.last_hash = Some(name.hash.clone());
        own.merged.insert(header.seq, name.hash);
        state.exported_through = chunk.last().map_or(state.exported_through, |(p, _)| *p);
        state.save(vault)?;
        done.segments += 1;
        done.events += events.len();
        progress.advance(1);
    }
    Ok(done)
}

fn attachment_bytes(vault: &Vault, events: &[Event]) -> Result<Vec<(String, Vec<u8>)>, SyncError> {
    let mut blobs = Vec::new();
    for event in events {
        if let Change::AttachmentAdded { attachment } = &event.change
            && let Some(data) = vault.attachment_bytes(&attachment.sha256)?
        {
            blobs.push((attachment.sha256.clone(), data));
        }
    }
    Ok(blobs)
}
