//! What was notified, kept in the vault's device-local `settings` table (encrypted
//! with the vault, not synced: each device notifies its own user once).

use chrono::{DateTime, Utc};
use embargo_api::{ApiError, DueEntry, Session};

use crate::Threshold;

/// The device setting that allows case titles in notifications (`on`/`off`).
pub const SHOW_TITLES_SETTING: &str = "notify.show_titles";

fn sent_key(entry: &DueEntry, threshold: Threshold) -> String {
    format!(
        "notify.sent.{}.{}.{}",
        entry.case,
        entry.rule,
        threshold.as_str()
    )
}

/// Whether this threshold of this deadline was notified. The value is the due
/// time it was notified for, so a deadline that moves (a logged update restarts
/// the 5-day clock) is notified again.
pub fn was_sent(
    session: &Session,
    entry: &DueEntry,
    threshold: Threshold,
) -> Result<bool, ApiError> {
    Ok(session
        .device_setting(&sent_key(entry, threshold))?
        .as_deref()
        == Some(stamp(entry.due_at).as_str()))
}

/// Remember that this threshold of this deadline was notified.
pub fn mark_sent(
    session: &mut Session,
    entry: &DueEntry,
    threshold: Threshold,
) -> Result<(), ApiError> {
    session.set_device_setting(&sent_key(entry, threshold), &stamp(entry.due_at))
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

/// Whether the user allowed titles in notifications.
pub fn show_titles(session: &Session) -> Result<bool, ApiError> {
    Ok(session.device_setting(SHOW_TITLES_SETTING)?.as_deref() == Some("on"))
}

/// Allow (`true`) or forbid case titles in notifications (device-local).
pub fn set_show_titles(session: &mut Session, on: bool) -> Result<(), ApiError> {
    session.set_device_setting(SHOW_TITLES_SETTING, if on { "on" } else { "off" })
}
