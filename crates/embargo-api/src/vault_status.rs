//! What the desktop app shows before a vault is unlocked: whether there is a vault,
//! whose it is and whether it is the demo. Reads only public, plaintext files.

use std::path::{Path, PathBuf};

use embargo_vault::{PublicIdentity, VaultPaths};
use serde::Serialize;

use crate::ApiError;

/// The file that marks a vault built by [`crate::build_demo`]. Its presence lets the
/// unlock screen show the demo passphrase; a real vault never has it.
pub const DEMO_MARKER: &str = "demo-vault";

/// A vault directory as seen from outside, without its passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VaultStatus {
    /// The directory.
    pub dir: String,
    /// Whether a vault is there.
    pub exists: bool,
    /// Whether it is a demo vault (its passphrase is public).
    pub demo: bool,
    /// The owner's name from the public identity, when there is a vault.
    pub owner: Option<String>,
}

/// The vault directory used when neither `--vault` nor `$EMBARGO_VAULT` says
/// otherwise: `vault/` in the platform's data directory. `None` without a home.
pub fn default_vault_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Embargo", "embargo")
        .map(|dirs| dirs.data_dir().join("vault"))
}

/// Look at `dir` without unlocking it. A missing vault is not an error; a damaged
/// identity file or one from a newer Embargo is.
pub fn vault_status(dir: &Path) -> Result<VaultStatus, ApiError> {
    let paths = VaultPaths::new(dir);
    let exists = [paths.identity(), paths.keys(), paths.database()]
        .iter()
        .any(|p| p.exists());
    let owner = if exists {
        Some(PublicIdentity::read(&paths)?.name)
    } else {
        None
    };
    Ok(VaultStatus {
        dir: dir.display().to_string(),
        exists,
        demo: exists && dir.join(DEMO_MARKER).is_file(),
        owner,
    })
}

/// Mark `dir` as holding a demo vault.
pub(crate) fn mark_demo(dir: &Path) -> Result<(), ApiError> {
    let file = dir.join(DEMO_MARKER);
    std::fs::write(
        &file,
        "This is Embargo's demo vault; its passphrase is public.\n",
    )
    .map_err(|reason| ApiError::File { file, reason })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;
    use embargo_domain::FixedClock;
    use secrecy::SecretString;

    use super::*;
    use crate::{Session, build_demo};

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc
            .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
            .single()
            .expect("valid instant")
    }

    #[test]
    fn an_empty_directory_has_no_vault_and_no_owner() {
        let dir = tempfile::tempdir().expect("temp dir");
        let status = vault_status(&dir.path().join("nothing-here")).expect("status");
        assert!(
            !status.exists && !status.demo && status.owner.is_none(),
            "{status:?}"
        );
    }

    #[test]
    fn a_real_vault_shows_its_owner_and_is_not_a_demo() {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = SecretString::from("a long enough passphrase");
        let clock = Arc::new(FixedClock::new(now()));
        drop(
            Session::create(
                dir.path(),
                "Ana Ruiz",
                "ana@example.org",
                &passphrase,
                clock,
            )
            .expect("create"),
        );
        let status = vault_status(dir.path()).expect("status");
        assert_eq!(status.owner.as_deref(), Some("Ana Ruiz"));
        assert!(status.exists && !status.demo, "{status:?}");
    }

    #[test]
    fn a_demo_vault_is_marked_as_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        build_demo(
            dir.path(),
            &SecretString::from(crate::DEMO_PASSPHRASE),
            now(),
        )
        .expect("demo");
        let status = vault_status(dir.path()).expect("status");
        assert!(status.demo, "build_demo must leave the marker: {status:?}");
        assert_eq!(status.owner.as_deref(), Some("Dana Whitfield"));
    }

    #[test]
    fn a_damaged_identity_file_is_an_error_not_a_missing_vault() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("identity.json"), "{not json").expect("write");
        let err = vault_status(dir.path()).expect_err("damaged");
        assert_eq!(err.code(), crate::ErrorCode::VaultDamaged, "{err}");
    }
}
