//! The vault's case list (its summary rows), read once per change of the vault.
//!
//! `embargo case list`, `embargo due` and the notifier's pass each start from
//! every case's summary row; on 10,000 cases reading them is the largest part of
//! a served `due` after its output. The rows change only when the database does,
//! and the database counts its changes in the same transaction as each write
//! ([`embargo_vault::Vault::change_count`]), whoever wrote (a command, a sync
//! pass, the importer): the session keeps the rows with the count they were read
//! at and reads them again when the count has moved. Beside each row it keeps
//! the case's deadline facts once `due` has looked them up, so a `due` over an
//! unchanged vault is the deadline engine and nothing else. The rows and facts
//! are what the encrypted database already gives the unlocked session; they die
//! with it.

use std::sync::{Arc, Mutex, MutexGuard};

use embargo_domain::deadlines::CaseFacts;
use embargo_vault::CaseSummary;

use crate::{ApiError, Session};

/// The rows, and the change count they were read at.
#[derive(Debug, Default)]
pub(crate) struct ListCache {
    read: Mutex<Option<(u64, Arc<Listed>)>>,
}

/// The case list as read at one change count.
#[derive(Debug)]
pub(crate) struct Listed {
    /// Every case, newest report first.
    pub rows: Vec<CaseSummary>,
    /// The deadline facts of `rows[i]`, once looked up.
    facts: Mutex<Vec<Option<Arc<CaseFacts>>>>,
}

impl Listed {
    /// The facts beside each row (`None`: not looked up yet).
    pub(crate) fn facts(&self) -> MutexGuard<'_, Vec<Option<Arc<CaseFacts>>>> {
        self.facts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl ListCache {
    fn read(&self) -> MutexGuard<'_, Option<(u64, Arc<Listed>)>> {
        // A panic while holding it leaves at worst rows that are read again.
        self.read
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Session {
    /// Every case, newest report first, as list rows (the vault's `list`, kept
    /// until the vault changes).
    pub(crate) fn case_summaries(&self) -> Result<Arc<Listed>, ApiError> {
        let count = self.vault().change_count()?;
        let mut read = self.list_cache().read();
        if let Some((seen, listed)) = read.as_ref()
            && *seen == count
        {
            return Ok(listed.clone());
        }
        let rows = self.vault().list()?;
        let listed = Arc::new(Listed {
            facts: Mutex::new(vec![None; rows.len()]),
            rows,
        });
        *read = Some((count, listed.clone()));
        Ok(listed)
    }
}

#[cfg(test)]
mod tests {
    use crate::test_session::{case_titled, fixed_time_session};

    #[test]
    fn a_write_between_two_reads_shows_in_the_second() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = fixed_time_session(dir.path(), "Ana Ruiz", "ana@example.org");
        case_titled(&mut session, "Path traversal");
        let first = session.case_summaries().expect("rows");
        assert_eq!(first.rows.len(), 1);
        assert!(
            std::sync::Arc::ptr_eq(&first, &session.case_summaries().expect("again")),
            "nothing written: the same rows"
        );

        case_titled(&mut session, "Heap overflow");
        let titles: Vec<String> = session
            .list(None)
            .expect("list")
            .into_iter()
            .map(|row| row.title)
            .collect();
        assert_eq!(titles.len(), 2, "a new case shows: {titles:?}");

        session
            .move_case("1", "acknowledged".parse().expect("status"))
            .expect("move");
        let moved = session.list(None).expect("list");
        let first_case = moved.iter().find(|row| row.title == "Path traversal");
        assert_eq!(
            first_case.map(|row| row.status.as_str()),
            Some("acknowledged"),
            "a status change shows"
        );
        let due: Vec<String> = session
            .due(&crate::DueQuery::default())
            .expect("due")
            .into_iter()
            .map(|entry| entry.title)
            .collect();
        assert!(due.iter().any(|title| title == "Heap overflow"), "{due:?}");
    }
}
