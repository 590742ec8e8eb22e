//! Conversions shared by the binding functions: keys, failures, and the panic guard.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use clerk_core::jwt::keys::{HandleKind, KeyHandle};
use clerk_core::jwt::{Audience, Issuer, KeyInput, VerifyError, VerifyOptions};
use clerk_core::ErrorKind;
use napi::bindgen_prelude::{
    check_status, sys, Either, External, FromNapiRef, FromNapiValue, Function, ToNapiValue,
    TypeName, ValidateNapiValue, ValueType,
};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// A failure as data. `kind` says which JS error to build: `token` (TokenVerificationError),
/// `syntax` (SyntaxError), `json` (SyntaxError from `JSON.parse(text)`), `type` (TypeError),
/// `dom` (an Error named `name`, as WebCrypto's DOMExceptions print), `error` (Error).
#[napi(object)]
#[derive(Default)]
pub struct Failure {
    pub kind: String,
    pub message: String,
    pub reason: Option<String>,
    pub action: Option<String>,
    pub name: Option<String>,
    pub text: Option<String>,
}

impl Failure {
    fn of(kind: &str, message: String) -> Self {
        Failure {
            kind: kind.into(),
            message,
            ..Default::default()
        }
    }
}

/// The one place a core error becomes the data of the JS error `lib/errors.js` builds.
impl From<clerk_core::Error> for Failure {
    fn from(e: clerk_core::Error) -> Self {
        let (kind, message) = e.into_parts();
        let message = message.into_owned();
        match kind {
            ErrorKind::TokenVerification { reason, action } => Failure {
                reason: Some(reason.as_str().into()),
                action: action.map(|a| a.as_str().into()),
                ..Failure::of("token", message)
            },
            ErrorKind::Syntax => Failure::of("syntax", message),
            ErrorKind::Json { text } => Failure {
                text: Some(text),
                ..Failure::of("json", message)
            },
            ErrorKind::Type => Failure::of("type", message),
            ErrorKind::Dom { name } => Failure {
                name: Some(name.into()),
                ..Failure::of("dom", message)
            },
            // `Plain` (and any kind added later) is a plain Error
            _ => Failure::of("error", message),
        }
    }
}

/// The `issuer` option as JS passes it: a string, or a predicate of the claim's JSON text.
pub type IssuerArg<'f> = Option<Either<String, Function<'f, Option<String>, bool>>>;

/// The claim options of verifyJwt, verifyToken and the verifier queue, as JS passes them: one
/// array `[issuer, audience, authorizedParties, clockSkewInMs, clockSkewInSeconds]`, without
/// the trailing options not given, or null when none is. An array, not an object: reading an
/// element through N-API costs a fraction of reading a named field, and these cross on every
/// call.
pub struct ClaimArgs<'f> {
    pub issuer: IssuerArg<'f>,
    pub audience: Option<Audience>,
    pub authorized_parties: Option<Vec<String>>,
    pub clock_skew_in_ms: Option<f64>,
    pub clock_skew_in_seconds: Option<f64>,
}

impl ClaimArgs<'_> {
    /// No claim option set.
    pub fn none() -> Self {
        ClaimArgs {
            issuer: None,
            audience: None,
            authorized_parties: None,
            clock_skew_in_ms: None,
            clock_skew_in_seconds: None,
        }
    }

    /// The core's verify options (`defer_rsa`: hand an RSA check back instead of running it).
    pub fn options(&self, defer_rsa: bool) -> VerifyOptions<'_, Error> {
        VerifyOptions {
            issuer: issuer(&self.issuer),
            audience: self.audience.as_ref(),
            authorized_parties: self.authorized_parties.as_deref(),
            clock_skew_in_ms: self.clock_skew_in_ms,
            clock_skew_in_seconds: self.clock_skew_in_seconds,
            defer_rsa,
        }
    }
}

impl TypeName for ClaimArgs<'_> {
    fn type_name() -> &'static str {
        "ClaimArgs"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ValidateNapiValue for ClaimArgs<'_> {}

impl FromNapiValue for ClaimArgs<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        // JS leaves out trailing options not given: elements past the end are None
        let mut len = 0u32;
        check_status!(unsafe { sys::napi_get_array_length(env, value, &mut len) })?;
        let element = |index: u32| -> Result<Option<sys::napi_value>> {
            if index >= len {
                return Ok(None);
            }
            let mut out = std::ptr::null_mut();
            check_status!(unsafe { sys::napi_get_element(env, value, index, &mut out) })?;
            Ok(Some(out))
        };
        fn read<T: FromNapiValue>(
            env: sys::napi_env,
            v: Option<sys::napi_value>,
        ) -> Result<Option<T>> {
            match v {
                None => Ok(None),
                Some(v) => unsafe { Option::<T>::from_napi_value(env, v) },
            }
        }
        Ok(ClaimArgs {
            issuer: read(env, element(0)?)?,
            audience: audience(read(env, element(1)?)?),
            authorized_parties: read(env, element(2)?)?,
            clock_skew_in_ms: read(env, element(3)?)?,
            clock_skew_in_seconds: read(env, element(4)?)?,
        })
    }
}

/// The core's view of the issuer option.
pub fn issuer<'a>(arg: &'a IssuerArg<'_>) -> Issuer<'a, Error> {
    match arg {
        None => Issuer::Skip,
        Some(Either::A(s)) => Issuer::Exact(s.as_str()),
        Some(Either::B(f)) => {
            Issuer::Predicate(Box::new(move |iss: Option<&serde_json::Value>| {
                f.call(iss.map(|v| v.to_string()))
            }))
        }
    }
}

/// The `audience` option: a string, or a list whose empty entries are dropped.
pub fn audience(value: Option<Either<String, Vec<Option<String>>>>) -> Option<Audience> {
    value.map(|a| match a {
        Either::A(one) => Audience::One(one),
        Either::B(many) => Audience::Many(many.into_iter().flatten().collect()),
    })
}

/// A verification failure as data; a throwing issuer predicate stays a JS exception.
pub fn verify_failure(e: VerifyError<Error>) -> Result<Failure> {
    Ok(match e {
        VerifyError::Callback(e) => return Err(e),
        VerifyError::Failed(e) => e.into(),
        // callers that defer take the check before this; run it should one come here
        VerifyError::RsaDeferred(check) => match check.run() {
            Ok(_) => {
                clerk_core::Error::plain("clerk-backend-native: a deferred check was not collected")
                    .into()
            }
            Err(e) => e.into(),
        },
    })
}

/// A key as `lib/keys.js` passes it: its kind (`pem`, `jwk`, or the JS `typeof`) and text.
pub fn key_input<'a>(kind: &'a str, text: Option<&'a str>) -> KeyInput<'a> {
    match (kind, text) {
        ("pem", Some(t)) => KeyInput::Pem(t),
        ("jwk", Some(t)) => KeyInput::Jwk(t),
        (other, _) => KeyInput::Other(other),
    }
}

/// The first key argument of the verify functions: a handle from `keyHandle`, or a key kind
/// (with the text in the next argument) as `key_input` takes it.
pub enum KeyArg {
    Handle(Arc<KeyHandle>),
    Kind(String),
}

impl KeyArg {
    pub fn input<'a>(&'a self, text: Option<&'a str>) -> KeyInput<'a> {
        match self {
            KeyArg::Handle(h) => KeyInput::Handle(h),
            KeyArg::Kind(kind) => key_input(kind, text),
        }
    }
}

impl TypeName for KeyArg {
    fn type_name() -> &'static str {
        "ExternalObject<KeyHandle> | string"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl FromNapiValue for KeyArg {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut kind = 0;
        check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
        if kind == sys::ValueType::napi_external {
            let handle: &External<Arc<KeyHandle>> = unsafe { External::from_napi_ref(env, value)? };
            Ok(KeyArg::Handle(Arc::clone(handle)))
        } else {
            Ok(KeyArg::Kind(unsafe {
                String::from_napi_value(env, value)?
            }))
        }
    }
}

/// A string argument that is nearly always ASCII (a token): copied as UTF-16 code units, which
/// skips the UTF-8 length pass, then narrowed when every unit is ASCII, and read again as UTF-8
/// otherwise. (A Latin-1 copy would be cheaper but truncates units, so it cannot tell.)
pub struct Text(pub String);

impl TypeName for Text {
    fn type_name() -> &'static str {
        "string"
    }
    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl FromNapiValue for Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut len = 0usize;
        check_status!(unsafe {
            sys::napi_get_value_string_utf16(env, value, std::ptr::null_mut(), 0, &mut len)
        })?;
        let mut units: Vec<u16> = Vec::with_capacity(len + 1);
        let mut written = 0usize;
        check_status!(unsafe {
            sys::napi_get_value_string_utf16(env, value, units.as_mut_ptr(), len + 1, &mut written)
        })?;
        // SAFETY: napi wrote `written` units into the buffer
        unsafe { units.set_len(written.min(len)) };
        // one branch-free pass (vectorized), not an early-exit scan
        if units.iter().fold(0u16, |seen, &u| seen | u) < 0x80 {
            let bytes: Vec<u8> = units.iter().map(|&u| u as u8).collect();
            // SAFETY: every byte is ASCII, hence UTF-8
            Ok(Text(unsafe { String::from_utf8_unchecked(bytes) }))
        } else {
            Ok(Text(String::from_utf16_lossy(&units)))
        }
    }
}

/// A string for JS that is usually ASCII (a token, a payload's JSON text): made as a Latin-1
/// string when it is ASCII, which V8 copies without decoding UTF-8.
pub struct OutText(pub String);

impl TypeName for OutText {
    fn type_name() -> &'static str {
        "string"
    }
    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ToNapiValue for OutText {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        let text = val.0;
        if !text.is_ascii() {
            return unsafe { String::to_napi_value(env, text) };
        }
        let mut out = std::ptr::null_mut();
        check_status!(unsafe {
            sys::napi_create_string_latin1(env, text.as_ptr().cast(), text.len() as isize, &mut out)
        })?;
        Ok(out)
    }
}

/// Registers a key text once (`kind` is `pem`, `jwk` or `local`); the JS layer keeps the handle.
#[napi]
pub fn key_handle(kind: String, text: String) -> External<Arc<KeyHandle>> {
    let kind = match kind.as_str() {
        "jwk" => HandleKind::Jwk,
        "local" => HandleKind::Local,
        _ => HandleKind::Pem,
    };
    External::new(Arc::new(KeyHandle::new(kind, &text)))
}

/// Runs a binding body so that a panic becomes a JS exception instead of ending the process.
pub fn guard<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Error::new(
                Status::GenericFailure,
                format!("clerk-backend-native internal error: {detail}"),
            ))
        }
    }
}
