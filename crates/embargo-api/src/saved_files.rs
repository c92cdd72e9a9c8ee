//! Writing what a person chose to save (a draft as `.eml`, an advisory or a
//! record) to the file they picked: atomically (a temporary file beside it,
//! synced, then renamed), owner-only, and over an existing file only when they
//! said so (the save dialog asked them), so a typo never overwrites anything.

use std::io::Write as _;
use std::path::Path;

use embargo_drafts::ExportKind;

use crate::{ApiError, Session};

impl Session {
    /// Export `draft` as an RFC 5322 message into `destination`; returns the bytes written.
    pub fn save_draft_eml(
        &self,
        draft: &str,
        destination: &Path,
        replace: bool,
    ) -> Result<u64, ApiError> {
        let (_, bytes) = self.draft_eml(draft)?;
        write_file(destination, &bytes, replace)
    }

    /// Export a case's advisory or record into `destination` (refused with what the
    /// case lacks, writing nothing, unless ready); returns the bytes written.
    pub fn save_export(
        &self,
        case: &str,
        kind: ExportKind,
        destination: &Path,
        replace: bool,
    ) -> Result<u64, ApiError> {
        let export = self.export(case, kind)?;
        write_file(destination, export.text.as_bytes(), replace)
    }
}

/// Write `contents` to `path` as one whole file or not at all.
pub(crate) fn write_file(path: &Path, contents: &[u8], replace: bool) -> Result<u64, ApiError> {
    let file_error = |reason| ApiError::File {
        file: path.to_path_buf(),
        reason,
    };
    let exists = || {
        ApiError::Invalid(format!(
            "{} already exists; choose another name (nothing was overwritten)",
            path.display()
        ))
    };
    if path.as_os_str().is_empty() {
        return Err(ApiError::Invalid("give a file to save to".into()));
    }
    if !replace && path.exists() {
        return Err(exists());
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(ApiError::Invalid(format!(
            "cannot save {}: there is no folder {}",
            path.display(),
            dir.display()
        )));
    }
    // tempfile creates it owner-only (0600): a case under embargo is secret.
    let mut file = tempfile::Builder::new()
        .prefix(".embargo-")
        .tempfile_in(dir)
        .map_err(file_error)?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .map_err(file_error)?;
    let persisted = if replace {
        file.persist(path).map(|_| ())
    } else {
        // Refuses, atomically, if the file appeared in the meantime.
        file.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            file_error(e.error)
        }
    })?;
    if let Ok(dir) = std::fs::File::open(dir) {
        // Best effort: the rename is durable once the folder is synced.
        let _ = dir.sync_all();
    }
    Ok(contents.len() as u64)
}

/// `kind`'s usual file name for a case: `EMB-2026-0042-advisory.md`, `…-cve.json`.
pub fn export_file_name(case: &str, kind: ExportKind) -> String {
    match kind {
        ExportKind::Advisory => format!("{case}-advisory.md"),
        ExportKind::Cve => format!("{case}-cve.json"),
        ExportKind::Osv => format!("{case}-osv.json"),
        ExportKind::Csaf => format!("{case}-csaf.json"),
    }
}
