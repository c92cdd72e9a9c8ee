//! Changing the passphrase from Settings: each refusal has its code and leaves
//! the vault unlocked on the old passphrase; a change keeps the window's session
//! open, and the next unlock takes the new passphrase only.

use embargo_api::{ErrorCode, PassphraseChange};
use embargo_desk::LockReason;

use crate::{PASSPHRASE, desk_with_vault, passphrase};

const NEW: &str = "quartz meadow lantern 7";

fn change(current: &str, new: &str, repeated: &str) -> PassphraseChange {
    PassphraseChange {
        current: passphrase(current),
        new: passphrase(new),
        repeated: passphrase(repeated),
    }
}

#[test]
fn a_changed_passphrase_keeps_the_session_and_opens_the_vault_next_time() {
    let (_home, desk) = desk_with_vault();
    let locked = desk
        .change_passphrase(&change(PASSPHRASE, NEW, NEW))
        .expect_err("needs the unlocked vault");
    assert_eq!(locked.code, ErrorCode::NotUnlocked);

    desk.unlock(passphrase(PASSPHRASE)).expect("unlock");
    for (attempt, code) in [
        (
            change("not the passphrase", NEW, NEW),
            ErrorCode::WrongPassphrase,
        ),
        (change(PASSPHRASE, "tiny", "tiny"), ErrorCode::InvalidInput),
        (
            change(PASSPHRASE, NEW, "quartz meadow lantern 8"),
            ErrorCode::InvalidInput,
        ),
    ] {
        let error = desk.change_passphrase(&attempt).expect_err("refused");
        assert_eq!(error.code, code, "{}", error.message);
        assert!(desk.is_unlocked(), "a refusal does not lock the vault");
    }

    desk.change_passphrase(&change(PASSPHRASE, NEW, NEW))
        .expect("change");
    assert!(desk.is_unlocked(), "the session stays open");
    assert_eq!(
        desk.with_session(|s| s.list(None)).expect("list").len(),
        1,
        "and keeps working"
    );
    desk.lock(LockReason::Requested);
    let old = desk
        .unlock(passphrase(PASSPHRASE))
        .expect_err("the old passphrase is gone");
    assert_eq!(old.code, ErrorCode::WrongPassphrase);
    desk.unlock(passphrase(NEW)).expect("the new one opens it");
}
