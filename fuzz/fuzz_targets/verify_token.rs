//! Arbitrary token text and verify options -> `jwt::verify` (decode, claim checks, key import,
//! signature, verified-token cache), against the committed RSA test key as PEM, JWK and
//! `jwtKey`, and against fuzzed key texts and non-key inputs.
//!
//! Input: `name: value` lines (see `common.rs`): `token`, `now`, `skew-ms`, `skew-s`, `iss`
//! (exact) or `iss-pred` (`true`/`false`/`err`), `aud` (repeat for a list, `aud-many: 1` forces
//! a list), `azp` (repeat; `azp-empty: 1` gives an empty list), `key` (`pem`, `jwk`, `local`,
//! `other`, `pem-text`, `jwk-text`, `local-text` with `key-text`), `defer: 1`.
//!
//! Invariants: the same call twice gives the same outcome (the second one may come from the
//! verified-token cache); a deferred call agrees with the full one; a token accepted with key A
//! is refused with key B (the cache is tied to the key); an accepted token's signature checks
//! out through `has_valid_signature`.
#![no_main]

#[path = "common.rs"]
mod common;

use clerk_core::jwt::{self, Audience, Issuer, KeyInput, VerifyError, VerifyOptions};
use clerk_core::Reason;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Ok {
        header: String,
        payload: String,
        signature: Vec<u8>,
    },
    Deferred,
    Err(String),
}

fn outcome(r: Result<std::sync::Arc<jwt::DecodedJwt>, VerifyError<String>>) -> Outcome {
    match r {
        Ok(d) => Outcome::Ok {
            header: d.header_text.clone(),
            payload: d.payload_text.clone(),
            signature: d.signature.clone(),
        },
        Err(VerifyError::RsaDeferred(_)) => Outcome::Deferred,
        Err(e) => Outcome::Err(format!("{e:?}")),
    }
}

struct Opts<'a> {
    iss_exact: Option<&'a str>,
    iss_pred: Option<&'a str>,
    audience: Option<Audience>,
    azp: Option<Vec<String>>,
    skew_ms: Option<f64>,
    skew_s: Option<f64>,
}

impl<'a> Opts<'a> {
    fn build(&'a self, defer_rsa: bool) -> VerifyOptions<'a, String> {
        let issuer = if let Some(exact) = self.iss_exact {
            Issuer::Exact(exact)
        } else if let Some(pred) = self.iss_pred {
            let answer = pred.to_string();
            Issuer::Predicate(Box::new(
                move |iss: Option<&serde_json::Value>| match answer.as_str() {
                    "err" => Err(format!("predicate threw on {iss:?}")),
                    "true" => Ok(true),
                    "match" => Ok(iss
                        .and_then(|v| v.as_str())
                        .is_some_and(|s| s.starts_with("https://clerk."))),
                    _ => Ok(false),
                },
            ))
        } else {
            Issuer::Skip
        };
        VerifyOptions {
            issuer,
            audience: self.audience.as_ref(),
            authorized_parties: self.azp.as_deref(),
            clock_skew_in_ms: self.skew_ms,
            clock_skew_in_seconds: self.skew_s,
            defer_rsa,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields = common::lines(&text);
    let token = common::last(&fields, "token").unwrap_or("");
    let now = common::number(&fields, "now").unwrap_or(1_700_000_000_000.0);
    let auds = common::all(&fields, "aud");
    let audience = match (auds.len(), common::last(&fields, "aud-many").is_some()) {
        (0, false) => None,
        (1, false) => Some(Audience::One(auds[0].to_string())),
        _ => Some(Audience::Many(auds.iter().map(|s| s.to_string()).collect())),
    };
    let azps = common::all(&fields, "azp");
    let azp = if !azps.is_empty() || common::last(&fields, "azp-empty").is_some() {
        Some(azps.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    } else {
        None
    };
    let opts = Opts {
        iss_exact: common::last(&fields, "iss"),
        iss_pred: common::last(&fields, "iss-pred"),
        audience,
        azp,
        skew_ms: common::number(&fields, "skew-ms"),
        skew_s: common::number(&fields, "skew-s"),
    };
    let key_text = common::last(&fields, "key-text").unwrap_or("");
    let (key, key_b) = match common::last(&fields, "key").unwrap_or("pem") {
        "jwk" => (
            KeyInput::Jwk(common::KEY_A_JWK),
            Some(KeyInput::Jwk(common::KEY_B_JWK)),
        ),
        "local" => (
            KeyInput::Local(common::KEY_A_PEM),
            Some(KeyInput::Local(common::KEY_B_PEM)),
        ),
        "other" => (
            KeyInput::Other(if key_text.is_empty() {
                "undefined"
            } else {
                key_text
            }),
            None,
        ),
        "pem-text" => (KeyInput::Pem(key_text), None),
        "jwk-text" => (KeyInput::Jwk(key_text), None),
        "local-text" => (KeyInput::Local(key_text), None),
        _ => (
            KeyInput::Pem(common::KEY_A_PEM),
            Some(KeyInput::Pem(common::KEY_B_PEM)),
        ),
    };
    let defer = common::last(&fields, "defer").is_some();

    // 1. the call, then the same call again: equal outcomes (the second may be a cache hit)
    let first = outcome(jwt::verify(token, &key, opts.build(defer), now));
    let second = outcome(jwt::verify(token, &key, opts.build(defer), now));
    assert_eq!(first, second, "same call, different outcome");

    // 2. deferred and full calls agree
    let full = outcome(jwt::verify(token, &key, opts.build(false), now));
    let deferred = outcome(jwt::verify(token, &key, opts.build(true), now));
    match (&deferred, &full) {
        (Outcome::Deferred, Outcome::Ok { .. }) => {}
        (Outcome::Deferred, Outcome::Err(e)) => {
            assert!(e.contains("TokenInvalidSignature"), "deferred, then {e}")
        }
        (d, f) => assert_eq!(d, f, "deferred and full calls disagree"),
    }
    assert_ne!(full, Outcome::Deferred);
    if common::debug() {
        eprintln!(
            "verify_token: {}",
            match &full {
                Outcome::Ok { .. } => "ok".to_string(),
                o => format!("{o:?}"),
            }
        );
    }

    // 3. an accepted token: its signature checks out on its own, and another key refuses it
    if let Outcome::Ok { .. } = full {
        let d = jwt::decode(token).expect("an accepted token decodes");
        let (input, _) = token.rsplit_once('.').unwrap();
        let alg = d.header["alg"].as_str().unwrap_or("");
        assert_eq!(
            jwt::has_valid_signature(input.as_bytes(), &d.signature, alg, &key),
            Ok(true)
        );
        if let Some(other) = key_b {
            for defer_b in [false, true] {
                match jwt::verify(token, &other, opts.build(defer_b), now) {
                    Ok(_) => panic!("a token accepted with key A is accepted with key B"),
                    Err(VerifyError::Failed(t)) => {
                        assert_eq!(t.reason(), Some(Reason::TokenInvalidSignature))
                    }
                    Err(VerifyError::RsaDeferred(_)) => assert!(defer_b),
                    Err(e) => panic!("accepted with A, {e:?} with B"),
                }
            }
        }
    }
});
