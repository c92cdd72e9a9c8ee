use embargo_api::{Outcome, SameReporter};

use crate::{report, vault};

#[test]
fn the_history_counts_outcomes_and_marks_name_and_domain_matches() {
    let (dir, mut session, _clock) = vault();
    let valid = report(
        &dir,
        &mut session,
        "Mei Lin <mei@northwind.example>",
        "Heap overflow",
        "x",
    );
    let junk = report(
        &dir,
        &mut session,
        "Mei Lin <mei@northwind.example>",
        "Missing header",
        "x",
    );
    let open = report(
        &dir,
        &mut session,
        "Mei Lin <MEI@northwind.example>",
        "Cookie issue",
        "x",
    );
    let other_address = report(
        &dir,
        &mut session,
        "Mei Lin <mei.lin@proton.example>",
        "Old report",
        "x",
    );
    let colleague = report(
        &dir,
        &mut session,
        "Ana Costa <ana@northwind.example>",
        "Colleague",
        "x",
    );
    report(
        &dir,
        &mut session,
        "Mei Chen <mei@gmail.com>",
        "Someone else",
        "x",
    );
    report(
        &dir,
        &mut session,
        "Bob <bob@gmail.com>",
        "Webmail is no tie",
        "x",
    );
    for status in ["acknowledged", "triaging", "confirmed"] {
        session
            .move_case(&valid, status.parse().expect(status))
            .expect(status);
    }
    session
        .set_field(
            &valid,
            embargo_api::domain::FieldName::Credit,
            "Mei Lin of Northwind",
        )
        .expect("credit");
    for status in ["acknowledged", "triaging", "not-a-vulnerability", "closed"] {
        session
            .move_case(&junk, status.parse().expect(status))
            .expect(status);
    }

    let history = session
        .reporter_history("mei@northwind.example")
        .expect("history");
    let by = |id: &str| {
        history
            .cases
            .iter()
            .find(|e| e.case_id == id)
            .map(|e| e.matched_by)
    };
    assert_eq!(by(&valid), Some(SameReporter::Address));
    assert_eq!(
        by(&open),
        Some(SameReporter::Address),
        "addresses compare without case"
    );
    assert_eq!(by(&other_address), Some(SameReporter::Name));
    assert_eq!(by(&colleague), Some(SameReporter::Domain));
    assert_eq!(history.cases.len(), 5, "{:#?}", history.cases);
    let junk_entry = history
        .cases
        .iter()
        .find(|e| e.case_id == junk)
        .expect("junk");
    assert_eq!(
        junk_entry.outcome,
        Outcome::NotAVulnerability,
        "a closed case keeps how it ended"
    );
    assert_eq!(
        (
            history.valid,
            history.not_a_vulnerability,
            history.open,
            history.credited
        ),
        (1, 1, 1, 1)
    );

    // From the case view: the same reporter's other cases, without this one.
    let from_case = session
        .case_reporter_history(&open)
        .expect("history")
        .expect("address");
    assert!(from_case.cases.iter().all(|e| e.case_id != open));
    assert_eq!(from_case.cases.len(), 4);

    assert!(session.reporter_history("not an address").is_err());
}
