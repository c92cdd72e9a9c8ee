//! The deadline board and the agenda: list pages for every view and sort, boards
//! and case views at fixed instants, and chains of board actions.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Context;

use embargo_api::domain::{FieldName, FixedClock, Status};
use embargo_api::{CaseFilter, CaseSort, SavedView, Session};
use serde_json::{Value, json};

use crate::recording::{Scene, at, call, new_case, opening_list, vault, walk_to};

/// A case received at 09:00 and a closed one, seen at 21:00 the same day and at
/// 06:00 the next; and chains of the board's actions on the open one, each chain
/// on a vault of its own (as each component test starts from the untouched case),
/// with the open cases' list after every step.
pub fn deadlines() -> anyhow::Result<Value> {
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
    walk_to(&mut session, &closed, Closed)?;
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
pub fn agenda() -> anyhow::Result<Value> {
    use Status::*;
    let (dir, mut session, _clock) = vault("2026-11-24T09:00:00Z")?;
    let old = new_case(&mut session, "Old report", "2026-11-22T09:00:00Z")?;
    session.set_field(&old, FieldName::Handler, "Ana Ruiz")?;
    let heap = new_case(&mut session, "Heap overflow", "2026-11-10T09:00:00Z")?;
    walk_to(&mut session, &heap, Triaging)?;
    session.set_field(
        &heap,
        FieldName::Cvss,
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    )?;
    let tonight = new_case(&mut session, "Due tonight", "2026-11-23T20:00:00Z")?;
    session.set_field(&tonight, FieldName::Handler, "Bo Chen")?;
    new_case(&mut session, "Fresh report", "2026-11-24T07:00:00Z")?;
    let duplicate = new_case(
        &mut session,
        "Duplicate of the traversal",
        "2026-11-24T08:00:00Z",
    )?;
    walk_to(&mut session, &duplicate, Duplicate)?;
    let ids: Vec<String> = session.list(None)?.into_iter().map(|row| row.id).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let now = session.now();
    let snapshot = snapshot(&session, &ids)?;
    let handlers = session.handlers()?;
    let mut search = opening_list();
    search["words"] = json!("duplicate");
    search["view"] = json!("all");
    let parsed: CaseFilter = serde_json::from_value(search.clone())?;
    let searches = vec![call(
        "listCases",
        json!([search]),
        session.case_page(&parsed),
    )];
    let reply = reply_from_board(Scene::new(dir, session, &[&old])?, &old)?;
    Ok(json!({
        "now": now,
        "snapshot": snapshot,
        "handlers": handlers,
        "searches": searches,
        "reply_from_board": reply,
    }))
}

/// The overdue acknowledgment's reply drafted from the board and marked sent.
fn reply_from_board(mut scene: Scene, old: &str) -> anyhow::Result<Value> {
    scene.change("newDraft", json!([old, "acknowledgment"]), |s| {
        s.new_draft(old, "acknowledgment")
    })?;
    let draft = scene.session.drafts(old)?.pop().context("the new draft")?;
    let preview = |scene: &mut Scene| {
        scene.ask(
            "previewDraft",
            json!([draft.id, draft.subject, draft.body]),
            |s| {
                s.preview_draft(
                    &draft.id,
                    Some(draft.subject.clone()),
                    Some(draft.body.clone()),
                )
            },
        );
    };
    preview(&mut scene);
    scene.change("markDraftSent", json!([draft.id]), |s| {
        s.mark_draft_sent(&draft.id, None)
    })?;
    preview(&mut scene);
    scene.change("moveCase", json!([old, "acknowledged"]), |s| {
        s.move_case(old, Status::Acknowledged)
            .and_then(|_| s.show(old))
    })?;
    preview(&mut scene);
    Ok(scene.finish())
}
