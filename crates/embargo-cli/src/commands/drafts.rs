use anyhow::Context as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::output::write_new;
use super::text_input::{Sensitivity, edit_in_editor, read_body};
use crate::cli_drafts::DraftCommand;
use crate::context::Context;
use crate::human_drafts;

#[derive(Serialize)]
struct Written {
    draft: String,
    written: String,
}

#[derive(Serialize)]
struct Mailto {
    draft: String,
    mailto: String,
}

pub fn run(context: &Context, command: DraftCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    let draft = match command {
        DraftCommand::New { id, template } => {
            let draft = session.new_draft(&id, &template)?;
            context.print(&draft, |d| d.id.clone())?;
            return Ok(0);
        }
        DraftCommand::List { id } => {
            let drafts = session.drafts(&id)?;
            context.print(&drafts, |d| human_drafts::draft_table(d))?;
            return Ok(0);
        }
        DraftCommand::Show { draft } => session.draft(&draft)?,
        DraftCommand::Edit {
            draft,
            subject,
            body_file,
        } => {
            let body = match (&body_file, &subject) {
                (Some(path), _) => Some(read_body(context, path)?),
                (None, None) => {
                    let current = session.draft(&draft)?.body;
                    let edited = edit_in_editor(context, &current, Sensitivity::Embargoed)?;
                    if edited == current {
                        anyhow::bail!("the body is unchanged; nothing saved");
                    }
                    Some(edited)
                }
                (None, Some(_)) => None,
            };
            session.edit_draft(&draft, subject, body)?
        }
        DraftCommand::Export {
            draft,
            eml,
            mailto,
            force,
        } => {
            if mailto {
                let url = session.draft_mailto(&draft)?;
                let id = session.draft(&draft)?.id;
                context.print(
                    &Mailto {
                        draft: id,
                        mailto: url,
                    },
                    |m| m.mailto.clone(),
                )?;
            } else if let Some(path) = eml {
                let path = context.path(&path);
                let (view, bytes) = session.draft_eml(&draft)?;
                write_new(&path, &bytes, force)?;
                context.print(
                    &Written {
                        draft: view.id,
                        written: path.display().to_string(),
                    },
                    |w| format!("wrote {} ({})", w.written, w.draft),
                )?;
            }
            return Ok(0);
        }
        DraftCommand::Sent { draft, at } => {
            let at = at
                .map(|text| {
                    DateTime::parse_from_rfc3339(&text)
                        .map(|t| t.with_timezone(&Utc))
                        .with_context(|| {
                            format!("--at {text:?} is not an RFC 3339 instant (e.g. 2026-11-24T09:00:00Z)")
                        })
                })
                .transpose()?;
            let sent = session.mark_draft_sent(&draft, at)?;
            context.print(&sent, |d| {
                let met = d
                    .meets
                    .as_deref()
                    .map(|rule| format!("; met {rule}"))
                    .unwrap_or_default();
                format!(
                    "{} recorded as sent at {}{met}",
                    d.id,
                    d.sent_at
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                        .unwrap_or_default()
                )
            })?;
            return Ok(0);
        }
    };
    context.print(&draft, human_drafts::draft)?;
    Ok(0)
}
