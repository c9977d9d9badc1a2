//! The core's derived age identities and recipients (crypto/age_keys.rs) are what the age crate
//! reads: an identity string parses, and its public side is the recipient the trust root publishes;
//! a message encrypted to that recipient opens with that identity.

use qinglian_core::crypto::age_keys;
use std::io::{Read, Write};
use std::str::FromStr;

#[test]
fn derived_identity_and_recipient_are_age_x25519_keys() {
    for seed in [[0u8; 32], [7u8; 32], [0xff; 32]] {
        let identity = age::x25519::Identity::from_str(&age_keys::identity(&seed)).expect("age reads the identity");
        assert_eq!(identity.to_public().to_string(), age_keys::recipient(&seed));
        let recipient = age::x25519::Recipient::from_str(&age_keys::recipient(&seed)).expect("age reads the recipient");
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).expect("a recipient");
        let mut sealed = Vec::new();
        let mut w = encryptor.wrap_output(&mut sealed).unwrap();
        w.write_all(b"sealed problem").unwrap();
        w.finish().unwrap();
        let decryptor = age::Decryptor::new(&sealed[..]).unwrap();
        let mut out = Vec::new();
        decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).unwrap().read_to_end(&mut out).unwrap();
        assert_eq!(out, b"sealed problem");
    }
}
