use embargo_api::{ErrorCode, NewCase};

use crate::{re_report, seeded, vault};

#[test]
fn a_re_report_in_other_words_finds_the_original_first_with_why() {
    let (dir, mut session, _clock) = vault();
    let original = seeded(&dir, &mut session);
    let again = re_report(&dir, &mut session);

    let similar = session.similar(&again, 5).expect("similar");
    assert_eq!(similar[0].case_id, original, "{similar:#?}");
    assert!(similar[0].likely_duplicate, "{similar:#?}");
    assert!(
        similar[0].shared_terms.iter().any(|t| t == "serveStatic"),
        "the shared function name explains the match: {:?}",
        similar[0].shared_terms
    );
    assert!(
        similar.iter().all(|s| s.case_id != again),
        "a case is not similar to itself"
    );
    assert!(
        similar.windows(2).all(|w| w[0].score >= w[1].score),
        "best first"
    );
    assert!(
        similar[1..].iter().all(|s| !s.likely_duplicate),
        "unrelated reports are not flagged: {similar:#?}"
    );
    let panel = session.case_triage(&again).expect("panel");
    assert_eq!(
        panel.similar, similar,
        "the case view's panel shows the same ranking"
    );
    assert_eq!(
        panel.reporter.expect("an address").address,
        "kenji@sato.example"
    );
    assert!(panel.non_issues.is_empty());
    let json = serde_json::to_value(&similar[0]).unwrap();
    for key in ["case_id", "score", "likely_duplicate", "shared_terms"] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
}

#[test]
fn the_ranking_follows_changes_to_cases_made_after_it_was_built() {
    let (dir, mut session, _clock) = vault();
    seeded(&dir, &mut session);
    let again = re_report(&dir, &mut session);
    let before = session.similar(&again, 5).expect("similar");

    // A case opened after the first ranking, naming the same function.
    let later = session
        .new_case(NewCase {
            title: "normalizeStaticPath lets %5c through serveStatic".into(),
            ..NewCase::default()
        })
        .expect("new case")
        .to_string();
    let after = session.similar(&again, 5).expect("similar");
    assert!(after.iter().any(|s| s.case_id == later), "{after:#?}");
    assert!(!before.iter().any(|s| s.case_id == later));

    // Retitled to something else entirely: it drops out again.
    session
        .set_field(
            &later,
            embargo_api::domain::FieldName::Title,
            "Unrelated cookie flag question",
        )
        .expect("retitle");
    let retitled = session.similar(&again, 5).expect("similar");
    assert!(
        !retitled.iter().any(|s| s.case_id == later),
        "{retitled:#?}"
    );
}

#[test]
fn an_unknown_case_is_a_clear_error() {
    let (_dir, session, _clock) = vault();
    let error = session.similar("EMB-2026-0099", 5).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
}
