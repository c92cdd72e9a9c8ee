//! The reporter's history: every case from the same address, and those from the
//! same name or the same (non-webmail) domain, marked as such, with how each ended
//! and whether credit was given (`embargo reporter ADDRESS`, the case view).

use chrono::{DateTime, Utc};
use embargo_domain::{Case, Change, Status};
use serde::Serialize;

use crate::{ApiError, Input, Session};

/// How a case ended, as a reporter's record counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Still being triaged.
    Open,
    /// A vulnerability (confirmed, fixed or on its way).
    Valid,
    /// Not a vulnerability.
    NotAVulnerability,
    /// Already reported.
    Duplicate,
    /// Someone else's code.
    ThirdParty,
}

/// Why a case counts as the same reporter's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SameReporter {
    /// The same e-mail address.
    Address,
    /// The same name, from another address.
    Name,
    /// Another address at the same domain.
    Domain,
}

/// One case of a reporter's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryEntry {
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: Status,
    /// How it ended (or that it is open).
    pub outcome: Outcome,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// The credit line given, if any.
    pub credit: Option<String>,
    /// Why it is listed.
    pub matched_by: SameReporter,
    /// The address it came from.
    pub email: Option<String>,
}

/// Everything one reporter sent, newest first, with the counts a handler weighs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReporterHistory {
    /// The address asked about.
    pub address: String,
    /// The cases, newest first.
    pub cases: Vec<HistoryEntry>,
    /// Cases from this very address that were vulnerabilities.
    pub valid: u32,
    /// … not a vulnerability.
    pub not_a_vulnerability: u32,
    /// … duplicates.
    pub duplicate: u32,
    /// … third-party.
    pub third_party: u32,
    /// … still open.
    pub open: u32,
    /// … with credit given.
    pub credited: u32,
}

/// Webmail domains say nothing about who is behind an address.
const SHARED_MAIL_DOMAINS: &[&str] = &[
    "163.com",
    "aol.com",
    "fastmail.com",
    "gmail.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hey.com",
    "hotmail.com",
    "icloud.com",
    "live.com",
    "mail.ru",
    "me.com",
    "outlook.com",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "tutanota.com",
    "web.de",
    "yahoo.com",
    "yandex.ru",
    "zoho.com",
];

fn domain_of(address: &str) -> Option<String> {
    let domain = address.rsplit_once('@')?.1.trim().to_lowercase();
    (!domain.is_empty() && SHARED_MAIL_DOMAINS.binary_search(&domain.as_str()).is_err())
        .then_some(domain)
}

fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !a.trim().is_empty() && norm(a) == norm(b)
}

impl Session {
    /// Every case from `address`, and from the same name or domain.
    pub fn reporter_history(&self, address: &str) -> Result<ReporterHistory, ApiError> {
        let address = address.trim();
        if !address.contains('@') {
            return Err(ApiError::invalid(
                Input::Email,
                format!("{address:?} is not an e-mail address (e.g. mei@northwind.example)"),
            ));
        }
        self.history(address, None, None)
    }

    /// The history of the reporter of case `id`, without that case.
    pub fn case_reporter_history(&self, id: &str) -> Result<Option<ReporterHistory>, ApiError> {
        let case = self.case(self.resolve(id)?)?;
        match case.reporter.email.as_deref() {
            Some(address) => Ok(Some(self.history(
                address,
                case.reporter.name.as_deref(),
                Some(&case),
            )?)),
            None => Ok(None),
        }
    }

    fn history(
        &self,
        address: &str,
        name: Option<&str>,
        leave_out: Option<&Case>,
    ) -> Result<ReporterHistory, ApiError> {
        let cases = self.vault().cases()?;
        let same_address = |case: &Case| {
            case.reporter
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(address))
        };
        let mut names: Vec<String> = cases
            .iter()
            .filter(|c| same_address(c))
            .filter_map(|c| c.reporter.name.clone())
            .collect();
        names.extend(name.map(str::to_owned));
        let domain = domain_of(address);
        let mut entries = Vec::new();
        for case in &cases {
            if leave_out.is_some_and(|left| left.id == case.id) {
                continue;
            }
            let matched_by = if same_address(case) {
                SameReporter::Address
            } else if case
                .reporter
                .name
                .as_deref()
                .is_some_and(|n| names.iter().any(|known| same_name(known, n)))
            {
                SameReporter::Name
            } else if domain.is_some()
                && case.reporter.email.as_deref().and_then(domain_of) == domain
            {
                SameReporter::Domain
            } else {
                continue;
            };
            entries.push(HistoryEntry {
                case_id: case.human_id.to_string(),
                title: case.title.clone(),
                status: case.status,
                outcome: self.outcome(case)?,
                received_at: case.received_at,
                credit: case.reporter.credit.clone(),
                matched_by,
                email: case.reporter.email.clone(),
            });
        }
        entries.sort_by(|a, b| {
            b.received_at
                .cmp(&a.received_at)
                .then(a.case_id.cmp(&b.case_id))
        });
        let mut history = ReporterHistory {
            address: address.to_owned(),
            cases: Vec::new(),
            valid: 0,
            not_a_vulnerability: 0,
            duplicate: 0,
            third_party: 0,
            open: 0,
            credited: 0,
        };
        for entry in entries
            .iter()
            .filter(|e| e.matched_by == SameReporter::Address)
        {
            *match entry.outcome {
                Outcome::Open => &mut history.open,
                Outcome::Valid => &mut history.valid,
                Outcome::NotAVulnerability => &mut history.not_a_vulnerability,
                Outcome::Duplicate => &mut history.duplicate,
                Outcome::ThirdParty => &mut history.third_party,
            } += 1;
            history.credited += u32::from(entry.credit.is_some());
        }
        history.cases = entries;
        Ok(history)
    }

    /// How a case ended; a closed case ended the way it was before closing.
    fn outcome(&self, case: &Case) -> Result<Outcome, ApiError> {
        let mut status = case.status;
        if status == Status::Closed {
            status = self
                .vault()
                .events(case.id)?
                .iter()
                .rev()
                .find_map(|event| match event.change {
                    Change::StatusMoved {
                        from,
                        to: Status::Closed,
                    } => Some(from),
                    _ => None,
                })
                .unwrap_or(Status::Published);
        }
        Ok(match status {
            Status::Received | Status::Acknowledged | Status::Triaging => Outcome::Open,
            Status::NotAVulnerability => Outcome::NotAVulnerability,
            Status::Duplicate => Outcome::Duplicate,
            Status::ThirdParty => Outcome::ThirdParty,
            _ => Outcome::Valid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_mail_domains_are_sorted_for_binary_search() {
        let mut sorted = SHARED_MAIL_DOMAINS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, SHARED_MAIL_DOMAINS);
    }

    #[test]
    fn webmail_domains_do_not_tie_reporters_together() {
        assert_eq!(domain_of("a@Gmail.com"), None);
        assert_eq!(
            domain_of("a@northwind.example"),
            Some("northwind.example".into())
        );
        assert!(same_name("Mei  Lin", "mei lin"));
        assert!(!same_name("", ""));
    }
}
