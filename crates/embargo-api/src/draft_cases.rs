//! Drafts on a case: render from a template, edit, export as .eml or mailto,
//! and record as sent (outgoing correspondence that meets the policy's deadline).
//!
//! A draft is named `CASE/Dn` (e.g. `EMB-2026-0042/D1`, or `42/D1` with any case
//! id form `resolve` accepts), or by a unique prefix of its UUID.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use embargo_domain::{Audience, Case, CaseId, Change, Direction, Draft, Message};
use embargo_drafts::{Person, TemplateContext, addressing, eml, mailto, render};
use uuid::Uuid;

use crate::draft_preview::DraftText;
use crate::{ApiError, DraftView, Input, Refusal, Session};

impl Session {
    /// Render `template` on the case as a new draft; returns it (its id is `CASE/Dn`).
    pub fn new_draft(&mut self, case: &str, template: &str) -> Result<DraftView, ApiError> {
        let case_id = self.resolve(case)?;
        let case = self.case(case_id)?;
        let entry = self.template(template)?;
        let settings = self.export_settings()?;
        // Open deadlines become `deadlines.<rule>` so a reply can promise a date.
        let deadlines: BTreeMap<String, DateTime<Utc>> = self
            .case_deadlines(&case.human_id.to_string())?
            .into_iter()
            .filter(|d| d.state.is_open())
            .filter_map(|d| Some((d.rule, d.due_at?)))
            .collect();
        let context = TemplateContext::new(&case, &settings, &self.sender(), self.now())
            .with_deadlines(&deadlines);
        let rendered = render(&entry.template, &context)?;
        let draft_id = Uuid::new_v4();
        self.record(
            case_id,
            vec![Change::DraftCreated {
                draft_id,
                template_id: entry.template.id.clone(),
                audience: entry.template.audience,
                meets: entry.template.meets.clone(),
                subject: rendered.subject,
                body: rendered.body,
            }],
        )?;
        self.draft_by_uuid(case_id, draft_id)
    }

    /// The drafts of a case, oldest first.
    pub fn drafts(&self, case: &str) -> Result<Vec<DraftView>, ApiError> {
        let case = self.case(self.resolve(case)?)?;
        Ok(case
            .drafts
            .iter()
            .map(|d| DraftView::new(&case, d))
            .collect())
    }

    /// One draft.
    pub fn draft(&self, draft: &str) -> Result<DraftView, ApiError> {
        let (case, draft) = self.find_draft(draft)?;
        Ok(DraftView::new(&case, &draft))
    }

    /// Change a draft's subject and/or body; refused once it is sent.
    pub fn edit_draft(
        &mut self,
        draft: &str,
        subject: Option<String>,
        body: Option<String>,
    ) -> Result<DraftView, ApiError> {
        let (case, draft) = self.find_draft(draft)?;
        let name = DraftView::name(&case, &draft);
        if let Some(at) = draft.sent_at {
            return Err(Refusal::DraftSent { draft: name, at }.into());
        }
        if subject.is_none() && body.is_none() {
            return Err(Refusal::NothingToChange {
                inputs: vec![Input::Subject, Input::Body],
            }
            .into());
        }
        let text = DraftText::new(&draft, subject, body);
        if let Some((input, problem)) = text.problem() {
            return Err(ApiError::invalid(input, problem));
        }
        // Saving the text already shown still matters while versions compete:
        // it is how a person picks that version and resolves the conflict.
        if text.subject == draft.subject && text.body == draft.body && draft.conflict.is_empty() {
            return Ok(DraftView::new(&case, &draft));
        }
        self.record(
            case.id,
            vec![Change::DraftEdited {
                draft_id: draft.id,
                subject: text.subject,
                body: text.body,
                base: draft.head,
            }],
        )?;
        self.draft_by_uuid(case.id, draft.id)
    }

    /// The draft as an RFC 5322 message dated now, ready to open in a mail client.
    pub fn draft_eml(&self, draft: &str) -> Result<(DraftView, Vec<u8>), ApiError> {
        let (case, draft) = self.find_draft(draft)?;
        let settings = self.export_settings()?;
        let bytes = eml(&case, &draft, &settings, &self.sender(), self.now())?;
        Ok((DraftView::new(&case, &draft), bytes))
    }

    /// The draft as a `mailto:` URL.
    pub fn draft_mailto(&self, draft: &str) -> Result<String, ApiError> {
        let (case, draft) = self.find_draft(draft)?;
        Ok(mailto(&case, &draft, &self.export_settings()?)?)
    }

    /// Record that the handler sent the draft at `at` (default now): it becomes
    /// outgoing correspondence and meets its template's policy rule.
    pub fn mark_draft_sent(
        &mut self,
        draft: &str,
        at: Option<DateTime<Utc>>,
    ) -> Result<DraftView, ApiError> {
        let (case, draft) = self.find_draft(draft)?;
        let name = DraftView::name(&case, &draft);
        if let Some(sent) = draft.sent_at {
            return Err(Refusal::AlreadySent {
                draft: name,
                at: sent,
            }
            .into());
        }
        let now = self.now();
        let at = at.unwrap_or(now);
        if at > now {
            return Err(Refusal::SentInFuture { at }.into());
        }
        if at < draft.created_at {
            return Err(Refusal::SentBeforeWritten {
                at,
                draft: name,
                written: draft.created_at,
            }
            .into());
        }
        let sender = self.sender();
        let to = addressing(&case, &draft, &self.export_settings()?).ok();
        let message = Message {
            id: Uuid::new_v4(),
            direction: Direction::Outgoing,
            from: format!("{} <{}>", sender.name, sender.email),
            to: to.iter().map(|a| a.to.clone()).collect(),
            subject: draft.subject.clone(),
            date: at,
            body: draft.body.clone(),
            message_id: Some(draft.message_id(&sender.email)),
            in_reply_to: to
                .and_then(|a| a.in_reply_to)
                .filter(|_| draft.audience == Audience::Reporter)
                .into_iter()
                .collect(),
            attachment_ids: Vec::new(),
        };
        let mut changes = vec![
            Change::DraftSent {
                draft_id: draft.id,
                at,
            },
            Change::MessageAdded { message },
        ];
        if let Some(rule) = &draft.meets {
            changes.push(Change::DeadlineMet {
                rule: rule.clone(),
                at,
            });
        }
        // Once the reporter is asked for what the report lacks, the case waits on
        // them: the clocks that pause while waiting stop.
        if draft.template_id == crate::triage::REQUEST_INFO_TEMPLATE && !case.waiting_on_reporter {
            changes.push(Change::ReporterWait { waiting: true });
        }
        self.record(case.id, changes)?;
        self.draft_by_uuid(case.id, draft.id)
    }

    /// The vault's owner, who sends the drafts.
    pub(crate) fn sender(&self) -> Person {
        let identity = self.vault().public_identity();
        Person {
            name: identity.name.clone(),
            email: identity.email.clone(),
        }
    }

    pub(crate) fn draft_by_uuid(
        &self,
        case_id: CaseId,
        draft_id: Uuid,
    ) -> Result<DraftView, ApiError> {
        let case = self.case(case_id)?;
        case.drafts
            .iter()
            .find(|d| d.id == draft_id)
            .map(|d| DraftView::new(&case, d))
            .ok_or_else(|| ApiError::DraftNotFound(format!("no draft {draft_id}")))
    }

    /// Find the draft a person meant: `CASE/Dn`, or a unique prefix of its UUID.
    pub(crate) fn find_draft(&self, typed: &str) -> Result<(Case, Draft), ApiError> {
        let typed = typed.trim();
        if let Some((case_part, draft_part)) = typed.rsplit_once('/') {
            let case = self.case(self.resolve(case_part)?)?;
            let number = draft_part
                .strip_prefix(['D', 'd'])
                .unwrap_or(draft_part)
                .parse::<u32>()
                .map_err(|_| {
                    ApiError::invalid(
                        Input::DraftId,
                        format!("{draft_part:?} is not a draft number; drafts are D1, D2, …"),
                    )
                })?;
            let draft = case.drafts.iter().find(|d| d.number == number).cloned();
            return match draft {
                Some(draft) => Ok((case, draft)),
                None => Err(ApiError::DraftNotFound(no_such_draft(&case, number))),
            };
        }
        let prefix = typed.to_ascii_lowercase().replace('-', "");
        if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ApiError::DraftNotFound(format!(
                "no draft {typed:?}; name a draft as CASE/Dn (e.g. EMB-2026-0042/D1) or by its id"
            )));
        }
        let mut found = Vec::new();
        for case in self.vault().cases()? {
            for draft in &case.drafts {
                if draft.id.simple().to_string().starts_with(&prefix) {
                    found.push((case.clone(), draft.clone()));
                }
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err(ApiError::DraftNotFound(format!(
                "no draft has an id starting {typed:?}"
            ))),
            _ => Err(ApiError::invalid(
                Input::DraftId,
                format!(
                    "{typed:?} matches several drafts: {}; type more of the id",
                    found
                        .iter()
                        .map(|(case, draft)| DraftView::name(case, draft))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
}

fn no_such_draft(case: &Case, number: u32) -> String {
    if case.drafts.is_empty() {
        format!(
            "{} has no drafts yet; start one from a template",
            case.human_id
        )
    } else {
        let names: Vec<String> = case.drafts.iter().map(Draft::short_name).collect();
        format!(
            "{} has no draft D{number} (it has {})",
            case.human_id,
            names.join(", ")
        )
    }
}
