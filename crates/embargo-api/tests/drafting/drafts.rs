use chrono::Duration;
use embargo_api::{ApiError, ErrorCode, ImportAction};
use embargo_domain::Direction;
use mail_parser::MessageParser;

use crate::{corpus, event_count, now, vault};

#[test]
fn an_imported_report_is_acknowledged_by_a_draft_that_threads_and_meets_the_ack_rule() {
    let (dir, mut session, clock) = vault();
    let imported = session.import(&[corpus("plain.eml")]).expect("import");
    let case = imported[0].case_id.clone();

    let draft = session.new_draft(&case, "acknowledgment").expect("draft");
    assert_eq!(draft.id, format!("{case}/D1"));
    assert_eq!(
        draft.subject,
        "Re: Path traversal in quickserve static file handler"
    );
    assert!(
        draft.body.starts_with("Hello Alice Nguyen,"),
        "{}",
        draft.body
    );

    let (_, bytes) = session.draft_eml(&draft.id).expect("eml");
    let parsed = MessageParser::default().parse(&bytes).expect("parses");
    assert_eq!(
        parsed.in_reply_to().as_text(),
        Some("20261103140500.4821@researcher.example"),
        "threads with the report"
    );
    let message_id = parsed.message_id().expect("Message-ID").to_owned();

    clock.set(now() + Duration::minutes(30));
    let sent_at = now() + Duration::minutes(20);
    let sent = session
        .mark_draft_sent(&draft.id, Some(sent_at))
        .expect("sent");
    assert_eq!(sent.sent_at, Some(sent_at));

    let view = session.show(&case).expect("show");
    assert_eq!(view.met.len(), 1);
    assert_eq!(
        (view.met[0].rule.as_str(), view.met[0].at),
        ("ack", sent_at)
    );
    let outgoing = view.messages.last().expect("a message");
    assert_eq!(outgoing.direction, Direction::Outgoing);
    assert_eq!(outgoing.to, ["alice@researcher.example"]);
    assert_eq!(outgoing.date, sent_at);
    assert_eq!(outgoing.body, draft.body);
    assert_eq!(view.drafts[0].sent_at, Some(sent_at));

    // The reporter answers the message we sent: the reply joins this case.
    let reply = dir.path().join("reply.eml");
    std::fs::write(
        &reply,
        format!(
            "From: Alice Nguyen <alice@researcher.example>\r\nTo: dana@security.example.org\r\n\
             Subject: Re: Path traversal in quickserve static file handler\r\n\
             Date: Tue, 24 Nov 2026 12:00:00 +0000\r\nMessage-ID: <reply-1@researcher.example>\r\n\
             In-Reply-To: <{message_id}>\r\n\r\nThanks!\r\n"
        ),
    )
    .expect("write reply");
    let outcome = session.import(&[reply]).expect("import reply");
    assert_eq!(
        (outcome[0].case_id.as_str(), outcome[0].action),
        (case.as_str(), ImportAction::Attached)
    );

    let again = session.mark_draft_sent(&draft.id, None).expect_err("twice");
    assert!(
        again.to_string().contains("is already marked sent"),
        "{again}"
    );
    let edit = session
        .edit_draft(&draft.id, Some("x".into()), None)
        .expect_err("sent drafts are final");
    assert!(edit.to_string().contains("cannot be edited"), "{edit}");
}

#[test]
fn each_policy_template_meets_its_own_rule() {
    let (_dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    for (template, rule) in [
        ("detailed-response", Some("response")),
        ("update", Some("update")),
        ("request-info", None),
    ] {
        let draft = session.new_draft(&case, template).expect(template);
        session.mark_draft_sent(&draft.id, None).expect("sent");
        let met: Vec<String> = session
            .show(&case)
            .expect("show")
            .met
            .iter()
            .map(|m| m.rule.clone())
            .collect();
        match rule {
            Some(rule) => assert_eq!(met.last().map(String::as_str), Some(rule), "{template}"),
            None => assert_eq!(met.len(), 2, "{template} meets no rule"),
        }
    }
}

#[test]
fn drafts_are_named_by_case_and_number_or_by_id_prefix() {
    let (_dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    let first = session.new_draft(&case, "acknowledgment").expect("D1");
    let second = session.new_draft(&case, "request-info").expect("D2");
    assert_eq!(second.id, format!("{case}/D2"));
    let number = case
        .rsplit('-')
        .next()
        .expect("number")
        .trim_start_matches('0')
        .to_owned();
    assert_eq!(
        session
            .draft(&format!("{number}/d2"))
            .expect("short form")
            .uuid,
        second.uuid
    );
    let prefix = &first.uuid.simple().to_string()[..8];
    assert_eq!(session.draft(prefix).expect("uuid prefix").id, first.id);
    assert_eq!(session.drafts(&case).expect("list").len(), 2);

    let err = session.draft(&format!("{case}/D9")).expect_err("no D9");
    assert_eq!(
        err.to_string(),
        format!("{case} has no draft D9 (it has D1, D2)")
    );
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = session.draft("nonsense").expect_err("not a draft");
    assert!(err.to_string().contains("name a draft as CASE/Dn"), "{err}");
}

#[test]
fn edits_change_the_text_and_bad_requests_change_nothing() {
    let (_dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    let draft = session.new_draft(&case, "acknowledgment").expect("draft");
    let edited = session
        .edit_draft(
            &draft.id,
            None,
            Some("Hello Alice,\n\nGot it — thanks.\n".into()),
        )
        .expect("edit");
    assert_eq!(edited.body, "Hello Alice,\n\nGot it — thanks.\n");
    assert_eq!(edited.subject, draft.subject);
    assert!(edited.edited_at.is_some());

    let before = event_count(&session);
    let err = session
        .new_draft(&case, "acknowledgement")
        .expect_err("typo");
    assert!(
        matches!(err, ApiError::Draft(_)) && err.code() == ErrorCode::NotFound,
        "{err}"
    );
    let err = session
        .new_draft(&case, "fix-date")
        .expect_err("no embargo yet");
    assert!(err.to_string().contains("uses case.embargo"), "{err}");
    let err = session
        .edit_draft(&draft.id, None, Some("  \n".into()))
        .expect_err("empty");
    assert!(err.to_string().contains("must not be empty"), "{err}");
    let err = session
        .mark_draft_sent(&draft.id, Some(now() + Duration::hours(1)))
        .expect_err("future");
    assert!(err.to_string().contains("is in the future"), "{err}");
    assert_eq!(event_count(&session), before, "refusals write nothing");
}

#[test]
fn exports_of_an_unfinished_case_are_refused_with_what_it_lacks_and_nothing_is_recorded() {
    let (_dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    session
        .set_release_line(
            &case,
            "2.x",
            embargo_api::domain::Affected::Affected,
            None,
            embargo_api::domain::FixState::PrivateBranch,
        )
        .expect("line");
    let before = event_count(&session);
    let err = session
        .export(&case, embargo_api::drafts::ExportKind::Cve)
        .expect_err("not ready");
    assert_eq!(err.code(), ErrorCode::NotReady);
    let message = err.to_string();
    for lack in [
        "CVE id missing",
        "no fixed version for line 2.x",
        "no product",
        "CWE missing",
        "no CNA organisation id",
    ] {
        assert!(message.contains(lack), "{lack} missing from: {message}");
    }
    assert_eq!(event_count(&session), before);
}
