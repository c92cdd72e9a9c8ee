use std::fs::{File, OpenOptions, TryLockError};

use crate::{VaultError, VaultPaths};

/// An exclusive OS lock on the vault, released when dropped (or when the process dies).
#[derive(Debug)]
pub(crate) struct VaultLock {
    _file: File,
}

impl VaultLock {
    /// Take the lock or fail at once: a second process gets a clear error, never a
    /// half-written database.
    pub(crate) fn acquire(paths: &VaultPaths) -> Result<Self, VaultError> {
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
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(VaultError::Locked(paths.dir().to_path_buf())),
            Err(TryLockError::Error(e)) => {
                Err(VaultError::io(format!("locking {}", path.display()))(e))
            }
        }
    }
}
