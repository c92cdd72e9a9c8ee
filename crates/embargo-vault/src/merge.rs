//! Merging teammates' events in steps: a sync pass stores each device's events as
//! soon as they are judged, while the next files are still being decrypted, in one
//! transaction that only [`Merge::finish`] commits. A merge dropped unfinished (the
//! pass stopped, the folder stopped answering, an error) leaves the vault exactly
//! as it was.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use embargo_domain::{Event, EventId, Hlc};
use rusqlite::Transaction;

use crate::last_change::{self, RecordKey};
use crate::vault::{MergeOutcome, NewAttachment, observe, reclassify, store_attachments};
use crate::{PublicIdentity, Vault, VaultError, VaultPaths, database, projection};

/// An open merge; see the module docs. It works with the larger page cache of bulk
/// work, and leaves the everyday one behind however it ends.
#[derive(Debug)]
pub struct Merge<'v> {
    /// `None` once [`Merge::finish`] has committed it.
    tx: Option<Transaction<'v>>,
    hlc: &'v mut Hlc,
    me: &'v PublicIdentity,
    database: PathBuf,
    now: DateTime<Utc>,
    /// Where the change count goes after the commit (`None` in memory).
    last_change: Option<(&'v RecordKey, &'v VaultPaths, &'v mut u64)>,
    /// The events new to the log so far, projected at `finish`.
    inserted: Vec<Event>,
    refused: Vec<(EventId, String)>,
}

impl Vault {
    /// Start a merge; the clock will take the new events into account as
    /// [`Vault::merge`] says, against `now`.
    pub fn begin_merge(&mut self, now: DateTime<Utc>) -> Result<Merge<'_>, VaultError> {
        let database = self.paths.database();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| database::classify(&database, e))?;
        tx.execute_batch(database::MERGE_CACHE)
            .map_err(|e| database::classify(&database, e))?;
        Ok(Merge {
            tx: Some(tx),
            hlc: &mut self.hlc,
            me: &self.public,
            last_change: self
                .record_key
                .as_ref()
                .map(|key| (key, &self.paths, &mut self.recorded)),
            database,
            now,
            inserted: Vec::new(),
            refused: Vec::new(),
        })
    }
}

impl Merge<'_> {
    fn tx(&self) -> &Transaction<'_> {
        self.tx
            .as_ref()
            .expect("a merge is open until finish consumes it")
    }

    /// Store attachment bytes that events of this merge reference.
    pub fn store_attachments(&mut self, attachments: &[NewAttachment]) -> Result<(), VaultError> {
        store_attachments(self.tx(), attachments)
    }

    /// Store events: new ones are kept for the projection, ones already stored are
    /// skipped, ones whose id names other content (in the log, or added earlier in
    /// this merge) are refused and reported by [`Merge::finish`].
    pub fn add(&mut self, events: Vec<Event>) -> Result<(), VaultError> {
        let stored =
            projection::insert(self.tx(), &events).map_err(|e| reclassify(&self.database, e))?;
        self.refused.extend(stored.refused);
        let mut new = stored.positions.into_iter().peekable();
        for (position, event) in events.into_iter().enumerate() {
            if new.next_if_eq(&position).is_some() {
                self.inserted.push(event);
            }
        }
        Ok(())
    }

    /// Project the new events, commit, and move the clock past them.
    pub fn finish(mut self) -> Result<MergeOutcome, VaultError> {
        let inserted = std::mem::take(&mut self.inserted);
        let inserted: Vec<&Event> = inserted.iter().collect();
        let tx = self.tx.take().expect("a merge is finished once");
        let classify = |e| database::classify(&self.database, e);
        projection::project(&tx, &inserted).map_err(|e| reclassify(&self.database, e))?;
        // Read inside the transaction: the count this commit leaves behind.
        let count = last_change::database_count(&tx).map_err(classify)?;
        tx.execute_batch(database::EVERYDAY_CACHE)
            .map_err(classify)?;
        tx.commit().map_err(classify)?;
        if let Some((key, paths, recorded)) = self.last_change.take()
            && *recorded != count
        {
            last_change::record(paths, key, count)?;
            *recorded = count;
        }
        observe(self.hlc, self.me, &inserted, self.now);
        Ok(MergeOutcome {
            inserted: inserted.len(),
            refused: std::mem::take(&mut self.refused),
        })
    }
}

impl Drop for Merge<'_> {
    /// Unfinished: the transaction rolls back as it drops, after the cache is back
    /// to its everyday size (a failure there only leaves a larger cache).
    fn drop(&mut self) {
        if let Some(tx) = &self.tx {
            let _ = tx.execute_batch(database::EVERYDAY_CACHE);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{TimeZone, Utc};
    use secrecy::SecretString;

    use crate::Vault;

    fn cache_pages(vault: &Vault) -> i64 {
        vault
            .conn
            .query_row("PRAGMA cache_size", [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_merge_works_with_the_bulk_cache_and_leaves_the_everyday_one_however_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let passphrase = SecretString::from("merge cache passphrase");
        let mut vault =
            Vault::create(&dir.path().join("v"), "Dana", "d@example.org", &passphrase).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let everyday = cache_pages(&vault);
        assert_eq!(everyday, -8192, "8 MiB, in KiB");

        let merge = vault.begin_merge(now).unwrap();
        assert_eq!(
            merge
                .tx()
                .query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            -32768
        );
        drop(merge);
        assert_eq!(
            cache_pages(&vault),
            everyday,
            "after a merge dropped unfinished"
        );

        vault.begin_merge(now).unwrap().finish().unwrap();
        assert_eq!(cache_pages(&vault), everyday, "after a finished merge");
    }
}
