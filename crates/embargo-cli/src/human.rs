//! Plain-text renderings for people at a terminal.

use std::fmt::Write;

use embargo_api::CaseView;
use embargo_api::vault::CaseSummary;

pub fn case_table(rows: &[CaseSummary]) -> String {
    if rows.is_empty() {
        return "no cases".to_owned();
    }
    let mut out = String::new();
    for row in rows {
        let received = row
            .received_at
            .get(..16)
            .unwrap_or(&row.received_at)
            .replace('T', " ");
        let _ = writeln!(
            out,
            "{:<14} {:<20} {}  {}",
            row.id, row.status, received, row.title
        );
    }
    out
}

pub fn case_view(case: &CaseView) -> String {
    let mut out = String::new();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
    let _ = writeln!(out, "{}  {}\n", case.id, case.title);
    let _ = writeln!(out, "status      {}", case.status);
    let next: Vec<&str> = case.next_statuses.iter().map(|s| s.as_str()).collect();
    if !next.is_empty() {
        let _ = writeln!(out, "next        {}", next.join(" | "));
    }
    let reporter = match (&case.reporter.name, &case.reporter.email) {
        (Some(n), Some(e)) => format!("{n} <{e}>"),
        (n, e) => opt(n).replace('—', &opt(e)),
    };
    let _ = writeln!(out, "reporter    {reporter}");
    let _ = writeln!(out, "credit      {}", opt(&case.reporter.credit));
    let _ = writeln!(
        out,
        "received    {} (UTC) via {}",
        case.received_at.format("%Y-%m-%d %H:%M"),
        case.channel
    );
    let _ = writeln!(out, "handler     {}", opt(&case.handler));
    let _ = writeln!(out, "product     {}", opt(&case.product));
    let _ = writeln!(out, "CVE         {}", opt(&case.cve_id));
    let _ = writeln!(out, "CWE         {}", opt(&case.cwe));
    let embargo = case
        .embargo_at
        .map(|at| format!("{} UTC", at.format("%Y-%m-%d %H:%M")));
    let _ = writeln!(out, "embargo     {}", opt(&embargo));
    for score in &case.cvss {
        let _ = writeln!(
            out,
            "CVSS {}    {} {} ({})",
            score.version.as_str(),
            score.base_score,
            score.severity,
            score.vector
        );
    }
    if !case.release_lines.is_empty() {
        let _ = writeln!(out, "\nrelease lines");
        for line in &case.release_lines {
            let affected = serde_json::to_value(line.affected)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let state = serde_json::to_value(line.fix_state)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<10} {:<13} fixed in {:<10} fix {}",
                line.line,
                affected,
                opt(&line.fixed_version),
                state
            );
        }
    }
    if !case.checklist.is_empty() {
        let _ = writeln!(out, "\nchecklist");
        for (n, item) in case.checklist.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. [{}] {}",
                n + 1,
                if item.done { "x" } else { " " },
                item.text
            );
        }
    }
    if !case.notes.is_empty() {
        let _ = writeln!(out, "\nnotes");
        for note in &case.notes {
            let _ = writeln!(out, "  {}  {}", note.at.format("%Y-%m-%d %H:%M"), note.text);
        }
    }
    for message in &case.messages {
        let _ = writeln!(
            out,
            "\n--- {} {} — {}",
            message.date.format("%Y-%m-%d %H:%M"),
            message.from,
            message.subject
        );
        let _ = writeln!(out, "{}", message.body);
        if !message.attachments.is_empty() {
            let _ = writeln!(out, "[attached: {}]", message.attachments.join(", "));
        }
    }
    if !case.attachments.is_empty() {
        let _ = writeln!(out, "\nattachments");
        for a in &case.attachments {
            let _ = write!(out, "  {} ({} bytes, {})", a.name, a.size, a.media_type);
            if !a.available {
                out.push_str(" — not arrived yet from the team folder");
            }
            out.push('\n');
        }
    }
    out.push_str(&crate::human_drafts::drafts_section(&case.drafts));
    for conflict in &case.conflicts {
        let _ = writeln!(out, "\nCONFLICT {conflict}");
    }
    let _ = writeln!(out, "\ntimeline");
    for entry in &case.timeline {
        let _ = writeln!(
            out,
            "  {}  {}",
            entry.at.format("%Y-%m-%d %H:%M"),
            entry.summary
        );
    }
    out
}
