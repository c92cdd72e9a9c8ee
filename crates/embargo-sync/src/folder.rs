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
use crate::signed::sha256_hex;

/// Folder of roster versions.
pub const ROSTER_DIR: &str = "roster";
/// Folder of device folders.
pub const DEVICES_DIR: &str = "devices";

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
/// fsync the folder. Returns the final path.
pub fn write_once(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, SyncError> {
    fs::create_dir_all(dir).map_err(SyncError::folder(dir))?;
    let target = dir.join(name);
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

/// Names in a folder (empty if it does not exist yet).
pub fn list(dir: &Path) -> Result<Vec<(String, PathBuf)>, SyncError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(SyncError::folder(dir)(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(SyncError::folder(dir))?;
        names.push((
            entry.file_name().to_string_lossy().into_owned(),
            entry.path(),
        ));
    }
    names.sort();
    Ok(names)
}
