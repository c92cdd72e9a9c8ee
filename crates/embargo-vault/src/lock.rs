use std::fs::{File, OpenOptions, TryLockError};

use crate::{VaultError, VaultPaths};

/// An exclusive OS lock on the vault, released when dropped (or when the process dies).
///
/// On Unix the lock is held on the vault's folder itself: a lock on a file in it
/// is lost as soon as someone deletes or replaces that file (the next process
/// locks the new file and writes beside us), while the folder cannot be deleted
/// as long as it holds the vault, and renaming it away takes our open database
/// with it. `vault.lock` is locked as well, for the Embargo versions that know
/// only that file.
#[derive(Debug)]
pub(crate) struct VaultLock {
    #[cfg(unix)]
    _folder: File,
    _file: File,
}

impl VaultLock {
    /// Take the lock or fail at once: a second process gets a clear error, never a
    /// half-written database.
    pub(crate) fn acquire(paths: &VaultPaths) -> Result<Self, VaultError> {
        #[cfg(unix)]
        let folder = {
            let dir = paths.dir();
            let folder =
                File::open(dir).map_err(VaultError::io(format!("opening {}", dir.display())))?;
            try_lock(&folder, paths, &dir.display().to_string())?;
            folder
        };
        let path = paths.lock();
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(&path)
            .map_err(VaultError::io(format!("opening {}", path.display())))?;
        try_lock(&file, paths, &path.display().to_string())?;
        Ok(Self {
            #[cfg(unix)]
            _folder: folder,
            _file: file,
        })
    }
}

fn try_lock(file: &File, paths: &VaultPaths, what: &str) -> Result<(), VaultError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(VaultError::Locked(paths.dir().to_path_buf())),
        Err(TryLockError::Error(e)) => Err(VaultError::io(format!("locking {what}"))(e)),
    }
}
