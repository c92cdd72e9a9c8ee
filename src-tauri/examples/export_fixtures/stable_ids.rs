//! Stable ids: a run's random UUIDs and keys, numbered, so two runs write the same files.

/// `text` with every UUID (case and draft ids, and a draft's Message-ID) and
/// every 64-hex-digit key (an event's author), random per run, replaced by a
/// stable one numbered in order of first appearance, so the fixtures are the same
/// on every run.
pub fn stable_ids(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut seen: Vec<String> = Vec::new();
    let mut number = |id: &str| {
        seen.iter().position(|u| u == id).unwrap_or_else(|| {
            seen.push(id.to_owned());
            seen.len() - 1
        }) + 1
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let key_len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if i + 36 <= text.len() && is_uuid(&bytes[i..i + 36]) {
            let n = number(&text[i..i + 36]);
            out.push_str(&format!("00000000-0000-4000-8000-{n:012}"));
            i += 36;
        } else if starts_word && key_len == 64 {
            let n = number(&text[i..i + 64]);
            out.push_str(&format!("{n:064}"));
            i += 64;
        } else if key_len == 32 && text[..i].ends_with("embargo-") {
            // A UUID written without dashes: the Message-ID of a saved draft.
            let n = number(&text[i..i + 32]);
            out.push_str(&format!("{n:032}"));
            i += 32;
        } else {
            let c = text[i..].chars().next().expect("a char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn is_uuid(candidate: &[u8]) -> bool {
    candidate.iter().enumerate().all(|(i, b)| match i {
        8 | 13 | 18 | 23 => *b == b'-',
        _ => b.is_ascii_hexdigit(),
    })
}
