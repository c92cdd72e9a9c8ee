use crate::{ApiError, Session};

impl Session {
    /// A device-local setting (the vault's `settings` table: encrypted, not synced).
    pub fn device_setting(&self, key: &str) -> Result<Option<String>, ApiError> {
        Ok(self.vault().setting(key)?)
    }

    /// Store a device-local setting.
    pub fn set_device_setting(&mut self, key: &str, value: &str) -> Result<(), ApiError> {
        Ok(self.settings_mut().set_setting(key, value)?)
    }
}
