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

/// An open merge; see the module docs.
#[derive(Debug)]
pub struct Merge<'v> {
    tx: Transaction<'v>,
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
        Ok(Merge {
            tx,
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
    /// Store attachment bytes that events of this merge reference.
    pub fn store_attachments(&mut self, attachments: &[NewAttachment]) -> Result<(), VaultError> {
        store_attachments(&self.tx, attachments)
    }

    /// Store events: new ones are kept for the projection, ones already stored are
    /// skipped, ones whose id names other content (in the log, or added earlier in
    /// this merge) are refused and reported by [`Merge::finish`].
    pub fn add(&mut self, events: Vec<Event>) -> Result<(), VaultError> {
        let stored =
            projection::insert(&self.tx, &events).map_err(|e| reclassify(&self.database, e))?;
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
    pub fn finish(self) -> Result<MergeOutcome, VaultError> {
        let inserted: Vec<&Event> = self.inserted.iter().collect();
        projection::project(&self.tx, &inserted).map_err(|e| reclassify(&self.database, e))?;
        // Read inside the transaction: the count this commit leaves behind.
        let count = last_change::database_count(&self.tx)
            .map_err(|e| database::classify(&self.database, e))?;
        self.tx
            .commit()
            .map_err(|e| database::classify(&self.database, e))?;
        if let Some((key, paths, recorded)) = self.last_change
            && *recorded != count
        {
            last_change::record(paths, key, count)?;
            *recorded = count;
        }
        observe(self.hlc, self.me, &inserted, self.now);
        Ok(MergeOutcome {
            inserted: inserted.len(),
            refused: self.refused,
        })
    }
}
