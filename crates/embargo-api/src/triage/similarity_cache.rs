//! The similarity index of the session's vault: built from every case on first use,
//! then kept current (a changed case is indexed again on the next ranking; a sync
//! pass drops the index). Held in memory only, and dropped with the session at lock.

use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard};

use embargo_domain::{Case, CaseId, Direction};
use embargo_triage::{ReportText, SimilarityIndex, Terms};

use crate::{ApiError, Session};

#[derive(Debug, Default)]
struct State {
    index: Option<SimilarityIndex<CaseId>>,
    stale: BTreeSet<CaseId>,
}

/// The index and the cases changed since it was last brought up to date.
#[derive(Debug, Default)]
pub(crate) struct SimilarityCache {
    state: Mutex<State>,
}

impl SimilarityCache {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding it leaves at worst a stale entry; drop the index.
        self.state.lock().unwrap_or_else(|poisoned| {
            let mut state = poisoned.into_inner();
            state.index = None;
            state
        })
    }

    /// The case changed: index it again before the next ranking.
    pub(crate) fn forget(&self, case: CaseId) {
        self.state().stale.insert(case);
    }

    /// Anything may have changed (a sync pass): build the index again.
    pub(crate) fn forget_all(&self) {
        let mut state = self.state();
        state.index = None;
        state.stale.clear();
    }
}

/// What the ranking reads of a case: its title and what the reporter wrote
/// (never our replies or private notes), its product, CWE, CVE and file names.
pub(crate) fn case_terms(case: &Case) -> Terms {
    let messages: Vec<String> = case
        .messages
        .iter()
        .filter(|m| m.direction == Direction::Incoming)
        .map(|m| format!("{}\n{}", m.subject, m.body))
        .collect();
    ReportText {
        title: &case.title,
        messages: messages.iter().map(String::as_str).collect(),
        product: case.product.as_deref(),
        cwe: case.cwe.as_deref(),
        cve: case.cve_id.as_deref(),
        attachments: case.attachments.iter().map(|a| a.name.as_str()).collect(),
    }
    .terms()
}

impl Session {
    /// Run `rank` on the vault's similarity index, brought up to date first.
    pub(crate) fn with_similarity_index<R>(
        &self,
        rank: impl FnOnce(&SimilarityIndex<CaseId>) -> R,
    ) -> Result<R, ApiError> {
        let mut guard = self.similarity_cache().state();
        let State { index, stale } = &mut *guard;
        let index = match index {
            Some(index) => {
                for case_id in std::mem::take(stale) {
                    match self.vault().case(case_id)? {
                        Some(case) => index.insert(case_id, &case_terms(&case)),
                        None => index.remove(&case_id),
                    }
                }
                index
            }
            None => {
                let mut built = SimilarityIndex::new();
                for case in self.vault().cases()? {
                    built.insert(case.id, &case_terms(&case));
                }
                stale.clear();
                index.insert(built)
            }
        };
        Ok(rank(index))
    }
}
