use embargo_api::triage_core::ReportPart;
use embargo_domain::KnownNonIssue;

use crate::{re_report, report, seeded, vault};

#[test]
fn the_queue_lists_new_reports_first_with_their_flags() {
    let (dir, mut session, clock) = vault();
    let original = seeded(&dir, &mut session);
    session
        .save_non_issue(KnownNonIssue {
            id: "clickjacking".into(),
            title: "Clickjacking on the website".into(),
            explanation: "Static pages.".into(),
            keywords: vec!["clickjacking".into()],
            reply: "Hello {{ reporter.greeting }}".into(),
        })
        .expect("save");
    for status in ["acknowledged", "triaging"] {
        session
            .move_case(&original, status.parse().expect(status))
            .expect(status);
    }
    let again = re_report(&dir, &mut session);
    clock.set(crate::now() + chrono::Duration::hours(1));
    let junk = report(
        &dir,
        &mut session,
        "Rahul <rahul@bounty.example>",
        "Clickjacking",
        "Your site can be framed (clickjacking). Bounty?",
    );

    let queue = session.triage_queue().expect("queue");
    let position = |id: &str| queue.iter().position(|e| e.case_id == id).expect(id);
    assert!(
        position(&junk) < position(&original),
        "received before triaging"
    );
    assert_eq!(
        queue.last().map(|e| e.case_id.as_str()),
        Some(original.as_str())
    );

    let entry = &queue[position(&again)];
    assert_eq!(
        entry
            .likely_duplicate_of
            .as_ref()
            .map(|s| s.case_id.as_str()),
        Some(original.as_str())
    );
    let junk_entry = &queue[position(&junk)];
    assert_eq!(
        junk_entry.known_non_issue.as_ref().map(|m| m.id.as_str()),
        Some("clickjacking")
    );
    assert!(junk_entry.missing.contains(&ReportPart::Version));
    assert!(junk_entry.deadline.is_some(), "the acknowledgment is due");

    // Marked a duplicate, it leaves the queue.
    session.mark_duplicate(&again, &original).expect("mark");
    let queue = session.triage_queue().expect("queue");
    assert!(queue.iter().all(|e| e.case_id != again));
}
