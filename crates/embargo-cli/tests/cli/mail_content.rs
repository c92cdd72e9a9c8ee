//! What `case show` makes of imported mail: attachments, HTML, encodings.

use serde_json::json;

use crate::support::{TestVault, files_under};
use crate::{refused, show, summaries};

fn path(name: &str) -> String {
    crate::support::corpus(name).to_str().unwrap().to_owned()
}

#[test]
fn attachments_are_listed_kept_encrypted_and_saved_only_on_request() {
    let vault = TestVault::new();
    vault.ok(&["import", &path("with-attachment.eml")]);
    let case = show(&vault, "1");
    assert_eq!(case["attachments"][0]["name"], "poc.py");
    assert_eq!(case["attachments"][0]["size"], 161);
    assert_eq!(
        case["messages"][0]["attachments"],
        json!(["poc.py", "crash-démo.png"])
    );
    for file in files_under(&vault.dir()) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [&b"libtinyimg"[..], b"sys.stdout.buffer", b"Priya"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret),
                "{} holds plaintext",
                file.display()
            );
        }
    }
    let out = vault.tmp().join("poc.py");
    let out_str = out.to_str().unwrap();
    vault.ok(&[
        "case",
        "save-attachment",
        "EMB-2026-0001",
        "poc.py",
        "-o",
        out_str,
    ]);
    let saved = std::fs::read(&out).unwrap();
    assert_eq!(saved.len(), 161);
    assert!(saved.starts_with(b"#!/usr/bin/env python3\n# PoC: heap overflow"));
    assert!(saved.ends_with(b"sys.stdout.buffer.write(data)\n"));

    let stderr = refused(
        &vault,
        &["case", "save-attachment", "1", "poc.py", "-o", out_str],
        1,
    );
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        saved,
        "an existing file is never overwritten"
    );
    let elsewhere = vault.tmp().join("other.py");
    let stderr = refused(
        &vault,
        &[
            "case",
            "save-attachment",
            "1",
            "exploit.sh",
            "-o",
            elsewhere.to_str().unwrap(),
        ],
        1,
    );
    assert_eq!(
        stderr.trim_end(),
        "error: EMB-2026-0001 has no attachment named \"exploit.sh\""
    );
    assert!(!elsewhere.exists());
}

#[test]
fn html_only_mail_is_shown_as_sanitised_text() {
    let vault = TestVault::new();
    vault.ok(&["import", &path("html-only.eml")]);
    let case = show(&vault, "1");
    assert_eq!(case["title"], "Stored XSS in notes markdown renderer");
    assert_eq!(case["received_at"], "2026-11-09T16:45:30Z");
    let body = case["messages"][0]["body"].as_str().unwrap();
    assert!(
        body.starts_with("Hello notes team,\n\nThe markdown renderer in notes 4.2"),
        "{body}"
    );
    assert!(
        body.contains("<img src=x onerror=alert(1)> runs script for every reader & every admin."),
        "{body}"
    );
    assert!(body.ends_with("Regards,\nDmitri"), "{body}");
    let human = vault.ok(&["case", "show", "1"]);
    for shown in [case.to_string(), human] {
        for canary in [
            "SCRIPTCANARY",
            "STYLECANARY",
            "document.cookie",
            "remote.example",
        ] {
            assert!(
                !shown.contains(canary),
                "{canary} leaked into `case show`:\n{shown}"
            );
        }
    }
}

#[test]
fn encoded_headers_and_8bit_bodies_are_decoded() {
    let vault = TestVault::new();
    let outcome = vault.json(&[
        "import",
        &path("encoded-words.eml"),
        &path("latin1-body.eml"),
    ]);
    assert_eq!(crate::ids(&outcome), ["EMB-2026-0001", "EMB-2026-0002"]);

    let rene = show(&vault, "1");
    assert_eq!(
        rene["title"],
        "Gespeichertes XSS im Kommentarfeld — alle Benutzer betroffen “kritisch”"
    );
    assert_eq!(rene["reporter"]["name"], "René Müller");
    assert_eq!(rene["reporter"]["email"], "rene.mueller@example.de");
    assert_eq!(rene["received_at"], "2026-11-07T16:20:00Z");
    assert!(
        rene["messages"][0]["body"]
            .as_str()
            .unwrap()
            .ends_with("ausgeführt.\n\nViele Grüße\nRené")
    );

    let elodie = show(&vault, "2");
    assert_eq!(elodie["reporter"]["name"], "Élodie Martin");
    assert_eq!(elodie["received_at"], "2026-11-08T10:00:00Z");
    let body = elodie["messages"][0]["body"].as_str().unwrap();
    assert!(
        body.contains("Sévérité estimée : moyenne (½ des déploiements testés)."),
        "{body}"
    );
    assert!(!body.contains('\u{fffd}'), "{body}");
    assert_eq!(
        summaries(&elodie),
        [
            "opened EMB-2026-0002",
            "message received from Élodie Martin <elodie.martin@exemple.fr>"
        ]
    );
}
