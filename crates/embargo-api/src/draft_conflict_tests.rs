//! Resolving a draft edited on two devices between syncs: saving any version, even
//! the one already shown, is the person's choice and clears the conflict.

use embargo_domain::Change;

use crate::NewCase;
use crate::test_session::fixed_time_session;

#[test]
fn saving_the_version_already_shown_resolves_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut session = fixed_time_session(
        &dir.path().join("vault"),
        "Dana Whitfield",
        "dana@security.example.org",
    );
    let case = session
        .new_case(NewCase {
            title: "Open redirect".into(),
            reporter_email: Some("mei@example.net".into()),
            ..NewCase::default()
        })
        .expect("case")
        .to_string();
    let draft = session.new_draft(&case, "request-info").expect("draft");
    let case_id = session.resolve(&case).expect("resolve");
    let created = session.vault().events(case_id).expect("events");
    let created = created
        .iter()
        .find(|e| matches!(e.change, Change::DraftCreated { .. }))
        .expect("created")
        .id;
    session
        .edit_draft(&draft.id, None, Some("Mine.\n".into()))
        .expect("edit here");
    // A teammate's edit made on the text as first rendered arrives by sync.
    session
        .record(
            case_id,
            vec![Change::DraftEdited {
                draft_id: draft.uuid,
                subject: draft.subject.clone(),
                body: "Theirs.\n".into(),
                base: Some(created),
            }],
        )
        .expect("teammate's edit");
    let shown = session.draft(&draft.id).expect("draft");
    assert_eq!(shown.conflict.len(), 2, "both versions kept");
    assert_eq!(shown.body, "Theirs.\n");

    let picked = session
        .edit_draft(
            &draft.id,
            Some(shown.subject.clone()),
            Some(shown.body.clone()),
        )
        .expect("pick the version shown");
    assert!(picked.conflict.is_empty(), "{:?}", picked.conflict);
    assert_eq!(picked.body, "Theirs.\n");
    // Without a conflict, saving the same text again records nothing.
    let events = session.vault().events(case_id).expect("events").len();
    session
        .edit_draft(&draft.id, Some(shown.subject), Some(shown.body))
        .expect("same text");
    assert_eq!(
        session.vault().events(case_id).expect("events").len(),
        events
    );
}
