//! Advisories and machine-readable records from a case (`embargo advisory`,
//! `embargo export cve|osv|csaf`) and the team's export settings.

use embargo_domain::{Change, EXPORT_SETTING_KEYS, ExportSettings, team_export_settings};
use embargo_drafts::{CveExport, ExportInput, ExportKind, advisory_markdown, csaf, cve, osv};
use serde::Serialize;

use crate::{ApiError, Session};

/// An export, ready to write: its text and what the user should know about it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportOutput {
    /// Which export.
    pub kind: ExportKind,
    /// `EMB-YYYY-NNNN`.
    pub case: String,
    /// The Markdown, or the JSON document (pretty-printed).
    pub text: String,
    /// A note for the user (e.g. which CVE form was written).
    pub notice: Option<String>,
}

impl Session {
    /// The team's export settings.
    pub fn export_settings(&self) -> Result<ExportSettings, ApiError> {
        Ok(team_export_settings(&self.vault().team_events()?))
    }

    /// Set export settings (`key`, `value`; an empty value clears). All are
    /// validated before any is saved.
    pub fn set_export_settings(
        &mut self,
        pairs: &[(&str, &str)],
    ) -> Result<ExportSettings, ApiError> {
        let current = self.export_settings()?;
        let mut settings = current.clone();
        for (key, value) in pairs {
            settings.set(key, value)?;
        }
        if settings != current {
            self.record_team(vec![Change::ExportSettingsSaved {
                settings: settings.clone(),
            }])?;
        }
        Ok(settings)
    }

    /// The keys `set_export_settings` accepts, with what each takes.
    pub fn export_setting_keys() -> &'static [(&'static str, &'static str)] {
        EXPORT_SETTING_KEYS
    }

    /// What every export of a case is built from: the case, its log, the team's
    /// export settings.
    pub(crate) fn export_sources(
        &self,
        case: &str,
    ) -> Result<
        (
            embargo_domain::Case,
            Vec<embargo_domain::Event>,
            ExportSettings,
        ),
        ApiError,
    > {
        let case_id = self.resolve(case)?;
        Ok((
            self.case(case_id)?,
            self.vault().events(case_id)?,
            self.export_settings()?,
        ))
    }

    /// Build an export of a case; refused with what the case lacks unless ready.
    pub fn export(&self, case: &str, kind: ExportKind) -> Result<ExportOutput, ApiError> {
        let (case, events, settings) = self.export_sources(case)?;
        let input = ExportInput {
            case: &case,
            events: &events,
            settings: &settings,
        };
        let json = |value: serde_json::Value| -> Result<String, ApiError> {
            serde_json::to_string_pretty(&value)
                .map(|text| format!("{text}\n"))
                .map_err(|e| ApiError::Encoding(e.to_string()))
        };
        let to_value = |value: Result<serde_json::Value, serde_json::Error>| {
            value.map_err(|e| ApiError::Encoding(e.to_string()))
        };
        let (text, notice) = match kind {
            ExportKind::Advisory => (advisory_markdown(&input)?, None),
            ExportKind::Cve => {
                let export = cve(&input)?;
                let notice = match export {
                    CveExport::Record(_) => "the full CVE record (the case is public)",
                    CveExport::Container(_) => {
                        "the CNA container to submit for the CVE id (the full record follows once the case is announced)"
                    }
                };
                (
                    json(to_value(serde_json::to_value(&export))?)?,
                    Some(notice.to_owned()),
                )
            }
            ExportKind::Osv => (json(to_value(serde_json::to_value(osv(&input)?))?)?, None),
            ExportKind::Csaf => (json(to_value(serde_json::to_value(csaf(&input)?))?)?, None),
        };
        Ok(ExportOutput {
            kind,
            case: case.human_id.to_string(),
            text,
            notice,
        })
    }
}
