//! The case list and the case view: three cases the desk tests list, search,
//! filter and move, as the core lists them.

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
    Ok(json!({ "case_list": case_list()? }))
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
