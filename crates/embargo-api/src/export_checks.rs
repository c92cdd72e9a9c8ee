//! Before exporting: what each export still needs, so the app can say it next to
//! the button instead of after a refusal, and the export settings' keys with help.

use embargo_domain::EXPORT_SETTING_KEYS;
use embargo_drafts::{ExportInput, ExportKind, Missing, missing_items};
use serde::Serialize;

use crate::{ApiError, Session};

/// Whether one export of a case can be made now, and if not, what it lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportCheck {
    /// Which export.
    pub kind: ExportKind,
    /// What the case or the team's export settings lack, as data the app words
    /// and links to the field that fixes it; empty when the export is ready.
    pub missing: Vec<Missing>,
}

/// One export setting a person can change, with what it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportSettingKey {
    /// The key `set_export_settings` takes, e.g. `cna-org-id`.
    pub key: String,
    /// What it is, e.g. "the CNA's organisation UUID in the CVE Program".
    pub help: String,
}

/// Every export, in the order the app offers them.
pub const EXPORT_KINDS: [ExportKind; 4] = [
    ExportKind::Advisory,
    ExportKind::Cve,
    ExportKind::Osv,
    ExportKind::Csaf,
];

impl Session {
    /// The readiness check of every export of a case (the same check each export
    /// runs before it writes anything).
    pub fn export_readiness(&self, case: &str) -> Result<Vec<ExportCheck>, ApiError> {
        let (case, events, settings) = self.export_sources(case)?;
        let input = ExportInput {
            case: &case,
            events: &events,
            settings: &settings,
        };
        Ok(EXPORT_KINDS
            .into_iter()
            .map(|kind| ExportCheck {
                kind,
                missing: missing_items(kind, &input),
            })
            .collect())
    }

    /// The export settings a person can change, with help for each.
    pub fn export_setting_help() -> Vec<ExportSettingKey> {
        EXPORT_SETTING_KEYS
            .iter()
            .map(|(key, help)| ExportSettingKey {
                key: (*key).to_owned(),
                help: (*help).to_owned(),
            })
            .collect()
    }
}
