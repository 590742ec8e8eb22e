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

/// Whether `token` was verified with exactly this key and has not expired by `now_ms`.
pub fn contains(token: &str, key: &Arc<ParsedPublicKey>, now_ms: f64) -> bool {
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    match cache.get(token) {
        Some(e) if Arc::ptr_eq(&e.key, key) && now_ms < e.expires_at_ms => true,
        Some(_) => {
            cache.pop(token);
            false
        }
        None => false,
    }
}

/// The decoded form of a token remembered here (decoding is a pure function of the text).
pub fn decoded(token: &str) -> Option<Arc<DecodedJwt>> {
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    cache.get(token).map(|e| e.decoded.clone())
}

/// Remembers a token whose signature checked out, until `expires_at_ms`.
pub fn insert(token: &str, key: &Arc<ParsedPublicKey>, expires_at_ms: f64, decoded: &Arc<DecodedJwt>) {
    if !expires_at_ms.is_finite() {
        return;
    }
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    cache.put(token.into(), Entry { key: key.clone(), expires_at_ms, decoded: decoded.clone() });
}
