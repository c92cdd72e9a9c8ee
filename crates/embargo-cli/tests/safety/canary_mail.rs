//! The e-mail that carries the canary into `embargo import`.

/// Standard base64 (for the MIME parts of the probe message).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// A report carrying the canary in its subject, body, sender name, Message-ID and
/// two attachments (name and content; one of them UTF-16LE and base64-encoded).
pub fn probe_message(canary: &str, lower: &str) -> String {
    format!(
        "From: \"Reporter {canary}\" <{lower}@example.org>\n\
         To: security@example.org\n\
         Subject: Report {canary}\n\
         Date: Tue, 10 Nov 2026 12:00:00 +0000\n\
         Message-ID: <{lower}@example.org>\n\
         MIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"part-boundary\"\n\
         \n\
         --part-boundary\n\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         The body of the report mentions {canary} twice: {canary}.\n\
         \n\
         --part-boundary\n\
         Content-Type: text/plain; charset=utf-8; name=\"{canary}.txt\"\n\
         Content-Disposition: attachment; filename=\"{canary}.txt\"\n\
         \n\
         attachment content {canary}\n\
         --part-boundary\n\
         Content-Type: application/octet-stream; name=\"{canary}-utf16.bin\"\n\
         Content-Disposition: attachment; filename=\"{canary}-utf16.bin\"\n\
         Content-Transfer-Encoding: base64\n\
         \n\
         {}\n\
         --part-boundary--\n",
        base64(&utf16le(canary))
    )
}
