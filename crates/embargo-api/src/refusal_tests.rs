//! Refusals reach a front end as data (a code, the input, the reason, what is
//! missing) in words that name no front end's flag or command: the command line
//! and the desktop app each word them in their own terms.
#![allow(clippy::expect_used)]

use chrono::Duration;
use embargo_domain::{FieldName, Status, StatusNeed};
use embargo_drafts::{ExportKind, Missing};

use crate::test_session::fixed_time_session;
use crate::{ApiError, ErrorCode, Input, NewCase, Refusal, Session};

fn session(dir: &std::path::Path) -> Session {
    fixed_time_session(&dir.join("vault"), "Ana Ruiz", "ana@example.org")
}

fn open_case(session: &mut Session) -> String {
    session
        .new_case(NewCase {
            title: "Path traversal in serveStatic".into(),
            ..NewCase::default()
        })
        .expect("new case")
        .to_string()
}

/// The core's sentence must not carry a flag or a command of the command line.
fn assert_no_front_end_words(error: &ApiError) {
    let text = error.to_string();
    assert!(
        !text.contains("--")
            && !text.contains('`')
            && ![
                "(embargo ",
                ": embargo ",
                "case set ",
                "export-settings set"
            ]
            .iter()
            .any(|command| text.contains(command)),
        "front-end words in the core's message: {text}"
    );
}

#[test]
fn malformed_input_names_the_input_not_a_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = session(dir.path());
    let refused = session
        .new_case(NewCase {
            title: "  ".into(),
            ..NewCase::default()
        })
        .expect_err("a case needs a title");
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert_eq!(refused.input(), Some(Input::Title));
    assert_no_front_end_words(&refused);
}

#[test]
fn a_step_logged_in_the_future_is_refused_with_the_instant_as_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = session(dir.path());
    let id = open_case(&mut session);
    let later = session.now() + Duration::hours(2);
    let refused = session
        .log_met(&id, "ack", Some(later))
        .expect_err("not done yet");
    assert_eq!(refused.code(), ErrorCode::Refused);
    assert!(
        matches!(&refused, ApiError::Refused(Refusal::DoneInFuture { at }) if *at == later),
        "{refused:?}"
    );
    assert_no_front_end_words(&refused);
    let refused = session
        .set_waiting(&id, false)
        .expect_err("it does not wait yet");
    assert!(
        matches!(&refused, ApiError::Refused(Refusal::NotWaiting { case }) if case.starts_with("EMB-")),
        "{refused:?}"
    );
    assert_no_front_end_words(&refused);
}

#[test]
fn a_move_the_case_is_not_ready_for_lists_what_it_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = session(dir.path());
    let id = open_case(&mut session);
    let illegal = session
        .move_case(&id, Status::Published)
        .expect_err("skips the workflow");
    assert_eq!(illegal.code(), ErrorCode::Refused);
    for status in [
        Status::Acknowledged,
        Status::Triaging,
        Status::Confirmed,
        Status::Fixing,
        Status::FixReady,
        Status::CveRequested,
    ] {
        session.move_case(&id, status).expect("a legal move");
    }
    let refused = session
        .move_case(&id, Status::Scheduled)
        .expect_err("no CVE id, no embargo date");
    assert_eq!(refused.code(), ErrorCode::Refused);
    assert_eq!(
        refused.status_needs(),
        [StatusNeed::CveId, StatusNeed::EmbargoDate]
    );
    assert_no_front_end_words(&refused);
    session
        .set_field(&id, FieldName::Cve, "CVE-2026-1234")
        .expect("typed field");
    let refused = session
        .export(&id, ExportKind::Cve)
        .expect_err("the CVE record needs more");
    assert_eq!(refused.code(), ErrorCode::NotReady);
    assert!(refused.missing().contains(&Missing::Cwe), "{refused:?}");
    assert_no_front_end_words(&refused);
}

#[test]
fn team_errors_keep_their_meaning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = session(dir.path());
    let refused = session.sync().expect_err("no team yet");
    assert_eq!(refused.code(), ErrorCode::NotAMember);
    assert_no_front_end_words(&refused);

    let folder = dir.path().join("team");
    std::fs::create_dir(&folder).expect("folder");
    let refused = session.team_create(&folder, " ").expect_err("no name");
    assert_no_front_end_words(&refused);
    session.team_create(&folder, "PSIRT").expect("create");
    let refused = session
        .team_create(&folder, "PSIRT")
        .expect_err("one team per vault");
    assert_eq!(refused.code(), ErrorCode::AlreadyExists);

    let mut other = fixed_time_session(&dir.path().join("other"), "Bo Chen", "bo@example.org");
    let refused = other
        .team_create(&folder, "Second")
        .expect_err("the folder holds a team");
    assert_eq!(refused.code(), ErrorCode::AlreadyExists);
    assert_no_front_end_words(&refused);

    std::fs::remove_dir_all(&folder).expect("the folder goes away");
    std::fs::write(&folder, b"not a folder").expect("a file where it was");
    let refused = session.sync().expect_err("the folder is gone");
    assert_eq!(refused.code(), ErrorCode::FolderUnavailable, "{refused}");
}
