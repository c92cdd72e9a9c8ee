//! Reading other devices' segments: strict names, content hash, decryption,
//! signatures, placement, membership, chain order — then merge into the vault.
//!
//! A folder worker (`crate::offload`) lists the device folders and reads the
//! candidates' bytes; decryption and every check happen here, from memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use embargo_domain::Progress;
use embargo_vault::{NewAttachment, Vault};

use crate::SyncError;
use crate::bounded::Refusal;
use crate::folder::{self, SegmentName, ignore_reason, parse_device_dir};
use crate::identity::key_digest;
use crate::offload::{self, Feed, Stopped};
use crate::report::Finding;
use crate::roster::RosterChain;
use crate::v1::examine::{Candidate, Examined, batch_size, examine_all, read};
use crate::v1::segment::{OpenError, OpenedSegment};
use crate::v1::state::{DeviceChain, SyncState};

/// Events whose clock is further ahead of ours than this are set aside, so a
/// wrong clock cannot win every last-writer-wins comparison forever.
pub const MAX_CLOCK_AHEAD: Duration = Duration::hours(24);

/// What one import pass merged.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Segments merged.
    pub segments: usize,
    /// Events in them (including ones already present).
    pub events: usize,
    /// Cases those events touch.
    pub cases: Vec<embargo_domain::CaseId>,
    /// Whether any of them are team-wide events.
    pub team_changed: bool,
}

/// What to do with a candidate segment.
enum Verdict {
    Valid(Box<OpenedSegment>),
    /// Try again later (half-synced file, roster not arrived yet).
    NotYet(String),
    /// Never valid under this name.
    Rejected(String),
}

pub(crate) struct Importer<'a> {
    pub vault: &'a mut Vault,
    /// Valid events of this pass, appended in one transaction at the end so each
    /// case is folded and written once per pass, not once per segment.
    pub pending: Vec<embargo_domain::Event>,
    /// Attachment bytes of this pass.
    pub blobs: Vec<NewAttachment>,
    pub state: &'a mut SyncState,
    pub chain: &'a RosterChain,
    pub now: DateTime<Utc>,
    pub folder: &'a Path,
    pub progress: &'a mut dyn Progress,
    /// New files of this pass, read and opened up front.
    pub examined: std::collections::HashMap<String, Examined>,
}

/// What the folder worker finds in `devices/`, in order: the listing, then the
/// bytes of each candidate in the listing's order.
enum Found {
    Listed(Result<Listing, SyncError>),
    Read(Result<Vec<u8>, Refusal>),
}

/// The file names of a device folder, or why it could not be listed.
type Names = Result<Vec<String>, String>;

/// `devices/` as the worker listed it.
struct Listing {
    /// Every entry, with the names in it if it is a real, strictly named device
    /// folder.
    devices: Vec<(folder::Entry, Option<Names>)>,
    /// Files to read and open this pass.
    candidates: Vec<Candidate>,
}

/// What the worker needs to pick the files to read: public, no key.
struct Known {
    /// Device folder → sequence number → hash of the merged file.
    merged: BTreeMap<String, BTreeMap<u64, String>>,
    /// Files rejected for good.
    rejected: std::collections::BTreeSet<String>,
}

impl Importer<'_> {
    /// Read every device folder once.
    pub fn run(&mut self) -> Result<Imported, SyncError> {
        let mut total = Imported::default();
        let known = Known {
            merged: self
                .state
                .devices
                .iter()
                .map(|(dir, chain)| (dir.clone(), chain.merged.clone()))
                .collect(),
            rejected: self.state.rejected.keys().cloned().collect(),
        };
        let devices = self.folder.join(folder::DEVICES_DIR);
        // Reads a batch ahead of the one being opened.
        let mut worker = offload::spawn(
            self.folder,
            &*self.progress,
            Stopped::NothingMerged,
            batch_size(),
            move |feed| look(&devices, &known, feed),
        )?;
        let Found::Listed(listing) = worker.take(&*self.progress)? else {
            return Err(worker.out_of_step());
        };
        let Listing {
            devices: listed,
            candidates,
        } = listing?;
        self.progress
            .phase("reading segments", Some(candidates.len() as u64));
        for batch in candidates.chunks(batch_size()) {
            let mut files = Vec::with_capacity(batch.len());
            for candidate in batch {
                let Found::Read(read) = worker.take(&*self.progress)? else {
                    return Err(worker.out_of_step());
                };
                files.push((candidate, read));
            }
            if self.progress.cancelled() {
                return Err(SyncError::Cancelled);
            }
            let examined = examine_all(&files, self.vault.age_identity());
            self.examined.extend(examined);
            self.progress.advance(batch.len() as u64);
        }
        drop(worker);
        for (entry, names) in listed {
            let rel = format!("{}/{}", folder::DEVICES_DIR, entry.name);
            match (parse_device_dir(&entry.name), names) {
                (Some((digest, device)), Some(names)) => {
                    let got = self.device(&entry.name, &digest, &device, names)?;
                    total.segments += got.segments;
                    total.events += got.events;
                }
                _ => self.state.ignored.push(Finding {
                    file: rel,
                    reason: folder::device_dir_ignore_reason(&entry),
                }),
            }
        }
        // One transaction for the whole pass; the chain positions advanced above are
        // saved by the caller only after this succeeds, so a failure merges nothing.
        let cases: std::collections::BTreeSet<_> = self
            .pending
            .iter()
            .map(|event| event.case_id)
            .filter(|case| !case.is_team())
            .collect();
        total.cases = cases.into_iter().collect();
        total.team_changed = self.pending.iter().any(|event| event.case_id.is_team());
        let events = self.pending.len() as u64;
        self.progress.phase("merging events", Some(events));
        let merged = self
            .vault
            .merge(std::mem::take(&mut self.pending), &self.blobs, self.now)?;
        for (id, reason) in merged.refused {
            self.state.rejected_events.insert(id.to_string(), reason);
        }
        self.progress.advance(events);
        Ok(total)
    }

    fn device(
        &mut self,
        dir_name: &str,
        digest: &str,
        device: &str,
        names: Names,
    ) -> Result<Imported, SyncError> {
        let mut imported = Imported::default();
        let mut by_seq: BTreeMap<u64, Vec<(SegmentName, String)>> = BTreeMap::new();
        let listed = match names {
            Ok(listed) => listed,
            Err(e) => {
                // One flooded or unreadable device folder must not stop the others.
                self.wait(dir_name, format!("not read: {e}"));
                return Ok(imported);
            }
        };
        for name in listed {
            let rel = format!("{}/{dir_name}/{name}", folder::DEVICES_DIR);
            match SegmentName::parse(&name) {
                Some(parsed) => by_seq.entry(parsed.seq).or_default().push((parsed, rel)),
                None => self.state.ignored.push(Finding {
                    file: rel,
                    reason: ignore_reason(&name).into(),
                }),
            }
        }
        let highest = by_seq.keys().next_back().copied().unwrap_or(0);
        self.state.seen_seq.insert(dir_name.to_owned(), highest);
        let mut chain = self
            .state
            .devices
            .get(dir_name)
            .cloned()
            .unwrap_or_default();

        // Files for sequence numbers already merged: the same file, or a second one.
        for (seq, files) in by_seq.range(..=chain.last_seq) {
            for (name, rel) in files {
                if chain.merged.get(seq) == Some(&name.hash)
                    || self.state.rejected.contains_key(rel)
                {
                    continue;
                }
                let prev = if *seq == 1 {
                    None
                } else {
                    chain.merged.get(&(seq - 1)).cloned()
                };
                match self.verdict(name, rel, dir_name, digest, device, &prev) {
                    Verdict::Valid(_) => {
                        chain.equivocation.get_or_insert(*seq);
                        self.reject(rel, format!(
                            "equivocation: a second, different segment {seq} for this device (the first was merged); the device is blocked"
                        ));
                    }
                    Verdict::Rejected(reason) => self.reject(rel, reason),
                    Verdict::NotYet(reason) => self.quarantine(rel, reason),
                }
            }
        }

        while chain.equivocation.is_none() {
            let next = chain.last_seq + 1;
            let Some(files) = by_seq.get(&next) else {
                if highest > next {
                    self.wait(
                        dir_name,
                        format!(
                            "segment {next} has not arrived; segments up to {highest} wait for it"
                        ),
                    );
                }
                break;
            };
            let mut valid: Vec<(String, String, Box<OpenedSegment>)> = Vec::new();
            for (name, rel) in files {
                if self.state.rejected.contains_key(rel) {
                    continue;
                }
                match self.verdict(name, rel, dir_name, digest, device, &chain.last_hash) {
                    Verdict::Valid(segment) => {
                        valid.push((name.hash.clone(), rel.clone(), segment))
                    }
                    Verdict::Rejected(reason) => self.reject(rel, reason),
                    Verdict::NotYet(reason) => self.quarantine(rel, reason),
                }
            }
            match valid.len() {
                0 => {
                    self.wait(dir_name, format!("segment {next} is not readable yet"));
                    break;
                }
                1 => {
                    let Some((hash, _, segment)) = valid.pop() else {
                        break;
                    };
                    imported.events += self.merge(*segment)?;
                    imported.segments += 1;
                    chain.last_seq = next;
                    chain.last_hash = Some(hash.clone());
                    chain.merged.insert(next, hash);
                }
                _ => {
                    chain.equivocation = Some(next);
                    for (_, rel, _) in &valid {
                        self.reject(rel, format!(
                            "equivocation: two different valid segments {next} for one device; neither is merged and the device is blocked"
                        ));
                    }
                }
            }
        }
        if let Some(seq) = chain.equivocation {
            self.wait(dir_name, format!(
                "blocked: two different segments claim number {seq}; ask the member to check that device"
            ));
        }
        if chain.author.is_none() {
            chain.author = self.author_of(digest);
        }
        self.state.devices.insert(dir_name.to_owned(), chain);
        Ok(imported)
    }

    fn verdict(
        &mut self,
        name: &SegmentName,
        rel: &str,
        dir_name: &str,
        digest: &str,
        device: &str,
        prev: &Option<String>,
    ) -> Verdict {
        // Every file judged was read by the worker; one missing here could not be
        // examined (a bug) and waits for the next pass.
        let examined = self
            .examined
            .remove(rel)
            .unwrap_or_else(|| Examined::Unreadable("not examined in this pass".into()));
        let opened = match examined {
            Examined::Unreadable(e) => return Verdict::NotYet(format!("cannot be read yet ({e})")),
            Examined::Refused(why) => return Verdict::Rejected(why),
            Examined::NameMismatch { opens: true } => {
                return Verdict::Rejected(
                    "content does not match its name (renamed or replayed)".into(),
                );
            }
            Examined::NameMismatch { opens: false } => {
                return Verdict::NotYet(
                    "incomplete or damaged (content does not match its name); retried on every sync"
                        .into(),
                );
            }
            Examined::Opened(opened) => *opened,
        };
        let segment = match opened {
            Ok(segment) => segment,
            Err(OpenError::Unreadable(why)) => {
                return Verdict::Rejected(format!(
                    "complete, but {why}: not encrypted to this member, or damaged at the source"
                ));
            }
            Err(OpenError::NotASegment(why) | OpenError::BadSignature(why)) => {
                return Verdict::Rejected(why);
            }
        };
        match self.placement(&segment, name, dir_name, digest, device, prev) {
            Ok(()) => Verdict::Valid(Box::new(segment)),
            Err(verdict) => verdict,
        }
    }

    /// Whether a segment whose own signatures hold belongs where it was found.
    fn placement(
        &self,
        segment: &OpenedSegment,
        name: &SegmentName,
        dir_name: &str,
        digest: &str,
        device: &str,
        prev: &Option<String>,
    ) -> Result<(), Verdict> {
        let h = &segment.header;
        let reject = |why: String| Err(Verdict::Rejected(why));
        if h.team != self.state.team {
            return reject(format!("belongs to another team ({})", h.team));
        }
        if h.device != dir_name {
            return reject(format!(
                "written for device folder {}, found in {dir_name} (moved)",
                h.device
            ));
        }
        if h.seq != name.seq {
            return reject(format!(
                "its header says segment {}, its name says {} (replayed)",
                h.seq, name.seq
            ));
        }
        if !key_digest(&h.author).starts_with(digest) {
            return reject("signed by someone who does not own this device folder".into());
        }
        if &h.prev != prev {
            return reject(format!(
                "does not follow segment {} of this device (hash chain broken)",
                name.seq.saturating_sub(1)
            ));
        }
        let Some(stamped) = self.chain.version(h.roster_version) else {
            return Err(Verdict::NotYet(format!(
                "written under roster version {}, which has not arrived yet",
                h.roster_version
            )));
        };
        if stamped.body.member(&h.author).is_none() {
            return reject(format!(
                "signed by {}, who is not a member in roster version {}",
                crate::identity::fingerprint(&h.author),
                h.roster_version
            ));
        }
        let current = &self.chain.current().body;
        if current.member(&h.author).is_none() {
            let allowed = current
                .removal(&h.author)
                .and_then(|r| r.cut.get(dir_name))
                .is_some_and(|cut| name.seq <= *cut);
            if !allowed {
                return reject(format!(
                    "signed by {} after they were removed from the team",
                    crate::identity::fingerprint(&h.author)
                ));
            }
        }
        if let Some(event) = segment
            .events
            .iter()
            .find(|e| e.device.to_string() != device || e.author.0 != h.author)
        {
            return reject(format!(
                "event {} claims another device or author",
                event.id
            ));
        }
        Ok(())
    }

    /// Append a valid segment's events; far-future events are set aside.
    fn merge(&mut self, segment: OpenedSegment) -> Result<usize, SyncError> {
        let limit = (self.now + MAX_CLOCK_AHEAD).timestamp_millis();
        let (events, ahead): (Vec<_>, Vec<_>) = segment
            .events
            .into_iter()
            .partition(|e| e.at.wall_ms <= limit);
        for event in &ahead {
            let reason = format!(
                "event {} has a clock {} ahead of this device (more than {} hours); set aside",
                event.id,
                event.at.instant().format("%Y-%m-%dT%H:%M:%SZ"),
                MAX_CLOCK_AHEAD.num_hours()
            );
            self.state
                .rejected_events
                .insert(event.id.to_string(), reason);
        }
        self.blobs.extend(
            segment
                .blobs
                .into_iter()
                .map(|(sha256, data)| NewAttachment { sha256, data }),
        );
        let count = events.len();
        self.pending.extend(events);
        Ok(count)
    }

    fn author_of(&self, digest: &str) -> Option<String> {
        self.chain
            .versions
            .iter()
            .rev()
            .flat_map(|v| v.body.members.iter())
            .find(|m| key_digest(&m.keys.signing_key).starts_with(digest))
            .map(|m| m.keys.signing_key.clone())
    }

    fn reject(&mut self, rel: &str, reason: String) {
        self.state.rejected.insert(rel.to_owned(), reason);
    }

    fn quarantine(&mut self, rel: &str, reason: String) {
        self.state.quarantined.push(Finding {
            file: rel.to_owned(),
            reason,
        });
    }

    fn wait(&mut self, dir_name: &str, reason: String) {
        self.state.waiting.push(Finding {
            file: format!("{}/{dir_name}", folder::DEVICES_DIR),
            reason,
        });
    }
}

/// On the folder worker: list `devices/` and each device folder in it, pick the
/// files not merged under their name nor rejected for good, and read them, in
/// order, within bounds.
fn look(devices: &Path, known: &Known, feed: &Feed<Found>) {
    let entries = match folder::entries(devices) {
        Ok(entries) => entries,
        Err(e) => {
            feed.send(Found::Listed(Err(e)));
            return;
        }
    };
    let mut listing = Listing {
        devices: Vec::with_capacity(entries.len()),
        candidates: Vec::new(),
    };
    for entry in entries {
        // A link named like a device folder is never followed (reported).
        if parse_device_dir(&entry.name).is_none() || !entry.kind.is_dir() {
            listing.devices.push((entry, None));
            continue;
        }
        let names = folder::list(&entry.path)
            .map(|names| names.into_iter().map(|(name, _)| name).collect::<Vec<_>>())
            .map_err(|e| e.to_string());
        let merged = known.merged.get(&entry.name);
        for name in names.iter().flatten() {
            let Some(segment) = SegmentName::parse(name) else {
                continue;
            };
            let rel = format!("{}/{}/{name}", folder::DEVICES_DIR, entry.name);
            let merged_here = merged.and_then(|m| m.get(&segment.seq)) == Some(&segment.hash);
            if !merged_here && !known.rejected.contains(&rel) {
                listing.candidates.push(Candidate {
                    rel,
                    path: entry.path.join(name),
                    hash: segment.hash,
                });
            }
        }
        listing.devices.push((entry, Some(names)));
    }
    let paths: Vec<PathBuf> = listing.candidates.iter().map(|c| c.path.clone()).collect();
    if !feed.send(Found::Listed(Ok(listing))) {
        return;
    }
    for path in paths {
        if !feed.send(Found::Read(read(&path))) {
            return;
        }
    }
}

impl DeviceChain {
    /// How many segments in the folder are not merged yet.
    pub fn lag(&self, seen: u64) -> u64 {
        seen.saturating_sub(self.last_seq)
    }
}
