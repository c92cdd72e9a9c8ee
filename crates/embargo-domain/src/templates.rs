//! Message templates as the team keeps them: the built-in ones live in
//! `embargo-drafts`; what a team changed or added travels as team events and is
//! folded here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Audience, Change, Event};

/// A message template (minijinja source for the subject and the body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Template {
    /// Stable id, e.g. `acknowledgment`.
    pub id: String,
    /// What it is for, in a few words.
    pub title: String,
    /// Who messages from it are for.
    pub audience: Audience,
    /// The policy rule that sending it meets (`ack`, `response`, `update`), if any.
    pub meets: Option<String>,
    /// Subject line template.
    pub subject: String,
    /// Body template.
    pub body: String,
}

/// Whether `id` can name a template: lowercase letters, digits and dashes.
pub fn valid_template_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// The team's own templates (edited built-ins and new ones), folded from the team
/// stream in log order: a save replaces the template, a reset removes the team's
/// version (a built-in falls back to its shipped text).
pub fn team_templates<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> BTreeMap<String, Template> {
    let mut templates = BTreeMap::new();
    for event in events {
        match &event.change {
            Change::TemplateSaved { template } => {
                templates.insert(template.id.clone(), template.clone());
            }
            Change::TemplateReset { template_id } => {
                templates.remove(template_id);
            }
            _ => {}
        }
    }
    templates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_ids_are_simple_names() {
        assert!(valid_template_id("acknowledgment"));
        assert!(valid_template_id("fix-date-2"));
        for bad in ["", "Ack", "a b", "-x", "ack/1", "ä"] {
            assert!(!valid_template_id(bad), "{bad:?}");
        }
    }
}
