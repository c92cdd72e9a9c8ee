use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use embargo_domain::{Attachment, CaseId, Change, Direction, HumanId, Message, Progress, Reporter};
use embargo_mail::ParsedMessage;
use embargo_vault::NewAttachment;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{ApiError, Input, Session};

/// What importing one message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum ImportAction {
    /// Opened a new case.
    Created,
    /// Joined an existing case's correspondence (a reply in its thread).
    Attached,
    /// This exact message (same Message-ID) is already in the vault; nothing changed.
    AlreadyImported,
}

/// The result for one message of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOutcome {
    /// `EMB-YYYY-NNNN` of the case it went to.
    pub case_id: String,
    /// What happened.
    pub action: ImportAction,
    /// The file it came from.
    pub file: String,
    /// Things the user should know (e.g. a missing Date header).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One file (or standard input) read and parsed: its name, its modification time
/// (the fallback date), its messages.
pub(crate) type Source<'a> = (&'a Path, Option<DateTime<Utc>>, Vec<ParsedMessage>);

/// Where a message goes, decided before anything is written.
pub(crate) struct Plan {
    batches: Vec<(CaseId, Vec<Change>)>,
    attachments: Vec<NewAttachment>,
    /// One per message, in the order filed (oldest first).
    pub(crate) outcomes: Vec<ImportOutcome>,
    /// The case of each outcome.
    pub(crate) cases: Vec<CaseId>,
    threads: HashMap<String, (CaseId, HumanId)>,
    next_numbers: HashMap<i32, u32>,
}

impl Session {
    /// Import `.eml` and mbox files. Every file is read and parsed before anything
    /// is written, so one bad file leaves the vault unchanged.
    pub fn import(&mut self, files: &[PathBuf]) -> Result<Vec<ImportOutcome>, ApiError> {
        self.import_watched(files, &mut embargo_domain::Unwatched)
    }

    /// [`Session::import`], telling `progress` how far it has got (a large mbox
    /// holds thousands of messages).
    pub fn import_watched(
        &mut self,
        files: &[PathBuf],
        progress: &mut dyn Progress,
    ) -> Result<Vec<ImportOutcome>, ApiError> {
        progress.phase("reading mail", Some(files.len() as u64));
        let mut parsed = Vec::new();
        for file in files {
            let bytes = std::fs::read(file).map_err(|reason| ApiError::File {
                file: file.clone(),
                reason,
            })?;
            let messages = embargo_mail::parse_file(&bytes).map_err(|reason| ApiError::Mail {
                file: file.clone(),
                reason,
            })?;
            parsed.push((file.as_path(), file_modified(file), messages));
            progress.advance(1);
        }
        self.import_parsed(parsed, progress)
    }

    /// Import what a mail client piped in: one message, or with `mbox` a whole
    /// mailbox. `source` names it in outcomes and errors ("stdin"). A single
    /// message may carry an mbox `From ` line (procmail and maildrop hand it on);
    /// several messages without `mbox` are refused, so a mailbox piped by mistake
    /// does not become a pile of cases.
    pub fn import_bytes(
        &mut self,
        source: &Path,
        bytes: &[u8],
        mbox: bool,
        progress: &mut dyn Progress,
    ) -> Result<Vec<ImportOutcome>, ApiError> {
        progress.phase("reading mail", Some(1));
        let mail_error = |reason| ApiError::Mail {
            file: source.to_path_buf(),
            reason,
        };
        let messages = embargo_mail::parse_file(bytes).map_err(mail_error)?;
        if !mbox && messages.len() > 1 {
            return Err(ApiError::invalid(
                Input::Mailbox,
                format!(
                    "{} holds {} messages: import it as a mailbox (mbox)",
                    source.display(),
                    messages.len()
                ),
            ));
        }
        progress.advance(1);
        self.import_parsed(vec![(source, None, messages)], progress)
    }

    fn import_parsed(
        &mut self,
        parsed: Vec<Source<'_>>,
        progress: &mut dyn Progress,
    ) -> Result<Vec<ImportOutcome>, ApiError> {
        let plan = self.plan_import(parsed, progress)?;
        progress.phase("saving", None);
        self.record_with_attachments(plan.batches, &plan.attachments)?;
        Ok(plan.outcomes)
    }

    /// Where each message of `parsed` goes, with nothing written yet.
    pub(crate) fn plan_import(
        &self,
        parsed: Vec<Source<'_>>,
        progress: &mut dyn Progress,
    ) -> Result<Plan, ApiError> {
        let mut plan = Plan {
            batches: Vec::new(),
            attachments: Vec::new(),
            outcomes: Vec::new(),
            cases: Vec::new(),
            threads: HashMap::new(),
            next_numbers: HashMap::new(),
        };
        // Oldest first, so a reply imported together with its original (in any file
        // order) finds the original's case.
        let mut messages: Vec<_> = parsed
            .into_iter()
            .flat_map(|(file, modified, messages)| {
                messages.into_iter().map(move |mail| (file, modified, mail))
            })
            .collect();
        messages.sort_by_key(|(_, modified, mail)| mail.date.or(*modified));
        progress.phase("filing messages", Some(messages.len() as u64));
        for (file, modified, mail) in messages {
            self.plan_message(&mut plan, file, modified, mail)?;
            progress.advance(1);
        }
        Ok(plan)
    }

    /// Write what `plan` decided and `settings` (`None` removes one) in one
    /// transaction.
    pub(crate) fn commit_import(
        &mut self,
        plan: Plan,
        settings: &[(String, Option<String>)],
    ) -> Result<(), ApiError> {
        self.record_and_remember(plan.batches, &plan.attachments, settings)
    }

    fn plan_message(
        &self,
        plan: &mut Plan,
        file: &Path,
        modified: Option<DateTime<Utc>>,
        mail: ParsedMessage,
    ) -> Result<(), ApiError> {
        let file_name = file.display().to_string();
        let mut warnings = Vec::new();
        if let Some(id) = mail.message_id.as_deref()
            && let Some((case, human_id)) = self.thread_of(plan, id)?
        {
            plan.cases.push(case);
            plan.outcomes.push(ImportOutcome {
                case_id: human_id.to_string(),
                action: ImportAction::AlreadyImported,
                file: file_name,
                warnings,
            });
            return Ok(());
        }
        let date = match mail.date {
            Some(date) => date,
            None => {
                let fallback = modified.unwrap_or_else(|| self.now());
                warnings.push(format!(
                    "{file_name}: the message has no usable Date header; using the file's modification time {}",
                    fallback.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                ));
                fallback
            }
        };
        let mut thread = None;
        for parent in mail.in_reply_to.iter().chain(&mail.references) {
            if let Some(found) = self.thread_of(plan, parent)? {
                thread = Some(found);
                break;
            }
        }
        let message_changes = self.message_changes(plan, &mail, date);
        let (case_id, human_id, action, mut changes) = match thread {
            Some((case_id, human_id)) => (case_id, human_id, ImportAction::Attached, Vec::new()),
            None => {
                let human_id = self.allocate_human_id(plan, date)?;
                let opened = Change::CaseOpened {
                    human_id,
                    title: if mail.subject.trim().is_empty() {
                        "(no subject)".to_owned()
                    } else {
                        mail.subject.trim().to_owned()
                    },
                    reporter: Reporter {
                        name: mail.from_name.clone(),
                        email: mail.from_email.clone(),
                        credit: None,
                    },
                    received_at: date,
                    channel: "e-mail".to_owned(),
                };
                (
                    CaseId::random(),
                    human_id,
                    ImportAction::Created,
                    vec![opened],
                )
            }
        };
        changes.extend(message_changes);
        if let Some(id) = &mail.message_id {
            plan.threads.insert(id.clone(), (case_id, human_id));
        }
        plan.batches.push((case_id, changes));
        plan.cases.push(case_id);
        plan.outcomes.push(ImportOutcome {
            case_id: human_id.to_string(),
            action,
            file: file_name,
            warnings,
        });
        Ok(())
    }

    /// The message and its attachments as changes; attachment bytes go into the plan.
    fn message_changes(
        &self,
        plan: &mut Plan,
        mail: &ParsedMessage,
        date: DateTime<Utc>,
    ) -> Vec<Change> {
        let mut changes = Vec::new();
        let mut attachment_ids = Vec::new();
        for part in &mail.attachments {
            let sha256 = hex::encode(Sha256::digest(&part.data));
            let attachment = Attachment {
                id: Uuid::new_v4(),
                name: part.name.clone(),
                size: part.data.len() as u64,
                media_type: part.media_type.clone(),
                sha256: sha256.clone(),
            };
            attachment_ids.push(attachment.id);
            plan.attachments.push(NewAttachment {
                sha256,
                data: part.data.clone(),
            });
            changes.push(Change::AttachmentAdded { attachment });
        }
        let own_email = &self.vault().public_identity().email;
        let direction = match &mail.from_email {
            Some(from) if from.eq_ignore_ascii_case(own_email) => Direction::Outgoing,
            _ => Direction::Incoming,
        };
        let from = match (&mail.from_name, &mail.from_email) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (None, Some(email)) => email.clone(),
            (Some(name), None) => name.clone(),
            (None, None) => "(unknown sender)".to_owned(),
        };
        let mut in_reply_to = mail.in_reply_to.clone();
        in_reply_to.extend(
            mail.references
                .iter()
                .filter(|r| !mail.in_reply_to.contains(r))
                .cloned(),
        );
        changes.insert(
            0,
            Change::MessageAdded {
                message: Message {
                    id: Uuid::new_v4(),
                    direction,
                    from,
                    to: mail.to.clone(),
                    subject: mail.subject.clone(),
                    date,
                    body: mail.body.clone(),
                    message_id: mail.message_id.clone(),
                    in_reply_to,
                    attachment_ids,
                },
            },
        );
        changes
    }

    /// The case that already holds a message id: in the vault or earlier in this import.
    fn thread_of(
        &self,
        plan: &Plan,
        message_id: &str,
    ) -> Result<Option<(CaseId, HumanId)>, ApiError> {
        if let Some(found) = plan.threads.get(message_id) {
            return Ok(Some(*found));
        }
        match self.vault().case_for_message_id(message_id)? {
            Some(case_id) => Ok(Some((case_id, self.case(case_id)?.human_id))),
            None => Ok(None),
        }
    }

    fn allocate_human_id(
        &self,
        plan: &mut Plan,
        received: DateTime<Utc>,
    ) -> Result<HumanId, ApiError> {
        let year = received.year();
        let number = match plan.next_numbers.get(&year) {
            Some(next) => *next,
            None => self.vault().next_case_number(year)?,
        };
        plan.next_numbers.insert(year, number + 1);
        Ok(HumanId { year, number })
    }
}

fn file_modified(file: &Path) -> Option<DateTime<Utc>> {
    std::fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from)
}
