//! Case text on a terminal: escape sequences a teammate (or a report) put in a
//! field are shown escaped in human output, never obeyed; `--json` stays exact
//! (issue 11: a title could retitle the terminal or clear it).

use crate::support::TestVault;

const HOSTILE_TITLE: &str =
    "\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[HHeap overflow\r\u{9b}8m\u{202e}gnp.exe";
const SHOWN_TITLE: &str =
    "\\x1b]0;owned\\x07\\x1b[2J\\x1b[HHeap overflow\\x0d\\u{9b}8m\\u{202e}gnp.exe";

#[test]
fn escape_sequences_in_case_text_are_shown_escaped_and_json_stays_exact() {
    let vault = TestVault::new();
    let id = vault.new_case(HOSTILE_TITLE, "2026-11-02T09:00:00Z");
    vault.ok(&["note", &id, "line one\nline two\u{1b}[31m red\u{7}"]);
    for args in [
        &["case", "show", &id][..],
        &["case", "list"],
        &["search", "overflow"],
    ] {
        let out = vault.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "embargo {args:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "embargo {args:?} sent a control character to the terminal:\n{stdout:?}"
        );
        assert!(!stdout.contains('\u{202e}'), "{stdout:?}");
        assert!(stdout.contains(SHOWN_TITLE), "embargo {args:?}:\n{stdout}");
    }
    let shown = vault.ok(&["case", "show", &id]);
    assert!(
        shown.contains("line one\n"),
        "newlines stay lines:\n{shown}"
    );
    assert!(shown.contains("line two\\x1b[31m red\\x07"), "{shown}");

    let json = vault.json(&["case", "show", &id]);
    assert_eq!(json["title"], HOSTILE_TITLE, "--json keeps the exact text");
    assert_eq!(
        json["notes"][0]["text"],
        "line one\nline two\u{1b}[31m red\u{7}"
    );

    let err = vault.fails(&["case", "show", "\u{1b}]0;typed\u{7}"], 1);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}
