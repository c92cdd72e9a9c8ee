//! Writing what the user asked for to a file, through the core's one writer
//! (`embargo_api::save_file`: owner-only, atomic, never through a link), with
//! an existing file refused unless `--force` (worded in `error_words`).

use std::path::Path;

use embargo_api::{Existing, save_file};

/// Write `contents` to `path`; an existing file is replaced only with `--force`.
pub fn write_new(path: &Path, contents: &[u8], force: bool) -> anyhow::Result<u64> {
    Ok(save_file(path, contents, Existing::replace_if(force))?)
}
