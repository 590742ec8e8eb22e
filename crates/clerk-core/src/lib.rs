//! The rules of `@clerk/backend` 0.38.15, in Rust and free of any JS binding.
//!
//! Every decision the Node package makes lives here: how a JWT is decoded, which claim checks
//! run in which order and with which failure reason, how keys are imported and cached, how a
//! token is signed. The napi crate at the repository root only converts values.
//!
//! The clock is always an argument (`now_ms`, milliseconds since the epoch as JS `Date.now()`
//! gives it), never read here, so that the caller's fake timers keep working.

pub mod api;
pub mod error;
pub mod http;
pub mod instance;
pub mod interstitial;
pub mod js;
pub mod jwks;
pub mod jwt;
pub mod redirect;
pub mod request_state;
pub mod tls;
pub mod token;
pub mod verifier_queue;

pub use error::{Action, Error, ErrorKind, Reason};
