use embargo_api::drafts::{DraftError, Origin};
use embargo_api::{ApiError, NewTemplate, TemplateEdit};

use crate::{corpus, event_count, vault};

#[test]
fn a_team_edits_a_built_in_renders_it_and_resets_it() {
    let (_dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    let edited = session
        .edit_template(
            "acknowledgment",
            TemplateEdit {
                body: Some("Hi {{ reporter.greeting }}, we have {{ case.id }}.\n".into()),
                ..TemplateEdit::default()
            },
        )
        .expect("edit");
    assert_eq!(edited.origin, Origin::Edited);
    let draft = session.new_draft(&case, "acknowledgment").expect("draft");
    assert_eq!(draft.body, format!("Hi Alice Nguyen, we have {case}.\n"));
    assert_eq!(
        draft.meets.as_deref(),
        Some("ack"),
        "an edit keeps what the template meets"
    );

    let reset = session.reset_template("acknowledgment").expect("reset");
    assert_eq!(reset.origin, Origin::BuiltIn);
    assert!(reset.template.body.contains("Within 48 hours"));
    let err = session
        .reset_template("acknowledgment")
        .expect_err("nothing to reset");
    assert!(
        err.to_string().contains("already the built-in version"),
        "{err}"
    );
}

#[test]
fn a_team_adds_its_own_template() {
    let (_dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    let new = NewTemplate {
        id: "embargo-extension".into(),
        title: "Ask the reporter to extend the embargo".into(),
        audience: "reporter".into(),
        meets: Some("update".into()),
        subject: "{{ reply_subject }}".into(),
        body: "Hello {{ reporter.greeting }},\n\nWe need more time on {{ case.id }}.\n".into(),
    };
    let entry = session.new_template(new.clone()).expect("new");
    assert_eq!(entry.origin, Origin::Team);
    assert!(
        session
            .templates()
            .expect("list")
            .iter()
            .any(|e| e.template.id == "embargo-extension")
    );
    let draft = session
        .new_draft(&case, "embargo-extension")
        .expect("draft");
    assert_eq!(draft.meets.as_deref(), Some("update"));

    let err = session.new_template(new).expect_err("taken");
    assert!(err.to_string().contains("already exists"), "{err}");
    let err = session
        .reset_template("embargo-extension")
        .expect_err("not built-in");
    assert!(err.to_string().contains("not a built-in"), "{err}");
}

#[test]
fn a_template_that_does_not_parse_is_refused_with_line_and_column_and_not_saved() {
    let (_dir, mut session, _clock) = vault();
    let before = event_count(&session);
    let err = session
        .edit_template(
            "update",
            TemplateEdit {
                body: Some("Hello,\n\n{% for l in case.lines %}{{ l.line }\n".into()),
                ..TemplateEdit::default()
            },
        )
        .expect_err("syntax error");
    let ApiError::Draft(DraftError::Syntax {
        template,
        line,
        column,
        ..
    }) = &err
    else {
        panic!("{err}")
    };
    assert_eq!((template.as_str(), *line, *column), ("update", 3, 36));
    let err = session
        .new_template(NewTemplate {
            id: "Bad Id".into(),
            title: "t".into(),
            audience: "reporter".into(),
            meets: None,
            subject: "s".into(),
            body: "b".into(),
        })
        .expect_err("bad id");
    assert!(err.to_string().contains("cannot name a template"), "{err}");
    assert_eq!(event_count(&session), before, "nothing saved");
    assert_eq!(
        session.template("update").expect("update").origin,
        Origin::BuiltIn
    );
}
