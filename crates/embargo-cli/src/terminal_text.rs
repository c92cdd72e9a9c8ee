//! Case text reaching a terminal: a title set by a teammate or taken from a
//! report's subject must not retitle the terminal, clear it, move the cursor or
//! hide text. Human output shows every control character (C0 except newline
//! and tab, DEL, C1) and every bidirectional override escaped, as `\x1b`,
//! `\u{202e}`; `--json` output stays exact (serde escapes control characters).

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with control characters and bidi controls shown escaped.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !needs_escape(c) {
            shown.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(shown, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(shown, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(shown)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        // Bidirectional embeddings, overrides and isolates reorder what is shown
        // ("Trojan Source"); the marks LRM/RLM/ALM only nudge and are kept.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_control_characters_are_shown_not_obeyed() {
        let title =
            "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[1;1HHeap\roverflow\u{7f}\u{9b}31m\u{202e}fdp.exe";
        assert_eq!(
            escape_controls(title),
            "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[1;1HHeap\\x0doverflow\\x7f\\u{9b}31m\\u{202e}fdp.exe"
        );
    }

    #[test]
    fn ordinary_text_lines_and_tabs_and_other_scripts_pass_unchanged() {
        let text = "EMB-2026-0001\tHeap overflow — démo 漏洞 العربية\nnext line";
        assert!(matches!(escape_controls(text), Cow::Borrowed(t) if t == text));
    }
}
