//! The deadline facts of the cases a session has looked at, kept between screens.
//!
//! A deadline's state depends on the case's history (read from its events) and on
//! the clock. The history changes only when the case does, so the case list, the
//! board and the notifier read each case's events once and then only re-run the
//! engine — which is what keeps badges on a 10,000-case list cheap. The facts hold
//! no case text (statuses, instants, rule ids), and die with the session at lock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use embargo_domain::deadlines::CaseFacts;
use embargo_domain::{Case, CaseId};

use crate::{ApiError, Session};

/// Facts by case; a write to a case forgets its entry (see `Session::record`).
#[derive(Debug, Default)]
pub(crate) struct FactsCache {
    facts: Mutex<HashMap<CaseId, Arc<CaseFacts>>>,
}

impl FactsCache {
    fn entries(&self) -> MutexGuard<'_, HashMap<CaseId, Arc<CaseFacts>>> {
        // A panic while holding the map leaves at worst a missing entry.
        self.facts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The case changed: read its history again next time.
    pub(crate) fn forget(&self, case: CaseId) {
        self.entries().remove(&case);
    }

    /// Anything may have changed (a sync pass).
    pub(crate) fn forget_all(&self) {
        self.entries().clear();
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries().len()
    }
}

impl Session {
    /// The deadline facts of `case`, read from its events on first use (shared:
    /// `due` takes every open case's facts on each call).
    pub(crate) fn case_facts(&self, case: CaseId) -> Result<Arc<CaseFacts>, ApiError> {
        if let Some(facts) = self.facts_cache().entries().get(&case) {
            return Ok(facts.clone());
        }
        let events = self.vault().events(case)?;
        let folded = Case::fold(&events).ok_or_else(|| ApiError::CaseNotFound(case.to_string()))?;
        let facts = Arc::new(CaseFacts::new(&folded, &events));
        self.facts_cache().entries().insert(case, facts.clone());
        Ok(facts)
    }
}
