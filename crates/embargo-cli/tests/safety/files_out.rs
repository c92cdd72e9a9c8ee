//! Files written outside the vault (attachments, `.eml` drafts, exports) go
//! through one writer: owner-only, never through a symbolic link, never over an
//! existing file without `--force` (issue 11: a saved proof of concept was
//! world-readable, and a dangling link sent it wherever it pointed).

use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::Path;

use crate::support::{TestVault, corpus};

const NOW: &str = "2026-11-24T09:00:00Z";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn with_attachment() -> TestVault {
    let vault = TestVault::new();
    let mail = corpus("with-attachment.eml");
    vault.ok(&["--now", NOW, "import", mail.to_str().unwrap()]);
    vault
}

#[test]
fn a_saved_attachment_is_owner_only_and_replaced_only_with_force() {
    let vault = with_attachment();
    let out = vault.root.path().join("poc.py");
    let save = |extra: &[&str]| {
        let mut args = vec!["case", "save-attachment", "1", "poc.py", "-o"];
        args.push(out.to_str().unwrap());
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let args = save(&[]);
    vault.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        mode(&out),
        0o600,
        "an embargoed proof of concept is owner-only"
    );
    let saved = std::fs::read(&out).unwrap();

    std::fs::write(&out, "the user's own file").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = vault.fails(&args.iter().map(String::as_str).collect::<Vec<_>>(), 1);
    assert!(err.contains("already exists; pass --force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the user's own file"
    );

    let forced = save(&["--force"]);
    vault.ok(&forced.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(std::fs::read(&out).unwrap(), saved);
    assert_eq!(mode(&out), 0o600, "the replacement is owner-only too");
}

#[test]
fn no_file_is_ever_written_through_a_planted_symbolic_link() {
    let vault = with_attachment();
    vault.ok(&["--now", NOW, "draft", "new", "1", "acknowledgment"]);
    let elsewhere = vault.root.path().join("where-the-link-points");
    let planted = vault.root.path().join("planted");
    symlink(&elsewhere, &planted).unwrap();
    let planted = planted.to_str().unwrap();
    let attempts: [&[&str]; 4] = [
        &["case", "save-attachment", "1", "poc.py", "-o", planted],
        &[
            "case",
            "save-attachment",
            "1",
            "poc.py",
            "-o",
            planted,
            "--force",
        ],
        &["draft", "export", "1/D1", "--eml", planted],
        &["draft", "export", "1/D1", "--eml", planted, "--force"],
    ];
    for args in attempts {
        let err = vault.fails(args, 1);
        assert!(
            err.contains("is a symbolic link; Embargo never writes through one"),
            "embargo {args:?}: {err}"
        );
        assert!(
            !elsewhere.exists(),
            "embargo {args:?} wrote through the link"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(vault.root.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".embargo-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}
