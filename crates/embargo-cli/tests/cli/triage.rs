//! `similar`, `case duplicate`, `case missing`, `case request-info`, `reporter`,
//! `non-issue` and `triage` on a real vault.

use crate::support::TestVault;
use crate::{len, one_json, refused, show, summaries};

fn import(vault: &TestVault, name: &str, from: &str, subject: &str, body: &str) -> String {
    let path = vault.tmp().join(name);
    std::fs::write(
        &path,
        format!(
            "From: {from}\r\nTo: security@harbor.example\r\nSubject: {subject}\r\n\
             Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{name}@triage.test>\r\n\r\n{body}\r\n"
        ),
    )
    .unwrap();
    let outcomes = vault.json(&["import", path.to_str().unwrap()]);
    outcomes[0]["case_id"].as_str().unwrap().to_owned()
}

#[test]
fn a_re_report_is_found_marked_and_answered_from_the_command_line() {
    let vault = TestVault::new();
    import(
        &vault,
        "xss",
        "Olu <olu@adeyemi.example>",
        "Stored XSS through SVG avatars",
        "SVG avatars are served inline and run script.",
    );
    let original = import(
        &vault,
        "traversal",
        "Aiko Tanaka <aiko@tanaka.example>",
        "Path traversal in serveStatic via %5c",
        "serveStatic in lib/static/path.js decodes %5c after the dot-dot check: \
         GET /static/..%5c..%5cetc%5cpasswd on 22.4.0.",
    );
    let again = import(
        &vault,
        "again",
        "Kenji Sato <kenji@sato.example>",
        "Directory traversal in the static middleware",
        "http://localhost:8080/static/..%5c..%5c..%5cetc%5cpasswd returns passwd; serveStatic misses backslashes.",
    );

    let similar = vault.json(&["similar", &again]);
    assert_eq!(similar[0]["case_id"], original.as_str(), "{similar:#}");
    assert_eq!(similar[0]["likely_duplicate"], true);
    assert!(similar[0]["score"].as_f64().unwrap() > 0.0);
    assert!(len(&similar[0]["shared_terms"]) > 0);
    let human = vault.ok(&["similar", &again, "--limit", "1"]);
    assert!(
        human.contains("likely duplicate") && human.contains(&original),
        "{human}"
    );

    let missing = vault.json(&["case", "missing", &again]);
    assert_eq!(
        missing["missing"],
        serde_json::json!(["version", "reproduction", "impact"]),
        "{missing:#}"
    );

    let queue = vault.json(&["triage"]);
    let entry = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["case_id"] == again.as_str())
        .expect("in the queue");
    assert_eq!(entry["likely_duplicate_of"]["case_id"], original.as_str());

    let draft = vault.json(&["case", "duplicate", &again, "--of", &original]);
    assert_eq!(draft["template"], "duplicate");
    assert!(draft["body"].as_str().unwrap().contains("already reported"));
    let marked = show(&vault, &again);
    assert_eq!(marked["status"], "duplicate");
    assert_eq!(marked["duplicate_of"], original.as_str());
    assert!(
        summaries(&show(&vault, &original))
            .contains(&format!("reported again in {again} (marked a duplicate)"))
    );

    let stderr = refused(&vault, &["case", "duplicate", &again, "--of", &original], 1);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("already marked"),
        "{stderr}"
    );
    let stderr = refused(&vault, &["similar", "EMB-2026-0099"], 1);
    assert!(stderr.contains("EMB-2026-0099"), "{stderr}");

    let history = vault.json(&["reporter", "kenji@sato.example"]);
    assert_eq!(history["duplicate"], 1, "{history:#}");
}

#[test]
fn the_known_non_issues_catalogue_from_the_command_line() {
    let vault = TestVault::new();
    let reply = vault.tmp().join("reply.txt");
    std::fs::write(
        &reply,
        "Hello {{ reporter.greeting }}, the website is static.\n",
    )
    .unwrap();
    let saved = vault.json(&[
        "non-issue",
        "save",
        "clickjacking",
        "--title",
        "Clickjacking on the website",
        "--explanation",
        "The website is static documentation.",
        "--keyword",
        "clickjacking",
        "--keyword",
        "X-Frame-Options",
        "--reply-file",
        reply.to_str().unwrap(),
    ]);
    assert_eq!(
        saved["keywords"],
        serde_json::json!(["clickjacking", "X-Frame-Options"])
    );
    let junk = import(
        &vault,
        "junk",
        "Rahul <rahul@bounty.example>",
        "X-Frame-Options missing",
        "Clickjacking possible. Bounty?",
    );
    let matched = vault.json(&["non-issue", "match", &junk]);
    assert_eq!(matched[0]["id"], "clickjacking");
    let draft = vault.json(&["non-issue", "reply", &junk, "clickjacking"]);
    assert_eq!(draft["body"], "Hello Rahul, the website is static.\n");
    let out = vault.run(&["--json", "case", "request-info", &junk]);
    let requested = one_json(&out, "request-info");
    assert!(
        requested["body"]
            .as_str()
            .unwrap()
            .contains("the exact version")
    );
    let stderr = refused(&vault, &["non-issue", "remove", "nothing"], 1);
    assert!(stderr.contains("no known non-issue"), "{stderr}");
}
