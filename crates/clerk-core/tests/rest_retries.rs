//! Backend API calls (and JWKS fetches) against a fault-injecting TCP server on 127.0.0.1:
//! which failures are sent again, how often, and that every call ends within its bound.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clerk_core::api::client::{BROKEN_GET_WAITS_MS, MAX_RETRIES};
use clerk_core::api::{endpoint, ApiClient, ApiOptions, Outcome};
use clerk_core::jwks::fetch::fetch_keys;
use clerk_core::jwks::{FetchPolicy, JwksSource};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Debug)]
enum Mode {
    Ok,
    /// Reads the request, closes without a byte of answer.
    Reset,
    /// Headers and part of a promised body, then closes.
    CloseMidResponse,
    /// Reads the request, never answers.
    Stall,
    /// A status with an optional Retry-After.
    Status(u16, Option<&'static str>),
    /// 200 with a body of this many bytes, streamed in chunks (with or without Content-Length).
    Huge {
        bytes: usize,
        length_header: bool,
    },
}

#[derive(Default)]
struct Log {
    methods: Vec<String>,
    /// Connections whose first bytes were not HTTP (a TLS ClientHello).
    not_http: usize,
}

struct Server {
    url: String,
    log: Arc<Mutex<Log>>,
    plan: Arc<Mutex<VecDeque<Mode>>>,
    mode: Arc<Mutex<Mode>>,
}

impl Server {
    fn requests(&self) -> usize {
        self.log.lock().unwrap().methods.len()
    }
    fn set(&self, mode: Mode, plan: &[Mode]) {
        *self.mode.lock().unwrap() = mode;
        *self.plan.lock().unwrap() = plan.iter().cloned().collect();
    }
}

async fn server(mode: Mode) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Log::default()));
    let plan = Arc::new(Mutex::new(VecDeque::new()));
    let mode = Arc::new(Mutex::new(mode));
    let (l, p, m) = (log.clone(), plan.clone(), mode.clone());
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let (l, p, m) = (l.clone(), p.clone(), m.clone());
            tokio::spawn(async move { serve(socket, l, p, m).await });
        }
    });
    Server {
        url,
        log,
        plan,
        mode,
    }
}

/// One request per connection (each answer says `connection: close`).
async fn serve(
    mut socket: TcpStream,
    log: Arc<Mutex<Log>>,
    plan: Arc<Mutex<VecDeque<Mode>>>,
    mode: Arc<Mutex<Mode>>,
) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut seen = Vec::new();
    loop {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
        if !seen[0].is_ascii_uppercase() {
            // not HTTP: answer as a plain server does
            log.lock().unwrap().not_http += 1;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
                )
                .await;
            return;
        }
        if let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&seen[..end]).to_string();
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            while seen.len() < end + 4 + length {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
            log.lock()
                .unwrap()
                .methods
                .push(head.split(' ').next().unwrap_or("").to_string());
            break;
        }
    }
    let mode = plan
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| mode.lock().unwrap().clone());
    let json = |status: u16, extra: &str, body: &str| {
        format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n{body}",
            body.len()
        )
    };
    match mode {
        Mode::Ok => {
            let body = r#"{"object":"user","id":"user_1","keys":[{"kid":"a","kty":"RSA","n":"AQAB","e":"AQAB"}]}"#;
            let _ = socket.write_all(json(200, "", body).as_bytes()).await;
        }
        Mode::Reset => {}
        Mode::CloseMidResponse => {
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"object\":\"us")
                .await;
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Mode::Stall => tokio::time::sleep(Duration::from_secs(60)).await,
        Mode::Status(status, retry_after) => {
            let extra = retry_after
                .map(|v| format!("retry-after: {v}\r\n"))
                .unwrap_or_default();
            let body = format!(
                r#"{{"errors":[{{"code":"e{status}","message":"m"}}],"clerk_trace_id":"t{status}"}}"#
            );
            let _ = socket
                .write_all(json(status, &extra, &body).as_bytes())
                .await;
        }
        Mode::Huge {
            bytes,
            length_header,
        } => {
            let head = if length_header {
                format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {bytes}\r\n\r\n")
            } else {
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n"
                    .to_string()
            };
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < bytes {
                let n = chunk.len().min(bytes - sent);
                if socket.write_all(&chunk[..n]).await.is_err() {
                    return; // the client went away
                }
                sent += n;
            }
        }
    }
    let _ = socket.shutdown().await;
}

fn client(url: &str, timeout_ms: f64) -> ApiClient {
    ApiClient::new(ApiOptions {
        secret_key: Some("sk_test_retries".into()),
        api_url: Some(url.into()),
        timeout_ms: Some(timeout_ms),
        ..ApiOptions::default()
    })
}

/// The calls used below, one per method.
const GET: (&str, &str) = ("users.getUser", r#"{"id":"user_1"}"#);
const POST: (&str, &str) = ("users.createUser", r#"{"params":{"firstName":"Ada"}}"#);
const PATCH: (&str, &str) = (
    "users.updateUser",
    r#"{"id":"user_1","params":{"firstName":"Ada"}}"#,
);
const DELETE: (&str, &str) = ("users.deleteUser", r#"{"id":"user_1"}"#);

async fn call(api: &ApiClient, (name, args): (&str, &str)) -> (Outcome, Duration) {
    let started = Instant::now();
    let outcome = api
        .call(endpoint(name).unwrap(), args, vec![])
        .await
        .unwrap();
    (outcome, started.elapsed())
}

fn unexpected(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Unexpected { message, .. } => message,
        other => panic!("expected an unexpected_error outcome, got {other:?}"),
    }
}

fn status(outcome: &Outcome) -> u16 {
    match outcome {
        Outcome::Error { status, .. } => *status,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_get_whose_connection_broke_is_sent_again_at_most_twice() {
    let s = server(Mode::Reset).await;
    let api = client(&s.url, 5_000.0);
    // broken once, then answered: the caller sees the answer
    s.set(Mode::Ok, &[Mode::Reset]);
    let (outcome, _) = call(&api, GET).await;
    assert!(
        matches!(outcome, Outcome::Ok { status: 200, .. }),
        "{outcome:?}"
    );
    assert_eq!(s.requests(), 2);
    // broken every time: 1 + MAX_RETRIES requests, then the error says how many
    for mode in [Mode::Reset, Mode::CloseMidResponse] {
        s.set(mode.clone(), &[]);
        let before = s.requests();
        let (outcome, took) = call(&api, GET).await;
        let message = unexpected(&outcome);
        assert!(message.starts_with("fetch failed: "), "{message}");
        assert!(
            message.ends_with(&format!("(after {} attempts)", MAX_RETRIES + 1)),
            "{message}"
        );
        assert_eq!(s.requests() - before, 1 + MAX_RETRIES as usize, "{mode:?}");
        let waits: u64 = BROKEN_GET_WAITS_MS.iter().sum();
        assert!(
            took < Duration::from_millis(waits + 2_000),
            "{mode:?} took {took:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_whose_connection_broke_is_not_sent_again() {
    let s = server(Mode::Reset).await;
    let api = client(&s.url, 5_000.0);
    for mode in [Mode::Reset, Mode::CloseMidResponse] {
        for c in [POST, PATCH, DELETE] {
            s.set(mode.clone(), &[]);
            let before = s.requests();
            let (outcome, _) = call(&api, c).await;
            let message = unexpected(&outcome);
            assert!(!message.contains("attempts"), "{message}");
            assert_eq!(s.requests() - before, 1, "{} {mode:?}", c.0);
        }
    }
    assert_eq!(
        s.log
            .lock()
            .unwrap()
            .methods
            .iter()
            .filter(|m| *m == "GET")
            .count(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttled_answers_with_retry_after_are_sent_again_for_any_method() {
    let s = server(Mode::Ok).await;
    let api = client(&s.url, 5_000.0);
    for c in [GET, POST, PATCH, DELETE] {
        // 429 then 503, each asking for no wait, then the answer
        s.set(
            Mode::Ok,
            &[Mode::Status(429, Some("0")), Mode::Status(503, Some("0"))],
        );
        let before = s.requests();
        let (outcome, _) = call(&api, c).await;
        assert!(
            matches!(outcome, Outcome::Ok { status: 200, .. }),
            "{} {outcome:?}",
            c.0
        );
        assert_eq!(s.requests() - before, 3, "{}", c.0);
        // throttled every time: three requests, then the last answer's ClerkAPIResponseError
        s.set(Mode::Status(429, Some("0")), &[]);
        let before = s.requests();
        let (outcome, _) = call(&api, c).await;
        assert_eq!(status(&outcome), 429);
        assert!(
            matches!(&outcome, Outcome::Error { clerk_trace_id, .. } if clerk_trace_id == "t429")
        );
        assert_eq!(s.requests() - before, 1 + MAX_RETRIES as usize, "{}", c.0);
    }
    // a date in the past is no wait
    s.set(
        Mode::Ok,
        &[Mode::Status(503, Some("Thu, 01 Jan 1970 00:00:00 GMT"))],
    );
    let before = s.requests();
    let (outcome, _) = call(&api, POST).await;
    assert!(matches!(outcome, Outcome::Ok { .. }), "{outcome:?}");
    assert_eq!(s.requests() - before, 2);
    // the wait asked for is honoured
    s.set(Mode::Ok, &[Mode::Status(429, Some("1"))]);
    let (outcome, took) = call(&api, GET).await;
    assert!(matches!(outcome, Outcome::Ok { .. }), "{outcome:?}");
    assert!(took >= Duration::from_millis(950), "took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_else_is_sent_again() {
    let s = server(Mode::Ok).await;
    let api = client(&s.url, 1_500.0);
    let cases = [
        (Mode::Status(429, None), Some(429)),
        (Mode::Status(503, None), Some(503)),
        (Mode::Status(500, Some("0")), Some(500)),
        (Mode::Status(502, Some("0")), Some(502)),
        // a wait that does not fit in timeoutInMs is not started: the answer comes at once
        (Mode::Status(429, Some("2")), Some(429)),
        (
            Mode::Status(503, Some("Fri, 31 Dec 9999 23:59:59 GMT")),
            Some(503),
        ),
        (Mode::Status(429, Some("soon")), Some(429)),
        (Mode::Stall, None),
    ];
    for (mode, expected) in cases {
        for c in [GET, POST] {
            s.set(mode.clone(), &[]);
            let before = s.requests();
            let (outcome, took) = call(&api, c).await;
            match expected {
                Some(code) => {
                    assert_eq!(status(&outcome), code, "{mode:?}");
                    assert!(
                        took < Duration::from_millis(1_000),
                        "{mode:?} took {took:?}"
                    );
                }
                None => {
                    assert!(
                        unexpected(&outcome).contains("did not answer within 1500 ms"),
                        "{outcome:?}"
                    );
                    assert!(
                        took < Duration::from_millis(3_000),
                        "{mode:?} took {took:?}"
                    );
                }
            }
            assert_eq!(s.requests() - before, 1, "{mode:?} {}", c.0);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_fails_at_once() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let api = client(&url, 5_000.0);
    let (outcome, took) = call(&api, GET).await;
    let message = unexpected(&outcome);
    assert!(
        message.starts_with("fetch failed: ") && !message.contains("attempts"),
        "{message}"
    );
    assert!(took < Duration::from_millis(1_000), "took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_body_is_refused_without_reading_it_all() {
    let s = server(Mode::Ok).await;
    let api = client(&s.url, 10_000.0);
    for length_header in [true, false] {
        s.set(
            Mode::Huge {
                bytes: 100 * 1024 * 1024,
                length_header,
            },
            &[],
        );
        let before = s.requests();
        let (outcome, took) = call(&api, GET).await;
        assert_eq!(
            unexpected(&outcome),
            "fetch failed: the response body is larger than 8388608 bytes"
        );
        assert_eq!(s.requests() - before, 1);
        assert!(took < Duration::from_millis(5_000), "took {took:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_http_server_at_an_https_url_fails_fast_and_clearly() {
    let s = server(Mode::Ok).await;
    let https = s.url.replace("http://", "https://");
    let api = client(&https, 5_000.0);
    let (outcome, took) = call(&api, GET).await;
    let message = unexpected(&outcome);
    assert!(
        message.starts_with(&format!(
            "fetch failed: the TLS handshake with {https} failed: "
        )) && message
            .ends_with("(the server does not speak TLS: a plain-HTTP server at an https:// URL?)"),
        "{message}"
    );
    assert!(!message.contains("attempts"), "{message}");
    assert!(took < Duration::from_millis(1_000), "took {took:?}");
    assert_eq!(s.requests(), 0);
    assert_eq!(s.log.lock().unwrap().not_http, 1);

    // the JWKS fetch does not retry it either
    let source = JwksSource::frontend(&https).unwrap();
    let started = Instant::now();
    let e = fetch_keys(
        &clerk_core::http::client(None).unwrap(),
        &source,
        FetchPolicy::default(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.reason().unwrap().as_str(), "jwk-remote-failed-to-load");
    assert!(e.message().contains("TLS handshake"), "{}", e.message());
    assert!(started.elapsed() < Duration::from_millis(1_000));
    assert_eq!(s.log.lock().unwrap().not_http, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_jwks_fetch_honours_retry_after_within_its_deadline() {
    let s = server(Mode::Ok).await;
    let source = JwksSource::frontend(&s.url).unwrap();
    let policy = FetchPolicy {
        deadline: Duration::from_millis(1_500),
        first_backoff: Duration::from_millis(20),
        ..FetchPolicy::default()
    };
    // a Retry-After past the deadline: no wait is started, the error comes at once
    s.set(Mode::Status(503, Some("5")), &[]);
    let started = Instant::now();
    let e = fetch_keys(&clerk_core::http::client(None).unwrap(), &source, policy)
        .await
        .unwrap_err();
    assert!(e.message().ends_with("with code=503"), "{}", e.message());
    assert!(started.elapsed() < Duration::from_millis(1_000));
    assert_eq!(s.requests(), 1);
    // a Retry-After that fits is waited for, then the keys come
    s.set(Mode::Ok, &[Mode::Status(429, Some("1"))]);
    let started = Instant::now();
    let keys = fetch_keys(&clerk_core::http::client(None).unwrap(), &source, policy)
        .await
        .unwrap();
    assert_eq!(keys[0].0, "a");
    assert!(started.elapsed() >= Duration::from_millis(950));
    assert_eq!(s.requests(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_jwks_failure_window_starts_when_the_failed_fetch_ends() {
    use clerk_core::jwks::{CachePolicy, JwksStore, Lookup};
    let s = server(Mode::Status(500, None)).await;
    let store = JwksStore::default();
    let source = JwksSource::frontend(&s.url).unwrap();
    // attempts at about 0, 400 and 1200 ms; the next wait (1600 ms) would pass the deadline
    let policy = CachePolicy {
        fetch: FetchPolicy {
            deadline: Duration::from_millis(2_500),
            first_backoff: Duration::from_millis(400),
            ..FetchPolicy::default()
        },
        ..CachePolicy::default()
    };
    let get = |now: f64| {
        let (store, source) = (&store, &source);
        async move {
            match store.lookup(source, "a", now, &policy) {
                Lookup::Hit(_) => Ok(()),
                Lookup::Miss { generation } => store
                    .refresh(source, "a", generation, now, &policy)
                    .await
                    .map(|_| ()),
            }
        }
    };
    let started = Instant::now();
    let first = get(0.0).await.unwrap_err();
    let took = started.elapsed().as_secs_f64() * 1000.0;
    assert!(took >= 1_100.0, "took {took} ms");
    assert_eq!(s.requests(), 3);
    // 100 ms after the fetch gave up (the call began more than a second before): no fetch
    let second = get(took + 100.0).await.unwrap_err();
    assert_eq!(second.message(), first.message());
    assert_eq!(s.requests(), 3);
    // past the window: a new fetch, which finds the keys
    s.set(Mode::Ok, &[]);
    get(took + 1_100.0).await.unwrap();
    assert_eq!(s.requests(), 4);
}
