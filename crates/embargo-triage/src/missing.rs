//! What a report states and what it leaves out: an affected version, steps to
//! reproduce, a proof of concept, an impact. Cues a handler would look for,
//! checked locally; a report that names none of them is the one to ask.

use serde::Serialize;

use crate::entities::classify;
use crate::{TermKind, words};

/// Something a report should state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReportPart {
    /// Which version (or commit) was tested.
    Version,
    /// How to make it happen.
    Reproduction,
    /// A request, script or payload that shows it.
    ProofOfConcept,
    /// What an attacker gains.
    Impact,
}

impl ReportPart {
    /// Every part, in the order a request lists them.
    pub const ALL: [ReportPart; 4] = [
        ReportPart::Version,
        ReportPart::Reproduction,
        ReportPart::ProofOfConcept,
        ReportPart::Impact,
    ];

    /// What to ask the reporter for, as a list item.
    pub fn request(self) -> &'static str {
        match self {
            ReportPart::Version => {
                "the exact version (or commit) you tested, and the operating system and configuration"
            }
            ReportPart::Reproduction => "the steps to reproduce the issue, one by one",
            ReportPart::ProofOfConcept => {
                "a proof of concept: the request, script or input that shows the issue"
            }
            ReportPart::Impact => {
                "the impact: what an attacker can read, change or stop, and from where"
            }
        }
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            ReportPart::Version => "affected version",
            ReportPart::Reproduction => "steps to reproduce",
            ReportPart::ProofOfConcept => "proof of concept",
            ReportPart::Impact => "impact",
        }
    }
}

const VERSION_CUES: &[&str] = &[
    "latest release",
    "latest version",
    "main branch",
    "master branch",
    "current release",
    "version ",
    "commit ",
    "release ",
];

const REPRODUCTION_CUES: &[&str] = &[
    "steps to reproduce",
    "to reproduce",
    "reproduction",
    "repro steps",
    "reproduce:",
    "step 1",
    "steps:",
    "run the following",
    "send the following",
    "then send",
    "then open",
    "start the server",
    "$ ",
    "curl ",
];

const PROOF_CUES: &[&str] = &[
    "proof of concept",
    "proof-of-concept",
    "poc",
    "curl ",
    "get /",
    "post /",
    "put /",
    "http/1.1",
    "import ",
    "#!/",
    "exploit.",
    "payload",
    "```",
];

const IMPACT_CUES: &[&str] = &[
    "impact",
    "attacker can",
    "attacker could",
    "attacker may",
    "attackers can",
    "attackers could",
    "allows an attacker",
    "allows a remote",
    "allow an attacker",
    "allows remote",
    "allows unauthenticated",
    "leads to",
    "lead to",
    "results in",
    "resulting in",
    "could be used to",
    "can be used to",
    "denial of service",
    "remote code execution",
    "account takeover",
    "information disclosure",
    "leak",
    "bypass",
    "exfiltrat",
    "crash the",
    "takeover",
];

/// Whether each part is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportParts {
    /// An affected version or commit.
    pub version: bool,
    /// Steps to reproduce.
    pub reproduction: bool,
    /// A proof of concept (or an attached file).
    pub proof_of_concept: bool,
    /// An impact.
    pub impact: bool,
}

impl ReportParts {
    /// Read the reporter's messages (and whether files came with them).
    pub fn detect<'a>(messages: impl IntoIterator<Item = &'a str>, has_attachment: bool) -> Self {
        let mut found = ReportParts {
            version: false,
            reproduction: false,
            proof_of_concept: has_attachment,
            impact: false,
        };
        for message in messages {
            let folded = words::fold(message);
            let has = |cues: &[&str]| cues.iter().any(|cue| folded.contains(cue));
            let named = |kinds: &[TermKind]| {
                message
                    .split_whitespace()
                    .flat_map(classify)
                    .any(|(kind, _, _)| kinds.contains(&kind))
            };
            found.version |= named(&[TermKind::Version])
                || (has(VERSION_CUES) && folded.chars().any(|c| c.is_ascii_digit()));
            found.reproduction |= has(REPRODUCTION_CUES) || numbered_steps(&folded) >= 2;
            found.proof_of_concept |= has(PROOF_CUES) || named(&[TermKind::Payload]);
            found.impact |= has(IMPACT_CUES);
        }
        found
    }

    /// The parts not stated, in request order.
    pub fn missing(&self) -> Vec<ReportPart> {
        ReportPart::ALL
            .into_iter()
            .filter(|part| !self.has(*part))
            .collect()
    }

    /// Whether `part` is stated.
    pub fn has(&self, part: ReportPart) -> bool {
        match part {
            ReportPart::Version => self.version,
            ReportPart::Reproduction => self.reproduction,
            ReportPart::ProofOfConcept => self.proof_of_concept,
            ReportPart::Impact => self.impact,
        }
    }
}

/// Lines that start like a numbered step: `1.`, `2)`, `3 -`.
fn numbered_steps(text: &str) -> usize {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&digits) && line[digits..].starts_with(['.', ')', ':', '-'])
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_report_misses_nothing() {
        let parts = ReportParts::detect(
            [
                "Tested on harbor-http 22.4.0.\n\n1. Start the server with defaults\n\
                 2. Run: curl --path-as-is http://localhost:8080/static/..%2f..%2fetc/passwd\n\n\
                 An unauthenticated attacker can read any file the server can read.",
            ],
            false,
        );
        assert!(parts.missing().is_empty(), "{parts:?}");
    }

    #[test]
    fn a_vague_report_misses_everything() {
        let parts = ReportParts::detect(
            ["Hi, I found a critical security vulnerability in your website. Please reward me."],
            false,
        );
        assert_eq!(parts.missing(), ReportPart::ALL.to_vec());
    }

    #[test]
    fn an_answer_fills_what_was_missing_and_an_attachment_is_a_proof() {
        let parts = ReportParts::detect(
            [
                "The upload handler accepts any file.",
                "Sorry: version 3.1.2, and it allows an attacker to run code.",
            ],
            true,
        );
        assert_eq!(parts.missing(), vec![ReportPart::Reproduction]);
    }
}
