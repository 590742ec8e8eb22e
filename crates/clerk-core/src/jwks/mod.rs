//! JWKS: where keys come from (`source`), how they are fetched with bounded retries
//! (`fetch`), and the per-source cache with single flight (`store`).

pub mod fetch;
pub mod source;
pub mod store;

pub use fetch::FetchPolicy;
pub use source::JwksSource;
pub use store::{CachePolicy, JwksStore, Lookup};
