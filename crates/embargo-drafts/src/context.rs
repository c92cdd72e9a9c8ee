//! What a template sees: the case's fields under stable names. A field the case
//! does not have is left out (not set to an empty value), so that a strict
//! template using it fails and says which field it was.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use embargo_domain::{Case, CvssScore, CvssVersion, Direction, ExportSettings, Message, Status};
use serde::Serialize;

use crate::{cwe, format, versions};

/// Who sends the message: the vault's owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: String,
}

/// The variables a template is rendered with (documented in docs/ARCHITECTURE.md).
#[derive(Debug, Clone, Serialize)]
pub struct TemplateContext {
    case: CaseFields,
    reporter: ReporterFields,
    report: ReportFields,
    reply_subject: String,
    sender: Person,
    team: TeamFields,
    deadlines: BTreeMap<String, String>,
    today: String,
    original: OriginalFields,
    missing: Vec<String>,
}

/// What a duplicate's reply may say about the original case: only what is public.
/// A CVE id and fixed versions become public when the fix is announced; before
/// that, nothing of the original (not even that it has a CVE) is shown.
#[derive(Debug, Clone, Default, Serialize)]
struct OriginalFields {
    public: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    cve: Option<String>,
    fixed_versions: Vec<String>,
}

impl OriginalFields {
    fn public_facts(original: &Case) -> Self {
        let public = matches!(
            original.status,
            Status::Announced | Status::Published | Status::Closed
        ) && original.cve_id.is_some();
        if !public {
            return Self::default();
        }
        Self {
            public,
            cve: original.cve_id.clone(),
            fixed_versions: original
                .release_lines
                .iter()
                .filter(|line| line.fix_state == embargo_domain::FixState::Released)
                .filter_map(|line| line.fixed_version.clone())
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
struct CaseFields {
    id: String,
    title: String,
    status: String,
    status_text: &'static str,
    received: String,
    received_date: String,
    channel: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    handler: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cve: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cwe: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cwe_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    embargo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    embargo_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    embargo_iso: Option<String>,
    cvss: Vec<ScoreFields>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<ScoreFields>,
    lines: Vec<LineFields>,
    affected_lines: Vec<LineFields>,
    fixed_versions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ScoreFields {
    version: String,
    vector: String,
    score: String,
    severity: String,
}

#[derive(Debug, Clone, Serialize)]
struct LineFields {
    line: String,
    status: String,
    fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_version: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ReporterFields {
    greeting: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ReportFields {
    subject: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct TeamFields {
    signoff: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    advisory_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mailing_list: Option<String>,
}

/// The report: the case's first incoming message, when there is one.
pub(crate) fn report_message(case: &Case) -> Option<&Message> {
    case.messages
        .iter()
        .find(|m| m.direction == Direction::Incoming)
}

/// `Re: <subject>` without stacking `Re:` on a subject that has one.
pub(crate) fn reply_subject(subject: &str) -> String {
    let subject = subject.trim();
    let already = subject
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("re:"));
    if already {
        subject.to_owned()
    } else {
        format!("Re: {subject}")
    }
}

/// The product the exports name: the case's own, else the team's.
pub(crate) fn product(case: &Case, settings: &ExportSettings) -> Option<String> {
    case.product.clone().or_else(|| settings.product.clone())
}

/// Where a case stands, as a sentence fragment for the reporter.
fn status_text(status: Status) -> &'static str {
    match status {
        Status::Received | Status::Acknowledged => "report received, assessment not started yet",
        Status::Triaging => "we are assessing the report",
        Status::Confirmed => "vulnerability confirmed; fixes are next",
        Status::NotAVulnerability => "closed: not a vulnerability",
        Status::Duplicate => "closed: already reported",
        Status::ThirdParty => "redirected to the third-party maintainers",
        Status::Fixing => "fixes are being prepared",
        Status::FixReady => "fixes are ready and held privately",
        Status::CveRequested => "fixes are ready; a CVE identifier is requested",
        Status::Scheduled => "fixes are ready and the disclosure date is set",
        Status::Announced => "fixes announced on the security mailing list",
        Status::Published => "fixes released and the advisory published",
        Status::Closed => "closed",
    }
}

fn score_fields(score: &CvssScore) -> ScoreFields {
    ScoreFields {
        version: score.version.as_str().to_owned(),
        vector: score.vector.clone(),
        score: format!("{:.1}", score.base_score),
        severity: score.severity.clone(),
    }
}

impl TemplateContext {
    /// The context for `case`, sent by `sender`, rendered at `now`.
    pub fn new(
        case: &Case,
        settings: &ExportSettings,
        sender: &Person,
        now: DateTime<Utc>,
    ) -> Self {
        let lines: Vec<LineFields> = case
            .release_lines
            .iter()
            .map(|line| LineFields {
                line: line.line.clone(),
                status: versions::affected_text(line.affected).to_owned(),
                fix: versions::fix_state_text(line),
                fixed_version: line.fixed_version.clone(),
            })
            .collect();
        let affected_lines = case
            .release_lines
            .iter()
            .zip(&lines)
            .filter(|(line, _)| line.affected == embargo_domain::Affected::Affected)
            .map(|(_, fields)| fields.clone())
            .collect();
        let preferred = case
            .cvss
            .iter()
            .find(|s| s.version == CvssVersion::V4_0)
            .or_else(|| case.cvss.first());
        let report = report_message(case);
        let report_subject = report
            .map(|m| m.subject.clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| case.title.clone());
        let signoff = match &settings.org {
            Some(org) => format!("{org} Security Team"),
            None => "Security Team".to_owned(),
        };
        Self {
            case: CaseFields {
                id: case.human_id.to_string(),
                title: case.title.clone(),
                status: case.status.as_str().to_owned(),
                status_text: status_text(case.status),
                received: format::instant(case.received_at),
                received_date: format::date(case.received_at),
                channel: case.channel.clone(),
                handler: case.handler.clone(),
                product: product(case, settings),
                cve: case.cve_id.clone(),
                cwe: case.cwe.clone(),
                cwe_name: case.cwe.as_deref().and_then(cwe::name).map(str::to_owned),
                embargo: case.embargo_at.map(format::long_instant),
                embargo_date: case.embargo_at.map(format::date),
                embargo_iso: case.embargo_at.map(format::timestamp),
                cvss: case.cvss.iter().map(score_fields).collect(),
                score: preferred.map(score_fields),
                affected_lines,
                fixed_versions: case
                    .release_lines
                    .iter()
                    .filter_map(|l| l.fixed_version.clone())
                    .collect(),
                lines,
            },
            reporter: ReporterFields {
                greeting: case
                    .reporter
                    .name
                    .clone()
                    .unwrap_or_else(|| "there".to_owned()),
                name: case.reporter.name.clone(),
                email: case.reporter.email.clone(),
                credit: case.reporter.credit.clone(),
            },
            reply_subject: reply_subject(&report_subject),
            report: ReportFields {
                subject: report_subject,
                date: format::instant(report.map_or(case.received_at, |m| m.date)),
                message_id: report.and_then(|m| m.message_id.clone()),
            },
            sender: sender.clone(),
            team: TeamFields {
                signoff,
                org: settings.org.clone(),
                vendor: settings.vendor.clone(),
                advisory_url: settings
                    .advisory_url_for(case.cve_id.as_deref(), &case.human_id.to_string()),
                mailing_list: settings.mailing_list.clone(),
            },
            deadlines: BTreeMap::new(),
            today: format::date(now),
            original: OriginalFields::default(),
            missing: Vec::new(),
        }
    }

    /// The reply is about a duplicate of `original`: `original.cve` and
    /// `original.fixed_versions` carry its public facts, and nothing else of it.
    pub fn with_original(mut self, original: &Case) -> Self {
        self.original = OriginalFields::public_facts(original);
        self
    }

    /// What the report lacks, one request per item, as `missing`.
    pub fn with_missing(mut self, missing: Vec<String>) -> Self {
        self.missing = missing;
        self
    }

    /// Add the case's policy deadlines (rule id → instant), shown as
    /// `deadlines.<rule>`; the deadline engine supplies them when it knows them.
    pub fn with_deadlines(mut self, deadlines: &BTreeMap<String, DateTime<Utc>>) -> Self {
        self.deadlines = deadlines
            .iter()
            .map(|(rule, at)| (rule.clone(), format::long_instant(*at)))
            .collect();
        self
    }
}
