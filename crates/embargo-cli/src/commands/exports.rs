use embargo_api::drafts::ExportKind;
use serde::Serialize;

use super::output::write_new;
use crate::cli_drafts::{ExportSettingsCommand, OutputArgs, RecordFormat};
use crate::context::Context;
use crate::human_drafts;

#[derive(Serialize)]
struct Written {
    case: String,
    kind: ExportKind,
    written: String,
    notice: Option<String>,
}

/// `embargo advisory ID` and `embargo export cve|osv|csaf ID`.
pub fn export(
    context: &Context,
    id: &str,
    kind: ExportKind,
    output: OutputArgs,
) -> anyhow::Result<u8> {
    let session = context.open()?;
    let export = session.export(id, kind)?;
    match output.output {
        Some(path) => {
            let path = context.path(&path);
            write_new(&path, export.text.as_bytes(), output.force)?;
            context.print(
                &Written {
                    case: export.case,
                    kind,
                    written: path.display().to_string(),
                    notice: export.notice,
                },
                |w| match &w.notice {
                    Some(notice) => format!("wrote {}: {notice}", w.written),
                    None => format!("wrote {}", w.written),
                },
            )?;
        }
        None => {
            if !context.global.json
                && let Some(notice) = &export.notice
            {
                context.note(&format!("note: {notice}"));
            }
            context.print(&export, |e| e.text.clone())?;
        }
    }
    Ok(0)
}

pub fn kind(format: RecordFormat) -> ExportKind {
    match format {
        RecordFormat::Cve => ExportKind::Cve,
        RecordFormat::Osv => ExportKind::Osv,
        RecordFormat::Csaf => ExportKind::Csaf,
    }
}

pub fn settings(context: &Context, command: ExportSettingsCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    let settings = match command {
        ExportSettingsCommand::Show => session.export_settings()?,
        ExportSettingsCommand::Set { key, value } => {
            session.set_export_settings(&[(key.as_str(), value.as_str())])?
        }
    };
    context.print(&settings, human_drafts::export_settings)?;
    Ok(0)
}
