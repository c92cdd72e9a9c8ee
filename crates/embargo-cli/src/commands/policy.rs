//! `embargo policy show|set|use`.

use std::fmt::Write;

use embargo_api::PolicyView;

use crate::context::Context;
use crate::deadline_cli::PolicyCommand;

pub fn run(context: &Context, command: PolicyCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    let view = match command {
        PolicyCommand::Show { profile } => session.policy_show(profile.as_deref())?,
        PolicyCommand::Set {
            key,
            value,
            profile,
        } => session.policy_set(profile.as_deref(), &key, &value)?,
        PolicyCommand::Use { id } => session.policy_use(&id)?,
    };
    context.print(&view, policy_text)?;
    Ok(0)
}

fn policy_text(view: &PolicyView) -> String {
    let p = &view.profile;
    let mut out = String::new();
    let state = match (p.id == view.active, p.is_editable()) {
        (true, true) => "active",
        (true, false) => "active, read-only",
        (false, true) => "not active: `embargo policy use ID` to use it",
        (false, false) => "read-only",
    };
    let _ = writeln!(out, "{} ({}) — {state}", p.name, p.id);
    let weekend: Vec<String> = p.weekend.iter().map(|d| d.to_string()).collect();
    let holidays: Vec<String> = p.holidays.iter().map(|d| d.to_string()).collect();
    let _ = writeln!(out, "zone        {}", p.zone);
    let _ = writeln!(out, "weekend     {}", or_none(&weekend));
    let _ = writeln!(out, "holidays    {}\n", or_none(&holidays));
    for rule in &p.rules {
        let mut notes = vec![format!("due soon {} before", rule.lead.human())];
        if rule.pauses_while_waiting {
            notes.push("pauses while waiting on the reporter".into());
        }
        if let Some(stop) = rule.stops_at {
            notes.push(format!("stops at {stop}"));
        }
        if !rule.enabled {
            notes.push("DISABLED".into());
        }
        let _ = writeln!(
            out,
            "{:<10} {:<20} {}; {}",
            rule.id,
            rule.label,
            rule.describe(),
            notes.join("; ")
        );
    }
    let _ = writeln!(out, "\nprofiles");
    for summary in &view.profiles {
        let mark = if summary.active { "*" } else { " " };
        let ro = if summary.editable { "" } else { " (read-only)" };
        let _ = writeln!(out, "  {mark} {:<10} {}{ro}", summary.id, summary.name);
    }
    out
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}
