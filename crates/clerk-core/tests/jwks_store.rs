//! The JWKS store against a real HTTP server on 127.0.0.1 that counts its requests.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clerk_core::jwks::{CachePolicy, FetchPolicy, JwksSource, JwksStore, Lookup};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Clone)]
enum Mode {
    Keys(Vec<&'static str>),
    Status(u16, &'static str),
    Stall,
}

struct Server {
    url: String,
    requests: Arc<AtomicUsize>,
    mode: Arc<Mutex<Mode>>,
}

async fn server(mode: Mode) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let mode = Arc::new(Mutex::new(mode));
    let (r, m) = (requests.clone(), mode.clone());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let (r, m) = (r.clone(), m.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                r.fetch_add(1, Ordering::SeqCst);
                let mode = m.lock().unwrap().clone();
                let (status, body) = match mode {
                    Mode::Stall => {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        return;
                    }
                    Mode::Status(code, body) => (code, body.to_string()),
                    Mode::Keys(kids) => {
                        let keys: Vec<String> = kids
                            .iter()
                            .map(|k| format!(r#"{{"kid":"{k}","kty":"RSA","alg":"RS256","n":"AQAB","e":"AQAB"}}"#))
                            .collect();
                        (200, format!(r#"{{"keys":[{}]}}"#, keys.join(",")))
                    }
                };
                let answer = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    Server {
        url,
        requests,
        mode,
    }
}

fn quick() -> CachePolicy {
    CachePolicy {
        fetch: FetchPolicy {
            deadline: Duration::from_millis(1500),
            first_backoff: Duration::from_millis(20),
            ..FetchPolicy::default()
        },
        ..CachePolicy::default()
    }
}

async fn get(
    store: &JwksStore,
    source: &JwksSource,
    kid: &str,
    now: f64,
    policy: &CachePolicy,
) -> Result<Arc<str>, String> {
    match store.lookup(source, kid, now, policy) {
        Lookup::Hit(jwk) => Ok(jwk),
        Lookup::Miss { generation } => store
            .refresh(source, kid, generation, now, policy)
            .await
            .map_err(|e| format!("{}: {}", e.reason().unwrap().as_str(), e.message())),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_fetch_serves_many_lookups_within_the_ttl() {
    let s = server(Mode::Keys(vec!["a", "b"])).await;
    let store = JwksStore::default();
    let source = JwksSource::backend(Some(&s.url), None, "sk_test_1").unwrap();
    let policy = quick();
    for i in 0..100 {
        let jwk = get(
            &store,
            &source,
            if i % 2 == 0 { "a" } else { "b" },
            1_000.0 + i as f64,
            &policy,
        )
        .await
        .unwrap();
        assert!(jwk.contains("\"kid\""));
    }
    assert_eq!(s.requests.load(Ordering::SeqCst), 1);
    // past the TTL: one more fetch
    get(&store, &source, "a", 1_000.0 + policy.ttl_ms, &policy)
        .await
        .unwrap();
    assert_eq!(s.requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_cold_misses_share_one_fetch() {
    let s = server(Mode::Keys(vec!["a"])).await;
    let store = Arc::new(JwksStore::default());
    let source = JwksSource::frontend(&s.url).unwrap();
    let mut tasks = Vec::new();
    for _ in 0..100 {
        let (store, source) = (store.clone(), source.clone());
        tasks.push(tokio::spawn(async move {
            get(&store, &source, "a", 5_000.0, &quick()).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(s.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_do_not_share_keys() {
    let s = server(Mode::Keys(vec!["a"])).await;
    let store = JwksStore::default();
    let one = JwksSource::backend(Some(&s.url), None, "sk_test_one").unwrap();
    let two = JwksSource::backend(Some(&s.url), None, "sk_test_two").unwrap();
    get(&store, &one, "a", 0.0, &quick()).await.unwrap();
    get(&store, &two, "a", 0.0, &quick()).await.unwrap();
    assert_eq!(s.requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_kids_refetch_at_most_once_per_cooldown() {
    let s = server(Mode::Keys(vec!["a"])).await;
    let store = JwksStore::default();
    let source = JwksSource::frontend(&s.url).unwrap();
    let policy = quick();
    get(&store, &source, "a", 0.0, &policy).await.unwrap();
    *s.mode.lock().unwrap() = Mode::Keys(vec!["a", "rotated"]);
    for i in 0..20 {
        let e = get(&store, &source, "rotated", 100.0 * i as f64, &policy)
            .await
            .unwrap_err();
        assert!(e.starts_with("jwk-remote-missing"), "{e}");
        assert!(e.ends_with("The following kid are available: a"), "{e}");
    }
    assert_eq!(s.requests.load(Ordering::SeqCst), 1);
    get(&store, &source, "rotated", 5_000.0, &policy)
        .await
        .unwrap();
    assert_eq!(s.requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_down_api_keeps_serving_fetched_keys_until_they_expire() {
    let s = server(Mode::Keys(vec!["a"])).await;
    let store = JwksStore::default();
    let source = JwksSource::backend(Some(&s.url), None, "sk_test_down").unwrap();
    let policy = quick();
    get(&store, &source, "a", 0.0, &policy).await.unwrap();
    *s.mode.lock().unwrap() = Mode::Status(503, "{}");
    // an unknown kid after the cooldown tries, fails, and the known kid still serves
    let e = get(&store, &source, "b", 6_000.0, &policy)
        .await
        .unwrap_err();
    assert!(e.starts_with("jwk-remote-failed-to-load"), "{e}");
    assert!(get(&store, &source, "a", 6_500.0, &policy).await.is_ok());
    // expired: the failure is reported, and repeated at once within the failure cooldown
    let before = s.requests.load(Ordering::SeqCst);
    let e = get(&store, &source, "a", policy.ttl_ms + 10.0, &policy)
        .await
        .unwrap_err();
    assert!(e.contains("with code=503"), "{e}");
    let during = s.requests.load(Ordering::SeqCst);
    assert_eq!(during - before, 5, "five attempts");
    get(&store, &source, "a", policy.ttl_ms + 500.0, &policy)
        .await
        .unwrap_err();
    assert_eq!(
        s.requests.load(Ordering::SeqCst),
        during,
        "no fetch inside the failure cooldown"
    );
    // the API is back
    *s.mode.lock().unwrap() = Mode::Keys(vec!["a"]);
    get(&store, &source, "a", policy.ttl_ms + 2_000.0, &policy)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_secret_key_is_not_retried() {
    let s = server(Mode::Status(
        401,
        r#"{"errors":[{"code":"clerk_key_invalid","message":"bad key"}]}"#,
    ))
    .await;
    let store = JwksStore::default();
    let source = JwksSource::backend(Some(&s.url), None, "sk_test_bad").unwrap();
    let e = get(&store, &source, "a", 0.0, &quick()).await.unwrap_err();
    assert_eq!(e, "secret-key-invalid: bad key");
    assert_eq!(s.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_api_fails_within_the_deadline() {
    let s = server(Mode::Stall).await;
    let store = JwksStore::default();
    let source = JwksSource::frontend(&s.url).unwrap();
    let started = Instant::now();
    let e = get(&store, &source, "a", 0.0, &quick()).await.unwrap_err();
    assert!(e.starts_with("jwk-remote-failed-to-load"), "{e}");
    assert!(
        started.elapsed() < Duration::from_millis(2_500),
        "{:?}",
        started.elapsed()
    );
}

/// The failure window, the kid-refetch cooldown and the TTL, with a clock that jumps forward
/// and backward (fake timers, NTP): every window ends, none stays stuck.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn windows_end_when_the_clock_jumps_either_way() {
    let s = server(Mode::Status(503, "{}")).await;
    let store = JwksStore::default();
    let source = JwksSource::backend(Some(&s.url), None, "sk_test_jumps").unwrap();
    let policy = CachePolicy {
        fetch: FetchPolicy {
            max_attempts: 1,
            ..quick().fetch
        },
        ..quick()
    };
    let t = 1_000_000_000.0;
    // a failure, then the clock is set back a day: the failure window is over, a call fetches
    get(&store, &source, "a", t, &policy).await.unwrap_err();
    let after_failure = s.requests.load(Ordering::SeqCst);
    get(&store, &source, "a", t + 10.0, &policy)
        .await
        .unwrap_err();
    assert_eq!(
        s.requests.load(Ordering::SeqCst),
        after_failure,
        "inside the window: no fetch"
    );
    *s.mode.lock().unwrap() = Mode::Keys(vec!["a"]);
    let back = t - 86_400_000.0;
    get(&store, &source, "a", back, &policy)
        .await
        .expect("the window ended when the clock went back");
    // the keys were fetched at `back`; a jump forward past the TTL fetches again
    let fetched = s.requests.load(Ordering::SeqCst);
    get(&store, &source, "a", back + 1.0, &policy)
        .await
        .unwrap();
    assert_eq!(
        s.requests.load(Ordering::SeqCst),
        fetched,
        "fresh: served from the cache"
    );
    get(&store, &source, "a", back + policy.ttl_ms + 1.0, &policy)
        .await
        .unwrap();
    assert_eq!(
        s.requests.load(Ordering::SeqCst),
        fetched + 1,
        "the TTL ran out going forward"
    );
    // and a jump back by more than the slack makes the keys stale too
    let fetched = s.requests.load(Ordering::SeqCst);
    get(&store, &source, "a", back - 60_000.0, &policy)
        .await
        .unwrap();
    assert_eq!(
        s.requests.load(Ordering::SeqCst),
        fetched + 1,
        "the TTL ended when the clock went back"
    );
    // a few hundred ms back (calls that read the clock just before a fetch ended): still fresh
    get(&store, &source, "a", back - 60_000.0 - 300.0, &policy)
        .await
        .unwrap();
    assert_eq!(s.requests.load(Ordering::SeqCst), fetched + 1);
    // kid-refetch cooldown: an unknown kid inside it answers at once; after a jump back it ends
    let now = back - 60_000.0;
    get(&store, &source, "b", now + 10.0, &policy)
        .await
        .unwrap_err();
    let fetched = s.requests.load(Ordering::SeqCst);
    *s.mode.lock().unwrap() = Mode::Keys(vec!["a", "b"]);
    get(&store, &source, "b", now + 20.0, &policy)
        .await
        .unwrap_err();
    assert_eq!(
        s.requests.load(Ordering::SeqCst),
        fetched,
        "inside the kid cooldown: no fetch"
    );
    get(&store, &source, "b", now - 3_600_000.0, &policy)
        .await
        .expect("the cooldown ended when the clock went back");
}
