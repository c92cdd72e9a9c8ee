use chrono::{DateTime, Utc};
use embargo_domain::CaseId;
use embargo_domain::policy::PolicyDuration;
use serde::Serialize;

use crate::{ApiError, DeviceSetting, Input, Session};

/// A snoozed deadline.
#[derive(Debug, Clone, Serialize)]
pub struct Snoozed {
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// The rule id.
    pub rule: String,
    /// No notification about it before this instant.
    pub until: DateTime<Utc>,
}

impl Session {
    /// Silence one deadline's notifications for a while (this device only). A
    /// threshold crossed meanwhile is notified once the snooze ends.
    pub fn snooze(
        &mut self,
        id: &str,
        rule: &str,
        length: &PolicyDuration,
    ) -> Result<Snoozed, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        let settings = self.policy_settings()?;
        let rule = settings.active().rule(rule.trim())?.id.clone();
        if length.is_zero() {
            return Err(ApiError::invalid(
                Input::SnoozeLength,
                "a snooze must be longer than 0m (e.g. 2h)",
            ));
        }
        let until = self.now() + length.as_chrono();
        self.snooze_until(case_id, &rule, until)?;
        Ok(Snoozed {
            case_id: case.human_id.to_string(),
            rule,
            until,
        })
    }

    /// Snooze `rule` of `case` until `until` (the notifier's "Snooze 1 h").
    pub fn snooze_until(
        &mut self,
        case: CaseId,
        rule: &str,
        until: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        self.set_device_setting(DeviceSetting::Snooze { case, rule }, &until.to_rfc3339())
    }

    /// Until when `rule` of `case` is snoozed, if it was ever.
    pub fn snoozed_until(
        &self,
        case: CaseId,
        rule: &str,
    ) -> Result<Option<DateTime<Utc>>, ApiError> {
        Ok(self
            .device_setting(DeviceSetting::Snooze { case, rule })?
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .map(|at| at.with_timezone(&Utc)))
    }
}
