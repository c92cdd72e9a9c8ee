//! Drafts fold onto their case; templates and export settings fold from the team
//! stream; the encoding of these events is frozen like every other event's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use embargo_domain::{
    Audience, AuthorId, Case, CaseId, Change, DeviceId, Event, EventContext, ExportSettings,
    HlcTimestamp, HumanId, Reporter, Template, team_export_settings, team_templates,
};
use uuid::Uuid;

fn events(case_id: CaseId, changes: Vec<Change>) -> Vec<Event> {
    let context = EventContext {
        author: AuthorId("ab12".into()),
        device: DeviceId(Uuid::from_u128(1)),
    };
    changes
        .into_iter()
        .enumerate()
        .map(|(i, change)| {
            let at = HlcTimestamp {
                wall_ms: 1_795_000_000_000 + i as i64 * 60_000,
                counter: 0,
            };
            context.event(case_id, at, change)
        })
        .collect()
}

fn opened() -> Change {
    Change::CaseOpened {
        human_id: HumanId {
            year: 2026,
            number: 7,
        },
        title: "t".into(),
        reporter: Reporter::default(),
        received_at: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        channel: "e-mail".into(),
    }
}

fn created(id: u128, template: &str) -> Change {
    Change::DraftCreated {
        draft_id: Uuid::from_u128(id),
        template_id: template.into(),
        audience: Audience::Reporter,
        meets: Some("ack".into()),
        subject: "Re: report".into(),
        body: "Hello\n".into(),
    }
}

#[test]
fn drafts_are_numbered_in_creation_order_and_edits_and_sends_apply() {
    let sent_at = Utc.with_ymd_and_hms(2026, 11, 1, 3, 0, 0).unwrap();
    let log = events(
        CaseId::random(),
        vec![
            opened(),
            created(1, "acknowledgment"),
            created(2, "update"),
            Change::DraftEdited {
                draft_id: Uuid::from_u128(1),
                subject: "Re: report (edited)".into(),
                body: "Hello again\n".into(),
                base: None,
            },
            Change::DraftSent {
                draft_id: Uuid::from_u128(1),
                at: sent_at,
            },
            // A duplicate creation (same id, e.g. replayed from sync) changes nothing.
            created(1, "acknowledgment"),
            // An event about a draft this replica never saw is ignored.
            Change::DraftSent {
                draft_id: Uuid::from_u128(99),
                at: sent_at,
            },
        ],
    );
    let case = Case::fold(&log).unwrap();
    assert_eq!(case.drafts.len(), 2);
    let first = &case.drafts[0];
    assert_eq!(
        (first.short_name(), first.template_id.as_str()),
        ("D1".into(), "acknowledgment")
    );
    assert_eq!(first.subject, "Re: report (edited)");
    assert_eq!(first.body, "Hello again\n");
    assert_eq!(first.sent_at, Some(sent_at));
    assert_eq!(first.edited_at, Some(log[3].at.instant()));
    assert_eq!(first.created_at, log[1].at.instant());
    assert_eq!(case.drafts[1].short_name(), "D2");
    assert_eq!(case.drafts[1].sent_at, None);
    assert_eq!(
        first.message_id("dana@security.example.org"),
        "embargo-00000000000000000000000000000001@security.example.org"
    );
}

#[test]
fn a_case_stored_before_drafts_existed_still_decodes() {
    let log = events(CaseId::random(), vec![opened()]);
    let mut state = serde_json::to_value(Case::fold(&log).unwrap()).unwrap();
    state.as_object_mut().unwrap().remove("drafts");
    let case: Case = serde_json::from_value(state).unwrap();
    assert!(case.drafts.is_empty());
}

fn template(id: &str, body: &str) -> Template {
    Template {
        id: id.into(),
        title: "title".into(),
        audience: Audience::Reporter,
        meets: None,
        subject: "{{ reply_subject }}".into(),
        body: body.into(),
    }
}

#[test]
fn team_templates_fold_saves_and_resets_in_log_order() {
    let log = events(
        CaseId::TEAM,
        vec![
            Change::TemplateSaved {
                template: template("acknowledgment", "v1"),
            },
            Change::TemplateSaved {
                template: template("our-own", "mine"),
            },
            Change::TemplateSaved {
                template: template("acknowledgment", "v2"),
            },
        ],
    );
    let templates = team_templates(&log);
    assert_eq!(templates["acknowledgment"].body, "v2", "the last save wins");
    assert_eq!(templates.len(), 2);
    let mut log = log;
    log.extend(events(
        CaseId::TEAM,
        vec![Change::TemplateReset {
            template_id: "acknowledgment".into(),
        }],
    ));
    let templates = team_templates(&log);
    assert!(!templates.contains_key("acknowledgment"));
    assert!(templates.contains_key("our-own"));
}

#[test]
fn export_settings_fold_to_the_last_save() {
    let mut first = ExportSettings::default();
    first.set("product", "Harbor").unwrap();
    let mut second = first.clone();
    second.set("vendor", "Harbor Project").unwrap();
    let log = events(
        CaseId::TEAM,
        vec![
            Change::ExportSettingsSaved { settings: first },
            Change::ExportSettingsSaved {
                settings: second.clone(),
            },
        ],
    );
    assert_eq!(team_export_settings(&log), second);
    assert_eq!(team_export_settings(&[]), ExportSettings::default());
}

#[test]
fn the_encoding_of_draft_template_and_settings_events_is_frozen() {
    let frozen = [
        (
            created(1, "acknowledgment"),
            r#"{"kind":"draft_created","draft_id":"00000000-0000-0000-0000-000000000001","template_id":"acknowledgment","audience":"reporter","meets":"ack","subject":"Re: report","body":"Hello\n"}"#,
        ),
        (
            Change::DraftEdited {
                draft_id: Uuid::from_u128(1),
                subject: "s".into(),
                body: "b".into(),
                base: None,
            },
            r#"{"kind":"draft_edited","draft_id":"00000000-0000-0000-0000-000000000001","subject":"s","body":"b"}"#,
        ),
        (
            Change::DraftSent {
                draft_id: Uuid::from_u128(1),
                at: Utc.with_ymd_and_hms(2026, 11, 1, 3, 0, 0).unwrap(),
            },
            r#"{"kind":"draft_sent","draft_id":"00000000-0000-0000-0000-000000000001","at":"2026-11-01T03:00:00Z"}"#,
        ),
        (
            Change::TemplateSaved {
                template: template("x", "b"),
            },
            r#"{"kind":"template_saved","template":{"id":"x","title":"title","audience":"reporter","meets":null,"subject":"{{ reply_subject }}","body":"b"}}"#,
        ),
        (
            Change::TemplateReset {
                template_id: "x".into(),
            },
            r#"{"kind":"template_reset","template_id":"x"}"#,
        ),
        (
            Change::ExportSettingsSaved {
                settings: ExportSettings {
                    product: Some("Harbor".into()),
                    ..ExportSettings::default()
                },
            },
            r#"{"kind":"export_settings_saved","settings":{"product":"Harbor"}}"#,
        ),
    ];
    for (change, json) in frozen {
        assert_eq!(serde_json::to_string(&change).unwrap(), json);
        assert_eq!(serde_json::from_str::<Change>(json).unwrap(), change);
    }
}

fn edit(
    context: &EventContext,
    case_id: CaseId,
    ms: i64,
    body: &str,
    base: Option<embargo_domain::EventId>,
) -> Event {
    context.event(
        case_id,
        HlcTimestamp {
            wall_ms: 1_795_000_000_000 + ms,
            counter: 0,
        },
        Change::DraftEdited {
            draft_id: Uuid::from_u128(1),
            subject: "Re: report".into(),
            body: body.into(),
            base,
        },
    )
}

#[test]
fn a_draft_edited_on_two_devices_between_syncs_keeps_both_versions_until_edited_again() {
    let case_id = CaseId::random();
    let mut log = events(case_id, vec![opened(), created(1, "acknowledgment")]);
    let created_id = log[1].id;
    let ann = EventContext {
        author: AuthorId("ann".into()),
        device: DeviceId(Uuid::from_u128(2)),
    };
    let bob = EventContext {
        author: AuthorId("bob".into()),
        device: DeviceId(Uuid::from_u128(3)),
    };
    // Both edit the text they saw (the rendered one) without seeing each other's edit.
    let a = edit(&ann, case_id, 500_000, "Ann's wording\n", Some(created_id));
    let b = edit(&bob, case_id, 500_000, "Bob's wording\n", Some(created_id));
    log.extend([a.clone(), b.clone()]);
    for order in [vec![0, 1, 2, 3], vec![0, 1, 3, 2]] {
        let mut shuffled: Vec<Event> = order.iter().map(|i| log[*i].clone()).collect();
        shuffled.sort_by_key(Event::order_key);
        let draft = &Case::fold(&shuffled).unwrap().drafts[0];
        let bodies: Vec<&str> = draft.conflict.iter().map(|v| v.body.as_str()).collect();
        assert_eq!(draft.conflict.len(), 2, "{bodies:?}");
        assert!(bodies.contains(&"Ann's wording\n") && bodies.contains(&"Bob's wording\n"));
    }
    // A sequential edit (base = the current head) is no conflict, and resolves one.
    log.sort_by_key(Event::order_key);
    let head = Case::fold(&log).unwrap().drafts[0].head.unwrap();
    log.push(edit(&ann, case_id, 900_000, "Merged wording\n", Some(head)));
    let draft = &Case::fold(&log).unwrap().drafts[0];
    assert!(draft.conflict.is_empty());
    assert_eq!(draft.body, "Merged wording\n");
}
