//! `verifyJwt` and `hasValidSignature`: decode, the claim checks in the reference's order,
//! then the signature with a cached key.

use std::sync::Arc;

use serde_json::Value;

use super::claims;
pub use super::claims::Audience;
use super::decode::{decode, DecodedJwt};
use super::keys::{self, KeyInput};
use super::seen::Seen;
use super::Algorithm;
use crate::error::{Action, Error, Reason};
use aws_lc_rs::signature::ParsedPublicKey;

/// The default clock skew, in milliseconds.
pub const DEFAULT_CLOCK_SKEW_MS: f64 = 5000.0;

/// The `issuer` option: absent or null (no check), a string, or a predicate the caller runs
/// (in JS) on the `iss` claim; a predicate may fail with the caller's own error `E`.
pub enum Issuer<'a, E> {
    Skip,
    Exact(&'a str),
    Predicate(IssuerPredicate<'a, E>),
}

/// The caller's check of the `iss` claim (None when the claim is absent).
pub type IssuerPredicate<'a, E> = Box<dyn FnMut(Option<&Value>) -> Result<bool, E> + 'a>;

pub struct VerifyOptions<'a, E> {
    pub issuer: Issuer<'a, E>,
    pub audience: Option<&'a Audience>,
    pub authorized_parties: Option<&'a [String]>,
    pub clock_skew_in_ms: Option<f64>,
    /// Deprecated in the reference, and read as milliseconds there too.
    pub clock_skew_in_seconds: Option<f64>,
    /// Stop before an RSA check that the verified-token cache cannot answer, with
    /// `VerifyError::RsaDeferred`, so the caller can run it on another thread.
    pub defer_rsa: bool,
}

/// Why `verify` stopped. Not only an error: it also carries a JS exception of the caller's
/// predicate (rethrown as it is) and a deferral, so it stays an enum around the one [`Error`].
#[derive(Debug)]
pub enum VerifyError<E> {
    /// The reference's failure (a TokenVerificationError, or the SyntaxError or TypeError of
    /// decoding a token or destructuring a `null` header).
    Failed(Error),
    /// The issuer predicate threw.
    Callback(E),
    /// Every claim passed; the signature needs an RSA check the caller asked to defer. The
    /// check owns what it needs and can run on any thread.
    RsaDeferred(DeferredCheck),
}

/// An RSA check that was deferred: the token, its decoded form and the parsed key. Running it
/// gives what `verify` would have given, and remembers the token as verify does.
pub struct DeferredCheck {
    token: Box<str>,
    decoded: Arc<DecodedJwt>,
    key: Arc<ParsedPublicKey>,
    expires_at_ms: f64,
}

impl std::fmt::Debug for DeferredCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeferredCheck")
    }
}

impl DeferredCheck {
    /// The token decoded, or the reference's invalid-signature error.
    pub fn run(&self) -> Result<Arc<DecodedJwt>, Error> {
        let signing_input = &self.token.as_bytes()[..self.decoded.signing_input_len];
        if self
            .key
            .verify_sig(signing_input, &self.decoded.signature)
            .is_ok()
        {
            super::seen::insert(&self.token, &self.key, self.expires_at_ms, &self.decoded);
            Ok(self.decoded.clone())
        } else {
            Err(invalid_signature())
        }
    }
}

fn invalid_signature() -> Error {
    Error::token(Reason::TokenInvalidSignature, "JWT signature is invalid.")
}

impl<E> From<Error> for VerifyError<E> {
    fn from(e: Error) -> Self {
        VerifyError::Failed(e)
    }
}

/// The skew in force. The reference reads `clockSkewInMs || clockSkewInSeconds || 5000`; here a
/// `clockSkewInMs` of 0 is honoured (a deliberate difference: the reference ignores it).
pub fn effective_clock_skew(in_ms: Option<f64>, in_seconds: Option<f64>) -> f64 {
    match (
        in_ms.filter(|v| !v.is_nan()),
        in_seconds.filter(|v| !v.is_nan() && *v != 0.0),
    ) {
        (Some(ms), _) => ms,
        (None, Some(s)) => s,
        (None, None) => DEFAULT_CLOCK_SKEW_MS,
    }
}

fn field<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => map.get(name),
        _ => None,
    }
}

/// Verifies `token` and returns it decoded; `now_ms` is the caller's `Date.now()`.
pub fn verify<E>(
    token: &str,
    key: &KeyInput,
    options: VerifyOptions<'_, E>,
    now_ms: f64,
) -> Result<Arc<DecodedJwt>, VerifyError<E>> {
    let decoded = decode_shared(token)?;
    verify_decoded(token, decoded, key, options, now_ms)
}

/// A token decoded, with what the verified-token cache remembers of it.
pub struct Decoded {
    pub jwt: Arc<DecodedJwt>,
    seen: Option<Seen>,
}

impl std::ops::Deref for Decoded {
    type Target = DecodedJwt;
    fn deref(&self) -> &DecodedJwt {
        &self.jwt
    }
}

/// `decode(token)`, or the decoded form remembered with a token verified before.
pub fn decode_shared(token: &str) -> Result<Decoded, Error> {
    match super::seen::lookup(token) {
        Some(seen) => Ok(Decoded {
            jwt: seen.decoded.clone(),
            seen: Some(seen),
        }),
        None => Ok(Decoded {
            jwt: Arc::new(decode(token)?),
            seen: None,
        }),
    }
}

/// `verify` of a token already decoded by `decode_shared(token)`.
pub fn verify_decoded<E>(
    token: &str,
    decoded: Decoded,
    key: &KeyInput,
    options: VerifyOptions<'_, E>,
    now_ms: f64,
) -> Result<Arc<DecodedJwt>, VerifyError<E>> {
    let skew = effective_clock_skew(options.clock_skew_in_ms, options.clock_skew_in_seconds);
    if decoded.header.is_null() {
        return Err(Error::type_error(
            "Cannot destructure property 'typ' of 'header' as it is null.",
        )
        .into());
    }
    let Decoded { jwt: decoded, seen } = decoded;
    let (header, payload) = (&decoded.header, &decoded.payload);
    claims::header_type(field(header, "typ"))?;
    let alg = claims::header_algorithm(field(header, "alg"))?;
    claims::subject(field(payload, "sub"))?;
    claims::audience(field(payload, "aud"), options.audience)?;
    claims::authorized_parties(field(payload, "azp"), options.authorized_parties)?;
    match options.issuer {
        Issuer::Skip => {}
        Issuer::Exact(expected) => claims::issuer_equals(field(payload, "iss"), expected)?,
        Issuer::Predicate(mut check) => {
            if !check(field(payload, "iss")).map_err(VerifyError::Callback)? {
                return Err(claims::issuer_rejected().into());
            }
        }
    }
    claims::expiration(field(payload, "exp"), skew, now_ms)?;
    claims::activation(field(payload, "nbf"), skew, now_ms)?;
    claims::issued_at(field(payload, "iat"), skew, now_ms)?;

    let signing_input = &token.as_bytes()[..decoded.signing_input_len];
    let expires_at_ms = field(payload, "exp")
        .and_then(Value::as_f64)
        .map(crate::js::date_ms_from_seconds)
        .unwrap_or(f64::NAN);
    let check = SignatureCheck {
        token,
        decoded: &decoded,
        seen: seen.as_ref(),
        signing_input,
        expires_at_ms,
    };
    match check.run(alg, key, now_ms, options.defer_rsa) {
        Ok(Signature::Deferred(key)) => Err(VerifyError::RsaDeferred(DeferredCheck {
            token: token.into(),
            decoded: decoded.clone(),
            key,
            expires_at_ms,
        })),
        Ok(Signature::Valid) => Ok(decoded),
        Ok(Signature::Invalid) => Err(invalid_signature().into()),
        Err(e) => Err(Error::token_with_action(
            Reason::TokenVerificationFailed,
            Action::EnsureClerkJwt,
            format!("Error verifying JWT signature. {e}"),
        )
        .into()),
    }
}

enum Signature {
    Valid,
    Invalid,
    /// The check is the caller's to run, with this key.
    Deferred(Arc<ParsedPublicKey>),
}

/// The signature check of a whole token, answered by the verified-token cache when this exact
/// token was verified with this key before and has not expired.
struct SignatureCheck<'a> {
    token: &'a str,
    decoded: &'a Arc<DecodedJwt>,
    seen: Option<&'a Seen>,
    signing_input: &'a [u8],
    expires_at_ms: f64,
}

impl SignatureCheck<'_> {
    /// Whether the signature matches, or the check the caller deferred.
    fn run(
        &self,
        alg: Algorithm,
        key: &KeyInput,
        now_ms: f64,
        defer_rsa: bool,
    ) -> Result<Signature, Error> {
        let key = keys::verifying_key(key, alg)?;
        match self.seen {
            Some(seen) if seen.vouches_for(&key, now_ms) => return Ok(Signature::Valid),
            Some(_) => super::seen::forget(self.token),
            None => {}
        }
        if defer_rsa {
            return Ok(Signature::Deferred(key));
        }
        if key
            .verify_sig(self.signing_input, &self.decoded.signature)
            .is_ok()
        {
            super::seen::insert(self.token, &key, self.expires_at_ms, self.decoded);
            Ok(Signature::Valid)
        } else {
            Ok(Signature::Invalid)
        }
    }
}

fn signature_matches(
    signing_input: &[u8],
    signature: &[u8],
    alg: Algorithm,
    key: &KeyInput,
) -> Result<bool, Error> {
    let key = keys::verifying_key(key, alg)?;
    Ok(key.verify_sig(signing_input, signature).is_ok())
}

/// `hasValidSignature(jwt, key)`: `alg` is `String(header.alg)`, `signing_input` is
/// `raw.header + "." + raw.payload`. It rejects with `getCryptoAlgorithm`'s plain `Error` for an
/// unknown algorithm, or with the key import's error.
pub fn has_valid_signature(
    signing_input: &[u8],
    signature: &[u8],
    alg: &str,
    key: &KeyInput,
) -> Result<bool, Error> {
    let alg = Algorithm::from_name(alg)
        .ok_or_else(|| Error::plain(Algorithm::unsupported_message(alg)))?;
    signature_matches(signing_input, signature, alg, key)
}
