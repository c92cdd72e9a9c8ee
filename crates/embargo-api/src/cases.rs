use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use embargo_domain::{
    Affected, CaseField, CaseId, Change, FieldName, FixState, HumanId, ReleaseLine, Reporter,
    Status, validate_email,
};
use embargo_vault::CaseSummary;
use uuid::Uuid;

use crate::{ApiError, CaseView, Input, Session};

/// What a handler knows when opening a case by hand.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewCase {
    /// Short title.
    pub title: String,
    /// Reporter's name.
    pub reporter_name: Option<String>,
    /// Reporter's e-mail.
    pub reporter_email: Option<String>,
    /// When the report arrived; defaults to now.
    pub received_at: Option<DateTime<Utc>>,
    /// How it arrived; defaults to "e-mail" when there is an address, else "manual".
    pub channel: Option<String>,
}

impl Session {
    /// Open a case; returns its `EMB-YYYY-NNNN` id.
    pub fn new_case(&mut self, new: NewCase) -> Result<HumanId, ApiError> {
        let title = new.title.trim();
        if title.is_empty() {
            return Err(ApiError::invalid(Input::Title, "a case needs a title"));
        }
        let email = match new
            .reporter_email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            Some(email) => Some(validate_email(email)?),
            None => None,
        };
        let received_at = new.received_at.unwrap_or_else(|| self.now());
        let human_id = HumanId {
            year: received_at.year(),
            number: self.vault().next_case_number(received_at.year())?,
        };
        let channel = new
            .channel
            .unwrap_or_else(|| if email.is_some() { "e-mail" } else { "manual" }.to_owned());
        self.record(
            CaseId::random(),
            vec![Change::CaseOpened {
                human_id,
                title: title.to_owned(),
                reporter: Reporter {
                    name: new
                        .reporter_name
                        .map(|n| n.trim().to_owned())
                        .filter(|n| !n.is_empty()),
                    email,
                    credit: None,
                },
                received_at,
                channel,
            }],
        )?;
        Ok(human_id)
    }

    /// Set one field from the text typed for it (validated here; empty clears an
    /// optional field).
    pub fn set_field(&mut self, id: &str, name: FieldName, value: &str) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        let field = CaseField::parse(name, value)?;
        self.record(case_id, vec![Change::FieldSet { field }])
    }

    /// Move a case along the workflow; refused with what is missing if the policy
    /// does not allow it.
    pub fn move_case(&mut self, id: &str, to: Status) -> Result<Status, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        case.check_move(to)?;
        self.record(
            case_id,
            vec![Change::StatusMoved {
                from: case.status,
                to,
            }],
        )?;
        Ok(to)
    }

    /// Reopen a closed or end-state case: back to triaging, or to published for a
    /// case closed after its advisory. Recorded as a status move, so the timeline
    /// shows it and teammates on older releases fold it the same way.
    pub fn reopen_case(&mut self, id: &str) -> Result<Status, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        let to = case.reopen_target(&self.vault().events(case_id)?)?;
        self.record(
            case_id,
            vec![Change::StatusMoved {
                from: case.status,
                to,
            }],
        )?;
        Ok(to)
    }

    /// Add a private note.
    pub fn add_note(&mut self, id: &str, text: &str) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        if text.trim().is_empty() {
            return Err(ApiError::invalid(Input::Note, "a note needs some text"));
        }
        self.record(
            case_id,
            vec![Change::NoteAdded {
                note_id: Uuid::new_v4(),
                text: text.to_owned(),
            }],
        )
    }

    /// Add a checklist item.
    pub fn add_checklist_item(&mut self, id: &str, text: &str) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        if text.trim().is_empty() {
            return Err(ApiError::invalid(
                Input::ChecklistItem,
                "a checklist item needs some text",
            ));
        }
        self.record(
            case_id,
            vec![Change::ChecklistItemAdded {
                item_id: Uuid::new_v4(),
                text: text.trim().to_owned(),
            }],
        )
    }

    /// Tick (or untick) checklist item number `position` (1-based, as listed).
    pub fn set_checklist_done(
        &mut self,
        id: &str,
        position: usize,
        done: bool,
    ) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        let item = position
            .checked_sub(1)
            .and_then(|i| case.checklist.get(i))
            .ok_or_else(|| {
                ApiError::invalid(
                    Input::ChecklistPosition,
                    format!(
                        "{} has no checklist item {position} (it has {})",
                        case.human_id,
                        case.checklist.len()
                    ),
                )
            })?;
        self.record(
            case_id,
            vec![Change::ChecklistItemDone {
                item_id: item.id,
                done,
            }],
        )
    }

    /// Add or update one line of the release-line matrix.
    pub fn set_release_line(
        &mut self,
        id: &str,
        line: &str,
        affected: Affected,
        fixed_version: Option<&str>,
        fix_state: FixState,
    ) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        let line = line.trim();
        if line.is_empty() {
            return Err(ApiError::invalid(
                Input::ReleaseLine,
                "a release line needs a name, e.g. 20.x",
            ));
        }
        let release_line = ReleaseLine {
            line: line.to_owned(),
            affected,
            fixed_version: fixed_version
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned),
            fix_state,
        };
        self.record(case_id, vec![Change::ReleaseLineSet { release_line }])
    }

    /// Case list rows, newest first, optionally of one status.
    pub fn list(&self, status: Option<Status>) -> Result<Vec<CaseSummary>, ApiError> {
        let listed = self.case_summaries()?;
        Ok(listed
            .rows
            .iter()
            .filter(|row| status.is_none_or(|status| row.status == status.as_str()))
            .cloned()
            .collect())
    }

    /// Everything about one case, for display.
    pub fn show(&self, id: &str) -> Result<CaseView, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        let timeline = self.vault().timeline(case_id)?;
        let mut stored = std::collections::HashMap::new();
        for attachment in &case.attachments {
            let here = self.vault().has_attachment(&attachment.sha256)?;
            stored.insert(attachment.sha256.clone(), here);
        }
        Ok(CaseView::new(case, timeline, |sha256| {
            stored.get(sha256).copied().unwrap_or(false)
        }))
    }

    /// Full-text search, best first.
    pub fn search(&self, query: &str) -> Result<Vec<CaseSummary>, ApiError> {
        Ok(self.vault().search(query, 50)?)
    }

    pub(crate) fn case(&self, case_id: CaseId) -> Result<embargo_domain::Case, ApiError> {
        self.vault()
            .case(case_id)?
            .ok_or_else(|| ApiError::CaseNotFound(case_id.to_string()))
    }
}

impl Session {
    /// The stored bytes of the attachment called `name` on a case.
    pub fn attachment(&self, id: &str, name: &str) -> Result<Vec<u8>, ApiError> {
        let case = self.case(self.resolve(id)?)?;
        let attachment = case
            .attachments
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| {
                ApiError::NotFound(format!(
                    "{} has no attachment named {name:?}",
                    case.human_id
                ))
            })?;
        self.vault()
            .attachment_bytes(&attachment.sha256)?
            .ok_or_else(|| ApiError::NotArrived {
                case: case.human_id.to_string(),
                name: name.to_owned(),
            })
    }

    /// Write a case's attachment to `destination`, a file the person chose,
    /// through the one writer ([`crate::save_file`]): owner-only, atomic, never
    /// through a link, and over an existing file only when `replace` says so.
    pub fn save_attachment(
        &self,
        id: &str,
        name: &str,
        destination: &Path,
        replace: bool,
    ) -> Result<u64, ApiError> {
        let bytes = self.attachment(id, name)?;
        crate::save_file(destination, &bytes, crate::Existing::replace_if(replace))
    }
}
