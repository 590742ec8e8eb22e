//! `verifyToken`: decode, resolve the key in the reference's order (jwtKey, then an issuer
//! string's Frontend API, then the Backend API with the secret key), then `verifyJwt`.
//! The synchronous part answers from the JWKS cache; when it cannot, the caller awaits
//! `fetch_key` and verifies with the key it returns.

use std::sync::Arc;

use crate::error::{Action, Error, Reason};
use crate::jwks::fetch::kid_string;
use crate::jwks::{CachePolicy, JwksSource, JwksStore, Lookup};
use crate::jwt::verify::{decode_shared, verify_decoded, VerifyError, VerifyOptions};
use crate::jwt::{DecodedJwt, KeyInput};

/// Where the key comes from, as the options name it.
#[derive(Debug, Clone, Default)]
pub struct KeyOptions<'a> {
    pub jwt_key: Option<&'a str>,
    /// The `issuer` option when it is a string.
    pub issuer: Option<&'a str>,
    pub secret_key: Option<&'a str>,
    /// Deprecated; used when `secret_key` is not given.
    pub api_key: Option<&'a str>,
    pub api_url: Option<&'a str>,
    pub api_version: Option<&'a str>,
}

/// Where the key for a token will come from.
#[derive(Debug, Clone)]
pub enum KeyPlan<'a> {
    Local(&'a str),
    Remote(JwksSource),
}

/// Where the key comes from, or the reference's `jwk-failed-to-resolve` error (or the
/// `TypeError` of an issuer or API URL that does not parse).
pub fn plan<'a>(options: &KeyOptions<'a>) -> Result<KeyPlan<'a>, Error> {
    let non_empty = |v: Option<&'a str>| v.filter(|s| !s.is_empty());
    if let Some(key) = non_empty(options.jwt_key) {
        return Ok(KeyPlan::Local(key));
    }
    if let Some(issuer) = options.issuer {
        return JwksSource::frontend(issuer).map(KeyPlan::Remote);
    }
    if let Some(secret) = non_empty(options.secret_key).or(non_empty(options.api_key)) {
        return JwksSource::backend(options.api_url, options.api_version, secret)
            .map(KeyPlan::Remote);
    }
    Err(Error::token_with_action(
        Reason::JwkFailedToResolve,
        Action::SetClerkJwtKey,
        "Failed to resolve JWK during verification.",
    ))
}

/// What the synchronous step produced.
pub enum Step {
    Verified(Arc<DecodedJwt>),
    /// The cache could not answer: fetch `kid` from `source`, then verify with that key.
    NeedKey {
        source: JwksSource,
        kid: String,
        generation: u64,
    },
}

/// The synchronous part of verifyToken, with the claim options of verifyJwt.
pub fn verify_token<E>(
    token: &str,
    keys: &KeyOptions,
    verify: VerifyOptions<'_, E>,
    policy: &CachePolicy,
    now_ms: f64,
) -> Result<Step, VerifyError<E>> {
    let decoded = decode_shared(token)?;
    let kid = kid_string(decoded.header.get("kid"));
    match plan(keys)? {
        KeyPlan::Local(pem) => {
            verify_decoded(token, decoded, &KeyInput::Local(pem), verify, now_ms)
                .map(Step::Verified)
        }
        KeyPlan::Remote(source) => {
            match JwksStore::global().lookup(&source, &kid, now_ms, policy) {
                Lookup::Hit(jwk) => {
                    verify_decoded(token, decoded, &KeyInput::Jwk(&jwk), verify, now_ms)
                        .map(Step::Verified)
                }
                Lookup::Miss { generation } => Ok(Step::NeedKey {
                    source,
                    kid,
                    generation,
                }),
            }
        }
    }
}

/// The asynchronous part: the key's JSON text, fetched once for all concurrent callers.
pub async fn fetch_key(
    source: &JwksSource,
    kid: &str,
    generation: u64,
    now_ms: f64,
    policy: &CachePolicy,
) -> Result<Arc<str>, Error> {
    JwksStore::global()
        .refresh(source, kid, generation, now_ms, policy)
        .await
}
