//! SPEC §4 vault targets on a generated 10,000-case vault:
//!
//! * `open_and_list_10k` — "open an unlocked 10,000-case vault and list it" (≤ 50 ms);
//! * `search_10k` — "full-text search over 10,000 cases" (≤ 5 ms median);
//! * `write_path_10k` — per-write lookups that grow with the vault (not a §4 target;
//!   measured because they decide how fast the case list can grow).
//!
//! Run: `cargo bench -p embargo-api --bench vault` (see docs/BENCHMARKS.md).
//! The vault is generated once per run, before anything is measured.

// A benchmark reports what it generated on stderr; criterion prints the rest.
#![allow(clippy::print_stderr)]

mod support;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use embargo_api::domain::FixedClock;
use embargo_api::{CaseFilter, DueQuery, NewCase, SavedView, Session};
use secrecy::SecretString;

const CASES: usize = 10_000;
const PASSPHRASE: &str = "benchmark passphrase, not a secret";

/// The queries of `search_10k`: (label, what a handler types).
const QUERIES: &[(&str, &str)] = &[
    ("common_word", "server"),
    ("rare_word", "kerberos"),
    ("two_words", "heap overflow"),
    ("accented", "sécurité"),
    ("reporter_name", "Okonkwo"),
];
/// Reported separately, not part of the median set: a stop word matches every case.
const WORST_CASE: (&str, &str) = ("stop_word_worst_case", "the");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0)
        .single()
        .expect("a valid instant")
}

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

fn open(dir: &Path) -> Session {
    Session::open(dir, &passphrase(), Arc::new(FixedClock::new(now())))
        .expect("open the benchmark vault")
}

fn vault_benches(c: &mut Criterion) {
    let big = tempfile::tempdir().expect("a temp dir for the 10k vault");
    let mut queries: Vec<&str> = QUERIES.iter().map(|(_, q)| *q).collect();
    queries.push(WORST_CASE.1);
    let built = support::generate::build(big.path(), &passphrase(), now(), CASES, &queries);
    eprintln!(
        "generated {} cases / {} events in {:.1} s; vault files {:.1} MB\nstatuses: {:?}",
        built.cases,
        built.events,
        built.seconds,
        built.db_bytes as f64 / 1e6,
        built.statuses
    );
    for (query, found) in queries.iter().zip(&built.matches) {
        eprintln!("query {query:?} matches about {found} cases");
    }

    // The same key file and scrypt cost, but one case: what opening costs without the data.
    let small = tempfile::tempdir().expect("a temp dir for the 1-case vault");
    {
        let clock = Arc::new(FixedClock::new(now()));
        let mut session = Session::create(small.path(), "B", "b@example.org", &passphrase(), clock)
            .expect("create the 1-case vault");
        session
            .new_case(NewCase {
                title: "only case".into(),
                ..NewCase::default()
            })
            .expect("add one case");
    }

    open_and_list(c, big.path(), small.path());
    deadlines_on_the_list(c, big.path());
    search(c, big.path());
    write_path(c, big.path());
}

fn open_and_list(c: &mut Criterion, big: &Path, small: &Path) {
    let mut group = c.benchmark_group("open_and_list_10k");
    {
        let session = open(big);
        group.bench_function("list_on_open_vault", |b| {
            b.iter(|| {
                let rows = session.list(None).expect("list");
                assert_eq!(rows.len(), CASES);
                black_box(rows)
            });
        });
        group.bench_function("list_status_fixing", |b| {
            b.iter(|| {
                black_box(
                    session
                        .list(Some(embargo_api::domain::Status::Fixing))
                        .expect("list fixing"),
                )
            });
        });
    }
    // Session::open runs scrypt (log N = 18) on purpose: each iteration is ~0.5 s.
    // The 1-case vault has the same key file, so the difference is what the data costs.
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for (name, dir) in [
        ("session_open_only_10k", big),
        ("session_open_only_1_case", small),
    ] {
        group.bench_function(name, |b| b.iter(|| black_box(open(dir))));
    }
    group.bench_function("session_open_then_list_10k", |b| {
        b.iter(|| {
            let session = open(big);
            black_box(session.list(None).expect("list").len())
        });
    });
    group.finish();
    paired_open_cost(big, small);
}

/// "Open an unlocked vault" has no API of its own: `Session::open` always runs
/// scrypt, whose cost swamps the rest on a busy machine. So open the 10k vault and
/// the 1-case vault (same key file, same scrypt) in alternation and take the median
/// of the paired differences: what opening costs because of the data.
fn paired_open_cost(big: &Path, small: &Path) {
    const PAIRS: usize = 15;
    let time = |f: &mut dyn FnMut()| {
        let started = Instant::now();
        f();
        started.elapsed().as_secs_f64() * 1e3
    };
    let mut open_diffs = Vec::new();
    let mut with_list = Vec::new();
    for pair in 0..PAIRS {
        let (mut big_ms, mut small_ms, mut list_ms) = (0.0, 0.0, 0.0);
        let mut open_big = || {
            let mut session = None;
            big_ms = time(&mut || session = Some(open(big)));
            let session = session.expect("opened");
            list_ms = time(&mut || assert_eq!(session.list(None).expect("list").len(), CASES));
        };
        let mut open_small = || {
            let mut session = None;
            small_ms = time(&mut || session = Some(open(small)));
        };
        if pair % 2 == 0 {
            open_big();
            open_small();
        } else {
            open_small();
            open_big();
        }
        open_diffs.push(big_ms - small_ms);
        with_list.push(big_ms - small_ms + list_ms);
    }
    eprintln!(
        "paired over {PAIRS} runs: open(10k) - open(1 case) median {:.1} ms; plus the first list: {:.1} ms",
        median(&mut open_diffs),
        median(&mut with_list)
    );
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The case list page the desktop app asks for (300 rows) with each row's most urgent
/// deadline, and the notifier's pass over every case's deadlines: on a fresh session
/// (each case's events read once) and on a warm one (cached facts, only the engine).
fn deadlines_on_the_list(c: &mut Criterion, big: &Path) {
    let page = CaseFilter {
        limit: Some(300),
        ..CaseFilter::default()
    };
    // The agenda the app opens on: every open case placed by urgency (deadlines for
    // all of them, not only the page), then the first 300 rows.
    let agenda = CaseFilter {
        limit: Some(300),
        view: Some(SavedView::Open),
        ..CaseFilter::default()
    };
    let mut group = c.benchmark_group("deadlines_10k");
    {
        let session = open(big);
        session.case_page(&page).expect("warm the cache");
        group.bench_function("page_300_with_badges_warm", |b| {
            b.iter(|| black_box(session.case_page(&page).expect("page")));
        });
        session.case_page(&agenda).expect("warm every open case");
        group.bench_function("agenda_300_warm", |b| {
            b.iter(|| black_box(session.case_page(&agenda).expect("agenda")));
        });
        session.due(&DueQuery::default()).expect("warm every case");
        group.bench_function("due_all_cases_warm", |b| {
            b.iter(|| black_box(session.due(&DueQuery::default()).expect("due")));
        });
    }
    // A fresh session per iteration (its scrypt unlock is setup, not measured).
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("page_300_with_badges_cold", |b| {
        b.iter_batched(
            || open(big),
            |session| black_box(session.case_page(&page).expect("page").rows.len()),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("agenda_300_cold", |b| {
        b.iter_batched(
            || open(big),
            |session| black_box(session.case_page(&agenda).expect("agenda").rows.len()),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("due_all_cases_cold", |b| {
        b.iter_batched(
            || open(big),
            |session| black_box(session.due(&DueQuery::default()).expect("due").len()),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn search(c: &mut Criterion, big: &Path) {
    let session = open(big);
    let mut group = c.benchmark_group("search_10k");
    for (label, query) in QUERIES.iter().chain([&WORST_CASE]) {
        group.bench_with_input(BenchmarkId::from_parameter(label), query, |b, query| {
            b.iter(|| black_box(session.search(query).expect("search")));
        });
    }
    group.finish();
}

/// What every write pays before it writes: finding the case or the next number.
fn write_path(c: &mut Criterion, big: &Path) {
    let mut session = open(big);
    let rows = session.list(None).expect("list");
    let middle = &rows[rows.len() / 2];
    let human_id = middle.id.clone();
    let internal_id = middle.case_id.to_string();
    let mut group = c.benchmark_group("write_path_10k");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("resolve_by_human_id", |b| {
        b.iter(|| black_box(session.resolve(&human_id).expect("resolve")));
    });
    group.bench_function("resolve_by_internal_id", |b| {
        b.iter(|| black_box(session.resolve(&internal_id).expect("resolve")));
    });
    group.bench_function("next_case_number", |b| {
        b.iter(|| black_box(session.vault().next_case_number(2026).expect("number")));
    });
    // Each iteration adds a note to the next case in the list (the vault grows a little).
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut next = 0;
    group.bench_function("add_note_by_human_id", |b| {
        b.iter(|| {
            next = (next + 1) % ids.len();
            session
                .add_note(&ids[next], "Checked again on the benchmark box.")
                .expect("add a note");
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = vault_benches
}
criterion_main!(benches);
