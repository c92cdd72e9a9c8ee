//! Sessions for the crate's unit tests: a real vault on disk whose clock stands
//! at 2026-11-24 09:00 UTC.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use embargo_domain::FixedClock;
use secrecy::SecretString;

use crate::{NewCase, Session};

/// A new vault in `dir` for `name <email>`, unlocked, at the fixed test time.
pub(crate) fn fixed_time_session(dir: &Path, name: &str, email: &str) -> Session {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("valid instant");
    Session::create(
        dir,
        name,
        email,
        &SecretString::from("a long enough passphrase"),
        Arc::new(FixedClock::new(now)),
    )
    .expect("create a test vault")
}

/// `name`'s vault in `dir/name` (e-mail `name@example.org`): one person of a team test.
pub(crate) fn person(dir: &Path, name: &str) -> Session {
    fixed_time_session(
        &dir.join(name),
        name,
        &format!("{}@example.org", name.to_lowercase()),
    )
}

/// A new case with only a title; its `EMB-` id.
pub(crate) fn case_titled(session: &mut Session, title: &str) -> String {
    session
        .new_case(NewCase {
            title: title.into(),
            ..NewCase::default()
        })
        .expect("new case")
        .to_string()
}
