//! The intake folder on real vaults and real folders, with scripted wakeups (no
//! test waits for real time): what is imported once, what is refused and said
//! once, and that the folder is never changed.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use embargo_domain::Unwatched;

use crate::test_session::fixed_time_session;
use crate::test_wakeups::{Claimed, Script};
use crate::{
    ApiError, ErrorCode, INTAKE_EVERY, ImportAction, IntakeReport, IntakeWatchEvent, SETTLE,
    Session, SessionSource, Wake, watch_intake_folder,
};

fn message(subject: &str, message_id: Option<&str>, in_reply_to: Option<&str>) -> String {
    let mut text = format!(
        "From: Rita Reporter <rita@example.net>\r\nTo: security@example.org\r\nSubject: {subject}\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
    );
    if let Some(id) = message_id {
        text.push_str(&format!("Message-ID: <{id}>\r\n"));
    }
    if let Some(parent) = in_reply_to {
        text.push_str(&format!("In-Reply-To: <{parent}>\r\n"));
    }
    text.push_str("\r\nThe login form reflects the name parameter.\r\n");
    text
}

fn watched(dir: &Path) -> (Session, PathBuf) {
    let mut session = fixed_time_session(&dir.join("vault"), "Ann", "ann@example.org");
    let folder = dir.join("intake");
    fs::create_dir(&folder).expect("intake folder");
    session.set_intake_folder(&folder).expect("set");
    (session, folder)
}

fn watch(
    source: &mut impl SessionSource,
    script: &mut Script<'_>,
) -> Result<Vec<IntakeWatchEvent>, ApiError> {
    let mut events = Vec::new();
    watch_intake_folder(source, script, |event| events.push(event))?;
    Ok(events)
}

fn checked(events: &[IntakeWatchEvent]) -> Vec<&IntakeReport> {
    events
        .iter()
        .map(|event| match event {
            IntakeWatchEvent::Checked(report) => report,
            IntakeWatchEvent::Failed(error) => panic!("a pass failed: {error}"),
        })
        .collect()
}

/// Every file under `folder` and its bytes (links as their target): what the
/// intake must leave exactly as it found it.
fn snapshot(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            let kind = fs::symlink_metadata(&path).expect("look").file_type();
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_symlink() {
                let target = fs::read_link(&path).expect("link");
                files.insert(path, target.to_string_lossy().as_bytes().to_vec());
            } else if kind.is_file() {
                let size = fs::metadata(&path).expect("size").len();
                // Sparse giants are compared by size, not read.
                let bytes = if size > 1 << 20 {
                    size.to_le_bytes().to_vec()
                } else {
                    fs::read(&path).expect("read")
                };
                files.insert(path, bytes);
            } else {
                files.insert(path, b"special".to_vec());
            }
        }
    }
    files
}

#[test]
fn a_dropped_message_is_filed_once_its_reply_threads_and_copies_are_not_imported_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, folder) = watched(dir.path());
    let report = message("XSS in the login form", Some("r1@example.net"), None);
    fs::write(folder.join("1.eml"), &report).expect("drop");
    let reply = message(
        "Re: XSS in the login form",
        Some("r2@example.net"),
        Some("r1@example.net"),
    );
    let no_id = message("Open redirect", None, None);
    let script_folder = folder.clone();
    let mut script = Script::new(vec![
        // The reporter follows up; the fetcher delivers it.
        Box::new(|| {
            fs::write(script_folder.join("2.eml"), &reply).expect("reply");
            Wake::Woken(())
        }),
        Box::new(|| Wake::Due),
        // Copies: the same bytes under new names (one without a Message-ID, so
        // only its hash can tell), and the report re-delivered with one more
        // header (other bytes, the same Message-ID).
        Box::new(|| {
            fs::write(script_folder.join("3.eml"), &no_id).expect("no id");
            Wake::Woken(())
        }),
        Box::new(|| Wake::Due),
        Box::new(|| {
            fs::write(script_folder.join("3-copy.eml"), &no_id).expect("copy");
            fs::write(script_folder.join("1-copy.eml"), &report).expect("copy");
            let redelivered = format!("Received: from mx2.example.org\r\n{report}");
            fs::write(script_folder.join("1-again.eml"), redelivered).expect("again");
            Wake::Woken(())
        }),
        Box::new(|| Wake::Due),
        // A quiet poll: nothing new.
        Box::new(|| Wake::Due),
        Box::new(|| Wake::Stop),
    ]);
    let before_last = snapshot(&folder);
    let events = watch(&mut session, &mut script).expect("loop");
    let reports = checked(&events);
    assert_eq!(reports.len(), 5, "{events:?}");

    let [first] = reports[0].imported.as_slice() else {
        panic!("the report is filed: {:?}", reports[0]);
    };
    assert_eq!(first.action, ImportAction::Created);
    assert_eq!(first.title, "XSS in the login form");
    let [second] = reports[1].imported.as_slice() else {
        panic!("the reply is filed: {:?}", reports[1]);
    };
    assert_eq!(second.action, ImportAction::Attached);
    assert_eq!(
        second.case_id, first.case_id,
        "the reply threads into its case"
    );
    assert_eq!(
        reports[2].imported.len(),
        1,
        "the report without a Message-ID"
    );
    assert!(reports[3].imported.is_empty(), "{:?}", reports[3]);
    let mut duplicates = reports[3].duplicates.clone();
    duplicates.sort();
    let name = |file: &str| folder.join(file).display().to_string();
    assert_eq!(
        duplicates,
        [name("1-again.eml"), name("1-copy.eml"), name("3-copy.eml")]
    );
    assert!(reports[4].is_empty(), "nothing new: {:?}", reports[4]);

    assert_eq!(
        session.list(None).expect("list").len(),
        2,
        "two cases, no more"
    );
    let case = session.case(first.case).expect("case");
    assert_eq!(case.messages.len(), 2, "the report and its reply");
    assert_eq!(
        script.asked,
        [
            INTAKE_EVERY,
            SETTLE,
            INTAKE_EVERY,
            SETTLE,
            INTAKE_EVERY,
            SETTLE,
            INTAKE_EVERY,
            INTAKE_EVERY
        ]
    );
    assert!(script.followed.iter().all(|followed| *followed == folder));
    // Nothing moved, changed or deleted.
    let after = snapshot(&folder);
    for (file, bytes) in &before_last {
        assert_eq!(
            after.get(file),
            Some(bytes),
            "{} left as it was",
            file.display()
        );
    }
    assert_eq!(after.len(), 6);
}

#[test]
fn hostile_and_odd_entries_are_refused_once_each_and_left_where_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, folder) = watched(dir.path());
    // A valid report outside the folder, linked in: never followed.
    let outside = dir.path().join("outside.eml");
    fs::write(
        &outside,
        message("Secret elsewhere", Some("o@example.net"), None),
    )
    .expect("outside");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, folder.join("link.eml")).expect("link");
        std::os::unix::fs::symlink("/dev/zero", folder.join("zero.eml")).expect("link");
        let made = std::process::Command::new("mkfifo")
            .arg(folder.join("pipe.eml"))
            .status()
            .expect("mkfifo");
        assert!(made.success());
    }
    // Claims 65 MiB, costs nothing: refused before a byte is read.
    let giant = fs::File::create(folder.join("giant.eml")).expect("giant");
    giant.set_len(65 << 20).expect("sparse");
    fs::write(folder.join("binary.eml"), [0_u8, 159, 146, 150, 0, 1, 2, 3]).expect("binary");
    let mbox = format!(
        "From rita@example.net Mon Nov 23 10:00:00 2026\n{}\nFrom rita@example.net Mon Nov 23 11:00:00 2026\n{}",
        message("One", Some("m1@example.net"), None).replace("\r\n", "\n"),
        message("Two", Some("m2@example.net"), None).replace("\r\n", "\n"),
    );
    fs::write(folder.join("box.mbox"), mbox).expect("mbox");
    // Not the intake's: dotfiles and sub-folders (a stray Maildir `tmp/`).
    fs::write(
        folder.join(".hidden.eml"),
        message("Hidden", Some("h@example.net"), None),
    )
    .expect("dotfile");
    fs::create_dir(folder.join("tmp")).expect("tmp");
    fs::write(
        folder.join("tmp").join("half.eml"),
        message("Half", Some("t@example.net"), None),
    )
    .expect("tmp");
    let before = snapshot(&folder);

    let mut script = Script::new(vec![Box::new(|| Wake::Due), Box::new(|| Wake::Stop)]);
    let events = watch(&mut session, &mut script).expect("loop");
    let reports = checked(&events);
    assert!(reports[0].imported.is_empty(), "{:?}", reports[0]);
    let reasons: BTreeMap<String, String> = reports[0]
        .problems
        .iter()
        .map(|problem| {
            let file = Path::new(&problem.file).file_name().expect("name");
            (file.to_string_lossy().into_owned(), problem.reason.clone())
        })
        .collect();
    let expected: &[(&str, &str)] = &[
        ("binary.eml", "binary, not an e-mail"),
        ("box.mbox", "holds 2 messages"),
        ("giant.eml", "above the 64 MiB limit"),
        #[cfg(unix)]
        ("link.eml", "symbolic link"),
        #[cfg(unix)]
        ("pipe.eml", "a FIFO"),
        #[cfg(unix)]
        ("zero.eml", "symbolic link"),
    ];
    assert_eq!(reasons.len(), expected.len(), "{reasons:?}");
    for (file, words) in expected {
        let reason = reasons
            .get(*file)
            .unwrap_or_else(|| panic!("{file} reported"));
        assert!(reason.contains(words), "{file}: {reason}");
    }
    assert!(reports[1].is_empty(), "each said once: {:?}", reports[1]);
    assert!(
        session.list(None).expect("list").is_empty(),
        "nothing imported"
    );
    let status = session.intake_status().expect("status");
    assert_eq!(status.problems.len(), expected.len(), "Settings lists them");
    assert_eq!(
        snapshot(&folder),
        before,
        "nothing moved, changed or deleted"
    );
}

#[test]
fn a_maildir_is_read_in_new_and_cur_never_tmp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, maildir) = watched(dir.path());
    for sub in ["new", "cur", "tmp"] {
        fs::create_dir(maildir.join(sub)).expect("maildir");
    }
    fs::write(
        maildir.join("new/1733.M1.host"),
        message("In new", Some("n@example.net"), None),
    )
    .expect("new");
    fs::write(
        maildir.join("cur/1732.M1.host:2,S"),
        message("In cur", Some("c@example.net"), None),
    )
    .expect("cur");
    fs::write(
        maildir.join("tmp/1734.M1.host"),
        message("Half written", Some("t@example.net"), None),
    )
    .expect("tmp");
    let report = session
        .intake_once(&mut Unwatched)
        .expect("pass")
        .expect("a folder is set");
    let mut titles: Vec<_> = report.imported.iter().map(|i| i.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["In cur", "In new"]);
    assert!(report.problems.is_empty(), "{report:?}");
}

#[test]
fn a_file_still_being_written_is_refused_then_imported_once_complete() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, folder) = watched(dir.path());
    let file = folder.join("arriving.eml");
    fs::write(&file, "").expect("created, nothing written yet");
    let first = session
        .intake_once(&mut Unwatched)
        .expect("pass")
        .expect("set");
    assert_eq!(first.problems.len(), 1, "{first:?}");
    assert!(first.problems[0].reason.contains("empty"), "{first:?}");
    let again = session
        .intake_once(&mut Unwatched)
        .expect("pass")
        .expect("set");
    assert!(again.is_empty(), "said once: {again:?}");

    fs::write(
        &file,
        message("Finally complete", Some("f@example.net"), None),
    )
    .expect("written");
    let done = session
        .intake_once(&mut Unwatched)
        .expect("pass")
        .expect("set");
    assert_eq!(done.imported.len(), 1, "{done:?}");
    assert!(session.intake_status().expect("status").problems.is_empty());
}

#[test]
fn a_folder_that_disappears_is_reported_and_read_again_when_it_is_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, folder) = watched(dir.path());
    fs::remove_dir(&folder).expect("the disk is unmounted");
    let back = folder.clone();
    let mut script = Script::new(vec![
        Box::new(|| {
            fs::create_dir(&back).expect("mounted again");
            fs::write(
                back.join("1.eml"),
                message("Back", Some("b@example.net"), None),
            )
            .expect("drop");
            Wake::Due
        }),
        Box::new(|| Wake::Stop),
    ]);
    let events = watch(&mut session, &mut script).expect("a missing folder never ends the loop");
    let [
        IntakeWatchEvent::Failed(error),
        IntakeWatchEvent::Checked(report),
    ] = events.as_slice()
    else {
        panic!("failed, then read: {events:?}");
    };
    assert!(
        error.to_string().contains("intake"),
        "names the folder: {error}"
    );
    assert_eq!(report.imported.len(), 1);
    assert_eq!(script.followed, [folder.clone(), folder], "kept watching");
}

#[test]
fn a_lock_stops_the_pass_before_it_writes_and_without_a_folder_or_session_the_loop_waits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (session, folder) = watched(dir.path());
    fs::write(
        folder.join("1.eml"),
        message("Not yet", Some("l@example.net"), None),
    )
    .expect("drop");
    let mut claimed = Claimed(session);
    let mut script = Script::new(vec![Box::new(|| Wake::Stop)]);
    assert!(watch(&mut claimed, &mut script).expect("loop").is_empty());
    assert!(
        claimed.0.list(None).expect("list").is_empty(),
        "nothing written"
    );
    // Unlocked again, it is imported.
    let report = claimed
        .0
        .intake_once(&mut Unwatched)
        .expect("pass")
        .expect("set");
    assert_eq!(report.imported.len(), 1);

    claimed.0.clear_intake_folder().expect("clear");
    let mut script = Script::new(vec![Box::new(|| Wake::Due), Box::new(|| Wake::Stop)]);
    assert!(watch(&mut claimed.0, &mut script).expect("loop").is_empty());
    assert!(script.followed.is_empty(), "no folder, nothing followed");

    let locked: Mutex<Option<Session>> = Mutex::new(None);
    let mut script = Script::new(vec![Box::new(|| Wake::Stop)]);
    assert!(watch(&mut &locked, &mut script).expect("loop").is_empty());
    assert_eq!(script.asked, [INTAKE_EVERY]);
}

#[test]
fn the_folder_is_a_full_path_to_a_folder_and_clearing_it_forgets_nothing_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, folder) = watched(dir.path());
    let refused = session
        .set_intake_folder(Path::new("relative/mail"))
        .expect_err("relative");
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    let not_a_folder = dir.path().join("file");
    fs::write(&not_a_folder, "x").expect("file");
    let refused = session
        .set_intake_folder(&not_a_folder)
        .expect_err("a file");
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert_eq!(session.intake_folder().expect("read"), Some(folder.clone()));

    fs::write(
        folder.join("1.eml"),
        message("Once", Some("once@example.net"), None),
    )
    .expect("drop");
    session.intake_once(&mut Unwatched).expect("pass");
    session.clear_intake_folder().expect("clear");
    assert_eq!(
        session.intake_once(&mut Unwatched).expect("no folder"),
        None
    );
    session.set_intake_folder(&folder).expect("set again");
    let again = session
        .intake_once(&mut Unwatched)
        .expect("pass")
        .expect("set");
    assert!(again.imported.is_empty(), "{again:?}");
    assert_eq!(session.list(None).expect("list").len(), 1);
}

#[test]
fn what_the_intake_remembers_is_inside_the_encrypted_vault_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut session, folder) = watched(dir.path());
    let marker = "unmistakable-intake-file-name";
    fs::write(
        folder.join(format!("{marker}.eml")),
        message("Remembered", Some("remembered-msgid@example.net"), None),
    )
    .expect("drop");
    fs::write(folder.join(format!("{marker}-bad.eml")), [0_u8, 1, 2]).expect("bad");
    session.intake_once(&mut Unwatched).expect("pass");
    drop(session);
    let vault = dir.path().join("vault");
    let mut pending = vec![vault];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let bytes = fs::read(&path).expect("read");
            for needle in [marker, "remembered-msgid", "binary, not an e-mail"] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{} holds {needle:?} in plaintext",
                    path.display()
                );
            }
        }
    }
}
