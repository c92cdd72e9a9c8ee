use anyhow::Context as _;
use chrono::{DateTime, Utc};
use embargo_api::{CaseFilter, NewCase};
use serde::Serialize;

use crate::cli::{CaseCommand, ChecklistAction};
use crate::context::Context;
use crate::{human, human_agenda, typed_args};

#[derive(Serialize)]
struct Opened {
    id: String,
}

pub fn run(context: &Context, command: CaseCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    let shown = match command {
        CaseCommand::New {
            title,
            reporter_name,
            reporter_email,
            received,
        } => {
            let received_at = received
                .map(|text| {
                    DateTime::parse_from_rfc3339(&text)
                        .map(|t| t.with_timezone(&Utc))
                        .with_context(|| format!("--received {text:?} is not an RFC 3339 instant (e.g. 2026-11-24T09:00:00Z)"))
                })
                .transpose()?;
            let id = session.new_case(NewCase {
                title,
                reporter_name,
                reporter_email,
                received_at,
                channel: None,
            })?;
            context.print(&Opened { id: id.to_string() }, |o| o.id.clone())?;
            return Ok(0);
        }
        CaseCommand::List {
            status,
            view: None,
            sort: None,
        } => {
            let rows = session.list(typed_args::status_flag(status.as_deref())?)?;
            context.print(&rows, |rows| human::case_table(rows))?;
            return Ok(0);
        }
        CaseCommand::List { status, view, sort } => {
            let page = session.case_page(&CaseFilter {
                status: typed_args::status_flag(status.as_deref())?,
                view,
                sort,
                ..CaseFilter::default()
            })?;
            context.print(&page.rows, |rows| {
                human_agenda::agenda_table(rows, page.now)
            })?;
            return Ok(0);
        }
        CaseCommand::Show { id } => id,
        CaseCommand::Set { id, field, value } => {
            session.set_field(&id, typed_args::field(&field)?, &value)?;
            id
        }
        CaseCommand::Move { id, status } => {
            session.move_case(&id, typed_args::status(&status)?)?;
            id
        }
        CaseCommand::Reopen { id } => {
            session.reopen_case(&id)?;
            id
        }
        CaseCommand::Line {
            id,
            line,
            affected,
            fixed,
            fix_state,
        } => {
            session.set_release_line(
                &id,
                &line,
                typed_args::affected(&affected)?,
                fixed.as_deref(),
                typed_args::fix_state(&fix_state)?,
            )?;
            id
        }
        CaseCommand::Checklist { id, action } => {
            match action {
                ChecklistAction::Add { text } => session.add_checklist_item(&id, &text)?,
                ChecklistAction::Done { number } => {
                    session.set_checklist_done(&id, number, true)?
                }
                ChecklistAction::Undone { number } => {
                    session.set_checklist_done(&id, number, false)?
                }
            }
            id
        }
        deadline @ (CaseCommand::Log { .. }
        | CaseCommand::NeedsInfo { .. }
        | CaseCommand::InfoReceived { .. }
        | CaseCommand::Deadlines { .. }) => {
            return super::deadlines::case(context, &mut session, deadline);
        }
        triage @ (CaseCommand::Duplicate { .. }
        | CaseCommand::Missing { .. }
        | CaseCommand::RequestInfo { .. }) => {
            return super::triage::case(context, &mut session, triage);
        }
        CaseCommand::SaveAttachment {
            id,
            name,
            output,
            force,
        } => {
            let bytes = session.attachment(&id, &name)?;
            let output = context.path(&output);
            super::output::write_new(&output, &bytes, force)?;
            context.print(
                &serde_json::json!({ "saved": output.display().to_string() }),
                |_| format!("saved {name} to {}", output.display()),
            )?;
            return Ok(0);
        }
    };
    let view = session.show(&shown)?;
    context.print(&view, human::case_view)?;
    Ok(0)
}

pub fn note(context: &Context, id: &str, text: &str) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    session.add_note(id, text)?;
    let view = session.show(id)?;
    context.print(&view, human::case_view)?;
    Ok(0)
}
