//! authenticateRequest: the inputs JS read from options and the request, converted once; the
//! decision back, or the one pending step that finishes it (src/pending.rs).

use std::sync::Arc;

use clerk_core::jwks::CachePolicy;
use clerk_core::request_state::inputs::{HeadersRead, RawInputs, RequestHeaders};
use clerk_core::request_state::rules::{Decision, Status};
use clerk_core::request_state::run::{start, Step, TokenOptions};
use clerk_core::request_state::Resolved;
use napi::bindgen_prelude::{Either, External};
use napi::Result;
use napi_derive::napi;

use crate::convert::{self, guard, OutText, Text};
use crate::pending::{Pending, PendingNext, PendingWork};

/// The options of a configuration (merged with the Clerk() defaults by JS): converted once into
/// an `AuthSetup` handle that JS keeps and passes with each request, so they do not cross per
/// call (reading an object's field through N-API costs about 0.3 us).
#[napi(object)]
pub struct AuthConfig {
    pub secret_key: Option<String>,
    pub api_key: Option<String>,
    pub publishable_key: Option<String>,
    pub frontend_api: Option<String>,
    pub proxy_url: Option<String>,
    pub domain: Option<String>,
    pub is_satellite: bool,
    pub sign_in_url: Option<String>,
    pub jwt_key: Option<String>,
    pub api_url: Option<String>,
    pub api_version: Option<String>,
    pub audience: Option<Either<String, Vec<Option<String>>>>,
    pub authorized_parties: Option<Vec<String>>,
    pub clock_skew_in_ms: Option<f64>,
    pub clock_skew_in_seconds: Option<f64>,
    pub jwks_cache_ttl_in_ms: Option<f64>,
    pub skip_jwks_cache: bool,
    pub jwks_timeout_in_ms: Option<f64>,
}

/// The options of a request that override what its headers say (`headerToken`, `cookieToken`,
/// ...), when any was given.
#[napi(object)]
pub struct AuthOverrides {
    pub header_token: Option<String>,
    pub cookie_token: Option<String>,
    pub client_uat: Option<String>,
    pub origin: Option<String>,
    pub host: Option<String>,
    pub forwarded_host: Option<String>,
    pub forwarded_port: Option<String>,
    pub forwarded_proto: Option<String>,
    pub referrer: Option<String>,
    pub user_agent: Option<String>,
}

/// A configuration, converted once: the options part of the core's inputs and the verifyToken
/// options.
pub struct AuthSetup {
    base: RawInputs,
    opts: Arc<TokenOptions>,
}

#[napi]
pub fn auth_setup(config: AuthConfig) -> External<AuthSetup> {
    let base = RawInputs {
        secret_key: config.secret_key,
        api_key: config.api_key,
        publishable_key: config.publishable_key,
        frontend_api: config.frontend_api,
        proxy_url: config.proxy_url,
        domain: config.domain,
        is_satellite: config.is_satellite,
        sign_in_url: config.sign_in_url,
        ..RawInputs::default()
    }
    .prepared();
    let opts = TokenOptions {
        jwt_key: config.jwt_key,
        api_url: config.api_url,
        api_version: config.api_version,
        audience: convert::audience(config.audience),
        authorized_parties: config.authorized_parties,
        clock_skew_in_ms: config.clock_skew_in_ms,
        clock_skew_in_seconds: config.clock_skew_in_seconds,
        policy: CachePolicy::from_options(
            config.jwks_cache_ttl_in_ms,
            config.skip_jwks_cache,
            config.jwks_timeout_in_ms,
        ),
    };
    External::new(AuthSetup {
        base,
        opts: Arc::new(opts),
    })
}

/// The merged values, for the states and `debug()`.
#[napi(object)]
pub struct AuthResolved {
    pub frontend_api: Option<String>,
    pub header_token: Option<String>,
    pub cookie_token: Option<String>,
    pub client_uat: Option<String>,
    pub origin: Option<String>,
    pub host: Option<String>,
    pub forwarded_host: Option<String>,
    pub forwarded_port: Option<String>,
    pub forwarded_proto: Option<String>,
    pub referrer: Option<String>,
    pub user_agent: Option<String>,
    pub from_request: bool,
}

/// What a decision is.
#[napi(string_enum = "kebab-case")]
pub enum DecisionKind {
    /// signed-out, interstitial or unknown: `status`, `reason`, `message` (`jsonText` when the
    /// message is JSON.parse's).
    State,
    /// `token` and the `payload` JSON text.
    SignedIn,
    /// The reference throws: `message`; `reason` holds the error's name (`Error`, or a
    /// DOMException name).
    Throw,
}

/// The status of a `state` decision.
#[napi(string_enum = "kebab-case")]
pub enum StateStatus {
    SignedOut,
    Interstitial,
    Unknown,
}

/// A request's decision.
#[napi(object, object_from_js = false)]
pub struct AuthDecision {
    pub kind: DecisionKind,
    pub status: Option<StateStatus>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub json_text: Option<String>,
    pub token: Option<OutText>,
    pub payload: Option<OutText>,
}

/// What `authenticateRequest` gives back: the merged values, and the decision, or (when the
/// key must be fetched or the RSA check was deferred) the one pending step that finishes it.
#[napi(object, object_from_js = false)]
pub struct AuthStep {
    /// The Frontend API of the configuration, which every state shows.
    pub frontend_api: Option<String>,
    /// The token the signed-in auth object carries (`cookieToken || headerToken`), when it is
    /// not the token that was verified: both a header and a cookie token were given.
    pub auth_token: Option<String>,
    pub decision: Option<AuthDecision>,
    pub next: Option<PendingNext>,
    pub pending: Option<External<Pending>>,
    /// Only some header values were given (two or five) and the rules need the others: call
    /// again with all ten.
    pub needs_all_headers: Option<bool>,
}

fn raw_inputs(
    setup: &AuthSetup,
    overrides: Option<AuthOverrides>,
    headers: Option<RequestHeaders>,
    params: [Option<String>; 2],
) -> RawInputs {
    let [satellite_url_param, synced_param] = params;
    let base = setup.base.clone();
    let Some(o) = overrides else {
        return RawInputs {
            request: headers,
            satellite_url_param,
            synced_param,
            ..base
        };
    };
    RawInputs {
        header_token: o.header_token,
        cookie_token: o.cookie_token,
        client_uat: o.client_uat,
        origin: o.origin,
        host: o.host,
        forwarded_host: o.forwarded_host,
        forwarded_port: o.forwarded_port,
        forwarded_proto: o.forwarded_proto,
        referrer: o.referrer,
        user_agent: o.user_agent,
        request: headers,
        satellite_url_param,
        synced_param,
        ..base
    }
}

fn resolved_view(r: Resolved) -> AuthResolved {
    AuthResolved {
        frontend_api: r.frontend_api,
        header_token: r.header_token,
        cookie_token: r.cookie_token,
        client_uat: r.client_uat,
        origin: r.origin,
        host: r.host,
        forwarded_host: r.forwarded_host,
        forwarded_port: r.forwarded_port,
        forwarded_proto: r.forwarded_proto,
        referrer: r.referrer,
        user_agent: r.user_agent,
        from_request: r.from_request,
    }
}

fn decision(d: Decision) -> AuthDecision {
    let empty = AuthDecision {
        kind: DecisionKind::State,
        status: None,
        reason: None,
        message: None,
        json_text: None,
        token: None,
        payload: None,
    };
    match d {
        Decision::State {
            status,
            reason,
            message,
            json_text,
        } => AuthDecision {
            status: Some(match status {
                Status::SignedOut => StateStatus::SignedOut,
                Status::Interstitial => StateStatus::Interstitial,
                Status::Unknown => StateStatus::Unknown,
            }),
            reason: Some(reason),
            message: Some(message),
            json_text,
            ..empty
        },
        Decision::SignedIn {
            token,
            payload_text,
        } => AuthDecision {
            kind: DecisionKind::SignedIn,
            token: Some(OutText(token)),
            payload: Some(OutText(payload_text)),
            ..empty
        },
    }
}

/// A decision, or the error the reference throws, for JS.
pub(crate) fn decided(result: std::result::Result<Decision, clerk_core::Error>) -> AuthDecision {
    match result {
        Ok(d) => decision(d),
        Err(e) => AuthDecision {
            kind: DecisionKind::Throw,
            status: None,
            reason: Some(e.js_name().into()),
            message: Some(e.into_parts().1.into_owned()),
            json_text: None,
            token: None,
            payload: None,
        },
    }
}

/// The request's header values as JS reads them, in this order: `authorization`, `cookie`,
/// `origin`, `referer`, `user-agent`, `host`, `x-forwarded-host`, `x-forwarded-port`,
/// `cloudfront-forwarded-proto`, `x-forwarded-proto`. Two or five of them are a partial read
/// (`HeadersRead`), which the rules accept or answer with `needsAllHeaders`. An array, not an
/// object: reading an element through N-API costs a fraction of reading a named field.
fn request_headers(values: Option<Vec<Option<Text>>>) -> Option<RequestHeaders> {
    let mut values = values?.into_iter();
    let read = match values.len() {
        0..=2 => HeadersRead::Token,
        3..=5 => HeadersRead::WithoutHost,
        _ => HeadersRead::All,
    };
    let mut next = || values.next().flatten().map(|t| t.0);
    Some(RequestHeaders {
        read,
        authorization: next(),
        cookie: next(),
        origin: next(),
        referrer: next(),
        user_agent: next(),
        host: next(),
        forwarded_host: next(),
        forwarded_port: next(),
        cloudfront_forwarded_proto: next(),
        forwarded_proto: next(),
    })
}

/// Runs the rules once and decides, or hands back the one step left (`deferRsa`: an RSA check
/// the verified-token cache cannot answer is left to the caller to place). The request's header
/// values come as parameters (`hasRequest` false when no request was given): a parameter costs
/// a fraction of what an object's field does to read. Only what every state shows comes back;
/// the merged values that `debug()` shows come from `authResolved`, when asked for.
#[napi]
pub fn authenticate_request(
    setup: &External<AuthSetup>,
    overrides: Option<AuthOverrides>,
    #[napi(
        ts_arg_type = "[authorization?: string, cookie?: string, origin?: string, referrer?: string, userAgent?: string, host?: string, forwardedHost?: string, forwardedPort?: string, cloudfrontForwardedProto?: string, forwardedProto?: string] | undefined | null"
    )]
    headers: Option<Vec<Option<Text>>>,
    satellite_url_param: Option<String>,
    synced_param: Option<String>,
    now_ms: f64,
    defer_rsa: bool,
) -> Result<AuthStep> {
    guard(|| {
        let headers = request_headers(headers);
        let raw = raw_inputs(
            setup,
            overrides,
            headers,
            [satellite_url_param, synced_param],
        );
        let resolved = raw.resolve();
        let step = start(&raw, &resolved, &setup.opts, now_ms, defer_rsa);
        let (decision, next, pending) = match step {
            Step::ReadAllHeaders => {
                return Ok(AuthStep {
                    frontend_api: None,
                    auth_token: None,
                    decision: None,
                    next: None,
                    pending: None,
                    needs_all_headers: Some(true),
                })
            }
            Step::Decided(result) => (Some(decided(result)), None, None),
            Step::CheckSignature(p) => (
                None,
                Some(PendingNext::CheckSignature),
                Some(External::new(Pending::new(PendingWork::Auth(p)))),
            ),
            Step::FetchKey(p) => (
                None,
                Some(PendingNext::FetchKey),
                Some(External::new(Pending::new(PendingWork::AuthKey(Box::new(
                    p,
                ))))),
            ),
        };
        Ok(AuthStep {
            auth_token: resolved.auth_token_unless_verified(),
            frontend_api: resolved.frontend_api,
            decision,
            next,
            pending,
            needs_all_headers: None,
        })
    })
}

/// The merged values of a request (`options.x || header`), as `debug()` shows them: the same
/// inputs as `authenticateRequest`, asked for only when a state's `debug()` is called.
#[napi]
pub fn auth_resolved(
    setup: &External<AuthSetup>,
    overrides: Option<AuthOverrides>,
    #[napi(
        ts_arg_type = "[authorization?: string, cookie?: string, origin?: string, referrer?: string, userAgent?: string, host?: string, forwardedHost?: string, forwardedPort?: string, cloudfrontForwardedProto?: string, forwardedProto?: string] | undefined | null"
    )]
    headers: Option<Vec<Option<Text>>>,
) -> Result<AuthResolved> {
    guard(|| {
        let headers = request_headers(headers);
        Ok(resolved_view(
            raw_inputs(setup, overrides, headers, [None, None]).resolve(),
        ))
    })
}

/// `buildOrigin`: `proto://host` from forwarded headers, or "" when either part is missing.
#[napi]
pub fn build_origin(
    protocol: Option<String>,
    forwarded_proto: Option<String>,
    forwarded_host: Option<String>,
    host: Option<String>,
) -> String {
    clerk_core::request_state::origin::build_origin(
        protocol.as_deref(),
        forwarded_proto.as_deref(),
        forwarded_host.as_deref(),
        host.as_deref(),
    )
}
