//! Who a request belongs to: the inputs read from options, headers and cookies (`inputs`),
//! the origin checks (`origin`), and the reference's rules in their order (`rules`).

pub mod inputs;
pub mod origin;
pub mod rules;
pub mod run;

pub use inputs::{RawInputs, Resolved};
pub use rules::{Decision, Status, Verdict};
