use embargo_domain::{Audience, Draft};
use embargo_drafts::{Catalog, TemplateContext, eml, mailto, render};
use mail_parser::{HeaderValue, MessageParser};
use uuid::Uuid;

use crate::fixture::{self, Fixture};

fn draft_of(f: &Fixture, template: &str) -> Draft {
    let catalog = Catalog::new(&Default::default());
    let entry = catalog.get(template).expect("template");
    let context = TemplateContext::new(&f.case, &f.settings, &f.sender, f.now);
    let rendered = render(&entry.template, &context).expect("renders");
    Draft {
        id: Uuid::from_u128(0xd1),
        number: 1,
        template_id: template.into(),
        audience: entry.template.audience,
        meets: entry.template.meets.clone(),
        subject: rendered.subject,
        body: rendered.body,
        created_at: f.now,
        edited_at: None,
        sent_at: None,
        head: None,
        head_author: None,
        conflict: Vec::new(),
    }
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![id.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|s| s.to_string()).collect(),
        other => panic!("not a message id list: {other:?}"),
    }
}

#[test]
fn the_eml_threads_with_the_report_and_keeps_utf8_intact() {
    let f = fixture::just_received();
    let draft = draft_of(&f, "acknowledgment");
    let bytes = eml(&f.case, &draft, &f.settings, &f.sender, f.now).expect("eml");
    insta::assert_snapshot!("acknowledgment-eml", String::from_utf8_lossy(&bytes));

    let parsed = MessageParser::default().parse(&bytes).expect("parses back");
    let from = parsed.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.name(), Some("Dana Whitfield"));
    assert_eq!(from.address(), Some("dana@security.example.org"));
    let to = parsed.to().and_then(|a| a.first()).expect("To");
    assert_eq!(
        to.name(),
        Some("Zoë Müller"),
        "UTF-8 display name survives encoding"
    );
    assert_eq!(to.address(), Some("zoe.mueller@research.example"));
    assert_eq!(
        parsed.subject(),
        Some("Re: Path traversal in Harbor’s static handler (Windows, %5c)")
    );
    let report_id = "20261005081200.4242@research.example".to_owned();
    assert_eq!(
        ids(parsed.in_reply_to()),
        vec![report_id.clone()],
        "In-Reply-To"
    );
    assert_eq!(ids(parsed.references()), vec![report_id], "References");
    assert_eq!(
        parsed.message_id(),
        Some(format!("embargo-{}@security.example.org", draft.id.simple()).as_str())
    );
    assert_eq!(
        parsed.date().map(|d| d.to_timestamp()),
        Some(f.now.timestamp()),
        "Date comes from the injected clock"
    );
    let body = parsed.body_text(0).expect("a text body");
    assert!(body.contains("\r\n"), "lines end in CRLF on the wire");
    assert_eq!(
        body.replace("\r\n", "\n"),
        draft.body,
        "the UTF-8 body comes back intact"
    );
}

#[test]
fn a_mailing_list_message_goes_to_the_list_in_a_new_thread() {
    let f = fixture::scheduled();
    let draft = draft_of(&f, "pre-release-notice");
    assert_eq!(draft.audience, Audience::MailingList);
    let bytes = eml(&f.case, &draft, &f.settings, &f.sender, f.now).expect("eml");
    let parsed = MessageParser::default().parse(&bytes).expect("parses back");
    assert_eq!(
        parsed
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some("security-announce@lists.harbor.example.org")
    );
    assert!(
        parsed.in_reply_to().is_empty(),
        "not a reply to the reporter"
    );
    assert_eq!(
        parsed.subject(),
        Some("[pre-release notice] Harbor HTTP server security release on 14 October 2026")
    );
}

#[test]
fn the_mailto_url_is_percent_encoded_with_crlf_line_breaks() {
    let f = fixture::just_received();
    let mut draft = draft_of(&f, "acknowledgment");
    draft.body = "Grüße & thanks?\nLine 2 = 100%\n".into();
    let url = mailto(&f.case, &draft, &f.settings).expect("mailto");
    assert_eq!(
        url,
        "mailto:zoe.mueller@research.example\
         ?subject=Re%3A%20Path%20traversal%20in%20Harbor%E2%80%99s%20static%20handler%20%28Windows%2C%20%255c%29\
         &In-Reply-To=%3C20261005081200.4242%40research.example%3E\
         &body=Gr%C3%BC%C3%9Fe%20%26%20thanks%3F%0D%0ALine%202%20%3D%20100%25%0D%0A"
    );
}

#[test]
fn a_reply_needs_the_reporters_address() {
    let mut f = fixture::just_received();
    f.case.reporter.email = None;
    let draft = draft_of(&f, "acknowledgment");
    let err = eml(&f.case, &draft, &f.settings, &f.sender, f.now).expect_err("no address");
    assert_eq!(
        err.to_string(),
        "EMB-2026-0042 has no reporter e-mail address"
    );
}
