//! Tokens whose signature was already checked with a given key. Only the RSA check is
//! skipped: every claim (exp, nbf, iat, azp, aud, iss, sub, typ, alg) is still checked on
//! every call, before this cache is consulted. Entries are keyed by the exact token text,
//! tied to the parsed key they were verified with, bounded in number, and never used past the
//! token's `exp`. Tokens longer than `MAX_TOKEN_BYTES` are not kept, and all the token text
//! kept stays under `BUDGET_BYTES` (a decoded token holds about three times its length).

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock};

use aws_lc_rs::signature::ParsedPublicKey;
use lru::LruCache;

use super::decode::DecodedJwt;

/// How many verified tokens are remembered.
pub const SIZE: usize = 4096;
/// Longer tokens are not remembered (a Clerk session token is about 1 KB).
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;
/// The most token text remembered in all; the oldest entries go first beyond it.
pub const BUDGET_BYTES: usize = 8 * 1024 * 1024;

struct Entry {
    key: Arc<ParsedPublicKey>,
    expires_at_ms: f64,
    /// The token decoded, so a token seen before is not decoded again.
    decoded: Arc<DecodedJwt>,
}

struct Cache {
    /// foldhash (randomly seeded per process) rather than SipHash: a token is about 1 KB and is
    /// hashed on every call.
    entries: LruCache<Box<str>, Entry, foldhash::fast::RandomState>,
    /// The length of every token text held.
    bytes: usize,
}

impl Cache {
    fn get(&mut self, token: &str) -> Option<&Entry> {
        self.entries.get(token)
    }

    fn pop(&mut self, token: &str) {
        if self.entries.pop(token).is_some() {
            self.bytes -= token.len();
        }
    }

    fn put(&mut self, token: &str, entry: Entry) {
        self.pop(token);
        while self.bytes + token.len() > BUDGET_BYTES || self.entries.len() >= SIZE {
            match self.entries.pop_lru() {
                Some((old, _)) => self.bytes -= old.len(),
                None => break,
            }
        }
        self.bytes += token.len();
        self.entries.put(token.into(), entry);
    }
}

fn cache() -> std::sync::MutexGuard<'static, Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let size = NonZeroUsize::new(SIZE).unwrap_or(NonZeroUsize::MIN);
            Mutex::new(Cache {
                entries: LruCache::with_hasher(size, foldhash::fast::RandomState::default()),
                bytes: 0,
            })
        })
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// How many tokens and how many bytes of token text are remembered (for tests).
pub fn usage() -> (usize, usize) {
    let cache = cache();
    (cache.entries.len(), cache.bytes)
}

/// What is remembered of a token verified before.
#[derive(Clone)]
pub struct Seen {
    key: Arc<ParsedPublicKey>,
    expires_at_ms: f64,
    pub decoded: Arc<DecodedJwt>,
}

impl Seen {
    /// Whether the token was verified with exactly this key and has not expired by `now_ms`.
    pub fn vouches_for(&self, key: &Arc<ParsedPublicKey>, now_ms: f64) -> bool {
        Arc::ptr_eq(&self.key, key) && now_ms < self.expires_at_ms
    }
}

/// The entry for `token`, if any (one lookup serves the decoding and the signature check).
pub fn lookup(token: &str) -> Option<Seen> {
    let mut cache = cache();
    cache.get(token).map(|e| Seen {
        key: e.key.clone(),
        expires_at_ms: e.expires_at_ms,
        decoded: e.decoded.clone(),
    })
}

/// Drops the entry for `token` (it no longer vouches for it: expired, or another key).
pub fn forget(token: &str) {
    cache().pop(token);
}

/// Remembers a token whose signature checked out, until `expires_at_ms`.
pub fn insert(
    token: &str,
    key: &Arc<ParsedPublicKey>,
    expires_at_ms: f64,
    decoded: &Arc<DecodedJwt>,
) {
    if !expires_at_ms.is_finite() || token.len() > MAX_TOKEN_BYTES {
        return;
    }
    cache().put(
        token,
        Entry {
            key: key.clone(),
            expires_at_ms,
            decoded: decoded.clone(),
        },
    );
}
