//! What anyone with write access to the folder can plant under names Embargo reads:
//! a FIFO, a link to `/dev/zero`, a sparse 4 GiB file, an age header built to be
//! slow, a link to a folder. A pass finishes, merges every valid segment, reports
//! each planted file with its reason, and never reads a refused one again.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine as _;
use embargo_sync::folder::{DEVICES_DIR, ROSTER_DIR, SegmentName};
use embargo_sync::v1::SyncState;

use crate::common::*;

/// A pass on its own thread, failing the test (instead of hanging it) if it has
/// not finished within 120 s: every planted file here blocked or exhausted sync.
fn sync_within_bounds(mut person: Person) -> (Person, embargo_sync::SyncReport) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let report = embargo_sync::sync_once(&mut person.vault, now());
        let _ = tx.send((person, report));
    });
    let (person, report) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the sync pass did not finish: a planted file blocked it");
    (person, report.unwrap())
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A strict segment name whose hash is not of the file's content.
fn segment_name(seq: u64, tag: &str) -> String {
    SegmentName {
        seq,
        hash: sha256(tag.as_bytes()),
    }
    .file_name()
}

fn roster_name(version: u64, tag: &str) -> String {
    format!("{version:06}-{}.roster", sha256(tag.as_bytes()))
}

/// A valid-looking binary age v1 header of `stanzas` X25519 stanzas (fresh shares,
/// so each costs the reader a key agreement), its MAC line and some ciphertext.
fn header_bomb(stanzas: usize) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for i in 0..stanzas {
        let share = hex::decode(sha256(format!("share {i}").as_bytes())).unwrap();
        let body = hex::decode(sha256(format!("body {i}").as_bytes())).unwrap();
        out.extend_from_slice(
            format!("-> X25519 {}\n{}\n", b64.encode(share), b64.encode(body)).as_bytes(),
        );
    }
    out.extend_from_slice(format!("--- {}\n", b64.encode([7u8; 32])).as_bytes());
    out.extend_from_slice(&[0x42; 1024]);
    out
}

fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

fn rel(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn fifos_links_huge_files_and_header_bombs_named_like_ours_are_refused_once_and_never_read_again() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    let mut people = team_of(root, &["Ann", "Bob", "Cat"]);
    let ann_case = people[0].open_case("Planted files");
    people[0].sync();
    people[0].set_product(ann_case, "libpng");
    people[0].sync();
    let cat_case = people[2].open_case("Cat's case");
    people[2].sync();
    let ann_dir = people[0].device_dir(root);
    let cat_dir = people[2].device_dir(root);

    // Named like segments, next to the valid ones, at the numbers Bob reads next.
    let fifo = ann_dir.join(segment_name(1, "fifo"));
    mkfifo(&fifo);
    let zero = ann_dir.join(segment_name(2, "zero"));
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let huge = cat_dir.join(segment_name(1, "sparse"));
    sparse(&huge, 4 << 30);
    let bomb_bytes = header_bomb(500);
    // Named after its own hash: complete, as a genuine file would be.
    let bomb = write_named(root, &people[0].dir_name(), 2, &bomb_bytes);
    let renamed_bomb = cat_dir.join(segment_name(1, "bomb"));
    std::fs::write(&renamed_bomb, &bomb_bytes).unwrap();
    let folder_seg = ann_dir.join(segment_name(1, "folder"));
    std::fs::create_dir(&folder_seg).unwrap();
    let planted_segments: [(&PathBuf, &str); 6] = [
        (&fifo, "a FIFO, not a regular file"),
        (&zero, "a symbolic link, not a regular file"),
        (
            &huge,
            "4294967296 bytes, above the 257 MiB limit for a segment",
        ),
        (&bomb, "more than 64 recipient stanzas"),
        (&renamed_bomb, "more than 64 recipient stanzas"),
        (&folder_seg, "a folder, not a regular file"),
    ];

    // Named like roster files.
    let rosters = root.join(ROSTER_DIR);
    let roster_fifo = rosters.join(roster_name(3, "fifo"));
    mkfifo(&roster_fifo);
    let roster_zero = rosters.join(roster_name(3, "zero"));
    std::os::unix::fs::symlink("/dev/zero", &roster_zero).unwrap();
    let roster_huge = rosters.join(roster_name(4, "sparse"));
    sparse(&roster_huge, 4 << 30);
    let roster_bomb = rosters.join(roster_name(5, "bomb"));
    std::fs::write(&roster_bomb, &bomb_bytes).unwrap();
    let planted_rosters: [(&PathBuf, &str); 4] = [
        (&roster_fifo, "a FIFO, not a regular file"),
        (&roster_zero, "a symbolic link, not a regular file"),
        (
            &roster_huge,
            "4294967296 bytes, above the 1 MiB limit for a roster file",
        ),
        (&roster_bomb, "does not match its name"),
    ];

    // A device folder that is a link: to Ann's real folder, whose segments would
    // be read a second time (as another device's) if it were followed.
    let linked_device = root.join(DEVICES_DIR).join(format!(
        "{}-{}",
        "ab".repeat(16),
        "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    ));
    std::os::unix::fs::symlink(&ann_dir, &linked_device).unwrap();

    let bob = people.remove(1);
    let (mut bob, report) = sync_within_bounds(bob);
    assert_eq!(report.imported_segments, 3, "Ann's two and Cat's one");
    assert_eq!(events_of(&bob, ann_case), 2);
    assert_eq!(events_of(&bob, cat_case), 1);

    let status = bob.status();
    for (path, expected) in planted_segments {
        let name = path.file_name().unwrap().to_string_lossy();
        let said = reasons(&status, &name);
        assert!(
            said.iter().any(|r| r.contains(expected)),
            "{name}: expected {expected:?} in {said:?}"
        );
    }
    let ignored = |path: &Path| -> Vec<String> {
        let file = rel(root, path);
        status
            .ignored
            .iter()
            .filter(|f| f.file == file)
            .map(|f| f.reason.clone())
            .collect()
    };
    for (path, expected) in planted_rosters {
        let said = ignored(path);
        assert!(
            said.iter().any(|r| r.contains(expected)),
            "{}: expected {expected:?} in {said:?}",
            path.display()
        );
    }
    assert_eq!(
        ignored(&linked_device),
        ["a symbolic link; only real folders are read"]
    );
    assert!(
        status
            .devices
            .iter()
            .all(|d| !linked_device.ends_with(&d.device)),
        "{:?}",
        status.devices
    );
    assert!(
        status.waiting.is_empty(),
        "nothing waits on a refused file: {:?}",
        status.waiting
    );

    // Refused for good: remembered, and not read again. To tell, every planted
    // segment is swapped for a plain file that would now be judged otherwise.
    let remembered = SyncState::load(&bob.vault).unwrap().rejected;
    for (path, _) in planted_segments {
        assert!(
            remembered.contains_key(&rel(root, path)),
            "{} is not remembered as rejected: {remembered:?}",
            path.display()
        );
        if path.is_dir() {
            std::fs::remove_dir(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        std::fs::write(path, b"a plain file now").unwrap();
    }
    people[0].set_product(ann_case, "libpng-ng");
    people[0].sync();
    let (mut bob, report) = sync_within_bounds(bob);
    assert_eq!(report.imported_segments, 1, "Ann's third segment");
    assert_eq!(events_of(&bob, ann_case), 3);
    assert_eq!(SyncState::load(&bob.vault).unwrap().rejected, remembered);
    let status = bob.status();
    for (path, _) in planted_segments {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            !reasons(&status, &name)
                .iter()
                .any(|r| r.contains("does not match its name")),
            "{name} was read again"
        );
    }
}

#[test]
fn a_team_grows_to_the_largest_header_readers_accept_and_no_further() {
    use embargo_sync::bounded::MAX_TEAM_MEMBERS;
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    for i in 2..MAX_TEAM_MEMBERS {
        let key = ed25519_dalek::SigningKey::from_bytes(&[i as u8; 32]);
        let keys = embargo_sync::MemberKeys {
            name: format!("Member {i}"),
            email: format!("member{i}@team.example"),
            recipient: age::x25519::Identity::generate().to_public().to_string(),
            signing_key: hex::encode(key.verifying_key().as_bytes()),
        };
        embargo_sync::v1::team::add(&mut people[0].vault, keys, false, now()).unwrap();
    }
    let case_id = people[0].open_case("A big team");
    people[0].sync();
    // Encrypted to every member: the largest header a reader accepts.
    assert_eq!(people[1].sync().imported_events, 1);
    assert_eq!(events_of(&people[1], case_id), 1);

    let one_more = embargo_sync::MemberKeys {
        name: "One too many".into(),
        email: "more@team.example".into(),
        recipient: age::x25519::Identity::generate().to_public().to_string(),
        signing_key: hex::encode(
            ed25519_dalek::SigningKey::from_bytes(&[0xee; 32])
                .verifying_key()
                .as_bytes(),
        ),
    };
    let refused = embargo_sync::v1::team::add(&mut people[0].vault, one_more, false, now())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains(&format!("at most {MAX_TEAM_MEMBERS} members")),
        "{refused}"
    );
}
