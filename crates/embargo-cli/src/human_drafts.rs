//! Plain-text renderings of templates, drafts and export settings.

use std::fmt::Write;

use embargo_api::DraftView;
use embargo_api::domain::{EXPORT_SETTING_KEYS, ExportSettings};
use embargo_api::drafts::{CatalogEntry, Origin};

fn origin(origin: Origin) -> &'static str {
    match origin {
        Origin::BuiltIn => "built-in",
        Origin::Edited => "edited",
        Origin::Team => "team",
    }
}

pub fn template_table(entries: &[CatalogEntry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let t = &entry.template;
        let _ = writeln!(
            out,
            "{:<20} {:<9} {:<13} {:<9} {}",
            t.id,
            origin(entry.origin),
            t.audience.as_str(),
            t.meets.as_deref().unwrap_or("—"),
            t.title
        );
    }
    out
}

pub fn template(entry: &CatalogEntry) -> String {
    let t = &entry.template;
    format!(
        "{}  {}\n{} · for the {} · meets {}\n\nSubject: {}\n\n{}",
        t.id,
        t.title,
        origin(entry.origin),
        t.audience.as_str(),
        t.meets.as_deref().unwrap_or("no rule"),
        t.subject,
        t.body
    )
}

fn state(draft: &DraftView) -> String {
    match draft.sent_at {
        Some(at) => format!("sent {}", at.format("%Y-%m-%d %H:%M UTC")),
        None => "not sent".to_owned(),
    }
}

pub fn draft(draft: &DraftView) -> String {
    format!(
        "{}  from {} · for the {} · {}\nSubject: {}\n\n{}",
        draft.id,
        draft.template,
        draft.audience.as_str(),
        state(draft),
        draft.subject,
        draft.body
    )
}

pub fn draft_table(drafts: &[DraftView]) -> String {
    if drafts.is_empty() {
        return "no drafts".to_owned();
    }
    let mut out = String::new();
    for d in drafts {
        let _ = writeln!(
            out,
            "{:<20} {:<20} {:<22} {}",
            d.id,
            d.template,
            state(d),
            d.subject
        );
    }
    out
}

/// The drafts part of `case show`.
pub fn drafts_section(drafts: &[DraftView]) -> String {
    if drafts.is_empty() {
        return String::new();
    }
    format!("\ndrafts\n{}", draft_table(drafts))
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i > 1 {
                format!("  {line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

pub fn export_settings(settings: &ExportSettings) -> String {
    let value = serde_json::to_value(settings).unwrap_or_default();
    let mut out = String::new();
    for (key, what) in EXPORT_SETTING_KEYS {
        let field = key.replace('-', "_");
        let shown = value
            .get(&field)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("(not set: {what})"));
        let _ = writeln!(out, "{key:<15} {shown}");
    }
    out
}
