use std::collections::BTreeMap;

use embargo_domain::{Affected, Audience, ExportSettings, Template};
use embargo_drafts::{
    Catalog, DraftError, ExportInput, ExportKind, Missing, TemplateContext, check_syntax, csaf,
    cve, missing_items, osv, render,
};

use crate::fixture;

fn template(body: &str) -> Template {
    Template {
        id: "team-note".into(),
        title: "A team template".into(),
        audience: Audience::Reporter,
        meets: None,
        subject: "{{ reply_subject }}".into(),
        body: body.into(),
    }
}

#[test]
fn an_unknown_template_lists_the_known_ones() {
    let err = Catalog::new(&BTreeMap::new())
        .get("acknowledgement")
        .expect_err("typo");
    assert!(
        err.to_string().starts_with(
            "no template \"acknowledgement\"; templates are: acknowledgment, detailed-response,"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_field_names_the_field_and_the_template_without_a_front_ends_words() {
    let f = fixture::just_received();
    let context = TemplateContext::new(&f.case, &ExportSettings::default(), &f.sender, f.now);
    let catalog = Catalog::new(&BTreeMap::new());
    let err = render(
        &catalog.get("fix-date").expect("fix-date").template,
        &context,
    )
    .expect_err("no embargo yet");
    assert_eq!(
        err.to_string(),
        "template fix-date (body, line 6) uses case.embargo, which this case does not have"
    );
    let err = render(
        &catalog.get("announcement").expect("announcement").template,
        &context,
    )
    .expect_err("no product");
    assert!(
        matches!(&err, DraftError::MissingField { template, field, part: "subject", .. } if template == "announcement" && field == "case.product"),
        "{err}"
    );
    let err = render(
        &template("Line one\nCVE {{ case.cve | upper }}\n"),
        &context,
    )
    .expect_err("no CVE");
    assert!(
        matches!(&err, DraftError::MissingField { field, line: 2, .. } if field == "case.cve"),
        "{err}"
    );
}

#[test]
fn a_syntax_error_says_where() {
    let err = check_syntax(&template(
        "Hello {{ reporter.greeting }},\n\n  {% if case.cve %}\nno endif\n",
    ))
    .expect_err("unclosed if");
    assert!(
        matches!(err, DraftError::Syntax { part: "body", .. }),
        "{err}"
    );
    let err = check_syntax(&template("Hello,\n  the {{ case.cve }\n")).expect_err("bad brace");
    assert_eq!(
        err.to_string(),
        "template team-note (body) has a syntax error at line 2, column 19: unexpected `}`, expected end of variable block"
    );
    let mut broken = template("fine");
    broken.subject = "{{ ".into();
    assert!(matches!(
        check_syntax(&broken),
        Err(DraftError::Syntax {
            part: "subject",
            line: 1,
            ..
        })
    ));
}

#[test]
fn an_unknown_filter_is_a_render_error_naming_the_template() {
    let f = fixture::published();
    let context = TemplateContext::new(&f.case, &f.settings, &f.sender, f.now);
    let err = render(&template("{{ case.title | shout }}"), &context).expect_err("no such filter");
    assert_eq!(
        err.to_string(),
        "template team-note (body, line 1): filter shout is unknown"
    );
}

#[test]
fn a_case_not_ready_for_export_is_told_what_it_lacks_as_data() {
    let mut f = fixture::published();
    f.case.cve_id = None;
    f.case.release_lines[1].fixed_version = None;
    f.case.release_lines[2].affected = Affected::Unknown;
    let settings = ExportSettings::default();
    let input = ExportInput {
        case: &f.case,
        events: &f.events,
        settings: &settings,
    };
    let err = cve(&input).expect_err("not ready");
    let DraftError::NotReady {
        case,
        kind: ExportKind::Cve,
        missing,
    } = &err
    else {
        panic!("{err}")
    };
    let setting = |key: &str| Missing::Setting { key: key.into() };
    assert_eq!(case, "EMB-2026-0042");
    assert_eq!(
        missing,
        &[
            Missing::CveId,
            Missing::FixedVersion {
                line: "20.x".into()
            },
            Missing::LineAffectedUnknown {
                line: "18.x".into()
            },
            setting("cna-org-id"),
            setting("vendor"),
            setting("advisory-url"),
        ]
    );
    assert_eq!(
        err.to_string(),
        "the case is not ready for the CVE export: CVE id missing; no fixed version for line 20.x; \
         line 18.x: still unknown whether it is affected; no CNA organisation id in export settings; \
         no vendor in export settings; no advisory URL in export settings, the record's reference",
        "no front end's command in the core's words"
    );
    let missing = missing_items(ExportKind::Osv, &input);
    assert!(missing.contains(&setting("ecosystem")), "{missing:?}");
    assert!(osv(&input).is_err() && csaf(&input).is_err());
}

#[test]
fn release_lines_that_are_not_versions_are_named() {
    let mut f = fixture::published();
    f.case.release_lines[0].line = "main".into();
    let input = ExportInput {
        case: &f.case,
        events: &f.events,
        settings: &f.settings,
    };
    let missing = missing_items(ExportKind::Osv, &input);
    assert_eq!(
        missing,
        [Missing::LineNotARange {
            line: "main".into()
        }]
    );
    assert_eq!(
        missing[0].words(ExportKind::Osv),
        "release line \"main\" is not a version range; name lines like 22.x or 3.1.x"
    );
    assert!(
        missing_items(ExportKind::Advisory, &input).is_empty(),
        "the Markdown advisory does not need ranges"
    );
}
