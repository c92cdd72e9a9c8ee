//! The folder-watching sync loop on real vaults and a real team folder, with
//! scripted wakeups: no test waits for real time.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::sync::Mutex;

use embargo_domain::Unwatched;

use crate::test_session::person;
use crate::test_wakeups::{Claimed, Script};
use crate::{
    ApiError, NewCase, SETTLE, SYNC_EVERY, Session, SessionSource, SyncWatchEvent, Wake,
    watch_team_folder,
};

/// Ann's team in `folder`, with Bob a member who joined.
fn team(dir: &Path, folder: &Path) -> (Session, Session) {
    std::fs::create_dir(folder).expect("folder");
    let mut ann = person(dir, "Ann");
    let mut bob = person(dir, "Bob");
    ann.team_create(folder, "PSIRT").expect("create team");
    ann.team_add(
        &bob.identity().bundle,
        false,
        embargo_sync::team::History::Full,
    )
    .expect("add Bob");
    bob.team_join(folder, &ann.identity().fingerprint)
        .expect("join");
    (ann, bob)
}

fn watch(
    source: &mut impl SessionSource,
    script: &mut Script<'_>,
) -> Result<Vec<SyncWatchEvent>, ApiError> {
    let mut events = Vec::new();
    watch_team_folder(source, script, &mut Unwatched, |event| events.push(event))?;
    Ok(events)
}

#[test]
fn a_landed_segment_is_merged_after_the_folder_settles_and_my_cases_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    let (mut ann, mut bob) = team(dir.path(), &folder);
    let ann = Mutex::new(&mut ann);
    let mut script = Script::new(vec![
        // Ann writes a case for Bob; her segment lands in the folder.
        Box::new(|| {
            let mut ann = ann.lock().expect("ann");
            let id = ann
                .new_case(NewCase {
                    title: "SSRF in the webhook".into(),
                    ..NewCase::default()
                })
                .expect("case");
            ann.set_field(&id.to_string(), embargo_domain::FieldName::Handler, "Bob")
                .expect("handler");
            ann.sync().expect("Ann writes");
            Wake::Woken(())
        }),
        // The rename's second event, then quiet.
        Box::new(|| Wake::Woken(())),
        Box::new(|| Wake::Due),
        Box::new(|| Wake::Stop),
    ]);
    let events = watch(&mut bob, &mut script).expect("loop");

    assert_eq!(
        script.asked,
        [SYNC_EVERY, SETTLE, SETTLE, SYNC_EVERY],
        "a pass, then waits until the folder is quiet, then a pass"
    );
    assert_eq!(script.followed, [folder.clone(), folder]);
    let [
        SyncWatchEvent::Synced { .. },
        SyncWatchEvent::Synced { report, mine },
    ] = events.as_slice()
    else {
        panic!("two passes, both synced: {events:?}");
    };
    assert_eq!(report.changed_cases.len(), 1);
    assert_eq!(mine.len(), 1, "Bob handles the case Ann wrote");
    assert_eq!(mine[0].title, "SSRF in the webhook");
}

#[test]
fn a_lock_stops_the_pass_with_nothing_written_and_no_failure_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    let (mut ann, _bob) = team(dir.path(), &folder);
    ann.new_case(NewCase {
        title: "Not sent yet".into(),
        ..NewCase::default()
    })
    .expect("case");
    let unsent = ann.sync_status().expect("status").unsent_events;
    assert!(unsent > 0);
    let mut claimed = Claimed(ann);
    let mut script = Script::new(vec![Box::new(|| Wake::Stop)]);
    let events = watch(&mut claimed, &mut script).expect("loop");
    assert!(events.is_empty(), "{events:?}");
    assert_eq!(
        claimed.0.sync_status().expect("status").unsent_events,
        unsent,
        "the stopped pass wrote nothing"
    );
}

#[test]
fn a_folder_gone_is_reported_each_pass_and_the_loop_carries_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("team");
    let (mut ann, _bob) = team(dir.path(), &folder);
    std::fs::remove_dir_all(&folder).expect("the share goes away");
    let mut script = Script::new(vec![Box::new(|| Wake::Due), Box::new(|| Wake::Stop)]);
    let events = watch(&mut ann, &mut script).expect("a failed pass never ends the loop");
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(
        events
            .iter()
            .all(|event| matches!(event, SyncWatchEvent::Failed(_))),
        "{events:?}"
    );
}

#[test]
fn without_a_team_or_a_session_the_loop_only_waits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut alone = person(dir.path(), "Ann");
    let mut script = Script::new(vec![Box::new(|| Wake::Due), Box::new(|| Wake::Stop)]);
    assert!(watch(&mut alone, &mut script).expect("loop").is_empty());
    assert!(script.followed.is_empty());

    // A shared slot with no session in it: the app or the agent is locked.
    let locked: Mutex<Option<Session>> = Mutex::new(None);
    let mut script = Script::new(vec![Box::new(|| Wake::Stop)]);
    assert!(watch(&mut &locked, &mut script).expect("loop").is_empty());
    assert_eq!(script.asked, [SYNC_EVERY]);
}
