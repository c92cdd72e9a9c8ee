#![allow(clippy::unwrap_used)]

use super::*;

#[cfg(unix)]
#[test]
fn entries_tell_kinds_without_following_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("file"), b"x").unwrap();
    std::fs::create_dir(root.join("folder")).unwrap();
    std::os::unix::fs::symlink(root.join("folder"), root.join("link-to-folder")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("link-to-zero")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("fifo"))
        .status()
        .unwrap();
    assert!(status.success());
    let kinds: Vec<(String, FileKind)> = entries(root)
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("fifo".to_owned(), FileKind::Fifo),
            ("file".to_owned(), FileKind::Regular),
            ("folder".to_owned(), FileKind::Directory),
            ("link-to-folder".to_owned(), FileKind::SymbolicLink),
            ("link-to-zero".to_owned(), FileKind::SymbolicLink),
        ]
    );
}

#[test]
fn a_missing_folder_has_no_entries() {
    let dir = tempfile::tempdir().unwrap();
    assert!(entries(&dir.path().join("not-yet")).unwrap().is_empty());
}

#[test]
fn listing_stops_with_a_clear_error_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        std::fs::write(dir.path().join(format!("f{i}")), b"").unwrap();
    }
    assert_eq!(entries_at_most(dir.path(), 3).unwrap().len(), 3);
    std::fs::write(dir.path().join("f3"), b"").unwrap();
    let error = entries_at_most(dir.path(), 3).unwrap_err().to_string();
    assert!(error.contains("more than 3 entries"), "{error}");
    assert!(error.contains("not read"), "{error}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_is_neither_listed_nor_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("000001-x.roster"), b"x").unwrap();
    let devices = dir.path().join(DEVICES_DIR);
    std::fs::create_dir(&devices).unwrap();
    let device = devices.join("a-device");
    std::os::unix::fs::symlink(elsewhere.path(), &device).unwrap();

    let error = entries(&device).unwrap_err().to_string();
    assert!(error.contains(SYMLINKED_FOLDER), "{error}");
    let error = write_once(&device, "000000000001-x.seg", b"secret")
        .unwrap_err()
        .to_string();
    assert!(error.contains("a symbolic link"), "{error}");

    // The devices folder itself linked elsewhere: nothing is created there either.
    let linked_team = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), linked_team.path().join(DEVICES_DIR)).unwrap();
    let error = write_once(
        &linked_team.path().join(DEVICES_DIR).join("mine"),
        "000000000001-x.seg",
        b"secret",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("a symbolic link"), "{error}");

    let left: Vec<_> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        ["000001-x.roster"],
        "nothing was written through a link"
    );
}

#[test]
fn write_once_writes_into_a_real_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join(DEVICES_DIR).join("mine");
    let path = write_once(&target, "000000000001-x.seg", b"bytes").unwrap();
    assert_eq!(std::fs::read(path).unwrap(), b"bytes");
}

#[cfg(unix)]
#[test]
fn a_device_folder_link_is_reported_as_a_link() {
    let name = format!("{}-{}", "0".repeat(32), uuid::Uuid::new_v4());
    let entry = |kind| Entry {
        name: name.clone(),
        path: PathBuf::from(&name),
        kind,
    };
    assert_eq!(
        device_dir_ignore_reason(&entry(FileKind::SymbolicLink)),
        SYMLINKED_FOLDER
    );
    assert!(device_dir_ignore_reason(&entry(FileKind::Regular)).contains("not a folder"));
    let other = Entry {
        name: "notes.txt".into(),
        path: PathBuf::from("notes.txt"),
        kind: FileKind::Directory,
    };
    assert!(device_dir_ignore_reason(&other).contains("does not match"));
}
