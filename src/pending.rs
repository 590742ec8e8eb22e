//! The one step left of an authenticateRequest or verifyToken call that could not finish at
//! once: a key to fetch, or an RSA check deferred off the JS thread. The core's pending value
//! owns everything it needs; JS holds it as an opaque handle and either queues it for the
//! verifier threads (src/verifier.rs) or awaits `finishPending`. Either way it finishes once.

use clerk_core::jwt::DeferredCheck;
use clerk_core::request_state::run::{KeyPending, SignaturePending};
use napi::bindgen_prelude::{Either3, External, PromiseRaw};
use napi::{Env, Error, Result, Status};
use napi_derive::napi;

use crate::convert::{guard, Failure};
use crate::request_state::{decided, AuthDecision};

/// What a pending step waits for.
#[napi(string_enum = "kebab-case")]
pub enum PendingNext {
    /// Only the RSA check is left: it may run on any thread.
    CheckSignature,
    /// The key must be fetched first (on the tokio runtime).
    FetchKey,
}

pub enum PendingWork {
    /// authenticateRequest's RSA check.
    Auth(SignaturePending),
    /// authenticateRequest waiting for its key.
    AuthKey(Box<KeyPending>),
    /// verifyToken's RSA check.
    Token(DeferredCheck),
}

/// The result of a finished step: verifyToken's payload JSON text or failure, or
/// authenticateRequest's decision.
pub type Finished = Either3<String, Failure, AuthDecision>;

impl PendingWork {
    /// Runs a step that needs no I/O (an RSA check), on the calling thread.
    pub fn run_now(self) -> std::result::Result<Finished, PendingWork> {
        match self {
            PendingWork::Auth(p) => Ok(Either3::C(decided(Ok(p.finish())))),
            PendingWork::Token(check) => Ok(match check.run() {
                Ok(decoded) => Either3::A(decoded.payload_text.clone()),
                Err(t) => Either3::B(t.into()),
            }),
            other => Err(other),
        }
    }

    async fn finish(self) -> Finished {
        match self.run_now() {
            Ok(done) => done,
            Err(PendingWork::AuthKey(p)) => Either3::C(decided(Ok(p.finish().await))),
            // run_now finishes every other kind
            Err(_) => Either3::B(
                clerk_core::Error::plain("clerk-backend-native: a pending step could not finish")
                    .into(),
            ),
        }
    }
}

/// The handle JS holds; its work is taken out once.
pub struct Pending(Option<PendingWork>);

impl Pending {
    pub fn new(work: PendingWork) -> Pending {
        Pending(Some(work))
    }

    pub fn take(&mut self) -> Result<PendingWork> {
        self.0.take().ok_or_else(|| {
            Error::new(
                Status::InvalidArg,
                "clerk-backend-native: this pending step was finished already",
            )
        })
    }
}

/// Finishes a pending step on the tokio runtime: fetches the key when it needs one, runs the
/// RSA check, and resolves with the outcome.
#[napi(ts_return_type = "Promise<string | Failure | AuthDecision>")]
pub fn finish_pending<'env>(
    env: &'env Env,
    pending: &mut External<Pending>,
) -> Result<PromiseRaw<'env, Finished>> {
    let work = guard(|| pending.take())?;
    env.spawn_future(async move { Ok(work.finish().await) })
}
