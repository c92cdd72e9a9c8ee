//! Every file of `tests/corpus/` parsed, with exact expected values.
#![allow(clippy::unwrap_used)]

mod common;

use common::{one, strings, utc};

#[test]
fn plain() {
    let m = one("plain.eml");
    assert_eq!(m.from_name.as_deref(), Some("Alice Nguyen"));
    assert_eq!(m.from_email.as_deref(), Some("alice@researcher.example"));
    assert_eq!(m.to, strings(&["security@quickserve.example"]));
    assert_eq!(
        m.subject,
        "Path traversal in quickserve static file handler"
    );
    // Tue, 3 Nov 2026 14:05:00 +0100
    assert_eq!(m.date, utc(2026, 11, 3, 13, 5, 0));
    assert_eq!(
        m.message_id.as_deref(),
        Some("20261103140500.4821@researcher.example")
    );
    assert!(m.in_reply_to.is_empty() && m.references.is_empty());
    assert!(
        m.body
            .starts_with("Hello quickserve security team,\n\nI found a path traversal")
    );
    assert!(m.body.contains(
        "\n    curl --path-as-is 'http://localhost:8080/static/%2e%2e/%2e%2e/etc/passwd'\n"
    ));
    // CRLF normalised; "Alice   \r\n\r\n\r\n" trimmed.
    assert!(!m.body.contains('\r'));
    assert!(m.body.ends_with("Best regards,\nAlice"));
    assert!(m.attachments.is_empty());
}

#[test]
fn multipart_alternative_prefers_text_part() {
    let m = one("multipart-alternative.eml");
    assert_eq!(m.from_name.as_deref(), Some("Ohara, Bob"));
    assert_eq!(m.from_email.as_deref(), Some("bob.ohara@sec.example"));
    assert_eq!(
        m.to,
        strings(&[
            "security@deepmerge.example",
            "maintainers@deepmerge.example"
        ])
    );
    assert_eq!(m.subject, "Prototype pollution in deepmerge-lite merge()");
    assert_eq!(m.date, utc(2026, 11, 4, 14, 30, 15)); // -0500
    assert_eq!(
        m.message_id.as_deref(),
        Some("CAB0b-proto-77@mail.sec.example")
    );
    assert!(
        m.body
            .starts_with("Hi,\n\ndeepmerge-lite 3.2.0 merge() copies")
    );
    assert!(
        m.body
            .contains("    merge({}, JSON.parse('{\"__proto__\": {\"isAdmin\": true}}'))\n")
    );
    assert!(m.body.ends_with("Thanks,\nBob"));
    assert!(!m.body.contains("HTML VERSION") && !m.body.contains("multi-part message"));
    assert!(m.attachments.is_empty());
}

#[test]
fn quoted_printable_body() {
    let m = one("quoted-printable.eml");
    assert_eq!(m.from_name.as_deref(), Some("Carla Jimenez"));
    assert_eq!(m.subject, "SSRF in imgproxy /fetch endpoint");
    // Thu, 05 Nov 2026 23:45:00 -0800 is the next day in UTC.
    assert_eq!(m.date, utc(2026, 11, 6, 7, 45, 0));
    assert!(
        m.body
            .contains("including link-local addresses, so a caller")
    );
    assert!(m.body.contains(
        "GET /fetch?url=http://169.254.169.254/latest/meta-data/iam/security-credentials/\n"
    ));
    assert!(
        m.body
            .contains("(règle « deny private ranges ») is not applied after redirects.")
    );
    assert!(m.body.ends_with("Saludos, Carla — bughunt.example"));
    assert!(!m.body.contains("=3D") && !m.body.contains("=C3") && !m.body.contains("=\n"));
}

#[test]
fn base64_body() {
    let m = one("base64-body.eml");
    assert_eq!(m.from_name.as_deref(), Some("Jörg Schröder"));
    assert_eq!(m.from_email.as_deref(), Some("joerg@example.de"));
    assert_eq!(m.subject, "SQL injection in admin product search");
    assert_eq!(m.date, utc(2026, 11, 6, 10, 0, 0)); // GMT
    assert_eq!(m.message_id.as_deref(), Some("b64-sqli-42@example.de"));
    assert_eq!(
        m.body,
        "Hi team,\n\nThe admin search box in shopkeeper 5.1 concatenates the \"q\" parameter\n\
         into an SQL query. The payload\n\n    ' UNION SELECT username, password_hash FROM users --\n\n\
         lists every account with its password hash. Tested on 5.1.0 and 5.1.3.\n\n\
         Grüße aus Köln,\nJörg"
    );
}

#[test]
fn encoded_words() {
    let m = one("encoded-words.eml");
    // =?ISO-8859-1?Q?Ren=E9_M=FCller?=
    assert_eq!(m.from_name.as_deref(), Some("René Müller"));
    assert_eq!(m.from_email.as_deref(), Some("rene.mueller@example.de"));
    assert_eq!(m.to, strings(&["security@forum.example"]));
    // UTF-8 Q, then UTF-8 B, then windows-1252 Q (curly quotes 0x93/0x94).
    assert_eq!(
        m.subject,
        "Gespeichertes XSS im Kommentarfeld — alle Benutzer betroffen “kritisch”"
    );
    assert_eq!(m.date, utc(2026, 11, 7, 16, 20, 0)); // +0200
    assert!(
        m.body
            .contains("wird bei jedem Besucher ausgeführt.\n\nViele Grüße\nRené")
    );
}

#[test]
fn latin1_body() {
    let m = one("latin1-body.eml");
    assert_eq!(m.from_name.as_deref(), Some("Élodie Martin"));
    assert_eq!(m.subject, "Open redirect in webauth login");
    assert_eq!(m.date, utc(2026, 11, 8, 10, 0, 0));
    assert!(
        m.body
            .starts_with("Bonjour,\n\nLe paramètre « next » de la page de connexion")
    );
    assert!(
        m.body
            .contains("la page d'hameçonnage récupère ses identifiants.")
    );
    assert!(
        m.body
            .contains("Sévérité estimée : moyenne (½ des déploiements testés).")
    );
    assert!(m.body.ends_with("Cordialement,\nÉlodie"));
    assert!(!m.body.contains('\u{fffd}'));
}

#[test]
fn html_only_becomes_sanitized_text() {
    let m = one("html-only.eml");
    assert_eq!(m.from_name.as_deref(), Some("Dmitri Ivanov"));
    assert_eq!(m.subject, "Stored XSS in notes markdown renderer");
    assert_eq!(m.date, utc(2026, 11, 9, 16, 45, 30));
    assert_eq!(
        m.body,
        "Hello notes team,\n\n\
         The markdown renderer in notes 4.2 lets raw HTML through, so a note containing \
         <img src=x onerror=alert(1)> runs script for every reader & every admin.\n\n\
         - Affected: 4.0–4.2\n- Fixed: none yet\n\n\
         Proof of concept:\n1. Create a note\n2. Paste the payload\n3. Share it\n\n\
         Details: write-up (https://appsec.example/advisories/notes-xss) — café “quoted”\n\n\
         Regards,\nDmitri"
    );
    for absent in [
        "SCRIPTCANARY",
        "STYLECANARY",
        "document.cookie",
        "remote.example",
        "Report",
    ] {
        assert!(!m.body.contains(absent), "{absent} leaked");
    }
    assert!(m.attachments.is_empty());
}

#[test]
fn thread_reply_points_at_plain() {
    let original = one("plain.eml");
    let m = one("thread-reply.eml");
    assert_eq!(
        m.subject,
        "Re: Path traversal in quickserve static file handler"
    );
    assert_eq!(m.to, strings(&["security@quickserve.example"]));
    // Mon, 9 Nov 2026 08:00:00 +0900 is the previous day in UTC.
    assert_eq!(m.date, utc(2026, 11, 8, 23, 0, 0));
    assert_eq!(
        m.message_id.as_deref(),
        Some("20261109080000.5107@researcher.example")
    );
    assert_eq!(m.in_reply_to, vec![original.message_id.clone().unwrap()]);
    assert_eq!(
        m.references,
        strings(&[
            "20261103140500.4821@researcher.example",
            "ack-EMB-2026-0042@quickserve.example"
        ])
    );
    assert!(
        m.body
            .contains("\n> Could you check whether Windows backslashes are also handled?\n")
    );
}

#[test]
fn no_date() {
    let m = one("no-date.eml");
    assert_eq!(m.date, None);
    assert_eq!(m.from_name.as_deref(), Some("Kenji Sato"));
    assert_eq!(m.subject, "ReDoS in regexlib email validator");
    assert_eq!(m.message_id.as_deref(), Some("no-date-redos@example.jp"));
    assert_eq!(
        m.body,
        "The email validator pattern in regexlib 2.0 backtracks catastrophically:\n\
         validating \"a\" * 30 + \"!\" takes over a minute of CPU."
    );
}

#[test]
fn debug_output_hides_case_data() {
    for name in ["plain.eml", "encoded-words.eml", "with-attachment.eml"] {
        let m = one(name);
        let shown = format!("{m:?} {:?}", m.attachments);
        assert!(
            shown.starts_with("ParsedMessage { subject_len: "),
            "{shown}"
        );
        for secret in [
            "Alice",
            "René",
            "Priya",
            "traversal",
            "XSS",
            "Heap",
            "poc.py",
            "python",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}
