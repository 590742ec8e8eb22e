//! The JWKS cache: one entry per source (issuer, or API URL + secret key), each with its own
//! TTL clock, single-flight refreshes, and cooldowns so that neither unknown kids nor a down
//! API can make it fetch in a loop. Times are the caller's `Date.now()`.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use lru::LruCache;

use super::fetch::{self, FetchPolicy, Keys};
use super::source::JwksSource;
use crate::error::{Action, Error, Reason};

/// The reference's TTL: 5 minutes.
pub const DEFAULT_TTL_MS: f64 = 300_000.0;
/// After a successful fetch, a kid that is not in it triggers no new fetch for this long.
pub const KID_REFETCH_COOLDOWN_MS: f64 = 5_000.0;
/// After a failed fetch, calls in this window get the same failure without fetching.
pub const FAILURE_COOLDOWN_MS: f64 = 1_000.0;
/// How far the caller's clock may run backwards (calls that read `Date.now()` just before a
/// fetch ended) and still count as inside a window that began at the fetch. A clock set back
/// further ends every window: none may outlast a clock that jumps back (fake timers, NTP).
pub const CLOCK_SLACK_MS: f64 = 1_000.0;

/// Whether `now_ms` lies in the window of `length_ms` that began at `since_ms`, by the caller's
/// clock: a clock that moved forward past it, or back by more than `CLOCK_SLACK_MS`, is out.
pub fn within(now_ms: f64, since_ms: f64, length_ms: f64) -> bool {
    let age = now_ms - since_ms;
    age > -CLOCK_SLACK_MS && age < length_ms
}

/// How many sources the store remembers.
pub const MAX_SOURCES: usize = 256;

#[derive(Debug, Clone, Copy)]
pub struct CachePolicy {
    pub ttl_ms: f64,
    pub skip_cache: bool,
    pub fetch: FetchPolicy,
}

impl CachePolicy {
    /// The policy the options ask for: `jwksCacheTtlInMs` (a non-negative number, else 5
    /// minutes), `skipJwksCache`, and the bound on a fetch (`jwksTimeoutInMs`, else 10 s).
    pub fn from_options(
        ttl_ms: Option<f64>,
        skip_cache: bool,
        timeout_ms: Option<f64>,
    ) -> CachePolicy {
        let defaults = CachePolicy::default();
        CachePolicy {
            ttl_ms: ttl_ms
                .filter(|t| t.is_finite() && *t >= 0.0)
                .unwrap_or(defaults.ttl_ms),
            skip_cache,
            fetch: FetchPolicy {
                deadline: deadline_from_ms(timeout_ms),
                ..defaults.fetch
            },
        }
    }
}

impl Default for CachePolicy {
    fn default() -> Self {
        CachePolicy {
            ttl_ms: DEFAULT_TTL_MS,
            skip_cache: false,
            fetch: FetchPolicy::default(),
        }
    }
}

#[derive(Default)]
struct Snapshot {
    keys: Keys,
    fetched_at_ms: Option<f64>,
    /// The last failure: when the fetch began and when it gave up (the caller's clock, plus the
    /// time the retries took), and the error.
    failure: Option<(f64, f64, Error)>,
    /// Counts fetch outcomes, so a waiter can tell that someone fetched after its miss.
    generation: u64,
}

impl Snapshot {
    fn find(&self, kid: &str) -> Option<Arc<str>> {
        self.keys
            .iter()
            .find(|(k, _)| k == kid)
            .map(|(_, jwk)| jwk.clone())
    }

    fn fresh(&self, now_ms: f64, ttl_ms: f64) -> bool {
        matches!(self.fetched_at_ms, Some(at) if within(now_ms, at, ttl_ms))
    }

    fn missing(&self, kid: &str) -> Error {
        let kids = self
            .keys
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let available = if kids.is_empty() {
            String::new()
        } else {
            format!(" The following kid are available: {kids}")
        };
        Error::token_with_action(
            Reason::RemoteJwkMissing,
            Action::ContactSupport,
            format!(
                "Unable to find a signing key in JWKS that matches the kid='{kid}' of the provided session token. Please make sure that the __session cookie or the HTTP authorization header contain a Clerk-generated session JWT.{available}"
            ),
        )
    }
}

struct SourceState {
    snapshot: RwLock<Snapshot>,
    fetching: tokio::sync::Mutex<()>,
}

/// The answer of a synchronous cache lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The key's JSON text.
    Hit(Arc<str>),
    /// Not usable from the cache: call `refresh` with this generation.
    Miss { generation: u64 },
}

pub struct JwksStore {
    sources: Mutex<LruCache<String, Arc<SourceState>>>,
    client: crate::http::SharedClient,
}

impl Default for JwksStore {
    fn default() -> Self {
        JwksStore {
            sources: Mutex::new(LruCache::new(
                NonZeroUsize::new(MAX_SOURCES).unwrap_or(NonZeroUsize::MIN),
            )),
            client: crate::http::SharedClient::new(),
        }
    }
}

impl JwksStore {
    /// The process-wide store used by the binding.
    pub fn global() -> &'static JwksStore {
        static STORE: OnceLock<JwksStore> = OnceLock::new();
        STORE.get_or_init(JwksStore::default)
    }

    fn state(&self, source: &JwksSource) -> Arc<SourceState> {
        let mut sources = self.sources.lock().unwrap_or_else(|p| p.into_inner());
        sources
            .get_or_insert(source.cache_key(), || {
                Arc::new(SourceState {
                    snapshot: RwLock::new(Snapshot::default()),
                    fetching: tokio::sync::Mutex::new(()),
                })
            })
            .clone()
    }

    /// The key for `kid` if the cache can answer now, without any I/O.
    pub fn lookup(
        &self,
        source: &JwksSource,
        kid: &str,
        now_ms: f64,
        policy: &CachePolicy,
    ) -> Lookup {
        let state = self.state(source);
        let snapshot = state.snapshot.read().unwrap_or_else(|p| p.into_inner());
        if !policy.skip_cache && snapshot.fresh(now_ms, policy.ttl_ms) {
            if let Some(jwk) = snapshot.find(kid) {
                return Lookup::Hit(jwk);
            }
        }
        Lookup::Miss {
            generation: snapshot.generation,
        }
    }

    /// Fetches (once for all concurrent callers) and answers for `kid`. `seen_generation` is
    /// what `lookup` returned: a fetch that ended after it answers this call too.
    pub async fn refresh(
        &self,
        source: &JwksSource,
        kid: &str,
        seen_generation: u64,
        now_ms: f64,
        policy: &CachePolicy,
    ) -> Result<Arc<str>, Error> {
        let start = Instant::now();
        let state = self.state(source);
        let timed_out = || {
            Error::token_with_action(
                Reason::RemoteJwkFailedToLoad,
                Action::ContactSupport,
                format!(
                    "Error loading Clerk JWKS from {}: the request timed out",
                    source.url()
                ),
            )
        };
        let _turn = tokio::time::timeout(policy.fetch.deadline, state.fetching.lock())
            .await
            .map_err(|_| timed_out())?;

        if let Some(answer) = self.answer_from_cache(&state, kid, seen_generation, now_ms, policy) {
            return answer;
        }

        let remaining = policy.fetch.deadline.saturating_sub(start.elapsed());
        if remaining.is_zero() {
            return Err(timed_out());
        }
        let fetch_policy = FetchPolicy {
            deadline: remaining,
            ..policy.fetch
        };
        // a client that cannot be built fails this fetch as a network failure would
        let outcome = match self.client.get() {
            Ok(client) => fetch::fetch_keys(client, source, fetch_policy).await,
            Err(e) => Err(fetch::no_client(source, &e)),
        };

        let mut snapshot = state.snapshot.write().unwrap_or_else(|p| p.into_inner());
        snapshot.generation += 1;
        match outcome {
            Ok(keys) => {
                snapshot.keys = keys;
                snapshot.fetched_at_ms = Some(now_ms);
                snapshot.failure = None;
                snapshot.find(kid).ok_or_else(|| snapshot.missing(kid))
            }
            Err(e) => {
                // keys fetched before stay, and serve until their TTL runs out. The failure
                // window starts when the fetch gave up (the caller's clock plus the time the
                // retries took), not when the call began: else a fetch that retried for
                // longer than the window would leave no window at all.
                snapshot.failure = Some((
                    now_ms,
                    now_ms + start.elapsed().as_secs_f64() * 1000.0,
                    e.clone(),
                ));
                Err(e)
            }
        }
    }

    /// What the cache can say without fetching, once this call holds the fetch turn.
    fn answer_from_cache(
        &self,
        state: &SourceState,
        kid: &str,
        seen_generation: u64,
        now_ms: f64,
        policy: &CachePolicy,
    ) -> Option<Result<Arc<str>, Error>> {
        let snapshot = state.snapshot.read().unwrap_or_else(|p| p.into_inner());
        if snapshot.generation != seen_generation {
            // someone else fetched after this call missed: share their outcome
            if let Some((_, _, failure)) = &snapshot.failure {
                return Some(
                    snapshot
                        .find(kid)
                        .filter(|_| snapshot.fresh(now_ms, policy.ttl_ms))
                        .ok_or_else(|| failure.clone()),
                );
            }
            return Some(snapshot.find(kid).ok_or_else(|| snapshot.missing(kid)));
        }
        if policy.skip_cache {
            return None;
        }
        if let Some((began, ended, failure)) = &snapshot.failure {
            // from the clock the failed call read to the window's end after it gave up
            if within(now_ms, *began, ended - began + FAILURE_COOLDOWN_MS) {
                return Some(Err(failure.clone()));
            }
        }
        if snapshot.fresh(now_ms, policy.ttl_ms) {
            if let Some(jwk) = snapshot.find(kid) {
                return Some(Ok(jwk));
            }
            if matches!(snapshot.fetched_at_ms, Some(at) if within(now_ms, at, KID_REFETCH_COOLDOWN_MS))
            {
                return Some(Err(snapshot.missing(kid)));
            }
        }
        None
    }
}

/// A deadline as a Duration from milliseconds given by JS (negative or NaN: the default).
pub fn deadline_from_ms(ms: Option<f64>) -> Duration {
    match ms {
        Some(ms) if ms.is_finite() && ms > 0.0 => Duration::from_millis(ms as u64),
        _ => Duration::from_millis(fetch::DEFAULT_DEADLINE_MS),
    }
}
