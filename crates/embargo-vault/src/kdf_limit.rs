//! Refusing a passphrase file built to be slow before spending anything on it.
//!
//! An age passphrase file names its scrypt work factor in its header. age
//! itself caps it too, but its refusal reads like any other failure; this check
//! runs first, on the header text alone, so a file asking for more than Embargo
//! would ever write is reported as damaged, in words, at once, and never costs
//! gigabytes and seconds before ending as "wrong passphrase" (which invites
//! retries).

/// The header ends at the MAC line; age headers are small, so look no further.
const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuse any scrypt stanza whose work factor (log2 N) is above `max`, or that
/// does not name one.
pub(crate) fn check_scrypt_work_factor(file: &[u8], max: u8) -> Result<(), String> {
    let header = &file[..file.len().min(MAX_HEADER_BYTES)];
    let header = match header.windows(4).position(|w| w == b"\n---") {
        Some(end) => &header[..end],
        None => header,
    };
    for line in header.split(|&b| b == b'\n') {
        let Some(arguments) = line.strip_prefix(b"-> scrypt ") else {
            continue;
        };
        let factor = arguments
            .split(|&b| b == b' ')
            .nth(1)
            .and_then(|arg| std::str::from_utf8(arg).ok())
            .filter(|arg| !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|arg| arg.parse::<u32>().ok());
        match factor {
            Some(factor) if factor <= u32::from(max) => {}
            Some(factor) => {
                return Err(format!(
                    "it asks for a scrypt work factor of 2^{factor}, above the 2^{max} Embargo accepts: \
                     a file built to be slow, not a wrong passphrase; nothing was tried"
                ));
            }
            None => return Err("its scrypt stanza names no valid work factor".into()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(factor: &str) -> Vec<u8> {
        format!(
            "age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA {factor}\nYm9keQ\n--- bWFj\npayload"
        )
        .into_bytes()
    }

    #[test]
    fn factors_up_to_the_cap_pass_and_above_it_are_refused_in_words() {
        assert_eq!(check_scrypt_work_factor(&header("18"), 19), Ok(()));
        assert_eq!(check_scrypt_work_factor(&header("19"), 19), Ok(()));
        for factor in ["20", "22", "64", "255", "4294967296"] {
            let refused = check_scrypt_work_factor(&header(factor), 19);
            assert!(
                refused.as_ref().is_err_and(
                    |e| e.contains("built to be slow") || e.contains("no valid work factor")
                ),
                "{factor}: {refused:?}"
            );
        }
    }

    #[test]
    fn a_stanza_without_a_readable_factor_is_refused() {
        for factor in ["", "-1", "1e3", "+18", "١٨"] {
            assert!(
                check_scrypt_work_factor(&header(factor), 19).is_err(),
                "{factor:?}"
            );
        }
    }

    #[test]
    fn files_without_a_scrypt_stanza_are_left_to_age() {
        let x25519 = b"age-encryption.org/v1\n-> X25519 abc\nYm9keQ\n--- bWFj\n";
        assert_eq!(check_scrypt_work_factor(x25519, 19), Ok(()));
        assert_eq!(check_scrypt_work_factor(b"", 19), Ok(()));
    }
}
