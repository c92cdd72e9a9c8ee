//! Where a vault's socket lives: `$XDG_RUNTIME_DIR/embargo/` (a per-user, in-memory
//! directory the login manager makes 0700), else `<temp dir>/embargo-<uid>/` (like
//! tmux), created 0700 and refused if anyone else owns it or can enter it, because
//! on a shared /tmp another user could have made it first.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{ServeError, Sid};

/// The private directory sockets live in, created if missing (Unix; Windows has
/// no such directory: [`ServeError::Unsupported`]).
pub fn private_dir() -> Result<PathBuf, ServeError> {
    let dir = base_dir();
    ensure_private(&dir)?;
    Ok(dir)
}

fn base_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(runtime) => PathBuf::from(runtime).join("embargo"),
        None => std::env::temp_dir().join(fallback_name()),
    }
}

/// The socket of the vault in `vault_dir` if someone may be serving it: `None`
/// when there is no socket. Creates nothing (a client only looks); a directory
/// that is there but not private is [`ServeError::NotPrivate`].
#[cfg(not(windows))]
pub fn existing_socket(vault_dir: &Path) -> Result<Option<PathBuf>, ServeError> {
    let dir = base_dir();
    if std::fs::symlink_metadata(&dir).is_err() {
        return Ok(None);
    }
    ensure_private(&dir)?;
    let path = socket_path_in(&dir, vault_dir);
    Ok(std::fs::symlink_metadata(&path).is_ok().then_some(path))
}

#[cfg(unix)]
fn fallback_name() -> String {
    format!("embargo-{}", crate::peer::own_uid())
}

#[cfg(not(unix))]
fn fallback_name() -> String {
    "embargo".to_owned()
}

/// On Windows, the vault's pipe: whether anyone serves it shows when connecting.
#[cfg(windows)]
pub fn existing_socket(vault_dir: &Path) -> Result<Option<PathBuf>, ServeError> {
    socket_path(vault_dir).map(Some)
}

/// The socket of the vault in `vault_dir` (one per vault, so the demo vault and
/// a `--vault` elsewhere never answer for the person's own).
#[cfg(not(windows))]
pub fn socket_path(vault_dir: &Path) -> Result<PathBuf, ServeError> {
    Ok(socket_path_in(&private_dir()?, vault_dir))
}

/// On Windows, the vault's named pipe for the account this process runs as.
#[cfg(windows)]
pub fn socket_path(vault_dir: &Path) -> Result<PathBuf, ServeError> {
    Ok(pipe_name(&crate::pipe::own_account()?, vault_dir))
}

/// The socket of the vault in `vault_dir` inside `dir`.
pub fn socket_path_in(dir: &Path, vault_dir: &Path) -> PathBuf {
    // Short: a socket path must fit in 108 bytes.
    dir.join(format!("vault-{}.sock", vault_digest(vault_dir)))
}

/// The named pipe of the vault in `vault_dir` for `account`. Pipe names are one
/// namespace for every user of the machine and anyone may list them, so the
/// name says neither whose nor which vault (both digested); what keeps others
/// out is the pipe's DACL and the peer checks, not the name.
pub fn pipe_name(account: &Sid, vault_dir: &Path) -> PathBuf {
    let account = &hex::encode(Sha256::digest(account.to_sddl().as_bytes()))[..16];
    PathBuf::from(format!(
        r"\\.\pipe\embargo-{account}-{}",
        vault_digest(vault_dir)
    ))
}

/// 16 hex digits naming the vault in `vault_dir` (its canonical path).
fn vault_digest(vault_dir: &Path) -> String {
    let canonical = std::fs::canonicalize(vault_dir).unwrap_or_else(|_| vault_dir.to_path_buf());
    let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
    hex::encode(digest)[..16].to_owned()
}

#[cfg(unix)]
fn ensure_private(dir: &Path) -> Result<(), ServeError> {
    use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _};
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e.into()),
    }
    // symlink_metadata: a link planted in the dir's place is not followed.
    let meta = std::fs::symlink_metadata(dir)?;
    let private = meta.file_type().is_dir()
        && meta.uid() == crate::peer::own_uid()
        && meta.mode() & 0o077 == 0;
    if private {
        Ok(())
    } else {
        Err(ServeError::NotPrivate(dir.to_path_buf()))
    }
}

#[cfg(not(unix))]
fn ensure_private(_dir: &Path) -> Result<(), ServeError> {
    Err(ServeError::Unsupported)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;

    #[test]
    fn a_directory_others_can_enter_is_refused() {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().join("embargo");
        ensure_private(&dir).expect("created private");
        assert_eq!(
            std::fs::metadata(&dir).expect("made").permissions().mode() & 0o777,
            0o700
        );
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert!(matches!(
            ensure_private(&dir),
            Err(ServeError::NotPrivate(_))
        ));
    }

    #[test]
    fn a_symbolic_link_in_place_of_the_directory_is_refused() {
        let temp = tempfile::tempdir().expect("temp dir");
        let elsewhere = temp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).expect("dir");
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        let dir = temp.path().join("embargo");
        std::os::unix::fs::symlink(&elsewhere, &dir).expect("link");
        assert!(matches!(
            ensure_private(&dir),
            Err(ServeError::NotPrivate(_))
        ));
    }

    #[test]
    fn each_vault_and_account_has_its_own_pipe() {
        let me =
            Sid::from_bytes(vec![1, 2, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 233, 3, 0, 0]).expect("sid");
        let other =
            Sid::from_bytes(vec![1, 2, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 234, 3, 0, 0]).expect("sid");
        let vault = Path::new("/home/a/vault");
        let pipe = pipe_name(&me, vault);
        let text = pipe.to_str().expect("ascii");
        assert!(text.starts_with(r"\\.\pipe\embargo-"), "{text}");
        assert_eq!(text.len(), r"\\.\pipe\embargo-".len() + 16 + 1 + 16);
        assert!(!text.contains("S-1-5"), "the account is not spelled out");
        assert_ne!(pipe, pipe_name(&other, vault));
        assert_ne!(pipe, pipe_name(&me, Path::new("/home/a/vault-demo")));
        assert_eq!(pipe, pipe_name(&me, vault), "stable");
    }

    #[test]
    fn each_vault_has_its_own_socket() {
        let base = Path::new("/run/user/1000/embargo");
        let a = socket_path_in(base, Path::new("/home/a/vault"));
        let b = socket_path_in(base, Path::new("/home/a/vault-demo"));
        assert_ne!(a, b);
        assert!(a.as_os_str().len() < 108, "fits in sun_path");
    }
}
