//! The department key file (密钥文件): one department's signing key as a small JSON document.
//!
//! At rest the file is encrypted with a passphrase in the age format (age-encryption.org/v1,
//! scrypt recipient, ASCII armour). Decryption is the surface's job (the `age` crate in the CLI,
//! `age-encryption` in JavaScript), because it needs a passphrase and, in the browser, must not
//! grow the verifier module; everything after it — recognising an encrypted file, reading the
//! document, checking that its public key and key id belong to its seed, and which logs the key
//! may sign — is here, so the CLI, npm and the page accept and refuse the same files.
//!
//! ```json
//! {"department":"zjj","key_id":"…32 hex…","public":"…64 hex…","seed":"…64 hex…","type":"qinglian-secret-key"}
//! ```

use crate::crypto::SecretKey;
use crate::statement;
use serde_json::{json, Value};

/// The `type` member of every key file.
pub const KEY_FILE_TYPE: &str = "qinglian-secret-key";

/// The scrypt work factor (log2 N) new key files are encrypted with: about a second in a browser,
/// and at most [`MAX_WORK_FACTOR`], which `age-encryption` (the browser's decrypter) refuses above.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// The largest work factor every surface can open (age-encryption 0.3 accepts up to 2^20).
pub const MAX_WORK_FACTOR: u8 = 20;
/// The smallest work factor a key file may be written with (tests and throw-away keys).
pub const MIN_WORK_FACTOR: u8 = 10;

/// A department's signing key, as read from its key file.
pub struct KeyFile {
    /// The department id the key signs for (e.g. `zjj`, 住建局).
    pub department: String,
    pub key: SecretKey,
}

/// Why a key file was refused. One enum for reading a key file, with stable codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFileError {
    /// The file is age-encrypted: decrypt it with its passphrase first.
    Encrypted,
    /// Not a key file document (with what is wrong).
    Invalid(String),
    /// `public` or `key_id` does not belong to `seed`: the file was edited or assembled by hand.
    Mismatch,
    /// The key belongs to another department than the log it was asked to sign.
    WrongDepartment { department: String, log: String },
    /// The passphrase does not open the encrypted file.
    WrongPassphrase,
    /// The encrypted file cannot be opened for another reason (damaged, another recipient type,
    /// a work factor above [`MAX_WORK_FACTOR`]); the decrypter's own words.
    Undecryptable(String),
}

impl KeyFileError {
    /// The stable code of this refusal, the same on every surface.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Encrypted => "KEY_FILE_ENCRYPTED",
            Self::Invalid(_) => "KEY_FILE_INVALID",
            Self::Mismatch => "KEY_FILE_MISMATCH",
            Self::WrongDepartment { .. } => "KEY_WRONG_DEPARTMENT",
            Self::WrongPassphrase => "KEY_FILE_PASSPHRASE",
            Self::Undecryptable(_) => "KEY_FILE_UNDECRYPTABLE",
        }
    }
}

impl std::fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Encrypted => f.write_str("the key file is encrypted (age): give its passphrase"),
            Self::Invalid(what) => write!(f, "not a qinglian key file: {what}"),
            Self::Mismatch => f.write_str("the key file's public key or key id does not belong to its seed"),
            Self::WrongDepartment { department, log } => {
                write!(f, "the key of department {department} may not sign log {log}")
            }
            Self::WrongPassphrase => f.write_str("the passphrase does not open this key file"),
            Self::Undecryptable(why) => write!(f, "the encrypted key file cannot be opened: {why}"),
        }
    }
}

impl std::error::Error for KeyFileError {}

/// A department id follows the log-id grammar, `[a-z0-9-]{1,32}`.
fn check_department(department: &str) -> Result<(), KeyFileError> {
    if statement::valid_log_id(&format!("{department}/main")) {
        Ok(())
    } else {
        Err(KeyFileError::Invalid(format!("department {} is not [a-z0-9-]{{1,32}}", crate::read::quoted(department))))
    }
}

/// True when `bytes` is an age file, armoured or binary (what a key file is at rest).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    let text = bytes.trim_ascii_start();
    text.starts_with(b"age-encryption.org/") || text.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// Names the department and key id; never the seed, so a logged error cannot leak it.
impl std::fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFile")
            .field("department", &self.department)
            .field("key_id", &self.key.public().id.to_hex())
            .finish()
    }
}

impl KeyFile {
    /// The key file of `department`, refused when the id is outside the log-id grammar.
    pub fn new(department: &str, key: SecretKey) -> Result<KeyFile, KeyFileError> {
        check_department(department)?;
        Ok(KeyFile { department: department.to_owned(), key })
    }

    /// Read a decrypted key file. An encrypted one is [`KeyFileError::Encrypted`].
    pub fn parse(bytes: &[u8]) -> Result<KeyFile, KeyFileError> {
        if is_encrypted(bytes) {
            return Err(KeyFileError::Encrypted);
        }
        let v: Value = serde_json::from_slice(bytes).map_err(|e| KeyFileError::Invalid(format!("not JSON ({e})")))?;
        let text = |name: &str| {
            v.get(name).and_then(Value::as_str).ok_or_else(|| KeyFileError::Invalid(format!("no string \"{name}\"")))
        };
        if text("type")? != KEY_FILE_TYPE {
            return Err(KeyFileError::Invalid(format!("\"type\" is not \"{KEY_FILE_TYPE}\"")));
        }
        let department = text("department")?;
        check_department(department)?;
        let seed = hex::decode(text("seed")?)
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| KeyFileError::Invalid("\"seed\" is not 64 hex digits".to_owned()))?;
        let key = SecretKey::from_seed(&seed);
        // Both are optional in the document's grammar only in the sense that old files may lack
        // them; when present they must agree, so an edited file is refused, not silently re-keyed.
        if v.get("public").is_some() && text("public")? != hex::encode(key.public().bytes) {
            return Err(KeyFileError::Mismatch);
        }
        if v.get("key_id").is_some() && text("key_id")? != key.public().id.to_hex() {
            return Err(KeyFileError::Mismatch);
        }
        Ok(KeyFile { department: department.to_owned(), key })
    }

    /// The decrypted document, as written before encryption.
    pub fn to_json(&self) -> Value {
        json!({
            "department": self.department,
            "key_id": self.key.public().id.to_hex(),
            "public": hex::encode(self.key.public().bytes),
            "seed": hex::encode(self.key.seed()),
            "type": KEY_FILE_TYPE,
        })
    }

    /// The document as file text (pretty, with a final newline).
    pub fn to_text(&self) -> String {
        format!("{:#}\n", self.to_json())
    }

    /// A department key signs only its own department's logs (`zjj/main`, `zjj/2026`, …).
    pub fn check_log(&self, log: &str) -> Result<(), KeyFileError> {
        if statement::log_department(log) == self.department {
            Ok(())
        } else {
            Err(KeyFileError::WrongDepartment { department: self.department.clone(), log: log.to_owned() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> KeyFile {
        KeyFile::new("zjj", SecretKey::from_seed(&[7; 32])).unwrap()
    }

    #[test]
    fn round_trips_and_checks_the_department() {
        let read = KeyFile::parse(file().to_text().as_bytes()).unwrap();
        assert_eq!(read.department, "zjj");
        assert_eq!(read.key.seed(), [7; 32]);
        assert!(read.check_log("zjj/main").is_ok());
        assert_eq!(read.check_log("fgw/main").unwrap_err().code(), "KEY_WRONG_DEPARTMENT");
        assert_eq!(KeyFile::new("ZJJ!", SecretKey::from_seed(&[7; 32])).unwrap_err().code(), "KEY_FILE_INVALID");
    }

    #[test]
    fn refuses_encrypted_edited_and_foreign_files() {
        let armoured = b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n";
        assert_eq!(KeyFile::parse(armoured).unwrap_err(), KeyFileError::Encrypted);
        assert_eq!(KeyFile::parse(b"age-encryption.org/v1\n-> scrypt").unwrap_err(), KeyFileError::Encrypted);

        let mut edited = file().to_json();
        edited["public"] = Value::from(hex::encode([1u8; 32]));
        assert_eq!(KeyFile::parse(edited.to_string().as_bytes()).unwrap_err(), KeyFileError::Mismatch);
        let mut edited = file().to_json();
        edited["key_id"] = Value::from("00".repeat(16));
        assert_eq!(KeyFile::parse(edited.to_string().as_bytes()).unwrap_err(), KeyFileError::Mismatch);

        for bad in [
            &b"not json"[..],
            br#"{"type":"something-else","department":"zjj","seed":""}"#,
            br#"{"type":"qinglian-secret-key","department":"ZJJ","seed":"00"}"#,
            br#"{"type":"qinglian-secret-key","department":"zjj","seed":"0011"}"#,
            br#"{"type":"qinglian-secret-key","seed":"0011"}"#,
        ] {
            assert_eq!(KeyFile::parse(bad).unwrap_err().code(), "KEY_FILE_INVALID", "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn reads_files_without_the_derived_members() {
        let mut v = file().to_json();
        v.as_object_mut().unwrap().retain(|k, _| k != "public" && k != "key_id");
        assert_eq!(KeyFile::parse(v.to_string().as_bytes()).unwrap().key.seed(), [7; 32]);
    }
}
