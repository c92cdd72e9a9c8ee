//! An older `vault.db` put back (a restored backup, or a swap by someone at the
//! laptop) is refused at unlock with its own code, changing nothing; the
//! person may accept it deliberately, which loses the changes made after it
//! (issue 11: the app could only fail, the command line alone could accept).

use embargo_api::{CaseFilter, ErrorCode, NewCase};
use embargo_desk::{Desk, LockReason};

use crate::{PASSPHRASE, desk_with_vault, passphrase};

fn titles(desk: &Desk) -> Vec<String> {
    let page = desk
        .with_session(|s| s.find_cases(&CaseFilter::default()))
        .expect("list");
    let mut titles: Vec<String> = page.into_iter().map(|case| case.title).collect();
    titles.sort();
    titles
}

fn new_case(desk: &Desk, title: &str) {
    desk.with_session(|s| {
        s.new_case(NewCase {
            title: title.into(),
            ..NewCase::default()
        })
    })
    .expect("new case");
}

#[test]
fn an_older_database_is_refused_at_unlock_until_the_person_accepts_it() {
    let (home, desk) = desk_with_vault();
    let database = home.path().join("vault").join("vault.db");
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    new_case(&desk, "Second report");
    desk.lock(LockReason::Requested);
    let backup = std::fs::read(&database).expect("read");
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    new_case(&desk, "Made after the backup");
    desk.lock(LockReason::Requested);

    std::fs::write(&database, &backup).expect("put the backup back");
    let error = desk
        .unlock(passphrase(PASSPHRASE))
        .expect_err("an older database");
    assert_eq!(error.code, ErrorCode::RolledBack, "{}", error.message);
    assert!(
        error.message.contains("older than the vault's last change"),
        "{}",
        error.message
    );
    assert!(!desk.is_unlocked());
    assert_eq!(
        std::fs::read(&database).expect("read"),
        backup,
        "nothing changed"
    );

    // Accepting still needs the passphrase.
    let wrong = desk
        .unlock_accepting_restored(passphrase("not the passphrase"))
        .expect_err("wrong passphrase");
    assert_eq!(wrong.code, ErrorCode::WrongPassphrase);
    assert!(!desk.is_unlocked());

    desk.unlock_accepting_restored(passphrase(PASSPHRASE))
        .expect("accepted");
    assert_eq!(titles(&desk), ["Path traversal", "Second report"]);
    desk.lock(LockReason::Requested);

    // From now on the backup is the vault: a plain unlock opens it.
    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    desk.lock(LockReason::Requested);
    // (That an even older copy stays refused afterwards is the command line's
    // `rollback` test: the same core call.)
}
