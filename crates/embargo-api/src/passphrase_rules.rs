//! What a passphrase for a new vault must be. The identity file is protected by
//! age's scrypt, which makes each guess slow, but not slow enough for "1234".

use secrecy::{ExposeSecret, SecretString};

use crate::{ApiError, Input};

/// The fewest characters a new passphrase may have (a few words is best).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Refuse a passphrase too short to protect a vault.
pub fn check_new_passphrase(passphrase: &SecretString) -> Result<(), ApiError> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ApiError::invalid(
            Input::Passphrase,
            format!(
                "the passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters (a few words is best)"
            ),
        ));
    }
    Ok(())
}

/// Refuse a new passphrase that differs from its repetition (a typo in a
/// passphrase nobody can read back would lock its owner out) or is too short.
pub fn check_new_passphrase_twice(
    passphrase: &SecretString,
    repeated: &SecretString,
) -> Result<(), ApiError> {
    if passphrase.expose_secret() != repeated.expose_secret() {
        return Err(ApiError::invalid(
            Input::Passphrase,
            "the new passphrase and its repetition differ; nothing was changed",
        ));
    }
    check_new_passphrase(passphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrases_are_refused_and_counted_in_characters_not_bytes() {
        assert!(check_new_passphrase(&SecretString::from("1234567")).is_err());
        assert!(
            check_new_passphrase(&SecretString::from("ééééééé")).is_err(),
            "7 characters, 14 bytes"
        );
        assert!(check_new_passphrase(&SecretString::from("correct horse")).is_ok());
    }
}
