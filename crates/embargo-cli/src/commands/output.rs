//! Writing what the user asked for to a file: never over an existing file unless
//! `--force`, and atomically (a temporary file beside it, synced, then renamed),
//! so a crash leaves the old file or the new one, never half of one.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

pub fn write_new(path: &Path, contents: &[u8], force: bool) -> anyhow::Result<()> {
    if !force && path.exists() {
        bail!(
            "{} already exists; pass --force to replace it",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: no directory {}",
            path.display(),
            dir.display()
        );
    }
    // Created owner-only (0600): exports of a case still under embargo are secret.
    let mut file = tempfile::Builder::new()
        .prefix(".embargo-")
        .tempfile_in(dir)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    let persisted = if force {
        file.persist(path).map(|_| ())
    } else {
        // Refuses (atomically) if the file appeared in the meantime.
        file.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; pass --force to replace it",
                path.display()
            )
        } else {
            anyhow::anyhow!("writing {}: {}", path.display(), e.error)
        }
    })?;
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
