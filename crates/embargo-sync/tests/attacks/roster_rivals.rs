//! Rival roster versions: who wins is decided by removals and seniority, never by
//! a file hash someone can grind, and never by the order files arrive in. The
//! attacker has only what he really has: his own vault's keys (and an old copy
//! of the roster it kept) and write access to the folder.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::Duration;
use embargo_sync::folder::{ROSTER_DIR, roster_name};
use embargo_sync::roster::{Removed, Role, RosterBody, RosterChain, RosterFile};
use embargo_sync::v1::team;
use proptest::prelude::*;

use crate::common::*;

fn chain(person: &mut Person) -> RosterChain {
    team::load(&mut person.vault).unwrap().1
}

fn hashes(chain: &RosterChain) -> Vec<String> {
    chain.versions.iter().map(|v| v.hash.clone()).collect()
}

fn fork_hashes(chain: &RosterChain) -> BTreeSet<String> {
    chain.forks.iter().map(|f| f.hash.clone()).collect()
}

fn reason_of(chain: &RosterChain, file: &RosterFile) -> String {
    chain
        .forks
        .iter()
        .find(|f| f.hash == file.hash)
        .map(|f| f.reason.clone())
        .unwrap_or_else(|| panic!("version {} is not reported", file.body.version))
}

fn path_of(folder: &Path, file: &RosterFile) -> PathBuf {
    folder
        .join(ROSTER_DIR)
        .join(roster_name(file.body.version, file.text.as_bytes()))
}

/// The file of version `version` in `person`'s chain.
fn version(person: &mut Person, version: u64) -> RosterFile {
    chain(person).version(version).unwrap().clone()
}

/// A file the sync tool has not delivered yet.
fn hide(folder: &Path, file: &RosterFile) {
    std::fs::remove_file(path_of(folder, file)).unwrap();
}

fn deliver(folder: &Path, file: &RosterFile) {
    std::fs::write(path_of(folder, file), &file.text).unwrap();
}

/// What `signer` writes by hand after `parent`: its body cloned, `change`d, and
/// signed with his own key. With `below`, `issued_at` is ground until the
/// file's hash sorts below that hash (what beat the old lowest-hash rule).
fn sign_after(
    signer: &Person,
    parent: &RosterFile,
    below: Option<&str>,
    change: impl Fn(&mut RosterBody),
) -> RosterFile {
    let mut body = parent.body.clone();
    body.version += 1;
    body.prev = Some(parent.hash.clone());
    change(&mut body);
    for second in 0.. {
        body.issued_at = now() + Duration::seconds(second);
        let file = RosterFile::parse(&body.sign(signer.vault.signing_key())).unwrap();
        if below.is_none_or(|b| file.hash.as_str() < b) {
            return file;
        }
    }
    unreachable!()
}

fn key(person: &Person) -> String {
    person.vault.public_identity().signing_key.clone()
}

fn drop_member(body: &mut RosterBody, who: &Person) {
    let k = key(who);
    body.members.retain(|m| m.keys.signing_key != k);
    body.removed.retain(|r| r.signing_key != k);
    body.removed.push(Removed {
        signing_key: k,
        cut: Default::default(),
        cut_hash: Default::default(),
    });
}

fn set_role(body: &mut RosterBody, who: &Person, role: Role) {
    let k = key(who);
    match body.members.iter_mut().find(|m| m.keys.signing_key == k) {
        Some(m) => m.role = role,
        None => body.members.push(embargo_sync::roster::Member {
            keys: who.bundle(),
            role,
        }),
    }
}

fn is_member(chain: &RosterChain, key: &str) -> bool {
    chain.current().body.member(key).is_some()
}

#[test]
fn a_removed_admin_cannot_take_the_roster_back_from_an_old_copy_in_any_delivery_order() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let [mut ann, mut mallory, mut bob, mut carol, mut dan, eve] =
        ["Ann", "Mallory", "Bob", "Carol", "Dan", "Eve"].map(Person::new);
    team::create(&mut ann.vault, dir, "PSIRT", now()).unwrap();
    let pinned = ann.fingerprint();
    team::add(&mut ann.vault, mallory.bundle(), true, now()).unwrap();
    team::join(&mut mallory.vault, dir, &pinned).unwrap();
    team::add(&mut ann.vault, bob.bundle(), true, now()).unwrap();
    team::join(&mut bob.vault, dir, &pinned).unwrap();
    // A junior admin signs version 4, so that Mallory (senior to Bob) can
    // threaten it: only the removal of Mallory by Ann must settle that fork.
    team::add(&mut bob.vault, carol.bundle(), false, now()).unwrap();
    team::join(&mut carol.vault, dir, &pinned).unwrap();
    let case_id = bob.open_case("Bob's report");
    bob.sync();

    // What Mallory's vault kept before he was removed.
    let kept = chain(&mut mallory);
    assert_eq!(kept.versions.len(), 4);
    team::remove(&mut ann.vault, "Mallory", now()).unwrap();
    let removal = version(&mut ann, 5);
    hide(dir, &removal);

    // Mallory answers at every version where he was still an admin, each file
    // ground to sort below the real next version.
    let real_next = |n: u64| match n {
        2 | 3 => kept.version(n + 1).unwrap().hash.clone(),
        _ => removal.hash.clone(),
    };
    let mut rivals = Vec::new();
    let mut invalid = Vec::new();
    for n in 2..=4 {
        let parent = kept.version(n).unwrap();
        let below = real_next(n);
        invalid.push(sign_after(&mallory, parent, Some(&below), |b| {
            drop_member(b, &ann)
        }));
        rivals.push(sign_after(&mallory, parent, Some(&below), |b| match n {
            2 => set_role(b, &eve, Role::Admin),
            3 => drop_member(b, &bob),
            _ => {
                set_role(b, &bob, Role::Member);
                drop_member(b, &carol);
            }
        }));
    }
    let built_on = sign_after(&mallory, &rivals[2], None, |b| {
        set_role(b, &eve, Role::Admin)
    });
    let mallorys: Vec<&RosterFile> = rivals.iter().chain(&invalid).chain([&built_on]).collect();
    for file in &mallorys {
        deliver(dir, file);
    }

    // Carol first sees Mallory's files and not yet Ann's removal: nothing tells
    // her Mallory is out, so she follows him for now, and Bob's segment is
    // rejected as written after his removal.
    carol.sync();
    let before = chain(&mut carol);
    assert_eq!(before.current().hash, rivals[1].hash);
    assert_eq!(events_of(&carol, case_id), 0);

    // The removal arrives: every replica, whatever it saw first, ends on Ann's
    // chain, with Bob's work merged.
    deliver(dir, &removal);
    carol.sync();
    bob.sync();
    team::add(&mut ann.vault, dan.bundle(), false, now()).unwrap();
    team::join(&mut dan.vault, dir, &pinned).unwrap();
    carol.sync();
    bob.sync();
    dan.sync();
    let expected = hashes(&chain(&mut ann));
    assert_eq!(expected.len(), 6);
    let reported: BTreeSet<String> = mallorys.iter().map(|f| f.hash.clone()).collect();
    let mallory_key = key(&mallory);
    for (who, person) in [
        ("Ann", &mut ann),
        ("Bob", &mut bob),
        ("Carol", &mut carol),
        ("Dan", &mut dan),
        ("Mallory", &mut mallory),
    ] {
        let seen = chain(person);
        assert_eq!(hashes(&seen), expected, "{who}");
        assert!(!is_member(&seen, &mallory_key), "{who}");
        assert!(
            seen.versions[4..]
                .iter()
                .all(|v| !v.body.is_admin(&mallory_key)),
            "{who}"
        );
        assert_eq!(fork_hashes(&seen), reported, "{who}");
        for file in &rivals {
            let why = reason_of(&seen, file);
            assert!(
                why.contains("whom a more senior admin (Ann) removed in version 5"),
                "{who}: {why}"
            );
        }
        for file in &invalid {
            let why = reason_of(&seen, file);
            assert!(
                why.contains("removes Ann, an admin senior to its signer Mallory (invalid)"),
                "{who}: {why}"
            );
        }
        let why = reason_of(&seen, &built_on);
        assert!(why.contains("follows rival version 5"), "{who}: {why}");
    }
    assert_eq!(events_of(&carol, case_id), 1, "Bob's segment, judged again");
    let status = carol.status();
    assert_eq!(status.roster_version, 6);
    assert_eq!(status.roster_forks.len(), reported.len());
    let json = serde_json::to_value(&status).unwrap();
    assert!(json["roster_forks"][0]["reason"].is_string(), "{json}");

    // Every rival sorted below the real version it competed with: under the old
    // lowest-hash rule, Mallory would have won each fork.
    for file in rivals.iter().chain(&invalid) {
        let real = real_next(file.body.version - 1);
        assert!(file.hash < real);
    }

    // Ann's chain survives the folder losing the rivals' files.
    for file in &mallorys {
        std::fs::remove_file(path_of(dir, file)).unwrap();
    }
    assert_eq!(hashes(&chain(&mut carol)), expected);
}

#[test]
fn an_admin_who_stepped_down_cannot_fork_back_over_a_junior_admin() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let [mut ann, mut mallory, mut bob, mut carol] =
        ["Ann", "Mallory", "Bob", "Carol"].map(Person::new);
    team::create(&mut ann.vault, dir, "PSIRT", now()).unwrap();
    let pinned = ann.fingerprint();
    team::add(&mut ann.vault, mallory.bundle(), true, now()).unwrap();
    team::join(&mut mallory.vault, dir, &pinned).unwrap();
    team::add(&mut ann.vault, bob.bundle(), true, now()).unwrap();
    team::join(&mut bob.vault, dir, &pinned).unwrap();
    let kept = chain(&mut mallory);
    team::add(&mut bob.vault, carol.bundle(), false, now()).unwrap();
    team::join(&mut carol.vault, dir, &pinned).unwrap();
    // Mallory steps down himself; no one more senior ever removes him.
    let mallory_bundle = mallory.bundle();
    team::add(&mut mallory.vault, mallory_bundle, false, now()).unwrap();

    // Later, from the copy he kept, he removes Bob just before Bob's version 4.
    // He is senior to Bob, and his only "remover" is himself: ranked by his own
    // seniority, that threat would tie with his own against Bob, and his
    // seniority would win the tie.
    let real = version(&mut bob, 4);
    let rival = sign_after(&mallory, kept.version(3).unwrap(), Some(&real.hash), |b| {
        drop_member(b, &bob)
    });
    deliver(dir, &rival);
    let mallory_key = key(&mallory);
    for person in [&mut ann, &mut bob, &mut carol] {
        let seen = chain(person);
        assert_eq!(seen.versions.len(), 5);
        assert_eq!(seen.version(4).unwrap().hash, real.hash);
        assert!(!seen.current().body.is_admin(&mallory_key));
        let why = reason_of(&seen, &rival);
        assert!(
            why.contains("signed by Mallory, who gave up being admin in version 5"),
            "{why}"
        );
    }
}

#[test]
fn the_last_admin_can_neither_demote_nor_remove_themselves() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let mut people = team_of(dir, &["Ann", "Bob"]);
    let ann_bundle = people[0].bundle();
    let err = team::add(&mut people[0].vault, ann_bundle.clone(), false, now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "you are the team's last admin: make another member admin first"
    );
    let err = team::remove(&mut people[0].vault, "Ann", now()).unwrap_err();
    assert!(err.to_string().contains("last admin"), "{err}");
    assert!(!err.to_string().contains("--"), "no CLI flags: {err}");

    // The same change signed by hand is ignored everywhere, and reported.
    let current = version(&mut people[0], 2);
    let frozen = sign_after(&people[0], &current, None, |b| {
        set_role(b, &people[0], Role::Member)
    });
    deliver(dir, &frozen);
    let ann = key(&people[0]);
    for person in &mut people {
        let seen = chain(person);
        assert_eq!(seen.current().hash, current.hash);
        assert!(seen.current().body.is_admin(&ann));
        let why = reason_of(&seen, &frozen);
        assert_eq!(why, "leaves the team without an admin (invalid)");
    }

    // With a second admin, stepping down is fine; then that admin is the last.
    let bob_bundle = people[1].bundle();
    team::add(&mut people[0].vault, bob_bundle.clone(), true, now()).unwrap();
    team::add(&mut people[0].vault, ann_bundle, false, now()).unwrap();
    let seen = chain(&mut people[1]);
    assert_eq!(seen.current().body.version, 4);
    assert!(seen.current().body.is_admin(&key(&people[1])));
    assert!(!seen.current().body.is_admin(&key(&people[0])));
    let err = team::add(&mut people[1].vault, bob_bundle, false, now()).unwrap_err();
    assert!(err.to_string().contains("last admin"), "{err}");
    let err = team::remove(&mut people[1].vault, "Bob", now()).unwrap_err();
    assert!(err.to_string().contains("last admin"), "{err}");
}

#[test]
fn a_junior_admins_removal_of_a_senior_admin_is_invalid() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let [mut ann, mut bob, mut carol] = ["Ann", "Bob", "Carol"].map(Person::new);
    team::create(&mut ann.vault, dir, "PSIRT", now()).unwrap();
    let pinned = ann.fingerprint();
    team::add(&mut ann.vault, bob.bundle(), true, now()).unwrap();
    team::join(&mut bob.vault, dir, &pinned).unwrap();
    team::add(&mut ann.vault, carol.bundle(), true, now()).unwrap();
    team::join(&mut carol.vault, dir, &pinned).unwrap();

    let err = team::remove(&mut carol.vault, "Bob", now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Bob is an admin senior to you: only a more senior admin can remove them"
    );
    let err = team::add(&mut carol.vault, bob.bundle(), false, now()).unwrap_err();
    assert!(err.to_string().contains("can demote them"), "{err}");
    let err = team::remove(&mut carol.vault, "Ann", now()).unwrap_err();
    assert!(
        err.to_string().starts_with("Ann is an admin senior to you"),
        "{err}"
    );

    // Signed by hand, the removal counts nowhere, nor what is built on it.
    let v3 = version(&mut carol, 3);
    let coup = sign_after(&carol, &v3, None, |b| drop_member(b, &bob));
    let built_on = sign_after(&carol, &coup, None, |b| {
        set_role(b, &carol, Role::Member);
        set_role(b, &ann, Role::Member);
    });
    deliver(dir, &coup);
    deliver(dir, &built_on);
    let (bob_key, carol_key) = (key(&bob), key(&carol));
    for person in [&mut ann, &mut bob, &mut carol] {
        let seen = chain(person);
        assert_eq!(seen.current().hash, v3.hash);
        assert!(seen.current().body.is_admin(&bob_key));
        assert_eq!(
            reason_of(&seen, &coup),
            "removes Bob, an admin senior to its signer Carol (invalid)"
        );
        assert!(
            reason_of(&seen, &built_on).contains("which breaks the roster rules"),
            "{}",
            reason_of(&seen, &built_on)
        );
    }

    // The senior admin may remove the junior one.
    team::remove(&mut bob.vault, "Carol", now()).unwrap();
    for person in [&mut ann, &mut bob, &mut carol] {
        let seen = chain(person);
        assert_eq!(seen.current().body.version, 4);
        assert_eq!(seen.current().signer, bob_key);
        assert!(!is_member(&seen, &carol_key));
        assert!(fork_hashes(&seen).contains(&coup.hash));
    }
}

/// Three admins change the roster at once from version 3, each offline: Ann
/// (founder) demotes Bob, Bob removes Carol, Carol adds Dan and also signs
/// Bob's removal by hand (invalid: Bob is senior); Bob and Carol each carry on
/// on their own branch.
struct Mutual {
    people: Vec<Person>,
    pinned: String,
    base: Vec<RosterFile>,
    ann4: RosterFile,
    bob4: RosterFile,
    carol4: RosterFile,
    coup: RosterFile,
    bob5: RosterFile,
    carol5: RosterFile,
}

impl Mutual {
    fn new(dir: &Path) -> Self {
        let [mut ann, mut bob, mut carol, dan, eve, frank] =
            ["Ann", "Bob", "Carol", "Dan", "Eve", "Frank"].map(Person::new);
        team::create(&mut ann.vault, dir, "PSIRT", now()).unwrap();
        let pinned = ann.fingerprint();
        team::add(&mut ann.vault, bob.bundle(), true, now()).unwrap();
        team::join(&mut bob.vault, dir, &pinned).unwrap();
        team::add(&mut ann.vault, carol.bundle(), true, now()).unwrap();
        team::join(&mut carol.vault, dir, &pinned).unwrap();
        let base = chain(&mut ann).versions;

        // Each writes version 4 before any other version 4 reached them.
        team::remove(&mut bob.vault, "Carol", now()).unwrap();
        let bob4 = version(&mut bob, 4);
        hide(dir, &bob4);
        team::add(&mut carol.vault, dan.bundle(), false, now()).unwrap();
        let carol4 = version(&mut carol, 4);
        hide(dir, &carol4);
        let coup = sign_after(&carol, &base[2], None, |b| drop_member(b, &bob));
        team::add(&mut ann.vault, bob.bundle(), false, now()).unwrap();
        let ann4 = version(&mut ann, 4);
        hide(dir, &ann4);
        team::add(&mut bob.vault, eve.bundle(), false, now()).unwrap();
        let bob5 = version(&mut bob, 5);
        hide(dir, &bob5);
        team::add(&mut carol.vault, frank.bundle(), false, now()).unwrap();
        let carol5 = version(&mut carol, 5);
        hide(dir, &carol5);
        Self {
            people: vec![ann, bob, carol],
            pinned,
            base,
            ann4,
            bob4,
            carol4,
            coup,
            bob5,
            carol5,
        }
    }

    fn rivals(&self) -> Vec<&RosterFile> {
        vec![
            &self.ann4,
            &self.bob4,
            &self.carol4,
            &self.coup,
            &self.bob5,
            &self.carol5,
        ]
    }

    fn all(&self) -> Vec<RosterFile> {
        self.base.iter().chain(self.rivals()).cloned().collect()
    }

    /// The chain every replica must reach from `files`.
    fn expected(&self, with_ann4: bool) -> Vec<String> {
        let mut chain: Vec<String> = self.base.iter().map(|v| v.hash.clone()).collect();
        if with_ann4 {
            chain.push(self.ann4.hash.clone());
        } else {
            chain.push(self.bob4.hash.clone());
            chain.push(self.bob5.hash.clone());
        }
        chain
    }
}

#[test]
fn mutual_removals_between_admins_resolve_by_seniority_on_every_replica() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let mut mutual = Mutual::new(dir);
    // Before the others' versions arrive, each replica is on its own branch.
    let own: Vec<String> = mutual
        .people
        .iter_mut()
        .map(|p| chain(p).current().hash.clone())
        .collect();
    assert_eq!(
        own,
        [&mutual.ann4.hash, &mutual.bob5.hash, &mutual.carol5.hash].map(String::clone)
    );
    for file in mutual.rivals() {
        deliver(dir, file);
    }
    let expected = mutual.expected(true);
    let [ann, bob, carol] = [0, 1, 2].map(|i| key(&mutual.people[i]));
    let (ann4, bob4, carol4, coup, bob5) = (
        mutual.ann4.clone(),
        mutual.bob4.clone(),
        mutual.carol4.clone(),
        mutual.coup.clone(),
        mutual.bob5.clone(),
    );
    for person in &mut mutual.people {
        person.sync();
        let seen = chain(person);
        assert_eq!(hashes(&seen), expected);
        let roster = &seen.current().body;
        assert!(roster.is_admin(&ann) && roster.is_admin(&carol));
        assert!(roster.member(&bob).is_some() && !roster.is_admin(&bob));
        assert_eq!(roster.members.len(), 3, "neither Dan, Eve nor Frank");
        assert_eq!(seen.forks.len(), 5);
        assert_eq!(
            reason_of(&seen, &bob4),
            "signed by Bob, whom a more senior admin (Ann) demoted in version 4"
        );
        assert_eq!(
            reason_of(&seen, &carol4),
            "signed by Carol, whom a more senior admin (Bob) removed in version 4"
        );
        assert!(reason_of(&seen, &coup).ends_with("(invalid)"));
        assert!(reason_of(&seen, &bob5).starts_with("follows rival version 4"));
        assert!(!seen.forks.iter().any(|f| f.hash == ann4.hash));
    }
}

/// The files of [`Mutual`], built once for every proptest case.
struct MutualFiles {
    pinned: String,
    all: Vec<RosterFile>,
    with_ann4: Vec<String>,
    without_ann4: Vec<String>,
    ann4: String,
}

fn mutual_files() -> &'static MutualFiles {
    static FILES: OnceLock<MutualFiles> = OnceLock::new();
    FILES.get_or_init(|| {
        let folder = tempfile::tempdir().unwrap();
        let mutual = Mutual::new(folder.path());
        MutualFiles {
            pinned: mutual.pinned.clone(),
            all: mutual.all(),
            with_ann4: mutual.expected(true),
            without_ann4: mutual.expected(false),
            ann4: mutual.ann4.hash.clone(),
        }
    })
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A replica that receives `files` in a random order, in random batches, with
/// duplicates, and whose folder loses files it already remembers (as
/// `team::load` remembers: the chain and its valid rivals).
fn replica(files: &[RosterFile], pinned: &str, seed: u64) -> (RosterChain, RosterChain) {
    let mut rng = Rng(seed | 1);
    let mut delivery: Vec<RosterFile> = files.to_vec();
    for _ in 0..rng.below(4) {
        let dup = delivery[rng.below(delivery.len())].clone();
        delivery.push(dup);
    }
    for i in (1..delivery.len()).rev() {
        delivery.swap(i, rng.below(i + 1));
    }
    let mut folder: Vec<RosterFile> = Vec::new();
    let mut memory: Vec<RosterFile> = Vec::new();
    let mut rest: &[RosterFile] = &delivery;
    while !rest.is_empty() {
        let take = 1 + rng.below(rest.len());
        folder.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        let seen: Vec<RosterFile> = folder.iter().chain(&memory).cloned().collect();
        if let Some(chain) = RosterChain::verify(&seen, pinned, None) {
            memory = chain
                .versions
                .iter()
                .chain(&chain.rivals)
                .cloned()
                .collect();
            let kept: BTreeSet<&str> = memory.iter().map(|f| f.hash.as_str()).collect();
            folder.retain(|f| !kept.contains(f.hash.as_str()) || rng.below(2) == 0);
        }
    }
    let once: Vec<RosterFile> = delivery.iter().rev().cloned().collect();
    let seen: Vec<RosterFile> = folder.iter().chain(&memory).cloned().collect();
    (
        RosterChain::verify(&seen, pinned, None).unwrap(),
        RosterChain::verify(&once, pinned, None).unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rival_rosters_resolve_the_same_in_every_delivery_order(seed in any::<u64>(), with_ann4 in any::<bool>()) {
        let MutualFiles { pinned, all, with_ann4: with, without_ann4: without, ann4 } = mutual_files();
        let files: Vec<RosterFile> = all
            .iter()
            .filter(|f| with_ann4 || &f.hash != ann4)
            .cloned()
            .collect();
        let expected = if with_ann4 { with } else { without };
        let reference = RosterChain::verify(&files, pinned, None).unwrap();
        prop_assert_eq!(&hashes(&reference), expected);
        let (replayed, at_once) = replica(&files, pinned, seed);
        prop_assert_eq!(&hashes(&replayed), expected);
        prop_assert_eq!(&hashes(&at_once), expected);
        prop_assert_eq!(&at_once.forks, &reference.forks);
    }
}
