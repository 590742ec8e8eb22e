//! The HTTP transport shared by JWKS fetches, the interstitial and the Backend API client:
//! reqwest with rustls (roots as in [`crate::tls`]), a total timeout on every request, and a
//! cap on body size.

use std::time::{Duration, SystemTime};

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

/// Why a request produced no response. Not a [`crate::Error`]: a transport classification
/// that drives retries, never thrown to JS as such (callers fold it into a
/// TokenVerificationError or the API's `unexpected` outcome, with its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// No answer in time (connect, headers or body).
    Timeout,
    /// Could not connect (refused, unreachable, no such host), or no request could be made
    /// (too many redirects): nothing a retry would change.
    Network(String),
    /// The TLS handshake failed (a plain-HTTP server at an `https://` URL, a certificate that
    /// does not verify): nothing was sent, and trying again cannot help.
    Tls(String),
    /// The connection closed or broke after the request went out: before the answer or in the
    /// middle of its body. The server may have acted on the request.
    Broken(String),
    /// The body was larger than the cap.
    TooLarge,
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Timeout => f.write_str("the request timed out"),
            HttpError::Network(m) | HttpError::Tls(m) | HttpError::Broken(m) => f.write_str(m),
            HttpError::TooLarge => {
                write!(f, "the response body is larger than {MAX_BODY_BYTES} bytes")
            }
        }
    }
}

impl std::error::Error for HttpError {}

/// A client with a keep-alive pool, trusting the roots of [`crate::tls`]. No proxy from the
/// environment, as Node's fetch. A client that cannot be built is an error of the call that
/// needed it (`HttpError::Network`: no request could be made), never a panic.
pub fn client(user_agent: Option<&str>) -> Result<Client, HttpError> {
    let unusable = |e: &dyn std::fmt::Display| {
        HttpError::Network(format!("the HTTP client could not be set up: {e}"))
    };
    let tls = crate::tls::client_config().map_err(|e| unusable(&e))?;
    let mut builder = Client::builder()
        .no_proxy()
        .tls_backend_preconfigured(tls)
        .pool_idle_timeout(Duration::from_secs(60))
        .connect_timeout(Duration::from_secs(10));
    if let Some(ua) = user_agent {
        builder = builder.user_agent(ua.to_string());
    }
    builder.build().map_err(|e| {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        unusable(&text)
    })
}

/// A client built once and shared, or the error of building it. A failed build is not kept:
/// the next call tries again.
#[derive(Default)]
pub struct SharedClient(std::sync::OnceLock<Client>);

impl SharedClient {
    pub const fn new() -> SharedClient {
        SharedClient(std::sync::OnceLock::new())
    }

    pub fn get(&self) -> Result<&Client, HttpError> {
        if let Some(c) = self.0.get() {
            return Ok(c);
        }
        let built = client(None)?;
        // a racing caller may have set it first: either client serves
        Ok(self.0.get_or_init(|| built))
    }
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
    let mut request = client
        .request(method, url)
        .headers(headers)
        .timeout(timeout);
    match body {
        Payload::None => {}
        Payload::Bytes(bytes) => request = request.body(bytes),
        Payload::Multipart(form) => request = request.multipart(form),
    }
    let work = async {
        let mut response = request.send().await.map_err(|e| classify(e, url))?;
        let status = response.status();
        let headers = response.headers().clone();
        // a body announced larger than the cap is refused before reading any of it
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY_BYTES as u64)
        {
            return Err(HttpError::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(e, url))? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(HttpError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    };
    match tokio::time::timeout(timeout, work).await {
        Ok(result) => result,
        Err(_) => Err(HttpError::Timeout),
    }
}

fn classify(e: reqwest::Error, url: &str) -> HttpError {
    if e.is_timeout() {
        return HttpError::Timeout;
    }
    let mut text = e.to_string();
    let mut innermost = text.clone();
    // TLS failures reach us as an io::Error of kind InvalidData inside a connect error
    let mut tls = false;
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        innermost = s.to_string();
        text.push_str(": ");
        text.push_str(&innermost);
        tls |= invalid_data(s);
        source = s.source();
    }
    if e.is_connect() {
        if tls && url.starts_with("https:") {
            let origin = url::Url::parse(url)
                .map(|u| u.origin().ascii_serialization())
                .unwrap_or_default();
            // a plain-HTTP server answers the ClientHello with text, which rustls reads as
            // a record of an invalid content type
            let hint = if innermost.contains("InvalidContentType") {
                " (the server does not speak TLS: a plain-HTTP server at an https:// URL?)"
            } else {
                ""
            };
            return HttpError::Tls(format!(
                "the TLS handshake with {origin} failed: {innermost}{hint}"
            ));
        }
        return HttpError::Network(text);
    }
    if e.is_request() || e.is_body() || e.is_decode() {
        return HttpError::Broken(text);
    }
    // a request that could not be built, too many redirects: nothing a retry would change
    HttpError::Network(text)
}

/// An io::Error of kind InvalidData, here or wrapped inside io::Errors (whose `source()`
/// skips the error they wrap: `get_ref()` reaches it).
fn invalid_data(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(e);
    while let Some(io) = current.and_then(|e| e.downcast_ref::<std::io::Error>()) {
        if io.kind() == std::io::ErrorKind::InvalidData {
            return true;
        }
        current = io
            .get_ref()
            .map(|inner| inner as &(dyn std::error::Error + 'static));
    }
    false
}

/// How long an answer's `Retry-After` asks to wait: delta-seconds, or an HTTP date (IMF-fixdate,
/// measured against `now`; a date in the past is no wait). `None` when absent or unreadable.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let at = http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, or the two obsolete forms RFC 9110 still
/// asks recipients to accept).
fn http_date(text: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(text).ok()
}

/// The reference's `joinPaths`: drop empty parts, join with `/`, and replace each run of
/// slashes with one, except a run right after `:` (so `https://` survives), as its regex
/// `/(?<!:)\/{1,}/g` does.
pub fn join_paths(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("/");
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
        let kept = if prev == Some(':') {
            if run > 1 {
                2
            } else {
                1
            }
        } else {
            1
        };
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
    use std::time::UNIX_EPOCH;

    #[test]
    fn clients_build() {
        assert!(client(None).is_ok());
        assert!(client(Some("agent/1")).is_ok());
        let shared = SharedClient::new();
        let a = shared.get().unwrap() as *const Client;
        let b = shared.get().unwrap() as *const Client;
        assert_eq!(a, b);
    }

    #[test]
    fn join_paths_like_the_reference() {
        assert_eq!(
            join_paths(&["/", ".well-known/jwks.json"]),
            "/.well-known/jwks.json"
        );
        assert_eq!(join_paths(&["/", "v1", "/jwks"]), "/v1/jwks");
        assert_eq!(join_paths(&["/base/", "", "/users//x"]), "/base/users/x");
        assert_eq!(join_paths(&[]), "");
        assert_eq!(
            join_paths(&["https://api.clerk.dev", "v1", "/users"]),
            "https://api.clerk.dev/v1/users"
        );
        assert_eq!(
            join_paths(&["http://x//", "/v1/", "users"]),
            "http://x/v1/users"
        );
        assert_eq!(join_paths(&["a:////b"]), "a://b");
    }

    fn after(value: &str, now: SystemTime) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, value.parse().unwrap());
        retry_after(&headers, now)
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(after("0", now), Some(Duration::ZERO));
        assert_eq!(after(" 2 ", now), Some(Duration::from_secs(2)));
        assert_eq!(
            after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            after("Thu, 01 Jan 1970 00:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            http_date("Sat, 29 Feb 2020 23:59:59 GMT"),
            Some(UNIX_EPOCH + Duration::from_secs(1_583_020_799))
        );
        assert_eq!(after("-1", now), None);
        assert_eq!(after("1.5", now), None);
        assert_eq!(after("soon", now), None);
        assert_eq!(after("Sun, 06 Nov 1994 08:49:37 UTC", now), None);
        assert_eq!(after("99999999999999999999999", now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
