//! `embargo notify --once|--watch|--show-titles on|off`.

use std::sync::mpsc;
use std::time::Duration;

use embargo_api::{OpenEachStep, SystemClock};
use embargo_notify::{
    DeliveryError, DesktopSink, NoticeAction, NotifierWake, Report, WatchEvent, WatchOptions,
    notify_once, watch,
};
use serde::Serialize;

use crate::context::Context;
use crate::deadline_cli::NotifyArgs;

/// After the last `--passes` pass, how long to wait for a pressed button.
const LINGER: Duration = Duration::from_secs(10);

#[derive(Serialize)]
struct PassOutput {
    sent: Option<SentOutput>,
    crossed: usize,
    snoozed: usize,
    warning: Option<String>,
}

#[derive(Serialize)]
struct SentOutput {
    summary: String,
    body: String,
}

pub fn run(context: &Context, args: &NotifyArgs) -> anyhow::Result<u8> {
    let timeout = Duration::from_millis(args.server_timeout_ms);
    if let Some(value) = &args.show_titles {
        let on = match value.as_str() {
            "on" => true,
            "off" => false,
            other => anyhow::bail!("--show-titles takes on or off, not {other:?}"),
        };
        let mut session = context.open()?;
        session.set_show_titles(on)?;
        context.print(&serde_json::json!({ "show_titles": value }), |_| {
            format!("case titles in notifications: {value}")
        })?;
        return Ok(0);
    }
    if args.once {
        let mut session = context.open()?;
        let report = notify_once(&mut session, &DesktopSink::new(timeout), &[])?;
        if let Some(warning) = &report.warning {
            context.note(&undelivered(warning));
        }
        context.print(&output(&report), pass_text)?;
        return Ok(0);
    }
    let interval = super::deadlines::duration("--interval", &args.interval)?;
    if interval.is_zero() {
        anyhow::bail!("--interval must be at least 1m");
    }
    let passphrase = crate::passphrase::existing(context.global.passphrase_file.as_deref())?;
    let dir = context.vault_dir()?;
    let (wake, mut wakeups) = mpsc::channel::<NotifierWake>();
    let sink = DesktopSink::new(timeout).with_actions(wake);
    let options = WatchOptions {
        interval: interval.as_chrono().to_std()?,
        passes: args.passes,
        linger: LINGER,
        actions: vec![NoticeAction::SnoozeOneHour],
    };
    // Open the vault only for a pass, so other `embargo` commands get in between
    // (the cost is one passphrase unwrap per pass). Passes are paced by the wall
    // clock; `--now` is what the session sees.
    let mut source = OpenEachStep::new(dir, passphrase, context.clock.clone());
    watch(
        &mut source,
        &sink,
        &mut wakeups,
        &SystemClock,
        &options,
        |event| match event {
            WatchEvent::Pass(report) => {
                if report.sent.is_some() {
                    let _ = context.print(&output(&report), pass_text);
                }
            }
            WatchEvent::Warning(warning) => context.note(&undelivered(&warning)),
            WatchEvent::NoSession => {}
            WatchEvent::Failed(error) => context.note(&format!("error: {error}")),
            WatchEvent::Snoozed(targets, until) => {
                for target in targets {
                    let _ = context.line(&format!(
                        "snoozed {} {} until {}",
                        target.case_id,
                        target.rule,
                        until.to_rfc3339()
                    ));
                }
            }
            WatchEvent::Open(target) => {
                let _ = context.line(&format!("open {}", target.case_id));
            }
        },
    )?;
    Ok(0)
}

/// Notices that could not be shown, and where the terminal still finds them.
fn undelivered(warning: &DeliveryError) -> String {
    format!("warning: {warning}; `embargo due` still lists what is due")
}

fn output(report: &Report) -> PassOutput {
    PassOutput {
        sent: report.sent.as_ref().map(|n| SentOutput {
            summary: n.summary.clone(),
            body: n.body.clone(),
        }),
        crossed: report.crossed,
        snoozed: report.snoozed,
        warning: report.warning.as_ref().map(|w| w.to_string()),
    }
}

fn pass_text(pass: &PassOutput) -> String {
    match (&pass.sent, &pass.warning) {
        (Some(sent), _) => format!("notified: {}", sent.summary),
        (None, Some(_)) => format!("{} deadline(s) not notified", pass.crossed),
        (None, None) if pass.snoozed > 0 => {
            format!("nothing new to notify ({} snoozed)", pass.snoozed)
        }
        (None, None) => "nothing new to notify".to_owned(),
    }
}
