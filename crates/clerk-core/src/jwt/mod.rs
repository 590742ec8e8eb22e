//! JWT primitives of the reference: decode, claim checks, key import, verify and sign.

pub mod algorithm;
pub mod base64url;
pub mod claims;
pub mod decode;
pub mod keys;
pub mod seen;
pub mod sign;
pub mod verify;

pub use algorithm::Algorithm;
pub use decode::{decode, DecodedJwt};
pub use keys::KeyInput;
pub use sign::sign;
pub use verify::{
    decode_shared, has_valid_signature, verify, verify_decoded, Audience, DeferredCheck, Issuer,
    VerifyError, VerifyOptions,
};
