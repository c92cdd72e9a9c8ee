use embargo_api::{NewTemplate, TemplateEdit};

use super::text_input::{Sensitivity, edit_in_editor, read_body};
use crate::cli_drafts::TemplateCommand;
use crate::context::Context;
use crate::human_drafts;

pub fn run(context: &Context, command: TemplateCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    let entry = match command {
        TemplateCommand::List => {
            let entries = session.templates()?;
            context.print(&entries, |e| human_drafts::template_table(e))?;
            return Ok(0);
        }
        TemplateCommand::Show { id } => session.template(&id)?,
        TemplateCommand::Edit {
            id,
            subject,
            title,
            body_file,
        } => {
            let body = match (&body_file, &subject, &title) {
                (Some(path), _, _) => Some(read_body(context, path)?),
                (None, None, None) => {
                    let current = session.template(&id)?.template.body;
                    let edited = edit_in_editor(context, &current, Sensitivity::Template)?;
                    if edited == current {
                        anyhow::bail!("the body is unchanged; nothing saved");
                    }
                    Some(edited)
                }
                _ => None,
            };
            session.edit_template(
                &id,
                TemplateEdit {
                    title,
                    subject,
                    body,
                },
            )?
        }
        TemplateCommand::New {
            id,
            title,
            audience,
            meets,
            subject,
            body_file,
        } => {
            let body = match body_file {
                Some(path) => read_body(context, &path)?,
                None => edit_in_editor(
                    context,
                    "Hello {{ reporter.greeting }},\n\n\n\nBest regards,\n{{ sender.name }}\n{{ team.signoff }}\n",
                    Sensitivity::Template,
                )?,
            };
            session.new_template(NewTemplate {
                id,
                title,
                audience,
                meets,
                subject,
                body,
            })?
        }
        TemplateCommand::Reset { id } => session.reset_template(&id)?,
    };
    context.print(&entry, human_drafts::template)?;
    Ok(0)
}
