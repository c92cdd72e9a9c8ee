use crate::NOW;
use crate::support::{TestVault, corpus};

fn with_report() -> TestVault {
    let vault = TestVault::new();
    let report = corpus("plain.eml");
    vault.ok(&["--now", NOW, "import", report.to_str().unwrap()]);
    vault
}

fn event_count(vault: &TestVault) -> usize {
    vault.json(&["case", "show", "1"])["timeline"]
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn an_unknown_template_lists_the_known_ones_and_creates_nothing() {
    let vault = with_report();
    let err = vault.fails(&["draft", "new", "1", "acknowledgement"], 1);
    assert!(
        err.contains("no template \"acknowledgement\"; templates are: acknowledgment,"),
        "{err}"
    );
    assert!(
        vault.json(&["case", "show", "1"])["drafts"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_template_using_a_missing_field_names_the_field_and_the_template() {
    let vault = with_report();
    let err = vault.fails(&["draft", "new", "1", "fix-date"], 1);
    assert_eq!(
        err.trim_end(),
        "error: template fix-date (body, line 6) uses case.embargo, which this case does not have; set it with `embargo case set ID embargo 2026-12-01T14:00:00Z`"
    );
    let err = vault.fails(&["draft", "new", "1", "cve-request"], 1);
    assert!(err.contains("uses case.product"), "{err}");
}

#[test]
fn a_template_syntax_error_gives_line_and_column_and_saves_nothing() {
    let vault = TestVault::new();
    let body = vault.root.path().join("broken.txt");
    std::fs::write(
        &body,
        "Hello {{ reporter.greeting }},\n\n{% if case.cve is defined %}\nno end\n",
    )
    .unwrap();
    let err = vault.fails(
        &[
            "template",
            "edit",
            "update",
            "--body-file",
            body.to_str().unwrap(),
        ],
        1,
    );
    assert!(
        err.starts_with("error: template update (body) has a syntax error at line"),
        "{err}"
    );
    std::fs::write(&body, "Hello {{ reporter.greeting }\n").unwrap();
    let err = vault.fails(
        &[
            "template",
            "edit",
            "update",
            "--body-file",
            body.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("at line 1, column 28"), "{err}");
    assert_eq!(
        vault.json(&["template", "show", "update"])["origin"],
        "built-in"
    );
}

#[test]
fn editing_without_a_file_or_a_terminal_is_refused() {
    let vault = with_report();
    vault.ok(&["--now", NOW, "draft", "new", "1", "acknowledgment"]);
    let err = vault.fails(&["draft", "edit", "1/D1"], 1);
    assert!(err.contains("pass --body-file FILE"), "{err}");
    let err = vault.fails(&["template", "edit", "update"], 1);
    assert!(err.contains("not at a terminal"), "{err}");
}

#[test]
fn an_invalid_cvss_vector_is_refused() {
    let vault = with_report();
    let before = event_count(&vault);
    let err = vault.fails(&["case", "set", "1", "cvss", "CVSS:3.1/AV:X/AC:L"], 1);
    assert!(
        err.starts_with("error: invalid CVSS vector \"CVSS:3.1/AV:X/AC:L\""),
        "{err}"
    );
    assert_eq!(event_count(&vault), before);
    let ok = vault.json(&[
        "case",
        "set",
        "1",
        "cvss",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N",
    ]);
    assert_eq!(ok["cvss"][0]["version"], "4.0");
    assert_eq!(ok["cvss"][0]["base_score"], 8.7);
    assert_eq!(ok["cvss"][0]["severity"], "high");
}

#[test]
fn a_case_not_ready_for_export_writes_no_file() {
    let vault = with_report();
    vault.ok(&["case", "line", "1", "2.x", "--affected", "affected"]);
    for format in ["cve", "osv", "csaf"] {
        let file = vault.root.path().join(format!("out.{format}.json"));
        let err = vault.fails(&["export", format, "1", "-o", file.to_str().unwrap()], 1);
        assert!(err.contains("CVE id missing"), "{err}");
        assert!(err.contains("no fixed version for line 2.x"), "{err}");
        assert!(!file.exists(), "{format}: nothing written");
    }
    let file = vault.root.path().join("advisory.md");
    let err = vault.fails(&["advisory", "1", "-o", file.to_str().unwrap()], 1);
    assert!(err.contains("not ready for the advisory export"), "{err}");
    assert!(!file.exists());
}

#[test]
fn files_are_never_overwritten_without_force() {
    let vault = with_report();
    vault.ok(&["--now", NOW, "draft", "new", "1", "acknowledgment"]);
    let eml = vault.root.path().join("ack.eml");
    std::fs::write(&eml, "keep me").unwrap();
    let err = vault.fails(
        &["draft", "export", "1/D1", "--eml", eml.to_str().unwrap()],
        1,
    );
    assert!(err.contains("already exists; pass --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&eml).unwrap(), "keep me");
    vault.ok(&[
        "draft",
        "export",
        "1/D1",
        "--eml",
        eml.to_str().unwrap(),
        "--force",
    ]);
    assert!(
        std::fs::read_to_string(&eml)
            .unwrap()
            .contains("In-Reply-To:")
    );

    let missing_dir = vault.root.path().join("no/such/dir/ack.eml");
    let err = vault.fails(
        &[
            "draft",
            "export",
            "1/D1",
            "--eml",
            missing_dir.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("there is no folder"), "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(vault.root.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".embargo-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn unknown_drafts_and_impossible_sends_are_refused() {
    let vault = with_report();
    let err = vault.fails(&["draft", "show", "1/D1"], 1);
    assert!(err.contains("EMB-2026-0001 has no drafts"), "{err}");
    vault.ok(&["--now", NOW, "draft", "new", "1", "acknowledgment"]);
    let err = vault.fails(
        &[
            "--now",
            NOW,
            "draft",
            "sent",
            "1/D1",
            "--at",
            "2026-11-04T00:00:00Z",
        ],
        1,
    );
    assert!(
        err.contains("error: --at ") && err.contains("is in the future"),
        "the command line words the refusal with its flag: {err}"
    );
    let err = vault.fails(&["draft", "sent", "1/D1", "--at", "yesterday"], 1);
    assert!(err.contains("not an RFC 3339 instant"), "{err}");
    let err = vault.fails(&["draft", "export", "1/D1"], 2);
    assert!(
        err.contains("--eml"),
        "usage error names the options: {err}"
    );
}
