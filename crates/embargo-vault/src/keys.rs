use std::fmt;
use std::io::Read;
use std::path::Path;

use age::secrecy::ExposeSecret;
use embargo_domain::{AuthorId, DeviceId};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::atomic_file::write_atomically;
use crate::{VaultError, VaultPaths};

/// Newest vault format this build reads and writes (`identity.json` `format`).
pub const VAULT_FORMAT_VERSION: u32 = 1;

/// scrypt work factor (log2 N) for the passphrase file: about a second on a laptop.
const SCRYPT_LOG_N: u8 = 18;
/// The most a key file may ask for when reading: what Embargo writes plus one
/// doubling of margin (512 MiB of memory). Anything above is a file built to be
/// slow, refused before any work as damaged, never tried as a passphrase.
pub const SCRYPT_MAX_LOG_N: u8 = SCRYPT_LOG_N + 1;

/// The user's public identity, shown to teammates. Stored in plaintext.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicIdentity {
    /// Vault format version.
    pub format: u32,
    /// This installation.
    pub device_id: DeviceId,
    /// The user's name.
    pub name: String,
    /// The user's e-mail.
    pub email: String,
    /// age X25519 recipient (`age1…`).
    pub recipient: String,
    /// Ed25519 verifying key, hex.
    pub signing_key: String,
}

impl PublicIdentity {
    /// The author id stamped on this user's events.
    pub fn author(&self) -> AuthorId {
        AuthorId(self.signing_key.clone())
    }

    /// Read the public identity of the vault at `paths` (no passphrase needed).
    pub fn read(paths: &VaultPaths) -> Result<Self, VaultError> {
        let path = paths.identity();
        let damaged = |reason: String| VaultError::DamagedKeyFile {
            path: path.clone(),
            reason,
        };
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| damaged("not UTF-8 text".into()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(if paths.keys().exists() || paths.database().exists() {
                    VaultError::MissingKeyFile(path)
                } else {
                    VaultError::NotFound(paths.dir().to_path_buf())
                });
            }
            Err(e) => return Err(VaultError::io(format!("reading {}", path.display()))(e)),
        };
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let damaged = |reason: String| VaultError::DamagedKeyFile {
            path: path.clone(),
            reason,
        };
        let version: Version = serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))?;
        if version.format > VAULT_FORMAT_VERSION {
            return Err(VaultError::NewerFormat {
                found: version.format,
                supported: VAULT_FORMAT_VERSION,
            });
        }
        serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))
    }

    pub(crate) fn write(&self, paths: &VaultPaths) -> Result<(), VaultError> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| VaultError::io("encoding identity")(e.into()))?;
        write_atomically(&paths.identity(), &json)
    }
}

/// The user's secret keys, held only while the vault is unlocked.
pub(crate) struct SecretKeys {
    pub(crate) age: age::x25519::Identity,
    pub(crate) signing: ed25519_dalek::SigningKey,
}

impl fmt::Debug for SecretKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKeys(<redacted>)")
    }
}

/// What `keys.age` decrypts to.
#[derive(Serialize, Deserialize)]
struct KeyFile {
    version: u32,
    age_identity: String,
    signing_key: String,
}

impl Drop for KeyFile {
    fn drop(&mut self) {
        self.age_identity.zeroize();
        self.signing_key.zeroize();
    }
}

impl SecretKeys {
    pub(crate) fn generate() -> Result<Self, VaultError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut()).map_err(|e| {
            VaultError::io("gathering randomness")(std::io::Error::other(e.to_string()))
        })?;
        Ok(Self {
            age: age::x25519::Identity::generate(),
            signing: ed25519_dalek::SigningKey::from_bytes(&seed),
        })
    }

    pub(crate) fn public(&self, name: &str, email: &str, device_id: DeviceId) -> PublicIdentity {
        PublicIdentity {
            format: VAULT_FORMAT_VERSION,
            device_id,
            name: name.to_owned(),
            email: email.to_owned(),
            recipient: self.age.to_public().to_string(),
            signing_key: hex::encode(self.signing.verifying_key().as_bytes()),
        }
    }

    /// Encrypt under the passphrase and write `keys.age` atomically.
    pub(crate) fn save(
        &self,
        paths: &VaultPaths,
        passphrase: &SecretString,
    ) -> Result<(), VaultError> {
        let file = KeyFile {
            version: 1,
            age_identity: self.age.to_string().expose_secret().to_owned(),
            signing_key: hex::encode(self.signing.to_bytes()),
        };
        let plain = Zeroizing::new(
            serde_json::to_vec(&file).map_err(|e| VaultError::io("encoding keys")(e.into()))?,
        );
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        recipient.set_work_factor(SCRYPT_LOG_N);
        let sealed = age::encrypt(&recipient, &plain)
            .map_err(|e| VaultError::io("encrypting keys")(std::io::Error::other(e.to_string())))?;
        write_atomically(&paths.keys(), &sealed)
    }

    /// Read and decrypt `keys.age`.
    pub(crate) fn load(paths: &VaultPaths, passphrase: &SecretString) -> Result<Self, VaultError> {
        let path = paths.keys();
        let sealed = read_key_file(&path)?;
        let damaged = |reason: String| VaultError::DamagedKeyFile {
            path: path.clone(),
            reason,
        };
        let plain = match open_passphrase_file(&sealed, passphrase) {
            Ok(plain) => plain,
            Err(KeyFileRefusal::WrongPassphrase) => {
                return Err(VaultError::WrongPassphrase(paths.dir().to_path_buf()));
            }
            Err(KeyFileRefusal::Damaged(reason)) => return Err(damaged(reason)),
        };
        let file: KeyFile =
            serde_json::from_slice(&plain).map_err(|_| damaged("unreadable contents".into()))?;
        let age = file
            .age_identity
            .parse::<age::x25519::Identity>()
            .map_err(|_| damaged("invalid age identity".into()))?;
        let mut seed = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(&file.signing_key, seed.as_mut())
            .map_err(|_| damaged("invalid signing key".into()))?;
        Ok(Self {
            age,
            signing: ed25519_dalek::SigningKey::from_bytes(&seed),
        })
    }

    /// Wrap the database key to our own age recipient.
    pub(crate) fn seal_db_key(&self, paths: &VaultPaths, db_key: &DbKey) -> Result<(), VaultError> {
        let sealed = age::encrypt(&self.age.to_public(), &db_key.0[..]).map_err(|e| {
            VaultError::io("encrypting the database key")(std::io::Error::other(e.to_string()))
        })?;
        write_atomically(&paths.db_key(), &sealed)
    }

    /// Unwrap the database key.
    pub(crate) fn open_db_key(&self, paths: &VaultPaths) -> Result<DbKey, VaultError> {
        let path = paths.db_key();
        let sealed = read_key_file(&path)?;
        let damaged = |reason: &str| VaultError::DamagedKeyFile {
            path: path.clone(),
            reason: reason.to_owned(),
        };
        let plain = open_sealed_to(&sealed, &self.age).map_err(damaged)?;
        let key: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| damaged("wrong key length"))?;
        Ok(DbKey(Zeroizing::new(key)))
    }
}

/// The raw 256-bit SQLCipher key.
pub(crate) struct DbKey(Zeroizing<[u8; 32]>);

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

impl DbKey {
    pub(crate) fn generate() -> Result<Self, VaultError> {
        let mut key = Zeroizing::new([0u8; 32]);
        getrandom::fill(key.as_mut()).map_err(|e| {
            VaultError::io("gathering randomness")(std::io::Error::other(e.to_string()))
        })?;
        Ok(Self(key))
    }

    /// The raw key, to derive other keys from.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0[..]
    }

    /// The `PRAGMA key` statement for a raw key (no KDF), zeroized after use.
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        let mut statement = Zeroizing::new(String::with_capacity(80));
        statement.push_str("PRAGMA key = \"x'");
        statement.push_str(&Zeroizing::new(hex::encode_upper(&self.0[..])));
        statement.push_str("'\";");
        statement
    }
}

/// Why a passphrase-protected file did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFileRefusal {
    /// The passphrase does not open it (the header MAC or the key unwrap fails).
    WrongPassphrase,
    /// The file is not a well-formed age passphrase file, or asks for more work
    /// than Embargo accepts; the reason in words.
    Damaged(String),
}

/// Decrypt a passphrase-protected age file the way `keys.age` is opened: an
/// scrypt work factor above [`SCRYPT_MAX_LOG_N`] is refused before any work,
/// and the plaintext is released whole or not at all (never the chunks that
/// decrypted before a damaged one).
pub fn open_passphrase_file(
    sealed: &[u8],
    passphrase: &SecretString,
) -> Result<Zeroizing<Vec<u8>>, KeyFileRefusal> {
    crate::kdf_limit::check_scrypt_work_factor(sealed, SCRYPT_MAX_LOG_N)
        .map_err(KeyFileRefusal::Damaged)?;
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(SCRYPT_MAX_LOG_N);
    match age::decrypt(&identity, sealed) {
        Ok(plain) => Ok(Zeroizing::new(plain)),
        // A wrong passphrase fails the header MAC or the key unwrap; anything
        // else means the file itself is not a well-formed age file.
        Err(age::DecryptError::DecryptionFailed)
        | Err(age::DecryptError::KeyDecryptionFailed)
        | Err(age::DecryptError::NoMatchingKeys) => Err(KeyFileRefusal::WrongPassphrase),
        Err(e) => Err(KeyFileRefusal::Damaged(e.to_string())),
    }
}

/// Decrypt an age file sealed to `identity` the way `db.key.age` is opened:
/// whole or not at all.
pub fn open_sealed_to(
    sealed: &[u8],
    identity: &age::x25519::Identity,
) -> Result<Zeroizing<Vec<u8>>, &'static str> {
    let mut plain = Zeroizing::new(Vec::new());
    let decryptor = age::Decryptor::new(sealed).map_err(|_| "not an age file")?;
    decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .and_then(|mut reader| {
            reader
                .read_to_end(&mut plain)
                .map_err(age::DecryptError::from)
        })
        .map_err(|_| "it does not decrypt with this identity")?;
    Ok(plain)
}

fn read_key_file(path: &Path) -> Result<Vec<u8>, VaultError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(VaultError::MissingKeyFile(path.to_path_buf()))
        }
        Err(e) => Err(VaultError::io(format!("reading {}", path.display()))(e)),
    }
}
