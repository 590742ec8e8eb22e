//! The Backend API client: the 63 endpoints (`endpoints`), how a call's arguments become a
//! request (`request`: paths, snake_cased query and body), and the transport with its
//! outcomes (`client`: headers, timeouts, ClerkAPIResponseError fields).

pub mod case;
pub mod client;
pub mod endpoints;
pub mod request;

pub use client::{ApiClient, ApiOptions, Outcome};
pub use endpoints::{endpoint, Endpoint, ENDPOINTS};
pub use request::{build, missing_id, FilePart, FormPart, RequestSpec};
