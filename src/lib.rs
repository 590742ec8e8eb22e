//! The napi binding: converts JS arguments to `clerk-core` types and results back. No rules
//! live here; failures are returned as plain `Failure` objects that `lib/errors.js` turns into
//! the reference's error classes.

mod api;
mod convert;
mod jwt;
mod pages;
mod pending;
mod request_state;
mod token;
mod verifier;

pub use convert::Failure;

// jemalloc where it is built (x86_64, not MSVC: Cargo.toml). Checks move between the JS thread
// and the verifier threads, and so does their memory; glibc's free of another thread's chunk
// takes that arena's lock, jemalloc's does not (64 in flight: 1.62x against 1.32x, bench/NOTES.md).
// `disable_initial_exec_tls`: the addon is loaded with dlopen, possibly first by a
// worker_thread that later ends. mimalloc was used before and crashed the next worker to load
// the addon in that case (issue 15); jemalloc passes the same tests (__test__/workers.test.js).
#[cfg(all(target_arch = "x86_64", not(target_env = "msvc")))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
