//! Attachment content (`blobs`) as team sync delivers it: an attachment's event can
//! arrive before its bytes (they travel as separate files in the team folder, and
//! the file-sync tool delivers files in any order), so "referenced but not stored"
//! is a normal state that the vault can name, not damage.

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use crate::{Vault, VaultError};

/// Hashes of the attachments that `attachment_added` events reference and whose
/// bytes are not stored, each once, in hash order; with `device`, only those events
/// made on that device.
pub(crate) fn missing(conn: &Connection, device: Option<&str>) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT json_extract(payload, '$.attachment.sha256') AS sha256
         FROM events
         WHERE kind = 'attachment_added' AND (?1 IS NULL OR device = ?1)
           AND sha256 IS NOT NULL
           AND sha256 NOT IN (SELECT sha256 FROM blobs)
         ORDER BY sha256",
    )?;
    let rows = stmt.query_map([device], |row| row.get(0))?;
    rows.collect()
}

impl Vault {
    /// Whether the bytes of the attachment with this SHA-256 are stored here.
    /// Reads only the hash index, never the content.
    pub fn has_attachment(&self, sha256: &str) -> Result<bool, VaultError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?1)",
                [sha256],
                |row| row.get(0),
            )
            .map_err(|e| self.damage(e))
    }

    /// SHA-256s of the attachments that events reference but whose bytes have not
    /// arrived yet (a teammate's attachment whose blob files the file-sync tool has
    /// not delivered), each once, in hash order. Team sync fetches these.
    pub fn missing_attachments(&self) -> Result<Vec<String>, VaultError> {
        missing(&self.conn, None).map_err(|e| self.damage(e))
    }

    /// Store an attachment's bytes under their SHA-256 (hex). The bytes are hashed
    /// here and refused, storing nothing, when they do not match, so a caller's
    /// mistake cannot put the wrong content behind a case's attachment. Storing
    /// bytes that are already there changes nothing. Returns whether they were new.
    pub fn store_attachment(&mut self, sha256: &str, data: &[u8]) -> Result<bool, VaultError> {
        if hex::encode(Sha256::digest(data)) != sha256 {
            return Err(VaultError::AttachmentMismatch(sha256.to_owned()));
        }
        let inserted = self
            .conn
            .execute(
                "INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?1, ?2)",
                params![sha256, data],
            )
            .map_err(|e| self.damage(e))?;
        self.record_last_change()?;
        Ok(inserted == 1)
    }
}
