//! Settings of this device only (not synced): kept in the vault's `settings` table.
//! [`DeviceSetting`] is the one owner of their keys: the api, the notifier and the
//! front ends name a setting, never a key string.

use embargo_domain::CaseId;

use crate::{ApiError, Input, Session};

/// A device-local setting (encrypted with the vault, not synced).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeviceSetting<'a> {
    /// Idle minutes before the desktop app locks the vault.
    IdleLockMinutes,
    /// Whether notifications may show case titles (`on`/`off`).
    ShowTitles,
    /// Until when a deadline's notifications are snoozed (RFC 3339).
    Snooze {
        /// The case.
        case: CaseId,
        /// The policy rule id.
        rule: &'a str,
    },
    /// The intake folder of this device (an absolute path).
    IntakeFolder,
    /// What the intake did with a file of its folder (its full path): the size
    /// and modification time it had, and the verdict (JSON).
    IntakeFile {
        /// The file's full path.
        path: &'a str,
    },
    /// What the intake did with a file's content, by its SHA-256 (JSON), so a
    /// copy under another name is not imported again.
    IntakeContent {
        /// Lower-case hex SHA-256 of the file's bytes.
        sha256: &'a str,
    },
    /// For which due time a deadline's threshold was notified (RFC 3339).
    Notified {
        /// The case.
        case: CaseId,
        /// The policy rule id.
        rule: &'a str,
        /// The threshold's name (`soon`, `due`, `overdue`, …).
        threshold: &'a str,
    },
}

impl DeviceSetting<'_> {
    /// The key in the `settings` table (stable: vaults on disk hold these).
    pub(crate) fn key(&self) -> String {
        match self {
            DeviceSetting::IdleLockMinutes => "desk.idle_lock_minutes".to_owned(),
            DeviceSetting::ShowTitles => "notify.show_titles".to_owned(),
            DeviceSetting::IntakeFolder => "intake.folder".to_owned(),
            DeviceSetting::IntakeFile { path } => format!("{INTAKE_FILE_PREFIX}{path}"),
            DeviceSetting::IntakeContent { sha256 } => format!("intake.content.{sha256}"),
            DeviceSetting::Snooze { case, rule } => format!("notify.snooze.{case}.{rule}"),
            DeviceSetting::Notified {
                case,
                rule,
                threshold,
            } => format!("notify.sent.{case}.{rule}.{threshold}"),
        }
    }
}

/// The start of every [`DeviceSetting::IntakeFile`] key; the rest is the path.
pub(crate) const INTAKE_FILE_PREFIX: &str = "intake.file.";

/// Idle minutes before the desktop app locks the vault, unless set otherwise.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// The shortest and longest idle lock a person may choose.
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=480;

impl Session {
    /// Minutes of inactivity after which the desktop app locks the vault.
    pub fn idle_lock_minutes(&self) -> Result<u32, ApiError> {
        Ok(self
            .vault()
            .setting(&DeviceSetting::IdleLockMinutes.key())?
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
        self.set_device_setting(DeviceSetting::IdleLockMinutes, &minutes.to_string())
    }

    /// Whether notifications may show case titles (off unless the person allowed it).
    pub fn show_titles(&self) -> Result<bool, ApiError> {
        Ok(self.device_setting(DeviceSetting::ShowTitles)?.as_deref() == Some("on"))
    }

    /// Allow (`true`) or forbid case titles in notifications.
    pub fn set_show_titles(&mut self, on: bool) -> Result<(), ApiError> {
        self.set_device_setting(DeviceSetting::ShowTitles, if on { "on" } else { "off" })
    }

    /// A device-local setting's stored text, if it was ever set.
    pub fn device_setting(&self, setting: DeviceSetting<'_>) -> Result<Option<String>, ApiError> {
        Ok(self.vault().setting(&setting.key())?)
    }

    /// Store a device-local setting.
    pub fn set_device_setting(
        &mut self,
        setting: DeviceSetting<'_>,
        value: &str,
    ) -> Result<(), ApiError> {
        Ok(self.settings_mut().set_setting(&setting.key(), value)?)
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
