//! The age layer of sealed records (密封记录, docs/format.md §4.2) for the CLI: `problem … --seal-to`
//! encrypts, `verify --key` and the problem commands' view of the board decrypt. Every rule (who a
//! record may be sealed to, what the plaintext is, whether an opening matches the signed
//! commitment) is the core's `sealed` and `verify::openings`; this module only runs the `age` crate.

use crate::files::CliResult;
use base64::Engine as _;
use qinglian_core::crypto::age_keys;
use qinglian_core::federation::TrustRoot;
use qinglian_core::keyfile::KeyFile;
use qinglian_core::kinds::Kind;
use qinglian_core::sealed;
use qinglian_core::verify::Verifier;
use serde_json::Value;
use std::io::{Read, Write};
use std::str::FromStr;

/// The sealed body of `body` for the departments `to` (the sealer's own department is added, so
/// it can read its record back), encrypted to every recipient `root` publishes for them.
pub fn seal(root: &TrustRoot, kind: Kind, body: &Value, to: &[String], own: &str) -> CliResult<Value> {
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness for the salt: {e}"))?;
    let plan = sealed::prepare(root, kind, body, to, own, &salt).map_err(|e| format!("{e} [{}]", e.code()))?;
    let recipients = plan
        .recipients
        .iter()
        .map(|r| age::x25519::Recipient::from_str(r).map_err(|e| format!("trust root recipient {r}: {e}")))
        .collect::<CliResult<Vec<_>>>()?;
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| format!("cannot seal: {e}"))?;
    let mut ciphertext = Vec::new();
    let mut writer = encryptor.wrap_output(&mut ciphertext).map_err(|e| format!("cannot seal: {e}"))?;
    writer
        .write_all(&plan.plaintext)
        .and_then(|_| writer.finish().map(drop))
        .map_err(|e| format!("cannot seal: {e}"))?;
    let age_base64 = base64::engine::general_purpose::STANDARD.encode(&ciphertext);
    let sealed =
        sealed::seal(plan.to, &plan.plaintext, age_base64).map_err(|e| format!("{e} [SEALED_BODY_INVALID]"))?;
    Ok(sealed.to_value())
}

/// Open what `keys` can of the verified sealed records (call after the input has ended and every
/// signature job is answered), and say which departments the caller read for. Plaintexts that do
/// not match their signed commitment are the report's problems, not errors here.
pub fn open_with(verifier: &mut Verifier, keys: &[KeyFile]) {
    if keys.is_empty() {
        return;
    }
    let identities: Vec<age::x25519::Identity> =
        keys.iter().filter_map(|k| age::x25519::Identity::from_str(&age_keys::identity(&k.key.seed())).ok()).collect();
    let mut departments: Vec<String> = keys.iter().map(|k| k.department.clone()).collect();
    departments.sort();
    departments.dedup();
    for record in verifier.sealed_records() {
        if !record.to.iter().any(|d| departments.contains(d)) {
            continue;
        }
        let Some(plaintext) = decrypt(&record.age, &identities) else { continue };
        // A refusal is already in the report at the record's line; nothing more to say here.
        let _ = verifier.open_sealed(&record.id, &plaintext);
    }
    verifier.read_as(&departments);
}

/// The plaintext of an age ciphertext (base64), if one of `identities` is a recipient.
fn decrypt(age_base64: &str, identities: &[age::x25519::Identity]) -> Option<Vec<u8>> {
    let ciphertext = base64::engine::general_purpose::STANDARD.decode(age_base64).ok()?;
    let decryptor = age::Decryptor::new(&ciphertext[..]).ok()?;
    let mut reader = decryptor.decrypt(identities.iter().map(|i| i as &dyn age::Identity)).ok()?;
    let mut plaintext = Vec::new();
    reader.read_to_end(&mut plaintext).ok()?;
    Some(plaintext)
}
