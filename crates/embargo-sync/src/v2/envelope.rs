//! Envelopes: one generation's secret key, wrapped with age to one member and signed
//! by the admin who granted it.
//!
//! The plaintext of an envelope is an age identity file: signed metadata in `#`
//! comment lines, then the generation's `AGE-SECRET-KEY-1…` line. So the stock `age`
//! CLI reads a team's data in two steps:
//!
//! ```text
//! age -d -i me.key  v2/keys/team/000001/<me>-<hash>.age > team-1.key
//! age -d -i team-1.key v2/devices/<device>/000000000001-<hash>.seg
//! ```

use std::io::{Read, Write};

use age::secrecy::ExposeSecret;
use ed25519_dalek::SigningKey;
use zeroize::Zeroizing;

use crate::signed::{sign, verify};

const FIRST_LINE: &str = "# embargo-envelope-v2";
const CONTEXT: &str = "embargo-envelope-v2\n";
/// An envelope is a few hundred bytes; anything much larger is not one.
pub const MAX_ENVELOPE_BYTES: u64 = 4 * 1024;
/// The size limit envelope files are read under (plaintext plus age's overhead).
pub const ENVELOPE_LIMIT: crate::bounded::Limit = crate::bounded::Limit {
    max_bytes: MAX_ENVELOPE_BYTES + 1024,
    what: "an envelope",
};

/// What an envelope says, besides the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Team id.
    pub team: String,
    /// Key scope (`team`).
    pub scope: String,
    /// Generation of that scope.
    pub generation: u32,
    /// The generation's public recipient, as the roster lists it.
    pub recipient: String,
    /// The member it is for (Ed25519 key, hex).
    pub member: String,
    /// The roster version under which the admin granted it.
    pub roster_version: u64,
    /// That roster version's file hash.
    pub roster_hash: String,
    /// The admin who granted it (Ed25519 key, hex).
    pub signer: String,
}

impl Grant {
    /// The signed metadata lines, exactly as they stand in the envelope.
    fn lines(&self) -> String {
        format!(
            "# team: {}\n# scope: {}\n# generation: {}\n# recipient: {}\n# member: {}\n# roster: {}-{}\n# signer: {}\n",
            self.team,
            self.scope,
            self.generation,
            self.recipient,
            self.member,
            self.roster_version,
            self.roster_hash,
            self.signer
        )
    }

    fn message(&self, secret_line: &str) -> Vec<u8> {
        format!("{CONTEXT}{}{secret_line}\n", self.lines()).into_bytes()
    }
}

/// An envelope opened by its member: the grant and the generation's identity.
pub struct Opened {
    /// What was granted.
    pub grant: Grant,
    /// The generation's secret.
    pub identity: age::x25519::Identity,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("grant", &self.grant)
            .finish_non_exhaustive()
    }
}

/// Wrap `secret` (whose public half is `grant.recipient`) to `to`, signed by `admin`.
pub fn seal(
    grant: &Grant,
    secret: &age::x25519::Identity,
    admin: &SigningKey,
    to: &age::x25519::Recipient,
) -> std::io::Result<Vec<u8>> {
    let secret_line = secret.to_string();
    let sig = sign(admin, &grant.message(secret_line.expose_secret()));
    let plain = Zeroizing::new(format!(
        "{FIRST_LINE}\n{}# sig: {sig}\n{}\n",
        grant.lines(),
        secret_line.expose_secret()
    ));
    let encryptor = age::Encryptor::with_recipients(std::iter::once(to as &dyn age::Recipient))
        .map_err(std::io::Error::other)?;
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plain.as_bytes())?;
    writer.finish()?;
    Ok(out)
}

/// Why an envelope could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Not an age file for me (or cut short: maybe still arriving).
    NotForMe(String),
    /// Decrypts, but is not an envelope, or its signature does not hold.
    Invalid(String),
}

/// Decrypt with my identity and check the envelope's own signature and that the
/// secret matches the recipient it names. Whether the signer may grant it is the
/// caller's question (it needs the roster).
pub fn open(bytes: &[u8], me: &age::x25519::Identity) -> Result<Opened, OpenError> {
    crate::bounded::check_age_header(bytes).map_err(|e| OpenError::Invalid(e.to_string()))?;
    let decryptor = age::Decryptor::new_buffered(bytes)
        .map_err(|e| OpenError::NotForMe(format!("not a readable age file ({e})")))?;
    let reader = decryptor
        .decrypt(std::iter::once(me as &dyn age::Identity))
        .map_err(|e| OpenError::NotForMe(format!("cannot decrypt ({e})")))?;
    let mut plain = Zeroizing::new(Vec::new());
    // One byte past the limit: a longer plaintext is refused whole, never cut to
    // the limit and parsed (age's later chunks, possibly damaged, go unread).
    reader
        .take(MAX_ENVELOPE_BYTES + 1)
        .read_to_end(&mut plain)
        .map_err(|e| OpenError::NotForMe(format!("incomplete or altered ({e})")))?;
    if plain.len() as u64 > MAX_ENVELOPE_BYTES {
        return Err(OpenError::Invalid(format!(
            "holds more than the {MAX_ENVELOPE_BYTES} bytes an envelope may"
        )));
    }
    let text = std::str::from_utf8(&plain)
        .map_err(|_| OpenError::Invalid("decrypts, but is not text".into()))?;
    parse(text)
}

fn parse(text: &str) -> Result<Opened, OpenError> {
    let invalid = |why: &str| OpenError::Invalid(format!("not an Embargo envelope: {why}"));
    let mut lines = text.lines();
    if lines.next() != Some(FIRST_LINE) {
        return Err(invalid("wrong first line"));
    }
    let mut field = |name: &str| -> Result<String, OpenError> {
        lines
            .next()
            .and_then(|line| line.strip_prefix("# "))
            .and_then(|line| line.strip_prefix(name))
            .and_then(|line| line.strip_prefix(": "))
            .map(str::to_owned)
            .ok_or_else(|| invalid(&format!("expected `# {name}: …`")))
    };
    let team = field("team")?;
    let scope = field("scope")?;
    let generation = field("generation")?;
    let recipient = field("recipient")?;
    let member = field("member")?;
    let roster = field("roster")?;
    let signer = field("signer")?;
    let sig = field("sig")?;
    let secret_line = lines.next().ok_or_else(|| invalid("no secret key"))?;
    if lines.next().is_some() {
        return Err(invalid("text after the secret key"));
    }
    let (roster_version, roster_hash) = roster
        .split_once('-')
        .and_then(|(v, h)| Some((v.parse().ok()?, h.to_owned())))
        .ok_or_else(|| invalid("bad roster reference"))?;
    let grant = Grant {
        team,
        scope,
        generation: generation.parse().map_err(|_| invalid("bad generation"))?,
        recipient,
        member,
        roster_version,
        roster_hash,
        signer,
    };
    if !verify(&grant.signer, &grant.message(secret_line), &sig) {
        return Err(OpenError::Invalid(
            "the envelope's signature does not hold".into(),
        ));
    }
    let identity: age::x25519::Identity = secret_line
        .parse()
        .map_err(|_| invalid("the secret is not an age X25519 identity"))?;
    if identity.to_public().to_string() != grant.recipient {
        return Err(OpenError::Invalid(
            "the secret does not belong to the recipient it names".into(),
        ));
    }
    Ok(Opened { grant, identity })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn grant(secret: &age::x25519::Identity, admin: &SigningKey, member: &str) -> Grant {
        Grant {
            team: "2b0f5a3e-0000-4000-8000-000000000001".into(),
            scope: "team".into(),
            generation: 3,
            recipient: secret.to_public().to_string(),
            member: member.into(),
            roster_version: 4,
            roster_hash: "ab".repeat(32),
            signer: hex::encode(admin.verifying_key().as_bytes()),
        }
    }

    #[test]
    fn an_envelope_opens_for_its_member_only() {
        let admin = SigningKey::from_bytes(&[7; 32]);
        let member = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let secret = age::x25519::Identity::generate();
        let grant = grant(&secret, &admin, "cd");
        let bytes = seal(&grant, &secret, &admin, &member.to_public()).unwrap();
        let opened = open(&bytes, &member).unwrap();
        assert_eq!(opened.grant, grant);
        assert_eq!(
            opened.identity.to_public().to_string(),
            secret.to_public().to_string()
        );
        assert!(matches!(open(&bytes, &other), Err(OpenError::NotForMe(_))));
    }

    #[test]
    fn an_altered_grant_or_a_foreign_secret_is_invalid() {
        let admin = SigningKey::from_bytes(&[7; 32]);
        let secret = age::x25519::Identity::generate();
        let good = grant(&secret, &admin, "cd");
        let sig = sign(&admin, &good.message(secret.to_string().expose_secret()));
        let text = |g: &Grant, secret_line: &str| {
            format!("{FIRST_LINE}\n{}# sig: {sig}\n{secret_line}\n", g.lines())
        };
        let secret_line = secret.to_string();
        assert!(parse(&text(&good, secret_line.expose_secret())).is_ok());
        let mut raised = good.clone();
        raised.generation = 4;
        assert!(matches!(
            parse(&text(&raised, secret_line.expose_secret())),
            Err(OpenError::Invalid(_))
        ));
        let stranger = age::x25519::Identity::generate().to_string();
        assert!(matches!(
            parse(&text(&good, stranger.expose_secret())),
            Err(OpenError::Invalid(_))
        ));
    }
}
