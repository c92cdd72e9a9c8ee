//! The shared folder's layout and strict names, and the write-once file protocol.
//!
//! ```text
//! DIR/roster/<version:06>-<sha256:64>.roster
//! DIR/devices/<key digest:32>-<device uuid>/<seq:012>-<sha256:64>.seg
//! ```

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::SyncError;
use crate::bounded::FileKind;
use crate::signed::sha256_hex;

#[cfg(test)]
mod tests;

/// Folder of roster versions.
pub const ROSTER_DIR: &str = "roster";
/// Folder of device folders.
pub const DEVICES_DIR: &str = "devices";

/// The most entries read from one folder of the team folder; past it, listing
/// stops with an error instead of holding millions of names in memory (about 300
/// bytes each). A device writes one segment per sync pass that has changes of its
/// own: the app passes every 30 seconds, so a device busy all working day writes up
/// to ~1,000 a day, and this is years of that.
pub const MAX_FOLDER_ENTRIES: usize = 1_000_000;

/// Why an entry of `devices/` is skipped instead of read as a device folder.
pub const SYMLINKED_FOLDER: &str = "a symbolic link; only real folders are read";

/// A strictly named segment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentName {
    /// Sequence number from the name.
    pub seq: u64,
    /// Content hash from the name.
    pub hash: String,
}

impl SegmentName {
    /// The file name.
    pub fn file_name(&self) -> String {
        format!("{:012}-{}.seg", self.seq, self.hash)
    }

    /// Parse a strict segment name, or `None`.
    pub fn parse(name: &str) -> Option<Self> {
        let (seq, hash) = split_numbered(name, 12, ".seg")?;
        (seq > 0).then_some(Self { seq, hash })
    }
}

/// Parse a strict roster file name: version and content hash.
pub fn parse_roster_name(name: &str) -> Option<(u64, String)> {
    split_numbered(name, 6, ".roster")
}

/// The roster file name for `text`.
pub fn roster_name(version: u64, text: &[u8]) -> String {
    format!("{version:06}-{}.roster", sha256_hex(text))
}

fn split_numbered(name: &str, digits: usize, suffix: &str) -> Option<(u64, String)> {
    let stem = name.strip_suffix(suffix)?;
    let (number, hash) = stem.split_once('-')?;
    if number.len() != digits
        || !number.bytes().all(|b| b.is_ascii_digit())
        || hash.len() != 64
        || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return None;
    }
    Some((number.parse().ok()?, hash.to_owned()))
}

/// The device folder name of a member's device: `<first 32 hex of SHA-256(key)>-<uuid>`.
pub fn device_dir_name(signing_key_hex: &str, device: &str) -> String {
    format!(
        "{}-{device}",
        &crate::identity::key_digest(signing_key_hex)[..32]
    )
}

/// Parse a strict device folder name: (key digest prefix, device uuid).
pub fn parse_device_dir(name: &str) -> Option<(String, String)> {
    let (digest, device) = name.split_at_checked(32)?;
    let device = device.strip_prefix('-')?;
    let uuid: uuid::Uuid = device.parse().ok()?;
    let canonical = uuid.hyphenated().to_string();
    (digest
        .bytes()
        .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && canonical == device)
        .then(|| (digest.to_owned(), canonical))
}

/// Why a name that is not ours is skipped (file-sync tools' leftovers first).
pub fn ignore_reason(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    if lower.contains(".sync-conflict-") {
        "a Syncthing conflict copy; ignored (devices never write the same file)"
    } else if lower.contains("conflicted copy") {
        "a conflicted copy made by the sync tool; ignored"
    } else if lower.starts_with(".syncthing.") || lower.starts_with("~syncthing~") {
        "a file the sync tool is still downloading; ignored"
    } else if lower == ".ds_store" || lower == "thumbs.db" || lower == "desktop.ini" {
        "an operating-system file; ignored"
    } else if lower.starts_with(".tmp-") {
        "an unfinished write (temporary name); ignored"
    } else if lower.ends_with(".part")
        || lower.ends_with(".partial")
        || lower.ends_with(".crdownload")
    {
        "a partial download; ignored"
    } else {
        "name does not match the sync format; ignored"
    }
}

/// Write `bytes` to `dir/name` once: unique temporary name in the same folder,
/// write, fsync, rename to the fresh final name (never over an existing file),
/// fsync the folder. Returns the final path. Refuses to write through a symbolic
/// link (`dir`, or the `devices` folder holding it): whoever can write to the
/// shared folder could otherwise point this device's writes anywhere on the machine.
pub fn write_once(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, SyncError> {
    crate::offload::touch(dir);
    if let Some(devices) = dir
        .parent()
        .filter(|parent| parent.file_name() == Some(DEVICES_DIR.as_ref()))
    {
        refuse_symlinked(devices)?;
    }
    refuse_symlinked(dir)?;
    fs::create_dir_all(dir).map_err(SyncError::folder(dir))?;
    // Again: it may have been created (as a link) by someone else in between.
    refuse_symlinked(dir)?;
    let target = dir.join(name);
    crate::offload::touch(&target);
    if target.exists() {
        // Names carry the content hash: the same name means the same bytes.
        return Ok(target);
    }
    let tmp = dir.join(format!(".tmp-{}", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if target.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "refusing to overwrite",
            ));
        }
        // A pass that stopped waiting for this write (the app locked, the share
        // stalled) must not find it done behind its back.
        if crate::offload::abandoned() {
            return Err(std::io::Error::other(
                "the sync pass stopped waiting for this write",
            ));
        }
        fs::rename(&tmp, &target)?;
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.map_err(SyncError::folder(&target))?;
    Ok(target)
}

/// An error if `dir` is a symbolic link (a missing `dir` is fine: it is created).
fn refuse_symlinked(dir: &Path) -> Result<(), SyncError> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => Err(SyncError::Folder {
            path: dir.to_path_buf(),
            reason: std::io::Error::other("a symbolic link; Embargo writes only into real folders"),
        }),
        _ => Ok(()),
    }
}

/// One entry of a folder, with its kind as the folder records it (a symbolic link
/// is a symbolic link, whatever it points to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// File name (lossy UTF-8; strict names are ASCII).
    pub name: String,
    /// Full path.
    pub path: PathBuf,
    /// What it is, never following a link.
    pub kind: FileKind,
}

/// The entries of a folder, sorted by name (empty if it does not exist yet). Kinds
/// come from `DirEntry::file_type`, which never follows a link. Refuses a `dir`
/// that is itself a symbolic link, and a folder of more than
/// [`MAX_FOLDER_ENTRIES`] entries.
pub fn entries(dir: &Path) -> Result<Vec<Entry>, SyncError> {
    entries_at_most(dir, MAX_FOLDER_ENTRIES)
}

fn entries_at_most(dir: &Path, max: usize) -> Result<Vec<Entry>, SyncError> {
    crate::offload::touch(dir);
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(SyncError::folder(dir)(e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(SyncError::Folder {
                path: dir.to_path_buf(),
                reason: std::io::Error::other(SYMLINKED_FOLDER),
            });
        }
        Ok(_) => {}
    }
    let listing = fs::read_dir(dir).map_err(SyncError::folder(dir))?;
    let mut entries = Vec::new();
    for entry in listing {
        if entries.len() == max {
            return Err(SyncError::Folder {
                path: dir.to_path_buf(),
                reason: std::io::Error::other(format!(
                    "holds more than {max} entries; not read, so that a flooded folder cannot fill memory"
                )),
            });
        }
        let entry = entry.map_err(SyncError::folder(dir))?;
        crate::offload::beat();
        // An entry whose type cannot be told is never read as a file or folder.
        let kind = entry.file_type().map_or(FileKind::Unknown, FileKind::of);
        entries.push(Entry {
            name: entry.file_name().to_string_lossy().into_owned(),
            path: entry.path(),
            kind,
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Whether `path` is a folder (following a link: the team folder may be one).
pub(crate) fn is_dir(path: &Path) -> bool {
    crate::offload::touch(path);
    path.is_dir()
}

/// Length and modification time, without following a symlink; zeros if unknown.
pub(crate) fn stamp_of(path: &Path) -> (u64, i128) {
    crate::offload::touch(path);
    fs::symlink_metadata(path).map_or((0, 0), |m| {
        let modified = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        (m.len(), modified)
    })
}

/// Names in a folder (empty if it does not exist yet), bounded like [`entries`].
/// Says nothing of what each entry is: use [`entries`] to tell folders from links.
pub fn list(dir: &Path) -> Result<Vec<(String, PathBuf)>, SyncError> {
    Ok(entries(dir)?
        .into_iter()
        .map(|entry| (entry.name, entry.path))
        .collect())
}

/// Why an entry of `devices/` is skipped rather than read as a device folder
/// (for entries that are not real folders with a strict device folder name).
pub fn device_dir_ignore_reason(entry: &Entry) -> String {
    if parse_device_dir(&entry.name).is_none() {
        return ignore_reason(&entry.name).into();
    }
    match entry.kind {
        FileKind::SymbolicLink => SYMLINKED_FOLDER.into(),
        kind => format!(
            "{}, not a folder; only real folders are read",
            kind.describe()
        ),
    }
}
