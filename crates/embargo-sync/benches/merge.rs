//! SPEC §4 sync target: "merge 100,000 events from 5 devices: ≥ 50,000 events/s, and
//! within 2× of the cost of just decrypting and verifying them".
//!
//! * `merge_5_devices` — a member's fresh vault runs one `sync_once` over a folder of
//!   segments from 5 devices (read, hash, decrypt, verify, place, append to the vault
//!   and fold the projection);
//! * `decrypt_and_verify_only` — the same files read, hashed, decrypted and every
//!   signature checked, nothing stored.
//!
//! Run: `cargo bench -p embargo-sync --bench merge` (see docs/BENCHMARKS.md).
//! `EMBARGO_BENCH_SYNC_EVENTS` changes the event count (default 100,000).

#![allow(clippy::print_stderr, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use embargo_domain::{CaseField, CaseId, Change, HumanId, Reporter};
use embargo_sync::MemberKeys;
use embargo_sync::team::{self, History};
use embargo_sync::v2::segment::HeldKey;
use embargo_vault::Vault;
use secrecy::SecretString;

const PASSPHRASE: &str = "benchmark passphrase, not a secret";
const WRITERS: usize = 5;
const CASES_PER_WRITER: usize = 200;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .unwrap()
}

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE)
}

struct Fixture {
    _root: tempfile::TempDir,
    folder: PathBuf,
    reader_template: PathBuf,
    events: u64,
}

fn fixture(total: usize) -> Fixture {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("team");
    let mut writers: Vec<Vault> = (0..WRITERS)
        .map(|i| {
            Vault::create(
                &root.path().join(format!("w{i}")),
                &format!("W{i}"),
                &format!("w{i}@x.org"),
                &passphrase(),
            )
            .unwrap()
        })
        .collect();
    let reader_template = root.path().join("reader");
    let reader = Vault::create(&reader_template, "Reader", "reader@x.org", &passphrase()).unwrap();
    team::create(&mut writers[0], &folder, "Bench", now()).unwrap();
    let pinned = MemberKeys::of(writers[0].public_identity()).fingerprint();
    let mut others: Vec<&Vault> = writers[1..].iter().collect();
    others.push(&reader);
    let keys: Vec<MemberKeys> = others
        .iter()
        .map(|v| MemberKeys::of(v.public_identity()))
        .collect();
    for k in keys {
        team::add(&mut writers[0], k, false, History::Full, now()).unwrap();
    }
    for w in &mut writers[1..] {
        team::join(w, &folder, &pinned).unwrap();
    }
    let mut reader = reader;
    team::join(&mut reader, &folder, &pinned).unwrap();
    drop(reader);

    let per_writer = total / WRITERS;
    for (i, w) in writers.iter_mut().enumerate() {
        let context = w.event_context();
        let cases: Vec<CaseId> = (0..CASES_PER_WRITER).map(|_| CaseId::random()).collect();
        let mut batch = Vec::new();
        for n in 0..per_writer {
            let case_id = cases[n % CASES_PER_WRITER];
            let change = if n < CASES_PER_WRITER {
                Change::CaseOpened {
                    human_id: HumanId {
                        year: 2026,
                        number: (i * CASES_PER_WRITER + n + 1) as u32,
                    },
                    title: format!("Heap overflow in parser {n}"),
                    reporter: Reporter::default(),
                    received_at: now(),
                    channel: "e-mail".into(),
                }
            } else if n % 3 == 0 {
                Change::NoteAdded {
                    note_id: uuid::Uuid::new_v4(),
                    text: format!("looked at path {n}; reproduced on 1.{}", n % 7),
                }
            } else {
                Change::FieldSet {
                    field: CaseField::Product(Some(format!("libfoo {}", n % 11))),
                }
            };
            let at = w.next_timestamp(now() + chrono::Duration::milliseconds(n as i64));
            batch.push(context.event(case_id, at, change));
            if batch.len() == 5_000 {
                w.append(&batch, &[]).unwrap();
                batch.clear();
            }
        }
        w.append(&batch, &[]).unwrap();
        embargo_sync::sync_once(w, now() + chrono::Duration::days(1)).unwrap();
    }
    Fixture {
        _root: root,
        folder,
        reader_template,
        events: (per_writer * WRITERS) as u64,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn segment_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dev in std::fs::read_dir(folder.join("v2/devices")).unwrap() {
        for f in std::fs::read_dir(dev.unwrap().path()).unwrap() {
            files.push(f.unwrap().path());
        }
    }
    files
}

fn bench(c: &mut Criterion) {
    let total = std::env::var("EMBARGO_BENCH_SYNC_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let f = fixture(total);
    let files = segment_files(&f.folder);
    eprintln!(
        "sync bench: {} events in {} segments from {WRITERS} devices",
        f.events,
        files.len()
    );
    let mut group = c.benchmark_group("sync");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(f.events));

    // The team key generation the segments are encrypted to, as a member holds it.
    let scratch = tempfile::tempdir().unwrap();
    let held = {
        let copy = scratch.path().join("keys-only");
        copy_dir(&f.reader_template, &copy);
        let mut reader = Vault::open(&copy, &passphrase()).unwrap();
        embargo_sync::sync_once(&mut reader, now() + chrono::Duration::days(1)).unwrap();
        embargo_sync::v2::state::State::load(&reader)
            .unwrap()
            .unwrap()
            .identities()
    };
    let keys: Vec<HeldKey<'_>> = held
        .iter()
        .map(|(scope, generation, identity)| HeldKey {
            scope,
            generation: *generation,
            identity,
        })
        .collect();
    group.bench_function("decrypt_and_verify_only", |b| {
        b.iter(|| {
            let mut events = 0;
            for path in &files {
                let bytes = std::fs::read(path).unwrap();
                let _hash = {
                    use sha2::Digest;
                    sha2::Sha256::digest(&bytes)
                };
                events += embargo_sync::v2::segment::open(&bytes, &keys)
                    .unwrap()
                    .events
                    .len();
            }
            assert_eq!(events as u64, f.events);
        });
    });

    let mut run = 0;
    group.bench_function("merge_5_devices", |b| {
        b.iter_batched(
            || {
                run += 1;
                let dir = scratch.path().join(format!("r{run}"));
                copy_dir(&f.reader_template, &dir);
                Vault::open(&dir, &passphrase()).unwrap()
            },
            |mut vault| {
                let report =
                    embargo_sync::sync_once(&mut vault, now() + chrono::Duration::days(1)).unwrap();
                assert_eq!(report.imported_events as u64, f.events);
                vault
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
