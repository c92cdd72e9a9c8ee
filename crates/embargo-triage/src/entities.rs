//! Named things in a whitespace-free chunk of text: CVE and CWE ids, URLs and
//! endpoints, files, versions, identifiers and header names, payloads. Each is
//! normalized so that two reporters' spellings meet (`http://localhost:8080/api/x?id=1`
//! and `/api/x` are the same endpoint; `..%2f..%2f` and `../../` the same payload).

use crate::TermKind;

type Found = (TermKind, String, String);

/// File extensions of source and configuration files.
const CODE_EXTENSIONS: &[&str] = &[
    "c", "cc", "cfg", "conf", "cpp", "cs", "go", "h", "hpp", "html", "ini", "java", "js", "json",
    "jsx", "kt", "lua", "mjs", "php", "pl", "py", "rb", "rs", "sh", "swift", "toml", "ts", "tsx",
    "xml", "yaml", "yml",
];

/// Signs of a proof-of-concept payload in a chunk (lowercased).
const PAYLOAD_MARKERS: &[&str] = &[
    "../",
    "..\\",
    "%2e",
    "%2f",
    "%5c",
    "%00",
    "%0d",
    "%0a",
    "<script",
    "javascript:",
    "onerror=",
    "onload=",
    "' or",
    "1=1",
    "union select",
    "${",
    "{{",
    "<!entity",
    "<!doctype",
    "169.254.169.254",
    "file://",
    "gopher://",
    "\\x",
    "$(",
    "`id`",
    ";id",
    "|id",
    "/etc/passwd",
    "<svg",
    "<img",
    "__proto__",
    "constructor[prototype]",
];

/// Last labels of host names: `harbor.example` and `evil.com` are hosts, not
/// qualified identifiers (every report names some host).
const HOST_SUFFIXES: &[&str] = &[
    "app",
    "au",
    "br",
    "ca",
    "ch",
    "cn",
    "co",
    "com",
    "de",
    "dev",
    "dk",
    "edu",
    "es",
    "eu",
    "example",
    "fr",
    "gov",
    "in",
    "info",
    "internal",
    "invalid",
    "io",
    "it",
    "jp",
    "local",
    "localhost",
    "me",
    "net",
    "nl",
    "org",
    "pl",
    "ru",
    "se",
    "test",
    "uk",
];

const TRIM: &[char] = &[
    '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '\'', '`', '<', '>', '*', '“',
    '”', '‘', '’', '«', '»',
];

/// Whether `chunk` is a plain word (letters, then perhaps punctuation), which names
/// nothing: most chunks of a report are, and they skip the checks below.
fn plain_word(chunk: &str) -> bool {
    let word = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    let mut previous_lower = false;
    for c in word.chars() {
        if !c.is_alphabetic() || (previous_lower && c.is_uppercase()) {
            return false;
        }
        previous_lower = c.is_lowercase();
    }
    true
}

/// The named things in `chunk` (already split on whitespace).
pub(crate) fn classify(chunk: &str) -> Vec<Found> {
    if plain_word(chunk) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let lower = chunk.to_lowercase();
    if PAYLOAD_MARKERS.iter().any(|m| lower.contains(m)) {
        let payload = normalize_payload(&lower);
        if payload.chars().count() >= 4 {
            found.push((TermKind::Payload, payload, chunk.to_owned()));
        }
    }
    let called = chunk.contains("()");
    let trimmed = chunk.trim_matches(TRIM).trim_end_matches("()");
    if trimmed.is_empty() {
        return found;
    }
    for piece in trimmed.split([',', ';', '(', ')', '[', ']', '"', '\'', '`', '=']) {
        let piece = piece.trim_matches(TRIM);
        if !piece.is_empty() {
            classify_piece(piece, called, &mut found);
        }
    }
    found
}

fn classify_piece(piece: &str, called: bool, found: &mut Vec<Found>) {
    let upper = piece.to_ascii_uppercase();
    if let Some(id) = numbered_id(&upper, "CVE-", 4) {
        found.push((TermKind::Cve, id, piece.to_owned()));
        return;
    }
    if let Some(id) = numbered_id(&upper, "CWE-", 1) {
        found.push((TermKind::Cwe, id, piece.to_owned()));
        return;
    }
    if let Some((_, rest)) = piece.split_once("://") {
        let path = rest.find('/').map_or("", |slash| &rest[slash..]);
        endpoint(path, piece, found);
        return;
    }
    if piece.starts_with('/') && piece.len() > 1 && piece.chars().any(char::is_alphabetic) {
        if let Some(file) = code_file(piece) {
            found.push((TermKind::File, file, piece.to_owned()));
        }
        endpoint(piece, piece, found);
        return;
    }
    if piece.contains(['/', '\\']) {
        if let Some(file) = code_file(piece) {
            found.push((TermKind::File, file, piece.to_owned()));
        }
        return;
    }
    if let Some(version) = version(piece) {
        found.push((TermKind::Version, version, piece.to_owned()));
        return;
    }
    if let Some(file) = code_file(piece) {
        found.push((TermKind::File, file, piece.to_owned()));
        return;
    }
    identifier(piece, called, found);
}

/// `CVE-2026-41007` (with at least `digits` digits in the year/first group).
fn numbered_id(upper: &str, prefix: &str, first_digits: usize) -> Option<String> {
    let start = upper.find(prefix)?;
    let rest = &upper[start + prefix.len()..];
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let id = id.trim_end_matches('-');
    let groups: Vec<&str> = id.split('-').collect();
    let valid = match prefix {
        "CVE-" => groups.len() == 2 && groups[0].len() == first_digits && groups[1].len() >= 4,
        _ => groups.len() == 1 && !groups[0].is_empty(),
    };
    valid.then(|| format!("{prefix}{id}"))
}

/// An endpoint without host, query values or ids: `/api/v2/users/{n}`; the query's
/// parameter names become identifiers.
fn endpoint(path: &str, surface: &str, found: &mut Vec<Found>) {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or_default();
    for pair in query.split('&') {
        let name = pair.split('=').next().unwrap_or_default();
        if name.len() >= 2 && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            found.push((TermKind::Identifier, name.to_lowercase(), name.to_owned()));
        }
    }
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let opaque = segment.chars().all(|c| c.is_ascii_digit())
                || (segment.len() >= 16
                    && segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
            if opaque {
                "{n}".to_owned()
            } else {
                segment.to_lowercase()
            }
        })
        .collect();
    if segments.iter().any(|s| s.chars().any(char::is_alphabetic)) {
        found.push((
            TermKind::Endpoint,
            format!("/{}", segments.join("/")),
            surface.to_owned(),
        ));
    }
}

/// The file name of a path to a source or configuration file.
fn code_file(piece: &str) -> Option<String> {
    let name = piece.rsplit(['/', '\\']).next()?;
    let (stem, extension) = name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    let known = CODE_EXTENSIONS.binary_search(&extension.as_str()).is_ok();
    (known && !stem.is_empty() && stem.chars().any(char::is_alphabetic))
        .then(|| name.to_lowercase())
}

/// `22.4.1`, `v3.2`, `2.0.0-rc1`, `20.x`.
fn version(piece: &str) -> Option<String> {
    let text = piece.strip_prefix(['v', 'V']).unwrap_or(piece);
    let (numbers, suffix) = match text.find(['-', '+']) {
        Some(at) => (&text[..at], &text[at..]),
        None => (text, ""),
    };
    let parts: Vec<&str> = numbers.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let line = parts.len() == 2 && numeric(&parts[0]) && parts[1].eq_ignore_ascii_case("x");
    let dotted = (2..=4).contains(&parts.len()) && parts.iter().all(numeric);
    let suffix_ok = suffix
        .chars()
        .skip(1)
        .all(|c| c.is_ascii_alphanumeric() || c == '.');
    ((line || dotted) && suffix_ok).then(|| text.to_lowercase())
}

/// Function, method, option and header names: `parse_header`, `parseHeader`,
/// `Router::resolve`, `req.headers`, `--max-body`, `X-Forwarded-For`, `f()`.
fn identifier(piece: &str, called: bool, found: &mut Vec<Found>) {
    let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return;
    }
    let word_like = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    };
    let snake = piece.contains('_') && word_like(piece);
    let camel = word_like(piece)
        && piece
            .chars()
            .zip(piece.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    let path_parts: Vec<&str> = piece.split("::").flat_map(|p| p.split('.')).collect();
    let host = !piece.contains("::")
        && path_parts.last().is_some_and(|last| {
            HOST_SUFFIXES
                .binary_search(&last.to_lowercase().as_str())
                .is_ok()
        });
    let qualified = path_parts.len() >= 2
        && !host
        && path_parts
            .iter()
            .all(|p| word_like(p) && p.chars().count() >= 2)
        && path_parts
            .iter()
            .all(|p| p.chars().next().is_some_and(|c| !c.is_ascii_digit()));
    let option =
        piece.starts_with("--") && piece.len() > 3 && word_like(&piece[2..].replace('-', "_"));
    let header_parts: Vec<&str> = piece.split('-').collect();
    let header = header_parts.len() >= 2
        && header_parts.iter().any(|p| p.len() >= 3)
        && header_parts
            .iter()
            .all(|p| p.chars().next().is_some_and(char::is_uppercase) && word_like(p));
    let plain_call = called && word_like(piece);
    if !(snake || camel || qualified || option || header || plain_call) {
        return;
    }
    let key = piece.to_lowercase();
    if qualified && let Some(last) = path_parts.last() {
        let last = last.to_lowercase();
        if last != key && last.chars().count() >= 3 {
            found.push((TermKind::Identifier, last, piece.to_owned()));
        }
    }
    found.push((TermKind::Identifier, key, piece.to_owned()));
}

/// A payload as the server would see it: percent-decoded (twice, for double
/// encoding), backslashes as slashes, a run of `../` as one.
fn normalize_payload(lower: &str) -> String {
    // Dots and slashes are part of a payload; only quoting around it is trimmed.
    let mut text = lower
        .trim_matches(['"', '\'', '`', '(', ')', '[', ']', ',', ';', '“', '”'])
        .to_owned();
    for _ in 0..2 {
        text = percent_decode(&text);
    }
    let mut text = text.replace('\\', "/");
    while text.contains("../../") {
        text = text.replace("../../", "../");
    }
    while text.contains("..//") {
        text = text.replace("..//", "../");
    }
    // Where the payload starts: `http://host:8080/static/../etc/passwd` and
    // `/assets/../etc/passwd` carry the same `../etc/passwd`.
    let start = PAYLOAD_STARTS
        .iter()
        .filter_map(|marker| text.find(marker))
        .min()
        .unwrap_or(0);
    text.split_off(start)
}

/// What a decoded payload begins with, once a URL's host and path are cut off.
const PAYLOAD_STARTS: &[&str] = &[
    "../",
    "<script",
    "<svg",
    "<img",
    "<!",
    "javascript:",
    "${",
    "{{",
    "$(",
    "169.254.169.254",
    "file://",
    "gopher://",
    "' or",
    "union select",
    "__proto__",
    "constructor[prototype]",
];

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(chunk: &str) -> Vec<(TermKind, String)> {
        classify(chunk)
            .into_iter()
            .map(|(k, key, _)| (k, key))
            .collect()
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [CODE_EXTENSIONS, HOST_SUFFIXES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn two_spellings_of_one_payload_meet() {
        let a = kinds("..%2f..%2f..%2fetc%2fpasswd");
        let b = kinds("'../../../../etc/passwd'");
        assert_eq!(a[0], b[0]);
        assert_eq!(a[0], (TermKind::Payload, "../etc/passwd".into()));
        let in_a_url = kinds("http://127.0.0.1:8080/static/..%5c..%5c..%5cetc%5cpasswd");
        assert_eq!(in_a_url[0], a[0]);
    }

    #[test]
    fn urls_become_endpoints_without_host_or_ids() {
        assert_eq!(
            kinds("http://localhost:8080/API/v2/users/42/avatar?size=big&x"),
            vec![
                (TermKind::Identifier, "size".into()),
                (TermKind::Endpoint, "/api/v2/users/{n}/avatar".into()),
            ]
        );
    }

    #[test]
    fn identifiers_of_every_style() {
        for (chunk, key) in [
            ("parse_header", "parse_header"),
            ("`parseHeader()`", "parseheader"),
            ("Router::resolve", "router::resolve"),
            ("req.headers.host", "req.headers.host"),
            ("--max-header-size", "--max-header-size"),
            ("X-Forwarded-For:", "x-forwarded-for"),
            ("decode()", "decode"),
        ] {
            assert!(
                kinds(chunk).contains(&(TermKind::Identifier, key.into())),
                "{chunk}: {:?}",
                kinds(chunk)
            );
        }
        for plain in [
            "Hello,",
            "e.g.",
            "end.",
            "HTTP/1.1",
            "i.e.",
            "Content",
            "docs.harbor.example",
            "evil.com",
        ] {
            assert!(
                !kinds(plain).iter().any(|(k, _)| *k == TermKind::Identifier),
                "{plain}: {:?}",
                kinds(plain)
            );
        }
    }

    #[test]
    fn versions_and_ids() {
        assert_eq!(
            kinds("v22.4.1,"),
            vec![(TermKind::Version, "22.4.1".into())]
        );
        assert_eq!(kinds("20.x"), vec![(TermKind::Version, "20.x".into())]);
        assert_eq!(
            kinds("2.0.0-rc1"),
            vec![(TermKind::Version, "2.0.0-rc1".into())]
        );
        assert_eq!(
            kinds("(cve-2026-1234)"),
            vec![(TermKind::Cve, "CVE-2026-1234".into())]
        );
        assert_eq!(kinds("CWE-79:"), vec![(TermKind::Cwe, "CWE-79".into())]);
        assert!(kinds("CVE-26-1").is_empty());
    }
}
