//! Real vaults and a real folder over many random rounds: random edits on random
//! vaults, syncs in random orders, segments that first land half-written and
//! sync-tool duplicates beside them. At the end every vault has the same cases and
//! each passes its own rebuild check.
#![allow(clippy::unwrap_used)]

use embargo_domain::{CaseField, Change};

use crate::common::*;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn three_vaults_converge_over_random_rounds_with_half_written_and_duplicate_files() {
    for seed in [0x5EED_0001_u64, 0xC0FFEE_u64] {
        let folder = tempfile::tempdir().unwrap();
        let mut people = team_of(folder.path(), &["Ann", "Bob", "Cat"]);
        let mut rng = Rng(seed);
        let case_id = people[0].open_case("Random rounds");
        people[0].sync();
        for round in 0..25 {
            let who = rng.below(3);
            let change = match rng.below(4) {
                0 => Change::FieldSet {
                    field: CaseField::Product(Some(format!("p{round}"))),
                },
                1 => Change::FieldSet {
                    field: CaseField::Title(format!("t{round}")),
                },
                2 => Change::ChecklistItemAdded {
                    item_id: uuid::Uuid::new_v4(),
                    text: format!("c{round}"),
                },
                _ => Change::NoteAdded {
                    note_id: uuid::Uuid::new_v4(),
                    text: format!("n{round}"),
                },
            };
            if people[who].vault.case(case_id).unwrap().is_some() {
                people[who].record(case_id, vec![change]);
            }
            if rng.below(2) == 0 {
                people[who].sync();
                // The newest segment sometimes lands half-written first, with a
                // sync-tool duplicate beside it.
                let dir = people[who].device_dir(folder.path());
                if rng.below(2) == 0 && dir.is_dir() {
                    let mut files: Vec<_> = std::fs::read_dir(&dir)
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .collect();
                    files.sort();
                    if let Some(newest) = files
                        .iter()
                        .rev()
                        .find(|p| p.extension().is_some_and(|e| e == "seg"))
                    {
                        let whole = std::fs::read(newest).unwrap();
                        std::fs::write(newest, &whole[..rng.below(whole.len())]).unwrap();
                        let reader = (who + 1 + rng.below(2)) % 3;
                        let before = people[reader].vault.events(case_id).unwrap().len();
                        people[reader].sync();
                        assert!(people[reader].vault.events(case_id).unwrap().len() >= before);
                        std::fs::write(newest, &whole).unwrap();
                        let copy = newest.with_file_name(format!(
                            "{}.sync-conflict-20261124-000000-ABC.seg",
                            newest.file_stem().unwrap().to_string_lossy()
                        ));
                        std::fs::write(copy, &whole).unwrap();
                    }
                }
            }
            let reader = rng.below(3);
            people[reader].sync();
        }
        for _ in 0..2 {
            for person in &mut people {
                person.sync();
            }
        }
        let reference = serde_json::to_string(&people[0].vault.cases().unwrap()).unwrap();
        for person in &people {
            assert_eq!(
                serde_json::to_string(&person.vault.cases().unwrap()).unwrap(),
                reference
            );
            let report = person.vault.check().unwrap();
            assert!(report.problems.is_empty(), "{:?}", report.problems);
        }
        let status = people[1].status();
        assert!(
            status.devices.iter().all(|d| d.lag == 0),
            "{:?}",
            status.devices
        );
        assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
    }
}
