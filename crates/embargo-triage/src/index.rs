//! Ranking reports by similarity: TF-IDF vectors (log term frequency, smoothed
//! inverse document frequency, times the term kind's weight) compared by cosine,
//! over an inverted index so only reports that share a term are scored.
//! Deterministic: equal scores are ordered by key.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::{TermKey, TermKind, Terms};

/// A ranked report at or above this score is flagged "likely duplicate". Chosen on
/// the evaluation set (docs/TRIAGE.md) for at most 10 % false flags; checked on a
/// second set made with another seed that was not used to choose it.
pub const LIKELY_DUPLICATE: f32 = 0.35;

/// A term two reports share, as the new report wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SharedTerm {
    /// The text.
    pub term: String,
    /// What it names.
    pub kind: TermKind,
}

/// One report of the index, ranked against a new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked<K> {
    /// The indexed report's key.
    pub key: K,
    /// Cosine similarity, 0 to 1.
    pub score: f32,
    /// Whether the score reaches [`LIKELY_DUPLICATE`].
    pub likely_duplicate: bool,
    /// The shared terms that weigh most, heaviest first.
    pub shared_terms: Vec<SharedTerm>,
}

#[derive(Debug)]
struct Doc<K> {
    key: K,
    /// (term, 1 + ln tf), by term.
    terms: Vec<(u32, f32)>,
    /// Hashes of its lines long enough to recognise, each once.
    lines: Vec<u64>,
    live: bool,
}

/// Reports by key, ready to be ranked against a new one.
#[derive(Debug)]
pub struct SimilarityIndex<K> {
    vocabulary: HashMap<TermKey, u32>,
    kinds: Vec<TermKind>,
    document_frequency: Vec<u32>,
    /// Term → (document, 1 + ln tf).
    postings: Vec<Vec<(u32, f32)>>,
    docs: Vec<Doc<K>>,
    by_key: HashMap<K, usize>,
    live: usize,
    /// Line hash → how many reports have that line.
    line_frequency: HashMap<u64, u32>,
}

impl<K> Default for SimilarityIndex<K> {
    fn default() -> Self {
        Self {
            vocabulary: HashMap::new(),
            kinds: Vec::new(),
            document_frequency: Vec::new(),
            postings: Vec::new(),
            docs: Vec::new(),
            by_key: HashMap::new(),
            live: 0,
            line_frequency: HashMap::new(),
        }
    }
}

/// Most shared terms a match explains itself with.
const SHARED_TERMS_SHOWN: usize = 8;

fn tf_weight(count: u32) -> f32 {
    1.0 + (count.max(1) as f32).ln()
}

impl<K: Clone + Ord + std::hash::Hash> SimilarityIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reports indexed.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Index a report under `key`, replacing what was indexed under it.
    pub fn insert(&mut self, key: K, terms: &Terms) {
        self.remove(&key);
        let doc_index = self.docs.len() as u32;
        let mut doc_terms = Vec::with_capacity(terms.len());
        for ((kind, text), term_use) in terms.iter() {
            let id = match self.vocabulary.get(&(*kind, text.clone())) {
                Some(id) => *id,
                None => {
                    let id = self.kinds.len() as u32;
                    self.vocabulary.insert((*kind, text.clone()), id);
                    self.kinds.push(*kind);
                    self.document_frequency.push(0);
                    self.postings.push(Vec::new());
                    id
                }
            };
            let weight = tf_weight(term_use.count);
            self.document_frequency[id as usize] += 1;
            self.postings[id as usize].push((doc_index, weight));
            doc_terms.push((id, weight));
        }
        doc_terms.sort_by_key(|(id, _)| *id);
        let mut lines: Vec<u64> = terms.lines().iter().filter_map(|l| l.hash).collect();
        lines.sort_unstable();
        lines.dedup();
        for line in &lines {
            *self.line_frequency.entry(*line).or_default() += 1;
        }
        self.docs.push(Doc {
            key: key.clone(),
            terms: doc_terms,
            lines,
            live: true,
        });
        self.by_key.insert(key, doc_index as usize);
        self.live += 1;
    }

    /// Forget the report under `key` (its postings stay, marked dead, until the
    /// index is rebuilt: removal is rare and this keeps it cheap).
    pub fn remove(&mut self, key: &K) {
        let Some(index) = self.by_key.remove(key) else {
            return;
        };
        let doc = &mut self.docs[index];
        doc.live = false;
        for (id, _) in &doc.terms {
            self.document_frequency[*id as usize] -= 1;
        }
        for line in &doc.lines {
            if let Some(count) = self.line_frequency.get_mut(line) {
                *count = count.saturating_sub(1);
            }
        }
        self.live -= 1;
    }

    fn idf(&self, document_frequency: u32) -> f32 {
        // The new report counts as one more document, so a term only it has is
        // rare but finite.
        let documents = (self.live + 1) as f32;
        (1.0 + documents / (document_frequency as f32 + 1.0)).ln()
    }

    fn term_weight(&self, id: u32) -> f32 {
        self.idf(self.document_frequency[id as usize]) * self.kinds[id as usize].weight()
    }

    /// Words the report has only in lines another indexed report has too: a
    /// template's sentences, a signature, a scanner's footer say nothing about the
    /// bug, and two reports written from one template are not one report.
    fn boilerplate_words<'t>(&self, terms: &'t Terms, own_lines: &[u64]) -> HashSet<&'t str> {
        let shared = |hash: u64| {
            let others = self
                .line_frequency
                .get(&hash)
                .copied()
                .unwrap_or(0)
                .saturating_sub(u32::from(own_lines.binary_search(&hash).is_ok()));
            others > 0
        };
        let mut boilerplate = HashSet::new();
        let mut elsewhere = HashSet::new();
        for line in terms.lines() {
            let target = if line.hash.is_some_and(shared) {
                &mut boilerplate
            } else {
                &mut elsewhere
            };
            target.extend(line.words.iter().map(String::as_str));
        }
        boilerplate.retain(|word| !elsewhere.contains(word));
        boilerplate
    }

    /// The `limit` indexed reports most similar to `terms`, best first, leaving out
    /// `exclude` (the report itself when it is indexed).
    pub fn rank(&self, terms: &Terms, exclude: Option<&K>, limit: usize) -> Vec<Ranked<K>> {
        let excluded = exclude.and_then(|key| self.by_key.get(key)).copied();
        let own_lines = excluded.map_or(&[][..], |index| self.docs[index].lines.as_slice());
        let boilerplate = self.boilerplate_words(terms, own_lines);
        // The query: known terms with their weight, and the norm over all terms.
        let mut query: Vec<(u32, f32, &str)> = Vec::new();
        let mut query_norm = 0.0f32;
        for ((kind, text), term_use) in terms.iter() {
            if *kind == TermKind::Word && boilerplate.contains(text.as_str()) {
                continue;
            }
            let tf = tf_weight(term_use.count);
            match self.vocabulary.get(&(*kind, text.clone())) {
                Some(id) if self.document_frequency[*id as usize] > 0 => {
                    let weight = tf * self.term_weight(*id);
                    query_norm += weight * weight;
                    query.push((*id, weight, term_use.surface.as_str()));
                }
                _ => {
                    let weight = tf * self.idf(0) * kind.weight();
                    query_norm += weight * weight;
                }
            }
        }
        if query.is_empty() || query_norm == 0.0 {
            return Vec::new();
        }
        let query_norm = query_norm.sqrt();
        // Every term's weight once (an ln each), not once per document using it.
        let weights: Vec<f32> = (0..self.kinds.len() as u32)
            .map(|id| self.term_weight(id))
            .collect();
        let mut dot = vec![0.0f32; self.docs.len()];
        for (id, weight, _) in &query {
            let term_weight = weights[*id as usize];
            for (doc, tf) in &self.postings[*id as usize] {
                dot[*doc as usize] += weight * tf * term_weight;
            }
        }
        let mut scored: Vec<(f32, usize)> = dot
            .iter()
            .enumerate()
            .filter(|(index, d)| **d > 0.0 && self.docs[*index].live && Some(*index) != excluded)
            .map(|(index, d)| (d / (query_norm * self.doc_norm(index, &weights)), index))
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.docs[a.1].key.cmp(&self.docs[b.1].key))
        });
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, index)| Ranked {
                key: self.docs[index].key.clone(),
                score,
                likely_duplicate: score >= LIKELY_DUPLICATE,
                shared_terms: self.shared_terms(&query, index),
            })
            .collect()
    }

    fn doc_norm(&self, index: usize, weights: &[f32]) -> f32 {
        self.docs[index]
            .terms
            .iter()
            .map(|(id, tf)| {
                let weight = tf * weights[*id as usize];
                weight * weight
            })
            .sum::<f32>()
            .sqrt()
    }

    fn shared_terms(&self, query: &[(u32, f32, &str)], index: usize) -> Vec<SharedTerm> {
        let doc = &self.docs[index].terms;
        let mut shared: Vec<(f32, u32, &str)> = query
            .iter()
            .filter_map(|(id, weight, surface)| {
                let at = doc.binary_search_by_key(id, |(t, _)| *t).ok()?;
                Some((weight * doc[at].1 * self.term_weight(*id), *id, *surface))
            })
            .collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // One text can be several terms (a URL is also a path; "/etc/passwd." and
        // "/etc/passwd" trim alike): each is shown once, where it weighs most.
        let mut shown: Vec<SharedTerm> = Vec::new();
        for (_, id, surface) in shared {
            if shown.len() == SHARED_TERMS_SHOWN {
                break;
            }
            let term = surface
                .trim_matches(|c: char| !c.is_alphanumeric() && !"/._-:()".contains(c))
                .to_owned();
            if !shown.iter().any(|s| s.term == term) {
                shown.push(SharedTerm {
                    term,
                    kind: self.kinds[id as usize],
                });
            }
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Terms {
        let mut terms = Terms::new();
        terms.add_text(text, 1);
        terms
    }

    fn index(reports: &[(&'static str, &str)]) -> SimilarityIndex<&'static str> {
        let mut index = SimilarityIndex::new();
        for (key, text) in reports {
            index.insert(*key, &terms(text));
        }
        index
    }

    #[test]
    fn the_report_naming_the_same_function_ranks_first() {
        let index = index(&[
            (
                "traversal",
                "Path traversal in serve_static lets ../../etc/passwd through",
            ),
            (
                "xss",
                "Stored XSS in the admin comment view via <script> in names",
            ),
            (
                "dos",
                "Slowloris keeps every connection open; the server stops answering",
            ),
        ]);
        let ranked = index.rank(
            &terms(
                "serve_static() does not stop dot-dot segments: GET /static/..%2f..%2fetc/passwd",
            ),
            None,
            5,
        );
        assert_eq!(ranked[0].key, "traversal");
        assert!(ranked[0].likely_duplicate, "{ranked:?}");
        assert!(
            ranked[0]
                .shared_terms
                .iter()
                .any(|t| t.kind == TermKind::Identifier && t.term.starts_with("serve_static")),
            "{:?}",
            ranked[0].shared_terms
        );
    }

    #[test]
    fn each_shared_term_is_shown_once() {
        // Found by the UI's recorded triage: the URL came twice (as a URL and as a
        // path), and the panel's list, keyed by term, refused to render.
        let report = "GET http://localhost:8080/static/..%5c..%5cetc%5cpasswd returns /etc/passwd.";
        let index = index(&[("traversal", report), ("other", "header overflow")]);
        let ranked = index.rank(
            &terms(&format!("{report} Again: /etc/passwd and http://localhost:8080/static/..%5c..%5cetc%5cpasswd")),
            None,
            5,
        );
        let shown: Vec<&str> = ranked[0]
            .shared_terms
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        let mut unique = shown.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(shown.len(), unique.len(), "{shown:?}");
        assert!(shown.contains(&"/etc/passwd"), "{shown:?}");
    }

    #[test]
    fn equal_scores_are_ordered_by_key_and_the_report_itself_is_left_out() {
        let index = index(&[
            ("b", "header overflow"),
            ("a", "header overflow"),
            ("c", "x y z"),
        ]);
        let ranked = index.rank(&terms("header overflow"), Some(&"c"), 5);
        let keys: Vec<_> = ranked.iter().map(|r| r.key).collect();
        assert_eq!(keys, vec!["a", "b"]);
        assert!((ranked[0].score - 1.0).abs() < 1e-4);
        let without_a = index.rank(&terms("header overflow"), Some(&"a"), 5);
        assert_eq!(without_a.len(), 1);
    }

    #[test]
    fn replacing_and_removing_a_report() {
        let mut index = index(&[("a", "header overflow"), ("b", "cookie leak")]);
        index.insert("a", &terms("cookie leak in logs"));
        assert_eq!(index.len(), 2);
        assert!(index.rank(&terms("header overflow"), None, 5).is_empty());
        index.remove(&"b");
        let ranked = index.rank(&terms("cookie leak"), None, 5);
        assert_eq!(ranked.len(), 1);
        assert_eq!(ranked[0].key, "a");
    }

    #[test]
    fn nothing_in_common_ranks_nothing() {
        let index = index(&[("a", "header overflow")]);
        assert!(index.rank(&terms("cookie leak"), None, 5).is_empty());
        assert!(index.rank(&Terms::new(), None, 5).is_empty());
    }
}
