//! Plain-text renderings of the triage views.

use std::fmt::Write;

use embargo_api::domain::KnownNonIssue;
use embargo_api::{NonIssueMatch, QueueEntry, ReportCheck, ReporterHistory, SimilarCase};

pub fn similar(cases: &[SimilarCase]) -> String {
    if cases.is_empty() {
        return "no similar case".to_owned();
    }
    let mut out = String::new();
    for case in cases {
        let flag = if case.likely_duplicate {
            "likely duplicate"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{:<14} {:.3} {:<16} {:<20} {}\n               shared: {}",
            case.case_id,
            case.score,
            flag,
            case.status,
            case.title,
            case.shared_terms.join(", ")
        );
    }
    out
}

pub fn report_check(check: &ReportCheck) -> String {
    if check.missing.is_empty() {
        return "the report states a version, steps to reproduce, a proof of concept and an impact"
            .to_owned();
    }
    let missing: Vec<&str> = check.missing.iter().map(|p| p.label()).collect();
    format!("missing: {}", missing.join(", "))
}

pub fn reporter(history: &ReporterHistory) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} valid, {} not a vulnerability, {} duplicate, {} third-party, {} open; credited {} times",
        history.address,
        history.valid,
        history.not_a_vulnerability,
        history.duplicate,
        history.third_party,
        history.open,
        history.credited
    );
    for entry in &history.cases {
        let outcome = serde_json::to_value(entry.outcome)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let by = match entry.matched_by {
            embargo_api::SameReporter::Address => "",
            embargo_api::SameReporter::Name => " (same name)",
            embargo_api::SameReporter::Domain => " (same domain)",
        };
        let _ = writeln!(
            out,
            "{:<14} {}  {:<19} {}{by}",
            entry.case_id,
            entry.received_at.format("%Y-%m-%d"),
            outcome,
            entry.title
        );
    }
    out
}

pub fn non_issues(entries: &[KnownNonIssue]) -> String {
    if entries.is_empty() {
        return "no known non-issue yet".to_owned();
    }
    let mut out = String::new();
    for entry in entries {
        let _ = writeln!(
            out,
            "{:<28} {}\n{:<28} keywords: {}",
            entry.id,
            entry.title,
            "",
            entry.keywords.join(", ")
        );
    }
    out
}

pub fn non_issue_matches(matches: &[NonIssueMatch]) -> String {
    if matches.is_empty() {
        return "matches no known non-issue".to_owned();
    }
    let mut out = String::new();
    for m in matches {
        let _ = writeln!(
            out,
            "{:<28} {} (uses: {})\n{:<28} {}",
            m.id,
            m.title,
            m.matched_keywords.join(", "),
            "",
            m.explanation
        );
    }
    out
}

pub fn queue(entries: &[QueueEntry]) -> String {
    if entries.is_empty() {
        return "nothing to triage".to_owned();
    }
    let mut out = String::new();
    for entry in entries {
        let _ = writeln!(
            out,
            "{:<14} {:<13} {}",
            entry.case_id, entry.status, entry.title
        );
        let mut flags = Vec::new();
        if let Some(original) = &entry.likely_duplicate_of {
            flags.push(format!("likely duplicate of {}", original.case_id));
        }
        if let Some(non_issue) = &entry.known_non_issue {
            flags.push(format!("matches known non-issue {}", non_issue.id));
        }
        if !entry.missing.is_empty() {
            let missing: Vec<&str> = entry.missing.iter().map(|p| p.label()).collect();
            flags.push(format!("missing {}", missing.join(", ")));
        }
        if let Some(deadline) = &entry.deadline {
            flags.push(format!(
                "{} due {}",
                deadline.label,
                deadline.due_at.format("%Y-%m-%d %H:%M UTC")
            ));
        }
        if !flags.is_empty() {
            let _ = writeln!(out, "               {}", flags.join(" · "));
        }
    }
    out
}
