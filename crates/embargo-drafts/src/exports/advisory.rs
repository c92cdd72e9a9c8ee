//! The Markdown advisory for the team's blog: summary, affected and fixed
//! versions from the release-line matrix, CVSS, CWE, credit, timeline, references.

use serde::Serialize;

use super::timeline::milestones;
use super::{ExportInput, ExportKind, Facts, cve_org_url, refuse_unless_ready};
use crate::{DraftError, cwe, format, render, versions};

const TEMPLATE: &str = include_str!("../../templates/advisory.md");

#[derive(Debug, Serialize)]
struct AdvisoryFields {
    product: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cve: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cve_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cwe: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cwe_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<Score>,
    cvss: Vec<Score>,
    lines: Vec<Line>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    timeline: Vec<Milestone>,
    references: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Score {
    version: &'static str,
    score: String,
    severity: String,
    vector: String,
}

#[derive(Debug, Serialize)]
struct Line {
    line: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_version: Option<String>,
}

#[derive(Debug, Serialize)]
struct Milestone {
    date: String,
    what: &'static str,
}

/// The advisory as Markdown: refused with what is missing unless the case is ready.
pub fn advisory_markdown(input: &ExportInput<'_>) -> Result<String, DraftError> {
    refuse_unless_ready(ExportKind::Advisory, input)?;
    let case = input.case;
    let facts = Facts::read(input);
    let scores: Vec<Score> = case
        .cvss
        .iter()
        .map(|s| Score {
            version: s.version.as_str(),
            score: format!("{:.1}", s.base_score),
            severity: s.severity.clone(),
            vector: s.vector.clone(),
        })
        .collect();
    let mut references = Vec::new();
    references.extend(facts.advisory_url.clone());
    references.extend(case.cve_id.as_deref().map(cve_org_url));
    let fields = AdvisoryFields {
        product: facts.product.clone(),
        title: case.title.clone(),
        cve_url: case.cve_id.as_deref().map(cve_org_url),
        cve: case.cve_id.clone(),
        cwe_name: case.cwe.as_deref().and_then(cwe::name),
        cwe: case.cwe.clone(),
        published: case.embargo_at.map(format::date),
        description: facts.description.clone(),
        // The newest CVSS version leads the summary table.
        score: scores.last().cloned(),
        cvss: scores,
        lines: case
            .release_lines
            .iter()
            .map(|l| Line {
                line: l.line.clone(),
                status: versions::affected_text(l.affected),
                fixed_version: l.fixed_version.clone(),
            })
            .collect(),
        credit: case.reporter.credit.clone(),
        timeline: milestones(input)
            .into_iter()
            .map(|m| Milestone {
                date: format::iso_date(m.at),
                what: m.what,
            })
            .collect(),
        references,
    };
    let markdown = render::render_source("advisory", TEMPLATE, &fields)?;
    Ok(format!("{}\n", markdown.trim_end()))
}
