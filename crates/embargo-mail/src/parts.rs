//! The body and the attachments of a parsed message.

use mail_parser::decoders::{base64::base64_decode, quoted_printable::quoted_printable_decode};
use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

use crate::ParsedAttachment;
use crate::html::html_to_text;

/// The text body parts (HTML converted to text), joined by a blank line.
pub(crate) fn body(message: &Message<'_>) -> String {
    let texts: Vec<String> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(normalize(text)),
            PartType::Html(html) => Some(normalize(&html_to_text(html))),
            _ => None,
        })
        .filter(|text| !text.is_empty())
        .collect();
    texts.join("\n\n")
}

/// Line endings to `\n`, controls other than tab and newline removed,
/// trailing whitespace trimmed.
pub(crate) fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    cleaned.trim_end().to_owned()
}

pub(crate) fn attachments(message: &Message<'_>) -> Vec<ParsedAttachment> {
    message
        .attachments()
        .enumerate()
        .map(|(i, part)| {
            let media_type = media_type(part);
            let fallback = match media_type.as_str() {
                "message/rfc822" => format!("attachment-{}.eml", i + 1),
                _ => format!("attachment-{}", i + 1),
            };
            ParsedAttachment {
                name: file_name(part.attachment_name()).unwrap_or(fallback),
                data: data(message.raw_message(), part),
                media_type,
            }
        })
        .collect()
}

/// Text parts are re-decoded from the raw message, so an attachment keeps
/// its own bytes (mail-parser would convert it to UTF-8, or leave it
/// undecoded when its multipart is broken).
fn data(raw: &[u8], part: &MessagePart<'_>) -> Vec<u8> {
    if matches!(part.body, PartType::Text(_) | PartType::Html(_)) {
        let start = usize::try_from(part.offset_body).unwrap_or(usize::MAX);
        let end = usize::try_from(part.offset_end).unwrap_or(usize::MAX);
        if let Some(encoded) = raw.get(start..end) {
            let encoding = part
                .content_transfer_encoding()
                .map(|e| e.trim().to_ascii_lowercase());
            let decoded = match encoding.as_deref() {
                Some("base64") => base64_decode(encoded),
                Some("quoted-printable") => quoted_printable_decode(encoded),
                _ => Some(encoded.to_vec()),
            };
            if let Some(decoded) = decoded {
                return decoded;
            }
        }
    }
    part.contents().to_vec()
}

fn media_type(part: &MessagePart<'_>) -> String {
    let fallback = match part.body {
        PartType::Message(_) => "message/rfc822",
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        _ => "application/octet-stream",
    };
    let Some(content_type) = part.content_type() else {
        return fallback.to_owned();
    };
    let Some(subtype) = content_type.subtype() else {
        return fallback.to_owned();
    };
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    let (main, sub) = (content_type.ctype().trim(), subtype.trim());
    if token(main) && token(sub) {
        format!("{main}/{sub}").to_ascii_lowercase()
    } else {
        fallback.to_owned()
    }
}

/// The last path component, without control or bidi-override characters;
/// `None` if nothing usable is left.
fn file_name(name: Option<&str>) -> Option<String> {
    let base = name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|&c| !c.is_control() && !is_bidi_control(c))
        .collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then(|| cleaned.to_owned())
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_line_endings_and_controls() {
        assert_eq!(normalize("a\r\nb\rc\u{1b}[0m\td \n\n "), "a\nb\nc[0m\td");
    }

    #[test]
    fn file_names_are_made_safe() {
        let name = |n| file_name(n).unwrap_or_default();
        assert_eq!(name(Some("../../etc/passwd")), "passwd");
        assert_eq!(name(Some("C:\\temp\\poc.py")), "poc.py");
        assert_eq!(name(Some("poc\u{202e}gpj.exe")), "pocgpj.exe");
        assert_eq!(name(Some("a\r\nb.txt")), "ab.txt");
        assert_eq!(file_name(Some("..")), None);
        assert_eq!(file_name(Some("dir/")), None);
        assert_eq!(file_name(None), None);
    }
}
