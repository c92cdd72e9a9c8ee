//! `embargo similar ID`: the cases most like this one, best first, with why.

use embargo_domain::{CaseId, Status};
use embargo_triage::Ranked;
use serde::Serialize;

use super::similarity_cache::case_terms;
use crate::{ApiError, Session};

/// An earlier (or later) case that resembles the one asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SimilarCase {
    /// `EMB-YYYY-NNNN`, as `import` prints it.
    pub case_id: String,
    /// Similarity, 0 to 1 (three decimals).
    pub score: f64,
    /// Whether the score reaches the "likely duplicate" threshold.
    pub likely_duplicate: bool,
    /// The shared names and words that weigh most, heaviest first.
    pub shared_terms: Vec<String>,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: Status,
}

/// How many cases `similar` shows unless asked for more.
pub const DEFAULT_SIMILAR: usize = 5;

impl Session {
    /// The `limit` cases most similar to `id` — open and closed, own and synced —
    /// best first.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Vec<SimilarCase>, ApiError> {
        let case_id = self.resolve(id)?;
        self.similar_to(case_id, limit)
    }

    pub(crate) fn similar_to(
        &self,
        case_id: CaseId,
        limit: usize,
    ) -> Result<Vec<SimilarCase>, ApiError> {
        let case = self.case(case_id)?;
        let terms = case_terms(&case);
        let ranked =
            self.with_similarity_index(|index| index.rank(&terms, Some(&case_id), limit))?;
        ranked.into_iter().map(|r| self.similar_case(r)).collect()
    }

    fn similar_case(&self, ranked: Ranked<CaseId>) -> Result<SimilarCase, ApiError> {
        let case = self.case(ranked.key)?;
        Ok(SimilarCase {
            case_id: case.human_id.to_string(),
            score: (f64::from(ranked.score) * 1000.0).round() / 1000.0,
            likely_duplicate: ranked.likely_duplicate,
            shared_terms: ranked.shared_terms.into_iter().map(|t| t.term).collect(),
            title: case.title,
            status: case.status,
        })
    }
}
