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

// No global allocator of our own (issue 15): mimalloc was one, and it takes the thread that
// loads the addon for the process's main thread. When that is a worker_thread that ends, the
// next thread to get its stack and TLS block (the next worker) is taken for it too and
// allocates from the dead thread's heap: SIGSEGV while the next worker registers the module.
// The system allocator has no thread that must outlive the addon.
