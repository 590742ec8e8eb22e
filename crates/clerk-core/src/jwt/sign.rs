//! `signJwt`: the caller (JS) stringifies header and payload; this encodes and signs them.

use aws_lc_rs::rand::SystemRandom;

use super::base64url;
use super::keys::{self, KeyInput};
use super::Algorithm;
use crate::error::Error;

/// The algorithm option as the reference checks it: falsy, then unknown (a plain `Error`).
pub fn algorithm(name: Option<&str>) -> Result<Algorithm, Error> {
    match name {
        None | Some("") => Err(Error::plain("No algorithm specified")),
        Some(n) => {
            Algorithm::from_name(n).ok_or_else(|| Error::plain(Algorithm::unsupported_message(n)))
        }
    }
}

/// Imports (or finds in the cache) the private key, failing as the reference's import does
/// (with WebCrypto's error).
pub fn check_key(key: &KeyInput, alg: Algorithm) -> Result<(), Error> {
    keys::signing_key(key, alg).map(|_| ())
}

/// `base64url(header).base64url(payload).base64url(signature)`.
pub fn sign(
    header_json: &str,
    payload_json: &str,
    key: &KeyInput,
    alg: Algorithm,
) -> Result<String, Error> {
    let pair = keys::signing_key(key, alg)?;
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
    .map_err(|_| {
        Error::dom(
            "OperationError",
            "The operation failed for an operation-specific reason",
        )
    })?;
    token.push('.');
    token.push_str(&base64url::encode(&signature));
    Ok(token)
}
