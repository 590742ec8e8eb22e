//! JWT functions: decode, verify, hasValidSignature, sign.

use clerk_core::jwt::{self, sign as signing, VerifyOptions};
use napi::bindgen_prelude::{AsyncTask, Either, Either3, Uint8Array};
use napi::{Env, Task};
use napi::Result;
use napi_derive::napi;

use crate::convert::{self, guard, key_input, verify_failure, Failure, IssuerArg, KeyArg, Text};

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
    token: Text,
    key: KeyArg,
    key_text: Option<String>,
    issuer: IssuerArg<'_>,
    audience: Option<Either<String, Vec<Option<String>>>>,
    authorized_parties: Option<Vec<String>>,
    clock_skew_in_ms: Option<f64>,
    clock_skew_in_seconds: Option<f64>,
    now_ms: f64,
    defer_rsa: Option<bool>,
    payload_known: Option<bool>,
) -> Result<Either3<bool, String, Failure>> {
    guard(|| {
        let token = token.0;
        let audience = convert::audience(audience);
        let key = key.input(key_text.as_deref());
        {
            let options = VerifyOptions {
                issuer: convert::issuer(&issuer),
                audience: audience.as_ref(),
                authorized_parties: authorized_parties.as_deref(),
                clock_skew_in_ms,
                clock_skew_in_seconds,
                defer_rsa: defer_rsa.unwrap_or(false),
            };
            match jwt::verify(&token, &key, options, now_ms) {
                Ok(_) if payload_known == Some(true) => Ok(Either3::A(true)),
                Ok(decoded) => Ok(Either3::B(decoded.payload_text.clone())),
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

/// verifyJwt on the libuv thread pool, for when the JS thread is busy (see lib/offload.js).
/// The issuer is a string or nothing: a JS predicate cannot run off the JS thread.
pub struct VerifyJwtTask {
    token: String,
    key: KeyArg,
    key_text: Option<String>,
    issuer: Option<String>,
    audience: Option<clerk_core::jwt::Audience>,
    authorized_parties: Option<Vec<String>>,
    clock_skew_in_ms: Option<f64>,
    clock_skew_in_seconds: Option<f64>,
    now_ms: f64,
}

impl Task for VerifyJwtTask {
    type Output = Either<String, Failure>;
    type JsValue = Either<String, Failure>;

    fn compute(&mut self) -> Result<Self::Output> {
        guard(|| {
            let key = self.key.input(self.key_text.as_deref());
            let options = VerifyOptions {
                issuer: match &self.issuer {
                    Some(s) => clerk_core::jwt::Issuer::Exact(s.as_str()),
                    None => clerk_core::jwt::Issuer::Skip,
                },
                audience: self.audience.as_ref(),
                authorized_parties: self.authorized_parties.as_deref(),
                clock_skew_in_ms: self.clock_skew_in_ms,
                clock_skew_in_seconds: self.clock_skew_in_seconds,
                defer_rsa: false,
            };
            Ok(match jwt::verify::<napi::Error>(&self.token, &key, options, self.now_ms) {
                Ok(decoded) => Either::A(decoded.payload_text.clone()),
                Err(e) => Either::B(verify_failure(e)?),
            })
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

#[napi]
#[allow(clippy::too_many_arguments)]
pub fn verify_jwt_async(
    token: Text,
    key: KeyArg,
    key_text: Option<String>,
    issuer: Option<String>,
    audience: Option<Either<String, Vec<Option<String>>>>,
    authorized_parties: Option<Vec<String>>,
    clock_skew_in_ms: Option<f64>,
    clock_skew_in_seconds: Option<f64>,
    now_ms: f64,
) -> AsyncTask<VerifyJwtTask> {
    AsyncTask::new(VerifyJwtTask {
        token: token.0,
        key,
        key_text,
        issuer,
        audience: convert::audience(audience),
        authorized_parties,
        clock_skew_in_ms,
        clock_skew_in_seconds,
        now_ms,
    })
}
