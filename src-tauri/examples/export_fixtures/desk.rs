//! The case list and the case view: three cases the desk tests list, search,
//! filter and move, as the core lists them, and a case whose fields, notes,
//! checklist and release lines the case view edits.

use embargo_api::domain::{FieldName, Status};
use serde_json::{Value, json};

use crate::recording::{Scene, import_report, new_case, opening_list, vault, walk_to};

/// A report whose body is markup (the case view must show it as text).
const MARKUP_REPORT: &str = "From: Mallory <m@example.net>\r
To: security@example.org\r
Subject: XSS in the admin panel\r
Date: Fri, 20 Nov 2026 09:00:00 +0000\r
Message-ID: <xss-admin@example.net>\r
\r
<img src=x onerror=\"alert(1)\"><script>alert(2)</script>\r
";

pub fn desk() -> anyhow::Result<Value> {
    Ok(json!({
        "case_list": case_list()?,
        "case_cve": case_cve()?,
        "case_notes": case_notes()?,
    }))
}

/// A filter of the case list as the UI sends it, from the opening list.
fn filter(change: Value) -> Value {
    let mut filter = opening_list();
    for (key, value) in change.as_object().into_iter().flatten() {
        filter[key] = value.clone();
    }
    filter
}

/// Searched, filtered by status and by handler, then a case moved.
fn case_list() -> anyhow::Result<Value> {
    let (dir, mut session, _clock) = vault("2026-11-20T21:00:00Z")?;
    let traversal = new_case(
        &mut session,
        "Path traversal in static files",
        "2026-11-20T09:00:00Z",
    )?;
    session.set_field(&traversal, FieldName::Handler, "Ana Ruiz")?;
    let xss = import_report(&mut session, MARKUP_REPORT)?;
    walk_to(&mut session, &xss, Status::Acknowledged)?;
    let timing = new_case(&mut session, "Timing leak in login", "2026-11-20T09:00:00Z")?;
    session.set_field(&timing, FieldName::Handler, "Bo Chen")?;
    walk_to(&mut session, &timing, Status::Triaging)?;
    let mut scene = Scene::new(dir, session, &[&timing, &xss, &traversal])?;
    scene.list(filter(json!({ "words": "trav", "view": "all" })))?;
    scene.list(filter(json!({ "status": "acknowledged" })))?;
    scene.list(filter(
        json!({ "handler": { "kind": "named", "name": "Bo Chen" } }),
    ))?;
    scene.list(filter(json!({ "handler": { "kind": "unassigned" } })))?;
    scene.change("moveCase", json!([traversal, "acknowledged"]), |s| {
        s.move_case(&traversal, Status::Acknowledged)
            .and_then(|_| s.show(&traversal))
    })?;
    Ok(scene.finish())
}

/// The case a test of the case view edits: Ana's, one path traversal.
fn one_case() -> anyhow::Result<(Scene, String)> {
    let (dir, mut session, _clock) = vault("2026-11-20T21:00:00Z")?;
    let id = new_case(
        &mut session,
        "Path traversal in static files",
        "2026-11-20T09:00:00Z",
    )?;
    session.set_field(&id, FieldName::Handler, "Ana Ruiz")?;
    let scene = Scene::new(dir, session, &[&id])?;
    Ok((scene, id))
}

/// A CVE id refused as typed, then one set (in lower case, as typed).
fn case_cve() -> anyhow::Result<Value> {
    let (mut scene, id) = one_case()?;
    scene.ask("setField", json!([id, "cve", "CVE-12"]), |s| {
        s.set_field(&id, FieldName::Cve, "CVE-12")
            .and_then(|_| s.show(&id))
    });
    scene.change("setField", json!([id, "cve", "cve-2026-41007"]), |s| {
        s.set_field(&id, FieldName::Cve, "cve-2026-41007")
            .and_then(|_| s.show(&id))
    })?;
    Ok(scene.finish())
}

/// A note, a checklist item added and ticked, a release line added and marked
/// affected, as the UI sends them.
fn case_notes() -> anyhow::Result<Value> {
    let (mut scene, id) = one_case()?;
    let note = "Root cause is the join";
    scene.change("addNote", json!([id, note]), |s| {
        s.add_note(&id, note).and_then(|_| s.show(&id))
    })?;
    let item = "Audit other decoders";
    scene.change("addChecklistItem", json!([id, item]), |s| {
        s.add_checklist_item(&id, item).and_then(|_| s.show(&id))
    })?;
    scene.change("setChecklistDone", json!([id, 1, true]), |s| {
        s.set_checklist_done(&id, 1, true).and_then(|_| s.show(&id))
    })?;
    for affected in ["unknown", "affected"] {
        let line = json!({ "line": "20.x", "affected": affected, "fixed_version": null, "fix_state": "none" });
        let parsed = serde_json::from_value(line.clone())?;
        scene.change("putReleaseLine", json!([id, line]), |s| {
            s.put_release_line(&id, parsed).and_then(|_| s.show(&id))
        })?;
    }
    Ok(scene.finish())
}
