//! Drafting and exporting through the use cases, on real encrypted vaults:
//! drafts become correspondence and meet deadlines, templates live in the team
//! stream, and every finished demo case exports schema-valid CVE, OSV and CSAF.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../embargo-drafts/tests/support/schemas.rs"]
mod schemas;

mod demo_exports;
mod desk;
mod drafts;
mod templates;

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

pub fn passphrase() -> SecretString {
    SecretString::from("drafting tests".to_owned())
}

/// A new vault for Dana, with a clock the test moves.
pub fn vault() -> (TempDir, Session, Arc<FixedClock>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(now()));
    let session = Session::create(
        &dir.path().join("vault"),
        "Dana Whitfield",
        "dana@security.example.org",
        &passphrase(),
        clock.clone(),
    )
    .expect("vault");
    (dir, session, clock)
}

/// The e-mail corpus shared with embargo-mail's tests.
pub fn corpus(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../embargo-mail/tests/corpus")
        .join(name)
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
