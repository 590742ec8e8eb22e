//! The reference's claim assertions, one function each, with its reasons and messages.
//! Values are JSON values as `JSON.parse` gives them; `None` is JS `undefined`.

use serde_json::Value;

use super::algorithm::{Algorithm, SUPPORTED};
use crate::error::{Action, Error, Reason};
use crate::js;

type Check = Result<(), Error>;

fn ensure_clerk_jwt(message: String) -> Error {
    Error::token_with_action(
        Reason::TokenVerificationFailed,
        Action::EnsureClerkJwt,
        message,
    )
}

/// JS truthiness of a JSON value.
pub fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64().map(|f| f != 0.0 && !f.is_nan()).unwrap_or(true),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// `typ`, when present, must be `"JWT"`.
pub fn header_type(typ: Option<&Value>) -> Check {
    match typ {
        None => Ok(()),
        Some(Value::String(s)) if s == "JWT" => Ok(()),
        Some(v) => Err(Error::token_with_action(
            Reason::TokenInvalid,
            Action::EnsureClerkJwt,
            format!("Invalid JWT type {}. Expected \"JWT\".", js::stringify(v)),
        )),
    }
}

/// `alg` must be one of RS256, RS384, RS512.
pub fn header_algorithm(alg: Option<&Value>) -> Result<Algorithm, Error> {
    if let Some(Value::String(name)) = alg {
        if let Some(a) = Algorithm::from_name(name) {
            return Ok(a);
        }
    }
    Err(Error::token_with_action(
        Reason::TokenInvalidAlgorithm,
        Action::EnsureClerkJwt,
        format!(
            "Invalid JWT algorithm {}. Supported: {SUPPORTED}.",
            js::stringify_opt(alg)
        ),
    ))
}

/// `sub` is required and must be a string.
pub fn subject(sub: Option<&Value>) -> Check {
    match sub {
        Some(Value::String(_)) => Ok(()),
        other => Err(ensure_clerk_jwt(format!(
            "Subject claim (sub) is required and must be a string. Received {}.",
            js::stringify_opt(other)
        ))),
    }
}

/// The `audience` option: one value or a list.
#[derive(Debug, Clone, PartialEq)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    /// The non-empty audiences, as the reference filters them.
    fn list(&self) -> Vec<&str> {
        match self {
            Audience::One(s) => vec![s.as_str()],
            Audience::Many(v) => v.iter().map(String::as_str).collect(),
        }
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
    }
}

/// `aud` must name one of the expected audiences, when both are given.
///
/// Differs from the reference on purpose: the reference wraps both sides in one more array
/// than it flattens, so an `audience` list never matched a token and an `aud` list in a token
/// was never checked. Here a string `aud` must be in the list and an `aud` list must share an
/// entry with it; the messages keep the reference's wording.
pub fn audience(aud: Option<&Value>, expected: Option<&Audience>) -> Check {
    let Some(expected) = expected else {
        return Ok(());
    };
    let list = expected.list();
    if list.is_empty() || !truthy(aud) {
        return Ok(());
    }
    let claims: Vec<&str> = match aud {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) if !items.is_empty() && items.iter().all(Value::is_string) => {
            items.iter().filter_map(Value::as_str).collect()
        }
        _ => return Ok(()),
    };
    // empty entries are dropped first, as the reference filters both sides: a claim of only
    // empty strings is not checked
    let named: Vec<&str> = claims.iter().copied().filter(|c| !c.is_empty()).collect();
    if named.is_empty() || named.iter().any(|c| list.contains(c)) {
        return Ok(());
    }
    let shown_claims = js::stringify(&Value::from(
        claims.iter().map(|c| Value::from(*c)).collect::<Vec<_>>(),
    ));
    let shown_list = js::stringify(&Value::from(
        list.iter().map(|c| Value::from(*c)).collect::<Vec<_>>(),
    ));
    Err(ensure_clerk_jwt(format!(
        "Invalid JWT audience claim array (aud) {shown_claims}. Is not included in \"{shown_list}\"."
    )))
}

/// `azp`, when truthy and a list of parties is given, must be one of them.
pub fn authorized_parties(azp: Option<&Value>, parties: Option<&[String]>) -> Check {
    let Some(parties) = parties else {
        return Ok(());
    };
    if !truthy(azp) || parties.is_empty() {
        return Ok(());
    }
    if let Some(Value::String(s)) = azp {
        if parties.iter().any(|p| p == s) {
            return Ok(());
        }
    }
    Err(Error::token(
        Reason::TokenInvalidAuthorizedParties,
        format!(
            "Invalid JWT Authorized party claim (azp) {}. Expected \"{}\".",
            js::stringify_opt(azp),
            parties.join(",")
        ),
    ))
}

/// `iss`, when truthy, must equal the expected issuer string.
pub fn issuer_equals(iss: Option<&Value>, issuer: &str) -> Check {
    if !truthy(iss) || matches!(iss, Some(Value::String(s)) if s == issuer) {
        return Ok(());
    }
    Err(Error::token(
        Reason::TokenInvalidIssuer,
        format!(
            "Invalid JWT issuer claim (iss) {}. Expected \"{issuer}\".",
            js::stringify_opt(iss)
        ),
    ))
}

/// The failure of an issuer predicate that returned a falsy value.
pub fn issuer_rejected() -> Error {
    Error::token(
        Reason::TokenInvalidIssuer,
        "Failed JWT issuer resolver. Make sure that the resolver returns a truthy value.",
    )
}

fn number(value: Option<&Value>) -> Option<f64> {
    match value {
        Some(Value::Number(n)) => n.as_f64(),
        _ => None,
    }
}

/// `exp` is required, a number, and later than now minus the skew.
pub fn expiration(exp: Option<&Value>, skew_ms: f64, now_ms: f64) -> Check {
    let Some(seconds) = number(exp) else {
        return Err(ensure_clerk_jwt(format!(
            "Invalid JWT expiry date claim (exp) {}. Expected number.",
            js::stringify_opt(exp)
        )));
    };
    let expiry = js::date_ms_from_seconds(seconds);
    let now = js::time_clip(now_ms);
    if expiry <= now - skew_ms {
        return Err(Error::token(
            Reason::TokenExpired,
            format!(
                "JWT is expired. Expiry date: {}, Current date: {}.",
                js::to_utc_string(expiry),
                js::to_utc_string(now)
            ),
        ));
    }
    Ok(())
}

/// `nbf`, when present, is a number not later than now plus the skew.
pub fn activation(nbf: Option<&Value>, skew_ms: f64, now_ms: f64) -> Check {
    let Some(value) = nbf else { return Ok(()) };
    let Some(seconds) = number(Some(value)) else {
        return Err(ensure_clerk_jwt(format!(
            "Invalid JWT not before date claim (nbf) {}. Expected number.",
            js::stringify(value)
        )));
    };
    let not_before = js::date_ms_from_seconds(seconds);
    let now = js::time_clip(now_ms);
    if not_before > now + skew_ms {
        return Err(Error::token(
            Reason::TokenNotActiveYet,
            format!(
                "JWT cannot be used prior to not before date claim (nbf). Not before date: {}; Current date: {};",
                js::to_utc_string(not_before),
                js::to_utc_string(now)
            ),
        ));
    }
    Ok(())
}

/// `iat`, when present, is a number not later than now plus the skew.
pub fn issued_at(iat: Option<&Value>, skew_ms: f64, now_ms: f64) -> Check {
    let Some(value) = iat else { return Ok(()) };
    let Some(seconds) = number(Some(value)) else {
        return Err(ensure_clerk_jwt(format!(
            "Invalid JWT issued at date claim (iat) {}. Expected number.",
            js::stringify(value)
        )));
    };
    let issued = js::date_ms_from_seconds(seconds);
    let now = js::time_clip(now_ms);
    if issued > now + skew_ms {
        return Err(Error::token(
            Reason::TokenNotActiveYet,
            format!(
                "JWT issued at date claim (iat) is in the future. Issued at date: {}; Current date: {};",
                js::to_utc_string(issued),
                js::to_utc_string(now)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: f64 = 1_700_000_000_000.0;
    const SKEW: f64 = 5000.0;

    fn reason(r: Check) -> Option<&'static str> {
        r.err().map(|e| e.reason().unwrap().as_str())
    }

    #[test]
    fn expiry_at_the_exact_skew_boundary() {
        // expired when exp <= now - skew
        let boundary = (NOW - SKEW) / 1000.0;
        assert_eq!(
            reason(expiration(Some(&json!(boundary)), SKEW, NOW)),
            Some("token-expired")
        );
        assert_eq!(
            reason(expiration(Some(&json!(boundary + 1.0)), SKEW, NOW)),
            None
        );
        // fractional seconds are truncated as Date does
        assert_eq!(
            reason(expiration(Some(&json!(boundary + 0.999)), SKEW, NOW)),
            Some("token-expired")
        );
        assert_eq!(
            reason(expiration(Some(&json!(NOW / 1000.0 + 1.0)), 0.0, NOW)),
            None
        );
        assert_eq!(
            reason(expiration(Some(&json!(NOW / 1000.0)), 0.0, NOW)),
            Some("token-expired")
        );
        let e = expiration(Some(&json!(1_699_990_000)), SKEW, NOW).unwrap_err();
        assert_eq!(
            e.message(),
            "JWT is expired. Expiry date: Tue, 14 Nov 2023 19:26:40 GMT, Current date: Tue, 14 Nov 2023 22:13:20 GMT."
        );
    }

    #[test]
    fn not_before_and_issued_at_at_the_exact_skew_boundary() {
        let boundary = (NOW + SKEW) / 1000.0;
        assert_eq!(reason(activation(Some(&json!(boundary)), SKEW, NOW)), None);
        assert_eq!(
            reason(activation(Some(&json!(boundary + 1.0)), SKEW, NOW)),
            Some("token-not-active-yet")
        );
        assert_eq!(reason(issued_at(Some(&json!(boundary)), SKEW, NOW)), None);
        assert_eq!(
            reason(issued_at(Some(&json!(boundary + 1.0)), SKEW, NOW)),
            Some("token-not-active-yet")
        );
        assert_eq!(reason(activation(None, SKEW, NOW)), None);
        assert_eq!(
            reason(issued_at(Some(&json!(null)), SKEW, NOW)),
            Some("token-verification-failed")
        );
        assert_eq!(
            reason(issued_at(Some(&json!("1")), SKEW, NOW)),
            Some("token-verification-failed")
        );
    }

    #[test]
    fn out_of_range_dates_are_invalid_and_never_expire() {
        // as in the reference: an Invalid Date compares false
        assert_eq!(reason(expiration(Some(&json!(1e300)), SKEW, NOW)), None);
        let e = issued_at(Some(&json!(1e13)), SKEW, NOW);
        assert_eq!(reason(e), None);
        assert_eq!(
            reason(expiration(Some(&json!(-5)), SKEW, NOW)),
            Some("token-expired")
        );
    }

    #[test]
    fn claim_types() {
        assert_eq!(reason(subject(Some(&json!("u")))), None);
        let e = subject(Some(&json!(5))).unwrap_err();
        assert_eq!(
            e.message(),
            "Subject claim (sub) is required and must be a string. Received 5."
        );
        assert_eq!(e.action(), Some(Action::EnsureClerkJwt));
        assert!(subject(None)
            .unwrap_err()
            .message()
            .ends_with("Received undefined."));
        assert_eq!(
            reason(header_type(Some(&json!("at+jwt")))),
            Some("token-invalid")
        );
        assert_eq!(reason(header_type(None)), None);
        assert!(header_algorithm(Some(&json!("HS256"))).is_err());
        assert_eq!(
            header_algorithm(None).unwrap_err().message(),
            "Invalid JWT algorithm undefined. Supported: RS256,RS384,RS512."
        );
        assert_eq!(
            header_algorithm(Some(&json!("RS384"))).unwrap(),
            Algorithm::RS384
        );
    }

    #[test]
    fn audience_rules() {
        let one = Audience::One("a".into());
        let many = Audience::Many(vec!["a".into(), "b".into()]);
        assert!(audience(Some(&json!("a")), Some(&one)).is_ok());
        assert!(audience(Some(&json!("b")), Some(&many)).is_ok());
        assert!(audience(Some(&json!(["x", "b"])), Some(&many)).is_ok());
        assert!(audience(None, Some(&many)).is_ok());
        assert!(audience(Some(&json!("")), Some(&many)).is_ok());
        assert!(audience(Some(&json!("c")), None).is_ok());
        let e = audience(Some(&json!("c")), Some(&one)).unwrap_err();
        assert_eq!(
            e.message(),
            r#"Invalid JWT audience claim array (aud) ["c"]. Is not included in "["a"]"."#
        );
        assert!(audience(Some(&json!(["c", "d"])), Some(&many)).is_err());
        // empty entries are dropped before the check
        assert!(audience(Some(&json!(["", ""])), Some(&many)).is_ok());
        assert!(audience(Some(&json!(["", "b"])), Some(&many)).is_ok());
        assert!(audience(Some(&json!(["", "c"])), Some(&many)).is_err());
    }

    #[test]
    fn authorized_parties_and_issuer() {
        let parties = vec!["https://a.com".to_string(), "https://b.com".to_string()];
        assert!(authorized_parties(Some(&json!("https://a.com")), Some(&parties)).is_ok());
        assert!(authorized_parties(None, Some(&parties)).is_ok());
        assert!(authorized_parties(Some(&json!("https://c.com")), Some(&[])).is_ok());
        let e = authorized_parties(Some(&json!("https://c.com")), Some(&parties)).unwrap_err();
        assert_eq!(
            e.message(),
            r#"Invalid JWT Authorized party claim (azp) "https://c.com". Expected "https://a.com,https://b.com"."#
        );
        assert!(issuer_equals(Some(&json!("x")), "x").is_ok());
        assert!(issuer_equals(None, "x").is_ok());
        assert!(issuer_equals(Some(&json!("")), "x").is_ok());
        assert_eq!(
            reason(issuer_equals(Some(&json!("y")), "x")),
            Some("token-invalid-issuer")
        );
        assert_eq!(
            reason(issuer_equals(Some(&json!(3)), "x")),
            Some("token-invalid-issuer")
        );
    }
}
