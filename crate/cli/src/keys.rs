//! Key files on disk: encrypted at rest with a passphrase in the age format (scrypt recipient,
//! ASCII armour), so a copied file is not a usable key. The document inside, and every rule about
//! it, is the core's `keyfile`; this module only supplies passphrases and runs the `age` crate.
//!
//! The passphrase comes from `QINGLIAN_PASSPHRASE`, else the first line of the file named by
//! `QINGLIAN_PASSPHRASE_FILE`, else a prompt on the terminal (asked twice for a new file).

use crate::files::{self, CliResult};
use age::secrecy::SecretString;
use qinglian_core::crypto::SecretKey;
use qinglian_core::keyfile::{self, KeyFile, KeyFileError};
use std::io::IsTerminal;
use std::path::Path;

/// How a key file is written.
#[derive(Clone, Copy)]
pub enum AtRest {
    /// age with a passphrase at this scrypt work factor (log2 N).
    Encrypted { work_factor: u8 },
    /// The bare document: only for throw-away keys (the demo's, tests), with a warning.
    Plaintext,
}

fn error(path: &Path, e: &KeyFileError) -> String {
    format!("{}: {}: {e}", e.code(), path.display())
}

fn passphrase(path: &Path, new: bool) -> CliResult<SecretString> {
    if let Ok(p) = std::env::var("QINGLIAN_PASSPHRASE") {
        return Ok(SecretString::from(p));
    }
    if let Ok(f) = std::env::var("QINGLIAN_PASSPHRASE_FILE") {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("QINGLIAN_PASSPHRASE_FILE {f}: {e}"))?;
        return Ok(SecretString::from(text.lines().next().unwrap_or_default().to_owned()));
    }
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "{}: a passphrase is needed and there is no terminal to ask on: set QINGLIAN_PASSPHRASE or QINGLIAN_PASSPHRASE_FILE",
            path.display()
        ));
    }
    let prompt = |p: &str| rpassword::prompt_password(p).map_err(|e| format!("cannot read the passphrase: {e}"));
    let first = prompt(&format!("passphrase for {}: ", path.display()))?;
    if new {
        if first.chars().count() < 8 {
            return Err("a key file's passphrase has at least 8 characters".to_owned());
        }
        if prompt("again: ")? != first {
            return Err("the two passphrases differ".to_owned());
        }
    }
    Ok(SecretString::from(first))
}

/// Read a key file, decrypting it when it is encrypted.
pub fn read(path: &Path) -> CliResult<KeyFile> {
    let bytes = files::read(path)?;
    let plain = if keyfile::is_encrypted(&bytes) { decrypt(path, &bytes)? } else { bytes };
    KeyFile::parse(&plain).map_err(|e| error(path, &e))
}

/// Read a key file that will sign into `log`: its department must own the log.
pub fn read_for_log(path: &Path, log: &str) -> CliResult<KeyFile> {
    let file = read(path)?;
    file.check_log(log).map_err(|e| error(path, &e))?;
    Ok(file)
}

fn decrypt(path: &Path, bytes: &[u8]) -> CliResult<Vec<u8>> {
    let mut identity = age::scrypt::Identity::new(passphrase(path, false)?);
    identity.set_max_work_factor(keyfile::MAX_WORK_FACTOR);
    age::decrypt(&identity, bytes).map_err(|e| {
        let e = match e {
            age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => KeyFileError::WrongPassphrase,
            other => KeyFileError::Undecryptable(other.to_string()),
        };
        error(path, &e)
    })
}

/// The file's bytes: armoured age text, or the bare document.
fn encode(path: &Path, file: &KeyFile, at_rest: AtRest) -> CliResult<Vec<u8>> {
    let text = file.to_text();
    match at_rest {
        AtRest::Plaintext => Ok(text.into_bytes()),
        AtRest::Encrypted { work_factor } => {
            let mut recipient = age::scrypt::Recipient::new(passphrase(path, true)?);
            recipient.set_work_factor(work_factor);
            age::encrypt_and_armor(&recipient, text.as_bytes())
                .map(String::into_bytes)
                .map_err(|e| format!("cannot encrypt {}: {e}", path.display()))
        }
    }
}

/// Write a key file readable by its owner only, replacing `path` atomically.
fn write(path: &Path, file: &KeyFile, at_rest: AtRest) -> CliResult {
    if let AtRest::Plaintext = at_rest {
        eprintln!(
            "qinglian: warning: {} holds the secret key unencrypted; anyone who copies it can sign",
            path.display()
        );
    }
    let bytes = encode(path, file, at_rest)?;
    files::write_atomically(path, &bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot restrict {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Parse `--work-factor`: within what every surface can open.
pub fn work_factor(s: &str) -> Result<u8, String> {
    let n: u8 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (keyfile::MIN_WORK_FACTOR..=keyfile::MAX_WORK_FACTOR).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "the work factor is {}..={} (the browser opens at most 2^{})",
            keyfile::MIN_WORK_FACTOR,
            keyfile::MAX_WORK_FACTOR,
            keyfile::MAX_WORK_FACTOR
        ))
    }
}

/// `qinglian keygen`.
pub fn keygen(department: &str, out: &Path, at_rest: AtRest) -> CliResult {
    if out.exists() {
        return Err(format!("{} exists; refusing to overwrite a key", out.display()));
    }
    let file = KeyFile::new(department, SecretKey::from_seed(&files::new_seed()?)).map_err(|e| error(out, &e))?;
    write(out, &file, at_rest)?;
    println!("key id {}  public {}  ({department})", file.key.public().id, hex::encode(file.key.public().bytes));
    Ok(())
}

/// Write a throw-away key (the demo's) without asking for a passphrase.
pub fn write_plaintext_quietly(path: &Path, file: &KeyFile) -> CliResult {
    files::write(path, file.to_text().as_bytes())
}

/// `qinglian key encrypt|decrypt`: convert an existing file, in place unless `out` is given.
pub fn convert(input: &Path, out: Option<&Path>, at_rest: AtRest) -> CliResult {
    let file = read(input)?;
    write(out.unwrap_or(input), &file, at_rest)?;
    println!("{}: key id {} ({})", out.unwrap_or(input).display(), file.key.public().id, file.department);
    Ok(())
}

/// `qinglian key show`: what the file is, without the secret.
pub fn show(path: &Path) -> CliResult {
    let encrypted = keyfile::is_encrypted(&files::read(path)?);
    let file = read(path)?;
    println!("department {}", file.department);
    println!("key id     {}", file.key.public().id);
    println!("public     {}", hex::encode(file.key.public().bytes));
    println!("at rest    {}", if encrypted { "encrypted (age, passphrase)" } else { "NOT encrypted" });
    Ok(())
}
