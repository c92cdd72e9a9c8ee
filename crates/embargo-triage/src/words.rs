//! Plain words: accents and case folded, English stop words dropped, stemmed
//! (Snowball), so "parsing", "parser" and "parses" meet.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words that say nothing about which bug a report is about: function words and
/// the greetings and politeness every report carries.
const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "all", "also", "and", "any", "are", "because", "been",
    "before", "being", "best", "both", "but", "can", "could", "dear", "did", "does", "doing",
    "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "hello",
    "her", "here", "hers", "him", "his", "how", "into", "its", "itself", "just", "kind", "let",
    "like", "may", "might", "more", "most", "must", "not", "now", "off", "once", "only", "other",
    "our", "ours", "out", "over", "own", "please", "regards", "same", "she", "should", "some",
    "such", "team", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "through", "too", "under", "until", "very", "was",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "yours", "yourself",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Lowercase without accents: "Déjà" → "deja".
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Split `parseHeaderValue` into `parse`, `Header`, `Value`.
fn camel_parts(run: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous_lower = false;
    for (index, c) in run.char_indices() {
        if c.is_uppercase() && previous_lower {
            parts.push(&run[start..index]);
            start = index;
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    parts.push(&run[start..]);
    parts
}

/// The words of one whitespace-free chunk, as (stemmed key, surface form).
pub(crate) fn words(chunk: &str) -> Vec<(String, String)> {
    chunk
        .split(|c: char| !c.is_alphanumeric())
        .filter(|run| !run.is_empty())
        .flat_map(camel_parts)
        .filter_map(|surface| {
            let folded = fold(surface);
            if folded.chars().count() < 3
                || folded.chars().all(|c| c.is_ascii_digit())
                || STOP_WORDS.binary_search(&folded.as_str()).is_ok()
            {
                return None;
            }
            Some((stemmer().stem(&folded).into_owned(), surface.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn forms_of_a_word_meet() {
        let keys = |chunk: &str| -> Vec<String> { words(chunk).into_iter().map(|w| w.0).collect() };
        assert_eq!(keys("Parsing"), keys("parses"));
        assert_eq!(
            keys("parseHeader"),
            vec!["pars".to_owned(), "header".to_owned()]
        );
        assert_eq!(keys("Déjà-vu"), vec!["deja".to_owned()]);
        assert!(keys("the 1234 of").is_empty());
    }
}
