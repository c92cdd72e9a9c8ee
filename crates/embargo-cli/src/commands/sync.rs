use embargo_api::sync::team::History;
use embargo_api::sync::{SyncReport, SyncStatus};
use embargo_api::{
    IdentityView, Session, SyncWatchEvent, TeamFolderWakeups, TeamView, TeammateChange,
    watch_team_folder,
};
use secrecy::ExposeSecret;

use crate::cli_sync::{IdentityCommand, SyncArgs, SyncCommand, TeamCommand};
use crate::context::Context;

pub fn identity(context: &Context, command: IdentityCommand) -> anyhow::Result<u8> {
    let session = context.open()?;
    match command {
        IdentityCommand::Show => {
            let view = session.identity();
            context.print(&view, human_identity)?;
        }
        IdentityCommand::ExportSecret => {
            context.note(
                "warning: this is your secret key. Anyone who has it can read every case of your team. \
                 Keep it offline (e.g. printed, in a safe); never paste it into chat or e-mail.",
            );
            let secret = session.export_secret();
            if context.global.json {
                context.line(
                    &serde_json::json!({ "age_secret_key": secret.expose_secret() }).to_string(),
                )?;
            } else {
                context.line(secret.expose_secret())?;
            }
        }
    }
    Ok(0)
}

pub fn team(context: &Context, command: TeamCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    let view = match command {
        TeamCommand::Create { folder, name } => {
            session.team_create(&context.path(&folder), &name)?
        }
        TeamCommand::Join {
            folder,
            fingerprint,
        } => session.team_join(&context.path(&folder), &fingerprint)?,
        TeamCommand::Add {
            bundle,
            admin,
            from_now,
        } => {
            let history = if from_now {
                History::FromNow
            } else {
                History::Full
            };
            session.team_add(&bundle, admin, history)?
        }
        TeamCommand::Remove { member } => session.team_remove(&member)?,
        TeamCommand::List => session.team_show()?,
        TeamCommand::Upgrade => session.team_upgrade()?,
    };
    context.print(&view, human_team)?;
    Ok(0)
}

pub fn sync(context: &Context, args: &SyncArgs) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    if let Some(SyncCommand::Status) = args.command {
        let status = session.sync_status()?;
        context.print(&status, human_status)?;
        return Ok(0);
    }
    if args.watch {
        watch(context, &mut session)?;
        return Ok(0);
    }
    let report = session.sync_watched(&mut *context.progress())?;
    let mine = session.my_cases_among(&report.changed_cases)?;
    print_report(context, &report, &mine)?;
    Ok(0)
}

/// Merge at once, then whenever something lands in the folder (and every
/// `SYNC_EVERY` for shares that send no file events). Runs until killed.
fn watch(context: &Context, mut session: &mut Session) -> anyhow::Result<()> {
    // From the vault: a share that stopped answering is reported by the passes.
    let folder = session.team_folder()?;
    // The sender must outlive the loop: dropping every sender ends it.
    let (mut wakeups, _nudge) = TeamFolderWakeups::new();
    if !context.global.json {
        context.note(&format!("watching {} (Ctrl-C to stop)", folder.display()));
    }
    watch_team_folder(
        &mut session,
        &mut wakeups,
        &mut *context.progress(),
        |event| match event {
            SyncWatchEvent::Synced { report, mine } => {
                if let Err(error) = print_report(context, &report, &mine) {
                    context.note(&format!("error: {error}"));
                }
            }
            // A folder that disappears for a while is reported and retried, never fatal.
            SyncWatchEvent::Failed(error) => context.note(&format!("error: {error}")),
        },
    )?;
    Ok(())
}

fn print_report(
    context: &Context,
    report: &SyncReport,
    mine: &[TeammateChange],
) -> anyhow::Result<()> {
    if context.global.json {
        // One line per pass, so a watcher's output can be read line by line.
        context.line(&serde_json::to_string(report)?)?;
        return Ok(());
    }
    context.print(report, |r| {
        let mut text = format!(
            "merged {} events from {} segments, wrote {} events in {} segments (roster v{})",
            r.imported_events,
            r.imported_segments,
            r.exported_events,
            r.exported_segments,
            r.roster_version
        );
        if !mine.is_empty() {
            let ids: Vec<&str> = mine.iter().map(|c| c.case_id.as_str()).collect();
            text.push_str(&format!(
                "\nteammates changed {} case(s) you handle: {}",
                ids.len(),
                ids.join(", ")
            ));
        }
        if r.quarantined + r.waiting > 0 {
            text.push_str(&format!(
                "\n{} files quarantined, {} things waited for: see `embargo sync status`",
                r.quarantined, r.waiting
            ));
        }
        text
    })
}

fn human_identity(view: &IdentityView) -> String {
    format!(
        "{} <{}>\nfingerprint {}\n\nGive this line to a team admin (`embargo team add`):\n{}",
        view.name, view.email, view.fingerprint, view.bundle
    )
}

fn human_team(view: &TeamView) -> String {
    let mut text = format!(
        "team {} (roster v{}) in {}\n",
        view.name, view.version, view.folder
    );
    for m in &view.members {
        text.push_str(&format!(
            "  {:<7} {} <{}>  {}{}\n",
            serde_json::to_value(m.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            m.name,
            m.email,
            m.fingerprint,
            if m.you { "  (you)" } else { "" }
        ));
    }
    text
}

fn human_status(status: &SyncStatus) -> String {
    let mut text = format!(
        "team {} (roster v{}) in {}{}\n",
        status.team_name,
        status.roster_version,
        status.folder,
        if status.folder_available {
            ""
        } else {
            "  — FOLDER NOT AVAILABLE"
        }
    );
    if status.unsent_events > 0 {
        text.push_str(&format!(
            "  {} change(s) made here are not in the folder yet; the next sync writes them\n",
            status.unsent_events
        ));
    }
    for d in &status.devices {
        text.push_str(&format!(
            "  {:<24} merged {:>5} of {:>5}{}{}\n",
            d.member.as_deref().unwrap_or("(not a member)"),
            d.last_seq,
            d.folder_seq,
            if d.this_device { "  (this device)" } else { "" },
            d.blocked_at
                .map(|s| format!("  BLOCKED at {s}"))
                .unwrap_or_default()
        ));
    }
    for (title, list) in [
        ("quarantined", &status.quarantined),
        ("waiting", &status.waiting),
        ("set aside", &status.set_aside_events),
    ] {
        for f in list {
            text.push_str(&format!("{title}: {}: {}\n", f.file, f.reason));
        }
    }
    text
}
