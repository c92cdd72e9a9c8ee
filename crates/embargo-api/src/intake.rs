//! The intake folder: a folder on this device (a Maildir that a mail fetcher
//! fills, or any folder of `.eml` files) whose new messages become cases without
//! a click. This module holds the setting and what the front ends are shown; one
//! pass is in `intake_pass`, the loop the app, the agent and `embargo intake
//! --watch` run in `intake_watch`.
//!
//! What the intake did with each file is remembered in the vault's device-local
//! settings (never in a file beside it): per file, its size, modification time and
//! verdict; per content (SHA-256), the verdict, so a copy under another name is
//! recognised. Nothing in the folder is ever moved, changed or deleted.

use std::path::{Path, PathBuf};

use embargo_domain::{CaseId, Progress};
use serde::{Deserialize, Serialize};

use crate::device_settings::INTAKE_FILE_PREFIX;
use crate::folder_watch::Step;
use crate::{ApiError, DeviceSetting, ImportAction, Input, Session};

/// A file of the intake folder that was not imported, and why (in words that
/// never quote the file's content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IntakeProblem {
    /// The file's full path.
    pub file: String,
    /// Why it was not imported.
    pub reason: String,
}

/// A message the intake filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntakeImport {
    /// The file's full path.
    pub file: String,
    /// `EMB-YYYY-NNNN` of its case.
    pub case_id: String,
    /// A new case, or a message joining one.
    pub action: ImportAction,
    /// The case.
    #[serde(skip)]
    pub case: CaseId,
    /// The case's title: embargoed, only for a notice whose user allowed titles
    /// (never printed or logged).
    #[serde(skip)]
    pub title: String,
}

/// What one intake pass did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntakeReport {
    /// The folder it read.
    pub folder: String,
    /// Messages filed, oldest first.
    pub imported: Vec<IntakeImport>,
    /// Files whose message was already in the vault (the same bytes under
    /// another name, or the same Message-ID): nothing imported.
    pub duplicates: Vec<String>,
    /// Files newly found that cannot be imported (each reported once; a file is
    /// looked at again when it changes).
    pub problems: Vec<IntakeProblem>,
}

impl IntakeReport {
    /// Whether the pass found nothing new.
    pub fn is_empty(&self) -> bool {
        self.imported.is_empty() && self.duplicates.is_empty() && self.problems.is_empty()
    }
}

/// The intake as Settings shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IntakeStatus {
    /// The folder, if one is set.
    pub folder: Option<String>,
    /// The files of the folder that were not imported, and why.
    pub problems: Vec<IntakeProblem>,
}

/// What the intake decided about a file or a content (stored as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub(crate) enum Verdict {
    /// Its message is in this case (imported now or before).
    Imported {
        /// `EMB-YYYY-NNNN`.
        case_id: String,
    },
    /// Not imported, and why.
    Refused {
        /// Why, in words without the file's content.
        reason: String,
    },
}

/// A file as the intake last saw it (stored as JSON): while its size and
/// modification time stay the same it is not read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    pub(crate) size: u64,
    pub(crate) modified_ns: Option<u64>,
    #[serde(flatten)]
    pub(crate) verdict: Verdict,
}

impl Session {
    /// This device's intake folder, if one is set.
    pub fn intake_folder(&self) -> Result<Option<PathBuf>, ApiError> {
        Ok(self
            .device_setting(DeviceSetting::IntakeFolder)?
            .map(PathBuf::from))
    }

    /// Watch `folder` for new reports from now on (this device only). It must be
    /// an existing folder, named by its full path.
    pub fn set_intake_folder(&mut self, folder: &Path) -> Result<(), ApiError> {
        let invalid = |problem: String| ApiError::invalid(Input::IntakeFolder, problem);
        if !folder.is_absolute() {
            return Err(invalid(format!(
                "{} is not a full path; give the folder from the root",
                folder.display()
            )));
        }
        if !folder.is_dir() {
            return Err(invalid(format!("{} is not a folder", folder.display())));
        }
        let Some(text) = folder.to_str() else {
            return Err(invalid(format!(
                "{} is not valid UTF-8; rename the folder",
                folder.display()
            )));
        };
        self.set_device_setting(DeviceSetting::IntakeFolder, text)
    }

    /// Stop watching an intake folder. What was imported stays remembered, so
    /// setting the folder again imports nothing twice.
    pub fn clear_intake_folder(&mut self) -> Result<(), ApiError> {
        self.remember(&[(DeviceSetting::IntakeFolder.key(), None)])
    }

    /// The folder and the files of it that were not imported, and why.
    pub fn intake_status(&self) -> Result<IntakeStatus, ApiError> {
        let folder = self.intake_folder()?;
        let problems = self
            .intake_records()?
            .into_iter()
            .filter_map(|(file, record)| match record.verdict {
                Verdict::Refused { reason } => Some(IntakeProblem { file, reason }),
                Verdict::Imported { .. } => None,
            })
            .collect();
        Ok(IntakeStatus {
            folder: folder.map(|folder| folder.display().to_string()),
            problems,
        })
    }

    /// One intake pass now: import what is new in the folder. `None` when no
    /// intake folder is set (or `progress` stopped the pass; nothing was written).
    pub fn intake_once(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<Option<IntakeReport>, ApiError> {
        match self.intake_step(progress)? {
            Step::Idle | Step::Watched { outcome: None, .. } => Ok(None),
            Step::Watched {
                outcome: Some(outcome),
                ..
            } => outcome.map(Some),
        }
    }

    /// One pass of the loop: the folder it read and what it did there.
    pub(crate) fn intake_step(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<Step<IntakeReport>, ApiError> {
        let Some(folder) = self.intake_folder()? else {
            return Ok(Step::Idle);
        };
        let outcome = self.intake_pass(&folder, progress).transpose();
        Ok(Step::Watched { folder, outcome })
    }

    /// Every file the intake remembers, by full path.
    pub(crate) fn intake_records(&self) -> Result<Vec<(String, FileRecord)>, ApiError> {
        Ok(self
            .vault()
            .settings_with_prefix(INTAKE_FILE_PREFIX)?
            .into_iter()
            .filter_map(|(key, value)| {
                let path = key.strip_prefix(INTAKE_FILE_PREFIX)?.to_owned();
                // A record this version cannot read is as good as none: the file
                // is looked at again.
                serde_json::from_str(&value)
                    .ok()
                    .map(|record| (path, record))
            })
            .collect())
    }

    /// The verdict on a content seen before, by its SHA-256.
    pub(crate) fn intake_content(&self, sha256: &str) -> Result<Option<Verdict>, ApiError> {
        Ok(self
            .device_setting(DeviceSetting::IntakeContent { sha256 })?
            .and_then(|value| serde_json::from_str(&value).ok()))
    }

    /// Write device settings in one transaction (`None` removes one).
    pub(crate) fn remember(
        &mut self,
        settings: &[(String, Option<String>)],
    ) -> Result<(), ApiError> {
        self.record_and_remember(Vec::new(), &[], settings)
    }
}
