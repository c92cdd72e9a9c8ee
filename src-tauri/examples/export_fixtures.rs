//! Writes `ui/src/lib/ipc/fixtures/*.json`: what the UI's test backend (the mock)
//! knows of the core, recorded from the real use cases on temporary vaults at a
//! fixed clock — the status graph, the case fields, the policy screens, the
//! template catalogue, the export setting keys, and the answers (data or refusal,
//! as the shell sends them) of the calls the component tests make.
//!
//! Run after changing the core: `cargo run -p embargo-desk --example export-fixtures`.
//! scripts/test.sh runs it and fails if a fixture changes; the UI's contract test
//! (`ui/src/lib/ipc/contract.test.ts`) fails when the mock disagrees with them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};
use embargo_api::domain::{FIELD_NAMES, FixedClock, Status};
use embargo_api::{ApiError, CaseFilter, CaseSort, NewCase, SavedView, Session, export_file_name};
use embargo_desk::IpcError;
use secrecy::SecretString;
use serde::Serialize;
use serde_json::{Value, json};

/// Where the fixtures live, relative to `src-tauri/`.
const FIXTURES_DIR: &str = "../ui/src/lib/ipc/fixtures";

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let fixtures = [
        ("status-graph.json", status_graph()?),
        ("case-fields.json", case_fields()?),
        ("catalogue.json", catalogue()?),
        ("deadlines.json", deadlines()?),
        ("agenda.json", agenda()?),
        ("exports.json", exports()?),
    ];
    for (name, value) in fixtures {
        let text = stable_ids(&serde_json::to_string_pretty(&value)?);
        std::fs::write(dir.join(name), format!("{text}\n"))
            .with_context(|| format!("writing {name}"))?;
    }
    Ok(())
}

/// An instant of the fixtures' fixed clock.
fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("a fixture instant")
}

/// A new vault owned by Ana at `now`; the directory lives as long as the session.
fn vault(now: &str) -> anyhow::Result<(tempfile::TempDir, Session, Arc<FixedClock>)> {
    let dir = tempfile::tempdir()?;
    let clock = Arc::new(FixedClock::new(at(now)));
    let session = Session::create(
        &dir.path().join("vault"),
        "Ana Ruiz",
        "ana@security.example.org",
        &SecretString::from("fixtures of the mock".to_owned()),
        clock.clone(),
    )?;
    Ok((dir, session, clock))
}

/// A command's answer exactly as the shell sends it: tauri-specta's `Result`.
fn answer<T: Serialize>(result: Result<T, ApiError>) -> Value {
    match result {
        Ok(data) => json!({ "status": "ok", "data": data }),
        Err(error) => json!({ "status": "error", "error": IpcError::from(error) }),
    }
}

/// One recorded call: the command's generated name, its arguments, its answer.
fn call<T: Serialize>(command: &str, args: Value, result: Result<T, ApiError>) -> Value {
    json!({ "command": command, "args": args, "answer": answer(result) })
}

fn new_case(session: &mut Session, title: &str, received: &str) -> anyhow::Result<String> {
    let id = session.new_case(NewCase {
        title: title.into(),
        reporter_name: Some("Mei Lin".into()),
        reporter_email: Some("mei@example.net".into()),
        received_at: Some(at(received)),
        channel: None,
    })?;
    Ok(id.to_string())
}

fn walk(session: &mut Session, id: &str, path: &[Status]) -> anyhow::Result<()> {
    for status in path {
        session.move_case(id, *status)?;
    }
    Ok(())
}

/// Every status, where it may go next, and where a reopen takes it (recorded from
/// real reopens: a triage outcome, a case closed after triage, one closed after
/// its advisory).
fn status_graph() -> anyhow::Result<Value> {
    use Status::*;
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({ "status": s, "next": s.successors(), "ends_case": s.is_end_state() }))
        .collect();
    let (_dir, mut session, _clock) = vault("2026-11-20T09:00:00Z")?;
    let mut reopens = Vec::new();
    for (name, path) in [
        ("a duplicate", vec![Acknowledged, Triaging, Duplicate]),
        ("a third party's", vec![Acknowledged, Triaging, ThirdParty]),
        (
            "not a vulnerability",
            vec![Acknowledged, Triaging, NotAVulnerability],
        ),
        (
            "closed after triage",
            vec![Acknowledged, Triaging, ThirdParty, Closed],
        ),
        (
            "closed after its advisory",
            vec![
                Acknowledged,
                Triaging,
                Confirmed,
                Fixing,
                FixReady,
                CveRequested,
                Scheduled,
                Announced,
                Published,
                Closed,
            ],
        ),
        ("an open case", vec![Acknowledged]),
    ] {
        let id = new_case(&mut session, name, "2026-11-20T09:00:00Z")?;
        if path.contains(&Published) {
            session.set_field(&id, embargo_api::domain::FieldName::Cve, "CVE-2026-12345")?;
            session.set_field(
                &id,
                embargo_api::domain::FieldName::Embargo,
                "2026-11-20T08:00:00Z",
            )?;
        }
        walk(&mut session, &id, &path)?;
        let came_from = path.len().checked_sub(2).map(|i| path[i]);
        reopens.push(json!({
            "case": name,
            "status": path.last(),
            "came_from": came_from,
            "answer": answer(session.reopen_case(&id)),
        }));
    }
    let refused_move = {
        let id = new_case(&mut session, "moved too far", "2026-11-20T09:00:00Z")?;
        call(
            "moveCase",
            json!([id, "published"]),
            session.move_case(&id, embargo_api::domain::Status::Published),
        )
    };
    Ok(json!({ "statuses": statuses, "reopens": reopens, "refused_move": refused_move }))
}

/// The fields `setField` takes, with their help, as the core parses them, and
/// what it answers to a field it does not know and to a malformed value.
fn case_fields() -> anyhow::Result<Value> {
    let fields: Vec<Value> = FIELD_NAMES
        .iter()
        .map(|(name, help)| json!({ "name": name, "help": help }))
        .collect();
    let (_dir, mut session, _clock) = vault("2026-11-20T09:00:00Z")?;
    let id = new_case(&mut session, "A case", "2026-11-20T09:00:00Z")?;
    let refused: Vec<Value> = [("colour", "blue"), ("cve", "CVE-12"), ("title", "  ")]
        .into_iter()
        .map(|(field, value)| {
            call(
                "setField",
                json!([id, field, value]),
                // A name that is no field is refused where it is parsed.
                field
                    .parse::<embargo_api::domain::FieldName>()
                    .map_err(embargo_api::ApiError::from)
                    .and_then(|field| session.set_field(&id, field, value))
                    .and_then(|_| session.show(&id)),
            )
        })
        .collect();
    Ok(json!({ "fields": fields, "refused": refused }))
}

/// The template catalogue, the policy profiles and the export setting keys: what a
/// new vault starts with.
fn catalogue() -> anyhow::Result<Value> {
    let (_dir, mut session, _clock) = vault("2026-11-20T09:00:00Z")?;
    let templates = answer(session.templates());
    let seed = answer(session.policy_screen(Some("seed")));
    let custom = answer(session.policy_screen(Some("custom")));
    let edits = vec![
        call(
            "editPolicy",
            json!(["seed", "ack.after", "12h"]),
            session.policy_edit("seed", "ack.after", "12h"),
        ),
        call(
            "editPolicy",
            json!(["custom", "ack.after", "soon"]),
            session.policy_edit("custom", "ack.after", "soon"),
        ),
        call(
            "editPolicy",
            json!(["custom", "nonsense", "1h"]),
            session.policy_edit("custom", "nonsense", "1h"),
        ),
        call(
            "editPolicy",
            json!(["custom", "ack.after", "12h"]),
            session.policy_edit("custom", "ack.after", "12h"),
        ),
    ];
    let uses = vec![
        call("usePolicy", json!(["nope"]), {
            session
                .policy_use("nope")
                .and_then(|_| session.policy_screen(None))
        }),
        call("usePolicy", json!(["custom"]), {
            session
                .policy_use("custom")
                .and_then(|_| session.policy_screen(None))
        }),
    ];
    Ok(json!({
        "templates": templates,
        "policy_screens": { "seed": seed, "custom": custom },
        "policy_edits": edits,
        "policy_uses": uses,
        "export_setting_keys": Session::export_setting_help(),
    }))
}

/// A case received at 09:00 and a closed one, seen at 21:00 the same day and at
/// 06:00 the next; and chains of the board's actions on the open one, each chain
/// on a vault of its own (as each component test starts from the untouched case),
/// with the open cases' list after every step.
fn deadlines() -> anyhow::Result<Value> {
    let (_dir, session, clock, closed, open) = deadline_vault()?;
    let mut clocks = BTreeMap::new();
    for now in ["2026-11-20T21:00:00Z", "2026-11-21T06:00:00Z"] {
        clock.set(at(now));
        clocks.insert(now, snapshot(&session, &[&closed, &open])?);
    }
    type Step = fn(&mut Session, &str) -> Value;
    let waiting: Step = |s, id| {
        call(
            "setWaiting",
            json!([id, true]),
            s.set_waiting(id, true).and_then(|_| s.deadline_board(id)),
        )
    };
    let info: Step = |s, id| {
        call(
            "setWaiting",
            json!([id, false]),
            s.set_waiting(id, false).and_then(|_| s.deadline_board(id)),
        )
    };
    let log_response: Step = |s, id| {
        call(
            "logMet",
            json!([id, "response"]),
            s.log_met(id, "response", None)
                .and_then(|_| s.deadline_board(id)),
        )
    };
    let log_unknown: Step = |s, id| {
        call(
            "logMet",
            json!([id, "no-such-rule"]),
            s.log_met(id, "no-such-rule", None)
                .and_then(|_| s.deadline_board(id)),
        )
    };
    let snooze_ack: Step = |s, id| {
        call(
            "snoozeDeadline",
            json!([id, "ack", 1]),
            s.snooze_hours(id, "ack", 1),
        )
    };
    let snooze_zero: Step = |s, id| {
        call(
            "snoozeDeadline",
            json!([id, "ack", 0]),
            s.snooze_hours(id, "ack", 0),
        )
    };
    let chains: [(&str, Vec<Step>); 5] = [
        ("log-response", vec![log_response, log_response]),
        ("waiting-then-info", vec![waiting, info]),
        ("waiting-twice", vec![waiting, waiting]),
        ("snooze", vec![snooze_ack, snooze_zero]),
        ("unknown-rule", vec![log_unknown]),
    ];
    let mut recorded = BTreeMap::new();
    for (name, steps) in chains {
        let (_dir, mut session, _clock, _closed, open) = deadline_vault()?;
        let mut calls = Vec::new();
        for step in steps {
            let mut recorded_call = step(&mut session, &open);
            let open_list = CaseFilter {
                view: Some(SavedView::Open),
                ..CaseFilter::default()
            };
            recorded_call["open_page_after"] =
                serde_json::to_value(session.case_page(&open_list)?)?;
            calls.push(recorded_call);
        }
        recorded.insert(name, calls);
    }
    Ok(json!({ "clocks": clocks, "chains": recorded }))
}

type DeadlineVault = (tempfile::TempDir, Session, Arc<FixedClock>, String, String);

/// The deadline tests' vault at 21:00: a closed case and an open one.
fn deadline_vault() -> anyhow::Result<DeadlineVault> {
    use Status::*;
    let (dir, mut session, clock) = vault("2026-11-20T21:00:00Z")?;
    let open = new_case(
        &mut session,
        "Path traversal in static files",
        "2026-11-20T09:00:00Z",
    )?;
    let closed = new_case(&mut session, "Closed long ago", "2026-11-01T09:00:00Z")?;
    walk(
        &mut session,
        &closed,
        &[Acknowledged, Triaging, NotAVulnerability, Closed],
    )?;
    Ok((dir, session, clock, closed, open))
}

/// What the list and the case view show of `cases` at the session's clock.
fn snapshot(session: &Session, cases: &[&str]) -> anyhow::Result<Value> {
    let mut boards = BTreeMap::new();
    let mut views = BTreeMap::new();
    for id in cases {
        boards.insert(id.to_string(), session.deadline_board(id)?);
        views.insert(id.to_string(), session.show(id)?);
    }
    Ok(json!({ "pages": pages(session)?, "boards": boards, "cases": views }))
}

/// The case list of every saved view in every sort (and the default order).
fn pages(session: &Session) -> anyhow::Result<Vec<Value>> {
    let views = [
        None,
        Some(SavedView::Open),
        Some(SavedView::Overdue),
        Some(SavedView::DueToday),
        Some(SavedView::Mine),
        Some(SavedView::Unassigned),
        Some(SavedView::Waiting),
        Some(SavedView::Ended),
        Some(SavedView::All),
    ];
    let sorts = [
        None,
        Some(CaseSort::Urgency),
        Some(CaseSort::Received),
        Some(CaseSort::Updated),
        Some(CaseSort::Severity),
    ];
    let mut pages = Vec::new();
    for view in views {
        for sort in sorts {
            let filter = CaseFilter {
                view,
                sort,
                ..CaseFilter::default()
            };
            pages.push(json!({ "view": view, "sort": sort, "page": session.case_page(&filter)? }));
        }
    }
    Ok(pages)
}

/// The agenda's morning: five cases in every group, seen at 09:00.
fn agenda() -> anyhow::Result<Value> {
    use Status::*;
    let (_dir, mut session, _clock) = vault("2026-11-24T09:00:00Z")?;
    let old = new_case(&mut session, "Old report", "2026-11-22T09:00:00Z")?;
    session.set_field(&old, embargo_api::domain::FieldName::Handler, "Ana Ruiz")?;
    let heap = new_case(&mut session, "Heap overflow", "2026-11-10T09:00:00Z")?;
    walk(&mut session, &heap, &[Acknowledged, Triaging])?;
    session.set_field(
        &heap,
        embargo_api::domain::FieldName::Cvss,
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    )?;
    let tonight = new_case(&mut session, "Due tonight", "2026-11-23T20:00:00Z")?;
    session.set_field(&tonight, embargo_api::domain::FieldName::Handler, "Bo Chen")?;
    new_case(&mut session, "Fresh report", "2026-11-24T07:00:00Z")?;
    let duplicate = new_case(
        &mut session,
        "Duplicate of the traversal",
        "2026-11-24T08:00:00Z",
    )?;
    walk(
        &mut session,
        &duplicate,
        &[Acknowledged, Triaging, Duplicate],
    )?;
    let ids: Vec<String> = session.list(None)?.into_iter().map(|row| row.id).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    Ok(
        json!({ "now": session.now(), "snapshot": snapshot(&session, &ids)?, "handlers": session.handlers()? }),
    )
}

/// Readiness of a bare case and of a finished one, and the export settings'
/// refusals.
fn exports() -> anyhow::Result<Value> {
    let (_dir, mut session, _clock) = vault("2026-11-24T09:00:00Z")?;
    let bare = new_case(
        &mut session,
        "Path traversal in static files",
        "2026-11-20T09:00:00Z",
    )?;
    let readiness_bare = answer(session.export_readiness(&bare));
    let settings = vec![
        call(
            "setExportSettings",
            json!([[{ "key": "advisory-url", "value": "ftp://example.org/{cve}" }]]),
            session.set_export_settings(&[("advisory-url", "ftp://example.org/{cve}")]),
        ),
        call(
            "setExportSettings",
            json!([[{ "key": "colour", "value": "blue" }]]),
            session.set_export_settings(&[("colour", "blue")]),
        ),
        call(
            "setExportSettings",
            json!([[{ "key": "vendor", "value": "  Harbor Project " }]]),
            session.set_export_settings(&[("vendor", "  Harbor Project ")]),
        ),
    ];
    let new_draft_refused = call(
        "newDraft",
        json!([bare, "fix-date"]),
        session.new_draft(&bare, "fix-date"),
    );
    let file_names: BTreeMap<String, String> = embargo_api::EXPORT_KINDS
        .iter()
        .map(|kind| {
            (
                json!(kind).as_str().unwrap_or_default().to_owned(),
                export_file_name(&bare, *kind),
            )
        })
        .collect();
    Ok(json!({
        "case": session.show(&bare)?,
        "readiness": readiness_bare,
        "set_export_settings": settings,
        "new_draft_refused": new_draft_refused,
        "file_names": file_names,
    }))
}

/// `text` with every UUID (case and draft ids) and every 64-hex-digit key (an
/// event's author), random per run, replaced by a stable one numbered in order of
/// first appearance, so the fixtures are the same on every run.
fn stable_ids(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut seen: Vec<String> = Vec::new();
    let mut number = |id: &str| {
        seen.iter().position(|u| u == id).unwrap_or_else(|| {
            seen.push(id.to_owned());
            seen.len() - 1
        }) + 1
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let key_len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if i + 36 <= text.len() && is_uuid(&bytes[i..i + 36]) {
            let n = number(&text[i..i + 36]);
            out.push_str(&format!("00000000-0000-4000-8000-{n:012}"));
            i += 36;
        } else if starts_word && key_len == 64 {
            let n = number(&text[i..i + 64]);
            out.push_str(&format!("{n:064}"));
            i += 64;
        } else {
            let c = text[i..].chars().next().expect("a char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn is_uuid(candidate: &[u8]) -> bool {
    candidate.iter().enumerate().all(|(i, b)| match i {
        8 | 13 | 18 | 23 => *b == b'-',
        _ => b.is_ascii_hexdigit(),
    })
}
