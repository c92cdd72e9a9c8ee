use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use embargo_domain::{CaseId, Change, Clock};
use embargo_vault::{NewAttachment, Vault};
use secrecy::SecretString;

use crate::deadline_cache::FactsCache;
use crate::list_cache::ListCache;
use crate::triage::SimilarityCache;
use crate::{ApiError, Input};

/// An unlocked vault plus the clock that says what "now" is.
pub struct Session {
    vault: Vault,
    clock: Arc<dyn Clock>,
    /// Deadline facts of cases read so far; forgotten when the case changes.
    facts: FactsCache,
    /// The similarity index of the vault's reports, built on first use.
    similarity: SimilarityCache,
    /// The case list's rows, read again when the vault's change count moves.
    list: ListCache,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("vault", &self.vault.paths())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Create a vault in `dir` and open a session on it.
    pub fn create(
        dir: &Path,
        name: &str,
        email: &str,
        passphrase: &SecretString,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, ApiError> {
        if name.trim().is_empty() {
            return Err(ApiError::invalid(Input::Name, "the name must not be empty"));
        }
        embargo_domain::validate_email(email.trim())?;
        let vault = Vault::create(dir, name.trim(), email.trim(), passphrase)?;
        Ok(Self::over(vault, clock))
    }

    /// Unlock the vault in `dir`.
    pub fn open(
        dir: &Path,
        passphrase: &SecretString,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, ApiError> {
        Ok(Self::over(Vault::open(dir, passphrase)?, clock))
    }

    /// [`Session::open`], accepting a database older than the vault's last
    /// change because its owner put a backup back on purpose
    /// ([`Vault::open_accepting_restored`]).
    pub fn open_accepting_restored(
        dir: &Path,
        passphrase: &SecretString,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, ApiError> {
        Ok(Self::over(
            Vault::open_accepting_restored(dir, passphrase)?,
            clock,
        ))
    }

    fn over(vault: Vault, clock: Arc<dyn Clock>) -> Self {
        Self {
            vault,
            clock,
            facts: FactsCache::default(),
            similarity: SimilarityCache::default(),
            list: ListCache::default(),
        }
    }

    /// The vault (read access for views).
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// The vault, for writing. Whatever is written (a sync pass, a team change) may
    /// touch any case, so the cached deadline facts are forgotten.
    pub(crate) fn vault_mut(&mut self) -> &mut Vault {
        self.facts.forget_all();
        self.similarity.forget_all();
        &mut self.vault
    }

    /// The vault, for device-local settings only (no case changes).
    pub(crate) fn settings_mut(&mut self) -> &mut Vault {
        &mut self.vault
    }

    /// The cached similarity index.
    pub(crate) fn similarity_cache(&self) -> &SimilarityCache {
        &self.similarity
    }

    /// The cached deadline facts.
    pub(crate) fn facts_cache(&self) -> &FactsCache {
        &self.facts
    }

    /// The cached case list.
    pub(crate) fn list_cache(&self) -> &ListCache {
        &self.list
    }

    /// Answer "now" with `clock` from here on; returns the clock it replaces. A
    /// served CLI command runs at its own `--now` on the app's session, and the
    /// app's clock is put back when it ends.
    pub fn replace_clock(&mut self, clock: Arc<dyn Clock>) -> Arc<dyn Clock> {
        std::mem::replace(&mut self.clock, clock)
    }

    /// What time it is for this session.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Record `changes` to one case as events, stamped now, in one transaction.
    pub(crate) fn record(&mut self, case_id: CaseId, changes: Vec<Change>) -> Result<(), ApiError> {
        self.record_with_attachments(vec![(case_id, changes)], &[])
    }

    /// Record changes to several cases plus attachment bytes, all or nothing.
    pub(crate) fn record_with_attachments(
        &mut self,
        batches: Vec<(CaseId, Vec<Change>)>,
        attachments: &[NewAttachment],
    ) -> Result<(), ApiError> {
        self.record_and_remember(batches, attachments, &[])
    }

    /// [`Session::record_with_attachments`] and device settings (`None` removes
    /// one), in one transaction.
    pub(crate) fn record_and_remember(
        &mut self,
        batches: Vec<(CaseId, Vec<Change>)>,
        attachments: &[NewAttachment],
        settings: &[(String, Option<String>)],
    ) -> Result<(), ApiError> {
        let context = self.vault.event_context();
        let now = self.clock.now();
        let mut events = Vec::new();
        for (case_id, _) in &batches {
            self.facts.forget(*case_id);
            self.similarity.forget(*case_id);
        }
        for (case_id, changes) in batches {
            for change in changes {
                let at = self.vault.next_timestamp(now);
                events.push(context.event(case_id, at, change));
            }
        }
        self.vault.append_and_set(&events, attachments, settings)?;
        Ok(())
    }

    /// Record team-wide changes (policy, templates, export settings).
    #[allow(
        dead_code,
        reason = "the policy and template use cases record team events"
    )]
    pub(crate) fn record_team(&mut self, changes: Vec<Change>) -> Result<(), ApiError> {
        self.record(CaseId::TEAM, changes)
    }

    /// Run the vault's integrity checks.
    pub fn check(&self) -> Result<embargo_vault::CheckReport, ApiError> {
        Ok(self.vault.check()?)
    }
}
