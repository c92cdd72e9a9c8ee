use embargo_api::ErrorCode;
use embargo_domain::{Change, KnownNonIssue};

use crate::{event_count, report, vault};

fn headers_entry() -> KnownNonIssue {
    KnownNonIssue {
        id: "missing-security-headers".into(),
        title: "Missing security headers on the website".into(),
        explanation: "The website is static documentation.".into(),
        keywords: vec!["X-Frame-Options".into(), "clickjacking".into(), "  ".into()],
        reply: "Hello {{ reporter.greeting }},\n\n{{ case.id }} is not a vulnerability: \
                the website is static documentation.\n"
            .into(),
    }
}

#[test]
fn a_catalogue_entry_is_a_team_event_matches_reports_and_drafts_its_reply() {
    let (dir, mut session, _clock) = vault();
    let saved = session.save_non_issue(headers_entry()).expect("save");
    assert_eq!(
        saved.keywords,
        vec!["X-Frame-Options", "clickjacking"],
        "blank keywords dropped"
    );
    assert!(
        session
            .vault()
            .team_events()
            .expect("team")
            .iter()
            .any(|e| matches!(&e.change, Change::NonIssueSaved { entry } if entry.id == saved.id)),
        "kept on the team stream, which syncs"
    );

    let junk = report(
        &dir,
        &mut session,
        "Rahul Verma <rahul@bounty.example>",
        "Clickjacking on your site",
        "The x-frame-options header is missing. Bounty?",
    );
    let real = report(
        &dir,
        &mut session,
        "Aiko Tanaka <aiko@tanaka.example>",
        "Header injection",
        "CRLF in setHeader values.",
    );
    let matched = session.case_non_issues(&junk).expect("match");
    assert_eq!(matched.len(), 1);
    assert_eq!(
        matched[0].matched_keywords,
        vec!["X-Frame-Options", "clickjacking"]
    );
    assert!(session.case_non_issues(&real).expect("match").is_empty());

    let draft = session
        .draft_non_issue_reply(&junk, &saved.id)
        .expect("reply");
    assert!(
        draft.body.starts_with("Hello Rahul Verma,"),
        "{}",
        draft.body
    );
    assert!(
        draft
            .body
            .contains(&format!("{junk} is not a vulnerability"))
    );

    session.remove_non_issue(&saved.id).expect("remove");
    assert!(session.non_issues().expect("list").is_empty());
    assert!(session.case_non_issues(&junk).expect("match").is_empty());
}

#[test]
fn bad_entries_are_refused_and_write_nothing() {
    let (_dir, mut session, _clock) = vault();
    let before = event_count(&session);
    let cases = [
        KnownNonIssue {
            id: "Bad Id".into(),
            ..headers_entry()
        },
        KnownNonIssue {
            keywords: vec![" ".into()],
            ..headers_entry()
        },
        KnownNonIssue {
            explanation: " ".into(),
            ..headers_entry()
        },
        KnownNonIssue {
            reply: "Hello {{ reporter.greeting ".into(),
            ..headers_entry()
        },
    ];
    for entry in cases {
        let error = session.save_non_issue(entry.clone()).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidInput, "{entry:?}: {error}");
    }
    assert!(session.remove_non_issue("nothing-here").is_err());
    assert_eq!(event_count(&session), before);
}
