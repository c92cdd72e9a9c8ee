//! A long sync says how far it has got: the segments ahead, the events merged, the
//! segments written, each phase counted to its end.
#![allow(clippy::unwrap_used)]

use embargo_domain::Progress;

use crate::common::*;

#[derive(Default)]
struct Recorded(Vec<(&'static str, Option<u64>, u64)>);

impl Progress for Recorded {
    fn phase(&mut self, label: &'static str, total: Option<u64>) {
        self.0.push((label, total, 0));
    }
    fn advance(&mut self, steps: u64) {
        self.0.last_mut().unwrap().2 += steps;
    }
}

#[test]
fn a_first_sync_reports_each_phase_and_counts_it_to_the_end() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Three rounds of work");
    people[0].sync();
    for round in 0..2 {
        people[0].set_product(case_id, &format!("libfoo {round}"));
        let mut ann = Recorded::default();
        embargo_sync::sync_once_watched(&mut people[0].vault, now(), &mut ann).unwrap();
        assert_eq!(ann.0.last(), Some(&("writing segments", Some(1), 1)));
    }

    let mut bob = Recorded::default();
    let report = embargo_sync::sync_once_watched(&mut people[1].vault, now(), &mut bob).unwrap();
    let events = report.imported_events as u64;
    assert_eq!(
        bob.0,
        vec![
            ("reading segments", Some(3), 3),
            ("merging events", Some(events), events),
            ("writing segments", Some(0), 0),
        ]
    );
    assert_eq!(report.imported_segments, 3);
}
