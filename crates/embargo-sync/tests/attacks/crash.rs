//! A crash after a segment was written but before the vault recorded it: the next
//! pass must not write a second, different segment under the same number (its
//! teammates would block the device for equivocation). Simulated for real: the
//! vault's files are put back as they were before the pass that wrote the segment.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use embargo_vault::Vault;
use secrecy::SecretString;

use crate::common::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn reopen(person: &mut Person) {
    let dir = person.home.path().join("vault");
    person.vault = Vault::open(&dir, &SecretString::from("a passphrase for sync tests")).unwrap();
}

#[test]
fn a_segment_written_just_before_a_crash_is_adopted_not_written_again() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Crash between write and record");
    people[0].sync();
    people[1].sync();

    // Ann's vault as it was before her next pass…
    people[0].set_product(case_id, "libfoo 1");
    let vault_dir = people[0].home.path().join("vault");
    let before = people[0].home.path().join("before");
    let placeholder = Person::new("Placeholder");
    let ann_vault = std::mem::replace(&mut people[0].vault, placeholder.vault);
    drop(ann_vault);
    copy_dir(&vault_dir, &before);
    reopen(&mut people[0]);
    // …the pass writes segment 2, then the process dies before recording it.
    people[0].sync();
    let written: Vec<_> = std::fs::read_dir(people[0].device_dir(folder.path()))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let placeholder = Person::new("Placeholder");
    drop(std::mem::replace(&mut people[0].vault, placeholder.vault));
    for entry in std::fs::read_dir(&vault_dir).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    copy_dir(&before, &vault_dir);
    reopen(&mut people[0]);

    // Ann works on and syncs again: her own segment 2 is taken as written.
    people[0].set_product(case_id, "libfoo 2");
    people[0].sync();
    let mut seqs: Vec<u64> = std::fs::read_dir(people[0].device_dir(folder.path()))
        .unwrap()
        .filter_map(|e| {
            embargo_sync::folder::SegmentName::parse(&e.unwrap().file_name().to_string_lossy())
        })
        .map(|s| s.seq)
        .collect();
    seqs.sort_unstable();
    assert_eq!(seqs, vec![1, 2, 3], "files before: {written:?}");

    let status = people[1].sync();
    assert_eq!(status.quarantined, 0);
    let bob = people[1].status();
    assert!(bob.waiting.is_empty(), "{:?}", bob.waiting);
    let case = people[1].vault.case(case_id).unwrap().unwrap();
    assert_eq!(case.product.as_deref(), Some("libfoo 2"));
}
