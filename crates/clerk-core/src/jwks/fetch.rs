//! One JWKS fetch: bounded attempts with the reference's backoff (waits of 200, 400, 800,
//! 1600 ms between 5 attempts, longer where a 429/503 asks for it with `Retry-After`), but
//! never past a deadline, and no retry where a retry cannot help (a 4xx answer other than
//! 429, a body over the cap, a failed TLS handshake).

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Client, Method};
use serde_json::Value;

use super::source::JwksSource;
use crate::error::{Action, Error, Reason};
use crate::http::{self, HttpError};

/// How long a fetch may take.
#[derive(Debug, Clone, Copy)]
pub struct FetchPolicy {
    /// The whole fetch, retries included, ends by then.
    pub deadline: Duration,
    /// One attempt may take at most this long.
    pub attempt_timeout: Duration,
    pub max_attempts: u32,
    /// The first wait between attempts; each next one doubles.
    pub first_backoff: Duration,
}

/// The defaults: at most 10 s in all, 3 s per attempt, 5 attempts.
pub const DEFAULT_DEADLINE_MS: u64 = 10_000;

impl Default for FetchPolicy {
    fn default() -> Self {
        FetchPolicy {
            deadline: Duration::from_millis(DEFAULT_DEADLINE_MS),
            attempt_timeout: Duration::from_millis(3_000),
            max_attempts: 5,
            first_backoff: Duration::from_millis(200),
        }
    }
}

/// The keys of a JWKS answer: each kid (as JS `String(kid)`) with the key's JSON text.
pub type Keys = Vec<(String, Arc<str>)>;

fn failed(message: String) -> Error {
    Error::token_with_action(
        Reason::RemoteJwkFailedToLoad,
        Action::ContactSupport,
        message,
    )
}

/// The failure of a fetch that could not start: no HTTP client could be built.
pub fn no_client(source: &JwksSource, e: &HttpError) -> Error {
    failed(format!(
        "Error loading Clerk JWKS from {}: {e}",
        source.url()
    ))
}

enum Attempt {
    Done(Result<Keys, Error>),
    /// Worth another attempt; the answer may ask for a wait (`Retry-After` of a 429 or 503).
    Retry(Error, Option<Duration>),
}

pub async fn fetch_keys(
    client: &Client,
    source: &JwksSource,
    policy: FetchPolicy,
) -> Result<Keys, Error> {
    let start = Instant::now();
    let mut backoff = policy.first_backoff;
    let mut attempt = 1;
    loop {
        let remaining = policy.deadline.saturating_sub(start.elapsed());
        let timeout = policy.attempt_timeout.min(remaining);
        let (error, asked) = match once(client, source, timeout).await {
            Attempt::Done(result) => return result,
            Attempt::Retry(e, asked) => (e, asked),
        };
        // the server's Retry-After, when longer than our own wait, is honoured; a wait that
        // would end past the deadline is not started
        let wait = asked.map_or(backoff, |asked| asked.max(backoff));
        let remaining = policy.deadline.saturating_sub(start.elapsed());
        if attempt >= policy.max_attempts || remaining <= wait {
            return Err(error);
        }
        tokio::time::sleep(wait).await;
        backoff *= 2;
        attempt += 1;
    }
}

async fn once(client: &Client, source: &JwksSource, timeout: Duration) -> Attempt {
    let url = source.url();
    let mut headers = HeaderMap::new();
    if let JwksSource::Backend { secret_key, .. } = source {
        match HeaderValue::from_str(&format!("Bearer {secret_key}")) {
            Ok(v) => headers.insert(AUTHORIZATION, v),
            Err(_) => {
                return Attempt::Done(Err(Error::token_with_action(
                    Reason::InvalidSecretKey,
                    Action::SetClerkSecretKeyOrApiKey,
                    "The secret key contains characters that cannot be sent in an HTTP header.",
                )))
            }
        };
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    let response = match http::send(
        client,
        Method::GET,
        url,
        headers,
        http::Payload::None,
        timeout,
    )
    .await
    {
        Ok(r) => r,
        // trying again cannot make a body smaller or a plain-HTTP server speak TLS
        Err(e @ (HttpError::TooLarge | HttpError::Tls(_))) => {
            return Attempt::Done(Err(failed(format!(
                "Error loading Clerk JWKS from {url}: {e}"
            ))))
        }
        Err(e) => {
            return Attempt::Retry(
                failed(format!("Error loading Clerk JWKS from {url}: {e}")),
                None,
            )
        }
    };
    let status = response.status.as_u16();
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    if !response.status.is_success() {
        if let (JwksSource::Backend { .. }, Some(message)) =
            (source, invalid_key_message(body.as_ref()))
        {
            return Attempt::Done(Err(Error::token_with_action(
                Reason::InvalidSecretKey,
                Action::ContactSupport,
                message,
            )));
        }
        let error = failed(format!(
            "Error loading Clerk JWKS from {url} with code={status}"
        ));
        let retry = status == 429 || status >= 500;
        let asked = if matches!(status, 429 | 503) {
            http::retry_after(&response.headers, SystemTime::now())
        } else {
            None
        };
        return if retry {
            Attempt::Retry(error, asked)
        } else {
            Attempt::Done(Err(error))
        };
    }
    let Some(body) = body else {
        return Attempt::Retry(
            failed(format!(
                "Error loading Clerk JWKS from {url}: the answer is not JSON"
            )),
            None,
        );
    };
    Attempt::Done(keys_of(&body))
}

/// The message of an error with code `clerk_key_invalid` in a Backend API error body.
fn invalid_key_message(body: Option<&Value>) -> Option<String> {
    let errors = body?.get("errors")?.as_array()?;
    let error = errors
        .iter()
        .find(|e| e.get("code").and_then(Value::as_str) == Some("clerk_key_invalid"))?;
    Some(match error.get("message") {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => "undefined".to_string(),
    })
}

fn keys_of(body: &Value) -> Result<Keys, Error> {
    let keys = body
        .get("keys")
        .and_then(Value::as_array)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| {
            failed(
                "The JWKS endpoint did not contain any signing keys. Contact support@clerk.com."
                    .into(),
            )
        })?;
    Ok(keys
        .iter()
        .map(|key| {
            (
                kid_string(key.get("kid")),
                Arc::from(key.to_string().as_str()),
            )
        })
        .collect())
}

/// JS `String(kid)` of a kid as it appears in a header or a JWK.
pub fn kid_string(kid: Option<&Value>) -> String {
    match kid {
        None => "undefined".into(),
        Some(Value::Null) => "null".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => crate::js::number_to_string(n.as_f64().unwrap_or(f64::NAN)),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                if v.is_null() {
                    String::new()
                } else {
                    kid_string(Some(v))
                }
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(Value::Object(_)) => "[object Object]".into(),
    }
}
