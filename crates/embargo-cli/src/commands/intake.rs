use std::path::{Path, PathBuf};

use crate::context::Context;
use crate::human;

pub fn import(context: &Context, files: &[PathBuf], mbox: bool) -> anyhow::Result<u8> {
    let from_stdin = files.iter().any(|f| f == Path::new("-"));
    if from_stdin && files.len() > 1 {
        anyhow::bail!("`-` (standard input) is imported on its own, not with files");
    }
    if mbox && !from_stdin {
        anyhow::bail!("--mbox is for standard input; mbox files are recognised by themselves");
    }
    let mut session = context.open()?;
    let outcomes = if from_stdin {
        let bytes = context.stdin()?;
        if bytes.is_empty() {
            anyhow::bail!("nothing on standard input to import");
        }
        session.import_bytes(Path::new("stdin"), &bytes, mbox, &mut *context.progress())?
    } else {
        let files: Vec<PathBuf> = files.iter().map(|f| context.path(f)).collect();
        session.import_watched(&files, &mut *context.progress())?
    };
    for warning in outcomes.iter().flat_map(|o| &o.warnings) {
        context.note(&format!("warning: {warning}"));
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
    Ok(0)
}

pub fn search(context: &Context, query: &str) -> anyhow::Result<u8> {
    let session = context.open()?;
    let hits = session.search(query)?;
    context.print(&hits, |hits| {
        if hits.is_empty() {
            "no matches".to_owned()
        } else {
            human::case_table(hits)
        }
    })?;
    Ok(0)
}
