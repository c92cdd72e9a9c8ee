//! HTML character references.
//!
//! The names come from mail-parser's table of HTML entities (exposed as
//! `mail_parser::decoders::html::add_html_token`); numeric references are
//! decoded here so that invalid code points become U+FFFD and controls are
//! dropped.

/// The longest reference we look for, `&` and `;` included.
const MAX_LEN: usize = 40;

/// Decodes the character reference starting at `at` (which holds `&`).
/// Returns the text and the index just past the `;`, or `None` if there is
/// no complete, known reference there.
pub(super) fn decode_entity_at(html: &str, at: usize) -> Option<(String, usize)> {
    let window = html.get(at + 1..)?;
    let len = window
        .bytes()
        .take(MAX_LEN)
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'#'))?;
    if window.as_bytes().get(len) != Some(&b';') || len == 0 {
        return None;
    }
    let body = &window[..len];
    let text = match body.strip_prefix('#') {
        Some(number) => decode_number(number)?,
        None => decode_name(&html[at..at + len + 2])?,
    };
    Some((text, at + len + 2))
}

/// Decodes every reference in `text` (used for attribute values).
pub(super) fn decode_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(p) = text[i..].find('&') {
        out.push_str(&text[i..i + p]);
        match decode_entity_at(text, i + p) {
            Some((decoded, next)) => {
                out.push_str(&decoded);
                i = next;
            }
            None => {
                out.push('&');
                i += p + 1;
            }
        }
    }
    out.push_str(&text[i..]);
    out
}

fn decode_number(number: &str) -> Option<String> {
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse::<u32>().ok()?,
    };
    let ch = char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER);
    Some(if ch == '\0' {
        char::REPLACEMENT_CHARACTER.to_string()
    } else if ch.is_control() && !matches!(ch, '\n' | '\t') {
        String::new()
    } else {
        ch.to_string()
    })
}

/// `token` is the whole reference, `&name;`.
fn decode_name(token: &str) -> Option<String> {
    let mut out = String::new();
    mail_parser::decoders::html::add_html_token(&mut out, token.as_bytes(), false);
    (out != token).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_numeric_and_unknown() {
        assert_eq!(decode_all("a &amp; b"), "a & b");
        assert_eq!(decode_all("caf&eacute;"), "café");
        assert_eq!(decode_all("&#8212;&#x201D;&#X41;"), "—”A");
        assert_eq!(decode_all("&nosuchentity; &"), "&nosuchentity; &");
        assert_eq!(decode_all("&amp &lt"), "&amp &lt");
        assert_eq!(decode_all("&#0;&#x110000;"), "\u{fffd}\u{fffd}");
        assert_eq!(decode_all("&#27;[31m"), "[31m");
        assert_eq!(decode_all("&#99999999999999;"), "&#99999999999999;");
    }
}
