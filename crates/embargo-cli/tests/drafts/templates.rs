use crate::NOW;
use crate::support::{TestVault, corpus};

#[test]
fn a_team_edits_adds_and_resets_templates_from_files() {
    let vault = TestVault::new();
    let listed = vault.json(&["template", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 12);

    let body = vault.root.path().join("ack.txt");
    std::fs::write(
        &body,
        "Hi {{ reporter.greeting }}, we track this as {{ case.id }}.\n",
    )
    .unwrap();
    let edited = vault.json(&[
        "template",
        "edit",
        "acknowledgment",
        "--body-file",
        body.to_str().unwrap(),
    ]);
    assert_eq!(edited["origin"], "edited");

    let report = corpus("plain.eml");
    vault.ok(&["--now", NOW, "import", report.to_str().unwrap()]);
    vault.ok(&["--now", NOW, "draft", "new", "1", "acknowledgment"]);
    let draft = vault.json(&["draft", "show", "1/D1"]);
    assert_eq!(
        draft["body"],
        "Hi Alice Nguyen, we track this as EMB-2026-0001.\n"
    );

    let own = vault.root.path().join("own.txt");
    std::fs::write(
        &own,
        "Hello {{ reporter.greeting }},\n\nCould we move the date of {{ case.id }}?\n",
    )
    .unwrap();
    let added = vault.json(&[
        "template",
        "new",
        "embargo-extension",
        "--title",
        "Ask to extend the embargo",
        "--meets",
        "update",
        "--body-file",
        own.to_str().unwrap(),
    ]);
    assert_eq!(added["origin"], "team");
    assert_eq!(added["meets"], "update");
    let shown = vault.ok(&["template", "show", "embargo-extension"]);
    assert!(shown.contains("Could we move the date"), "{shown}");

    let reset = vault.json(&["template", "reset", "acknowledgment"]);
    assert_eq!(reset["origin"], "built-in");
}
