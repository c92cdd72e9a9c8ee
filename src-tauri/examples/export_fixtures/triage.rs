//! The triage panel and queue: a new report that repeats one being fixed, from a
//! reporter known by name from an earlier case, beside an unrelated new report, as
//! the core's triage reads them.

use embargo_api::domain::Status;
use serde_json::{Value, json};

use crate::recording::{Scene, import_report, vault, walk_to};

/// An earlier report by the same person from another address, long closed.
const EARLIER: &str = "From: Kenji Sato <kenji@old.example>\r
To: security@example.org\r
Subject: Old finding\r
Date: Sat, 01 Mar 2025 09:00:00 +0000\r
Message-ID: <old-finding@old.example>\r
\r
The admin page shows stack traces to anonymous visitors.\r
";

/// The report being fixed.
const BEING_FIXED: &str = "From: Lena Park <lena@park.example>\r
To: security@example.org\r
Subject: Path traversal in serveStatic\r
Date: Fri, 20 Nov 2026 09:00:00 +0000\r
Message-ID: <serve-static@park.example>\r
\r
serveStatic decodes the path after checking it, so\r
GET /static/..%5c..%5cetc%5cpasswd returns /etc/passwd.\r
\r
Affected version: 22.3.0\r
Steps to reproduce: curl http://localhost:8080/static/..%5c..%5cetc%5cpasswd\r
Impact: any file the server can read is disclosed to anyone.\r
";

/// The new report: the same traversal, without a version or an impact.
const NEW_REPORT: &str = "From: Kenji Sato <kenji@sato.example>\r
To: security@example.org\r
Subject: Directory traversal in the static middleware\r
Date: Mon, 23 Nov 2026 09:00:00 +0000\r
Message-ID: <static-middleware@sato.example>\r
\r
The static middleware serveStatic decodes the path after checking it.\r
\r
Steps to reproduce:\r
1. Start the server.\r
2. curl http://localhost:8080/static/..%5c..%5cetc%5cpasswd\r
\r
Proof of concept: the request above prints /etc/passwd.\r
";

/// An unrelated report that arrived the same morning.
const UNRELATED: &str = "From: Ola Berg <ola@berg.example>\r
To: security@example.org\r
Subject: Script injection in the search box\r
Date: Tue, 24 Nov 2026 07:00:00 +0000\r
Message-ID: <search-box@berg.example>\r
\r
Typing <img src=x onerror=alert(1)> in the search box runs it on the results page.\r
";

pub fn triage() -> anyhow::Result<Value> {
    Ok(json!({
        "duplicate": duplicate()?,
        "request-info": request_info()?,
    }))
}

/// The four reports; returns the scene, the new report's case and the one being fixed.
fn reports() -> anyhow::Result<(Scene, String, String)> {
    let (dir, mut session, _clock) = vault("2026-11-24T09:00:00Z")?;
    let earlier = import_report(&mut session, EARLIER)?;
    walk_to(&mut session, &earlier, Status::Closed)?;
    let fixing = import_report(&mut session, BEING_FIXED)?;
    walk_to(&mut session, &fixing, Status::Fixing)?;
    let new = import_report(&mut session, NEW_REPORT)?;
    let unrelated = import_report(&mut session, UNRELATED)?;
    let mut scene = Scene::new(dir, session, &[&new, &fixing, &earlier, &unrelated])?;
    looked_at(&mut scene);
    Ok((scene, new, fixing))
}

/// What the queue shows (each case's triage is recorded with the scene).
fn looked_at(scene: &mut Scene) {
    scene.ask("triageQueue", json!([]), |s| s.triage_queue());
}

/// Marking the new report a duplicate of the one being fixed.
fn duplicate() -> anyhow::Result<Value> {
    let (mut scene, new, fixing) = reports()?;
    scene.change("markDuplicate", json!([new, fixing]), |s| {
        s.mark_duplicate(&new, &fixing)
    })?;
    looked_at(&mut scene);
    Ok(scene.finish())
}

/// Asking the new report's reporter for what it lacks.
fn request_info() -> anyhow::Result<Value> {
    let (mut scene, new, _fixing) = reports()?;
    scene.change("requestMissingInfo", json!([new]), |s| {
        s.request_missing_info(&new)
    })?;
    looked_at(&mut scene);
    Ok(scene.finish())
}
