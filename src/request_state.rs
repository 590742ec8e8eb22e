//! authenticateRequest: the inputs JS read from options and the request, converted once; the
//! decision back, or the one pending step that finishes it (src/pending.rs).

use clerk_core::jwks::CachePolicy;
use clerk_core::request_state::inputs::{RawInputs, RequestHeaders};
use clerk_core::request_state::rules::{Decision, Status, Thrown};
use clerk_core::request_state::run::{start, Step, TokenOptions};
use clerk_core::request_state::Resolved;
use napi::bindgen_prelude::{Either, External};
use napi::Result;
use napi_derive::napi;

use crate::convert::{self, guard};
use crate::pending::{Pending, PendingNext, PendingWork};

/// Options as given (merged with the Clerk() defaults by JS), and the request's raw values.
#[napi(object)]
pub struct AuthInputs {
    pub secret_key: Option<String>,
    pub api_key: Option<String>,
    pub publishable_key: Option<String>,
    pub frontend_api: Option<String>,
    pub proxy_url: Option<String>,
    pub domain: Option<String>,
    pub is_satellite: Option<bool>,
    pub sign_in_url: Option<String>,
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
    pub has_request: Option<bool>,
    pub req_authorization: Option<String>,
    pub req_origin: Option<String>,
    pub req_host: Option<String>,
    pub req_forwarded_host: Option<String>,
    pub req_forwarded_port: Option<String>,
    pub req_cloudfront_forwarded_proto: Option<String>,
    pub req_forwarded_proto: Option<String>,
    pub req_referrer: Option<String>,
    pub req_user_agent: Option<String>,
    pub req_cookie: Option<String>,
    pub satellite_url_param: Option<String>,
    pub synced_param: Option<String>,
    pub jwt_key: Option<String>,
    pub api_url: Option<String>,
    pub api_version: Option<String>,
    pub audience: Option<Either<String, Vec<Option<String>>>>,
    pub authorized_parties: Option<Vec<String>>,
    pub clock_skew_in_ms: Option<f64>,
    pub clock_skew_in_seconds: Option<f64>,
    pub jwks_cache_ttl_in_ms: Option<f64>,
    pub skip_jwks_cache: Option<bool>,
    pub jwks_timeout_in_ms: Option<f64>,
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
#[napi(object)]
pub struct AuthDecision {
    pub kind: DecisionKind,
    pub status: Option<StateStatus>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub json_text: Option<String>,
    pub token: Option<String>,
    pub payload: Option<String>,
}

/// What `authenticateRequest` gives back: the merged values, and the decision, or (when the
/// key must be fetched or the RSA check was deferred) the one pending step that finishes it.
#[napi(object, object_from_js = false)]
pub struct AuthStep {
    pub resolved: AuthResolved,
    pub decision: Option<AuthDecision>,
    pub next: Option<PendingNext>,
    pub pending: Option<External<Pending>>,
}

fn raw_inputs(i: &AuthInputs) -> RawInputs {
    let request = i.has_request.unwrap_or(false).then(|| RequestHeaders {
        authorization: i.req_authorization.clone(),
        origin: i.req_origin.clone(),
        host: i.req_host.clone(),
        forwarded_host: i.req_forwarded_host.clone(),
        forwarded_port: i.req_forwarded_port.clone(),
        cloudfront_forwarded_proto: i.req_cloudfront_forwarded_proto.clone(),
        forwarded_proto: i.req_forwarded_proto.clone(),
        referrer: i.req_referrer.clone(),
        user_agent: i.req_user_agent.clone(),
        cookie: i.req_cookie.clone(),
    });
    RawInputs {
        secret_key: i.secret_key.clone(),
        api_key: i.api_key.clone(),
        publishable_key: i.publishable_key.clone(),
        frontend_api: i.frontend_api.clone(),
        proxy_url: i.proxy_url.clone(),
        domain: i.domain.clone(),
        is_satellite: i.is_satellite.unwrap_or(false),
        sign_in_url: i.sign_in_url.clone(),
        header_token: i.header_token.clone(),
        cookie_token: i.cookie_token.clone(),
        client_uat: i.client_uat.clone(),
        origin: i.origin.clone(),
        host: i.host.clone(),
        forwarded_host: i.forwarded_host.clone(),
        forwarded_port: i.forwarded_port.clone(),
        forwarded_proto: i.forwarded_proto.clone(),
        referrer: i.referrer.clone(),
        user_agent: i.user_agent.clone(),
        request,
        satellite_url_param: i.satellite_url_param.clone(),
        synced_param: i.synced_param.clone(),
    }
}

fn token_options(i: AuthInputs) -> TokenOptions {
    TokenOptions {
        jwt_key: i.jwt_key,
        api_url: i.api_url,
        api_version: i.api_version,
        audience: convert::audience(i.audience),
        authorized_parties: i.authorized_parties,
        clock_skew_in_ms: i.clock_skew_in_ms,
        clock_skew_in_seconds: i.clock_skew_in_seconds,
        policy: CachePolicy::from_options(i.jwks_cache_ttl_in_ms, i.skip_jwks_cache.unwrap_or(false), i.jwks_timeout_in_ms),
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
        Decision::State { status, reason, message, json_text } => AuthDecision {
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
        Decision::SignedIn { token, payload_text } => {
            AuthDecision { kind: DecisionKind::SignedIn, token: Some(token), payload: Some(payload_text), ..empty }
        }
    }
}

/// A decision, or the error the reference throws, for JS.
pub(crate) fn decided(result: std::result::Result<Decision, Thrown>) -> AuthDecision {
    match result {
        Ok(d) => decision(d),
        Err(Thrown { name, message }) => AuthDecision {
            kind: DecisionKind::Throw,
            status: None,
            reason: Some(name.into()),
            message: Some(message),
            json_text: None,
            token: None,
            payload: None,
        },
    }
}

/// Runs the rules once and decides, or hands back the one step left (`deferRsa`: an RSA check
/// the verified-token cache cannot answer is left to the caller to place).
#[napi]
pub fn authenticate_request(inputs: AuthInputs, now_ms: f64, defer_rsa: bool) -> Result<AuthStep> {
    guard(|| {
        let raw = raw_inputs(&inputs);
        let resolved = raw.resolve();
        let opts = token_options(inputs);
        let step = start(&raw, &resolved, opts, now_ms, defer_rsa);
        let resolved = resolved_view(resolved);
        Ok(match step {
            Step::Decided(result) => AuthStep { resolved, decision: Some(decided(result)), next: None, pending: None },
            Step::CheckSignature(p) => AuthStep {
                resolved,
                decision: None,
                next: Some(PendingNext::CheckSignature),
                pending: Some(External::new(Pending::new(PendingWork::Auth(p)))),
            },
            Step::FetchKey(p) => AuthStep {
                resolved,
                decision: None,
                next: Some(PendingNext::FetchKey),
                pending: Some(External::new(Pending::new(PendingWork::AuthKey(p)))),
            },
        })
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
