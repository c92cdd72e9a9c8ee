//! Reopening an ended case: where it goes back to, what is refused, and how the
//! timeline words it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use embargo_domain::{
    AuthorId, Case, CaseId, Change, DeviceId, DomainError, Event, EventContext, HlcTimestamp,
    HumanId, Reporter, Status,
};

/// The events of a case that walked `path` (from received), in fold order.
fn walked(path: &[Status]) -> Vec<Event> {
    let ctx = EventContext {
        author: AuthorId("ab12".into()),
        device: DeviceId::random(),
    };
    let id = CaseId::random();
    let at = |n: usize| HlcTimestamp {
        wall_ms: 1_000 + n as i64,
        counter: 0,
    };
    let mut events = vec![ctx.event(
        id,
        at(0),
        Change::CaseOpened {
            human_id: HumanId {
                year: 2026,
                number: 1,
            },
            title: "t".into(),
            reporter: Reporter::default(),
            received_at: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
            channel: "e-mail".into(),
        },
    )];
    let mut from = Status::Received;
    for (n, to) in path.iter().enumerate() {
        events.push(ctx.event(id, at(n + 1), Change::StatusMoved { from, to: *to }));
        from = *to;
    }
    events
}

fn reopen(path: &[Status]) -> Result<Status, DomainError> {
    let events = walked(path);
    Case::fold(&events).unwrap().reopen_target(&events)
}

use Status::*;

#[test]
fn a_triage_outcome_goes_back_to_triaging() {
    for outcome in [NotAVulnerability, Duplicate, ThirdParty] {
        assert_eq!(
            reopen(&[Acknowledged, Triaging, outcome]),
            Ok(Triaging),
            "{outcome}"
        );
        assert_eq!(
            reopen(&[Acknowledged, Triaging, outcome, Closed]),
            Ok(Triaging),
            "closed after {outcome}"
        );
    }
}

#[test]
fn a_case_closed_after_its_advisory_goes_back_to_published() {
    let path = [
        Acknowledged,
        Triaging,
        Confirmed,
        Fixing,
        FixReady,
        CveRequested,
        Scheduled,
        Announced,
        Published,
        Closed,
    ];
    assert_eq!(reopen(&path), Ok(Published));
}

#[test]
fn a_case_still_at_work_cannot_be_reopened() {
    assert_eq!(reopen(&[]), Err(DomainError::NotReopenable(Received)));
    assert_eq!(
        reopen(&[Acknowledged, Triaging, Confirmed]),
        Err(DomainError::NotReopenable(Confirmed))
    );
    assert_eq!(
        reopen(&[Acknowledged, Triaging, Confirmed])
            .unwrap_err()
            .to_string(),
        "the case is confirmed, not closed or ended in triage; there is nothing to reopen"
    );
}

#[test]
fn the_timeline_says_reopened_and_a_forward_move_stays_plain() {
    let back = Change::StatusMoved {
        from: Duplicate,
        to: Triaging,
    };
    assert_eq!(back.describe(), "reopened: status duplicate → triaging");
    let closing = Change::StatusMoved {
        from: Duplicate,
        to: Closed,
    };
    assert_eq!(closing.describe(), "status duplicate → closed");
}

#[test]
fn a_reopened_case_folds_to_its_new_status_and_can_move_on() {
    let mut events = walked(&[Acknowledged, Triaging, NotAVulnerability]);
    let case = Case::fold(&events).unwrap();
    let to = case.reopen_target(&events).unwrap();
    let ctx = EventContext {
        author: AuthorId("ab12".into()),
        device: DeviceId::random(),
    };
    events.push(ctx.event(
        case.id,
        HlcTimestamp {
            wall_ms: 9_000,
            counter: 0,
        },
        Change::StatusMoved {
            from: case.status,
            to,
        },
    ));
    let reopened = Case::fold(&events).unwrap();
    assert_eq!(reopened.status, Triaging);
    assert_eq!(reopened.check_move(Confirmed), Ok(()));
}

#[test]
fn sending_the_acknowledgment_implies_acknowledged_only_from_received() {
    let received = Case::fold(&walked(&[])).unwrap();
    assert_eq!(
        received.move_implied_by_sending(Some("ack")),
        Some(Acknowledged)
    );
    assert_eq!(received.move_implied_by_sending(Some("update")), None);
    assert_eq!(received.move_implied_by_sending(None), None);
    let triaging = Case::fold(&walked(&[Acknowledged, Triaging])).unwrap();
    assert_eq!(
        triaging.move_implied_by_sending(Some("ack")),
        None,
        "an acknowledgment sent late moves nothing back"
    );
}
