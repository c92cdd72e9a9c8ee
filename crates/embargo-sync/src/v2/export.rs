//! Writing this device's new events as the next segments of its own folder,
//! encrypted to the team key generation in force.

use std::path::Path;

use embargo_domain::{Change, Event, Progress};
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, SegmentName, device_dir_name};
use crate::offload::{self, Stopped};
use crate::report::{Exported, Finding};
use crate::roster::RosterChain;
use crate::signed::sha256_hex;
use crate::v2::blob_store;
use crate::v2::layout::{DEVICES_DIR, TEAM_SCOPE};
use crate::v2::segment::{EVENTS_PER_SEGMENT, SEGMENT_FORMAT, SegmentHeader, seal};
use crate::v2::state::{Judged, KnownSegment, Outcome, State};

/// Write every event this user made on this device since the last export. Refuses
/// quietly (a waiting finding, no error) when this user is not on the roster.
pub(crate) fn run(
    vault: &mut Vault,
    state: &mut State,
    chain: &RosterChain,
    folder: &Path,
    progress: &mut dyn Progress,
) -> Result<Exported, SyncError> {
    let mut done = Exported::default();
    let me = vault.public_identity().clone();
    let dir_name = device_dir_name(&me.signing_key, &me.device_id.to_string());
    let head = chain.current();
    let rel_dir = format!("{DEVICES_DIR}/{dir_name}");
    if head.body.member(&me.signing_key).is_none() {
        state.waiting.push(Finding {
            file: rel_dir,
            reason: "not exported: you are not a member of the current roster".into(),
        });
        return Ok(done);
    }
    let Some(key) = head.body.newest_key(TEAM_SCOPE) else {
        return Err(SyncError::Refused(
            "the roster names no team key; the team state is damaged".into(),
        ));
    };
    let recipient: age::x25519::Recipient = key
        .recipient
        .parse()
        .map_err(|_| SyncError::Refused("the roster's team key is not an age recipient".into()))?;
    let pending = vault.own_events_after(state.exported_through)?;
    let dir = folder.join(DEVICES_DIR).join(&dir_name);
    progress.phase(
        "writing segments",
        Some(pending.len().div_ceil(EVENTS_PER_SEGMENT) as u64),
    );
    for chunk in pending.chunks(EVENTS_PER_SEGMENT) {
        let log = state.devices.entry(dir_name.clone()).or_default();
        let (seq, prev) = log
            .head()
            .map_or((1, None), |(seq, hash)| (seq + 1, Some(hash.to_owned())));
        let header = SegmentHeader {
            format: SEGMENT_FORMAT,
            team: state.team.clone(),
            device: dir_name.clone(),
            author: me.signing_key.clone(),
            seq,
            prev: prev.clone(),
            roster_version: head.body.version,
            roster_hash: head.hash.clone(),
            scope: TEAM_SCOPE.into(),
            generation: key.generation,
        };
        let events: Vec<Event> = chunk.iter().map(|(_, e)| e.clone()).collect();
        let mut blobs = Vec::new();
        for event in &events {
            if let Change::AttachmentAdded { attachment } = &event.change
                && let Some(manifest) = blob_store::write_own(
                    vault,
                    state,
                    folder,
                    &attachment.sha256,
                    &recipient,
                    progress,
                )?
            {
                blobs.push(manifest);
            }
        }
        let bytes = seal(header, &events, &blobs, vault.signing_key(), &recipient)
            .map_err(SyncError::folder(&dir))?;
        let name = SegmentName {
            seq,
            hash: sha256_hex(&bytes),
        };
        let stamp = {
            let (dir, file_name) = (dir.clone(), name.file_name());
            // The segment is ciphertext: written by a worker the pass can walk away
            // from if the share stops answering.
            offload::run(folder, progress, Stopped::MergedKept, move || {
                folder::write_once(&dir, &file_name, &bytes).map(|path| folder::stamp_of(&path))
            })??
        };
        let log = state.devices.entry(dir_name.clone()).or_default();
        log.author = Some(me.signing_key.clone());
        log.segments.insert(
            name.hash.clone(),
            KnownSegment {
                seq,
                prev,
                merged: true,
            },
        );
        state.judged.insert(
            format!("{rel_dir}/{}", name.file_name()),
            Judged {
                stamp,
                outcome: Outcome::Done,
            },
        );
        state.exported_through = chunk.last().map_or(state.exported_through, |(p, _)| *p);
        state.save(vault)?;
        done.segments += 1;
        done.events += events.len();
        progress.advance(1);
    }
    Ok(done)
}
