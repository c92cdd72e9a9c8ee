//! The agenda (`case list --view/--sort`) as text: one line per case with its
//! urgency group and most pressing deadline.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use embargo_api::{AgendaGroup, CaseRow};

fn group_name(group: AgendaGroup) -> &'static str {
    match group {
        AgendaGroup::Overdue => "overdue",
        AgendaGroup::DueToday => "due today",
        AgendaGroup::DueSoon => "due soon",
        AgendaGroup::Open => "open",
        AgendaGroup::Ended => "ended",
    }
}

/// `EMB-2026-0003  overdue    Acknowledgment due 2026-11-23 09:00Z  9.8  Ana Ruiz  Title`
pub fn agenda_table(rows: &[CaseRow], now: DateTime<Utc>) -> String {
    if rows.is_empty() {
        return "no cases".to_owned();
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "as of {}",
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    for row in rows {
        let deadline = row.deadline.as_ref().map_or_else(
            || "—".to_owned(),
            |d| format!("{} due {}", d.label, d.due_at.format("%Y-%m-%d %H:%MZ")),
        );
        let severity = row
            .severity
            .as_ref()
            .map_or_else(|| "—".to_owned(), |s| format!("{:.1}", s.base_score));
        let handler = row.summary.handler.as_deref().unwrap_or("unassigned");
        let _ = writeln!(
            out,
            "{:<14} {:<10} {:<44} {:>4}  {:<16} {}",
            row.summary.id,
            group_name(row.group),
            deadline,
            severity,
            handler,
            row.summary.title
        );
    }
    out
}
