//! Writing what the user asked for to a file, through the core's one writer
//! (`embargo_api::save_file`: owner-only, atomic, never through a link), with
//! the refusal worded for the command line.

use std::path::Path;

use embargo_api::{ApiError, Existing, save_file};

/// Write `contents` to `path`; an existing file is replaced only with `--force`.
pub fn write_new(path: &Path, contents: &[u8], force: bool) -> anyhow::Result<u64> {
    save_file(path, contents, Existing::replace_if(force)).map_err(|error| match error {
        ApiError::FileExists(path) => anyhow::Error::new(ApiError::Invalid(format!(
            "{} already exists; pass --force to replace it (nothing was overwritten)",
            path.display()
        ))),
        other => other.into(),
    })
}
