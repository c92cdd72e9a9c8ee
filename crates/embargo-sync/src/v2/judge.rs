//! The verdict on one segment whose own signatures hold: does it belong where it
//! was found, and was its author allowed to write it? A pure function of the
//! segment, its name, the roster chain and the segments known of its device — never
//! of when a replica looks — so every replica reaches the same verdict.

use std::collections::BTreeMap;

use embargo_domain::Change;

use crate::identity::{fingerprint, key_digest};
use crate::roster::RosterChain;
use crate::v2::layout::TEAM_SCOPE;
use crate::v2::segment::OpenedSegment;
use crate::v2::state::{KnownSegment, Outcome, Until};

/// Where the file was found.
pub(crate) struct Place<'a> {
    /// Team id.
    pub team: &'a str,
    /// Device folder name.
    pub dir: &'a str,
    /// Its key digest prefix.
    pub digest: &'a str,
    /// Its device uuid.
    pub device: &'a str,
    /// Sequence number from the file name.
    pub seq: u64,
    /// Content hash from the file name (checked against the bytes already).
    pub hash: &'a str,
}

/// `None` when the segment is valid; otherwise why not, and until when.
pub(crate) fn judge(
    segment: &OpenedSegment,
    place: &Place<'_>,
    chain: &RosterChain,
    known: &BTreeMap<String, KnownSegment>,
) -> Option<Outcome> {
    let h = &segment.header;
    let rejected = |reason: String| Some(Outcome::Rejected { reason });
    if h.team != place.team {
        return rejected(format!("belongs to another team ({})", h.team));
    }
    if h.device != place.dir {
        return rejected(format!(
            "written for device folder {}, found in {} (moved)",
            h.device, place.dir
        ));
    }
    if h.seq != place.seq {
        return rejected(format!(
            "its header says segment {}, its name says {} (replayed)",
            h.seq, place.seq
        ));
    }
    if !key_digest(&h.author).starts_with(place.digest) {
        return rejected("signed by someone who does not own this device folder".into());
    }
    if let Some(event) = segment
        .events
        .iter()
        .find(|e| e.device.to_string() != place.device || e.author.0 != h.author)
    {
        return rejected(format!(
            "event {} claims another device or author (a device exports only its own user's events)",
            event.id
        ));
    }
    for manifest in &segment.blobs {
        if let Err(why) = manifest.check() {
            return rejected(format!("a blob reference is refused: {why}"));
        }
        let announced = segment.events.iter().any(|e| {
            matches!(&e.change, Change::AttachmentAdded { attachment }
                if attachment.sha256 == manifest.sha256 && attachment.size == manifest.size)
        });
        if !announced {
            return rejected(format!(
                "a blob reference ({}) that no attachment of the segment announces",
                manifest.sha256
            ));
        }
    }
    if h.scope != TEAM_SCOPE {
        return rejected(format!(
            "encrypted to key scope {:?}, unknown here",
            h.scope
        ));
    }
    if segment.opened_with != (h.scope.clone(), h.generation) {
        return rejected(format!(
            "claims key generation {} but is encrypted to generation {}",
            h.generation, segment.opened_with.1
        ));
    }
    membership(segment, place, chain, known)
}

/// Whether the verdict on `segment` may depend on the other segments of its
/// device: its author was removed after the roster version it names, so only the
/// hash chain ending at the removal's recorded cut counts, and later segments of
/// the same pass may complete that chain. Such a segment waits until every file of
/// its device is read; any other is judged as soon as it is examined.
pub(crate) fn needs_its_device(segment: &OpenedSegment, chain: &RosterChain) -> bool {
    let h = &segment.header;
    chain
        .versions
        .iter()
        .position(|v| v.hash == h.roster_hash)
        .is_some_and(|stamped_at| {
            chain.versions[stamped_at + 1..]
                .iter()
                .any(|v| v.body.member(&h.author).is_none())
        })
}

fn membership(
    segment: &OpenedSegment,
    place: &Place<'_>,
    chain: &RosterChain,
    known: &BTreeMap<String, KnownSegment>,
) -> Option<Outcome> {
    let h = &segment.header;
    let head = chain.current().hash.clone();
    let by_roster = |reason: String| {
        Some(Outcome::RejectedByRoster {
            reason,
            head: head.clone(),
        })
    };
    let Some(stamped_at) = chain.versions.iter().position(|v| v.hash == h.roster_hash) else {
        let reason = if chain.version(h.roster_version).is_some() {
            format!(
                "written under a roster version {} that is not the team's (a rival that lost, or forged)",
                h.roster_version
            )
        } else {
            format!(
                "written under roster version {}, which has not arrived yet",
                h.roster_version
            )
        };
        return Some(Outcome::Waiting {
            reason,
            until: Until::RosterChanges(head),
        });
    };
    let stamped = &chain.versions[stamped_at].body;
    if stamped.version != h.roster_version {
        return Some(Outcome::Rejected {
            reason: "its roster version number does not match the roster it names".into(),
        });
    }
    let who = fingerprint(&h.author);
    if stamped.member(&h.author).is_none() {
        return by_roster(format!(
            "signed by {who}, who is not a member in roster version {}",
            stamped.version
        ));
    }
    if stamped.newest_key(TEAM_SCOPE).map(|k| k.generation) != Some(h.generation) {
        return Some(Outcome::Rejected {
            reason: format!(
                "not encrypted to the key generation in force in roster version {}",
                stamped.version
            ),
        });
    }
    // Removed after the version it names: only segments the removing admin had
    // merged (the chain ending at the recorded cut) still count.
    let removal = chain.versions[stamped_at + 1..]
        .iter()
        .find(|v| v.body.member(&h.author).is_none())?;
    let record = removal.body.removal(&h.author);
    let cut = record.and_then(|r| Some((*r.cut.get(place.dir)?, r.cut_hash.get(place.dir)?)));
    let Some((cut_seq, cut_hash)) = cut else {
        return by_roster(format!(
            "signed by {who} after they were removed from the team (roster version {})",
            removal.body.version
        ));
    };
    if place.seq > cut_seq {
        return by_roster(format!(
            "signed by {who} after they were removed from the team (roster version {}, which keeps this device's segments up to {cut_seq})",
            removal.body.version
        ));
    }
    match on_chain(known, cut_seq, cut_hash, place.seq) {
        Some(hash) if hash == place.hash => None,
        Some(_) => by_roster(format!(
            "signed by {who}, who was removed in roster version {}; not one of the segments that version keeps",
            removal.body.version
        )),
        None => Some(Outcome::Waiting {
            reason: format!(
                "its author was removed in roster version {}; waiting for the segments between it and the ones that version keeps",
                removal.body.version
            ),
            until: Until::NextPass,
        }),
    }
}

/// The hash of the segment numbered `seq` on the hash chain that ends at
/// (`end_seq`, `end_hash`), if every link is known.
fn on_chain(
    known: &BTreeMap<String, KnownSegment>,
    end_seq: u64,
    end_hash: &str,
    seq: u64,
) -> Option<String> {
    let mut hash = end_hash.to_owned();
    let mut at = end_seq;
    while at > seq {
        let segment = known.get(&hash)?;
        if segment.seq != at {
            return None;
        }
        hash = segment.prev.clone()?;
        at -= 1;
    }
    Some(hash)
}
