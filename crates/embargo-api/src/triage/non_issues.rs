//! The team's catalogue of known non-issues (team events, synced like templates
//! and policies), which reports match an entry, and the entry's reply as a draft.

use embargo_domain::{
    Audience, Case, Change, Direction, KnownNonIssue, Template, team_non_issues, valid_template_id,
};
use embargo_drafts::{TemplateContext, check_syntax};
use serde::Serialize;

use crate::{ApiError, DraftView, Input, Session};

/// A catalogue entry as listed.
pub type NonIssueView = KnownNonIssue;

/// A known non-issue a report matches, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NonIssueMatch {
    /// The entry's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Why it is not a vulnerability.
    pub explanation: String,
    /// The entry's keywords the report uses.
    pub matched_keywords: Vec<String>,
}

/// The reply a known non-issue's draft is recorded as.
const NOT_A_VULNERABILITY: &str = "not-a-vulnerability";

/// Whether `phrase` occurs in `text` as whole words (both already folded).
fn contains_phrase(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// The entries `case` matches, the most keywords first.
pub(crate) fn matches(case: &Case, catalogue: &[KnownNonIssue]) -> Vec<NonIssueMatch> {
    let mut text = fold(&case.title);
    for message in case
        .messages
        .iter()
        .filter(|m| m.direction == Direction::Incoming)
    {
        text.push('\n');
        text.push_str(&fold(&message.subject));
        text.push('\n');
        text.push_str(&fold(&message.body));
    }
    let mut found: Vec<NonIssueMatch> = catalogue
        .iter()
        .filter_map(|entry| {
            let matched_keywords: Vec<String> = entry
                .keywords
                .iter()
                .filter(|k| contains_phrase(&text, &fold(k.trim())))
                .cloned()
                .collect();
            (!matched_keywords.is_empty()).then(|| NonIssueMatch {
                id: entry.id.clone(),
                title: entry.title.clone(),
                explanation: entry.explanation.clone(),
                matched_keywords,
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.matched_keywords
            .len()
            .cmp(&a.matched_keywords.len())
            .then(a.id.cmp(&b.id))
    });
    found
}

impl Session {
    /// The catalogue, by id.
    pub fn non_issues(&self) -> Result<Vec<KnownNonIssue>, ApiError> {
        Ok(team_non_issues(&self.vault().team_events()?)
            .into_values()
            .collect())
    }

    /// Add or replace an entry. Refused with the reason if the id, a text or the
    /// reply's template syntax is not right.
    pub fn save_non_issue(&mut self, entry: KnownNonIssue) -> Result<KnownNonIssue, ApiError> {
        let entry = KnownNonIssue {
            id: entry.id.trim().to_owned(),
            title: entry.title.trim().to_owned(),
            explanation: entry.explanation.trim().to_owned(),
            keywords: entry
                .keywords
                .iter()
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty())
                .collect(),
            reply: entry.reply,
        };
        if !valid_template_id(&entry.id) {
            return Err(ApiError::invalid(
                Input::NonIssueId,
                format!(
                    "{:?} cannot name a known non-issue: use lowercase letters, digits and dashes, e.g. missing-security-headers",
                    entry.id
                ),
            ));
        }
        for (what, text) in [
            ("title", &entry.title),
            ("explanation", &entry.explanation),
            ("reply", &entry.reply),
        ] {
            if text.trim().is_empty() {
                return Err(ApiError::invalid(
                    Input::NonIssueText,
                    format!("a known non-issue needs a {what}"),
                ));
            }
        }
        if entry.keywords.is_empty() {
            return Err(ApiError::invalid(
                Input::Keywords,
                "a known non-issue needs at least one keyword reports of it use",
            ));
        }
        check_syntax(&reply_template(&entry))?;
        self.record_team(vec![Change::NonIssueSaved {
            entry: entry.clone(),
        }])?;
        Ok(entry)
    }

    /// Drop an entry from the catalogue.
    pub fn remove_non_issue(&mut self, id: &str) -> Result<(), ApiError> {
        if !self.non_issues()?.iter().any(|e| e.id == id) {
            return Err(ApiError::NotFound(format!("no known non-issue {id:?}")));
        }
        self.record_team(vec![Change::NonIssueRemoved {
            entry_id: id.to_owned(),
        }])
    }

    /// The known non-issues case `id` matches.
    pub fn case_non_issues(&self, id: &str) -> Result<Vec<NonIssueMatch>, ApiError> {
        let case = self.case(self.resolve(id)?)?;
        Ok(matches(&case, &self.non_issues()?))
    }

    /// Draft the entry's reply on case `id` (recorded as a `not-a-vulnerability` reply).
    pub fn draft_non_issue_reply(
        &mut self,
        id: &str,
        entry_id: &str,
    ) -> Result<DraftView, ApiError> {
        let case_id = self.resolve(id)?;
        let entry = self
            .non_issues()?
            .into_iter()
            .find(|e| e.id == entry_id)
            .ok_or_else(|| ApiError::NotFound(format!("no known non-issue {entry_id:?}")))?;
        let case = self.case(case_id)?;
        let context =
            TemplateContext::new(&case, &self.export_settings()?, &self.sender(), self.now());
        self.draft_from(case_id, &reply_template(&entry), &context)
    }
}

fn reply_template(entry: &KnownNonIssue) -> Template {
    Template {
        id: NOT_A_VULNERABILITY.to_owned(),
        title: entry.title.clone(),
        audience: Audience::Reporter,
        meets: None,
        subject: "{{ reply_subject }}".to_owned(),
        body: entry.reply.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::contains_phrase;

    #[test]
    fn keywords_match_whole_words_only() {
        assert!(contains_phrase(
            "missing x-frame-options header",
            "x-frame-options"
        ));
        assert!(contains_phrase("spf.", "spf"));
        assert!(!contains_phrase("the spfx loader", "spf"));
        assert!(!contains_phrase("anything", ""));
    }
}
