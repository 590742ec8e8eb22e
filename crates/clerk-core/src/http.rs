//! The HTTP transport shared by JWKS fetches (and, later, the Backend API client):
//! reqwest with rustls, a total timeout on every request, and a cap on body size.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Client, Method, StatusCode};

/// Bodies larger than this are refused instead of being buffered.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// A response read in full.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// What a request carries.
pub enum Payload {
    None,
    Bytes(Vec<u8>),
    Multipart(reqwest::multipart::Form),
}

/// Why a request produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// No answer in time (connect, headers or body).
    Timeout,
    /// Could not connect, or the connection broke.
    Network(String),
    /// The body was larger than the cap.
    TooLarge,
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Timeout => f.write_str("the request timed out"),
            HttpError::Network(m) => f.write_str(m),
            HttpError::TooLarge => write!(f, "the response body is larger than {MAX_BODY_BYTES} bytes"),
        }
    }
}

/// A client with a keep-alive pool. No proxy from the environment, as Node's fetch.
pub fn client(user_agent: Option<&str>) -> Client {
    let mut builder = Client::builder()
        .no_proxy()
        .pool_idle_timeout(Duration::from_secs(60))
        .connect_timeout(Duration::from_secs(10));
    if let Some(ua) = user_agent {
        builder = builder.user_agent(ua.to_string());
    }
    builder.build().unwrap_or_else(|_| Client::new())
}

/// Sends a request and reads the whole answer within `timeout`.
pub async fn send(
    client: &Client,
    method: Method,
    url: &str,
    headers: HeaderMap,
    body: Payload,
    timeout: Duration,
) -> Result<Response, HttpError> {
    let mut request = client.request(method, url).headers(headers).timeout(timeout);
    match body {
        Payload::None => {}
        Payload::Bytes(bytes) => request = request.body(bytes),
        Payload::Multipart(form) => request = request.multipart(form),
    }
    let work = async {
        let mut response = request.send().await.map_err(classify)?;
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(HttpError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response { status, headers, body })
    };
    match tokio::time::timeout(timeout, work).await {
        Ok(result) => result,
        Err(_) => Err(HttpError::Timeout),
    }
}

fn classify(e: reqwest::Error) -> HttpError {
    if e.is_timeout() {
        return HttpError::Timeout;
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    HttpError::Network(text)
}

/// The reference's `joinPaths`: drop empty parts, join with `/`, and replace each run of
/// slashes with one, except a run right after `:` (so `https://` survives), as its regex
/// `/(?<!:)\/{1,}/g` does.
pub fn join_paths(parts: &[&str]) -> String {
    let joined = parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join("/");
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c != '/' {
            out.push(c);
            prev = Some(c);
            continue;
        }
        let mut run = 1;
        while chars.peek() == Some(&'/') {
            chars.next();
            run += 1;
        }
        // after ':' the first slash is not matched, and the rest of the run becomes one
        let kept = if prev == Some(':') { if run > 1 { 2 } else { 1 } } else { 1 };
        for _ in 0..kept {
            out.push('/');
        }
        prev = Some('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_paths_like_the_reference() {
        assert_eq!(join_paths(&["/", ".well-known/jwks.json"]), "/.well-known/jwks.json");
        assert_eq!(join_paths(&["/", "v1", "/jwks"]), "/v1/jwks");
        assert_eq!(join_paths(&["/base/", "", "/users//x"]), "/base/users/x");
        assert_eq!(join_paths(&[]), "");
        assert_eq!(join_paths(&["https://api.clerk.dev", "v1", "/users"]), "https://api.clerk.dev/v1/users");
        assert_eq!(join_paths(&["http://x//", "/v1/", "users"]), "http://x/v1/users");
        assert_eq!(join_paths(&["a:////b"]), "a://b");
    }
}
