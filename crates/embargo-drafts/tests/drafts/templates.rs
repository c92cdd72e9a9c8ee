use std::collections::BTreeMap;

use chrono::{Duration, TimeZone, Utc};
use embargo_drafts::{Catalog, Origin, TemplateContext, builtin_ids, render};

use crate::fixture;

const POLICY_IDS: [&str; 12] = [
    "acknowledgment",
    "detailed-response",
    "update",
    "request-info",
    "third-party",
    "not-a-vulnerability",
    "duplicate",
    "fix-date",
    "credit",
    "pre-release-notice",
    "announcement",
    "cve-request",
];

#[test]
fn there_is_a_built_in_template_for_every_message_the_policy_implies() {
    assert_eq!(builtin_ids().collect::<Vec<_>>(), POLICY_IDS);
    let catalog = Catalog::new(&BTreeMap::new());
    for entry in catalog.entries() {
        assert_eq!(entry.origin, Origin::BuiltIn);
        embargo_drafts::check_syntax(&entry.template).expect(&entry.template.id);
    }
    let meets: Vec<_> = catalog
        .entries()
        .iter()
        .filter_map(|e| {
            e.template
                .meets
                .as_deref()
                .map(|m| (e.template.id.as_str(), m))
        })
        .collect();
    assert_eq!(
        meets,
        [
            ("acknowledgment", "ack"),
            ("detailed-response", "response"),
            ("update", "update")
        ]
    );
}

#[test]
fn every_built_in_template_renders_on_a_realistic_case() {
    let f = fixture::published();
    let context = TemplateContext::new(&f.case, &f.settings, &f.sender, f.now);
    let catalog = Catalog::new(&BTreeMap::new());
    for id in POLICY_IDS {
        let template = &catalog.get(id).expect(id).template;
        let rendered = render(template, &context).unwrap_or_else(|e| panic!("{id}: {e}"));
        insta::assert_snapshot!(
            format!("template-{id}"),
            format!("Subject: {}\n\n{}", rendered.subject, rendered.body)
        );
    }
}

#[test]
fn the_acknowledgment_renders_right_after_import_and_states_the_next_steps() {
    let f = fixture::just_received();
    let catalog = Catalog::new(&BTreeMap::new());
    let template = &catalog.get("acknowledgment").expect("ack").template;
    let context = TemplateContext::new(&f.case, &ExportSettings::default(), &f.sender, f.now);
    let rendered = render(template, &context).expect("renders without export settings");
    assert_eq!(
        rendered.subject,
        "Re: Path traversal in Harbor’s static handler (Windows, %5c)"
    );
    assert!(
        rendered.body.starts_with("Hello Zoë Müller,\n"),
        "{}",
        rendered.body
    );
    assert!(rendered.body.contains("EMB-2026-0042"), "names the case");
    assert!(
        rendered.body.contains("Within 48 hours"),
        "states the policy's next step"
    );
    assert!(
        rendered.body.ends_with("Dana Whitfield\nSecurity Team\n"),
        "{}",
        rendered.body
    );

    // When the deadline engine supplies the response deadline, the text names it.
    let due = Utc
        .with_ymd_and_hms(2026, 10, 7, 8, 12, 0)
        .single()
        .expect("due");
    let deadlines = BTreeMap::from([("response".to_owned(), due)]);
    let context = context.with_deadlines(&deadlines);
    let rendered = render(template, &context).expect("renders");
    assert!(
        rendered
            .body
            .contains("(by Wednesday 7 October 2026, 08:12 UTC)"),
        "{}",
        rendered.body
    );
    assert_eq!(f.case.received_at + Duration::hours(48), due);
}

#[test]
fn a_team_edit_replaces_the_built_in_and_a_reset_restores_it() {
    let mut team = BTreeMap::new();
    let mut edited = embargo_drafts::builtin("acknowledgment").expect("built-in");
    edited.body = "Hi {{ reporter.greeting }}, got it ({{ case.id }}).\n".into();
    team.insert(edited.id.clone(), edited);
    let catalog = Catalog::new(&team);
    let entry = catalog.get("acknowledgment").expect("ack");
    assert_eq!(entry.origin, Origin::Edited);
    let f = fixture::just_received();
    let context = TemplateContext::new(&f.case, &f.settings, &f.sender, f.now);
    assert_eq!(
        render(&entry.template, &context).expect("renders").body,
        "Hi Zoë Müller, got it (EMB-2026-0042).\n"
    );
    team.clear();
    assert_eq!(
        Catalog::new(&team)
            .get("acknowledgment")
            .expect("ack")
            .origin,
        Origin::BuiltIn
    );
}

use embargo_domain::ExportSettings;
