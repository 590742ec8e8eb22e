//! verify and sign end to end, with RSA keys made in the test.

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use clerk_core::jwt::{self, sign, Algorithm, Issuer, KeyInput, VerifyError, VerifyOptions};

fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

fn keys() -> (String, String) {
    let pair = KeyPair::generate(KeySize::Rsa2048).unwrap();
    let private: Pkcs8V1Der = pair.as_der().unwrap();
    let public: PublicKeyX509Der = pair.public_key().as_der().unwrap();
    (
        pem("PRIVATE KEY", private.as_ref()),
        pem("PUBLIC KEY", public.as_ref()),
    )
}

const NOW: f64 = 1_700_000_000_000.0;

fn options<'a>() -> VerifyOptions<'a, ()> {
    VerifyOptions {
        issuer: Issuer::Skip,
        audience: None,
        authorized_parties: None,
        clock_skew_in_ms: None,
        clock_skew_in_seconds: None,
        defer_rsa: false,
    }
}

fn reason(r: Result<std::sync::Arc<jwt::DecodedJwt>, VerifyError<()>>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(VerifyError::Failed(e)) if e.reason().is_some() => {
            e.reason().map_or("", |r| r.as_str()).into()
        }
        Err(other) => format!("{other:?}"),
    }
}

#[test]
fn signs_and_verifies_with_every_algorithm() {
    let (private, public) = keys();
    for alg in [Algorithm::RS256, Algorithm::RS384, Algorithm::RS512] {
        let header = format!(r#"{{"typ":"JWT","alg":"{}"}}"#, alg.name());
        let token = sign(
            &header,
            r#"{"sub":"u","exp":1700000060}"#,
            &KeyInput::Pem(&private),
            alg,
        )
        .unwrap();
        let d = jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW).unwrap();
        assert_eq!(d.payload["sub"], "u");
        // RSASSA-PKCS1-v1_5 is deterministic
        assert_eq!(
            token,
            sign(
                &header,
                r#"{"sub":"u","exp":1700000060}"#,
                &KeyInput::Pem(&private),
                alg
            )
            .unwrap()
        );
    }
}

#[test]
fn checks_run_in_the_reference_order_and_the_signature_last() {
    let (private, public) = keys();
    let (_, other_public) = keys();
    let make = |payload: &str| {
        sign(
            r#"{"typ":"JWT","alg":"RS256"}"#,
            payload,
            &KeyInput::Pem(&private),
            Algorithm::RS256,
        )
        .unwrap()
    };
    let expired = make(r#"{"sub":"u","exp":1699999000}"#);
    // an expired token signed by another key reports the expiry: claims come first
    assert_eq!(
        reason(jwt::verify(
            &expired,
            &KeyInput::Pem(&other_public),
            options(),
            NOW
        )),
        "token-expired"
    );
    let valid = make(r#"{"sub":"u","exp":1700000060}"#);
    assert_eq!(
        reason(jwt::verify(
            &valid,
            &KeyInput::Pem(&other_public),
            options(),
            NOW
        )),
        "token-invalid-signature"
    );
    let no_sub = make(r#"{"exp":1}"#);
    assert_eq!(
        reason(jwt::verify(
            &no_sub,
            &KeyInput::Pem(&public),
            options(),
            NOW
        )),
        "token-verification-failed"
    );
    let mut tampered = valid.clone();
    tampered.replace_range(tampered.len() - 3.., "AAA");
    assert_eq!(
        reason(jwt::verify(
            &tampered,
            &KeyInput::Pem(&public),
            options(),
            NOW
        )),
        "token-invalid-signature"
    );
    // the jwtKey of verifyToken takes RS256 only, as the reference's local JWK does
    let rs384 = sign(
        r#"{"alg":"RS384"}"#,
        r#"{"sub":"u","exp":1700000060}"#,
        &KeyInput::Pem(&private),
        Algorithm::RS384,
    )
    .unwrap();
    assert_eq!(
        reason(jwt::verify(
            &rs384,
            &KeyInput::Local(&public),
            options(),
            NOW
        )),
        "token-verification-failed"
    );
    assert_eq!(
        reason(jwt::verify(&rs384, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
}

#[test]
fn an_issuer_predicate_sees_the_claim_and_can_fail() {
    let (private, public) = keys();
    let token = sign(
        r#"{"alg":"RS256"}"#,
        r#"{"sub":"u","iss":"https://clerk.x","exp":1700000060}"#,
        &KeyInput::Pem(&private),
        Algorithm::RS256,
    )
    .unwrap();
    let mut seen = None;
    let opts = VerifyOptions {
        issuer: Issuer::Predicate(Box::new(|iss| {
            seen = iss.cloned();
            Ok(false)
        })),
        ..options()
    };
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), opts, NOW)),
        "token-invalid-issuer"
    );
    assert_eq!(seen.unwrap(), "https://clerk.x");
    let failing = VerifyOptions {
        issuer: Issuer::Predicate(Box::new(|_| Err(()))),
        ..options()
    };
    assert!(matches!(
        jwt::verify(&token, &KeyInput::Pem(&public), failing, NOW),
        Err(VerifyError::Callback(()))
    ));
}

#[test]
fn a_token_verified_before_still_has_every_claim_checked() {
    let (private, public) = keys();
    let (_, other_public) = keys();
    let token = sign(
        r#"{"alg":"RS256"}"#,
        r#"{"sub":"u","azp":"https://a.com","exp":1700000060,"nbf":1699999990}"#,
        &KeyInput::Pem(&private),
        Algorithm::RS256,
    )
    .unwrap();
    // verified once: remembered
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
    // the clock still counts: expired, not active yet
    assert_eq!(
        reason(jwt::verify(
            &token,
            &KeyInput::Pem(&public),
            options(),
            NOW + 120_000.0
        )),
        "token-expired"
    );
    assert_eq!(
        reason(jwt::verify(
            &token,
            &KeyInput::Pem(&public),
            options(),
            NOW - 60_000.0
        )),
        "token-not-active-yet"
    );
    // the options still count
    let parties = vec!["https://b.com".to_string()];
    let opts = VerifyOptions {
        authorized_parties: Some(&parties),
        ..options()
    };
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), opts, NOW)),
        "token-invalid-authorized-parties"
    );
    // another key does not share the entry
    assert_eq!(
        reason(jwt::verify(
            &token,
            &KeyInput::Pem(&other_public),
            options(),
            NOW
        )),
        "token-invalid-signature"
    );
    // and the right key still answers
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
}

#[test]
fn a_deferred_rsa_check_comes_after_every_claim_and_not_for_a_known_token() {
    let (private, public) = keys();
    let token = sign(
        r#"{"alg":"RS256"}"#,
        r#"{"sub":"u","exp":1700000060,"jti":"defer"}"#,
        &KeyInput::Pem(&private),
        Algorithm::RS256,
    )
    .unwrap();
    let deferred = VerifyOptions {
        defer_rsa: true,
        ..options()
    };
    assert!(matches!(
        jwt::verify(&token, &KeyInput::Pem(&public), deferred, NOW),
        Err(VerifyError::RsaDeferred(_))
    ));
    // claims still fail first
    let deferred = VerifyOptions {
        defer_rsa: true,
        ..options()
    };
    assert_eq!(
        reason(jwt::verify(
            &token,
            &KeyInput::Pem(&public),
            deferred,
            NOW + 120_000.0
        )),
        "token-expired"
    );
    // once verified, no RSA check is needed
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
    let deferred = VerifyOptions {
        defer_rsa: true,
        ..options()
    };
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), deferred, NOW)),
        "ok"
    );
}

#[test]
fn the_verified_token_cache_is_bounded_by_token_size_and_total_bytes() {
    use clerk_core::jwt::seen;
    let (private, public) = keys();
    let deferred = || VerifyOptions {
        defer_rsa: true,
        ..options()
    };
    // a long token verifies but is not remembered: the next check needs RSA again
    let big = format!(
        r#"{{"sub":"u","exp":1700000060,"pad":"{}"}}"#,
        "x".repeat(seen::MAX_TOKEN_BYTES)
    );
    let token = sign(
        r#"{"alg":"RS256"}"#,
        &big,
        &KeyInput::Pem(&private),
        Algorithm::RS256,
    )
    .unwrap();
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
    assert!(matches!(
        jwt::verify(&token, &KeyInput::Pem(&public), deferred(), NOW),
        Err(VerifyError::RsaDeferred(_))
    ));
    // tokens just under the limit are remembered, and the total stays within the budget
    let pad = "y".repeat(seen::MAX_TOKEN_BYTES / 2);
    let count = seen::BUDGET_BYTES / (seen::MAX_TOKEN_BYTES * 2 / 3) + 8;
    let mut last = String::new();
    for i in 0..count {
        let payload = format!(r#"{{"sub":"u","exp":1700000060,"i":{i},"pad":"{pad}"}}"#);
        last = sign(
            r#"{"alg":"RS256"}"#,
            &payload,
            &KeyInput::Pem(&private),
            Algorithm::RS256,
        )
        .unwrap();
        assert_eq!(
            reason(jwt::verify(&last, &KeyInput::Pem(&public), options(), NOW)),
            "ok"
        );
        let (_, bytes) = seen::usage();
        assert!(bytes <= seen::BUDGET_BYTES, "{bytes} bytes held");
    }
    assert_eq!(
        reason(jwt::verify(&last, &KeyInput::Pem(&public), deferred(), NOW)),
        "ok"
    );
}

#[test]
fn a_deferred_check_runs_anywhere_and_gives_what_verify_gives() {
    let (private, public) = keys();
    let (_, other_public) = keys();
    let token = sign(
        r#"{"alg":"RS256"}"#,
        r#"{"sub":"u","exp":1700000060,"jti":"anywhere"}"#,
        &KeyInput::Pem(&private),
        Algorithm::RS256,
    )
    .unwrap();
    let deferred = || VerifyOptions {
        defer_rsa: true,
        ..options()
    };
    let Err(VerifyError::RsaDeferred(check)) =
        jwt::verify(&token, &KeyInput::Pem(&other_public), deferred(), NOW)
    else {
        panic!("deferred")
    };
    let wrong = std::thread::spawn(move || {
        check
            .run()
            .map(|_| ())
            .map_err(|e| e.reason().map(|r| r.as_str()))
    })
    .join()
    .unwrap();
    assert_eq!(wrong, Err(Some("token-invalid-signature")));
    let Err(VerifyError::RsaDeferred(check)) =
        jwt::verify(&token, &KeyInput::Pem(&public), deferred(), NOW)
    else {
        panic!("deferred")
    };
    let payload = std::thread::spawn(move || check.run().map(|d| d.payload_text.clone()).ok())
        .join()
        .unwrap();
    assert!(payload.unwrap().contains("anywhere"));
    // remembered by the thread that ran it: no check is needed now
    assert_eq!(
        reason(jwt::verify(
            &token,
            &KeyInput::Pem(&public),
            deferred(),
            NOW
        )),
        "ok"
    );
}

#[test]
fn a_jwt_key_verifies_rs256_only_whatever_ran_before() {
    let (private, public) = keys();
    let header = r#"{"typ":"JWT","alg":"RS384"}"#;
    let token = sign(
        header,
        r#"{"sub":"u","exp":1700000060}"#,
        &KeyInput::Pem(&private),
        Algorithm::RS384,
    )
    .unwrap();
    // the same PEM as `key` verifies RS384 ...
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
    // ... and as `jwtKey` (RS256 only) it is refused, before and after
    let refused = reason(jwt::verify(
        &token,
        &KeyInput::Local(&public),
        options(),
        NOW,
    ));
    assert!(refused.contains("token-verification-failed"), "{refused}");
    assert_eq!(
        reason(jwt::verify(&token, &KeyInput::Pem(&public), options(), NOW)),
        "ok"
    );
    let again = reason(jwt::verify(
        &token,
        &KeyInput::Local(&public),
        options(),
        NOW,
    ));
    assert_eq!(again, refused);
}
