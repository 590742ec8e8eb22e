//! Verifier threads: verifyJwt checks deferred by the JS thread (see lib/offload.js) run on
//! threads of their own that take jobs from a queue as long as it has any, so a thread never
//! waits for the JS thread between two checks. The JS thread works through the same queue
//! beside them (`verifier_help`). Results collect in a list; the JS thread is woken when results
//! wait and takes everything in it. One set per JS environment (main thread or worker_thread),
//! ended when JS lets go of its handle.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use napi::bindgen_prelude::{Either, External};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Result, Status};
use napi_derive::napi;

use crate::convert::{self, guard, Failure, KeyArg, Text};
use crate::jwt::{verify_job, JwtJob};

/// Results that make a group worth waking the JS thread for while more checks are queued.
const WAKE_EVERY: usize = 8;

type Wake = ThreadsafeFunction<(), (), (), Status, false, true>;

struct Shared {
    jobs: Mutex<VecDeque<(u32, JwtJob)>>,
    job_ready: Condvar,
    /// Threads waiting on `job_ready`; changed and read with `jobs` locked, so a push wakes a
    /// thread (a syscall) only when one sleeps.
    sleeping: AtomicUsize,
    done: Mutex<Vec<(u32, Either<String, Failure>)>>,
    wake: Wake,
    stop: AtomicBool,
    threads: usize,
}

/// The handle JS keeps; dropping it stops the threads.
pub struct Verifier {
    shared: Arc<Shared>,
}

impl Drop for Verifier {
    fn drop(&mut self) {
        // with the queue locked, so that no thread is between its check of `stop` and its wait
        let _jobs = lock(&self.shared.jobs);
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.job_ready.notify_all();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One check, never a panic.
fn run(job: &JwtJob) -> Either<String, Failure> {
    guard(|| verify_job(job)).unwrap_or_else(|e| Either::B(Failure::of("error", e.reason.clone())))
}

fn work(shared: Arc<Shared>) {
    loop {
        let (id, job) = {
            let mut jobs = lock(&shared.jobs);
            loop {
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(next) = jobs.pop_front() {
                    break next;
                }
                shared.sleeping.fetch_add(1, Ordering::Relaxed);
                jobs = shared.job_ready.wait(jobs).unwrap_or_else(|p| p.into_inner());
                shared.sleeping.fetch_sub(1, Ordering::Relaxed);
            }
        };
        let result = run(&job);
        drop(job);
        // Wake the JS thread (a syscall) when the first result waits and no other check is
        // queued, or when WAKE_EVERY results wait: results go back in small groups while there
        // is more to do, and at once when there is not.
        let waiting = {
            let mut done = lock(&shared.done);
            done.push((id, result));
            done.len()
        };
        let more = !lock(&shared.jobs).is_empty();
        if (waiting == 1 && !more) || waiting == WAKE_EVERY || (!more && waiting > 1 && waiting < WAKE_EVERY) {
            shared.wake.call((), ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

/// Starts `threads` verifier threads; `wake` is called (with no arguments) when results wait.
#[napi]
pub fn verifier_start(wake: Wake, threads: u32) -> Result<External<Verifier>> {
    let shared = Arc::new(Shared {
        jobs: Mutex::new(VecDeque::new()),
        job_ready: Condvar::new(),
        sleeping: AtomicUsize::new(0),
        done: Mutex::new(Vec::new()),
        wake,
        stop: AtomicBool::new(false),
        threads: threads.clamp(1, 64) as usize,
    });
    for n in 0..shared.threads {
        let s = shared.clone();
        thread::Builder::new()
            .name(format!("clerk-verify-{n}"))
            .spawn(move || work(s))
            .map_err(|e| napi::Error::new(Status::GenericFailure, format!("cannot start a verifier thread: {e}")))?;
    }
    Ok(External::new(Verifier { shared }))
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
    let shared = &verifier.shared;
    let (waiting, sleeping) = {
        let mut jobs = lock(&shared.jobs);
        jobs.push_back((id, job));
        (jobs.len(), shared.sleeping.load(Ordering::Relaxed))
    };
    if sleeping > 0 {
        shared.job_ready.notify_one();
    }
    waiting as u32
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

fn results(own: Vec<(u32, Either<String, Failure>)>, shared: &Shared) -> VerifierResults {
    let own_count = own.len() as u32;
    let mut all = own;
    all.append(&mut lock(&shared.done));
    let queued = lock(&shared.jobs).len() as u32;
    let (ids, results) = all.into_iter().unzip();
    VerifierResults { ids, results, own: own_count, queued }
}

/// Every result that waits (two arrays rather than an object each: cheaper to build).
#[napi]
pub fn verifier_take(verifier: &External<Verifier>) -> VerifierResults {
    results(Vec::new(), &verifier.shared)
}

/// The JS thread's share of the work: it runs queued checks itself, oldest first, beside the
/// threads, until no more than `keep` wait (left for the threads, so they stay busy while the JS
/// thread hands out results; fewer when few wait, so a small burst is still shared out) or
/// `budget_ms` has passed, and returns their results with every result the threads have ready.
#[napi]
pub fn verifier_help(verifier: &External<Verifier>, budget_ms: f64, keep: u32) -> VerifierResults {
    let shared = &verifier.shared;
    let budget = Duration::from_secs_f64(if budget_ms.is_finite() { budget_ms.clamp(0.0, 1000.0) / 1000.0 } else { 0.0 });
    let started = Instant::now();
    // of a small burst, the JS thread takes its share as one thread among the others
    let queued = lock(&shared.jobs).len();
    let keep = (keep as usize).min(queued * shared.threads / (shared.threads + 1));
    let mut own = Vec::new();
    loop {
        let next = {
            let mut jobs = lock(&shared.jobs);
            if jobs.len() > keep {
                jobs.pop_front()
            } else {
                None
            }
        };
        let Some((id, job)) = next else { break };
        own.push((id, run(&job)));
        if started.elapsed() >= budget {
            break;
        }
    }
    results(own, shared)
}
