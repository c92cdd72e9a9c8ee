//! The templates a team has: the built-in ones (one for every message the policy
//! implies), as shipped or as the team edited them, plus the team's own.

use std::collections::BTreeMap;

use embargo_domain::{Audience, Template};
use serde::Serialize;

use crate::DraftError;

/// (id, title, audience, rule met when sent, subject, body).
type Builtin = (
    &'static str,
    &'static str,
    Audience,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const BUILTINS: &[Builtin] = &[
    (
        "acknowledgment",
        "Acknowledge the report and state the next steps",
        Audience::Reporter,
        Some("ack"),
        "{{ reply_subject }}",
        include_str!("../templates/acknowledgment.txt"),
    ),
    (
        "detailed-response",
        "Detailed response: assessment and next steps",
        Audience::Reporter,
        Some("response"),
        "{{ reply_subject }}",
        include_str!("../templates/detailed-response.txt"),
    ),
    (
        "update",
        "Progress update to the reporter",
        Audience::Reporter,
        Some("update"),
        "{{ reply_subject }}",
        include_str!("../templates/update.txt"),
    ),
    (
        "request-info",
        "Ask the reporter for more information",
        Audience::Reporter,
        None,
        "{{ reply_subject }}",
        include_str!("../templates/request-info.txt"),
    ),
    (
        "third-party",
        "Redirect the reporter to a third-party module's maintainers",
        Audience::Reporter,
        None,
        "{{ reply_subject }}",
        include_str!("../templates/third-party.txt"),
    ),
    (
        "not-a-vulnerability",
        "Explain that the report is not a vulnerability",
        Audience::Reporter,
        None,
        "{{ reply_subject }}",
        include_str!("../templates/not-a-vulnerability.txt"),
    ),
    (
        "duplicate",
        "Tell the reporter the issue was already reported",
        Audience::Reporter,
        None,
        "{{ reply_subject }}",
        include_str!("../templates/duplicate.txt"),
    ),
    (
        "fix-date",
        "Tell the reporter the embargo and fix date",
        Audience::Reporter,
        None,
        "{{ reply_subject }}",
        include_str!("../templates/fix-date.txt"),
    ),
    (
        "credit",
        "Confirm how the reporter wants to be credited",
        Audience::Reporter,
        None,
        "{{ reply_subject }}",
        include_str!("../templates/credit.txt"),
    ),
    (
        "pre-release-notice",
        "Advance notice of the security release to the mailing list",
        Audience::MailingList,
        None,
        "[pre-release notice] {{ case.product }} security release on {{ case.embargo_date }}",
        include_str!("../templates/pre-release-notice.txt"),
    ),
    (
        "announcement",
        "Announcement of the fix to the security mailing list",
        Audience::MailingList,
        None,
        "[SECURITY] {{ case.product }}: {{ case.title }} ({{ case.cve }})",
        include_str!("../templates/announcement.txt"),
    ),
    (
        "cve-request",
        "Request a CVE identifier from the CNA",
        Audience::Cna,
        None,
        "CVE request: {{ case.title }} in {{ case.product }}",
        include_str!("../templates/cve-request.txt"),
    ),
];

/// Where a template in the catalog comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Shipped with Embargo, unchanged.
    BuiltIn,
    /// Shipped with Embargo, edited by the team (`template reset` restores it).
    Edited,
    /// Added by the team.
    Team,
}

/// One template and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CatalogEntry {
    /// The template as it will render.
    #[serde(flatten)]
    pub template: Template,
    /// Built-in, edited or the team's own.
    pub origin: Origin,
}

/// Every template a team can draft from.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
}

/// The shipped version of a built-in template.
pub fn builtin(id: &str) -> Option<Template> {
    BUILTINS
        .iter()
        .find(|b| b.0 == id)
        .map(|&(id, title, audience, meets, subject, body)| Template {
            id: id.to_owned(),
            title: title.to_owned(),
            audience,
            meets: meets.map(str::to_owned),
            subject: subject.to_owned(),
            body: body.to_owned(),
        })
}

/// The ids of the built-in templates, in policy order.
pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|b| b.0)
}

impl Catalog {
    /// The built-ins overlaid with the team's templates (from
    /// [`embargo_domain::team_templates`]).
    pub fn new(team: &BTreeMap<String, Template>) -> Self {
        let mut entries: Vec<CatalogEntry> = builtin_ids()
            .filter_map(builtin)
            .map(|shipped| match team.get(&shipped.id) {
                Some(edited) => CatalogEntry {
                    template: edited.clone(),
                    origin: Origin::Edited,
                },
                None => CatalogEntry {
                    template: shipped,
                    origin: Origin::BuiltIn,
                },
            })
            .collect();
        entries.extend(
            team.values()
                .filter(|t| builtin(&t.id).is_none())
                .map(|t| CatalogEntry {
                    template: t.clone(),
                    origin: Origin::Team,
                }),
        );
        Self { entries }
    }

    /// Every template: built-ins in policy order, then the team's by id.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// The template with this id.
    pub fn get(&self, id: &str) -> Result<&CatalogEntry, DraftError> {
        self.entries
            .iter()
            .find(|e| e.template.id == id.trim())
            .ok_or_else(|| DraftError::UnknownTemplate {
                id: id.trim().to_owned(),
                known: self
                    .entries
                    .iter()
                    .map(|e| e.template.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
