//! Key import as the reference does it through WebCrypto, parsed once and cached.
//!
//! A key is a PEM string (SPKI to verify, PKCS#8 to sign; the reference strips every
//! `-----BEGIN/END ...-----` marker and whitespace, then `atob`s the rest) or a JWK (given here
//! as its JSON text). Import failures carry the DOMException-style text the reference puts in
//! its messages (`DataError: ...`). Parsed keys live in small LRU caches keyed by the exact
//! key text and algorithm, so the same key is never parsed twice while it is in use.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock};

use aws_lc_rs::rsa::{KeyPair, KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{ParsedPublicKey, RsaKeyPair};
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use lru::LruCache;
use serde_json::{Map, Value};

use super::Algorithm;
use crate::error::Error;

/// How many distinct keys each cache holds.
pub const KEY_CACHE_SIZE: usize = 64;

/// A key as the caller gave it.
#[derive(Debug, Clone, Copy)]
pub enum KeyInput<'a> {
    /// A PEM string.
    Pem(&'a str),
    /// A JWK object, as its JSON text.
    Jwk(&'a str),
    /// `jwtKey` of verifyToken: a PEM public key that the reference turns into a JWK with
    /// `alg: "RS256"`, so it verifies RS256 tokens only.
    Local(&'a str),
    /// Anything else, by its JS `typeof` (`undefined`, `number`, ...); `null` is `Jwk("null")`.
    Other(&'a str),
    /// A key the caller registered once and keeps (see `KeyHandle`).
    Handle(&'a KeyHandle),
}

/// Which kind of key text a handle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandleKind {
    Pem,
    Jwk,
    Local,
}

/// A key text registered once by the caller, who keeps the handle and passes it instead of the
/// text: the text then crosses from JS once, and its parsed forms are found without hashing it.
/// Parsing goes through the shared caches, so a handle and its text share one parsed key.
#[derive(Debug)]
pub struct KeyHandle {
    kind: HandleKind,
    text: Box<str>,
    verify: [OnceLock<Result<Arc<ParsedPublicKey>, Error>>; 3],
}

impl KeyHandle {
    pub fn new(kind: HandleKind, text: &str) -> KeyHandle {
        KeyHandle {
            kind,
            text: text.into(),
            verify: Default::default(),
        }
    }

    /// The key as text.
    pub fn input(&self) -> KeyInput<'_> {
        match self.kind {
            HandleKind::Pem => KeyInput::Pem(&self.text),
            HandleKind::Jwk => KeyInput::Jwk(&self.text),
            HandleKind::Local => KeyInput::Local(&self.text),
        }
    }
}

/// A key that could not be imported fails with the DOMException (or TypeError) WebCrypto
/// throws: an `ErrorKind::Dom` error, which prints as `name: message`.
fn data_error(message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::dom("DataError", message)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Usage {
    Verify,
    Sign,
}

/// Entries are found by a hash of the key text (so a lookup copies nothing) and confirmed by
/// comparing the text kept beside the value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct CacheKey {
    usage: Usage,
    alg: Algorithm,
    /// What the text is: a `jwtKey` PEM verifies RS256 only, so it never shares an entry with
    /// the same PEM given as `key` (else the answer would depend on which was used first).
    form: KeyForm,
    text_hash: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum KeyForm {
    Pem,
    JwtKey,
    Jwk,
}

type Cache<T> = Mutex<LruCache<CacheKey, (Box<str>, Arc<T>)>>;

struct Caches {
    verify: Cache<ParsedPublicKey>,
    sign: Cache<RsaKeyPair>,
}

fn caches() -> &'static Caches {
    static CACHES: OnceLock<Caches> = OnceLock::new();
    CACHES.get_or_init(|| {
        let size = NonZeroUsize::new(KEY_CACHE_SIZE).unwrap_or(NonZeroUsize::MIN);
        Caches {
            verify: Mutex::new(LruCache::new(size)),
            sign: Mutex::new(LruCache::new(size)),
        }
    })
}

fn cached<T>(
    cache: &Cache<T>,
    (key, text): (CacheKey, &str),
    make: impl FnOnce() -> Result<T, Error>,
) -> Result<Arc<T>, Error> {
    if let Some((kept, hit)) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        if **kept == *text {
            return Ok(hit.clone());
        }
    }
    let made = Arc::new(make()?);
    cache
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .put(key, (text.into(), made.clone()));
    Ok(made)
}

fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    // foldhash, seeded randomly once per process: a key's text is hashed on every call
    static STATE: OnceLock<foldhash::fast::RandomState> = OnceLock::new();
    STATE.get_or_init(Default::default).hash_one(text)
}

fn cache_key<'a>(
    usage: Usage,
    alg: Algorithm,
    input: &KeyInput<'a>,
) -> Option<(CacheKey, &'a str)> {
    let (form, text) = match *input {
        KeyInput::Pem(t) => (KeyForm::Pem, t),
        KeyInput::Local(t) => (KeyForm::JwtKey, t),
        KeyInput::Jwk(t) => (KeyForm::Jwk, t),
        KeyInput::Other(_) | KeyInput::Handle(_) => return None,
    };
    Some((
        CacheKey {
            usage,
            alg,
            form,
            text_hash: text_hash(text),
        },
        text,
    ))
}

fn alg_slot(alg: Algorithm) -> usize {
    match alg {
        Algorithm::RS256 => 0,
        Algorithm::RS384 => 1,
        Algorithm::RS512 => 2,
    }
}

/// The public key to verify `alg` signatures with, parsed once per key text and algorithm.
pub fn verifying_key(input: &KeyInput, alg: Algorithm) -> Result<Arc<ParsedPublicKey>, Error> {
    if let KeyInput::Handle(handle) = input {
        return handle.verify[alg_slot(alg)]
            .get_or_init(|| verifying_key(&handle.input(), alg))
            .clone();
    }
    let Some(key) = cache_key(Usage::Verify, alg, input) else {
        return Err(other_input_error(input));
    };
    cached(&caches().verify, key, || import_public(input, alg))
}

/// The private key to sign `alg` tokens with, parsed once per key text and algorithm.
pub fn signing_key(input: &KeyInput, alg: Algorithm) -> Result<Arc<RsaKeyPair>, Error> {
    if let KeyInput::Handle(handle) = input {
        return signing_key(&handle.input(), alg);
    }
    let Some(key) = cache_key(Usage::Sign, alg, input) else {
        return Err(other_input_error(input));
    };
    cached(&caches().sign, key, || import_private(input, alg))
}

fn other_input_error(input: &KeyInput) -> Error {
    let type_name = match input {
        KeyInput::Other(t) => *t,
        _ => "object",
    };
    let message = if type_name == "undefined" {
        "Cannot read properties of undefined (reading 'replace')"
    } else {
        "secret.replace is not a function"
    };
    Error::dom("TypeError", message)
}

fn import_public(input: &KeyInput, alg: Algorithm) -> Result<ParsedPublicKey, Error> {
    match input {
        KeyInput::Handle(h) => import_public(&h.input(), alg),
        KeyInput::Local(_) if alg != Algorithm::RS256 => Err(data_error(
            "JWK \"alg\" does not match the requested algorithm",
        )),
        KeyInput::Pem(text) | KeyInput::Local(text) => {
            let der = pem_to_der(text)?;
            if !looks_like_spki(&der) {
                return Err(data_error("Invalid keyData"));
            }
            let public = aws_lc_rs::rsa::PublicKey::from_der(&der)
                .map_err(|_| data_error("Invalid keyData"))?;
            check_size(public.modulus_len(), alg)?;
            ParsedPublicKey::new(alg.verification(), &der)
                .map_err(|_| data_error("Invalid keyData"))
        }
        KeyInput::Jwk(text) => {
            let jwk = parse_jwk(text)?;
            check_jwk(&jwk, alg, Usage::Verify)?;
            let n = jwk_bytes(&jwk, "n")?;
            let e = jwk_bytes(&jwk, "e")?;
            check_size(strip_zeros(&n).len(), alg)?;
            PublicKeyComponents {
                n: strip_zeros(&n),
                e: strip_zeros(&e),
            }
            .to_parsed_public_key(alg.verification())
            .map_err(|_| data_error("Invalid JWK"))
        }
        KeyInput::Other(_) => Err(other_input_error(input)),
    }
}

fn import_private(input: &KeyInput, alg: Algorithm) -> Result<RsaKeyPair, Error> {
    match input {
        KeyInput::Handle(h) => import_private(&h.input(), alg),
        KeyInput::Pem(text) | KeyInput::Local(text) => {
            let der = pem_to_der(text)?;
            RsaKeyPair::from_pkcs8(&der).map_err(|_| data_error("Invalid keyData"))
        }
        KeyInput::Jwk(text) => {
            let jwk = parse_jwk(text)?;
            check_jwk(&jwk, alg, Usage::Sign)?;
            let fields = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
            let mut values = Vec::with_capacity(fields.len());
            for f in fields {
                values.push(jwk_bytes(&jwk, f)?);
            }
            let components = KeyPairComponents {
                public_key: PublicKeyComponents {
                    n: strip_zeros(&values[0]),
                    e: strip_zeros(&values[1]),
                },
                d: &values[2][..],
                p: &values[3][..],
                q: &values[4][..],
                dP: &values[5][..],
                dQ: &values[6][..],
                qInv: &values[7][..],
            };
            KeyPair::from_components(&components).map_err(|_| data_error("Invalid JWK"))
        }
        KeyInput::Other(_) => Err(other_input_error(input)),
    }
}

/// The modulus sizes the verification parameters take; smaller keys are refused at import
/// with a clear message instead of failing every signature.
fn check_size(modulus_bytes: usize, alg: Algorithm) -> Result<(), Error> {
    let min_bits = if alg == Algorithm::RS384 { 2048 } else { 1024 };
    let bits = modulus_bytes * 8;
    if bits < min_bits || bits > 8192 {
        return Err(data_error(format!(
            "RSA key of {bits} bits is not supported for {} (from {min_bits} to 8192 bits)",
            alg.name()
        )));
    }
    Ok(())
}

fn parse_jwk(text: &str) -> Result<Map<String, Value>, Error> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::dom(
            "TypeError",
            "The \"keyData\" argument must be of type object.",
        )),
    }
}

/// WebCrypto's checks of an RSASSA-PKCS1-v1_5 JWK, in its order.
fn check_jwk(jwk: &Map<String, Value>, alg: Algorithm, usage: Usage) -> Result<(), Error> {
    match jwk.get("kty") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {
            return Err(data_error("Invalid keyData"))
        }
        Some(Value::String(s)) if s.is_empty() => return Err(data_error("Invalid keyData")),
        Some(Value::String(s)) if s == "RSA" => {}
        Some(_) => return Err(data_error("Invalid JWK \"kty\" Parameter")),
    }
    let is_private = jwk.contains_key("d");
    if is_private != (usage == Usage::Sign) {
        return Err(Error::dom(
            "SyntaxError",
            "Unsupported key usage for an RSA key",
        ));
    }
    if let Some(u) = jwk.get("use") {
        if u != "sig" {
            return Err(data_error("Invalid JWK \"use\" Parameter"));
        }
    }
    if let Some(ops) = jwk.get("key_ops") {
        let wanted = if usage == Usage::Sign {
            "sign"
        } else {
            "verify"
        };
        let Value::Array(ops) = ops else {
            return Err(Error::dom(
                "TypeError",
                "The \"keyData.key_ops\" property must be an instance of Array.",
            ));
        };
        if !ops.iter().any(|o| o == wanted) {
            return Err(data_error("Key operations and usage mismatch"));
        }
    }
    if let Some(a) = jwk.get("alg") {
        if a != alg.name() {
            return Err(data_error(
                "JWK \"alg\" does not match the requested algorithm",
            ));
        }
    }
    Ok(())
}

fn jwk_bytes(jwk: &Map<String, Value>, field: &str) -> Result<Vec<u8>, Error> {
    match jwk.get(field) {
        Some(Value::String(s)) => {
            super::base64url::decode_loose(s).map_err(|_| data_error("Invalid JWK"))
        }
        _ => Err(data_error("Invalid JWK")),
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

/// SubjectPublicKeyInfo starts SEQUENCE { SEQUENCE { OID ... } ... }; PKCS#1 starts
/// SEQUENCE { INTEGER ... }, which WebCrypto's `spki` import refuses.
fn looks_like_spki(der: &[u8]) -> bool {
    if der.first() != Some(&0x30) || der.len() < 2 {
        return false;
    }
    let len_octets = if der[1] & 0x80 != 0 {
        1 + (der[1] & 0x7f) as usize
    } else {
        1
    };
    der.get(1 + len_octets) == Some(&0x30)
}

/// The reference's `pemToBuffer`: drop the markers and all whitespace, then `atob`.
pub fn pem_to_der(pem: &str) -> Result<Vec<u8>, Error> {
    let without_begin = strip_markers(pem, "-----BEGIN");
    let without_end = strip_markers(&without_begin, "-----END");
    let compact: String = without_end
        .chars()
        .filter(|c| !is_js_whitespace(*c))
        .collect();
    atob(&compact)
}

/// Removes every match of `/{prefix}.*?-----/g` (`.` stops at line terminators).
fn strip_markers(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(prefix) {
        let after = &rest[start + prefix.len()..];
        let line_end = after
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .unwrap_or(after.len());
        match after[..line_end].find("-----") {
            Some(close) => {
                out.push_str(&rest[..start]);
                rest = &after[close + 5..];
            }
            None => {
                // no match here: keep one character and look again after it
                let step = rest[start..]
                    .chars()
                    .next()
                    .map(|c| c.len_utf8())
                    .unwrap_or(1);
                out.push_str(&rest[..start + step]);
                rest = &rest[start + step..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// JS `\s`.
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Node's `atob` on a string without whitespace (forgiving-base64, WHATWG).
fn atob(input: &str) -> Result<Vec<u8>, Error> {
    use crate::instance::{atob_error as invalid, INVALID_CHARACTER, NOT_CORRECTLY_ENCODED};
    let mut count = 0usize;
    let mut equals = 0usize;
    for c in input.chars() {
        if c == '=' {
            equals += 1;
            if equals > 2 {
                return Err(invalid(INVALID_CHARACTER));
            }
        } else if c.is_ascii_alphanumeric() || c == '+' || c == '/' {
            if equals > 0 {
                return Err(invalid(INVALID_CHARACTER));
            }
        } else {
            return Err(invalid(INVALID_CHARACTER));
        }
        count += 1;
    }
    let mut remainder = count % 4;
    if remainder == 0 {
        remainder = (count - equals) % 4;
    } else if equals > 0 {
        return Err(invalid(INVALID_CHARACTER));
    }
    if remainder == 1 {
        return Err(invalid(NOT_CORRECTLY_ENCODED));
    }
    FORGIVING
        .decode(input.trim_end_matches('='))
        .map_err(|_| invalid(NOT_CORRECTLY_ENCODED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_stripped_like_the_reference_regex() {
        assert_eq!(
            strip_markers("-----BEGIN PUBLIC KEY-----\nAB\n", "-----BEGIN"),
            "\nAB\n"
        );
        assert_eq!(
            strip_markers("x-----BEGIN\n-----BEGIN A-----y", "-----BEGIN"),
            "x-----BEGIN\ny"
        );
        assert_eq!(strip_markers("-----BEGIN-----", "-----BEGIN"), "");
    }

    #[test]
    fn atob_is_forgiving_base64() {
        assert_eq!(atob("aGk=").unwrap(), b"hi");
        assert_eq!(atob("aGk").unwrap(), b"hi");
        assert_eq!(atob("aGl=").unwrap(), b"hi");
        assert_eq!(atob("a").unwrap_err().js_name(), "InvalidCharacterError");
        assert!(atob("aG=k").is_err());
        assert!(atob("aGk-").is_err());
        assert!(atob("aG===").is_err());
        assert!(atob("aGk==").is_err());
    }

    #[test]
    fn bad_keys_give_dom_style_errors() {
        let e = verifying_key(&KeyInput::Pem("not a key!"), Algorithm::RS256).unwrap_err();
        assert_eq!(e.to_string(), "InvalidCharacterError: Invalid character");
        let e = verifying_key(&KeyInput::Pem("AAAA"), Algorithm::RS256).unwrap_err();
        assert_eq!(e.to_string(), "DataError: Invalid keyData");
        let e = verifying_key(&KeyInput::Jwk("null"), Algorithm::RS256).unwrap_err();
        assert_eq!(e.js_name(), "TypeError");
        let e = verifying_key(&KeyInput::Jwk(r#"{"kty":"EC"}"#), Algorithm::RS256).unwrap_err();
        assert_eq!(e.to_string(), "DataError: Invalid JWK \"kty\" Parameter");
        let e = verifying_key(
            &KeyInput::Jwk(r#"{"kty":"RSA","use":"enc"}"#),
            Algorithm::RS256,
        )
        .unwrap_err();
        assert_eq!(e.message(), "Invalid JWK \"use\" Parameter");
        let e = verifying_key(
            &KeyInput::Jwk(r#"{"kty":"RSA","alg":"RS384","n":"AQAB","e":"AQAB"}"#),
            Algorithm::RS256,
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "JWK \"alg\" does not match the requested algorithm"
        );
        let e = verifying_key(
            &KeyInput::Jwk(r#"{"kty":"RSA","n":"!!","e":"AQAB"}"#),
            Algorithm::RS256,
        )
        .unwrap_err();
        assert_eq!(e.message(), "Invalid JWK");
        let e = verifying_key(&KeyInput::Other("undefined"), Algorithm::RS256).unwrap_err();
        assert_eq!(e.js_name(), "TypeError");
        let e = signing_key(
            &KeyInput::Jwk(r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#),
            Algorithm::RS256,
        )
        .unwrap_err();
        assert_eq!(e.js_name(), "SyntaxError");
    }
}
