//! Reading the folder: take the envelopes addressed to me, then judge every segment
//! file not judged yet (or whose verdict may have changed) and merge the valid ones.
//! Every file is judged on its own: a missing, late or refused file delays nothing
//! but itself.
//!
//! A folder worker (`crate::offload`) lists the device folders and reads the
//! candidates' bytes; decryption and every check happen here, from memory: each
//! batch is decrypted and verified on all cores while this thread judges what was
//! examined before it and stores the valid segments' events, in one transaction
//! that commits when the pass ends. A removed member's files wait until their whole
//! device is examined: their verdict depends on its hash chain.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use embargo_domain::{CaseId, Progress};
use embargo_vault::{Merge, Vault};

use crate::SyncError;
use crate::blobs::BlobManifest;
use crate::bounded::Refusal;
use crate::folder::{self, SegmentName, ignore_reason, parse_device_dir};
use crate::identity::key_digest;
use crate::offload::{self, Feed, Stopped};
use crate::report::Finding;
use crate::roster::RosterChain;
use crate::v2::judge::{Place, judge, needs_its_device};
use crate::v2::keys;
use crate::v2::layout::DEVICES_DIR;
use crate::v2::segment::{HeldKey, OpenError, OpenedSegment, SEGMENT_LIMIT, open};
use crate::v2::state::{Judged, KnownSegment, Outcome, State, Until};

/// What one import pass merged.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Segments merged.
    pub segments: usize,
    /// Events in them (including ones already present).
    pub events: usize,
    /// Cases those events touch.
    pub cases: Vec<CaseId>,
    /// Whether any of them are team-wide events.
    pub team_changed: bool,
}

/// One segment file to judge.
struct Candidate {
    rel: String,
    path: PathBuf,
    dir: String,
    digest: String,
    device: String,
    name: SegmentName,
    stamp: (u64, i128),
}

/// What the folder worker finds in `v2/devices`, in order: the listing, then the
/// bytes of each candidate in the listing's order.
enum Found {
    Listed(Result<Listing, SyncError>),
    Read(Result<Vec<u8>, Refusal>),
}

#[derive(Default)]
struct Listing {
    candidates: Vec<Candidate>,
    ignored: Vec<Finding>,
    seen_seq: Vec<(String, u64)>,
}

/// What reading and opening a file found (the part that needs no chain state).
enum Examined {
    Unreadable(String, bool),
    NameMismatch,
    Opened(Box<Result<OpenedSegment, OpenError>>),
}

impl Examined {
    /// The segment, when the file opened with every signature holding.
    fn segment(&self) -> Option<&OpenedSegment> {
        match self {
            Self::Opened(opened) => opened.as_ref().as_ref().ok(),
            _ => None,
        }
    }
}

pub(crate) fn run(
    vault: &mut Vault,
    state: &mut State,
    chain: &RosterChain,
    folder: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn Progress,
) -> Result<Imported, SyncError> {
    keys::take_envelopes(vault, state, chain, folder, progress)?;
    let head = chain.current().hash.clone();
    let keys_held = state.key_count();
    // Files whose verdict stands, unless they changed: not read again.
    let judged: HashMap<String, (u64, i128)> = state
        .judged
        .iter()
        .filter(|(rel, judged)| {
            rel.starts_with(DEVICES_DIR) && settled(&judged.outcome, keys_held, &head)
        })
        .map(|(rel, judged)| (rel.clone(), judged.stamp))
        .collect();
    let devices = folder.join(DEVICES_DIR);
    // Reads a batch ahead of the one being decrypted.
    let mut worker = offload::spawn(
        folder,
        progress,
        Stopped::NothingMerged,
        batch_size(),
        move |feed| look(&devices, &judged, feed),
    )?;
    let Found::Listed(listing) = worker.take(progress)? else {
        return Err(worker.out_of_step());
    };
    let listing = listing?;
    state.ignored.extend(listing.ignored);
    state.seen_seq.extend(listing.seen_seq);
    let candidates = listing.candidates;
    progress.phase("reading segments", Some(candidates.len() as u64));
    let held = state.identities();
    let offered: Vec<HeldKey<'_>> = held
        .iter()
        .map(|(scope, generation, identity)| HeldKey {
            scope,
            generation: *generation,
            identity,
        })
        .collect();
    // One transaction for the whole pass, committed only at the end: a pass that
    // stops early has merged nothing.
    let mut merge = vault.begin_merge(now)?;
    let mut judging = Judging {
        state,
        chain,
        merge: &mut merge,
        examined: HashMap::new(),
        found: Merged::default(),
    };
    let (mut read, mut judged) = (0, 0);
    while read < candidates.len() {
        let batch = &candidates[read..(read + batch_size()).min(candidates.len())];
        let mut files = Vec::with_capacity(batch.len());
        for candidate in batch {
            let Found::Read(bytes) = worker.take(progress)? else {
                return Err(worker.out_of_step());
            };
            files.push((candidate, bytes));
        }
        if progress.cancelled() {
            return Err(SyncError::Cancelled);
        }
        // This batch is decrypted and checked on the other threads while this one
        // judges and stores what was examined before it: each file at once, except
        // those whose verdict waits for the rest of their device.
        let complete = devices_complete(&candidates, read);
        let (opened, stored) = std::thread::scope(|scope| {
            let examining = scope.spawn(|| examine_all(files, &offered));
            let stored = judging
                .devices(&candidates[judged..complete])
                .and_then(|()| judging.early(&candidates[complete..read]));
            // A panic while examining is a bug; those files are judged next pass.
            (examining.join().unwrap_or_default(), stored)
        });
        stored?;
        judging.examined.extend(opened);
        judged = complete;
        read += batch.len();
        progress.advance(batch.len() as u64);
    }
    drop(worker);
    judging.devices(&candidates[judged..])?;
    let found = judging.found;
    progress.phase("merging events", Some(found.imported.events as u64));
    if progress.cancelled() {
        return Err(SyncError::Cancelled);
    }
    let merged = merge.finish()?;
    for (id, reason) in merged.refused {
        state.refused_events.insert(id.to_string(), reason);
    }
    for manifest in found.blobs {
        if vault.attachment_bytes(&manifest.sha256)?.is_none() {
            state
                .awaited_blobs
                .insert(manifest.sha256.clone(), manifest);
        }
    }
    progress.advance(found.imported.events as u64);
    report(state);
    let mut imported = found.imported;
    imported.cases = found.cases.into_iter().collect();
    Ok(imported)
}

/// What the judged segments brought so far.
#[derive(Default)]
struct Merged {
    imported: Imported,
    cases: BTreeSet<CaseId>,
    blobs: Vec<BlobManifest>,
}

/// The end of the candidates (sorted by device) whose device has all its files
/// among the first `examined`.
fn devices_complete(candidates: &[Candidate], examined: usize) -> usize {
    match candidates.get(examined) {
        None => candidates.len(),
        Some(next) => candidates[..examined]
            .iter()
            .rposition(|c| c.dir != next.dir)
            .map_or(0, |last| last + 1),
    }
}

/// Judging one pass's examined files: the verdicts go to `state`, the valid
/// segments' events to `merge`.
struct Judging<'p, 'v> {
    state: &'p mut State,
    chain: &'p RosterChain,
    merge: &'p mut Merge<'v>,
    /// Files examined and not judged yet.
    examined: HashMap<String, Examined>,
    found: Merged,
}

impl Judging<'_, '_> {
    /// Judge what is left of the examined files of whole devices.
    fn devices(&mut self, candidates: &[Candidate]) -> Result<(), SyncError> {
        // Headers first: a removed member's segment is judged by the hash chain of
        // its device, which later segments of this very pass may complete.
        for candidate in candidates {
            if let Some(segment) = self
                .examined
                .get(&candidate.rel)
                .and_then(Examined::segment)
            {
                record_header(candidate, segment, self.state);
            }
        }
        for candidate in candidates {
            if let Some(examination) = self.examined.remove(&candidate.rel) {
                self.file(candidate, examination)?;
            }
        }
        Ok(())
    }

    /// Judge at once the examined files whose verdict cannot depend on the rest of
    /// their device (`judge::needs_its_device`); the others wait for `devices`.
    fn early(&mut self, candidates: &[Candidate]) -> Result<(), SyncError> {
        for candidate in candidates {
            let waits = self
                .examined
                .get(&candidate.rel)
                .and_then(Examined::segment)
                .is_some_and(|segment| needs_its_device(segment, self.chain));
            if waits {
                continue;
            }
            if let Some(examination) = self.examined.remove(&candidate.rel) {
                if let Some(segment) = examination.segment() {
                    record_header(candidate, segment, self.state);
                }
                self.file(candidate, examination)?;
            }
        }
        Ok(())
    }

    /// The verdict on one examined file; a valid segment's events go to `merge`.
    fn file(&mut self, candidate: &Candidate, examination: Examined) -> Result<(), SyncError> {
        let Self {
            state,
            chain,
            merge,
            found,
            ..
        } = self;
        let outcome = match examination {
            Examined::Unreadable(why, permanent) if permanent => Outcome::Rejected { reason: why },
            Examined::Unreadable(why, _) => Outcome::Waiting {
                reason: format!("cannot be read yet ({why})"),
                until: Until::FileChanges,
            },
            Examined::NameMismatch => Outcome::Waiting {
                reason: "incomplete or damaged (content does not match its name); read again when it changes".into(),
                until: Until::FileChanges,
            },
            Examined::Opened(opened) => match *opened {
                Err(OpenError::NoKey) => Outcome::Waiting {
                    reason: "no key generation this member holds opens it yet: waiting for an envelope".into(),
                    until: Until::MoreKeys(state.key_count()),
                },
                Err(OpenError::Unreadable(why)) => Outcome::Waiting {
                    reason: format!("{why}; read again when it changes"),
                    until: Until::FileChanges,
                },
                Err(OpenError::Invalid(reason)) => Outcome::Rejected { reason },
                Ok(segment) => {
                    let place = Place {
                        team: &state.team,
                        dir: &candidate.dir,
                        digest: &candidate.digest,
                        device: &candidate.device,
                        seq: candidate.name.seq,
                        hash: &candidate.name.hash,
                    };
                    let known = state
                        .devices
                        .get(&candidate.dir)
                        .map(|log| log.segments.clone())
                        .unwrap_or_default();
                    match judge(&segment, &place, chain, &known) {
                        Some(outcome) => outcome,
                        None => {
                            found.imported.segments += 1;
                            found.imported.events += segment.events.len();
                            for event in &segment.events {
                                if event.case_id.is_team() {
                                    found.imported.team_changed = true;
                                } else {
                                    found.cases.insert(event.case_id);
                                }
                            }
                            found.blobs.extend(segment.blobs);
                            merge.add(segment.events)?;
                            if let Some(known) = state
                                .devices
                                .get_mut(&candidate.dir)
                                .and_then(|log| log.segments.get_mut(&candidate.name.hash))
                            {
                                known.merged = true;
                            }
                            Outcome::Done
                        }
                    }
                }
            },
        };
        state.judged.insert(
            candidate.rel.clone(),
            Judged {
                stamp: candidate.stamp,
                outcome,
            },
        );
        Ok(())
    }
}

fn record_header(candidate: &Candidate, segment: &OpenedSegment, state: &mut State) {
    let log = state.devices.entry(candidate.dir.clone()).or_default();
    log.author
        .get_or_insert_with(|| segment.header.author.clone());
    log.segments
        .entry(candidate.name.hash.clone())
        .or_insert(KnownSegment {
            seq: segment.header.seq,
            prev: segment.header.prev.clone(),
            merged: false,
        });
}

/// On the folder worker: list `devices`, then read every candidate.
fn look(devices: &Path, judged: &HashMap<String, (u64, i128)>, feed: &Feed<Found>) {
    let listing = candidates(devices, judged);
    let paths: Vec<PathBuf> = listing
        .as_ref()
        .map(|listing| listing.candidates.iter().map(|c| c.path.clone()).collect())
        .unwrap_or_default();
    if !feed.send(Found::Listed(listing)) {
        return;
    }
    for path in paths {
        if !feed.send(Found::Read(crate::bounded::read_regular(
            &path,
            SEGMENT_LIMIT,
        ))) {
            return;
        }
    }
}

/// Every strictly named segment file whose verdict is not settled: new, changed
/// since it was judged, or waiting for something that has since happened (`judged`
/// holds the stamps of the files whose verdict stands).
fn candidates(devices: &Path, judged: &HashMap<String, (u64, i128)>) -> Result<Listing, SyncError> {
    let mut listing = Listing::default();
    for entry in folder::entries(devices)? {
        let (dir, path) = (entry.name.clone(), entry.path.clone());
        let rel_dir = format!("{DEVICES_DIR}/{dir}");
        let Some((digest, device)) = parse_device_dir(&dir).filter(|_| entry.kind.is_dir()) else {
            listing.ignored.push(Finding {
                file: rel_dir,
                reason: folder::device_dir_ignore_reason(&entry),
            });
            continue;
        };
        let mut highest = 0;
        for (file, file_path) in folder::list(&path)? {
            let rel = format!("{rel_dir}/{file}");
            let Some(name) = SegmentName::parse(&file) else {
                listing.ignored.push(Finding {
                    file: rel,
                    reason: ignore_reason(&file).into(),
                });
                continue;
            };
            highest = highest.max(name.seq);
            let stamp = folder::stamp_of(&file_path);
            if judged.get(&rel) == Some(&stamp) {
                continue;
            }
            listing.candidates.push(Candidate {
                rel,
                path: file_path,
                dir: dir.clone(),
                digest: digest.clone(),
                device: device.clone(),
                name,
                stamp,
            });
        }
        listing.seen_seq.push((dir.clone(), highest));
    }
    listing
        .candidates
        .sort_by(|a, b| (&a.dir, a.name.seq).cmp(&(&b.dir, b.name.seq)));
    Ok(listing)
}

/// Whether a verdict still stands (the file itself has not changed).
pub(crate) fn settled(outcome: &Outcome, keys_held: usize, head: &str) -> bool {
    match outcome {
        Outcome::Done | Outcome::Rejected { .. } => true,
        Outcome::RejectedByRoster { head: then, .. } => then == head,
        Outcome::Waiting { until, .. } => match until {
            Until::FileChanges => true,
            Until::MoreKeys(then) => keys_held <= *then,
            Until::RosterChanges(then) => then == head,
            Until::NextPass => false,
        },
    }
}

fn examine(
    candidate: &Candidate,
    read: Result<Vec<u8>, Refusal>,
    keys: &[HeldKey<'_>],
) -> Examined {
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(refusal) => {
            let permanent = refusal.is_permanent();
            return Examined::Unreadable(refusal.to_string(), permanent);
        }
    };
    // A header no Embargo writes (a header bomb) is refused for good, whatever its
    // name says: neither a half-synced copy nor a later version of it can pass.
    if let Err(refusal) = crate::bounded::check_age_header(&bytes)
        && refusal.is_permanent()
    {
        return Examined::Unreadable(refusal.to_string(), true);
    }
    if crate::signed::sha256_hex(&bytes) != candidate.name.hash {
        return Examined::NameMismatch;
    }
    Examined::Opened(Box::new(open(&bytes, keys)))
}

/// Examine files read from the folder on as many threads as the machine has
/// cores: hashing, decrypting and checking signatures dominate a large merge.
fn examine_all(
    files: Vec<(&Candidate, Result<Vec<u8>, Refusal>)>,
    keys: &[HeldKey<'_>],
) -> Vec<(String, Examined)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len().max(1));
    let share = files.len().div_ceil(workers).max(1);
    let mut shares = Vec::with_capacity(workers);
    let mut files = files.into_iter();
    loop {
        let next: Vec<_> = files.by_ref().take(share).collect();
        if next.is_empty() {
            break;
        }
        shares.push(next);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(file, read)| (file.rel.clone(), examine(file, read, keys)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic while examining is a bug; those files are judged next pass.
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    })
}

fn batch_size() -> usize {
    4 * std::thread::available_parallelism().map_or(1, usize::from)
}

/// The pass's findings from every verdict that is not "merged".
fn report(state: &mut State) {
    let mut quarantined = Vec::new();
    let mut waiting = Vec::new();
    for (file, judged) in &state.judged {
        match &judged.outcome {
            Outcome::Done => {}
            Outcome::Rejected { reason } | Outcome::RejectedByRoster { reason, .. } => quarantined
                .push(Finding {
                    file: file.clone(),
                    reason: reason.clone(),
                }),
            Outcome::Waiting { reason, .. } => waiting.push(Finding {
                file: file.clone(),
                reason: reason.clone(),
            }),
        }
    }
    state.quarantined = quarantined;
    state.waiting.extend(waiting);
}

/// The key digest prefix that names my files.
pub(crate) fn my_digest(vault: &Vault) -> String {
    key_digest(&vault.public_identity().signing_key)[..32].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(dirs: &[&str]) -> Vec<Candidate> {
        dirs.iter()
            .enumerate()
            .map(|(n, dir)| Candidate {
                rel: format!("{DEVICES_DIR}/{dir}/{n}"),
                path: PathBuf::from(dir),
                dir: (*dir).to_owned(),
                digest: String::new(),
                device: String::new(),
                name: SegmentName {
                    seq: n as u64 + 1,
                    hash: String::new(),
                },
                stamp: (0, 0),
            })
            .collect()
    }

    #[test]
    fn a_device_is_judged_only_once_all_its_files_are_examined() {
        let all = candidates(&["a", "a", "b", "b", "b", "c"]);
        // Nothing examined, or a device cut by the batch boundary: wait.
        assert_eq!(devices_complete(&all, 0), 0);
        assert_eq!(devices_complete(&all, 1), 0);
        // `a` is whole once the next file is `b`'s.
        assert_eq!(devices_complete(&all, 2), 2);
        assert_eq!(devices_complete(&all, 4), 2);
        assert_eq!(devices_complete(&all, 5), 5);
        assert_eq!(devices_complete(&all, 6), 6);
        assert_eq!(devices_complete(&[], 0), 0);
    }
}
