//! The terms two reports are compared by: plain words (folded and stemmed) and the
//! names a report gives — functions, files, endpoints, headers, CVE and CWE ids,
//! versions, proof-of-concept payloads. Named things weigh more than words: two
//! reporters describe a bug in their own words but name the same function.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{entities, words};

/// What kind of thing a term names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// A word of the text, folded and stemmed.
    Word,
    /// A function, method, variable, option or header name.
    Identifier,
    /// A source or configuration file.
    File,
    /// A URL path or endpoint.
    Endpoint,
    /// A CVE id.
    Cve,
    /// A CWE id.
    Cwe,
    /// A version string.
    Version,
    /// A proof-of-concept token (traversal sequence, script tag, injection).
    Payload,
}

impl TermKind {
    /// How much one shared term of this kind counts against one shared word.
    /// Versions weigh little: many unrelated reports test the same release.
    pub fn weight(self) -> f32 {
        match self {
            TermKind::Word => 1.0,
            TermKind::Identifier | TermKind::File | TermKind::Endpoint => 3.0,
            TermKind::Cve => 4.0,
            TermKind::Payload => 2.0,
            TermKind::Cwe => 1.5,
            TermKind::Version => 0.5,
        }
    }
}

/// A term's identity: its kind and normalized text.
pub type TermKey = (TermKind, String);

/// How often a report uses a term, and how it first wrote it (for display).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermUse {
    /// Occurrences, title words counted twice.
    pub count: u32,
    /// The text as the report wrote it first.
    pub surface: String,
}

/// Lines shorter than this (in words) are too short to tell boilerplate from text.
const BOILERPLATE_MIN_WORDS: usize = 4;

/// A line of a report, to recognise it when another report has it too (a
/// template's sentence, a mail signature, a scanner's footer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// FNV-1a of the line's folded words; `None` for a line too short to tell.
    pub hash: Option<u64>,
    /// The word terms the line holds.
    pub words: Vec<String>,
}

/// The terms of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    uses: BTreeMap<TermKey, TermUse>,
    lines: Vec<Line>,
}

/// Split a line after each `. `, `! ` or `? `.
fn sentences_of(line: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i] == b' ' && matches!(bytes[i - 1], b'.' | b'!' | b'?') {
            sentences.push(&line[start..i]);
            start = i + 1;
        }
    }
    sentences.push(&line[start..]);
    sentences
}

fn fnv1a(words: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in words {
        for byte in word.bytes().chain([b' ']) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

impl Terms {
    /// No terms yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add the terms of `text`, each occurrence counting `times`.
    pub fn add_text(&mut self, text: &str, times: u32) {
        // Sentences, not only lines: a template's paragraph mixes fixed sentences
        // with the one that names the bug.
        let sentences = text.lines().flat_map(sentences_of);
        for line in sentences {
            let mut line_words = Vec::new();
            let mut all_words = 0;
            for chunk in line.split_whitespace() {
                for (kind, key, surface) in entities::classify(chunk) {
                    self.add(kind, key, surface, times);
                }
                for (key, surface) in words::words(chunk) {
                    all_words += 1;
                    line_words.push(key.clone());
                    self.add(TermKind::Word, key, surface, times);
                }
            }
            if all_words > 0 {
                let hash = (all_words >= BOILERPLATE_MIN_WORDS).then(|| fnv1a(&line_words));
                line_words.sort_unstable();
                line_words.dedup();
                self.lines.push(Line {
                    hash,
                    words: line_words,
                });
            }
        }
    }

    /// The lines of the text, each with its words.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Add a term that comes from a structured field (product, CWE, file name).
    pub fn add(&mut self, kind: TermKind, key: String, surface: String, times: u32) {
        self.uses
            .entry((kind, key))
            .and_modify(|u| u.count += times)
            .or_insert(TermUse {
                count: times,
                surface,
            });
    }

    /// Every term with its use.
    pub fn iter(&self) -> impl Iterator<Item = (&TermKey, &TermUse)> {
        self.uses.iter()
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.uses.len()
    }

    /// Whether there is no term at all.
    pub fn is_empty(&self) -> bool {
        self.uses.is_empty()
    }

    /// Whether the report has a term of this kind.
    pub fn has_kind(&self, kind: TermKind) -> bool {
        self.uses.keys().any(|(k, _)| *k == kind)
    }
}

/// What a report says, as the similarity ranking reads it.
#[derive(Debug, Clone, Default)]
pub struct ReportText<'a> {
    /// The case's title (counts twice: it is the report's summary).
    pub title: &'a str,
    /// The reporter's messages (subject and body each).
    pub messages: Vec<&'a str>,
    /// Affected product, if set.
    pub product: Option<&'a str>,
    /// CWE, if set.
    pub cwe: Option<&'a str>,
    /// CVE id, if set.
    pub cve: Option<&'a str>,
    /// Names of attached files.
    pub attachments: Vec<&'a str>,
}

impl ReportText<'_> {
    /// The report's terms.
    pub fn terms(&self) -> Terms {
        let mut terms = Terms::new();
        terms.add_text(self.title, 2);
        for message in &self.messages {
            terms.add_text(message, 1);
        }
        for field in [self.product, self.cwe, self.cve].into_iter().flatten() {
            terms.add_text(field, 1);
        }
        for name in &self.attachments {
            terms.add(TermKind::File, name.to_lowercase(), (*name).to_owned(), 1);
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(TermKind, String)> {
        let mut terms = Terms::new();
        terms.add_text(text, 1);
        terms.iter().map(|(k, _)| k.clone()).collect()
    }

    #[test]
    fn names_are_found_in_running_text() {
        let found = keys(
            "The parse_header() function in src/http/parser.c crashes on \
             GET /api/v2/users/1234?redirect=x (CVE-2026-41007, CWE-22) in v22.4.1.",
        );
        for wanted in [
            (TermKind::Identifier, "parse_header"),
            (TermKind::File, "parser.c"),
            (TermKind::Endpoint, "/api/v2/users/{n}"),
            (TermKind::Identifier, "redirect"),
            (TermKind::Cve, "CVE-2026-41007"),
            (TermKind::Cwe, "CWE-22"),
            (TermKind::Version, "22.4.1"),
            (TermKind::Word, "header"),
        ] {
            assert!(
                found.contains(&(wanted.0, wanted.1.to_owned())),
                "{wanted:?} not in {found:?}"
            );
        }
    }

    #[test]
    fn title_words_count_twice() {
        let terms = ReportText {
            title: "Header overflow",
            messages: vec!["header"],
            ..ReportText::default()
        }
        .terms();
        let header = terms
            .iter()
            .find(|(k, _)| k.1 == "header")
            .map(|(_, u)| u.count);
        assert_eq!(header, Some(3));
    }
}
