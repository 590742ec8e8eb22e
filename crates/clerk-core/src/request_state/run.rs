//! authenticateRequest end to end in the core: the rules with verification wired to
//! verifyToken's key resolution and the JWKS cache. The synchronous `run` answers when the key
//! is at hand; otherwise it says which key to fetch, and `run_after_fetch` fetches it and
//! runs the rules again with it.

use serde_json::Value;

use super::inputs::{RawInputs, Resolved};
use super::rules::{authenticate, AuthError, AuthIssuer, Decision, Thrown, Verdict};
use crate::error::TokenVerificationError as Tve;
use crate::jwks::CachePolicy;
use crate::jwt::decode::DecodeError;
use crate::jwt::verify::{decode_shared, verify_decoded, Audience, Issuer, VerifyError, VerifyOptions};
use crate::jwt::KeyInput;
use crate::token::{self, KeyOptions, KeyPlan, PlanError, Step, TokenError};

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
    /// Answer `NeedRsa` instead of running an RSA check (see `VerifyOptions::defer_rsa`).
    pub defer_rsa: bool,
}

/// A key already settled by a fetch.
#[derive(Debug, Clone)]
pub enum KeyOverride {
    None,
    Jwk(String),
    Failed(Tve),
}

/// The reference's default issuer check; a non-string `iss` makes it throw a TypeError.
fn clerk_issuer(iss: Option<&Value>) -> Result<bool, String> {
    match iss {
        Some(Value::String(s)) => Ok(s.starts_with("https://clerk.") || s.contains(".clerk.accounts")),
        None => Err("Cannot read properties of undefined (reading 'startsWith')".into()),
        Some(Value::Null) => Err("Cannot read properties of null (reading 'startsWith')".into()),
        Some(_) => Err("iss.startsWith is not a function".into()),
    }
}

fn key_options<'a>(raw: &'a RawInputs, opts: &'a TokenOptions, issuer: &'a AuthIssuer) -> KeyOptions<'a> {
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

fn other(message: String) -> AuthError {
    AuthError::Other { message, json_text: None }
}

fn verify_error(e: VerifyError<String>) -> AuthError {
    match e {
        VerifyError::Token(t) | VerifyError::Decode(DecodeError::Form(t)) => AuthError::Token(t),
        VerifyError::Decode(DecodeError::Base64(m) | DecodeError::PayloadNotObject(m)) => other(m),
        VerifyError::Decode(DecodeError::Json { text, message }) => AuthError::Other { message, json_text: Some(text) },
        VerifyError::Type(m) | VerifyError::Callback(m) => other(m),
        VerifyError::RsaDeferred => other("RSA check deferred".into()),
    }
}

fn verify_one(token: &str, issuer: &AuthIssuer, raw: &RawInputs, opts: &TokenOptions, key: &KeyOverride, now_ms: f64) -> Verdict {
    let claims_issuer: Issuer<'_, String> = match issuer {
        AuthIssuer::Skip => Issuer::Skip,
        AuthIssuer::Exact(url) => Issuer::Exact(url),
        AuthIssuer::Clerk => Issuer::Predicate(Box::new(clerk_issuer)),
    };
    let options = VerifyOptions {
        issuer: claims_issuer,
        audience: opts.audience.as_ref(),
        authorized_parties: opts.authorized_parties.as_deref(),
        clock_skew_in_ms: opts.clock_skew_in_ms,
        clock_skew_in_seconds: opts.clock_skew_in_seconds,
        defer_rsa: opts.defer_rsa,
    };
    let verified = |d: std::sync::Arc<crate::jwt::DecodedJwt>| Verdict::Verified {
        iat: d.payload.get("iat").and_then(Value::as_f64),
        payload_text: d.payload_text.clone(),
    };
    match key {
        KeyOverride::Failed(t) => Verdict::Failed(AuthError::Token(t.clone())),
        KeyOverride::Jwk(jwk) => match decode_shared(token) {
            Ok(d) => match verify_decoded(token, d, &KeyInput::Jwk(jwk), options, now_ms) {
                Ok(d) => verified(d),
                Err(VerifyError::RsaDeferred) => Verdict::NeedRsa,
                Err(e) => Verdict::Failed(verify_error(e)),
            },
            Err(e) => Verdict::Failed(verify_error(VerifyError::Decode(e))),
        },
        KeyOverride::None => {
            match token::verify_token(token, &key_options(raw, opts, issuer), options, &opts.policy, now_ms) {
                Ok(Step::Verified(d)) => verified(d),
                Ok(Step::NeedKey { kid, generation, .. }) => Verdict::NeedKey { kid, generation },
                Err(TokenError::Verify(VerifyError::RsaDeferred)) => Verdict::NeedRsa,
                Err(TokenError::Verify(e)) => Verdict::Failed(verify_error(e)),
                Err(TokenError::Plan(PlanError::Token(t))) => Verdict::Failed(AuthError::Token(t)),
                Err(TokenError::Plan(PlanError::InvalidUrl(_))) => Verdict::Failed(other("Invalid URL".into())),
            }
        }
    }
}

/// The decision, or the error the reference throws. `resolved` is `raw.resolve()`, which the
/// caller also needs (for the states it builds) and so computes once.
pub fn run(raw: &RawInputs, resolved: &Resolved, opts: &TokenOptions, now_ms: f64, key: &KeyOverride) -> Result<Decision, Thrown> {
    let mut verify = |token: &str, issuer: &AuthIssuer| verify_one(token, issuer, raw, opts, key, now_ms);
    authenticate(raw, resolved, &mut verify)
}

/// After `run` answered `NeedKey`: fetch that key (shared with concurrent callers) and decide.
pub async fn run_after_fetch(
    raw: &RawInputs,
    resolved: &Resolved,
    opts: &TokenOptions,
    now_ms: f64,
    kid: &str,
    generation: u64,
    issuer: &AuthIssuer,
) -> Result<Decision, Thrown> {
    let key = match token::plan(&key_options(raw, opts, issuer)) {
        Ok(KeyPlan::Remote(source)) => match token::fetch_key(&source, kid, generation, now_ms, &opts.policy).await {
            Ok(jwk) => KeyOverride::Jwk(jwk.to_string()),
            Err(t) => KeyOverride::Failed(t),
        },
        _ => KeyOverride::None,
    };
    run(raw, resolved, opts, now_ms, &key)
}
