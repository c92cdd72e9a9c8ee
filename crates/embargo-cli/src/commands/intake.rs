use std::path::PathBuf;
use std::process::ExitCode;

use crate::context::Context;
use crate::human;
use crate::progress_bar::TerminalProgress;

pub fn import(context: &Context, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut session = context.open()?;
    let outcomes = session.import_watched(files, &mut TerminalProgress::on_stderr())?;
    for warning in outcomes.iter().flat_map(|o| &o.warnings) {
        eprintln!(
            "warning: {}",
            crate::terminal_text::escape_controls(&warning.to_string())
        );
    }
    context.print(&outcomes, |outcomes| {
        outcomes
            .iter()
            .map(|o| {
                let action = serde_json::to_value(o.action)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                format!("{:<14} {:<16} {}", o.case_id, action, o.file)
            })
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn search(context: &Context, query: &str) -> anyhow::Result<ExitCode> {
    let session = context.open()?;
    let hits = session.search(query)?;
    context.print(&hits, |hits| {
        if hits.is_empty() {
            "no matches".to_owned()
        } else {
            human::case_table(hits)
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
