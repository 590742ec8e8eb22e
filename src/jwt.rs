//! JWT functions: decode, verify, hasValidSignature, sign.

use clerk_core::jwt::{self, sign as signing, Audience, Issuer, VerifyError, VerifyOptions};
use napi::bindgen_prelude::{Either, Function, Uint8Array};
use napi::Result;
use napi_derive::napi;

use crate::convert::{guard, key_input, Failure};

/// The decoded header and payload JSON texts and the signature bytes.
#[napi(object)]
pub struct DecodedParts {
    pub header: String,
    pub payload: String,
    pub signature: Uint8Array,
}

#[napi]
pub fn decode_jwt(token: String) -> Result<Either<DecodedParts, Failure>> {
    guard(|| {
        Ok(match jwt::decode(&token) {
            Ok(d) => Either::A(DecodedParts {
                header: d.header_text,
                payload: d.payload_text,
                signature: Uint8Array::from(d.signature),
            }),
            Err(e) => Either::B(e.into()),
        })
    })
}

/// Verifies a token; on success returns the payload JSON text. `issuer` is a string or a
/// function of the `iss` claim's JSON text that returns a boolean.
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn verify_jwt(
    token: String,
    key_kind: String,
    key_text: Option<String>,
    issuer: Option<Either<String, Function<Option<String>, bool>>>,
    audience: Option<Either<String, Vec<Option<String>>>>,
    authorized_parties: Option<Vec<String>>,
    clock_skew_in_ms: Option<f64>,
    clock_skew_in_seconds: Option<f64>,
    now_ms: f64,
) -> Result<Either<String, Failure>> {
    guard(|| {
        let audience = audience.map(|a| match a {
            Either::A(one) => Audience::One(one),
            Either::B(many) => Audience::Many(many.into_iter().flatten().collect()),
        });
        let mut predicate;
        let issuer = match &issuer {
            None => Issuer::Skip,
            Some(Either::A(s)) => Issuer::Exact(s.as_str()),
            Some(Either::B(f)) => {
                predicate = |iss: Option<&serde_json::Value>| f.call(iss.map(|v| v.to_string()));
                Issuer::Predicate(&mut predicate)
            }
        };
        let options = VerifyOptions {
            key: key_input(&key_kind, key_text.as_deref()),
            issuer,
            audience: audience.as_ref(),
            authorized_parties: authorized_parties.as_deref(),
            clock_skew_in_ms,
            clock_skew_in_seconds,
        };
        Ok(match jwt::verify(&token, options, now_ms) {
            Ok(decoded) => Either::A(decoded.payload_text),
            Err(VerifyError::Callback(e)) => return Err(e),
            Err(VerifyError::Decode(e)) => Either::B(e.into()),
            Err(VerifyError::Token(e)) => Either::B(e.into()),
            Err(VerifyError::Type(m)) => Either::B(Failure { kind: "type".into(), message: m, ..Default::default() }),
        })
    })
}

#[napi]
pub fn has_valid_signature(
    signing_input: String,
    signature: Uint8Array,
    alg: String,
    key_kind: String,
    key_text: Option<String>,
) -> Result<Either<bool, Failure>> {
    guard(|| {
        let key = key_input(&key_kind, key_text.as_deref());
        Ok(match jwt::has_valid_signature(signing_input.as_bytes(), &signature, &alg, &key) {
            Ok(valid) => Either::A(valid),
            Err(e) => Either::B(e.into()),
        })
    })
}

/// Checks the algorithm and imports the signing key; `None` when both are fine.
#[napi]
pub fn check_signing_key(alg: Option<String>, key_kind: String, key_text: Option<String>) -> Result<Option<Failure>> {
    guard(|| {
        let key = key_input(&key_kind, key_text.as_deref());
        Ok(signing::algorithm(alg.as_deref())
            .and_then(|a| signing::check_key(&key, a))
            .err()
            .map(Failure::from))
    })
}

#[napi]
pub fn sign_jwt(
    header_json: String,
    payload_json: String,
    alg: String,
    key_kind: String,
    key_text: Option<String>,
) -> Result<Either<String, Failure>> {
    guard(|| {
        let key = key_input(&key_kind, key_text.as_deref());
        Ok(match signing::algorithm(Some(&alg)).and_then(|a| signing::sign(&header_json, &payload_json, &key, a)) {
            Ok(token) => Either::A(token),
            Err(e) => Either::B(e.into()),
        })
    })
}
