//! One Backend API client per `Clerk()` instance: its own options and keep-alive pool. A call
//! becomes a request with the reference's headers, runs under a timeout, and its answer
//! becomes an `Outcome` with the fields of the reference's results and errors.

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
};
use reqwest::multipart;
use serde_json::Value;
use url::Url;

use super::endpoints::{Endpoint, Method};
use super::request::{build, Body, FormPart};
use crate::error::Error;
use crate::http::{self, HttpError, Payload};
use crate::jwks::source::{DEFAULT_API_URL, DEFAULT_API_VERSION};

pub const DEFAULT_USER_AGENT: &str = "@clerk/backend@0.38.15";
/// The default bound on one Backend API call.
pub const DEFAULT_TIMEOUT_MS: u64 = 15_000;

#[derive(Clone, Default)]
pub struct ApiOptions {
    pub secret_key: Option<String>,
    pub api_key: Option<String>,
    pub api_url: Option<String>,
    pub api_version: Option<String>,
    pub user_agent: Option<String>,
    pub timeout_ms: Option<f64>,
    /// `httpOptions.headers` of the deprecated option; the client's own headers win.
    pub extra_headers: Vec<(String, String)>,
}

// Never print the keys.
impl std::fmt::Debug for ApiOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiOptions")
            .field("api_url", &self.api_url)
            .field("api_version", &self.api_version)
            .finish()
    }
}

/// One error of a Clerk error answer, fields as found (absent stays absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApiErrorItem {
    pub code: Option<Value>,
    pub message: Option<Value>,
    pub long_message: Option<Value>,
    pub param_name: Option<Value>,
    pub session_id: Option<Value>,
}

/// Not a kind of [`crate::Error`]: every arm is an answer JS reads with the same fields
/// (trace id, status), and JS builds ClerkAPIResponseError from a 2xx body it cannot parse too.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A 2xx answer: the body text, to be parsed as JSON when `is_json`.
    Ok {
        status: u16,
        is_json: bool,
        body: String,
        cf_ray: String,
    },
    /// A non-2xx answer: a ClerkAPIResponseError.
    Error {
        status: u16,
        status_text: String,
        clerk_trace_id: String,
        errors: Vec<ApiErrorItem>,
    },
    /// No usable answer: the `unexpected_error` shape. `json_text` is an answer body that did
    /// not parse; JS re-parses it to report JSON.parse's own message.
    Unexpected {
        message: String,
        clerk_trace_id: String,
        json_text: Option<String>,
    },
}

pub struct ApiClient {
    options: ApiOptions,
    /// Built on the first call; a client that cannot be built fails that call only.
    http: http::SharedClient,
}

impl ApiClient {
    pub fn new(options: ApiOptions) -> ApiClient {
        ApiClient {
            options,
            http: http::SharedClient::new(),
        }
    }

    fn timeout(&self) -> Duration {
        match self.options.timeout_ms {
            Some(ms) if ms.is_finite() && ms > 0.0 => Duration::from_millis(ms as u64),
            _ => Duration::from_millis(DEFAULT_TIMEOUT_MS),
        }
    }

    fn secret(&self) -> Option<&str> {
        fn non_empty(v: &Option<String>) -> Option<&str> {
            v.as_deref().filter(|s| !s.is_empty())
        }
        non_empty(&self.options.secret_key).or_else(|| non_empty(&self.options.api_key))
    }

    /// The full URL of a call, as `new URL(joinPaths(apiUrl, apiVersion, path))` plus query.
    pub fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url, Error> {
        let joined = http::join_paths(&[
            self.options.api_url.as_deref().unwrap_or(DEFAULT_API_URL),
            self.options
                .api_version
                .as_deref()
                .unwrap_or(DEFAULT_API_VERSION),
            path,
        ]);
        let mut url = Url::parse(&joined).map_err(|_| Error::invalid_url())?;
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        Ok(url)
    }

    /// Runs one endpoint call. `Err` is a failure before any request (a plain `Error`, or the
    /// `TypeError` of an API URL that does not parse).
    pub async fn call(
        &self,
        endpoint: &Endpoint,
        args_json: &str,
        form: Vec<FormPart>,
    ) -> Result<Outcome, Error> {
        let spec = build(endpoint, args_json, form)?;
        let secret = self.secret().ok_or_else(Error::missing_secret_key)?;
        let url = self.url(&spec.path, &spec.query)?;

        let mut headers = HeaderMap::new();
        // The reference spreads httpOptions before its own headers object on uploads, so the
        // deprecated option's headers only reach JSON requests.
        let extra = if matches!(spec.body, Body::Form(_)) {
            &[][..]
        } else {
            &self.options.extra_headers[..]
        };
        for (name, value) in extra {
            if let (Ok(n), Ok(v)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.insert(n, v);
            }
        }
        let bearer = HeaderValue::from_str(&format!("Bearer {secret}"))
            .map_err(|_| Error::missing_secret_key())?;
        headers.insert(AUTHORIZATION, bearer);
        let agent = self
            .options
            .user_agent
            .as_deref()
            .unwrap_or(DEFAULT_USER_AGENT);
        if let Ok(v) = HeaderValue::from_str(agent) {
            headers.insert(USER_AGENT, v);
        }
        let method = match spec.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        if !matches!(spec.body, Body::Form(_)) {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let budget = self.timeout();
        let client = match self.http.get() {
            Ok(client) => client,
            // no request can be made: the reference's shape for a fetch that throws
            Err(e) => return Ok(unreachable_outcome(&e, budget, 0)),
        };
        let start = Instant::now();
        let mut retries = 0;
        loop {
            let remaining = budget.saturating_sub(start.elapsed());
            if remaining.is_zero() {
                return Ok(unreachable_outcome(&HttpError::Timeout, budget, retries));
            }
            let payload = payload_of(&spec.body);
            let result = http::send(
                client,
                method.clone(),
                url.as_str(),
                headers.clone(),
                payload,
                remaining,
            )
            .await;
            let wait = match &result {
                Ok(response) => retry_after_wait(response),
                Err(e) => broken_wait(&method, e, retries),
            };
            if let Some(wait) = wait {
                if retries < MAX_RETRIES && wait < budget.saturating_sub(start.elapsed()) {
                    tokio::time::sleep(wait).await;
                    retries += 1;
                    continue;
                }
            }
            return Ok(match result {
                Ok(response) => outcome(response),
                Err(e) => unreachable_outcome(&e, budget, retries),
            });
        }
    }
}

/// At most this many requests are sent again after the first, and only where it is safe:
/// - a GET whose connection closed or broke after it was sent (before or during the answer),
///   after a short wait (`BROKEN_GET_WAITS_MS`);
/// - any method answered 429 or 503 with a `Retry-After`, after that wait;
///
/// and only when the wait ends inside `timeoutInMs`, which bounds the whole call. Nothing
/// else is sent again: not a refused connection or a failed TLS handshake, not a timeout,
/// not any other status, not a POST/PATCH/PUT/DELETE whose connection broke.
pub const MAX_RETRIES: u32 = 2;
pub const BROKEN_GET_WAITS_MS: [u64; 2] = [50, 250];

/// The wait a 429 or 503 answer asks for with `Retry-After`.
fn retry_after_wait(response: &http::Response) -> Option<Duration> {
    if !matches!(response.status.as_u16(), 429 | 503) {
        return None;
    }
    http::retry_after(&response.headers, SystemTime::now())
}

fn broken_wait(method: &reqwest::Method, e: &HttpError, retries: u32) -> Option<Duration> {
    if *method != reqwest::Method::GET || !matches!(e, HttpError::Broken(_)) {
        return None;
    }
    BROKEN_GET_WAITS_MS
        .get(retries as usize)
        .map(|ms| Duration::from_millis(*ms))
}

/// A fresh body for each attempt (a multipart form is consumed by sending it).
fn payload_of(body: &Body) -> Payload {
    match body {
        Body::Form(parts) => Payload::Multipart(multipart_form(parts.clone())),
        Body::Json(text) => Payload::Bytes(text.clone().into_bytes()),
        Body::None => Payload::None,
    }
}

fn multipart_form(parts: Vec<FormPart>) -> multipart::Form {
    let mut form = multipart::Form::new();
    for part in parts {
        form = match part {
            FormPart::Text { name, value } => form.text(name, value),
            FormPart::File(file) => {
                let typed = multipart::Part::bytes(file.bytes.clone())
                    .file_name(file.filename.clone())
                    .mime_str(&file.content_type);
                let part = typed.unwrap_or_else(|_| {
                    multipart::Part::bytes(file.bytes).file_name(file.filename)
                });
                form.part(file.name, part)
            }
        };
    }
    form
}

fn unreachable_outcome(e: &HttpError, budget: Duration, retries: u32) -> Outcome {
    let mut message = match e {
        HttpError::Timeout => format!(
            "fetch failed: the Backend API did not answer within {} ms",
            budget.as_millis()
        ),
        other => format!("fetch failed: {other}"),
    };
    if retries > 0 {
        message.push_str(&format!(" (after {} attempts)", retries + 1));
    }
    Outcome::Unexpected {
        message,
        clerk_trace_id: String::new(),
        json_text: None,
    }
}

/// The reference reads a body as JSON only when Content-Type is exactly `application/json`.
fn outcome(response: http::Response) -> Outcome {
    let header = |name: &str| {
        response
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let is_json = header("content-type") == "application/json";
    let cf_ray = header("cf-ray");
    let status = response.status.as_u16();
    let body = String::from_utf8_lossy(&response.body).into_owned();
    if response.status.is_success() {
        return Outcome::Ok {
            status,
            is_json,
            body,
            cf_ray,
        };
    }
    let data: Option<Value> = if is_json {
        match serde_json::from_str(&body) {
            Ok(v) => Some(v),
            Err(e) => {
                return Outcome::Unexpected {
                    message: e.to_string(),
                    clerk_trace_id: cf_ray,
                    json_text: Some(body),
                }
            }
        }
    } else {
        None
    };
    let clerk_trace_id = data
        .as_ref()
        .and_then(|d| d.get("clerk_trace_id"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or(cf_ray);
    let errors = data
        .as_ref()
        .and_then(|d| d.get("errors"))
        .and_then(Value::as_array)
        .map(|items| items.iter().map(error_item).collect())
        .unwrap_or_default();
    Outcome::Error {
        status,
        status_text: response.status.canonical_reason().unwrap_or("").to_string(),
        clerk_trace_id,
        errors,
    }
}

fn error_item(e: &Value) -> ApiErrorItem {
    let meta = e.get("meta");
    ApiErrorItem {
        code: e.get("code").cloned(),
        message: e.get("message").cloned(),
        long_message: e.get("long_message").cloned(),
        param_name: meta.and_then(|m| m.get("param_name")).cloned(),
        session_id: meta.and_then(|m| m.get("session_id")).cloned(),
    }
}
