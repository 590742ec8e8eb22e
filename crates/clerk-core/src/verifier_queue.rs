//! A queue of checks shared by the verifier threads and the caller's own thread (the JS thread).
//!
//! Threads take jobs as long as the queue has any, so they never wait for the caller between
//! two jobs; the caller works through the same queue when it has time (`help`), leaving a few
//! jobs for the threads so they stay busy while it hands out results. Results collect in one
//! list; `wake` is called when the caller should come and take them: when the first result
//! waits and nothing else is queued, or when `WAKE_EVERY` wait (small groups while there is
//! more to do, at once when there is not). The binding supplies `run` (one check) and `wake`
//! (a thread-safe call into JS); nothing here knows about JS.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// Results that make a group worth waking the caller for while more jobs are queued.
pub const WAKE_EVERY: usize = 8;

type Run<J, R> = Box<dyn Fn(J) -> R + Send + Sync>;
type Wake = Box<dyn Fn() + Send + Sync>;

struct Shared<J, R> {
    jobs: Mutex<VecDeque<(u32, J)>>,
    job_ready: Condvar,
    /// Threads waiting on `job_ready`; changed and read with `jobs` locked, so a push wakes a
    /// thread (a system call) only when one sleeps.
    sleeping: AtomicUsize,
    done: Mutex<Vec<(u32, R)>>,
    stop: AtomicBool,
    threads: usize,
    run: Run<J, R>,
    /// Taken out by `stop`, so that what it holds (a thread-safe function of a JS
    /// environment) is let go of on the stopping thread; threads call it with this locked, so
    /// once `stop` has it none is calling it.
    wake: Mutex<Option<Wake>>,
}

/// Results handed back: `results` in the order the jobs ended, the first `own` of them run by
/// the caller itself; `queued` jobs still wait.
pub struct Taken<R> {
    pub results: Vec<(u32, R)>,
    pub own: usize,
    pub queued: usize,
}

/// The queue and its threads; dropping it stops them.
pub struct VerifierQueue<J, R> {
    shared: Arc<Shared<J, R>>,
}

/// Stops a queue's threads from elsewhere (an environment's cleanup hook) while the queue
/// itself may still be held: see `VerifierQueue::stop_handle`.
pub struct StopHandle<J, R> {
    shared: Arc<Shared<J, R>>,
}

impl<J, R> StopHandle<J, R> {
    /// Stops the threads (each ends after the job it is running, if any), drops every queued
    /// job and waiting result, and drops `wake` on this thread; when this returns no thread is
    /// calling `wake`, and none will. Later pushes are dropped unrun. Idempotent.
    pub fn stop(&self) {
        stop(&self.shared);
        let jobs = std::mem::take(&mut *lock(&self.shared.jobs));
        let done = std::mem::take(&mut *lock(&self.shared.done));
        let wake = lock(&self.shared.wake).take();
        drop((jobs, done, wake));
    }
}

/// Sets `stop` with the queue locked, so that no thread is between its check of `stop` and
/// its wait, and wakes them all.
fn stop<J, R>(shared: &Shared<J, R>) {
    let _jobs = lock(&shared.jobs);
    shared.stop.store(true, Ordering::SeqCst);
    shared.job_ready.notify_all();
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl<J: Send + 'static, R: Send + 'static> VerifierQueue<J, R> {
    /// Starts `threads` threads (1 to 64) named `{name}-{n}`.
    pub fn start(
        threads: usize,
        name: &str,
        run: impl Fn(J) -> R + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            jobs: Mutex::new(VecDeque::new()),
            job_ready: Condvar::new(),
            sleeping: AtomicUsize::new(0),
            done: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            threads: threads.clamp(1, 64),
            run: Box::new(run),
            wake: Mutex::new(Some(Box::new(wake))),
        });
        let queue = VerifierQueue { shared };
        for n in 0..queue.shared.threads {
            let s = queue.shared.clone();
            // on an error here, dropping `queue` stops the threads already started
            thread::Builder::new()
                .name(format!("{name}-{n}"))
                .spawn(move || work(s))?;
        }
        Ok(queue)
    }

    /// A handle that stops the threads (see `StopHandle::stop`).
    pub fn stop_handle(&self) -> StopHandle<J, R> {
        StopHandle {
            shared: self.shared.clone(),
        }
    }

    /// Queues a job; returns how many wait in the queue now (0 once stopped: the job is
    /// dropped unrun).
    pub fn push(&self, id: u32, job: J) -> usize {
        let shared = &self.shared;
        let (waiting, sleeping) = {
            let mut jobs = lock(&shared.jobs);
            if shared.stop.load(Ordering::SeqCst) {
                return 0;
            }
            jobs.push_back((id, job));
            (jobs.len(), shared.sleeping.load(Ordering::Relaxed))
        };
        if sleeping > 0 {
            shared.job_ready.notify_one();
        }
        waiting
    }

    /// Every result that waits.
    pub fn take(&self) -> Taken<R> {
        self.taken(Vec::new())
    }

    /// The caller's share of the work: it runs queued jobs itself, oldest first, beside the
    /// threads, until no more than `keep` wait or `budget` has passed (at least one job, if more
    /// than `keep` wait), and gets their results with every result the threads have ready. Of a
    /// small burst it keeps fewer: its share as one more thread.
    pub fn help(&self, budget: Duration, keep: usize) -> Taken<R> {
        let shared = &self.shared;
        let started = Instant::now();
        let queued = lock(&shared.jobs).len();
        let keep = keep.min(queued * shared.threads / (shared.threads + 1));
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
            own.push((id, (shared.run)(job)));
            if started.elapsed() >= budget {
                break;
            }
        }
        self.taken(own)
    }

    fn taken(&self, own: Vec<(u32, R)>) -> Taken<R> {
        let own_count = own.len();
        let mut results = own;
        results.append(&mut lock(&self.shared.done));
        let queued = lock(&self.shared.jobs).len();
        Taken {
            results,
            own: own_count,
            queued,
        }
    }
}

impl<J, R> Drop for VerifierQueue<J, R> {
    fn drop(&mut self) {
        stop(&self.shared);
    }
}

fn work<J, R>(shared: Arc<Shared<J, R>>) {
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
                jobs = shared
                    .job_ready
                    .wait(jobs)
                    .unwrap_or_else(|p| p.into_inner());
                shared.sleeping.fetch_sub(1, Ordering::Relaxed);
            }
        };
        let result = (shared.run)(job);
        let waiting = {
            let mut done = lock(&shared.done);
            done.push((id, result));
            done.len()
        };
        let more = !lock(&shared.jobs).is_empty();
        if (!more && waiting < WAKE_EVERY) || waiting == WAKE_EVERY {
            if let Some(wake) = lock(&shared.wake).as_ref() {
                wake();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::RwLock;

    /// A queue whose threads hold each job until `gate` opens (the caller's thread never
    /// waits), squaring numbers.
    fn gated(threads: usize) -> (VerifierQueue<u32, u32>, Arc<RwLock<()>>, Arc<AtomicUsize>) {
        let gate = Arc::new(RwLock::new(()));
        let wakes = Arc::new(AtomicUsize::new(0));
        let g = gate.clone();
        let w = wakes.clone();
        let run = move |n: u32| {
            if thread::current()
                .name()
                .is_some_and(|t| t.starts_with("test-queue"))
            {
                drop(g.read().unwrap_or_else(|p| p.into_inner()));
            }
            n * n
        };
        let q = VerifierQueue::start(threads, "test-queue", run, move || {
            w.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap_or_else(|e| panic!("threads: {e}"));
        (q, gate, wakes)
    }

    fn wait_for(
        q: &VerifierQueue<u32, u32>,
        mut got: Vec<(u32, u32)>,
        n: usize,
    ) -> Vec<(u32, u32)> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while got.len() < n && Instant::now() < deadline {
            got.extend(q.take().results);
            thread::sleep(Duration::from_millis(1));
        }
        got.sort();
        got
    }

    /// Pushes job 0 and waits until a thread has taken it (and blocks on the gate).
    fn occupy(q: &VerifierQueue<u32, u32>) {
        q.push(0, 0);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !lock(&q.shared.jobs).is_empty() && Instant::now() < deadline {
            thread::yield_now();
        }
    }

    #[test]
    fn the_caller_leaves_keep_jobs_for_the_threads_and_every_result_comes_back_once() {
        let (q, gate, wakes) = gated(1);
        let closed = gate.write().unwrap_or_else(|p| p.into_inner());
        occupy(&q);
        for i in 1..=20 {
            assert_eq!(q.push(i, i), i as usize);
        }
        let taken = q.help(Duration::from_secs(5), 8);
        assert_eq!(taken.own, 12, "20 queued, 8 kept");
        assert_eq!(taken.queued, 8);
        assert_eq!(
            taken.results.iter().map(|r| r.0).collect::<Vec<_>>(),
            (1..=12).collect::<Vec<_>>()
        );
        assert!(taken.results.iter().all(|&(i, sq)| sq == i * i));
        drop(closed);
        let all = wait_for(&q, taken.results, 21);
        assert_eq!(all, (0..=20).map(|i| (i, i * i)).collect::<Vec<_>>());
        assert!(
            wakes.load(Ordering::SeqCst) >= 1,
            "the caller was woken for the threads' results"
        );
        assert_eq!(q.take().results.len(), 0);
    }

    #[test]
    fn of_a_small_burst_the_caller_takes_its_share_and_a_zero_budget_runs_one_job() {
        let (q, gate, _) = gated(1);
        let closed = gate.write().unwrap_or_else(|p| p.into_inner());
        occupy(&q);
        for i in 1..=4 {
            q.push(i, i);
        }
        // 4 queued, one thread: the caller keeps 2 of them for it, not 8
        let taken = q.help(Duration::from_secs(5), 8);
        assert_eq!((taken.own, taken.queued), (2, 2));
        for i in 5..=20 {
            q.push(i, i);
        }
        let one = q.help(Duration::ZERO, 8);
        assert_eq!((one.own, one.queued), (1, 17));
        drop(closed);
        let got = wait_for(&q, [taken.results, one.results].concat(), 21);
        assert_eq!(got.len(), 21);
    }

    #[test]
    fn dropping_the_queue_stops_its_threads() {
        let (q, _gate, _) = gated(2);
        for i in 0..50 {
            q.push(i, i);
        }
        let shared = Arc::downgrade(&q.shared);
        drop(q);
        let deadline = Instant::now() + Duration::from_secs(10);
        while shared.upgrade().is_some() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
        assert!(
            shared.upgrade().is_none(),
            "every thread let go of the queue"
        );
    }

    #[test]
    fn a_stop_handle_stops_the_threads_drops_the_work_and_lets_go_of_wake() {
        let (q, gate, wakes) = gated(2);
        let closed = gate.write().unwrap_or_else(|p| p.into_inner());
        occupy(&q);
        for i in 1..=50 {
            q.push(i, i);
        }
        let handle = q.stop_handle();
        let shared = Arc::downgrade(&q.shared);
        // the threads hold their jobs until the gate opens: stop must not wait for them
        handle.stop();
        handle.stop();
        assert!(lock(&q.shared.wake).is_none(), "wake was let go of");
        assert_eq!(q.push(51, 51), 0, "a push after the stop is dropped");
        assert_eq!(q.take().queued, 0);
        let before = wakes.load(Ordering::SeqCst);
        drop(closed);
        drop(q);
        drop(handle);
        let deadline = Instant::now() + Duration::from_secs(10);
        while shared.upgrade().is_some() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
        assert!(shared.upgrade().is_none(), "every thread ended");
        assert_eq!(
            wakes.load(Ordering::SeqCst),
            before,
            "no wake after the stop"
        );
    }
}
