//! Deterministic text for a realistic vault: titles, reporters, report bodies and
//! notes assembled from word lists with a seeded pseudo-random generator, so every
//! run builds the same content (ids and UUIDs aside).

/// SplitMix64: tiny, fast, and good enough to pick words.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const FIRST_NAMES: &[&str] = &[
    "Aiko", "Lucas", "Priya", "Jonas", "Sofia", "Tomasz", "Grace", "Mei", "Olu", "Henrik", "Amara",
    "Diego", "Chloé", "Mateus", "Yuki", "Fatima", "Noah", "Ingrid", "Ravi", "Zoë", "Kwame",
    "Elena", "Björn", "Leila", "Andrés", "Hana", "Pavel", "Maëlle", "Omar", "Siobhán",
];

pub const LAST_NAMES: &[&str] = &[
    "Tanaka",
    "Ferreira",
    "Raman",
    "Berg",
    "Alvarez",
    "Nowak",
    "Mensah",
    "Lin",
    "Adeyemi",
    "Sørensen",
    "Okonkwo",
    "Müller",
    "García",
    "Kowalczyk",
    "Nakamura",
    "Haddad",
    "Smith",
    "Lindqvist",
    "Patel",
    "Dubois",
    "Rossi",
    "Novák",
    "Ivanova",
    "O'Brien",
    "Yilmaz",
    "Costa",
    "Kim",
    "Nguyen",
    "Schmidt",
    "Jensen",
    "Moreau",
    "Brennan",
    "Takahashi",
    "Silva",
    "Fischer",
    "Lefèvre",
    "Eriksson",
    "Horvath",
    "Quispe",
    "Abebe",
];

pub const HANDLERS: &[&str] = &[
    "Dana Whitfield",
    "Ravi Okafor",
    "Marta Kowalska",
    "Sam Ortiz",
    "Jae-won Park",
];

const BUG_CLASSES: &[&str] = &[
    "Path traversal",
    "Heap overflow",
    "Use-after-free",
    "Prototype pollution",
    "Request smuggling",
    "SSRF",
    "ReDoS",
    "Cross-site scripting",
    "SQL injection",
    "Integer overflow",
    "Denial of service",
    "Timing side channel",
    "Symlink race",
    "Cache poisoning",
    "Authentication bypass",
    "Out-of-bounds read",
    "Command injection",
    "Open redirect",
    "Memory disclosure",
    "Permission model bypass",
];

const COMPONENTS: &[&str] = &[
    "static file server",
    "query-string parser",
    "TLS session ticket handling",
    "HTTP client",
    "Accept-Language parser",
    "module loader",
    "HMAC comparison",
    "temp-dir cleanup",
    "markdown renderer",
    "JSON parser",
    "URL parser",
    "multipart form decoder",
    "WebSocket upgrade handler",
    "zlib inflate stream",
    "DNS resolver",
    "cookie jar",
    "worker thread pool",
    "child process spawner",
    "certificate verifier",
    "HTTP/2 frame decoder",
];

const VECTORS: &[&str] = &[
    "via encoded backslash",
    "with a crafted header",
    "through redirect following",
    "on malformed input",
    "via duplicated Content-Length",
    "when the buffer is resized",
    "in the error path",
    "with an oversized length field",
    "via Unicode case folding",
    "after a failed handshake",
];

/// Everyday prose, so bodies have realistic frequent words.
const COMMON: &[&str] = &[
    "the", "a", "to", "of", "and", "in", "is", "it", "that", "this", "with", "when", "on", "for",
    "we", "you", "can", "be", "not", "an", "as", "are", "by", "or", "if", "from", "which", "then",
    "also", "but", "have", "has", "was", "will", "would", "should", "could", "any", "all", "some",
    "only", "after", "before", "because", "while", "our", "your", "their",
];

/// Technical vocabulary of security reports.
const TECHNICAL: &[&str] = &[
    "request",
    "response",
    "header",
    "buffer",
    "allocation",
    "pointer",
    "parser",
    "payload",
    "attacker",
    "server",
    "client",
    "version",
    "process",
    "memory",
    "length",
    "input",
    "output",
    "stream",
    "socket",
    "handler",
    "callback",
    "object",
    "string",
    "byte",
    "offset",
    "array",
    "function",
    "module",
    "package",
    "config",
    "default",
    "option",
    "flag",
    "token",
    "session",
    "cookie",
    "certificate",
    "signature",
    "hash",
    "encoding",
    "decoder",
    "validation",
    "check",
    "boundary",
    "limit",
    "timeout",
    "thread",
    "lock",
    "race",
    "crash",
    "stack",
    "trace",
    "exploit",
    "proof",
    "concept",
    "reproduce",
    "patch",
    "commit",
    "branch",
    "release",
    "regression",
    "sanitizer",
    "fuzzing",
    "corpus",
    "testcase",
    "privilege",
    "sandbox",
    "filesystem",
    "path",
    "directory",
    "symlink",
    "permission",
    "environment",
    "variable",
    "redirect",
    "proxy",
    "cache",
];

/// A little French and German, as some reports arrive that way (accents folded by search).
const ACCENTED: &[&str] = &[
    "sécurité",
    "vulnérabilité",
    "déni",
    "mémoire",
    "accès",
    "données",
    "requête",
    "Schwachstelle",
    "Überlauf",
    "Größe",
    "Prüfung",
    "fehlerhafte",
];

/// Words that occur in only a handful of cases.
pub const RARE: &[&str] = &[
    "kerberos", "quic", "brotli", "punycode", "seccomp", "io_uring",
];

pub struct Reporter {
    pub name: String,
    pub email: String,
}

pub fn reporter(rng: &mut Rng) -> Reporter {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    let ascii = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let domain = rng.pick(&[
        "example.org",
        "example.net",
        "research.example",
        "mail.example",
    ]);
    Reporter {
        name: format!("{first} {last}"),
        email: format!("{}.{}@{domain}", ascii(first), ascii(last)),
    }
}

pub fn title(rng: &mut Rng) -> String {
    format!(
        "{} in {} {}",
        rng.pick(BUG_CLASSES),
        rng.pick(COMPONENTS),
        rng.pick(VECTORS)
    )
}

/// `words` words of prose mixing common, technical, occasionally accented and
/// (rarely) rare words, in sentences.
pub fn prose(rng: &mut Rng, words: usize) -> String {
    let mut out = String::with_capacity(words * 8);
    let mut in_sentence = 0;
    for i in 0..words {
        let word = match rng.below(10_000) {
            0..=5_499 => rng.pick(COMMON),
            5_500..=9_899 => rng.pick(TECHNICAL),
            9_900..=9_998 => rng.pick(ACCENTED),
            _ => rng.pick(RARE),
        };
        if in_sentence == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
        in_sentence += 1;
        if (in_sentence >= 8 && rng.chance(15)) || i + 1 == words {
            out.push_str(if rng.chance(10) { ".\n\n" } else { ". " });
            in_sentence = 0;
        } else {
            out.push(' ');
        }
    }
    out
}

/// An incoming report of a few hundred words.
pub fn report_body(rng: &mut Rng, title: &str, reporter: &Reporter) -> String {
    let version = format!(
        "{}.{}.{}",
        rng.between(14, 24),
        rng.below(20),
        rng.below(10)
    );
    let words = rng.between(200, 450);
    format!(
        "Hello security team,\n\nI would like to report: {title}.\nTested on version {version}.\n\n{}\n\nSteps to reproduce are above; a proof of concept is available on request.\n\nBest regards,\n{}",
        prose(rng, words),
        reporter.name
    )
}

/// A private note of a few dozen words.
pub fn note(rng: &mut Rng) -> String {
    let words = rng.between(15, 70);
    prose(rng, words)
}

pub const CVSS: &[&str] = &[
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N",
];

pub const CWES: &[&str] = &[
    "CWE-22", "CWE-79", "CWE-89", "CWE-120", "CWE-416", "CWE-444", "CWE-1333",
];

pub const PRODUCTS: &[&str] = &[
    "Harbor HTTP server",
    "Harbor runtime",
    "Harbor CLI",
    "Harbor SDK",
];

pub const LINES: &[&str] = &["18.x", "20.x", "22.x", "24.x"];
