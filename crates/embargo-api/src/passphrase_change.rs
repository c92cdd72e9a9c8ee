//! Changing the vault's passphrase, for every front end: the CLI's
//! `passphrase change` and the desktop app's Settings both come here, so the
//! rules and the refusals are the same.

use secrecy::SecretString;

use crate::{ApiError, Session, check_new_passphrase_twice};

/// What a person gives to change the passphrase: the current one, and the new
/// one twice (a typo in a passphrase nobody can read back would lock them out).
pub struct PassphraseChange {
    /// The passphrase the vault opens with now.
    pub current: SecretString,
    /// The new passphrase.
    pub new: SecretString,
    /// The new passphrase again.
    pub repeated: SecretString,
}

impl std::fmt::Debug for PassphraseChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PassphraseChange(<redacted>)")
    }
}

impl PassphraseChange {
    /// Refuse a new passphrase that differs from its repetition or is too weak,
    /// without touching the vault (a front end may ask before it opens one).
    pub fn check_new(&self) -> Result<(), ApiError> {
        check_new_passphrase_twice(&self.new, &self.repeated)
    }
}

impl Session {
    /// Re-encrypt the vault's keys under a new passphrase, after checking the new
    /// one ([`PassphraseChange::check_new`]) and then the current one (a wrong
    /// current passphrase is [`ErrorCode::WrongPassphrase`](crate::ErrorCode)).
    /// Refused, nothing changes. Done, this session stays open (its keys and the
    /// database are untouched); the next unlock takes the new passphrase.
    pub fn change_passphrase(&self, change: &PassphraseChange) -> Result<(), ApiError> {
        change.check_new()?;
        Ok(self
            .vault()
            .change_passphrase(&change.current, &change.new)?)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::test_session::fixed_time_session;
    use crate::{ErrorCode, SystemClock};

    const CURRENT: &str = "a long enough passphrase";
    const NEW: &str = "another long passphrase";

    fn change(current: &str, new: &str, repeated: &str) -> PassphraseChange {
        PassphraseChange {
            current: SecretString::from(current),
            new: SecretString::from(new),
            repeated: SecretString::from(repeated),
        }
    }

    fn keys(dir: &std::path::Path) -> Vec<u8> {
        std::fs::read(dir.join("keys.age")).expect("key file")
    }

    #[test]
    fn each_refusal_says_why_and_changes_nothing_then_the_change_keeps_the_session() {
        let home = tempfile::tempdir().expect("temp dir");
        let dir = home.path().join("vault");
        let session = fixed_time_session(&dir, "Ana Ruiz", "ana@example.org");
        let before = keys(&dir);
        let refusals = [
            (
                change("not it at all", NEW, NEW),
                ErrorCode::WrongPassphrase,
                "wrong passphrase",
            ),
            (
                change(CURRENT, "tiny", "tiny"),
                ErrorCode::InvalidInput,
                "too short",
            ),
            (
                change(CURRENT, NEW, "another long passphrasE"),
                ErrorCode::InvalidInput,
                "differ",
            ),
        ];
        for (attempt, code, says) in refusals {
            let error = session.change_passphrase(&attempt).expect_err(says);
            assert_eq!(error.code(), code, "{error}");
            assert!(error.to_string().contains(says), "{error}");
            for secret in ["not it at all", NEW, "tiny"] {
                assert!(!error.to_string().contains(secret), "echoed: {error}");
            }
            assert_eq!(keys(&dir), before, "{says}: the key file is untouched");
        }

        session
            .change_passphrase(&change(CURRENT, NEW, NEW))
            .expect("change");
        assert_ne!(keys(&dir), before);
        assert_eq!(
            session.list(None).expect("the session is still open").len(),
            0
        );
        drop(session);
        let old = Session::open(&dir, &SecretString::from(CURRENT), Arc::new(SystemClock))
            .expect_err("the old passphrase no longer opens it");
        assert_eq!(old.code(), ErrorCode::WrongPassphrase);
        Session::open(&dir, &SecretString::from(NEW), Arc::new(SystemClock))
            .expect("the new passphrase opens it");
    }
}
