//! What team sync needs from the vault: the secret keys that decrypt and sign
//! segments, and this device's own events in the order they were written.

use age::secrecy::ExposeSecret;
use embargo_domain::Event;
use secrecy::SecretString;

use crate::projection::event_from_row;
use crate::{Vault, VaultError};

impl Vault {
    /// The user's age identity (decrypts team segments addressed to this user).
    pub fn age_identity(&self) -> &age::x25519::Identity {
        &self.keys.age
    }

    /// The age secret key (`AGE-SECRET-KEY-1…`), for `identity export-secret`.
    pub fn age_secret(&self) -> SecretString {
        SecretString::from(self.keys.age.to_string().expose_secret().to_owned())
    }

    /// Events this user made on this device after local log position `after`, in
    /// the order they were written, each with its position (a device-local
    /// counter). Both must match: an event that merely carries this device's id
    /// (a teammate squatting it) is not ours to export.
    pub fn own_events_after(&self, after: i64) -> Result<Vec<(i64, Event)>, VaultError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, case_id, author, device, hlc_wall, hlc_counter, version, payload, seq
             FROM events WHERE device = ?1 AND author = ?2 AND seq > ?3 ORDER BY seq",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![
                self.public.device_id.to_string(),
                self.public.signing_key,
                after
            ],
            |row| {
                let position: i64 = row.get(8)?;
                Ok(event_from_row(row)?.map(|event| (position, event)))
            },
        )?;
        rows.map(|row| row?).collect()
    }
}
