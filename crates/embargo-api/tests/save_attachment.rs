//! Saving an attachment out of the vault: only on request, never over a file.

use std::path::Path;
use std::sync::Arc;

use embargo_api::domain::FixedClock;
use embargo_api::{ErrorCode, Session};
use secrecy::SecretString;

#[test]
fn an_attachment_is_saved_byte_for_byte_and_never_over_an_existing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::new(chrono::DateTime::UNIX_EPOCH));
    let mut session = Session::create(
        &dir.path().join("vault"),
        "Ana Ruiz",
        "ana@example.org",
        &SecretString::from("a long enough passphrase"),
        clock,
    )
    .expect("create");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../embargo-mail/tests/corpus");
    let outcome = session
        .import(&[corpus.join("with-attachment.eml")])
        .expect("import");
    let id = &outcome[0].case_id;
    let view = session.show(id).expect("show");
    let attachment = view
        .attachments
        .first()
        .expect("the report has an attachment");

    let destination = dir.path().join("saved");
    let written = session
        .save_attachment(id, &attachment.name, &destination, false)
        .expect("save");
    assert_eq!(written, attachment.size);
    let stored = session.attachment(id, &attachment.name).expect("bytes");
    assert_eq!(std::fs::read(&destination).expect("read back"), stored);

    std::fs::write(&destination, b"precious").expect("overwrite by hand");
    let refused = session
        .save_attachment(id, &attachment.name, &destination, false)
        .expect_err("an existing file is never overwritten");
    assert_eq!(refused.code(), ErrorCode::AlreadyExists);
    assert!(refused.to_string().contains("already exists"), "{refused}");
    assert_eq!(std::fs::read(&destination).expect("read"), b"precious");

    // The save dialog's "Replace": the file is replaced, owner-only.
    session
        .save_attachment(id, &attachment.name, &destination, true)
        .expect("replacing when asked");
    assert_eq!(std::fs::read(&destination).expect("read back"), stored);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&destination)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "a proof of concept is owner-only");

        // A dangling link planted where the person saves: nothing lands where it points.
        let planted = dir.path().join("planted");
        let target = dir.path().join("where-the-link-points");
        std::os::unix::fs::symlink(&target, &planted).expect("link");
        for replace in [false, true] {
            let refused = session
                .save_attachment(id, &attachment.name, &planted, replace)
                .expect_err("never through a link");
            assert!(refused.to_string().contains("symbolic link"), "{refused}");
        }
        assert!(!target.exists());
    }
}
