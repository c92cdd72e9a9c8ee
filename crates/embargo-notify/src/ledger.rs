//! What was notified, kept in the vault's device-local `settings` table (encrypted
//! with the vault, not synced: each device notifies its own user once).

use chrono::{DateTime, Utc};
use embargo_api::{ApiError, DeviceSetting, DueEntry, Session};

use crate::Threshold;

fn sent(entry: &DueEntry, threshold: Threshold) -> DeviceSetting<'_> {
    DeviceSetting::Notified {
        case: entry.case,
        rule: &entry.rule,
        threshold: threshold.as_str(),
    }
}

/// Whether this threshold of this deadline was notified. The value is the due
/// time it was notified for, so a deadline that moves (a logged update restarts
/// the 5-day clock) is notified again.
pub fn was_sent(
    session: &Session,
    entry: &DueEntry,
    threshold: Threshold,
) -> Result<bool, ApiError> {
    Ok(session.device_setting(sent(entry, threshold))?.as_deref()
        == Some(stamp(entry.due_at).as_str()))
}

/// Remember that this threshold of this deadline was notified.
pub fn mark_sent(
    session: &mut Session,
    entry: &DueEntry,
    threshold: Threshold,
) -> Result<(), ApiError> {
    session.set_device_setting(sent(entry, threshold), &stamp(entry.due_at))
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

/// Whether the user allowed titles in notifications.
pub fn show_titles(session: &Session) -> Result<bool, ApiError> {
    session.show_titles()
}

/// Allow (`true`) or forbid case titles in notifications (device-local).
pub fn set_show_titles(session: &mut Session, on: bool) -> Result<(), ApiError> {
    session.set_show_titles(on)
}
