//! The three algorithms the reference accepts, and its messages for the others.

use aws_lc_rs::signature::{self, RsaEncoding, RsaParameters};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    RS256,
    RS384,
    RS512,
}

/// The list the reference prints in its messages (`algs` joined by commas).
pub const SUPPORTED: &str = "RS256,RS384,RS512";

impl Algorithm {
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "RS256" => Some(Algorithm::RS256),
            "RS384" => Some(Algorithm::RS384),
            "RS512" => Some(Algorithm::RS512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
        }
    }

    /// The error `getCryptoAlgorithm` throws for a name it does not know.
    pub fn unsupported_message(name: &str) -> String {
        format!("Unsupported algorithm {name}, expected one of {SUPPORTED}.")
    }

    /// RSASSA-PKCS1-v1_5 verification parameters. WebCrypto takes RSA keys of 1024 bits and
    /// more, so the legacy ranges are used where aws-lc has them.
    pub(crate) fn verification(self) -> &'static RsaParameters {
        match self {
            Algorithm::RS256 => &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            Algorithm::RS384 => &signature::RSA_PKCS1_2048_8192_SHA384,
            Algorithm::RS512 => &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        }
    }

    pub(crate) fn signing(self) -> &'static dyn RsaEncoding {
        match self {
            Algorithm::RS256 => &signature::RSA_PKCS1_SHA256,
            Algorithm::RS384 => &signature::RSA_PKCS1_SHA384,
            Algorithm::RS512 => &signature::RSA_PKCS1_SHA512,
        }
    }
}
