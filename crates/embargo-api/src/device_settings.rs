//! Settings of this device only (not synced): kept in the vault's `settings` table.

use crate::{ApiError, Input, Session};

const IDLE_LOCK_KEY: &str = "desk.idle_lock_minutes";

/// Idle minutes before the desktop app locks the vault, unless set otherwise.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// The shortest and longest idle lock a person may choose.
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=480;

impl Session {
    /// Minutes of inactivity after which the desktop app locks the vault.
    pub fn idle_lock_minutes(&self) -> Result<u32, ApiError> {
        Ok(self
            .vault()
            .setting(IDLE_LOCK_KEY)?
            .and_then(|text| text.parse().ok())
            .filter(|minutes| IDLE_LOCK_RANGE.contains(minutes))
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    /// Change the idle lock; refused outside [`IDLE_LOCK_RANGE`].
    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<(), ApiError> {
        if !IDLE_LOCK_RANGE.contains(&minutes) {
            return Err(ApiError::invalid(
                Input::IdleLock,
                format!(
                    "the idle lock must be between {} and {} minutes, not {minutes}",
                    IDLE_LOCK_RANGE.start(),
                    IDLE_LOCK_RANGE.end()
                ),
            ));
        }
        Ok(self
            .settings_mut()
            .set_setting(IDLE_LOCK_KEY, &minutes.to_string())?)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;
    use embargo_domain::FixedClock;
    use secrecy::SecretString;

    use super::*;

    #[test]
    fn idle_lock_defaults_is_remembered_and_refuses_nonsense() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
            .single()
            .expect("instant");
        let passphrase = SecretString::from("a long enough passphrase");
        let clock = Arc::new(FixedClock::new(now));
        let mut session = Session::create(
            dir.path(),
            "Ana Ruiz",
            "ana@example.org",
            &passphrase,
            clock.clone(),
        )
        .expect("create");
        assert_eq!(
            session.idle_lock_minutes().expect("read"),
            DEFAULT_IDLE_LOCK_MINUTES
        );
        session.set_idle_lock_minutes(3).expect("set");
        let err = session
            .set_idle_lock_minutes(0)
            .expect_err("zero minutes would lock at once");
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        drop(session);
        let session = Session::open(dir.path(), &passphrase, clock).expect("reopen");
        assert_eq!(
            session.idle_lock_minutes().expect("read"),
            3,
            "kept across unlocks"
        );
    }
}
