//! `embargo search`: folding, what is indexed, ranking, and hostile queries.

use crate::ids;
use crate::support::{TestVault, corpus};

fn search(vault: &TestVault, query: &str) -> Vec<String> {
    ids(&vault.json(&["search", query]))
}

/// plain.eml → EMB-2026-0001, encoded-words.eml → 0002, latin1-body.eml → 0003.
fn vault_with_reports() -> TestVault {
    let vault = TestVault::new();
    let files = ["plain.eml", "encoded-words.eml", "latin1-body.eml"]
        .map(|name| corpus(name).to_str().unwrap().to_owned());
    let outcome = vault.json(&["import", &files[0], &files[1], &files[2]]);
    assert_eq!(
        ids(&outcome),
        ["EMB-2026-0001", "EMB-2026-0002", "EMB-2026-0003"]
    );
    vault
}

#[test]
fn search_folds_accents_and_case() {
    let vault = vault_with_reports();
    assert_eq!(search(&vault, "rene muller"), ["EMB-2026-0002"]);
    assert_eq!(search(&vault, "RENÉ MÜLLER"), ["EMB-2026-0002"]);
    assert_eq!(search(&vault, "TRAVERSAL"), ["EMB-2026-0001"]);
    assert_eq!(search(&vault, "elodie"), ["EMB-2026-0003"]);
    // Words of the body, with the accents of the latin-1 original folded away.
    assert_eq!(search(&vault, "hameconnage recupere"), ["EMB-2026-0003"]);
    assert_eq!(search(&vault, "AUSGEFUHRT"), ["EMB-2026-0002"]);

    let hits = vault.json(&["search", "Traversal"]);
    assert_eq!(
        hits[0]["title"],
        "Path traversal in quickserve static file handler"
    );
    assert_eq!(hits[0]["status"], "received");
    assert_eq!(hits[0]["received_at"], "2026-11-03T13:05:00Z");
    assert_eq!(vault.ok(&["search", "kumquat"]), "no matches\n");
}

#[test]
fn search_finds_words_in_bodies_notes_reporters_and_changed_fields() {
    let vault = vault_with_reports();
    assert_eq!(
        search(&vault, "passwd"),
        ["EMB-2026-0001"],
        "a word of the message body"
    );
    assert_eq!(
        search(&vault, "nguyen"),
        ["EMB-2026-0001"],
        "the reporter's name"
    );
    assert_eq!(
        search(&vault, "rene.mueller@example.de"),
        ["EMB-2026-0002"],
        "the reporter's address"
    );
    assert_eq!(search(&vault, "kumquat"), Vec::<String>::new());

    vault.ok(&["note", "3", "Kumquat team owns webauth"]);
    vault.ok(&["case", "set", "2", "credit", "Zoë Ångström"]);
    vault.ok(&[
        "case",
        "set",
        "1",
        "title",
        "Dot-segment escape in quickserve",
    ]);
    assert_eq!(
        search(&vault, "kumquat"),
        ["EMB-2026-0003"],
        "a word of a note"
    );
    assert_eq!(
        search(&vault, "zoe angstrom"),
        ["EMB-2026-0002"],
        "the credit line"
    );
    assert_eq!(search(&vault, "escape"), ["EMB-2026-0001"], "the new title");
}

#[test]
fn search_results_are_best_first() {
    let vault = TestVault::new();
    // The weaker match is the more recent case, so recency order would be wrong.
    let weak = vault.new_case("Crash in the upload form", "2026-11-20T00:00:00Z");
    let strong = vault.new_case("Heap overflow in PNG decoder", "2026-11-01T00:00:00Z");
    vault.ok(&["note", &weak, "Not a heap problem, just an assertion."]);
    assert_eq!(search(&vault, "heap"), [strong.clone(), weak.clone()]);
    assert_eq!(search(&vault, "HEAP png"), [strong]);
    assert_eq!(
        ids(&vault.json(&["case", "list"])),
        ["EMB-2026-0001", "EMB-2026-0002"]
    );
}

#[test]
fn fts_syntax_in_the_query_never_causes_an_error() {
    let vault = TestVault::new();
    let plain = corpus("plain.eml").to_str().unwrap().to_owned();
    let attached = corpus("with-attachment.eml").to_str().unwrap().to_owned();
    vault.ok(&["import", &plain, &attached]);
    let traversal = ["EMB-2026-0001"];
    let none: [&str; 0] = [];
    let queries: [(&str, &[&str]); 10] = [
        ("\"", &none),
        ("(", &none),
        ("*", &none),
        ("-", &none),
        ("\"path traversal", &traversal),
        ("traversal*", &traversal),
        ("path -traversal", &traversal),
        ("NEAR", &["EMB-2026-0002"]),
        ("NEAR(path traversal", &none),
        ("DROP TABLE cases; --", &none),
    ];
    for (query, expected) in queries {
        let out = vault.run(&["--json", "search", query]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "search {query:?} failed:\n{stderr}"
        );
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(ids(&hits), expected, "search {query:?}");
    }
    // A query that starts with `-` needs `--` (clap); then it is just a word.
    assert_eq!(ids(&vault.json(&["search", "--", "-traversal"])), traversal);
}
