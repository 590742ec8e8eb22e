//! authenticateRequest: the inputs JS read from options and the request, the decision back.

use clerk_core::jwks::CachePolicy;
use clerk_core::request_state::inputs::{RawInputs, RequestHeaders};
use clerk_core::request_state::rules::{AuthIssuer, Decision, Thrown};
use clerk_core::request_state::run::{run, run_after_fetch, KeyOverride, TokenOptions};
use clerk_core::request_state::Resolved;
use napi::bindgen_prelude::{AsyncTask, Either};
use napi::{Env, Task};
use napi::Result;
use napi_derive::napi;

use crate::convert::{self, guard};

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
    /// Answer `need-rsa` instead of running an RSA check on the JS thread.
    pub defer_rsa: Option<bool>,
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

/// `kind`: `state` (status, reason, message; `jsonText` when the message is JSON.parse's),
/// `signed-in` (token, payload JSON), `need-key` (kid, generation, issuer), `throw` (message;
/// `reason` holds the error's name: `Error`, or a DOMException name).
#[napi(object)]
#[derive(Default)]
pub struct AuthDecision {
    pub kind: String,
    pub status: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub json_text: Option<String>,
    pub token: Option<String>,
    pub payload: Option<String>,
    pub kid: Option<String>,
    pub generation: Option<u32>,
    pub issuer_kind: Option<String>,
    pub issuer_url: Option<String>,
    pub resolved: Option<AuthResolved>,
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
        defer_rsa: i.defer_rsa.unwrap_or(false),
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

fn to_js(result: std::result::Result<Decision, Thrown>, resolved: Resolved) -> AuthDecision {
    let resolved = Some(resolved_view(resolved));
    match result {
        Err(Thrown { name, message }) => AuthDecision {
            kind: "throw".into(),
            reason: Some(name.into()),
            message: Some(message),
            resolved,
            ..Default::default()
        },
        Ok(Decision::State { status, reason, message, json_text }) => AuthDecision {
            kind: "state".into(),
            status: Some(status.as_str().into()),
            reason: Some(reason),
            message: Some(message),
            json_text,
            resolved,
            ..Default::default()
        },
        Ok(Decision::SignedIn { token, payload_text }) => AuthDecision {
            kind: "signed-in".into(),
            token: Some(token),
            payload: Some(payload_text),
            resolved,
            ..Default::default()
        },
        Ok(Decision::NeedRsa) => AuthDecision { kind: "need-rsa".into(), resolved, ..Default::default() },
        Ok(Decision::NeedKey { kid, generation, issuer }) => {
            let (issuer_kind, issuer_url) = match issuer {
                AuthIssuer::Skip => ("skip", None),
                AuthIssuer::Exact(url) => ("exact", Some(url)),
                AuthIssuer::Clerk => ("clerk", None),
            };
            AuthDecision {
                kind: "need-key".into(),
                kid: Some(kid),
                generation: Some(generation as u32),
                issuer_kind: Some(issuer_kind.into()),
                issuer_url,
                resolved,
                ..Default::default()
            }
        }
    }
}

#[napi]
pub fn authenticate_request(inputs: AuthInputs, now_ms: f64) -> Result<AuthDecision> {
    guard(|| {
        let raw = raw_inputs(&inputs);
        let resolved = raw.resolve();
        let opts = token_options(inputs);
        Ok(to_js(run(&raw, &resolved, &opts, now_ms, &KeyOverride::None), resolved))
    })
}

/// authenticateRequest on the libuv thread pool (after `need-rsa`), RSA check included.
pub struct AuthenticateTask {
    inputs: Option<AuthInputs>,
    now_ms: f64,
}

impl Task for AuthenticateTask {
    type Output = AuthDecision;
    type JsValue = AuthDecision;

    fn compute(&mut self) -> Result<Self::Output> {
        guard(|| {
            let Some(mut inputs) = self.inputs.take() else {
                return Err(napi::Error::from_reason("authenticateRequestAsync ran twice"));
            };
            inputs.defer_rsa = Some(false);
            let raw = raw_inputs(&inputs);
            let resolved = raw.resolve();
            let opts = token_options(inputs);
            Ok(to_js(run(&raw, &resolved, &opts, self.now_ms, &KeyOverride::None), resolved))
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

#[napi]
pub fn authenticate_request_async(inputs: AuthInputs, now_ms: f64) -> AsyncTask<AuthenticateTask> {
    AsyncTask::new(AuthenticateTask { inputs: Some(inputs), now_ms })
}

/// After `need-key`: fetches the key (single flight) and decides.
#[napi]
pub async fn authenticate_request_after_fetch(
    inputs: AuthInputs,
    kid: String,
    generation: u32,
    issuer_kind: String,
    issuer_url: Option<String>,
    now_ms: f64,
) -> Result<AuthDecision> {
    let raw = raw_inputs(&inputs);
    let resolved = raw.resolve();
    let opts = token_options(inputs);
    let issuer = match (issuer_kind.as_str(), issuer_url) {
        ("skip", _) => AuthIssuer::Skip,
        ("exact", Some(url)) => AuthIssuer::Exact(url),
        _ => AuthIssuer::Clerk,
    };
    let result = run_after_fetch(&raw, &resolved, &opts, now_ms, &kid, generation as u64, &issuer).await;
    Ok(to_js(result, resolved))
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
