//! Verifier threads: verifyJwt checks deferred by the JS thread (see lib/offload.js) go to a
//! `clerk_core::work_queue::WorkQueue` whose threads run them, and which the JS thread works
//! through beside them (`verifier_help`). This file only converts: JS arguments to a `JwtJob`,
//! the thread-safe function that wakes JS, and results back to JS arrays. One queue per JS
//! environment (main thread or worker_thread), stopped when JS lets go of its handle.

use std::time::Duration;

use clerk_core::work_queue::{Taken, WorkQueue};
use napi::bindgen_prelude::{Either, External};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Result, Status};
use napi_derive::napi;

use crate::convert::{self, guard, Failure, KeyArg, Text};
use crate::jwt::{verify_job, JwtJob};

type Wake = ThreadsafeFunction<(), (), (), Status, false, true>;
type Outcome = Either<String, Failure>;

/// The handle JS keeps; dropping it stops the threads.
pub struct Verifier(WorkQueue<JwtJob, Outcome>);

/// One check, never a panic.
fn run(job: &JwtJob) -> Outcome {
    guard(|| verify_job(job)).unwrap_or_else(|e| Either::B(Failure::of("error", e.reason.clone())))
}

/// Starts `threads` verifier threads; `wake` is called (with no arguments) when results wait.
#[napi]
pub fn verifier_start(wake: Wake, threads: u32) -> Result<External<Verifier>> {
    let wake_js = move || {
        wake.call((), ThreadsafeFunctionCallMode::NonBlocking);
    };
    WorkQueue::start(threads as usize, "clerk-verify", run, wake_js)
        .map(|queue| External::new(Verifier(queue)))
        .map_err(|e| napi::Error::new(Status::GenericFailure, format!("cannot start a verifier thread: {e}")))
}

/// Queues one check (the fields of a `JwtJob`, passed one by one: reading them from an object
/// costs more than the rest of the call); returns how many wait in the queue now.
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn verifier_push(
    verifier: &External<Verifier>,
    id: u32,
    token: Text,
    key: KeyArg,
    key_text: Option<String>,
    issuer: Option<String>,
    audience: Option<Either<String, Vec<Option<String>>>>,
    authorized_parties: Option<Vec<String>>,
    clock_skew_in_ms: Option<f64>,
    clock_skew_in_seconds: Option<f64>,
    now_ms: f64,
) -> u32 {
    let audience = convert::audience(audience);
    let job = JwtJob { token, key, key_text, issuer, audience, authorized_parties, clock_skew_in_ms, clock_skew_in_seconds, now_ms };
    verifier.0.push(id, job) as u32
}

/// Results: `ids[i]` is the id of `results[i]`; `own` of them were run by the JS thread
/// itself; `queued` checks still wait for a thread.
#[napi(object)]
pub struct VerifierResults {
    pub ids: Vec<u32>,
    pub results: Vec<Either<String, Failure>>,
    pub own: u32,
    pub queued: u32,
}

/// Two arrays rather than an object each: cheaper to build.
fn to_js(taken: Taken<Outcome>) -> VerifierResults {
    let (ids, results) = taken.results.into_iter().unzip();
    VerifierResults { ids, results, own: taken.own as u32, queued: taken.queued as u32 }
}

/// Every result that waits.
#[napi]
pub fn verifier_take(verifier: &External<Verifier>) -> VerifierResults {
    to_js(verifier.0.take())
}

/// The JS thread's share of the work (`WorkQueue::help`): queued checks it runs itself for up
/// to `budget_ms`, leaving `keep`, with every result the threads have ready.
#[napi]
pub fn verifier_help(verifier: &External<Verifier>, budget_ms: f64, keep: u32) -> VerifierResults {
    let budget = Duration::from_secs_f64(if budget_ms.is_finite() { budget_ms.clamp(0.0, 1000.0) / 1000.0 } else { 0.0 });
    to_js(verifier.0.help(budget, keep as usize))
}
