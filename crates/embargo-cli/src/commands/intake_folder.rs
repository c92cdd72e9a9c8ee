//! `embargo intake [--watch] [set DIR | clear | status]`: the intake folder.

use embargo_api::{
    IntakeReport, IntakeStatus, IntakeWatchEvent, OpenEachStep, TeamFolderWakeups,
    watch_intake_folder,
};

use crate::cli_intake::{IntakeArgs, IntakeCommand};
use crate::context::Context;

pub fn run(context: &Context, args: &IntakeArgs) -> anyhow::Result<u8> {
    match &args.command {
        Some(IntakeCommand::Set { folder }) => {
            // Stored as a full path: the app and the agent read it from elsewhere.
            let folder = std::path::absolute(context.path(folder))?;
            let mut session = context.open()?;
            session.set_intake_folder(&folder)?;
            let status = session.intake_status()?;
            context.print(&status, |_| {
                format!(
                    "intake folder: {} (the app and `embargo unlock` watch it; `embargo intake` imports now)",
                    folder.display()
                )
            })?;
            Ok(0)
        }
        Some(IntakeCommand::Clear) => {
            let mut session = context.open()?;
            session.clear_intake_folder()?;
            let status = session.intake_status()?;
            context.print(&status, |_| "no intake folder".to_owned())?;
            Ok(0)
        }
        Some(IntakeCommand::Status) => {
            let status = context.open()?.intake_status()?;
            context.print(&status, human_status)?;
            Ok(0)
        }
        None if args.watch => watch(context),
        None => {
            let mut session = context.open()?;
            let Some(report) = session.intake_once(&mut *context.progress())? else {
                anyhow::bail!("no intake folder is set; set one with `embargo intake set DIR`");
            };
            print_report(context, &report)?;
            // Files that could not be imported are this run's failure, for cron.
            Ok(if report.problems.is_empty() { 0 } else { 1 })
        }
    }
}

/// Import at once, then whenever something lands in the folder (and every
/// `INTAKE_EVERY`). Runs until killed; opens the vault only for a pass, so other
/// `embargo` commands (a mail client piping to `embargo import -`) get in between.
fn watch(context: &Context) -> anyhow::Result<u8> {
    let passphrase = crate::passphrase::existing(context.global.passphrase_file.as_deref())?;
    let folder = {
        let session = context.open()?;
        session.intake_folder()?
    };
    let Some(folder) = folder else {
        anyhow::bail!("no intake folder is set; set one with `embargo intake set DIR`");
    };
    if !context.global.json {
        context.note(&format!("watching {} (Ctrl-C to stop)", folder.display()));
    }
    let mut source = OpenEachStep::new(context.vault_dir()?, passphrase, context.clock.clone());
    // The sender must outlive the loop: dropping every sender ends it.
    let (mut wakeups, _nudge) = TeamFolderWakeups::new();
    watch_intake_folder(&mut source, &mut wakeups, |event| match event {
        IntakeWatchEvent::Checked(report) if report.is_empty() => {}
        IntakeWatchEvent::Checked(report) => {
            if let Err(error) = print_report(context, &report) {
                context.note(&format!("error: {error}"));
            }
        }
        // A folder that disappears for a while is reported and retried, never fatal.
        IntakeWatchEvent::Failed(error) => context.note(&format!("error: {error}")),
    })?;
    Ok(0)
}

/// What a pass did: case ids, actions and file names, never a title or sender
/// (a watcher's output often ends up in a log).
fn print_report(context: &Context, report: &IntakeReport) -> anyhow::Result<()> {
    // On stderr in both modes: what a cron job's mail or a journal should show.
    for problem in &report.problems {
        context.note(&format!(
            "not imported: {}: {}",
            problem.file, problem.reason
        ));
    }
    if context.global.json {
        // One line per pass, so a watcher's output can be read line by line.
        context.line(&serde_json::to_string(report)?)?;
        return Ok(());
    }
    let mut lines = Vec::new();
    for import in &report.imported {
        let action = serde_json::to_value(import.action)?;
        lines.push(format!(
            "{:<14} {:<16} {}",
            import.case_id,
            action.as_str().unwrap_or_default(),
            import.file
        ));
    }
    for file in &report.duplicates {
        lines.push(format!("{:<14} {:<16} {file}", "-", "already-imported"));
    }
    if lines.is_empty() && report.problems.is_empty() {
        lines.push(format!("nothing new in {}", report.folder));
    }
    if !lines.is_empty() {
        context.line(&lines.join("\n"))?;
    }
    Ok(())
}

fn human_status(status: &IntakeStatus) -> String {
    let Some(folder) = &status.folder else {
        return "no intake folder; set one with `embargo intake set DIR`".to_owned();
    };
    let mut text = format!("intake folder: {folder}");
    if status.problems.is_empty() {
        text.push_str("\nevery file in it was imported");
    } else {
        text.push_str(&format!(
            "\n{} file(s) not imported (left where they are; looked at again when they change):",
            status.problems.len()
        ));
        for problem in &status.problems {
            text.push_str(&format!("\n  {}: {}", problem.file, problem.reason));
        }
    }
    text
}
