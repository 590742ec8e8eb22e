//! Arbitrary options, request headers and cookies -> `request_state` (inputs merging, cookie
//! parsing and decoding, the rules, `run` with verification wired in), plus the publishable key
//! and instance helpers of `instance.rs`.
//!
//! Input: `name: value` lines (see `common.rs`). Options: `secret-key`, `api-key`,
//! `publishable-key`, `frontend-api`, `proxy-url`, `domain`, `satellite`, `sign-in-url`,
//! `opt-<x>` for the values an option overrides (`opt-header-token`, `opt-cookie-token`,
//! `opt-client-uat`, `opt-origin`, `opt-host`, `opt-forwarded-host`, `opt-forwarded-port`,
//! `opt-forwarded-proto`, `opt-referrer`, `opt-user-agent`), `satellite-url-param`,
//! `synced-param`. Request headers (any one makes a request): `authorization`, `origin`,
//! `host`, `x-forwarded-host`, `x-forwarded-port`, `cloudfront-forwarded-proto`,
//! `x-forwarded-proto`, `referer`, `user-agent`, `cookie`, or `request: 1`. Verification:
//! `jwt-key` (`a`, `b`, or any text), `api-url`, `api-version`, `aud`, `azp`, `skew-ms`,
//! `skew-s`, `ttl`, `skip-cache`, `defer`, `now`, `key-override` (`none`, `jwk-a`, `jwk-b`,
//! `failed`, or JWK text).
//!
//! Invariants: merging and deciding are deterministic; a signed-in decision names the token
//! that was given; a decision that needs a key only comes when no key was at hand; cookies are
//! parsed to unique names, and one cookie looked up is the one the whole parse gives; a
//! configuration prepared once resolves as one parsed per call; a partial read of the headers
//! answers as all ten or asks for them; the publishable key helpers agree with each other.
#![no_main]

#[path = "common.rs"]
mod common;

use clerk_core::instance;
use clerk_core::jwks::CachePolicy;
use clerk_core::jwt::Audience;
use clerk_core::request_state::inputs::{self, HeadersRead, RawInputs, RequestHeaders};
use clerk_core::request_state::rules::{select, Decision, Selected};
use clerk_core::request_state::run::{start, Step, TokenOptions};
use libfuzzer_sys::fuzz_target;

const HEADERS: [&str; 11] = [
    "request",
    "authorization",
    "origin",
    "host",
    "x-forwarded-host",
    "x-forwarded-port",
    "cloudfront-forwarded-proto",
    "x-forwarded-proto",
    "referer",
    "user-agent",
    "cookie",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let f = common::lines(&text);
    let get = |name: &str| common::last(&f, name).map(str::to_string);

    let request = HEADERS
        .iter()
        .any(|h| common::last(&f, h).is_some())
        .then(|| RequestHeaders {
            read: HeadersRead::All,
            authorization: get("authorization"),
            origin: get("origin"),
            host: get("host"),
            forwarded_host: get("x-forwarded-host"),
            forwarded_port: get("x-forwarded-port"),
            cloudfront_forwarded_proto: get("cloudfront-forwarded-proto"),
            forwarded_proto: get("x-forwarded-proto"),
            referrer: get("referer"),
            user_agent: get("user-agent"),
            cookie: get("cookie"),
        });
    let raw = RawInputs {
        secret_key: get("secret-key"),
        api_key: get("api-key"),
        publishable_key: get("publishable-key"),
        frontend_api: get("frontend-api"),
        proxy_url: get("proxy-url"),
        domain: get("domain"),
        is_satellite: common::last(&f, "satellite").is_some_and(|v| v != "0"),
        sign_in_url: get("sign-in-url"),
        header_token: get("opt-header-token"),
        cookie_token: get("opt-cookie-token"),
        client_uat: get("opt-client-uat"),
        origin: get("opt-origin"),
        host: get("opt-host"),
        forwarded_host: get("opt-forwarded-host"),
        forwarded_port: get("opt-forwarded-port"),
        forwarded_proto: get("opt-forwarded-proto"),
        referrer: get("opt-referrer"),
        user_agent: get("opt-user-agent"),
        request,
        satellite_url_param: get("satellite-url-param"),
        synced_param: get("synced-param"),
        parsed_publishable_key: None,
    };

    let auds = common::all(&f, "aud");
    let azps = common::all(&f, "azp");
    let opts = TokenOptions {
        jwt_key: get("jwt-key").map(|k| match k.as_str() {
            "a" => common::KEY_A_PEM.to_string(),
            "b" => common::KEY_B_PEM.to_string(),
            _ => k,
        }),
        api_url: get("api-url"),
        api_version: get("api-version"),
        audience: match auds.len() {
            0 => None,
            1 => Some(Audience::One(auds[0].to_string())),
            _ => Some(Audience::Many(auds.iter().map(|s| s.to_string()).collect())),
        },
        authorized_parties: (!azps.is_empty())
            .then(|| azps.iter().map(|s| s.to_string()).collect()),
        clock_skew_in_ms: common::number(&f, "skew-ms"),
        clock_skew_in_seconds: common::number(&f, "skew-s"),
        policy: CachePolicy::from_options(
            common::number(&f, "ttl"),
            common::last(&f, "skip-cache").is_some(),
            None,
        ),
    };
    let opts = std::sync::Arc::new(opts);
    let defer = common::last(&f, "defer").is_some();
    let now = common::number(&f, "now").unwrap_or(1_700_000_000_000.0);
    // merging is deterministic, and a configuration prepared once resolves the same
    let resolved = raw.resolve();
    assert_eq!(resolved, raw.resolve());
    assert_eq!(resolved, raw.clone().prepared().resolve());

    // the rules given only some of the header values answer as with all ten, or ask for them
    if let Some(h) = &raw.request {
        let full = select(&raw, &resolved);
        for read in [HeadersRead::Token, HeadersRead::WithoutHost] {
            let some = RequestHeaders {
                read,
                authorization: h.authorization.clone(),
                cookie: h.cookie.clone(),
                origin: (read == HeadersRead::WithoutHost)
                    .then(|| h.origin.clone())
                    .flatten(),
                referrer: (read == HeadersRead::WithoutHost)
                    .then(|| h.referrer.clone())
                    .flatten(),
                user_agent: (read == HeadersRead::WithoutHost)
                    .then(|| h.user_agent.clone())
                    .flatten(),
                ..Default::default()
            };
            let partial = RawInputs {
                request: Some(some),
                ..raw.clone()
            };
            match select(&partial, &partial.resolve()) {
                Ok(Selected::ReadAllHeaders) => {}
                got => assert_eq!(
                    got, full,
                    "{read:?} answered otherwise than all ten headers"
                ),
            }
        }
    }

    // the rules, twice (the second run may answer from the verified-token cache); a deferred
    // RSA check finishes to the decision the first run would have made without deferring
    let decide = |defer: bool| match start(&raw, &resolved, &opts, now, defer) {
        Step::Decided(result) => Some(result),
        Step::CheckSignature(pending) => {
            assert!(defer, "an RSA check deferred without being asked to");
            Some(Ok(pending.finish()))
        }
        Step::ReadAllHeaders => panic!("asked for headers when all ten were given"),
        Step::FetchKey(_) => {
            assert!(
                opts.jwt_key.as_deref().is_none_or(str::is_empty),
                "asked for a key while jwtKey was given"
            );
            None
        }
    };
    let first = decide(defer);
    let second = decide(defer);
    assert_eq!(first, second, "same request, different decision");
    if common::debug() {
        eprintln!("request_state: {first:?}");
    }
    if let Some(Ok(Decision::SignedIn { token, .. })) = &first {
        assert!(!token.is_empty());
        assert!(
            resolved.header_token.as_deref() == Some(token.as_str())
                || resolved.cookie_token.as_deref() == Some(token.as_str()),
            "signed in with a token that was not given"
        );
    }

    // cookies: unique names; the second decoding leaves `%`-free text alone
    if let Some(cookie) = raw.request.as_ref().and_then(|r| r.cookie.as_deref()) {
        let pairs = inputs::parse_cookies(cookie);
        for (i, (k, _)) in pairs.iter().enumerate() {
            assert!(
                pairs[..i].iter().all(|(other, _)| other != k),
                "cookie {k:?} twice"
            );
        }
        for (k, v) in &pairs {
            assert_eq!(inputs::cookie(cookie, k).as_ref(), Some(v), "cookie {k:?}");
            let once = inputs::backend_decode(v);
            if !v.contains('%') {
                assert_eq!(&once, v);
            }
        }
    }

    // the publishable key helpers
    for key in [
        raw.publishable_key.as_deref(),
        raw.secret_key.as_deref(),
        raw.frontend_api.as_deref(),
    ] {
        let tried = instance::try_parse_publishable_key(key);
        assert_eq!(
            instance::parse_publishable_key(key),
            tried.clone().ok().flatten()
        );
        match (&tried, instance::try_is_publishable_key(key)) {
            (Ok(Some(_)), Ok(true)) | (Ok(None), Ok(_)) | (Err(_), Err(_)) => {}
            (a, b) => panic!("parse {a:?} but is_publishable_key {b:?}"),
        }
        if let Ok(Some(pk)) = &tried {
            let k = key.unwrap_or("");
            assert!(k.starts_with("pk_live_") || k.starts_with("pk_test_"));
            assert_eq!(
                pk.instance_type == instance::InstanceType::Production,
                k.starts_with("pk_live_")
            );
        }
        let _ = instance::frontend_api_from(key, raw.frontend_api.as_deref());
        let s = key.unwrap_or("");
        let prefixed = instance::add_clerk_prefix(s);
        assert!(s.is_empty() || prefixed.starts_with("clerk.") || prefixed == s);
        let url = instance::script_url(
            s,
            get("pkg-version").as_deref(),
            get("clerk-js-version").as_deref(),
        );
        assert!(url.starts_with("https://"));
        let _ = instance::is_dev_or_staging_url(s);
        let _ = instance::atob(s);
    }
});
