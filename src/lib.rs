//! The napi binding: converts JS arguments to `clerk-core` types and results back. No rules
//! live here; failures are returned as plain `Failure` objects that `lib/errors.js` turns into
//! the reference's error classes.

#![deny(clippy::all)]

mod api;
mod convert;
mod jwt;
mod pages;
mod pending;
mod request_state;
mod token;
mod worker;

pub use convert::Failure;

// mimalloc: checks move between the JS thread and the verifier threads, and so does their
// memory (the token copied on one thread is freed on the other); glibc's malloc takes the other
// thread's arena lock for such a free, mimalloc does not.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
