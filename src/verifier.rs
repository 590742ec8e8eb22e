//! Verifier threads: RSA checks deferred by the JS thread (see lib/verifier.js): verifyJwt calls
//! and the pending steps of authenticateRequest and verifyToken (src/pending.rs), go to a
//! `clerk_core::verifier_queue::VerifierQueue` whose threads run them, and which the JS thread works
//! through beside them (`verifier_help`). This file only converts: JS arguments to a `Job`,
//! the thread-safe function that wakes JS, and results back to JS arrays. One queue per JS
//! environment (main thread or worker_thread), stopped when JS lets go of its handle or, at the
//! latest, by a cleanup hook when its environment ends (a worker_thread that exits or is
//! terminated): its threads end, its queued checks are dropped, and its wake-up function is
//! released on the JS thread while the environment still exists, so nothing outlives the
//! environment holding anything of it (issue 15).

use std::time::Duration;

use clerk_core::verifier_queue::{Taken, VerifierQueue};
use napi::bindgen_prelude::{Either, Either3, External};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Error, Result, Status};
use napi_derive::napi;

use crate::convert::{guard, ClaimArgs, KeyArg, Text};
use crate::jwt::{verify_job, JwtJob};
use crate::pending::{Finished, Pending, PendingWork};

type Wake = ThreadsafeFunction<(), (), (), Status, false, true>;

/// A check for the threads: a verifyJwt call, or the RSA check of a pending
/// authenticateRequest or verifyToken step.
pub enum Job {
    Jwt(JwtJob),
    Pending(PendingWork),
}

/// The handle JS keeps; dropping it stops the threads.
pub struct Verifier(VerifierQueue<Job, Finished>);

/// One check, never a panic.
fn run(job: Job) -> Finished {
    let failed = |message: String| Either3::B(clerk_core::Error::plain(message).into());
    guard(|| {
        Ok(match job {
            Job::Jwt(job) => match verify_job(&job)? {
                Either::A(payload) => Either3::A(payload),
                Either::B(failure) => Either3::B(failure),
            },
            Job::Pending(work) => match work.run_now() {
                Ok(done) => done,
                Err(_) => failed("clerk-backend-native: a key fetch was queued as a check".into()),
            },
        })
    })
    .unwrap_or_else(|e| failed(e.reason.clone()))
}

/// Starts `threads` verifier threads; `wake` is called (with no arguments) when results wait.
/// They stop when the environment ends, if JS has not let go of the handle before.
#[napi]
pub fn verifier_start(env: &Env, wake: Wake, threads: u32) -> Result<External<Verifier>> {
    let wake_js = move || {
        wake.call((), ThreadsafeFunctionCallMode::NonBlocking);
    };
    let queue =
        VerifierQueue::start(threads as usize, "clerk-verify", run, wake_js).map_err(|e| {
            napi::Error::new(
                Status::GenericFailure,
                format!("cannot start a verifier thread: {e}"),
            )
        })?;
    // Node runs cleanup hooks on the JS thread before it tears the environment down, last
    // added first, so this runs before the environment's thread-safe functions close and its
    // externals are finalized; a panic must not unwind into Node from here
    env.add_env_cleanup_hook(queue.stop_handle(), |handle| {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle.stop()));
    })?;
    Ok(External::new(Verifier(queue)))
}

/// Queues one check (the fields of a `JwtJob`, passed one by one: reading them from an object
/// costs more than the rest of the call); returns how many wait in the queue now.
#[napi]
pub fn verifier_push(
    verifier: &External<Verifier>,
    id: u32,
    token: Text,
    key: KeyArg,
    key_text: Option<String>,
    #[napi(
        ts_arg_type = "[issuer?: string | ((issJson?: string | undefined | null) => boolean) | null, audience?: string | Array<string | undefined | null> | null, authorizedParties?: Array<string> | null, clockSkewInMs?: number | null, clockSkewInSeconds?: number | null] | undefined | null"
    )]
    claims: Option<ClaimArgs<'_>>,
    now_ms: f64,
) -> Result<u32> {
    let claims = claims.unwrap_or_else(ClaimArgs::none);
    let issuer =
        match claims.issuer {
            None => None,
            Some(Either::A(issuer)) => Some(issuer),
            // a JS predicate can only run on the JS thread; lib/ never queues one
            Some(Either::B(_)) => return Err(Error::from_reason(
                "clerk-backend-native: an issuer predicate cannot be checked on a verifier thread",
            )),
        };
    let job = JwtJob {
        token,
        key,
        key_text,
        issuer,
        audience: claims.audience,
        authorized_parties: claims.authorized_parties,
        clock_skew_in_ms: claims.clock_skew_in_ms,
        clock_skew_in_seconds: claims.clock_skew_in_seconds,
        now_ms,
    };
    Ok(verifier.0.push(id, Job::Jwt(job)) as u32)
}

/// Queues the RSA check of a pending step (`next` was `check-signature`); returns how many
/// wait in the queue now.
#[napi]
pub fn verifier_push_pending(
    verifier: &External<Verifier>,
    id: u32,
    pending: &mut External<Pending>,
) -> Result<u32> {
    let work = pending.take()?;
    Ok(verifier.0.push(id, Job::Pending(work)) as u32)
}

/// Results: `ids[i]` is the id of `results[i]`; `own` of them were run by the JS thread
/// itself; `queued` checks still wait for a thread.
#[napi(object, object_from_js = false)]
pub struct VerifierResults {
    pub ids: Vec<u32>,
    #[napi(ts_type = "Array<string | Failure | AuthDecision>")]
    pub results: Vec<Finished>,
    pub own: u32,
    pub queued: u32,
}

/// Two arrays rather than an object each: cheaper to build.
fn to_js(taken: Taken<Finished>) -> VerifierResults {
    let (ids, results) = taken.results.into_iter().unzip();
    VerifierResults {
        ids,
        results,
        own: taken.own as u32,
        queued: taken.queued as u32,
    }
}

/// Every result that waits.
#[napi]
pub fn verifier_take(verifier: &External<Verifier>) -> VerifierResults {
    to_js(verifier.0.take())
}

/// The JS thread's share of the work (`VerifierQueue::help`): queued checks it runs itself for up
/// to `budget_ms`, leaving `keep`, with every result the threads have ready.
#[napi]
pub fn verifier_help(verifier: &External<Verifier>, budget_ms: f64, keep: u32) -> VerifierResults {
    let budget = Duration::from_secs_f64(if budget_ms.is_finite() {
        budget_ms.clamp(0.0, 1000.0) / 1000.0
    } else {
        0.0
    });
    to_js(verifier.0.help(budget, keep as usize))
}
