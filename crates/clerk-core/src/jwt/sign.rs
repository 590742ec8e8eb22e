//! `signJwt`: the caller (JS) stringifies header and payload; this encodes and signs them.

use aws_lc_rs::rand::SystemRandom;

use super::base64url;
use super::keys::{self, KeyError, KeyInput};
use super::Algorithm;

/// Why `signJwt` rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// A plain `Error` with this message (no or unknown algorithm).
    Algorithm(String),
    /// The key could not be imported (the reference rejects with WebCrypto's error).
    Key(KeyError),
    /// The signing operation itself failed.
    Signing,
}

/// The algorithm option as the reference checks it: falsy, then unknown.
pub fn algorithm(name: Option<&str>) -> Result<Algorithm, SignError> {
    match name {
        None | Some("") => Err(SignError::Algorithm("No algorithm specified".into())),
        Some(n) => Algorithm::from_name(n)
            .ok_or_else(|| SignError::Algorithm(Algorithm::unsupported_message(n))),
    }
}

/// Imports (or finds in the cache) the private key, failing as the reference's import does.
pub fn check_key(key: &KeyInput, alg: Algorithm) -> Result<(), SignError> {
    keys::signing_key(key, alg)
        .map(|_| ())
        .map_err(SignError::Key)
}

/// `base64url(header).base64url(payload).base64url(signature)`.
pub fn sign(
    header_json: &str,
    payload_json: &str,
    key: &KeyInput,
    alg: Algorithm,
) -> Result<String, SignError> {
    let pair = keys::signing_key(key, alg).map_err(SignError::Key)?;
    let mut token = base64url::encode(header_json.as_bytes());
    token.push('.');
    token.push_str(&base64url::encode(payload_json.as_bytes()));
    let mut signature = vec![0u8; pair.public_modulus_len()];
    pair.sign(
        alg.signing(),
        &SystemRandom::new(),
        token.as_bytes(),
        &mut signature,
    )
    .map_err(|_| SignError::Signing)?;
    token.push('.');
    token.push_str(&base64url::encode(&signature));
    Ok(token)
}
