//! Reading a roster folder (`roster/`, `v2/roster/`) within bounds: every roster file whose name matches its
//! content and whose signature holds, and a finding for every other entry, so that
//! a FIFO or a 4 GiB file named like a roster is reported instead of read.

use std::path::Path;

use crate::SyncError;
use crate::bounded::{Limit, read_regular};
use crate::folder::{self, ignore_reason, parse_roster_name};
use crate::report::Finding;
use crate::roster::RosterFile;
use crate::signed::sha256_hex;

/// What `roster/` holds.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// Roster files whose name matches their content and whose signature holds
    /// (not yet placed in a chain).
    pub files: Vec<RosterFile>,
    /// Every other entry, and why it was skipped.
    pub findings: Vec<Finding>,
}

/// Read `folder/dir`, keeping the roster files of `format`. Only a folder that
/// cannot be listed is an error.
pub(crate) fn scan(folder: &Path, dir: &str, format: u32) -> Result<Scanned, SyncError> {
    let mut scanned = Scanned::default();
    for entry in folder::entries(&folder.join(dir))? {
        let file = format!("{dir}/{}", entry.name);
        match read(&entry.name, &entry.path).and_then(|roster| {
            if roster.body.format == format {
                Ok(roster)
            } else {
                Err(format!(
                    "a roster file of format {}, in the folder of format {format}",
                    roster.body.format
                ))
            }
        }) {
            Ok(roster) => scanned.files.push(roster),
            Err(reason) => scanned.findings.push(Finding { file, reason }),
        }
    }
    Ok(scanned)
}

fn read(name: &str, path: &Path) -> Result<RosterFile, String> {
    let Some((version, hash)) = parse_roster_name(name) else {
        return Err(ignore_reason(name).into());
    };
    let bytes = read_regular(path, Limit::ROSTER).map_err(|refusal| refusal.to_string())?;
    if sha256_hex(&bytes) != hash {
        return Err(
            "content does not match its name (incomplete, damaged or renamed); retried on every sync"
                .into(),
        );
    }
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text: not a roster file")?;
    let roster = RosterFile::parse(&text)
        .ok_or("not a signed roster file (unknown format, or its signature does not hold)")?;
    if roster.body.version != version {
        return Err(format!(
            "its content says roster version {}, its name says {version}",
            roster.body.version
        ));
    }
    Ok(roster)
}

/// What is wrong with each entry of `folder/dir`, for `sync status`: roster files
/// are read on every load and never remembered as rejected, so this is told from a
/// fresh look.
pub(crate) fn findings(folder: &Path, dir: &str, format: u32) -> Vec<Finding> {
    match scan(folder, dir, format) {
        Ok(scanned) => scanned.findings,
        Err(e) => vec![Finding {
            file: dir.into(),
            reason: format!("not read: {e}"),
        }],
    }
}
