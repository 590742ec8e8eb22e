//! The one error of the core, [`Error`]: which JS error it becomes ([`ErrorKind`], with that
//! class's fields) and its message. The binding maps it to JS in one place (`src/convert.rs`,
//! `From<Error> for Failure`), and `lib/errors.js` `toError` builds the class. Also the reasons
//! and actions of `TokenVerificationError`, with the reference's strings.

use std::borrow::Cow;
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

/// Which JS error an [`Error`] becomes, with that class's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The reference's `TokenVerificationError`.
    TokenVerification {
        reason: Reason,
        action: Option<Action>,
    },
    /// A `SyntaxError` with the error's message.
    Syntax,
    /// The `SyntaxError` of `JSON.parse(text)`: JS parses `text` again to get its own message.
    Json { text: String },
    /// A `TypeError`.
    Type,
    /// An error named `name`, as WebCrypto's and `atob`'s DOMExceptions print (`DataError`,
    /// `InvalidCharacterError`, `OperationError`, and the `TypeError`/`SyntaxError` of a key
    /// import).
    Dom { name: &'static str },
    /// A plain `Error`.
    Plain,
}

/// Every failure of the core: the JS error it becomes (its class and fields) and its message.
/// It prints as JS prints that error: `name: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Cow<'static, str>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// A `TokenVerificationError` without an action.
    pub fn token(reason: Reason, message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(
            ErrorKind::TokenVerification {
                reason,
                action: None,
            },
            message,
        )
    }

    /// A `TokenVerificationError` with an action.
    pub fn token_with_action(
        reason: Reason,
        action: Action,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::new(
            ErrorKind::TokenVerification {
                reason,
                action: Some(action),
            },
            message,
        )
    }

    pub fn syntax(message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::Syntax, message)
    }

    /// `JSON.parse(text)` failed (`message` is the core's parser's own account of it).
    pub fn json(text: String, message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::Json { text }, message)
    }

    pub fn type_error(message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::Type, message)
    }

    /// The reference's `Error` for a call without a secret key (authenticateRequest, the
    /// Backend API).
    pub fn missing_secret_key() -> Self {
        Error::plain("Missing Clerk Secret Key or API Key. Go to https://dashboard.clerk.com and get your key for your instance.")
    }

    /// The `TypeError` of a `new URL(...)` that refused its input.
    pub fn invalid_url() -> Self {
        Error::type_error("Invalid URL")
    }

    pub fn dom(name: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::Dom { name }, message)
    }

    pub fn plain(message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::Plain, message)
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn into_parts(self) -> (ErrorKind, Cow<'static, str>) {
        (self.kind, self.message)
    }

    /// The reason, for a `TokenVerificationError`.
    pub fn reason(&self) -> Option<Reason> {
        match self.kind {
            ErrorKind::TokenVerification { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The action, for a `TokenVerificationError` that has one.
    pub fn action(&self) -> Option<Action> {
        match self.kind {
            ErrorKind::TokenVerification { action, .. } => action,
            _ => None,
        }
    }

    /// The `name` the JS error has (`TokenVerificationError` for the reference's class).
    pub fn js_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::TokenVerification { .. } => "TokenVerificationError",
            ErrorKind::Syntax | ErrorKind::Json { .. } => "SyntaxError",
            ErrorKind::Type => "TypeError",
            ErrorKind::Dom { name } => name,
            ErrorKind::Plain => "Error",
        }
    }

    /// `getFullMessage()` of a `TokenVerificationError`, given the token carrier (`header`,
    /// `cookie` or none); the message alone for any other error.
    pub fn full_message(&self, token_carrier: Option<&str>) -> String {
        let ErrorKind::TokenVerification { reason, action } = self.kind else {
            return self.message.to_string();
        };
        let mut text = self.message.to_string();
        if let Some(action) = action {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(action.as_str());
        }
        format!(
            "{} (reason={}, token-carrier={})",
            text,
            reason.as_str(),
            token_carrier.unwrap_or("undefined")
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.js_name(), self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_prints_as_the_js_error_it_becomes() {
        let cases = [
            (
                Error::token(Reason::TokenExpired, "JWT is expired."),
                "TokenVerificationError",
            ),
            (Error::syntax("Invalid character !"), "SyntaxError"),
            (Error::json("nope".into(), "expected value"), "SyntaxError"),
            (Error::invalid_url(), "TypeError"),
            (Error::dom("DataError", "Invalid keyData"), "DataError"),
            (Error::missing_secret_key(), "Error"),
        ];
        for (e, name) in cases {
            assert_eq!(e.js_name(), name);
            assert_eq!(e.to_string(), format!("{name}: {}", e.message()));
        }
    }

    #[test]
    fn full_messages_are_the_references() {
        let e = Error::token_with_action(
            Reason::TokenNotActiveYet,
            Action::EnsureClockSync,
            "JWT cannot be used prior to not before date claim (nbf).",
        );
        assert_eq!(
            (e.reason(), e.action()),
            (
                Some(Reason::TokenNotActiveYet),
                Some(Action::EnsureClockSync)
            )
        );
        assert_eq!(
            e.full_message(Some("cookie")),
            "JWT cannot be used prior to not before date claim (nbf). Make sure your system clock is in sync (e.g. turn off and on automatic time synchronization). (reason=token-not-active-yet, token-carrier=cookie)"
        );
        let e = Error::token(Reason::TokenInvalid, "");
        assert_eq!(
            e.full_message(None),
            " (reason=token-invalid, token-carrier=undefined)"
        );
        assert_eq!(Error::syntax("x").full_message(Some("header")), "x");
        assert_eq!(Error::syntax("x").reason(), None);
    }
}
