//! JWT functions: decode, verify, hasValidSignature, sign.

use clerk_core::jwt::{self, sign as signing, VerifyError, VerifyOptions};
use napi::bindgen_prelude::{Either, Either3, Uint8Array};
use napi::Result;
use napi_derive::napi;

use crate::convert::{guard, key_input, verify_failure, ClaimArgs, Failure, KeyArg, Text};

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

/// Verifies a token; on success returns the payload JSON text, or `true` when the caller said
/// it knows the payload already; `false` when the RSA check was deferred (`defer_rsa`).
/// `issuer` is a string or a function of the `iss` claim's JSON text that returns a boolean.
#[napi]
pub fn verify_jwt(
    token: Text,
    key: KeyArg,
    key_text: Option<String>,
    #[napi(
        ts_arg_type = "[issuer?: string | ((issJson?: string | undefined | null) => boolean) | null, audience?: string | Array<string | undefined | null> | null, authorizedParties?: Array<string> | null, clockSkewInMs?: number | null, clockSkewInSeconds?: number | null] | undefined | null"
    )]
    claims: Option<ClaimArgs<'_>>,
    now_ms: f64,
    defer_rsa: Option<bool>,
    payload_known: Option<bool>,
) -> Result<Either3<bool, String, Failure>> {
    guard(|| {
        let token = token.0;
        let claims = claims.unwrap_or_else(ClaimArgs::none);
        let key = key.input(key_text.as_deref());
        {
            let options = claims.options(defer_rsa.unwrap_or(false));
            match jwt::verify(&token, &key, options, now_ms) {
                Ok(_) if payload_known == Some(true) => Ok(Either3::A(true)),
                Ok(decoded) => Ok(Either3::B(decoded.payload_text.clone())),
                // cheaper than a failure object: the caller runs the check elsewhere
                Err(VerifyError::RsaDeferred(_)) => Ok(Either3::A(false)),
                Err(e) => verify_failure(e).map(Either3::C),
            }
        }
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
        Ok(
            match jwt::has_valid_signature(signing_input.as_bytes(), &signature, &alg, &key) {
                Ok(valid) => Either::A(valid),
                Err(e) => Either::B(e.into()),
            },
        )
    })
}

/// Checks the algorithm and imports the signing key; `None` when both are fine.
#[napi]
pub fn check_signing_key(
    alg: Option<String>,
    key_kind: String,
    key_text: Option<String>,
) -> Result<Option<Failure>> {
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
        Ok(
            match signing::algorithm(Some(&alg))
                .and_then(|a| signing::sign(&header_json, &payload_json, &key, a))
            {
                Ok(token) => Either::A(token),
                Err(e) => Either::B(e.into()),
            },
        )
    })
}

/// One verifyJwt call for a verifier thread. The issuer is a string or nothing: a JS predicate
/// cannot run off the JS thread.
pub struct JwtJob {
    pub token: Text,
    pub key: KeyArg,
    pub key_text: Option<String>,
    pub issuer: Option<String>,
    pub audience: Option<clerk_core::jwt::Audience>,
    pub authorized_parties: Option<Vec<String>>,
    pub clock_skew_in_ms: Option<f64>,
    pub clock_skew_in_seconds: Option<f64>,
    pub now_ms: f64,
}

/// One verifyJwt check, run by a verifier thread or the JS thread (src/verifier.rs).
pub(crate) fn verify_job(job: &JwtJob) -> Result<Either<String, Failure>> {
    let key = job.key.input(job.key_text.as_deref());
    let options = VerifyOptions {
        issuer: match &job.issuer {
            Some(s) => clerk_core::jwt::Issuer::Exact(s.as_str()),
            None => clerk_core::jwt::Issuer::Skip,
        },
        audience: job.audience.as_ref(),
        authorized_parties: job.authorized_parties.as_deref(),
        clock_skew_in_ms: job.clock_skew_in_ms,
        clock_skew_in_seconds: job.clock_skew_in_seconds,
        defer_rsa: false,
    };
    Ok(
        match jwt::verify::<napi::Error>(&job.token.0, &key, options, job.now_ms) {
            Ok(decoded) => Either::A(decoded.payload_text.clone()),
            Err(e) => Either::B(verify_failure(e)?),
        },
    )
}
