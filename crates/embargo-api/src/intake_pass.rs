//! One pass over the intake folder. Whoever can write to the folder (a mail
//! fetcher, but also anything else running as this user, or a sender whose
//! message is delivered there) decides what sits in it, so every entry is looked
//! at without following links and read within bounds
//! ([`embargo_sync::bounded::read_regular`]): a FIFO or device is never opened for
//! reading, a symbolic link never followed (so nothing outside the folder is
//! read), a file above [`MAX_INTAKE_MESSAGE_BYTES`] never read. Dotfiles are
//! skipped, and so is a Maildir's `tmp/` (its `new/` and `cur/` are read when the
//! folder is the Maildir itself). Nothing is written to the folder.
//!
//! Each file is judged once for a given size and modification time: imported,
//! a duplicate, or refused with a reason that is reported once. A file that
//! changes (one that was still being written) is judged again.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, Utc};
use embargo_domain::Progress;
use embargo_mail::ParsedMessage;
use embargo_sync::bounded::{FileKind, Limit, Refusal, read_regular};
use sha2::{Digest, Sha256};

use crate::intake::{FileRecord, Verdict};
use crate::{
    ApiError, DeviceSetting, ImportAction, IntakeImport, IntakeProblem, IntakeReport, Session,
};

/// The largest intake file read, like the largest message piped to `embargo
/// import -`: a report with its attachments fits; a file above it is refused
/// before a byte is read.
pub const MAX_INTAKE_MESSAGE_BYTES: u64 = 64 << 20;

const MESSAGE: Limit = Limit {
    max_bytes: MAX_INTAKE_MESSAGE_BYTES,
    what: "an intake message",
};

/// A file to import: where, as seen, its content's hash, its message.
struct Arrival {
    name: String,
    seen: Seen,
    sha256: String,
    modified: Option<DateTime<Utc>>,
    message: ParsedMessage,
}

/// A file whose bytes are the same as an arrival's of this pass.
struct Copy {
    name: String,
    seen: Seen,
    sha256: String,
    of: usize,
}

/// Size and modification time: while they stay, the file is not read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    size: u64,
    modified_ns: Option<u64>,
}

impl Seen {
    fn of(metadata: &fs::Metadata) -> Self {
        Self {
            size: metadata.len(),
            modified_ns: metadata
                .modified()
                .ok()
                .and_then(|at| at.duration_since(UNIX_EPOCH).ok())
                .and_then(|since| u64::try_from(since.as_nanos()).ok()),
        }
    }

    fn record(self, verdict: Verdict) -> FileRecord {
        FileRecord {
            size: self.size,
            modified_ns: self.modified_ns,
            verdict,
        }
    }
}

/// What a pass gathered before anything is written.
#[derive(Default)]
struct Gathered {
    arrivals: Vec<Arrival>,
    copies: Vec<Copy>,
    writes: Vec<(String, Option<String>)>,
    duplicates: Vec<String>,
    problems: Vec<IntakeProblem>,
}

impl Gathered {
    fn remember_file(&mut self, name: &str, record: &FileRecord) {
        self.writes.push((
            DeviceSetting::IntakeFile { path: name }.key(),
            serde_json::to_string(record).ok(),
        ));
    }

    fn remember_content(&mut self, sha256: &str, verdict: &Verdict) {
        self.writes.push((
            DeviceSetting::IntakeContent { sha256 }.key(),
            serde_json::to_string(verdict).ok(),
        ));
    }

    /// Refuse a file (and its content, when it was read) for `reason`.
    fn refuse(&mut self, name: &str, seen: Seen, sha256: Option<&str>, reason: String) {
        let verdict = Verdict::Refused {
            reason: reason.clone(),
        };
        self.remember_file(name, &seen.record(verdict.clone()));
        if let Some(sha256) = sha256 {
            self.remember_content(sha256, &verdict);
        }
        self.problems.push(IntakeProblem {
            file: name.to_owned(),
            reason,
        });
    }
}

impl Session {
    /// Import what is new in `folder`. `Ok(None)`: `progress` stopped the pass
    /// before anything was written.
    pub(crate) fn intake_pass(
        &mut self,
        folder: &Path,
        progress: &mut dyn Progress,
    ) -> Result<Option<IntakeReport>, ApiError> {
        let files = listing(folder)?;
        let remembered: HashMap<String, FileRecord> = self.intake_records()?.into_iter().collect();
        let mut gathered = Gathered::default();
        let listed: HashSet<&str> = files.iter().map(String::as_str).collect();
        // A file gone from the folder is forgotten; its content stays remembered.
        for gone in remembered
            .keys()
            .filter(|name| !listed.contains(name.as_str()))
        {
            gathered
                .writes
                .push((DeviceSetting::IntakeFile { path: gone }.key(), None));
        }
        progress.phase("reading the intake folder", Some(files.len() as u64));
        let mut this_pass: HashMap<String, usize> = HashMap::new();
        for name in &files {
            if progress.cancelled() {
                return Ok(None);
            }
            progress.advance(1);
            let Ok(metadata) = fs::symlink_metadata(name) else {
                continue; // gone since the listing
            };
            let seen = Seen::of(&metadata);
            if remembered.get(name).is_some_and(|record| {
                record.size == seen.size && record.modified_ns == seen.modified_ns
            }) {
                continue;
            }
            self.look_at(name, &metadata, seen, &mut gathered, &mut this_pass)?;
        }
        self.file_arrivals(folder, gathered, progress).map(Some)
    }

    /// Judge one entry of the folder, or set it aside for import.
    fn look_at(
        &self,
        name: &str,
        metadata: &fs::Metadata,
        seen: Seen,
        gathered: &mut Gathered,
        this_pass: &mut HashMap<String, usize>,
    ) -> Result<(), ApiError> {
        match FileKind::of(metadata.file_type()) {
            FileKind::Regular => {}
            // Sub-folders are not the intake's (a Maildir's `tmp/`, an archive).
            FileKind::Directory => return Ok(()),
            kind => {
                let reason = Refusal::NotRegular(kind).to_string();
                gathered.refuse(name, seen, None, reason);
                return Ok(());
            }
        }
        let bytes = match read_regular(Path::new(name), MESSAGE) {
            Ok(bytes) => bytes,
            Err(Refusal::Missing) => return Ok(()),
            Err(refusal) if refusal.is_permanent() => {
                gathered.refuse(name, seen, None, refusal.to_string());
                return Ok(());
            }
            // Unreadable for now (permissions, an I/O error): said each pass,
            // remembered never, so it is imported once it can be read.
            Err(refusal) => {
                gathered.problems.push(IntakeProblem {
                    file: name.to_owned(),
                    reason: refusal.to_string(),
                });
                return Ok(());
            }
        };
        let sha256 = hex::encode(Sha256::digest(&bytes));
        if let Some(&of) = this_pass.get(&sha256) {
            gathered.copies.push(Copy {
                name: name.to_owned(),
                seen,
                sha256,
                of,
            });
            return Ok(());
        }
        match self.intake_content(&sha256)? {
            Some(verdict @ Verdict::Imported { .. }) => {
                gathered.remember_file(name, &seen.record(verdict));
                gathered.duplicates.push(name.to_owned());
                return Ok(());
            }
            Some(Verdict::Refused { reason }) => {
                gathered.refuse(name, seen, None, reason);
                return Ok(());
            }
            None => {}
        }
        let mut messages = match embargo_mail::parse_file(&bytes) {
            Ok(messages) => messages,
            Err(error) => {
                let reason = format!("{error} (looked at again when the file changes)");
                gathered.refuse(name, seen, Some(&sha256), reason);
                return Ok(());
            }
        };
        let Some(message) = messages.pop().filter(|_| messages.is_empty()) else {
            let reason = format!(
                "holds {} messages (a mailbox?): the intake takes one message per file; import a mailbox with `embargo import FILE`",
                messages.len() + 1
            );
            gathered.refuse(name, seen, Some(&sha256), reason);
            return Ok(());
        };
        this_pass.insert(sha256.clone(), gathered.arrivals.len());
        gathered.arrivals.push(Arrival {
            name: name.to_owned(),
            seen,
            sha256,
            modified: metadata.modified().ok().map(DateTime::<Utc>::from),
            message,
        });
        Ok(())
    }

    /// Import the arrivals and write every verdict with them, in one transaction.
    fn file_arrivals(
        &mut self,
        folder: &Path,
        mut gathered: Gathered,
        progress: &mut dyn Progress,
    ) -> Result<IntakeReport, ApiError> {
        let arrivals = std::mem::take(&mut gathered.arrivals);
        let sources = arrivals
            .iter()
            .map(|arrival| {
                (
                    Path::new(arrival.name.as_str()),
                    arrival.modified,
                    vec![arrival.message.clone()],
                )
            })
            .collect();
        let plan = self.plan_import(sources, progress)?;
        let by_name: HashMap<&str, usize> = arrivals
            .iter()
            .enumerate()
            .map(|(index, arrival)| (arrival.name.as_str(), index))
            .collect();
        let mut case_of = vec![String::new(); arrivals.len()];
        let mut imported = Vec::new();
        for (outcome, case) in plan.outcomes.iter().zip(&plan.cases) {
            let Some(&index) = by_name.get(outcome.file.as_str()) else {
                continue;
            };
            let arrival = &arrivals[index];
            case_of[index].clone_from(&outcome.case_id);
            let verdict = Verdict::Imported {
                case_id: outcome.case_id.clone(),
            };
            gathered.remember_file(&arrival.name, &arrival.seen.record(verdict.clone()));
            gathered.remember_content(&arrival.sha256, &verdict);
            if outcome.action == ImportAction::AlreadyImported {
                gathered.duplicates.push(arrival.name.clone());
            } else {
                imported.push(IntakeImport {
                    file: arrival.name.clone(),
                    case_id: outcome.case_id.clone(),
                    action: outcome.action,
                    case: *case,
                    title: String::new(),
                });
            }
        }
        for copy in std::mem::take(&mut gathered.copies) {
            let verdict = Verdict::Imported {
                case_id: case_of[copy.of].clone(),
            };
            gathered.remember_file(&copy.name, &copy.seen.record(verdict.clone()));
            gathered.remember_content(&copy.sha256, &verdict);
            gathered.duplicates.push(copy.name);
        }
        if !gathered.writes.is_empty() {
            progress.phase("saving", None);
            self.commit_import(plan, &gathered.writes)?;
        }
        for import in &mut imported {
            import.title = self.case(import.case)?.title;
        }
        Ok(IntakeReport {
            folder: folder.display().to_string(),
            imported,
            duplicates: gathered.duplicates,
            problems: gathered.problems,
        })
    }
}

/// The full paths of the folder's entries, dotfiles left out, in name order. The
/// folder itself may be a Maildir (its `new/` and `cur/` are read, never `tmp/`,
/// where deliveries are still being written).
fn listing(folder: &Path) -> Result<Vec<String>, ApiError> {
    let is_real_dir = |dir: &Path| fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let (new, cur) = (folder.join("new"), folder.join("cur"));
    let dirs: Vec<PathBuf> = if is_real_dir(&new) && is_real_dir(&cur) {
        vec![new, cur]
    } else {
        vec![folder.to_path_buf()]
    };
    let mut files = Vec::new();
    for dir in dirs {
        let entries = fs::read_dir(&dir).map_err(|reason| ApiError::File {
            file: dir.clone(),
            reason,
        })?;
        for entry in entries {
            let entry = entry.map_err(|reason| ApiError::File {
                file: dir.clone(),
                reason,
            })?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // A name that is not UTF-8 cannot be remembered by its path; such a
            // file is not the mail fetchers' (they write ASCII names).
            if let Some(path) = dir.join(&name).to_str() {
                files.push(path.to_owned());
            }
        }
    }
    files.sort();
    Ok(files)
}
