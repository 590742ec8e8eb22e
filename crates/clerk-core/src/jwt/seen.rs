//! Tokens whose signature was already checked with a given key. Only the RSA check is
//! skipped: every claim (exp, nbf, iat, azp, aud, iss, sub, typ, alg) is still checked on
//! every call, before this cache is consulted. Entries are keyed by the exact token text,
//! tied to the parsed key they were verified with, bounded in number, and never used past the
//! token's `exp`.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock};

use aws_lc_rs::signature::ParsedPublicKey;
use lru::LruCache;

use super::decode::DecodedJwt;

/// How many verified tokens are remembered.
pub const SIZE: usize = 4096;

struct Entry {
    key: Arc<ParsedPublicKey>,
    expires_at_ms: f64,
    /// The token decoded, so a token seen before is not decoded again.
    decoded: Arc<DecodedJwt>,
}

fn cache() -> &'static Mutex<LruCache<Box<str>, Entry>> {
    static CACHE: OnceLock<Mutex<LruCache<Box<str>, Entry>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(LruCache::new(NonZeroUsize::new(SIZE).unwrap_or(NonZeroUsize::MIN))))
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
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    cache.get(token).map(|e| Seen { key: e.key.clone(), expires_at_ms: e.expires_at_ms, decoded: e.decoded.clone() })
}

/// Drops the entry for `token` (it no longer vouches for it: expired, or another key).
pub fn forget(token: &str) {
    cache().lock().unwrap_or_else(|p| p.into_inner()).pop(token);
}

/// Remembers a token whose signature checked out, until `expires_at_ms`.
pub fn insert(token: &str, key: &Arc<ParsedPublicKey>, expires_at_ms: f64, decoded: &Arc<DecodedJwt>) {
    if !expires_at_ms.is_finite() {
        return;
    }
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    cache.put(token.into(), Entry { key: key.clone(), expires_at_ms, decoded: decoded.clone() });
}
