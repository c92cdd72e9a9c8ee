//! How long ranking takes against a vault of 10,000 cases (target: ≤ 20 ms median
//! for one new report; docs/BENCHMARKS.md). The cases are the evaluation set's
//! reports, each mixed with a passage of another and given names of its own, so the
//! vocabulary grows with the vault as a real one does.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use embargo_triage::{ReportText, SimilarityIndex, Terms};
use serde::Deserialize;

#[derive(Deserialize)]
struct Report {
    title: String,
    body: String,
}

fn reports() -> Vec<Report> {
    serde_json::from_str(include_str!("../eval/reports.json")).unwrap()
}

fn case_terms(reports: &[Report], i: usize) -> Terms {
    let base = &reports[i % reports.len()];
    let other = &reports[(i * 7 + 3) % reports.len()];
    let passage: String = other.body.chars().take(300).collect();
    let own = format!(
        "handle_item_{i} in src/items/item_{i}.js via /api/v{}/items{i}/export",
        i % 5
    );
    let body = format!("{}\n\n{passage}\n\n{own}", base.body);
    ReportText {
        title: &base.title,
        messages: vec![&body],
        ..ReportText::default()
    }
    .terms()
}

fn index_of(cases: usize) -> SimilarityIndex<usize> {
    let reports = reports();
    let mut index = SimilarityIndex::new();
    for i in 0..cases {
        index.insert(i, &case_terms(&reports, i));
    }
    index
}

fn rank(c: &mut Criterion) {
    let reports = reports();
    let index = index_of(10_000);
    let new_report = &reports[reports.len() / 2];
    let mut group = c.benchmark_group("triage");
    group.bench_function("rank a new report against 10,000 cases", |b| {
        b.iter(|| {
            let terms = ReportText {
                title: &new_report.title,
                messages: vec![&new_report.body],
                ..ReportText::default()
            }
            .terms();
            black_box(index.rank(&terms, None, 10))
        })
    });
    group.sample_size(10);
    group.bench_function("index 10,000 cases", |b| {
        b.iter(|| black_box(index_of(10_000)))
    });
    group.finish();
}

criterion_group!(benches, rank);
criterion_main!(benches);
