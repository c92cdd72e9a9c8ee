//! What the desktop app's drafts and advisory panels call: the live preview of a
//! draft as typed, the readiness of every export, and saving to a chosen file.

use embargo_api::drafts::{ExportKind, Missing};
use embargo_api::{ErrorCode, NewCase};

use crate::{corpus, event_count, vault};

#[test]
fn the_preview_shows_the_headers_and_body_the_eml_will_carry_without_saving() {
    let (dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    let draft = session.new_draft(&case, "acknowledgment").expect("draft");
    let before = event_count(&session);

    let preview = session
        .preview_draft(
            &draft.id,
            Some("  Re: Path traversal \n (ack) ".into()),
            Some("Hello Alice,\nthanks.\n".into()),
        )
        .expect("preview");
    assert_eq!(preview.draft, draft.id);
    assert_eq!(preview.from, "Dana Whitfield <dana@security.example.org>");
    assert_eq!(
        preview.to.as_deref(),
        Some("Alice Nguyen <alice@researcher.example>")
    );
    assert_eq!(
        preview.in_reply_to.as_deref(),
        Some("<20261103140500.4821@researcher.example>")
    );
    assert_eq!(
        preview.subject, "Re: Path traversal (ack)",
        "one line, as saved"
    );
    assert_eq!(preview.body, "Hello Alice,\nthanks.\n");
    assert_eq!(preview.text_problem, None);
    assert_eq!(event_count(&session), before, "a preview records nothing");
    assert_eq!(session.draft(&draft.id).expect("draft").body, draft.body);

    // The same text saved and exported: the .eml carries what the preview showed.
    session
        .edit_draft(
            &draft.id,
            Some(preview.subject.clone()),
            Some(preview.body.clone()),
        )
        .expect("save");
    let file = dir.path().join("ack.eml");
    let written = session
        .save_draft_eml(&draft.id, &file, false)
        .expect("save eml");
    let bytes = std::fs::read(&file).expect("read");
    assert_eq!(written, bytes.len() as u64);
    let parsed = mail_parser::MessageParser::default()
        .parse(&bytes)
        .expect("parses");
    assert_eq!(parsed.subject(), Some(preview.subject.as_str()));
    assert_eq!(
        parsed.in_reply_to().as_text(),
        Some("20261103140500.4821@researcher.example")
    );
    // The same text; on the wire its lines end in CRLF, as RFC 5322 asks.
    let sent_body = parsed
        .body_text(0)
        .expect("text body")
        .replace("\r\n", "\n");
    assert_eq!(sent_body.trim_end(), preview.body.trim_end());
}

#[test]
fn the_preview_says_what_is_wrong_with_the_text_and_the_recipient() {
    let (_dir, mut session, _clock) = vault();
    let case = session
        .new_case(NewCase {
            title: "Reported by phone".into(),
            ..NewCase::default()
        })
        .expect("case")
        .to_string();
    let draft = session.new_draft(&case, "request-info").expect("draft");
    let preview = session
        .preview_draft(&draft.id, Some(" ".into()), None)
        .expect("preview");
    assert_eq!(
        preview.text_problem.as_deref(),
        Some("a draft's subject must not be empty")
    );
    assert_eq!(preview.to, None);
    let problem = preview.to_problem.expect("no recipient");
    assert!(problem.contains("no reporter e-mail address"), "{problem}");
    // What the preview warned about is what saving refuses.
    let refused = session
        .edit_draft(&draft.id, Some(" ".into()), None)
        .expect_err("empty subject");
    assert_eq!(refused.to_string(), "a draft's subject must not be empty");
}

#[test]
fn readiness_lists_what_each_export_lacks_and_saving_a_record_that_is_not_ready_writes_nothing() {
    let (dir, mut session, _clock) = vault();
    let case = session.import(&[corpus("plain.eml")]).expect("import")[0]
        .case_id
        .clone();
    let checks = session.export_readiness(&case).expect("readiness");
    let kinds: Vec<ExportKind> = checks.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ExportKind::Advisory,
            ExportKind::Cve,
            ExportKind::Osv,
            ExportKind::Csaf
        ]
    );
    let cve = &checks[1].missing;
    assert!(cve.contains(&Missing::CveId), "{cve:?}");
    assert!(
        cve.contains(&Missing::Setting {
            key: "cna-org-id".into()
        }),
        "{cve:?}"
    );
    assert!(
        !checks[0].missing.contains(&Missing::CveId),
        "the advisory needs no CVE id"
    );

    let file = dir.path().join("record.json");
    let refused = session
        .save_export(&case, ExportKind::Cve, &file, false)
        .expect_err("not ready");
    assert_eq!(refused.code(), ErrorCode::NotReady);
    assert!(refused.to_string().contains("CVE id missing"), "{refused}");
    assert!(!file.exists(), "nothing written");
}

#[test]
fn a_finished_case_saves_its_exports_and_an_existing_file_is_replaced_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    embargo_api::build_demo(&demo, &crate::passphrase(), crate::now()).expect("demo");
    let session = embargo_api::Session::open(
        &demo,
        &crate::passphrase(),
        std::sync::Arc::new(embargo_domain::FixedClock::new(crate::now())),
    )
    .expect("open");
    let published = session
        .list(Some(embargo_api::domain::Status::Published))
        .expect("list")
        .first()
        .expect("a published demo case")
        .id
        .clone();
    let checks = session.export_readiness(&published).expect("readiness");
    assert!(checks.iter().all(|c| c.missing.is_empty()), "{checks:?}");

    let file = dir.path().join(embargo_api::export_file_name(
        &published,
        ExportKind::Advisory,
    ));
    assert!(file.ends_with(format!("{published}-advisory.md")));
    session
        .save_export(&published, ExportKind::Advisory, &file, false)
        .expect("advisory");
    let advisory = std::fs::read_to_string(&file).expect("read");
    assert_eq!(
        advisory,
        session
            .export(&published, ExportKind::Advisory)
            .expect("export")
            .text
    );

    std::fs::write(&file, "kept").expect("write");
    let refused = session
        .save_export(&published, ExportKind::Osv, &file, false)
        .expect_err("exists");
    assert!(refused.to_string().contains("already exists"), "{refused}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "kept");
    session
        .save_export(&published, ExportKind::Osv, &file, true)
        .expect("replace when the dialog asked");
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("\"affected\"")
    );

    let nowhere = dir.path().join("no-such-folder/record.json");
    let refused = session
        .save_export(&published, ExportKind::Csaf, &nowhere, false)
        .expect_err("no folder");
    assert!(
        refused.to_string().contains("there is no folder"),
        "{refused}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".embargo-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}
