//! Convergence of the merge core, 10,000 random schedules: 3–5 devices make
//! random changes to one case while seeing random subsets of each other's events;
//! every replica then receives all events permuted, duplicated, delayed and in
//! partial batches, and folds them incrementally the way the vault does (apply when
//! everything new sorts after what is folded, else refold). Every replica's state
//! equals every other's and a rebuild from scratch. In-process, no scrypt: the real
//! folder/vault path is covered by `tests/attacks` and the CLI sync tests.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use embargo_domain::{
    Affected, AuthorId, Case, CaseField, CaseId, Change, DeviceId, Event, EventContext, EventId,
    FixState, Hlc, HumanId, ReleaseLine, Reporter, Status,
};
use proptest::prelude::*;
use uuid::Uuid;

/// splitmix64: the schedule is a pure function of the seed proptest draws.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn uuid(&mut self) -> Uuid {
        Uuid::from_u64_pair(self.next(), self.next())
    }
}

struct Device {
    context: EventContext,
    hlc: Hlc,
    known: BTreeMap<EventId, Event>,
}

impl Device {
    fn view(&self) -> Case {
        let mut events: Vec<&Event> = self.known.values().collect();
        events.sort_by_key(|e| e.order_key());
        Case::fold(events).unwrap()
    }
}

const STATUSES: [Status; 4] = [
    Status::Acknowledged,
    Status::Triaging,
    Status::Confirmed,
    Status::Fixing,
];

fn change(rng: &mut Rng, view: &Case, draft: Uuid) -> Change {
    let text = |rng: &mut Rng| format!("v{}", rng.below(1000));
    match rng.below(10) {
        0 => Change::FieldSet {
            field: CaseField::Title(text(rng)),
        },
        1 => Change::FieldSet {
            field: CaseField::Product(Some(text(rng))),
        },
        2 => Change::NoteAdded {
            note_id: rng.uuid(),
            text: text(rng),
        },
        3 => Change::ChecklistItemAdded {
            item_id: rng.uuid(),
            text: text(rng),
        },
        4 if !view.checklist.is_empty() => Change::ChecklistItemDone {
            item_id: view.checklist[rng.below(view.checklist.len())].id,
            done: rng.below(2) == 0,
        },
        5 if !view.checklist.is_empty() => Change::ChecklistItemRemoved {
            item_id: view.checklist[rng.below(view.checklist.len())].id,
        },
        6 => Change::ReleaseLineSet {
            release_line: ReleaseLine {
                line: ["1.x", "2.x", "3.x"][rng.below(3)].into(),
                affected: [Affected::Affected, Affected::NotAffected][rng.below(2)],
                fixed_version: None,
                fix_state: FixState::None,
            },
        },
        7 => Change::ReleaseLineRemoved {
            line: ["1.x", "2.x", "3.x"][rng.below(3)].into(),
        },
        8 => Change::StatusMoved {
            from: view.status,
            to: STATUSES[rng.below(STATUSES.len())],
        },
        _ => Change::DraftEdited {
            draft_id: draft,
            subject: "s".into(),
            body: text(rng),
            base: view.drafts.first().and_then(|d| d.head),
        },
    }
}

/// All events of one random schedule of work.
fn work(seed: u64) -> Vec<Event> {
    let mut rng = Rng(seed);
    let case_id = CaseId(Uuid::from_u128(7));
    let draft = Uuid::from_u128(9);
    let count = 3 + rng.below(3);
    let mut devices: Vec<Device> = (0..count)
        .map(|i| Device {
            context: EventContext {
                author: AuthorId(format!("author-{i}")),
                device: DeviceId(Uuid::from_u128(100 + i as u128)),
            },
            hlc: Hlc::default(),
            known: BTreeMap::new(),
        })
        .collect();
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let mut first = Vec::new();
    for change in [
        Change::CaseOpened {
            human_id: HumanId {
                year: 2026,
                number: 1,
            },
            title: "t".into(),
            reporter: Reporter::default(),
            received_at: start,
            channel: "e-mail".into(),
        },
        Change::DraftCreated {
            draft_id: draft,
            template_id: "acknowledgment".into(),
            audience: embargo_domain::Audience::Reporter,
            meets: None,
            subject: "s".into(),
            body: "b".into(),
        },
    ] {
        let at = devices[0].hlc.tick(start);
        first.push(devices[0].context.event(case_id, at, change));
    }
    for device in &mut devices {
        for e in &first {
            device.known.insert(e.id, e.clone());
            device.hlc.observe(e.at, start);
        }
    }
    let mut all = first;
    for _ in 0..(1 + rng.below(30)) {
        let d = rng.below(count);
        // Sometimes hear from another device first (a partial sync).
        if rng.below(3) == 0 {
            let from = rng.below(count);
            let heard: Vec<Event> = all
                .iter()
                .filter(|e| e.device == devices[from].context.device)
                .cloned()
                .collect();
            let keep = rng.below(heard.len() + 1);
            for e in heard.into_iter().take(keep) {
                devices[d].hlc.observe(e.at, start);
                devices[d].known.insert(e.id, e);
            }
        }
        let view = devices[d].view();
        let change = change(&mut rng, &view, draft);
        // Wall clocks that tie and drift, so counters and device ids decide.
        let wall = start + chrono::Duration::milliseconds(rng.below(5) as i64);
        let at = devices[d].hlc.tick(wall);
        let mut event = devices[d].context.event(case_id, at, change);
        event.id = EventId(rng.uuid());
        devices[d].known.insert(event.id, event.clone());
        all.push(event);
    }
    all
}

/// A replica as the vault keeps it: an idempotent log and a projection updated
/// incrementally, refolded when an event sorts before the last one folded.
#[derive(Default)]
struct Replica {
    log: BTreeMap<EventId, Event>,
    case: Option<Case>,
    last: Option<(embargo_domain::HlcTimestamp, DeviceId, EventId)>,
}

impl Replica {
    fn deliver(&mut self, batch: &[Event]) {
        let new: Vec<Event> = batch
            .iter()
            .filter(|e| self.log.insert(e.id, (*e).clone()).is_none())
            .cloned()
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let mut new: Vec<Event> = new.into_iter().filter(|e| seen.insert(e.id)).collect();
        if new.is_empty() {
            return;
        }
        new.sort_by_key(|e| e.order_key());
        let in_order =
            matches!((&self.case, self.last), (Some(_), Some(last)) if new[0].order_key() > last);
        if in_order {
            let case = self.case.as_mut().unwrap();
            for e in &new {
                case.apply(e);
            }
        } else {
            let mut events: Vec<&Event> = self.log.values().collect();
            events.sort_by_key(|e| e.order_key());
            self.case = Case::fold(events);
        }
        self.last = self.log.values().map(|e| e.order_key()).max();
    }
}

fn rebuild(events: &[Event]) -> Case {
    let mut unique: BTreeMap<EventId, &Event> = BTreeMap::new();
    for e in events {
        unique.insert(e.id, e);
    }
    let mut sorted: Vec<&Event> = unique.into_values().collect();
    sorted.sort_by_key(|e| e.order_key());
    Case::fold(sorted).unwrap()
}

fn state_hash(case: &Case) -> String {
    serde_json::to_string(case).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_replica_converges_to_the_rebuild_whatever_the_delivery(seed in any::<u64>()) {
        let events = work(seed);
        let expected = state_hash(&rebuild(&events));
        let mut rng = Rng(seed ^ 0xD1CE);
        for _ in 0..3 {
            // Permute, duplicate some, and deliver in batches of random size.
            let mut delivery: Vec<Event> = events.clone();
            for _ in 0..rng.below(5) {
                let dup = delivery[rng.below(delivery.len())].clone();
                delivery.push(dup);
            }
            for i in (1..delivery.len()).rev() {
                delivery.swap(i, rng.below(i + 1));
            }
            let mut replica = Replica::default();
            let mut rest: &[Event] = &delivery;
            while !rest.is_empty() {
                let take = 1 + rng.below(rest.len());
                replica.deliver(&rest[..take]);
                rest = &rest[take..];
            }
            let got = replica.case.as_ref().map(state_hash);
            prop_assert_eq!(got.as_deref(), Some(expected.as_str()), "seed {}", seed);
        }
    }
}
