use embargo_api::ErrorCode;
use embargo_api::triage_core::ReportPart;
use embargo_domain::deadlines::DeadlineState;

use crate::{TRAVERSAL_BODY, report, vault};

#[test]
fn a_vague_report_lacks_everything_and_the_request_asks_for_exactly_that() {
    let (dir, mut session, _clock) = vault();
    let vague = report(
        &dir,
        &mut session,
        "Rahul Verma <rahul@bounty.example>",
        "Critical vulnerability found",
        "Dear team, I found a critical security issue in your server. Please tell me the bounty.",
    );
    let check = session.report_check(&vague).expect("check");
    assert_eq!(check.missing, ReportPart::ALL.to_vec());

    let draft = session.request_missing_info(&vague).expect("draft");
    for part in ReportPart::ALL {
        assert!(
            draft.body.contains(part.request()),
            "{:?} in\n{}",
            part,
            draft.body
        );
    }
    assert!(
        !session
            .show(&vague)
            .expect("show")
            .timeline
            .iter()
            .any(|e| e.kind == "reporter_wait")
    );

    // Sending the request makes the case wait on the reporter.
    session.mark_draft_sent(&draft.id, None).expect("sent");
    let deadlines = session.case_deadlines(&vague).expect("deadlines");
    assert!(
        deadlines
            .iter()
            .any(|d| d.rule == "response" && d.state == DeadlineState::Paused),
        "{deadlines:?}"
    );
}

#[test]
fn a_partial_report_is_asked_only_for_what_it_lacks() {
    let (dir, mut session, _clock) = vault();
    let partial = report(
        &dir,
        &mut session,
        "Mei Lin <mei@northwind.example>",
        "Upload handler accepts any file name",
        "On harbor 22.4.0 the upload handler keeps the client's file name as is.",
    );
    let check = session.report_check(&partial).expect("check");
    assert_eq!(
        check.missing,
        vec![
            ReportPart::Reproduction,
            ReportPart::ProofOfConcept,
            ReportPart::Impact
        ]
    );
    let draft = session.request_missing_info(&partial).expect("draft");
    assert!(
        !draft.body.contains(ReportPart::Version.request()),
        "{}",
        draft.body
    );
    assert!(
        draft.body.contains(ReportPart::Impact.request()),
        "{}",
        draft.body
    );
}

#[test]
fn a_complete_report_needs_no_request() {
    let (dir, mut session, _clock) = vault();
    let complete = report(
        &dir,
        &mut session,
        "Aiko Tanaka <aiko@tanaka.example>",
        "Traversal",
        TRAVERSAL_BODY,
    );
    assert!(
        session
            .report_check(&complete)
            .expect("check")
            .missing
            .is_empty()
    );
    let error = session.request_missing_info(&complete).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Refused);
    assert!(error.to_string().contains("request-info"), "{error}");
}
