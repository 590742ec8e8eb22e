//! verifyToken: a synchronous step that answers from the JWKS cache, and an async fetch on
//! the tokio runtime when it cannot.

use clerk_core::jwks::CachePolicy;
use clerk_core::jwt::VerifyError;
use clerk_core::token::{self, KeyOptions, Step};
use napi::bindgen_prelude::{Either, Either3, External};
use napi::Result;
use napi_derive::napi;

use crate::convert::{guard, verify_failure, ClaimArgs, Failure};
use crate::pending::{Pending, PendingNext, PendingWork};

/// The key-resolution options of verifyToken (`issuerUrl` is `issuer` when it is a string).
#[napi(object)]
pub struct TokenKeyOptions {
    pub jwt_key: Option<String>,
    pub issuer_url: Option<String>,
    pub secret_key: Option<String>,
    pub api_key: Option<String>,
    pub api_url: Option<String>,
    pub api_version: Option<String>,
    pub jwks_cache_ttl_in_ms: Option<f64>,
    pub skip_jwks_cache: Option<bool>,
    /// The bound on one key fetch, retries included (default 10 s).
    pub jwks_timeout_in_ms: Option<f64>,
}

/// What is left when the synchronous step could not finish: `fetch-key` (await `fetchJwk`
/// with `kid` and `generation`, then verify with the key) or `check-signature` (the deferred
/// RSA check in `pending`, for the verifier threads or `finishPending`).
#[napi(object, object_from_js = false)]
pub struct TokenStep {
    pub next: PendingNext,
    pub kid: Option<String>,
    pub generation: Option<u32>,
    pub pending: Option<External<Pending>>,
}

impl TokenKeyOptions {
    fn keys(&self) -> KeyOptions<'_> {
        KeyOptions {
            jwt_key: self.jwt_key.as_deref(),
            issuer: self.issuer_url.as_deref(),
            secret_key: self.secret_key.as_deref(),
            api_key: self.api_key.as_deref(),
            api_url: self.api_url.as_deref(),
            api_version: self.api_version.as_deref(),
        }
    }

    fn policy(&self) -> CachePolicy {
        CachePolicy::from_options(
            self.jwks_cache_ttl_in_ms,
            self.skip_jwks_cache.unwrap_or(false),
            self.jwks_timeout_in_ms,
        )
    }
}

#[napi]
pub fn verify_token(
    token: String,
    keys: TokenKeyOptions,
    #[napi(
        ts_arg_type = "[issuer?: string | ((issJson?: string | undefined | null) => boolean) | null, audience?: string | Array<string | undefined | null> | null, authorizedParties?: Array<string> | null, clockSkewInMs?: number | null, clockSkewInSeconds?: number | null] | undefined | null"
    )]
    claims: Option<ClaimArgs<'_>>,
    now_ms: f64,
    defer_rsa: bool,
) -> Result<Either3<String, Failure, TokenStep>> {
    guard(|| {
        let claims = claims.unwrap_or_else(ClaimArgs::none);
        let policy = keys.policy();
        {
            let options = claims.options(defer_rsa);
            match token::verify_token(&token, &keys.keys(), options, &policy, now_ms) {
                Ok(Step::Verified(decoded)) => Ok(Either3::A(decoded.payload_text.clone())),
                Ok(Step::NeedKey {
                    kid, generation, ..
                }) => Ok(Either3::C(TokenStep {
                    next: PendingNext::FetchKey,
                    kid: Some(kid),
                    generation: Some(generation as u32),
                    pending: None,
                })),
                Err(VerifyError::RsaDeferred(check)) => Ok(Either3::C(TokenStep {
                    next: PendingNext::CheckSignature,
                    kid: None,
                    generation: None,
                    pending: Some(External::new(Pending::new(PendingWork::Token(check)))),
                })),
                Err(e) => verify_failure(e).map(Either3::B),
            }
        }
    })
}

/// Fetches the JWKS of the source the options name (once for all concurrent callers) and
/// returns the JSON text of the key with this kid.
#[napi]
pub async fn fetch_jwk(
    keys: TokenKeyOptions,
    kid: String,
    generation: u32,
    now_ms: f64,
) -> Result<Either<String, Failure>> {
    let policy = keys.policy();
    let source = match token::plan(&keys.keys()) {
        Ok(token::KeyPlan::Remote(source)) => source,
        Ok(token::KeyPlan::Local(_)) => {
            return Ok(Either::B(
                clerk_core::Error::plain("fetchJwk called for a local key").into(),
            ))
        }
        Err(e) => return Ok(Either::B(e.into())),
    };
    Ok(
        match token::fetch_key(&source, &kid, generation as u64, now_ms, &policy).await {
            Ok(jwk) => Either::A(jwk.to_string()),
            Err(e) => Either::B(e.into()),
        },
    )
}
