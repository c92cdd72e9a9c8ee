//! Start and end tags: names, the few attributes kept, and raw-text skipping.

use super::entity;

/// One parsed start or end tag.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) href: Option<String>,
    pub(super) alt: Option<String>,
    /// Index just past the tag's `>` (or the end of the input).
    pub(super) end: usize,
}

/// Parses a tag whose name starts at `name_start`, skipping attributes
/// (quoted values may contain `>`).
pub(super) fn parse_tag(html: &str, name_start: usize) -> Tag {
    let b = html.as_bytes();
    let mut i = name_start;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    let mut tag = Tag {
        name: html[name_start..i].to_ascii_lowercase(),
        href: None,
        alt: None,
        end: b.len(),
    };
    while i < b.len() {
        match b[i] {
            b'>' => {
                tag.end = i + 1;
                return tag;
            }
            b'/' => i += 1,
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let name_end = html[i..]
                    .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                    .map_or(b.len(), |p| i + p.max(1));
                let attr = html[i..name_end].to_ascii_lowercase();
                i = name_end;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if b.get(i) != Some(&b'=') {
                    continue;
                }
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (value, next) = attribute_value(html, i);
                i = next;
                tag.keep_attribute(&attr, value);
            }
        }
    }
    tag
}

impl Tag {
    fn keep_attribute(&mut self, attr: &str, raw: &str) {
        match (self.name.as_str(), attr) {
            ("a", "href") => {
                let href = entity::decode_all(raw).trim().to_owned();
                let scheme = href.split(':').next().unwrap_or_default();
                let allowed = ["http", "https", "mailto", "ftp"];
                if href.contains(':') && allowed.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
                    self.href = Some(href);
                }
            }
            ("img", "alt") => {
                let alt = entity::decode_all(raw).trim().to_owned();
                self.alt = (!alt.is_empty()).then_some(alt);
            }
            _ => {}
        }
    }
}

/// Reads a quoted or unquoted attribute value at `i`; returns it and the
/// index after it.
fn attribute_value(html: &str, i: usize) -> (&str, usize) {
    match html.as_bytes().get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let body = i + 1;
            match html[body..].find(char::from(q)) {
                Some(p) => (&html[body..body + p], body + p + 1),
                None => (&html[body..], html.len()),
            }
        }
        _ => {
            let end = html[i..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .map_or(html.len(), |p| i + p);
            (&html[i..end], end)
        }
    }
}

/// Skips raw text up to and past `</name` (case-insensitive) followed by
/// whitespace, `/` or `>`; to the end of the input if there is none.
pub(super) fn skip_to_end_tag(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(p) = html[i..].find("</") {
        let name_at = i + p + 2;
        let name_end = name_at + name.len();
        let matches = b
            .get(name_at..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let delimited = b
            .get(name_end)
            .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'));
        if matches && delimited {
            return html[name_end..]
                .find('>')
                .map_or(html.len(), |q| name_end + q + 1);
        }
        i = name_at;
    }
    html.len()
}
