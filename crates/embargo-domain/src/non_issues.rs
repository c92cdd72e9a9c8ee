//! The team's catalogue of known non-issues: reports it has decided are not
//! vulnerabilities for this project (a missing header on the docs site, a
//! self-XSS, a behaviour the threat model accepts), each with the explanation and
//! the reply to send. Kept as team events, so it syncs like templates and policies.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Change, Event};

/// One thing that is not a vulnerability for this project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KnownNonIssue {
    /// Stable id (lowercase letters, digits, dashes), e.g. `missing-security-headers`.
    pub id: String,
    /// What reports of it say, in a few words.
    pub title: String,
    /// Why it is not a vulnerability here (for the handler and the reply).
    pub explanation: String,
    /// Words and names reports of it use (header names, endpoints, phrases).
    pub keywords: Vec<String>,
    /// The reply's body: a template over the case like any other.
    pub reply: String,
}

/// The catalogue as folded from the team stream: a save replaces the entry with
/// its id, a removal drops it.
pub fn team_non_issues<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> BTreeMap<String, KnownNonIssue> {
    let mut entries = BTreeMap::new();
    for event in events {
        match &event.change {
            Change::NonIssueSaved { entry } => {
                entries.insert(entry.id.clone(), entry.clone());
            }
            Change::NonIssueRemoved { entry_id } => {
                entries.remove(entry_id);
            }
            _ => {}
        }
    }
    entries
}
