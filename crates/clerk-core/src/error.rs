//! The failure reasons and actions of `TokenVerificationError`, with the reference's strings.

use std::fmt;

/// `TokenVerificationErrorReason` of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    TokenExpired,
    TokenInvalid,
    TokenInvalidAlgorithm,
    TokenInvalidAuthorizedParties,
    TokenInvalidIssuer,
    TokenInvalidSignature,
    TokenNotActiveYet,
    TokenVerificationFailed,
    InvalidSecretKey,
    LocalJwkMissing,
    RemoteJwkFailedToLoad,
    RemoteJwkInvalid,
    RemoteJwkMissing,
    JwkFailedToResolve,
    RemoteInterstitialFailedToLoad,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::TokenExpired => "token-expired",
            Reason::TokenInvalid => "token-invalid",
            Reason::TokenInvalidAlgorithm => "token-invalid-algorithm",
            Reason::TokenInvalidAuthorizedParties => "token-invalid-authorized-parties",
            Reason::TokenInvalidIssuer => "token-invalid-issuer",
            Reason::TokenInvalidSignature => "token-invalid-signature",
            Reason::TokenNotActiveYet => "token-not-active-yet",
            Reason::TokenVerificationFailed => "token-verification-failed",
            Reason::InvalidSecretKey => "secret-key-invalid",
            Reason::LocalJwkMissing => "jwk-local-missing",
            Reason::RemoteJwkFailedToLoad => "jwk-remote-failed-to-load",
            Reason::RemoteJwkInvalid => "jwk-remote-invalid",
            Reason::RemoteJwkMissing => "jwk-remote-missing",
            Reason::JwkFailedToResolve => "jwk-failed-to-resolve",
            Reason::RemoteInterstitialFailedToLoad => "interstitial-remote-failed-to-load",
        }
    }
}

/// `TokenVerificationErrorAction` of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ContactSupport,
    EnsureClerkJwt,
    SetClerkJwtKey,
    SetClerkSecretKeyOrApiKey,
    EnsureClockSync,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ContactSupport => "Contact support@clerk.com",
            Action::EnsureClerkJwt => "Make sure that this is a valid Clerk generate JWT.",
            Action::SetClerkJwtKey => "Set the CLERK_JWT_KEY environment variable.",
            Action::SetClerkSecretKeyOrApiKey => {
                "Set the CLERK_SECRET_KEY or CLERK_API_KEY environment variable."
            }
            Action::EnsureClockSync => {
                "Make sure your system clock is in sync (e.g. turn off and on automatic time synchronization)."
            }
        }
    }
}

/// The reference's `TokenVerificationError`: a reason, a message and an optional action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenVerificationError {
    pub reason: Reason,
    pub message: String,
    pub action: Option<Action>,
}

impl TokenVerificationError {
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
        TokenVerificationError {
            reason,
            message: message.into(),
            action: None,
        }
    }

    pub fn with_action(reason: Reason, action: Action, message: impl Into<String>) -> Self {
        TokenVerificationError {
            reason,
            message: message.into(),
            action: Some(action),
        }
    }

    /// `getFullMessage()` of the reference, given the token carrier (`header`, `cookie` or none).
    pub fn full_message(&self, token_carrier: Option<&str>) -> String {
        let mut text = self.message.clone();
        if let Some(action) = self.action {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(action.as_str());
        }
        format!(
            "{} (reason={}, token-carrier={})",
            text,
            self.reason.as_str(),
            token_carrier.unwrap_or("undefined")
        )
    }
}

impl fmt::Display for TokenVerificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TokenVerificationError {}
