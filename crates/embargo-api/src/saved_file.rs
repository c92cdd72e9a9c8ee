//! The one writer of every file Embargo writes outside the vault (attachments,
//! `.eml` drafts, advisories and records), used by the command line and the
//! desktop shell alike, so every such file follows the same rules:
//!
//! - owner-only: the temporary file is created 0600 and renamed into place, so
//!   the embargoed content is never readable by others, not even for a moment;
//! - atomic: a temporary file in the destination's folder, synced, renamed, and
//!   the folder synced: a crash leaves the old file or the new one, never half;
//! - never through a symbolic link: a link at the destination (dangling or not)
//!   is refused, so a planted link cannot redirect a proof of concept; the
//!   rename itself never follows a link that appears after the check;
//! - never over an existing file unless the person asked to replace it
//!   (`--force`, or the save dialog's "Replace"); without that, the final rename
//!   refuses atomically if a file appeared in the meantime.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::{ApiError, Input};

/// Whether a save may replace a file already at its destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, leaving the existing file as it was.
    Keep,
    /// The person asked to replace it.
    Replace,
}

impl Existing {
    /// `Replace` when `replace` is true.
    pub fn replace_if(replace: bool) -> Self {
        if replace { Self::Replace } else { Self::Keep }
    }
}

/// Write `contents` to `path` as one whole owner-only file, or not at all;
/// returns the bytes written.
pub fn save_file(path: &Path, contents: &[u8], existing: Existing) -> Result<u64, ApiError> {
    if path.as_os_str().is_empty() {
        return Err(ApiError::invalid(Input::File, "give a file to save to"));
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(ApiError::invalid(
                Input::File,
                format!(
                    "{} is a symbolic link; Embargo never writes through one (nothing was written)",
                    path.display()
                ),
            ));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(ApiError::invalid(
                Input::File,
                format!(
                    "{} is a folder; give a file name (nothing was written)",
                    path.display()
                ),
            ));
        }
        Ok(_) if existing == Existing::Keep => {
            return Err(ApiError::FileExists(path.to_path_buf()));
        }
        _ => {}
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(ApiError::invalid(
            Input::File,
            format!(
                "cannot save {}: there is no folder {}",
                path.display(),
                dir.display()
            ),
        ));
    }
    let file_error = |reason| ApiError::File {
        file: path.to_path_buf(),
        reason,
    };
    // tempfile creates it with O_EXCL and mode 0600, in the destination's folder
    // so the rename stays on one file system.
    let mut file = tempfile::Builder::new()
        .prefix(".embargo-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(file_error)?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .map_err(file_error)?;
    let persisted = match existing {
        // rename(2) replaces a link planted since the check; it never follows it.
        Existing::Replace => file.persist(path).map(drop),
        // link(2)-then-unlink: refuses if anything appeared there meanwhile.
        Existing::Keep => file.persist_noclobber(path).map(drop),
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            ApiError::FileExists(path.to_path_buf())
        } else {
            file_error(e.error)
        }
    })?;
    // The rename is durable once the folder is synced; a failure here leaves
    // the file written, so it is not worth failing the save for.
    if let Ok(folder) = std::fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(contents.len() as u64)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{PermissionsExt as _, symlink};

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".embargo-"))
            .collect()
    }

    #[test]
    fn a_new_file_is_owner_only_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("poc.py");
        assert_eq!(
            save_file(&path, b"secret", Existing::Keep).expect("save"),
            6
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"secret");
        assert_eq!(mode(&path), 0o600, "embargoed content must be owner-only");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing_and_a_replacement_is_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("advisory.md");
        std::fs::write(&path, b"precious").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let refused = save_file(&path, b"new", Existing::Keep).expect_err("kept");
        assert!(matches!(refused, ApiError::FileExists(_)), "{refused}");
        assert_eq!(std::fs::read(&path).expect("read"), b"precious");

        save_file(&path, b"new", Existing::Replace).expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        assert_eq!(
            mode(&path),
            0o600,
            "a replaced world-readable file becomes owner-only"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_symbolic_link_is_never_written_through_dangling_or_not_even_when_replacing() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("elsewhere");
        let dangling = dir.path().join("dangling");
        symlink(&target, &dangling).expect("link");
        let existing_target = dir.path().join("shown");
        std::fs::write(&existing_target, b"keep me").expect("write");
        let live = dir.path().join("live");
        symlink(&existing_target, &live).expect("link");
        for link in [&dangling, &live] {
            for existing in [Existing::Keep, Existing::Replace] {
                let refused = save_file(link, b"poc", existing).expect_err("a link");
                assert!(refused.to_string().contains("symbolic link"), "{refused}");
            }
        }
        assert!(
            !target.exists(),
            "nothing may land where the dangling link points"
        );
        assert_eq!(std::fs::read(&existing_target).expect("read"), b"keep me");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_or_a_missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("dir");
        let refused = save_file(dir.path(), b"x", Existing::Replace).expect_err("a folder");
        assert!(refused.to_string().contains("is a folder"), "{refused}");
        let missing = dir.path().join("no/such/place.eml");
        let refused = save_file(&missing, b"x", Existing::Keep).expect_err("no folder");
        assert!(
            refused.to_string().contains("there is no folder"),
            "{refused}"
        );
        let refused = save_file(Path::new(""), b"x", Existing::Keep).expect_err("empty");
        assert!(refused.to_string().contains("give a file"), "{refused}");
    }
}
