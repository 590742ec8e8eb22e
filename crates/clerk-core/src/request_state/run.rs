//! authenticateRequest end to end in the core, one decision per request: the rules run once
//! (`rules::select`); the token they chose is verified with verifyToken's key resolution and
//! the JWKS cache; `Verification::conclude` decides. When the key is not cached or the RSA check
//! is deferred, `start` hands back what is left as one pending step that owns everything it
//! needs (token, key source, issuer rule, options) and finishes the same decision: the rules
//! never run again.

use std::sync::Arc;

use serde_json::Value;

use super::inputs::{RawInputs, Resolved};
use super::rules::{select, AuthIssuer, Decision, Selected, Verdict, Verification};
use crate::error::Error;
use crate::jwks::{CachePolicy, JwksSource};
use crate::jwt::verify::{
    decode_shared, verify_decoded, Audience, DeferredCheck, Issuer, VerifyError, VerifyOptions,
};
use crate::jwt::{DecodedJwt, KeyInput};
use crate::token::{self, KeyOptions, Step as TokenStep};

/// The verifyToken options authenticateRequest passes through.
#[derive(Debug, Clone, Default)]
pub struct TokenOptions {
    pub jwt_key: Option<String>,
    pub api_url: Option<String>,
    pub api_version: Option<String>,
    pub audience: Option<Audience>,
    pub authorized_parties: Option<Vec<String>>,
    pub clock_skew_in_ms: Option<f64>,
    pub clock_skew_in_seconds: Option<f64>,
    pub policy: CachePolicy,
}

/// Where a request stands after `start`.
pub enum Step {
    /// The decision, or the error the reference throws.
    Decided(Result<Decision, Error>),
    /// Every claim passed; only the RSA check is left (it may run on any thread).
    CheckSignature(SignaturePending),
    /// The key is not cached: fetch it (shared with concurrent callers), then verify.
    FetchKey(KeyPending),
    /// Only the Authorization and Cookie headers were given and the rules need the others:
    /// call again with every header value.
    ReadAllHeaders,
}

/// The RSA check of a request, deferred.
pub struct SignaturePending {
    verification: Verification,
    check: DeferredCheck,
}

impl SignaturePending {
    /// Runs the RSA check and decides.
    pub fn finish(self) -> Decision {
        let verdict = match self.check.run() {
            Ok(decoded) => verified(&decoded),
            Err(e) => Verdict::Failed(e),
        };
        self.verification.conclude(verdict)
    }
}

/// A request waiting for its key.
pub struct KeyPending {
    verification: Verification,
    source: JwksSource,
    kid: String,
    generation: u64,
    opts: Arc<TokenOptions>,
    now_ms: f64,
}

impl KeyPending {
    /// Fetches the key, verifies (claims and signature, on this thread) and decides. The claims
    /// are checked at the caller's `Date.now()` of the call: the reference reads the clock again
    /// after its fetch, which differs by the fetch's milliseconds, and equals it under frozen fake
    /// timers; one reading keeps the answer a function of the call.
    pub async fn finish(self) -> Decision {
        let KeyPending {
            verification,
            source,
            kid,
            generation,
            opts,
            now_ms,
        } = self;
        let verdict = match token::fetch_key(&source, &kid, generation, now_ms, &opts.policy).await
        {
            Err(e) => Verdict::Failed(e),
            Ok(jwk) => {
                let options = verify_options(&verification.issuer, &opts, false);
                match decode_shared(&verification.token) {
                    Ok(d) => match verify_decoded(
                        &verification.token,
                        d,
                        &KeyInput::Jwk(&jwk),
                        options,
                        now_ms,
                    ) {
                        Ok(d) => verified(&d),
                        Err(e) => verify_error(e),
                    },
                    Err(e) => Verdict::Failed(e),
                }
            }
        };
        verification.conclude(verdict)
    }
}

/// The reference's default issuer check; a non-string `iss` makes it throw a TypeError.
fn clerk_issuer(iss: Option<&Value>) -> Result<bool, Error> {
    match iss {
        Some(Value::String(s)) => {
            Ok(s.starts_with("https://clerk.") || s.contains(".clerk.accounts"))
        }
        None => Err(Error::type_error(
            "Cannot read properties of undefined (reading 'startsWith')",
        )),
        Some(Value::Null) => Err(Error::type_error(
            "Cannot read properties of null (reading 'startsWith')",
        )),
        Some(_) => Err(Error::type_error("iss.startsWith is not a function")),
    }
}

fn key_options<'a>(
    raw: &'a RawInputs,
    opts: &'a TokenOptions,
    issuer: &'a AuthIssuer,
) -> KeyOptions<'a> {
    KeyOptions {
        jwt_key: opts.jwt_key.as_deref(),
        issuer: match issuer {
            AuthIssuer::Exact(url) => Some(url.as_str()),
            _ => None,
        },
        secret_key: raw.secret_key.as_deref(),
        api_key: raw.api_key.as_deref(),
        api_url: opts.api_url.as_deref(),
        api_version: opts.api_version.as_deref(),
    }
}

fn verify_options<'a>(
    issuer: &'a AuthIssuer,
    opts: &'a TokenOptions,
    defer_rsa: bool,
) -> VerifyOptions<'a, Error> {
    VerifyOptions {
        issuer: match issuer {
            AuthIssuer::Skip => Issuer::Skip,
            AuthIssuer::Exact(url) => Issuer::Exact(url),
            AuthIssuer::Clerk => Issuer::Predicate(Box::new(clerk_issuer)),
        },
        audience: opts.audience.as_ref(),
        authorized_parties: opts.authorized_parties.as_deref(),
        clock_skew_in_ms: opts.clock_skew_in_ms,
        clock_skew_in_seconds: opts.clock_skew_in_seconds,
        defer_rsa,
    }
}

fn verified(d: &DecodedJwt) -> Verdict {
    Verdict::Verified {
        iat: d.payload.get("iat").and_then(Value::as_f64),
        payload_text: d.payload_text.clone(),
    }
}

fn verify_error(e: VerifyError<Error>) -> Verdict {
    match e {
        VerifyError::Failed(e) | VerifyError::Callback(e) => Verdict::Failed(e),
        // only asked for by `start`, which keeps the check; run it here should one come back
        VerifyError::RsaDeferred(check) => match check.run() {
            Ok(d) => verified(&d),
            Err(e) => Verdict::Failed(e),
        },
    }
}

/// Runs the rules once and verifies the token they chose as far as it can without waiting:
/// the decision, or the one step left. With `defer_rsa`, an RSA check that the verified-token
/// cache cannot answer is handed back instead of run.
pub fn start(
    raw: &RawInputs,
    resolved: &Resolved,
    opts: &Arc<TokenOptions>,
    now_ms: f64,
    defer_rsa: bool,
) -> Step {
    let verification = match select(raw, resolved) {
        Err(thrown) => return Step::Decided(Err(thrown)),
        Ok(Selected::Decided(decision)) => return Step::Decided(Ok(decision)),
        Ok(Selected::Verify(v)) => v,
        Ok(Selected::ReadAllHeaders) => return Step::ReadAllHeaders,
    };
    let options = verify_options(&verification.issuer, opts, defer_rsa);
    let keys = key_options(raw, opts, &verification.issuer);
    let verdict =
        match token::verify_token(&verification.token, &keys, options, &opts.policy, now_ms) {
            Ok(TokenStep::Verified(d)) => verified(&d),
            Ok(TokenStep::NeedKey {
                source,
                kid,
                generation,
            }) => {
                return Step::FetchKey(KeyPending {
                    verification,
                    source,
                    kid,
                    generation,
                    opts: opts.clone(),
                    now_ms,
                });
            }
            Err(VerifyError::RsaDeferred(check)) => {
                return Step::CheckSignature(SignaturePending {
                    verification,
                    check,
                });
            }
            Err(e) => verify_error(e),
        };
    Step::Decided(Ok(verification.conclude(verdict)))
}
