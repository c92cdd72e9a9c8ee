//! Triage through the use cases, on real encrypted vaults: similar cases and the
//! likely-duplicate flag, marking a duplicate (links, reply without embargoed
//! details), what a report lacks and the request for it, the reporter's history,
//! the known non-issues catalogue and the triage queue.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod duplicate;
mod gaps;
mod non_issues;
mod queue;
mod reporter;
mod similar;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use embargo_api::Session;
use embargo_domain::FixedClock;
use secrecy::SecretString;
use tempfile::TempDir;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant")
}

/// A new vault, with a clock the test moves.
pub fn vault() -> (TempDir, Session, Arc<FixedClock>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(now()));
    let session = Session::create(
        &dir.path().join("vault"),
        "Dana Whitfield",
        "dana@security.example.org",
        &SecretString::from("triage tests".to_owned()),
        clock.clone(),
    )
    .expect("vault");
    (dir, session, clock)
}

/// Import one report written as an e-mail; returns its `EMB-…` id.
pub fn report(
    dir: &TempDir,
    session: &mut Session,
    from: &str,
    subject: &str,
    body: &str,
) -> String {
    let n = session.vault().list().expect("list").len();
    let path: PathBuf = dir.path().join(format!("report-{n}.eml"));
    let mail = format!(
        "From: {from}\r\nTo: security@harbor.example\r\nSubject: {subject}\r\n\
         Date: Mon, 23 Nov 2026 10:{n:02}:00 +0000\r\nMessage-ID: <report-{n}@triage.test>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        body.replace('\n', "\r\n")
    );
    std::fs::write(&path, mail).expect("write eml");
    session.import(&[path]).expect("import")[0].case_id.clone()
}

/// How many events the vault holds (to check that a refusal wrote nothing).
pub fn event_count(session: &Session) -> usize {
    let team = session.vault().team_events().expect("team events").len();
    let cases: usize = session
        .vault()
        .list()
        .expect("list")
        .iter()
        .map(|c| session.vault().events(c.case_id).expect("events").len())
        .sum();
    team + cases
}

pub const TRAVERSAL: &str = "Path traversal in serveStatic via encoded backslash";
pub const TRAVERSAL_BODY: &str = "Hello,\n\nserveStatic in lib/static/path.js decodes %5c after \
    the dot-dot check, so GET /static/..%5c..%5cetc%5cpasswd returns /etc/passwd on 22.4.0.\n\n\
    Steps to reproduce:\n1. start harbor\n2. curl --path-as-is http://localhost:8080/static/..%5c..%5cetc%5cpasswd\n\n\
    Impact: an unauthenticated attacker can read any file.\n";

/// Three unrelated reports and the original traversal report; returns the
/// traversal's id.
pub fn seeded(dir: &TempDir, session: &mut Session) -> String {
    report(
        dir,
        session,
        "Olu Adeyemi <olu@adeyemi.example>",
        "Stored XSS through SVG avatars",
        "Uploaded SVG avatars are served inline from /uploads/avatars/ and run <svg onload=alert(1)>.",
    );
    let original = report(
        dir,
        session,
        "Aiko Tanaka <aiko@tanaka.example>",
        TRAVERSAL,
        TRAVERSAL_BODY,
    );
    report(
        dir,
        session,
        "Jonas Berg <jonas@berg.example>",
        "Range header with thousands of ranges exhausts memory",
        "parseRange buffers every range of a multi-range request for static files; \
         bytes=0-,0-,0-,... takes the server down.",
    );
    report(
        dir,
        session,
        "Sofia Alvarez <sofia@alvarez.example>",
        "Request smuggling with duplicated Content-Length",
        "Two Content-Length headers with different values are accepted; the proxy and the server disagree.",
    );
    original
}

/// The same traversal bug, reported again by someone else in other words.
pub fn re_report(dir: &TempDir, session: &mut Session) -> String {
    report(
        dir,
        session,
        "Kenji Sato <kenji@sato.example>",
        "Directory traversal in the static middleware using %5c",
        "hi, the static middleware only treats forward slashes as separators: \
         http://127.0.0.1:8080/static/..%5c..%5c..%5cetc%5cpasswd gives me the passwd file. \
         normalizeStaticPath / serveStatic in lib/static/path.js never see the backslash. cheers",
    )
}
