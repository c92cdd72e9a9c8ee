use embargo_api::{ErrorCode, Session};
use embargo_domain::Status;

use crate::{event_count, re_report, seeded, vault};

const CANARY: &str = "zq-embargoed-canary";

fn timeline_mentions(session: &Session, id: &str, text: &str) -> bool {
    session
        .show(id)
        .expect("show")
        .timeline
        .iter()
        .any(|entry| entry.summary.contains(text))
}

/// Walk the original through the policy to `status` with a CVE and fixed versions.
fn advance_original(session: &mut Session, id: &str, published: bool) {
    for status in ["acknowledged", "triaging", "confirmed", "fixing"] {
        session
            .move_case(id, status.parse().expect(status))
            .expect(status);
    }
    session
        .set_field(
            id,
            embargo_api::domain::FieldName::Title,
            &format!("Traversal in serveStatic {CANARY}"),
        )
        .expect("title");
    session
        .set_field(id, embargo_api::domain::FieldName::Cve, "CVE-2026-51234")
        .expect("cve");
    session
        .set_field(
            id,
            embargo_api::domain::FieldName::Embargo,
            "2026-12-01T14:00:00Z",
        )
        .expect("embargo");
    use embargo_api::domain::{Affected, FixState};
    let state = if published {
        FixState::Released
    } else {
        FixState::Ready
    };
    session
        .set_release_line(id, "22.x", Affected::Affected, Some("22.4.3"), state)
        .expect("line");
    if published {
        for status in [
            "fix-ready",
            "cve-requested",
            "scheduled",
            "announced",
            "published",
        ] {
            session
                .move_case(id, status.parse().expect(status))
                .expect(status);
        }
    }
}

#[test]
fn marking_a_duplicate_links_both_cases_and_the_reply_keeps_the_embargo() {
    let (dir, mut session, _clock) = vault();
    let original = seeded(&dir, &mut session);
    advance_original(&mut session, &original, false);
    let again = re_report(&dir, &mut session);

    let draft = session.mark_duplicate(&again, &original).expect("mark");

    let duplicate = session.show(&again).expect("show");
    assert_eq!(duplicate.status, Status::Duplicate);
    assert_eq!(duplicate.duplicate_of.as_deref(), Some(original.as_str()));
    assert_eq!(
        session.show(&original).expect("show").duplicates,
        vec![again.clone()]
    );
    assert!(timeline_mentions(
        &session,
        &again,
        &format!("marked a duplicate of {original}")
    ));
    assert!(timeline_mentions(
        &session,
        &original,
        &format!("reported again in {again}")
    ));

    assert!(
        draft.id.starts_with(&again),
        "the draft is on the duplicate: {}",
        draft.id
    );
    for secret in [
        CANARY,
        "CVE-2026-51234",
        "22.4.3",
        "2026-12-01",
        original.as_str(),
    ] {
        assert!(
            !draft.body.contains(secret) && !draft.subject.contains(secret),
            "{secret} leaked into the reply:\n{}",
            draft.body
        );
    }
    assert!(
        draft.body.contains("already reported to us independently"),
        "{}",
        draft.body
    );
    assert!(
        draft.body.contains("keep the details confidential"),
        "{}",
        draft.body
    );
}

#[test]
fn the_reply_to_a_duplicate_of_a_published_case_names_its_cve_and_fixed_versions() {
    let (dir, mut session, _clock) = vault();
    let original = seeded(&dir, &mut session);
    advance_original(&mut session, &original, true);
    let again = re_report(&dir, &mut session);

    let draft = session.mark_duplicate(&again, &original).expect("mark");
    assert!(
        draft.body.contains("tracked as CVE-2026-51234"),
        "{}",
        draft.body
    );
    assert!(draft.body.contains("fixed in 22.4.3"), "{}", draft.body);
    assert!(!draft.body.contains("confidential"), "{}", draft.body);
    assert!(
        !draft.body.contains(CANARY),
        "the original's title stays out"
    );
}

#[test]
fn impossible_links_are_refused_and_write_nothing() {
    let (dir, mut session, _clock) = vault();
    let original = seeded(&dir, &mut session);
    let again = re_report(&dir, &mut session);
    let third = re_report(&dir, &mut session);
    session.mark_duplicate(&again, &original).expect("mark");
    let before = event_count(&session);

    for (id, of, says) in [
        (
            third.as_str(),
            third.as_str(),
            "cannot be a duplicate of itself",
        ),
        (
            again.as_str(),
            third.as_str(),
            "already marked a duplicate of",
        ),
        (third.as_str(), again.as_str(), "is itself a duplicate of"),
        (third.as_str(), "EMB-2026-0099", "EMB-2026-0099"),
    ] {
        let error = session.mark_duplicate(id, of).unwrap_err();
        assert!(error.to_string().contains(says), "{id} of {of}: {error}");
        assert!(matches!(
            error.code(),
            ErrorCode::Refused | ErrorCode::InvalidInput | ErrorCode::NotFound
        ));
    }
    // A case already past triage cannot become a duplicate.
    for status in ["acknowledged", "triaging", "confirmed"] {
        session
            .move_case(&third, status.parse().expect(status))
            .expect(status);
    }
    let error = session.mark_duplicate(&third, &original).unwrap_err();
    assert!(error.to_string().contains("duplicate"), "{error}");
    assert_eq!(
        event_count(&session),
        before + 3,
        "only the three moves were written"
    );
}
