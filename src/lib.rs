//! The napi binding: converts JS arguments to `clerk-core` types and results back. No rules
//! live here; failures are returned as plain `Failure` objects that `lib/errors.js` turns into
//! the reference's error classes.

#![deny(clippy::all)]

mod api;
mod convert;
mod jwt;
mod pages;
mod request_state;
mod token;
mod worker;

pub use convert::Failure;
