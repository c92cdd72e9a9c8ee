//! Saving a draft as `.eml`, or an advisory or record, to the file a person
//! picked, through the one writer in [`crate::saved_file`].

use std::path::Path;

use embargo_drafts::ExportKind;

use crate::saved_file::{Existing, save_file};
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
        save_file(destination, &bytes, Existing::replace_if(replace))
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
        save_file(
            destination,
            export.text.as_bytes(),
            Existing::replace_if(replace),
        )
    }
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
