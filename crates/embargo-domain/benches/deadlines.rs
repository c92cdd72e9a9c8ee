//! SPEC §4: "recompute every deadline of 10,000 open cases ≤ 20 ms".
//!
//! 10,000 open cases at every stage of the policy, each with its real event
//! history (opened, replies logged, status moves, CVE and embargo set, some
//! waiting on the reporter); every rule of the profile is evaluated for each case,
//! including reading the facts from the events. Run with
//! `cargo bench -p embargo-domain --bench deadlines`.

use std::hint::black_box;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use embargo_domain::deadlines::{CaseFacts, DeadlineEngine};
use embargo_domain::policy::PolicyProfile;
use embargo_domain::{
    AuthorId, Case, CaseField, CaseId, Change, DeviceId, Event, EventContext, HlcTimestamp,
    HumanId, Reporter, Status,
};

const CASES: usize = 10_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// One open case `n`, received up to 30 days ago and moved along the policy.
fn history(n: usize, context: &EventContext) -> Vec<Event> {
    let received = now() - Duration::minutes((n as i64 * 257) % (30 * 24 * 60));
    let mut events = Vec::new();
    let mut at = received;
    let push = |events: &mut Vec<Event>, at: DateTime<Utc>, change: Change| {
        let stamp = HlcTimestamp {
            wall_ms: at.timestamp_millis(),
            counter: events.len() as u32,
        };
        events.push(context.event(CaseId(uuid_of(n)), stamp, change));
    };
    push(
        &mut events,
        at,
        Change::CaseOpened {
            human_id: HumanId {
                year: 2026,
                number: n as u32 + 1,
            },
            title: format!("Case {n}"),
            reporter: Reporter::default(),
            received_at: received,
            channel: "e-mail".into(),
        },
    );
    let path = [
        Status::Acknowledged,
        Status::Triaging,
        Status::Confirmed,
        Status::Fixing,
        Status::FixReady,
        Status::CveRequested,
        Status::Scheduled,
        Status::Announced,
    ];
    let stage = n % (path.len() + 1);
    let mut from = Status::Received;
    for (step, to) in path.iter().take(stage).enumerate() {
        at += Duration::hours(3);
        if step == 0 {
            push(&mut events, at, met("ack", at));
        }
        if step == 2 {
            push(&mut events, at, met("response", at));
        }
        if *to == Status::CveRequested {
            let cve = format!("CVE-2026-{:05}", n);
            push(&mut events, at, field(CaseField::CveId(Some(cve))));
            let embargo = at + Duration::hours(72);
            push(&mut events, at, field(CaseField::EmbargoAt(Some(embargo))));
        }
        push(&mut events, at, Change::StatusMoved { from, to: *to });
        from = *to;
    }
    if n.is_multiple_of(7) {
        push(&mut events, at, Change::ReporterWait { waiting: true });
    }
    if n.is_multiple_of(14) {
        at += Duration::hours(5);
        push(&mut events, at, Change::ReporterWait { waiting: false });
    }
    if n.is_multiple_of(3) {
        at += Duration::hours(30);
        push(&mut events, at, met("update", at));
    }
    events
}

fn met(rule: &str, at: DateTime<Utc>) -> Change {
    Change::DeadlineMet {
        rule: rule.into(),
        at,
    }
}

fn field(field: CaseField) -> Change {
    Change::FieldSet { field }
}

fn uuid_of(n: usize) -> uuid::Uuid {
    uuid::Uuid::from_u128(n as u128 + 1)
}

fn corpus() -> Vec<(Case, Vec<Event>)> {
    let context = EventContext {
        author: AuthorId("bench".into()),
        device: DeviceId::random(),
    };
    (0..CASES)
        .map(|n| {
            let events = history(n, &context);
            let case = Case::fold(&events).unwrap_or_else(|| panic!("case {n} opens"));
            (case, events)
        })
        .collect()
}

fn every_deadline(corpus: &[(Case, Vec<Event>)], engine: &DeadlineEngine<'_>) -> usize {
    let now = now();
    corpus
        .iter()
        .map(|(case, events)| {
            let facts = CaseFacts::new(case, events);
            engine
                .evaluate(&facts, now)
                .iter()
                .filter(|s| s.state.is_open())
                .count()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let seed = PolicyProfile::seed();
    let mut business = PolicyProfile::copy_of_seed("business", "Business days");
    for rule in ["ack", "response", "update"] {
        business
            .edit(&format!("{rule}.business-days"), "on")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    business
        .edit("zone", "Europe/Berlin")
        .unwrap_or_else(|e| panic!("{e}"));
    business
        .edit("holidays", "2026-11-11,2026-12-24,2026-12-25")
        .unwrap_or_else(|e| panic!("{e}"));
    for (name, profile) in [("seed", &seed), ("business_days", &business)] {
        let engine = DeadlineEngine::new(profile).unwrap_or_else(|e| panic!("{e}"));
        c.bench_function(&format!("every deadline of 10k open cases ({name})"), |b| {
            b.iter(|| black_box(every_deadline(black_box(&corpus), &engine)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
