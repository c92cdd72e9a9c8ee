//! Folding a case from its events, the policy's status rules, and the frozen
//! event encoding.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use embargo_domain::{
    Affected, AuthorId, Case, CaseField, CaseId, Change, DeviceId, DomainError, Event,
    EventContext, EventId, FixState, HlcTimestamp, HumanId, ReleaseLine, Reporter, Status,
};

fn context() -> EventContext {
    EventContext {
        author: AuthorId("ab12".into()),
        device: DeviceId::random(),
    }
}

fn case_at(status: Status) -> Case {
    let ctx = context();
    let id = CaseId::random();
    let open = ctx.event(
        id,
        HlcTimestamp {
            wall_ms: 1,
            counter: 0,
        },
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
    );
    let mut case = Case::fold([&open]).unwrap();
    case.status = status;
    case
}

#[test]
fn each_step_of_the_policy_is_allowed_only_from_its_predecessor() {
    assert_eq!(
        case_at(Status::Received).check_move(Status::Acknowledged),
        Ok(())
    );
    let err = case_at(Status::Scheduled)
        .check_move(Status::Published)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot move from scheduled to published: published needs announced first"
    );
    let err = case_at(Status::Fixing)
        .check_move(Status::Closed)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot move from fixing to closed: closed needs published, not-a-vulnerability, duplicate or third-party first"
    );
    assert_eq!(
        case_at(Status::Triaging).check_move(Status::Triaging),
        Err(DomainError::AlreadyInStatus(Status::Triaging))
    );
    assert_eq!(
        case_at(Status::Triaging).check_move(Status::ThirdParty),
        Ok(())
    );
    assert_eq!(
        case_at(Status::ThirdParty).check_move(Status::Closed),
        Ok(())
    );
}

#[test]
fn fix_ready_needs_a_fixed_version_on_every_affected_line() {
    let mut case = case_at(Status::Fixing);
    case.release_lines = vec![
        ReleaseLine {
            line: "22.x".into(),
            affected: Affected::Affected,
            fixed_version: Some("22.1.1".into()),
            fix_state: FixState::Ready,
        },
        ReleaseLine {
            line: "20.x".into(),
            affected: Affected::Affected,
            fixed_version: None,
            fix_state: FixState::PrivateBranch,
        },
        ReleaseLine {
            line: "18.x".into(),
            affected: Affected::NotAffected,
            fixed_version: None,
            fix_state: FixState::None,
        },
    ];
    let err = case.check_move(Status::FixReady).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot move to fix-ready: no fixed version for line 20.x"
    );
}

#[test]
fn scheduled_needs_a_cve_id_and_an_embargo_date() {
    let mut case = case_at(Status::CveRequested);
    let err = case.check_move(Status::Scheduled).unwrap_err().to_string();
    assert!(
        err.contains("CVE id missing") && err.contains("embargo date missing"),
        "{err}"
    );
    case.cve_id = Some("CVE-2026-1234".into());
    case.embargo_at = Some(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    assert_eq!(case.check_move(Status::Scheduled), Ok(()));
}

#[test]
fn cvss_of_each_version_replaces_only_its_own_version() {
    let ctx = context();
    let id = CaseId::random();
    let mut case = case_at(Status::Confirmed);
    case.id = id;
    for (n, vector) in [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    ]
    .into_iter()
    .enumerate()
    {
        let field = CaseField::parse(embargo_domain::FieldName::Cvss, vector).unwrap();
        case.apply(&ctx.event(
            id,
            HlcTimestamp {
                wall_ms: 10 + n as i64,
                counter: 0,
            },
            Change::FieldSet { field },
        ));
    }
    let scores: Vec<(&str, f64)> = case
        .cvss
        .iter()
        .map(|s| (s.version.as_str(), s.base_score))
        .collect();
    assert_eq!(scores, vec![("3.1", 5.5), ("4.0", 9.3)]);
}

/// The stored encoding of an event is a format: this pins it. Change it only
/// with a migration of stored events (and bump EVENT_FORMAT_VERSION).
#[test]
fn event_encoding_is_frozen() {
    let event = Event {
        id: EventId("9b7d0c4e-8a61-4f0e-9d3c-2f5e8e1a7b10".parse().unwrap()),
        case_id: CaseId("5c0ffee0-0000-4000-8000-000000000042".parse().unwrap()),
        author: AuthorId("ab12".into()),
        device: DeviceId("11111111-2222-4333-8444-555555555555".parse().unwrap()),
        at: HlcTimestamp {
            wall_ms: 1_795_000_000_000,
            counter: 2,
        },
        version: 1,
        change: Change::StatusMoved {
            from: Status::FixReady,
            to: Status::CveRequested,
        },
    };
    let frozen = r#"{"id":"9b7d0c4e-8a61-4f0e-9d3c-2f5e8e1a7b10","case_id":"5c0ffee0-0000-4000-8000-000000000042","author":"ab12","device":"11111111-2222-4333-8444-555555555555","at":{"wall_ms":1795000000000,"counter":2},"version":1,"change":{"kind":"status_moved","from":"fix-ready","to":"cve-requested"}}"#;
    assert_eq!(serde_json::to_string(&event).unwrap(), frozen);
    assert_eq!(serde_json::from_str::<Event>(frozen).unwrap(), event);
    let field = r#"{"kind":"field_set","field":{"name":"cve_id","value":"CVE-2026-1234"}}"#;
    let change: Change = serde_json::from_str(field).unwrap();
    assert_eq!(
        change,
        Change::FieldSet {
            field: CaseField::CveId(Some("CVE-2026-1234".into()))
        }
    );
}
