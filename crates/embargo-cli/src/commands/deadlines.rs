//! `embargo due`, `case log|needs-info|info-received|deadlines`, `embargo snooze`.

use std::fmt::Write;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use embargo_api::{DeadlineView, DueLine, DueQuery, Session};
use embargo_domain::policy::PolicyDuration;

use crate::cli::CaseCommand;
use crate::context::Context;
use crate::deadline_cli::{DueArgs, SnoozeArgs};

pub fn due(context: &Context, args: &DueArgs) -> anyhow::Result<u8> {
    let within = args
        .within
        .as_deref()
        .map(|text| duration("--within", text))
        .transpose()?;
    let session = context.open()?;
    let zone = display_zone(&session)?;
    let now = session.now();
    let query = DueQuery {
        within,
        include_met: args.all,
    };
    session.due_lines(&query, |lines| {
        context.print(&lines, |lines| due_table(lines, zone, now))
    })??;
    Ok(0)
}

pub fn case(context: &Context, session: &mut Session, command: CaseCommand) -> anyhow::Result<u8> {
    let board = match command {
        CaseCommand::Log { id, rule, at } => {
            let at = at
                .map(|text| {
                    DateTime::parse_from_rfc3339(&text)
                        .map(|t| t.with_timezone(&Utc))
                        .with_context(|| {
                            format!("--at {text:?} is not an RFC 3339 instant (e.g. 2026-11-24T09:00:00Z)")
                        })
                })
                .transpose()?;
            session.log_met(&id, &rule, at)?
        }
        CaseCommand::NeedsInfo { id } => session.set_waiting(&id, true)?,
        CaseCommand::InfoReceived { id } => session.set_waiting(&id, false)?,
        CaseCommand::Deadlines { id } => session.case_deadlines(&id)?,
        other => anyhow::bail!("not a deadline command: {other:?}"),
    };
    let zone = display_zone(session)?;
    context.print(&board, |board| board_table(board, zone))?;
    Ok(0)
}

pub fn snooze(context: &Context, args: &SnoozeArgs) -> anyhow::Result<u8> {
    let length = duration("--for", &args.length)?;
    let mut session = context.open()?;
    let snoozed = session.snooze(&args.id, &args.rule, &length)?;
    let zone = display_zone(&session)?;
    context.print(&snoozed, |s| {
        format!(
            "{} {} snoozed until {}",
            s.case_id,
            s.rule,
            local(s.until, zone)
        )
    })?;
    Ok(0)
}

/// Parse a `24h`/`5d`/`2h30m` option, naming the option in the error.
pub fn duration(option: &str, text: &str) -> anyhow::Result<PolicyDuration> {
    text.parse::<PolicyDuration>()
        .map_err(embargo_api::ApiError::Domain)
        .with_context(|| format!("{option} {text:?}"))
}

/// Deadlines are shown in the active policy's zone.
pub fn display_zone(session: &Session) -> anyhow::Result<Tz> {
    Ok(session.policy_settings()?.active().time_zone()?)
}

pub fn local(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

fn relative(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if due > now {
        format!("in {}", embargo_notify::time_span(due - now))
    } else {
        format!("{} ago", embargo_notify::time_span(now - due))
    }
}

fn due_table(entries: &[DueLine<'_>], zone: Tz, now: DateTime<Utc>) -> String {
    if entries.is_empty() {
        return "nothing due".to_owned();
    }
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(
            out,
            "{:<14} {:<10} {:<9} {}  {}",
            e.case_id,
            e.rule,
            e.state.as_str(),
            local(e.due_at, zone),
            relative(e.due_at, now)
        );
    }
    out
}

fn board_table(board: &[DeadlineView], zone: Tz) -> String {
    let mut out = String::new();
    for d in board {
        let due = d
            .due_at
            .map(|at| local(at, zone))
            .unwrap_or_else(|| "—".to_owned());
        let met = d
            .met_at
            .map(|at| format!("  (met {})", local(at, zone)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<10} {:<20} {:<14} {due}{met}",
            d.rule,
            d.label,
            d.state.as_str()
        );
    }
    out
}
