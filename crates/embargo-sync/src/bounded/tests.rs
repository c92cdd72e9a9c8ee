#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::*;

const SMALL: Limit = Limit {
    max_bytes: 10,
    what: "a test file",
};

/// Run `f` on another thread and fail if it has not returned within 30 s, so that
/// a read that blocks (the bug these tests guard against) fails instead of hanging.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("blocked for 30 s: the file was read or opened blocking")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_regular_file_is_read_up_to_its_limit_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    std::fs::write(&path, b"0123456789").unwrap();
    assert_eq!(read_regular(&path, SMALL).unwrap(), b"0123456789");
    let (_, size) = open_regular(&path, SMALL).unwrap();
    assert_eq!(size, 10);
    std::fs::write(&path, b"").unwrap();
    assert_eq!(read_regular(&path, SMALL).unwrap(), b"");
}

#[test]
fn one_byte_over_the_limit_is_refused_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    std::fs::write(&path, b"0123456789a").unwrap();
    let refusal = read_regular(&path, SMALL).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::TooLarge {
            size: 11,
            limit: SMALL
        }
    );
    assert!(refusal.is_permanent());
}

#[test]
fn a_sparse_4_gib_file_is_refused_from_its_size_before_a_byte_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sparse");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let refusal = within(move || read_regular(&path, Limit::SEGMENT)).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "4294967296 bytes, above the 257 MiB limit for a segment: never read"
    );
    assert!(refusal.is_permanent());
}

#[test]
fn a_file_that_grows_past_the_limit_while_read_is_caught() {
    // An endless reader stands for a file appended to after its size was taken.
    let refusal = read_within(io::repeat(7), 3, SMALL).unwrap_err();
    assert_eq!(refusal, Refusal::Grew { limit: SMALL });
    assert!(refusal.is_permanent());
    assert!(refusal.to_string().contains("grew past the 10 bytes limit"));
    assert_eq!(read_within(&b"12345"[..], 3, SMALL).unwrap(), b"12345");
}

#[test]
fn a_missing_file_may_still_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let refusal = read_regular(&dir.path().join("nothing"), SMALL).unwrap_err();
    assert_eq!(refusal, Refusal::Missing);
    assert!(!refusal.is_permanent());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_never_followed_to_dev_zero_or_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, b"hello").unwrap();
    let to_file = dir.path().join("to-file");
    std::os::unix::fs::symlink(&file, &to_file).unwrap();
    for link in [zero, to_file] {
        let refusal = within({
            let link = link.clone();
            move || read_regular(&link, Limit::SEGMENT)
        })
        .unwrap_err();
        assert_eq!(refusal, Refusal::NotRegular(FileKind::SymbolicLink));
        assert!(refusal.is_permanent());
        assert_eq!(
            refusal.to_string(),
            "a symbolic link, not a regular file: never followed"
        );
        // And when the link appears after the look: O_NOFOLLOW refuses it.
        let refusal = within(move || open_checked(&link, Limit::SEGMENT)).unwrap_err();
        assert_eq!(refusal, Refusal::NotRegular(FileKind::SymbolicLink));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking_even_when_it_appears_after_the_look() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let refusal = within({
        let fifo = fifo.clone();
        move || read_regular(&fifo, Limit::SEGMENT)
    })
    .unwrap_err();
    assert_eq!(refusal, Refusal::NotRegular(FileKind::Fifo));
    assert_eq!(
        refusal.to_string(),
        "a FIFO, not a regular file: never read"
    );
    assert!(refusal.is_permanent());
    // Opened (without a writer, O_NONBLOCK returns at once) and judged by the handle.
    let refusal = within(move || open_checked(&fifo, Limit::SEGMENT)).unwrap_err();
    assert_eq!(refusal, Refusal::NotRegular(FileKind::Fifo));
}

#[cfg(unix)]
#[test]
fn devices_are_refused_without_reading() {
    for device in ["/dev/null", "/dev/zero"] {
        let path = Path::new(device);
        assert_eq!(
            within(move || read_regular(path, Limit::SEGMENT)).unwrap_err(),
            Refusal::NotRegular(FileKind::CharDevice)
        );
        assert_eq!(
            within(move || open_checked(path, Limit::SEGMENT)).unwrap_err(),
            Refusal::NotRegular(FileKind::CharDevice)
        );
    }
    assert_eq!(
        Refusal::NotRegular(FileKind::CharDevice).to_string(),
        "a character device, not a regular file: never read"
    );
}

#[cfg(unix)]
#[test]
fn a_socket_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let refusal = read_regular(&path, SMALL).unwrap_err();
    assert_eq!(refusal, Refusal::NotRegular(FileKind::Socket));
    assert!(refusal.is_permanent());
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        read_regular(dir.path(), SMALL).unwrap_err(),
        Refusal::NotRegular(FileKind::Directory)
    );
    #[cfg(unix)]
    assert_eq!(
        open_checked(dir.path(), SMALL).unwrap_err(),
        Refusal::NotRegular(FileKind::Directory)
    );
}

#[test]
fn limits_read_as_people_write_them() {
    assert_eq!(size_text(MAX_SEGMENT_FILE_BYTES), "257 MiB");
    assert_eq!(size_text(MAX_ROSTER_FILE_BYTES), "1 MiB");
    assert_eq!(size_text(MAX_AGE_HEADER_BYTES as u64), "16 KiB");
    assert_eq!(size_text(1000), "1000 bytes");
    let refusal = Refusal::TooLarge {
        size: 2 << 20,
        limit: Limit::ROSTER,
    };
    assert_eq!(
        refusal.to_string(),
        "2097152 bytes, above the 1 MiB limit for a roster file: never read"
    );
}

// --- age headers ---

fn encrypt(recipients: usize, plain: &[u8]) -> Vec<u8> {
    let to: Vec<age::x25519::Recipient> = (0..recipients)
        .map(|_| age::x25519::Identity::generate().to_public())
        .collect();
    let encryptor =
        age::Encryptor::with_recipients(to.iter().map(|r| r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    writer.write_all(plain).unwrap();
    writer.finish().unwrap();
    out
}

/// Length of the header: up to and including the MAC line's newline.
fn header_len(file: &[u8]) -> usize {
    let mac = file.windows(5).position(|w| w == b"\n--- ").unwrap() + 1;
    mac + file[mac..].iter().position(|&b| b == b'\n').unwrap() + 1
}

fn stanza_count(header: &[u8]) -> usize {
    header
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"-> "))
        .count()
}

/// A header that looks like age v1: `stanzas` X25519-shaped stanzas whose bodies
/// are `body` bytes, a MAC line and some payload.
fn forged(stanzas: usize, body: usize) -> Vec<u8> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    let mut out = AGE_MAGIC.to_vec();
    for i in 0..stanzas {
        let share = b64.encode([i as u8; 32]);
        out.extend_from_slice(format!("-> X25519 {share}\n").as_bytes());
        let encoded = b64.encode(vec![(i * 7) as u8; body]);
        for line in encoded.as_bytes().chunks(64) {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        if encoded.len().is_multiple_of(64) {
            out.push(b'\n');
        }
    }
    out.extend_from_slice(format!("--- {}\n", b64.encode([9u8; 32])).as_bytes());
    out.extend_from_slice(&[0x5a; 256]);
    out
}

#[test]
fn what_age_writes_for_one_recipient_passes_and_holds_a_grease_stanza() {
    let file = encrypt(1, b"{}");
    check_age_header(&file).unwrap();
    let len = header_len(&file);
    // One X25519 stanza and the grease stanza the `age` crate adds to every file.
    assert_eq!(stanza_count(&file[..len]), 2);
    assert!(len < 400, "{len}");
}

#[test]
fn a_segment_to_the_largest_team_passes_with_room_to_spare() {
    let file = encrypt(MAX_TEAM_MEMBERS, b"{}");
    check_age_header(&file).unwrap();
    let len = header_len(&file);
    assert_eq!(stanza_count(&file[..len]), MAX_AGE_STANZAS);
    assert!(len < MAX_AGE_HEADER_BYTES / 2, "{len}");
}

#[test]
fn a_header_bomb_of_500_stanzas_is_refused_for_good() {
    let bomb = forged(500, 32);
    let refusal = check_age_header(&bomb).unwrap_err();
    assert_eq!(refusal, Refusal::TooManyStanzas);
    assert!(refusal.is_permanent());
    assert!(
        refusal
            .to_string()
            .contains("more than 64 recipient stanzas")
    );
    // Just over the limit is refused, at the limit is not.
    assert_eq!(
        check_age_header(&forged(MAX_AGE_STANZAS + 1, 32)),
        Err(Refusal::TooManyStanzas)
    );
    check_age_header(&forged(MAX_AGE_STANZAS, 32)).unwrap();
}

#[test]
fn a_header_longer_than_the_limit_is_refused_for_good() {
    let fat = forged(8, 2048);
    assert!(header_len(&fat) > MAX_AGE_HEADER_BYTES);
    let refusal = check_age_header(&fat).unwrap_err();
    assert_eq!(refusal, Refusal::HeaderTooLong);
    assert!(refusal.is_permanent());
    // A "header" that is one endless line.
    let mut endless = AGE_MAGIC.to_vec();
    endless.extend_from_slice(b"-> X25519 ");
    endless.resize(1 << 20, b'A');
    assert_eq!(check_age_header(&endless), Err(Refusal::HeaderTooLong));
}

#[test]
fn a_genuine_file_cut_anywhere_in_its_header_may_still_arrive() {
    let file = encrypt(3, b"{\"events\":[]}");
    let len = header_len(&file);
    for cut in 0..len {
        let refusal = check_age_header(&file[..cut]).unwrap_err();
        assert_eq!(refusal, Refusal::HeaderIncomplete, "cut at {cut}");
        assert!(!refusal.is_permanent());
    }
    check_age_header(&file[..len]).unwrap();
}

#[test]
fn armored_files_other_versions_and_garbage_are_refused() {
    let mut armored = Vec::new();
    {
        let to = age::x25519::Identity::generate().to_public();
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&to as &dyn age::Recipient)).unwrap();
        let armor =
            age::armor::ArmoredWriter::wrap_output(&mut armored, age::armor::Format::AsciiArmor)
                .unwrap();
        let mut writer = encryptor.wrap_output(armor).unwrap();
        writer.write_all(b"{}").unwrap();
        writer.finish().unwrap().finish().unwrap();
    }
    let refusal = check_age_header(&armored).unwrap_err();
    assert_eq!(refusal, Refusal::Armored);
    assert!(refusal.is_permanent());

    let refusal = check_age_header(b"age-encryption.org/v2\n-> X\n--- x\n").unwrap_err();
    assert_eq!(refusal, Refusal::AgeVersion("v2".into()));
    assert!(refusal.to_string().contains("\"v2\""));

    let refusal = check_age_header(b"{\"hello\": \"plain JSON\"}").unwrap_err();
    assert_eq!(refusal, Refusal::NotAge);
    assert!(!refusal.is_permanent());

    let mut junk = AGE_MAGIC.to_vec();
    junk.extend_from_slice(b"\x00\xff\x13 binary\n--- x\n");
    assert!(matches!(
        check_age_header(&junk),
        Err(Refusal::MalformedHeader(_))
    ));
    let mut no_recipient = AGE_MAGIC.to_vec();
    no_recipient.extend_from_slice(b"--- AAAA\n");
    assert!(matches!(
        check_age_header(&no_recipient),
        Err(Refusal::MalformedHeader(_))
    ));
    let mut bad_body = AGE_MAGIC.to_vec();
    bad_body.extend_from_slice(b"-> X25519 abc\nnot base64!\n--- x\n");
    assert!(matches!(
        check_age_header(&bad_body),
        Err(Refusal::MalformedHeader(_))
    ));
}

#[test]
fn every_refusal_says_whether_it_can_change() {
    let permanent = [
        Refusal::NotRegular(FileKind::SymbolicLink),
        Refusal::NotRegular(FileKind::Fifo),
        Refusal::NotRegular(FileKind::Directory),
        Refusal::TooLarge {
            size: 11,
            limit: SMALL,
        },
        Refusal::Grew { limit: SMALL },
        Refusal::Armored,
        Refusal::HeaderTooLong,
        Refusal::TooManyStanzas,
    ];
    let not_yet = [
        Refusal::Missing,
        Refusal::Io("Permission denied".into()),
        Refusal::NotAge,
        Refusal::AgeVersion("v2".into()),
        Refusal::HeaderIncomplete,
        Refusal::MalformedHeader("x"),
    ];
    for refusal in permanent {
        assert!(refusal.is_permanent(), "{refusal}");
    }
    for refusal in not_yet {
        assert!(!refusal.is_permanent(), "{refusal}");
    }
}
